"""A subject's record of commendation (lịch sử khen thưởng) that the award conditions are
judged against: the awards and titles it holds that the portal did not confer, its yearly
task completion ratings and its recognised initiatives; and the checks of a proposal's
conditions kept as they were known at each step.

A record hangs on one of the subject's yearly exemplars; the conditions read the records of
all of them (``subject_rows``: the same unit, kind of subject and folded name). Every record
names the document that proves it and who recorded it, and keeps its history.
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from exemplar_portal.base.records import by_user
from exemplar_portal.base.scopes import RestrictedQuerySet
from registry.models import Exemplar
from registry.models.records import UnitScopedQuerySet
from registry.models.units import YEAR_VALIDATORS

from .award_law import AwardCondition


def subject_rows(exemplar):
    """The exemplar's records of every year: the same subject in the same unit."""
    return Exemplar.objects.filter(
        unit_id=exemplar.unit_id,
        subject_kind=exemplar.subject_kind,
        subject_key=exemplar.subject_key,
    )


class Verdict(models.TextChoices):
    """What a condition, a group of conditions or an award comes to."""

    MET = "met", _("Met")
    NOT_MET = "not_met", _("Not met")
    REVIEW = "review", _("Needs review")


class Source(models.TextChoices):
    PORTAL = "portal", _("Recorded by the portal")
    TYPED = "typed", _("Typed from a document")
    IMPORTED = "imported", _("Imported from a spreadsheet")


class SubjectRecordQuerySet(RestrictedQuerySet):
    """The records of the exemplars the user reads (``Exemplar.objects.restrict``)."""

    def scope(self, user, action):
        from registry.models.exemplars import exemplar_scope_filter

        reach = exemplar_scope_filter(user)
        if not reach:  # every exemplar
            return None
        return Q(exemplar__in=Exemplar.objects.filter(reach).values("pk"))

    def of_subject(self, exemplar):
        """The records of ``exemplar``'s subject, of any of its yearly rows."""
        return self.filter(exemplar__in=subject_rows(exemplar).values("pk"))


def _subject_link(related_name):
    return models.ForeignKey(
        Exemplar,
        verbose_name=_("exemplar"),
        related_name=related_name,
        on_delete=models.PROTECT,
    )


class SubjectRecord(models.Model):
    """What every record of a subject's history says besides its own facts: where it comes
    from and the document that proves it."""

    source = models.CharField(
        _("source"), max_length=12, choices=Source.choices, default=Source.TYPED, editable=False
    )
    document_number = models.CharField(
        _("document number"), max_length=60, blank=True, help_text=_("For example 125/QĐ-SYT.")
    )
    document_date = models.DateField(_("document date"), null=True, blank=True)
    document_issuer = models.CharField(
        _("issued by"),
        max_length=255,
        blank=True,
        help_text=_("The body or office that issued the document."),
    )
    note = models.TextField(_("note"), blank=True)
    recorded_by = by_user(_("recorded by"), editable=False)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = SubjectRecordQuerySet.as_manager()
    # The URL names of its pages: "reports:<page_name>_detail".
    page_name = ""

    class Meta:
        abstract = True
        ordering = ["-year", "-pk"]

    def get_absolute_url(self):
        return reverse(
            f"reports:{self.page_name}_detail", kwargs={"code": self.exemplar.code, "pk": self.pk}
        )

    @property
    def proof(self) -> str:
        """ "Quyết định 125/QĐ-SYT, 10/01/2024, Sở Y tế": the document in one line."""
        parts = [self.document_number]
        if self.document_date:
            parts.append(self.document_date.strftime("%d/%m/%Y"))
        parts.append(self.document_issuer)
        return ", ".join(part for part in parts if part)


class PriorAward(SubjectRecord):
    """An award or title the subject holds that the portal did not confer: from before the
    portal, or conferred elsewhere."""

    exemplar = _subject_link("prior_awards")
    award = models.ForeignKey(
        "reports.AwardForm",
        verbose_name=_("award or title"),
        related_name="+",
        on_delete=models.PROTECT,
    )
    year = models.PositiveSmallIntegerField(
        _("achievement year"),
        validators=YEAR_VALIDATORS,
        help_text=_("The year of the achievements it was conferred for."),
    )
    history = HistoricalRecords()
    page_name = "prioraward"

    class Meta(SubjectRecord.Meta):
        verbose_name = _("award held")
        verbose_name_plural = _("awards held")
        constraints = [
            models.UniqueConstraint(
                fields=["exemplar", "award", "year"],
                name="prior_award_once_per_year",
                violation_error_message=_("This award is already recorded for that year."),
            )
        ]

    def __str__(self):
        return f"{self.award} ({self.year})"


