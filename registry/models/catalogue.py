"""The criteria catalogue (plan section IV), versioned by years of validity."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel
from simple_history.models import HistoricalRecords

from .. import rules as perms
from ..enums import CriterionKind
from .units import EnglishNamed, ValidityPeriod


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
        """The wording that applies in ``year``: the catalogue of the plan in force, or none
        when no plan covers the year (never an expired plan's wording)."""
        from .plans import plan_in_force

        plan = plan_in_force(year)
        if plan is None or plan.catalogue is None or not plan.catalogue.published:
            return None
        return plan.catalogue


class Field(EnglishNamed, RulesModel):
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

    @property
    def heading(self) -> str:
        """The criterion as the catalogue numbers it: "General criterion 1" to 4, and a
        field's own "Specific criterion: 6. Health" (the field's number in the catalogue)."""
        if self.kind == CriterionKind.GENERAL:
            return _("General criterion %(number)s") % {"number": self.number}
        return _("Specific criterion: %(number)s. %(field)s") % {
            "number": self.number,
            "field": self.field,
        }

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
