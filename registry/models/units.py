"""Units and their kinds, emulation blocs and quota rules.

Rules that change with law or administrative reform (unit kinds, the unit tree, who reviews
whom, quotas, criteria wording) are rows, never code: kinds and blocs with years of
validity, units with the days they were in force and the successions that link them, quota
rules with the plan that sets them.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel
from simple_history.models import HistoricalRecords

from exemplar_portal.base.records import Searchable, WithPage

from .. import rules as perms
from .records import UnitScopedQuerySet, unit_link

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


class EnglishNamed(models.Model):
    """Reference data whose Vietnamese name has an English one: readers of the English
    portal see ``name_en`` (``label``, ``str``), everyone else, documents and exports the
    Vietnamese ``name``."""

    name_en = models.CharField(
        _("name in English"),
        max_length=200,
        blank=True,
        help_text=_("Shown to those who read the portal in English; empty: the Vietnamese name."),
    )

    class Meta:
        abstract = True

    @property
    def label(self) -> str:
        from django.utils.translation import get_language

        if self.name_en and (get_language() or "").startswith("en"):
            return self.name_en
        return self.name

    def __str__(self):
        return self.label


class UnitKind(EnglishNamed, RulesModel, ValidityPeriod):
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
    requires_head_signoff = models.BooleanField(
        _("the unit head signs off what the unit sends"),
        default=False,
        help_text=_(
            "An exemplar an editor of a unit of this kind sends goes first to the unit's head, "
            "who approves it on to the next reviewer or returns it with a reason. A unit may "
            "decide otherwise for itself."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("unit kind")
        verbose_name_plural = _("unit kinds")
        rules_permissions = perms.administered()


class EmulationBloc(RulesModel, ValidityPeriod):
    """An emulation bloc (khối thi đua) grouping units, led by a bloc head unit."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    head_unit = unit_link("headed_blocs", _("bloc head unit"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("emulation bloc")
        verbose_name_plural = _("emulation blocs")
        rules_permissions = perms.administered()

    def __str__(self):
        return self.name


def day_month_year(day) -> str:
    """A date as Vietnamese offices write it in running text: "30/6/2025"."""
    return f"{day.day}/{day.month}/{day.year}"


class UnitQuerySet(UnitScopedQuerySet):
    """The units whose records the user reaches are the units the user reaches."""

    unit_paths = ("pk",)

    def active_on(self, day: datetime.date):
        """Units in force on ``day`` (an open end means "still in force")."""
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_until__isnull=True) | Q(valid_until__gte=day),
        )

    def active_in(self, year: int):
        """Units in force on at least one day of ``year``."""
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=datetime.date(year, 12, 31)),
            Q(valid_until__isnull=True) | Q(valid_until__gte=datetime.date(year, 1, 1)),
        )

    def search(self, query: str):
        """Accent-insensitive search on name, short name and code."""
        from exemplar_portal.base.search import search

        return search(self, query, fields=["name", "short_name", "code"])