class TaskRating(SubjectRecord):
    """How well the subject completed its tasks in a year (mức độ hoàn thành nhiệm vụ), as
    its yearly assessment rated it."""

    class Rating(models.TextChoices):
        EXCELLENT = "excellent", _("Completed tasks excellently")
        GOOD = "good", _("Completed tasks well")
        COMPLETED = "completed", _("Completed tasks")
        NOT_COMPLETED = "not_completed", _("Did not complete tasks")

    # From the lowest to the highest.
    RANKS = {"not_completed": 0, "completed": 1, "good": 2, "excellent": 3}

    exemplar = _subject_link("task_ratings")
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    rating = models.CharField(_("rating"), max_length=16, choices=Rating.choices)
    history = HistoricalRecords()
    page_name = "taskrating"

    class Meta(SubjectRecord.Meta):
        verbose_name = _("task completion rating")
        verbose_name_plural = _("task completion ratings")
        constraints = [
            models.UniqueConstraint(
                fields=["exemplar", "year"],
                name="task_rating_once_per_year",
                violation_error_message=_("A rating is already recorded for that year."),
            )
        ]

    def __str__(self):
        return f"{self.get_rating_display()} ({self.year})"

    @classmethod
    def rank(cls, rating: str) -> int:
        return cls.RANKS.get(rating, -1)


class Initiative(SubjectRecord):
    """An initiative (sáng kiến) recognised at a level; once counted for an award it is
    used (``used_for``, or ``used_for_prior`` for an award before the portal) and does not
    count again."""

    Level = AwardCondition.Level
    # From the lowest to the highest.
    RANKS = {"grassroots": 0, "province": 1, "national": 2}

    exemplar = _subject_link("initiatives")
    title = models.CharField(_("title of the initiative"), max_length=300)
    year = models.PositiveSmallIntegerField(_("year recognised"), validators=YEAR_VALIDATORS)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    used_for = models.ForeignKey(
        "reports.AwardProposal",
        verbose_name=_("counted for"),
        related_name="initiatives_used",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
    )
    used_for_prior = models.ForeignKey(
        PriorAward,
        verbose_name=_("counted for an award held"),
        related_name="initiatives_used",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        help_text=_("The award, conferred before the portal, this initiative was counted for."),
    )
    history = HistoricalRecords()
    page_name = "initiative"

    class Meta(SubjectRecord.Meta):
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        constraints = [
            models.UniqueConstraint(
                fields=["exemplar", "title", "year"],
                name="initiative_once_per_year",
                violation_error_message=_("This initiative is already recorded for that year."),
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.year})"

    @classmethod
    def rank(cls, level: str) -> int:
        return cls.RANKS.get(level, -1)

    @property
    def used_for_award(self):
        """The award it was counted for (a proposal's or one held), or None."""
        if self.used_for_id:
            return self.used_for
        return self.used_for_prior


class ConditionCheckQuerySet(UnitScopedQuerySet):
    unit_paths = ("proposal__exemplar__unit", "proposal__proposing_unit")


class ConditionCheck(models.Model):
    """A proposal's conditions as they were judged at one step (sent, completed, allowed
    despite them, conferred): the verdict and the whole evaluation, kept unchanged."""

    class Occasion(models.TextChoices):
        SENT = "sent", _("When sent")
        COMPLETED = "completed", _("When completed")
        OVERRIDDEN = "overridden", _("When allowed despite the conditions")
        CONFERRED = "conferred", _("When conferred")

    proposal = models.ForeignKey(
        "reports.AwardProposal",
        verbose_name=_("award proposal"),
        related_name="condition_checks",
        on_delete=models.CASCADE,
    )
    occasion = models.CharField(_("occasion"), max_length=12, choices=Occasion.choices)
    verdict = models.CharField(_("conditions"), max_length=12, choices=Verdict.choices)
    data = models.JSONField(_("evaluation"), default=dict)
    checked_by = by_user(_("step made by"), null=True, blank=True)
    checked_at = models.DateTimeField(_("checked at"), auto_now_add=True)
    objects = ConditionCheckQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-checked_at", "-pk"]
        verbose_name = _("check of the conditions")
        verbose_name_plural = _("checks of the conditions")

    def __str__(self):
        return f"{self.proposal_id}: {self.get_verdict_display()} ({self.get_occasion_display()})"
