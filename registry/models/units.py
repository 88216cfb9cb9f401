"""Units and their kinds, emulation blocs and quota rules.

Rules that change with law or administrative reform (unit kinds, the unit tree, who reviews
whom, quotas, criteria wording) are rows with years of validity, never code.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel
from simple_history.models import HistoricalRecords

from .. import rules as perms
from ..text import fold

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
        from ..search import search

        return search(self, query, fields=["name", "short_name", "code"])

    def in_scope_of(self, user):
        """The units whose records ``user`` may reach (see ``selectors``)."""
        from ..selectors import unit_scope_filter

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
    # The date of each year by which the exemplars must reach Home Affairs (data, not code).
    deadline_month = models.PositiveSmallIntegerField(
        _("deadline month"),
        default=11,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("Month of the yearly deadline for sending the exemplars."),
    )
    deadline_day = models.PositiveSmallIntegerField(
        _("deadline day"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
        help_text=_("Day of the month of the yearly deadline (30/11 by default)."),
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

    def deadline_for(self, year: int):
        """The deadline in ``year`` (a ``date``; day and month are checked to exist every year)."""
        import datetime

        return datetime.date(year, self.deadline_month, self.deadline_day)

    def clean(self):
        super().clean()
        if self.deadline_month and self.deadline_day:
            import datetime

            try:
                # 2001 is not a leap year: a deadline must exist in every year, so no 29/02.
                datetime.date(2001, self.deadline_month, self.deadline_day)
            except ValueError:
                raise ValidationError(
                    {"deadline_day": _("This day does not exist in that month of every year.")}
                ) from None
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