class Unit(WithPage, Searchable, RulesModel):
    """An agency, organisation or locality (cơ quan, đơn vị, địa phương).

    A unit is in force from ``valid_from`` to ``valid_until`` (both days included; empty means
    open). A unit that ended is never deleted nor renamed in place: its records stay its own,
    and ``UnitSuccession`` rows say which units carried on from it.
    """

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
    parent = unit_link("children", _("parent unit"), null=True, blank=True)
    bloc = models.ForeignKey(
        EmulationBloc,
        verbose_name=_("emulation bloc"),
        related_name="units",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    valid_from = models.DateField(
        _("in force from"), null=True, blank=True, help_text=_("Empty when always.")
    )
    valid_until = models.DateField(
        _("in force until"),
        null=True,
        blank=True,
        help_text=_("The last day of the unit; empty while it exists."),
    )
    end_basis = models.CharField(
        _("legal basis of the end"),
        max_length=255,
        blank=True,
        help_text=_("The law, resolution or decision that ended the unit."),
    )
    requires_head_signoff = models.BooleanField(
        _("the unit head signs off what the unit sends"),
        null=True,
        blank=True,
        default=None,
        help_text=_(
            "“As its kind says”: the unit's kind decides. Yes or no: this unit's own choice, "
            "whatever its kind says."
        ),
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    history = HistoricalRecords(excluded_fields=["search_text"])

    objects = UnitQuerySet.as_manager()
    searched_fields = ("name", "short_name", "code")
    page_url = "registry:unit_detail"
    page_key = "code"

    class Meta:
        ordering = ["kind__order", "name", "valid_from"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        rules_permissions = perms.administered(view_people=perms.can_reach_unit)

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        """The name, and for a unit that ended, its last day: "Xã Gia Vân (đến 30/6/2025)"."""
        if self.valid_until is None:
            return self.name
        return _("%(name)s (until %(date)s)") % {
            "name": self.name,
            "date": day_month_year(self.valid_until),
        }

    def clean(self):
        super().clean()
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("The last day comes before the first.")})
        ancestor = self.parent
        seen = set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk and ancestor.pk == self.pk:
                raise ValidationError({"parent": _("A unit cannot be placed under itself.")})
            seen.add(ancestor.pk)
            ancestor = ancestor.parent

    def is_active_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or self.valid_until >= day
        )

    def is_active_in(self, year: int) -> bool:
        """In force on at least one day of ``year``."""
        return (self.valid_from is None or self.valid_from.year <= year) and (
            self.valid_until is None or self.valid_until.year >= year
        )

    def has_ended(self, today: datetime.date | None = None) -> bool:
        from django.utils import timezone

        return self.valid_until is not None and self.valid_until < (today or timezone.localdate())

    @property
    def first_year(self) -> int | None:
        return self.valid_from.year if self.valid_from else None

    @property
    def last_year(self) -> int | None:
        return self.valid_until.year if self.valid_until else None

    @property
    def period_display(self) -> str:
        """ "1/7/2025 – now"; a unit whose first day is not recorded (it existed before the
        portal's data) says so in words rather than with a bare "…"."""
        end = day_month_year(self.valid_until) if self.valid_until else _("now")
        if self.valid_from is None:
            return _("from before the records until %(end)s") % {"end": end}
        return f"{day_month_year(self.valid_from)} – {end}"

    def reviewing_unit_on(self, day: datetime.date):
        """The unit that endorses this unit's submissions sent on ``day`` before they go to
        Home Affairs: the parent, if its kind reviews its children and it is in force that
        day; otherwise none (the submission goes straight to Home Affairs)."""
        parent = self.parent
        if parent is not None and parent.kind.reviews_children and parent.is_active_on(day):
            return parent
        return None

    @property
    def needs_head_signoff(self) -> bool:
        """Whether an exemplar an editor of this unit sends goes first to the unit's head:
        the unit's own choice if it made one, else its kind's."""
        if self.requires_head_signoff is not None:
            return self.requires_head_signoff
        return self.kind.requires_head_signoff

    @property
    def reviewing_unit(self):
        """The unit that endorses this unit's submissions sent today, if any."""
        from django.utils import timezone

        return self.reviewing_unit_on(timezone.localdate())


