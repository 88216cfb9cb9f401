"""Core records: units and their kinds, emulation blocs, quota rules, people, the catalogue.

Rules that change with law or administrative reform (unit kinds, the unit tree, who reviews
whom, quotas, criteria wording) are rows with years of validity, never code.
"""

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel
from simple_history.models import HistoricalRecords

from . import rules as perms
from .enums import CriterionKind, Role
from .text import fold

YEAR_VALIDATORS = [MinValueValidator(1945), MaxValueValidator(2100)]
code_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
    _("A code may hold only letters without accents, digits, dots, dashes and underscores."),
)


class ValidityQuerySet(models.QuerySet):
    def active_in(self, year: int):
        """Rows valid in ``year`` (an open end means "still valid")."""
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=year),
            Q(valid_to__isnull=True) | Q(valid_to__gte=year),
        )


class ValidityPeriod(models.Model):
    """Years (inclusive) in which a row applies; empty means open-ended."""

    valid_from = models.PositiveSmallIntegerField(
        _("valid from (year)"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    valid_to = models.PositiveSmallIntegerField(
        _("valid to (year)"), null=True, blank=True, validators=YEAR_VALIDATORS
    )

    objects = ValidityQuerySet.as_manager()

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError(
                {"valid_to": _("The last year of validity comes before the first.")}
            )

    def is_active_in(self, year: int) -> bool:
        return (self.valid_from is None or self.valid_from <= year) and (
            self.valid_to is None or self.valid_to >= year
        )

    @property
    def period_display(self) -> str:
        start = self.valid_from or "…"
        end = self.valid_to or _("now")
        return f"{start} – {end}"


class UnitKind(RulesModel, ValidityPeriod):
    """A kind of unit: department, mass organisation, district, commune…"""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    order = models.PositiveSmallIntegerField(_("display order"), default=0)
    reviews_children = models.BooleanField(
        _("reviews its child units"),
        default=False,
        help_text=_(
            "Units of this kind endorse or return their child units' submissions before "
            "they go up to Home Affairs (the district level of 2023-2025)."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("unit kind")
        verbose_name_plural = _("unit kinds")
        rules_permissions = perms.administered()

    def __str__(self):
        return self.name


class EmulationBloc(RulesModel, ValidityPeriod):
    """An emulation bloc (khối thi đua) grouping units, led by a bloc head unit."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    head_unit = models.ForeignKey(
        "Unit",
        verbose_name=_("bloc head unit"),
        related_name="headed_blocs",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("emulation bloc")
        verbose_name_plural = _("emulation blocs")
        rules_permissions = perms.administered()

    def __str__(self):
        return self.name


class UnitQuerySet(ValidityQuerySet):
    def search(self, query: str):
        """Accent-insensitive search on name, short name and code."""
        words = fold(query).split()
        qs = self
        for word in words:
            qs = qs.filter(search_text__contains=word)
        return qs

    def in_scope_of(self, user):
        """The units whose records ``user`` may reach (see ``selectors``)."""
        from .selectors import unit_scope_filter

        return self.filter(unit_scope_filter(user))


class Unit(RulesModel, ValidityPeriod):
    """An agency, organisation or locality (cơ quan, đơn vị, địa phương)."""

    code = models.CharField(
        _("code"),
        max_length=40,
        unique=True,
        validators=[code_validator],
        help_text=_("Official code where one exists (province, commune), else a short code."),
    )
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=120, blank=True)
    kind = models.ForeignKey(
        UnitKind, verbose_name=_("kind"), related_name="units", on_delete=models.PROTECT
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        related_name="children",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    bloc = models.ForeignKey(
        EmulationBloc,
        verbose_name=_("emulation bloc"),
        related_name="units",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    search_text = models.TextField(editable=False, db_index=False, default="")
    history = HistoricalRecords(excluded_fields=["search_text"])

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["kind__order", "name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        rules_permissions = perms.administered(view_people=perms.can_reach_unit)

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("registry:unit_detail", kwargs={"code": self.code})

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.name} {self.short_name} {self.code}")
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        ancestor = self.parent
        seen = set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk and ancestor.pk == self.pk:
                raise ValidationError({"parent": _("A unit cannot be placed under itself.")})
            seen.add(ancestor.pk)
            ancestor = ancestor.parent

    @property
    def reviewing_unit(self):
        """The unit that endorses this unit's submissions before Home Affairs, if any."""
        if self.parent_id and self.parent.kind.reviews_children:
            return self.parent
        return None


class QuotaRuleQuerySet(ValidityQuerySet):
    def for_kind(self, kind, year: int):
        return self.filter(unit_kind=kind).active_in(year).order_by("-valid_from").first()


class QuotaRule(RulesModel, ValidityPeriod):
    """The yearly minimum number of exemplars a unit of a kind must select (plan VI.7-VI.8)."""

    unit_kind = models.ForeignKey(
        UnitKind,
        verbose_name=_("unit kind"),
        related_name="quota_rules",
        on_delete=models.PROTECT,
    )
    minimum = models.PositiveSmallIntegerField(
        _("minimum exemplars per year"), validators=[MinValueValidator(0)]
    )
    source = models.CharField(
        _("legal source"),
        max_length=255,
        blank=True,
        help_text=_("The document and section that sets this minimum."),
    )
    history = HistoricalRecords()

    objects = QuotaRuleQuerySet.as_manager()

    class Meta:
        ordering = ["unit_kind__order", "-valid_from"]
        verbose_name = _("quota rule")
        verbose_name_plural = _("quota rules")
        rules_permissions = perms.administered()

    def __str__(self):
        return _("%(kind)s: at least %(minimum)s (%(period)s)") % {
            "kind": self.unit_kind,
            "minimum": self.minimum,
            "period": self.period_display,
        }

    def clean(self):
        super().clean()
        if not self.unit_kind_id:
            return
        start = self.valid_from or 0
        end = self.valid_to or 9999
        overlapping = (
            QuotaRule.objects.filter(unit_kind_id=self.unit_kind_id)
            .exclude(pk=self.pk)
            .filter(
                Q(valid_from__isnull=True) | Q(valid_from__lte=end),
                Q(valid_to__isnull=True) | Q(valid_to__gte=start),
            )
        )
        if overlapping.exists():
            raise ValidationError(
                _(
                    "Another quota rule for this unit kind covers some of these years: "
                    "%(rule)s. Close it first (set its last year)."
                )
                % {"rule": overlapping.first()}
            )


class PortalUserManager(UserManager):
    def get_by_natural_key(self, username):
        # Log-in names are not case-sensitive: "SoNoiVu" and "sonoivu" are one account.
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})


class User(AbstractUser):
    """A person who works in the portal. Every user except a technical superuser has a unit."""

    full_name = models.CharField(_("full name"), max_length=150)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        related_name="users",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    role = models.CharField(
        _("role"), max_length=32, choices=Role.choices, default=Role.UNIT_EDITOR
    )
    position = models.CharField(_("position"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    objects = PortalUserManager()

    class Meta:
        ordering = ["full_name", "username"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.full_name or self.username

    def get_full_name(self):
        return self.full_name or self.username

    def get_short_name(self):
        return self.full_name.split()[-1] if self.full_name else self.username

    def clean(self):
        super().clean()
        if not self.is_superuser and not self.unit_id:
            raise ValidationError({"unit": _("Every user belongs to a unit.")})
        if (
            self.role == Role.DISTRICT_REVIEWER
            and self.unit_id
            and not self.unit.kind.reviews_children
        ):
            raise ValidationError(
                {"role": _("A district reviewer must belong to a unit that reviews its communes.")}
            )

    def save(self, *args, **kwargs):
        # Only administrators (and technical superusers) enter the admin site.
        self.is_staff = self.is_superuser or self.role == Role.ADMINISTRATOR
        super().save(*args, **kwargs)


class CatalogueVersion(RulesModel, ValidityPeriod):
    """One wording of the criteria catalogue, valid for a span of years.

    A published version is never edited: a new wording is a new version, so records keep
    pointing at the text they were judged against.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=255)
    source = models.CharField(_("source document"), max_length=500)
    subjects_text = models.TextField(_("who may be an exemplar"))
    specific_preamble = models.TextField(_("preamble of the specific criteria"), blank=True)
    published = models.BooleanField(_("published"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("catalogue version")
        verbose_name_plural = _("catalogue versions")
        rules_permissions = perms.administered(
            change=perms.is_administrator & ~perms.is_published_version,
            delete=perms.is_administrator & ~perms.is_published_version,
        )

    def __str__(self):
        return self.title

    @classmethod
    def for_year(cls, year: int):
        return cls.objects.filter(published=True).active_in(year).first()


class Field(RulesModel):
    """A field of work (lĩnh vực) with its own specific criterion in each catalogue version."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    order = models.PositiveSmallIntegerField(_("display order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order"]
        verbose_name = _("field")
        verbose_name_plural = _("fields")
        rules_permissions = perms.administered()

    def __str__(self):
        return self.name


class Criterion(RulesModel):
    """A general criterion, or a field's specific criterion, in one catalogue version."""

    version = models.ForeignKey(
        CatalogueVersion,
        verbose_name=_("catalogue version"),
        related_name="criteria",
        on_delete=models.PROTECT,
    )
    kind = models.CharField(_("kind"), max_length=16, choices=CriterionKind.choices)
    field = models.ForeignKey(
        Field,
        verbose_name=_("field"),
        related_name="criteria",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("wording"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["version", "kind", "number"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "kind", "number"], name="criterion_unique_number"
            ),
            models.UniqueConstraint(
                fields=["version", "field"],
                condition=Q(kind="specific"),
                name="criterion_one_specific_per_field",
            ),
            models.CheckConstraint(
                condition=(Q(kind="general", field__isnull=True))
                | Q(kind="specific", field__isnull=False),
                name="criterion_field_matches_kind",
            ),
        ]
        rules_permissions = perms.administered(
            add=perms.is_administrator & ~perms.is_published_version,
            change=perms.is_administrator & ~perms.is_published_version,
            delete=perms.is_administrator & ~perms.is_published_version,
        )

    def __str__(self):
        if self.field_id:
            return f"{self.field}: {self.text[:60]}"
        return f"{self.number}. {self.text[:60]}"

    def clean(self):
        super().clean()
        if self.kind == CriterionKind.GENERAL and self.field_id:
            raise ValidationError({"field": _("A general criterion belongs to no field.")})
        if self.kind == CriterionKind.SPECIFIC and not self.field_id:
            raise ValidationError({"field": _("A specific criterion names its field.")})
        if self.version_id and self.version.published:
            raise ValidationError(
                _("This catalogue version is published; make a new version to change its wording.")
            )