class UnitSuccession(RulesModel):
    """One unit carried on by another from a date: a merger, split, renaming or absorption.

    Several rows with one successor record a merger (several into one); several rows with one
    predecessor a split (one into several). ``takes_over_work`` marks the successor that takes
    the predecessor's unfinished work, its records and its results of the year (at most one per
    predecessor); the others are kept for tracing.
    """

    class Kind(models.TextChoices):
        MERGER = "merger", _("Merger")
        SPLIT = "split", _("Split")
        RENAMING = "renaming", _("Renaming")
        ABSORPTION = "absorption", _("Absorption into another unit")

    predecessor = unit_link("successions_out", _("predecessor"), on_delete=models.CASCADE)
    successor = unit_link("successions_in", _("successor"), on_delete=models.CASCADE)
    kind = models.CharField(_("kind of change"), max_length=16, choices=Kind.choices)
    effective_on = models.DateField(
        _("effective from"), help_text=_("The first day the successor carries on.")
    )
    legal_basis = models.CharField(
        _("legal basis"),
        max_length=255,
        help_text=_('The resolution or decision, e.g. "Nghị quyết số 1674/NQ-UBTVQH15".'),
    )
    takes_over_work = models.BooleanField(
        _("takes over the unit's work"),
        default=True,
        help_text=_(
            "The successor takes over the predecessor's unfinished records and its results "
            "of the year. At most one successor of a unit does."
        ),
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["effective_on", "predecessor__name", "successor__name"]
        verbose_name = _("unit succession")
        verbose_name_plural = _("unit successions")
        rules_permissions = perms.administered()
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="unit_succession_unique_pair"
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=models.F("successor")),
                name="unit_succession_not_itself",
            ),
        ]

    def __str__(self):
        return f"{self.predecessor} → {self.successor} ({self.get_kind_display()})"

    def clean(self):
        super().clean()
        if not (self.predecessor_id and self.successor_id):
            return
        if self.predecessor_id == self.successor_id:
            raise ValidationError({"successor": _("A unit cannot succeed itself.")})
        if self.effective_on:
            ended = self.predecessor.valid_until
            if ended is None or ended >= self.effective_on:
                raise ValidationError(
                    {
                        "effective_on": _(
                            "%(unit)s must end before the successor carries on: set its last "
                            "day (in force until) first."
                        )
                        % {"unit": self.predecessor.name}
                    }
                )
            if not self.successor.is_active_on(self.effective_on):
                raise ValidationError(
                    {
                        "effective_on": _("%(unit)s is not in force on that day.")
                        % {"unit": self.successor.name}
                    }
                )
        if self.takes_over_work:
            other = (
                UnitSuccession.objects.filter(
                    predecessor_id=self.predecessor_id, takes_over_work=True
                )
                .exclude(pk=self.pk)
                .select_related("successor")
                .first()
            )
            if other is not None:
                raise ValidationError(
                    {
                        "takes_over_work": _(
                            "%(successor)s already takes over the work of %(unit)s."
                        )
                        % {"successor": other.successor.name, "unit": self.predecessor.name}
                    }
                )
        # No circle: the predecessor must not descend from the successor.
        seen, frontier = set(), {self.predecessor_id}
        while frontier:
            if self.successor_id in frontier:
                raise ValidationError(
                    _("This link would make a circle: %(unit)s already descends from it.")
                    % {"unit": self.predecessor.name}
                )
            seen |= frontier
            frontier = (
                set(
                    UnitSuccession.objects.filter(successor_id__in=frontier).values_list(
                        "predecessor_id", flat=True
                    )
                )
                - seen
            )


class QuotaRuleQuerySet(models.QuerySet):
    def in_force(self, year: int):
        """The rules of the plan in force in ``year`` (none when no plan covers it)."""
        return self.filter(plan__period_from__lte=year, plan__period_to__gte=year)

    def for_kind(self, kind, year: int):
        return self.in_force(year).filter(unit_kind=kind).select_related("plan").first()


class QuotaRule(RulesModel):
    """The yearly minimum of exemplars a unit of a kind selects, as a plan sets it (plan
    VI.7-VI.8). A rule applies in the years of its plan's period."""

    plan = models.ForeignKey(
        "Plan", verbose_name=_("plan"), related_name="quota_rules", on_delete=models.CASCADE
    )
    unit_kind = models.ForeignKey(
        UnitKind,
        verbose_name=_("unit kind"),
        related_name="quota_rules",
        on_delete=models.PROTECT,
    )
    minimum = models.PositiveSmallIntegerField(
        _("minimum exemplars per year"), validators=[MinValueValidator(0)]
    )
    counts_endorsed = models.BooleanField(
        _("counts what it endorsed"),
        default=False,
        help_text=_(
            "Exemplars of its child units that the unit endorsed count toward its own minimum "
            "(a district's exemplars include its communes' ones)."
        ),
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
        ordering = ["plan", "unit_kind__order"]
        verbose_name = _("quota rule")
        verbose_name_plural = _("quota rules")
        rules_permissions = perms.administered()
        constraints = [
            models.UniqueConstraint(fields=["plan", "unit_kind"], name="quota_rule_one_per_kind")
        ]

    def __str__(self):
        return _("%(kind)s: at least %(minimum)s (%(period)s)") % {
            "kind": self.unit_kind,
            "minimum": self.minimum,
            "period": self.plan.period_label if self.plan_id else "",
        }
