"""Writing and reportage contests on exemplars (plan III.1): rounds, entries, judging, prizes."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel
from simple_history.models import HistoricalRecords

from exemplar_portal.base.records import Searchable, WithPage, by_user
from exemplar_portal.base.scopes import OpenQuerySet
from registry.models.records import UnitScopedQuerySet, movement_link, unit_link


class Contest(WithPage, Searchable, RulesModel):
    """A contest of writing or reportage portraying advanced exemplars."""

    class Kind(models.TextChoices):
        WRITING = "writing", _("Writing contest")
        REPORTAGE = "reportage", _("Reportage contest")
        WRITING_AND_REPORTAGE = "writing_and_reportage", _("Writing and reportage contest")

    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    organiser = unit_link("organised_contests", _("organiser"))
    campaign = movement_link("contests")
    opens_on = models.DateField(_("entries open on"))
    closes_on = models.DateField(_("entries close on"))
    description = models.TextField(_("rules and themes"), blank=True)
    results_published_at = models.DateTimeField(_("results published"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["search_text"])

    # Open to every signed-in user (their entries are scoped).
    objects = OpenQuerySet.as_manager()
    searched_fields = ("name",)
    page_url = "campaigns:contest_detail"

    class Meta:
        ordering = ["-year", "-opens_on", "-pk"]
        verbose_name = _("contest")
        verbose_name_plural = _("contests")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("Entries cannot close before they open.")})


class ContestCriterion(models.Model):
    """What judges score, with the highest score allowed."""

    contest = models.ForeignKey(
        Contest, verbose_name=_("contest"), related_name="criteria", on_delete=models.CASCADE
    )
    name = models.CharField(_("criterion"), max_length=300)
    max_score = models.DecimalField(
        _("highest score"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["contest", "order", "pk"]
        verbose_name = _("judging criterion")
        verbose_name_plural = _("judging criteria")

    def __str__(self):
        return self.name


class ContestRound(WithPage, models.Model):
    """A round of judging (preliminary, final…) with its panel of judges."""

    contest = models.ForeignKey(
        Contest, verbose_name=_("contest"), related_name="rounds", on_delete=models.CASCADE
    )
    number = models.PositiveSmallIntegerField(_("round number"))
    name = models.CharField(_("name"), max_length=200)
    judges = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("judges"), related_name="judged_rounds"
    )
    entries = models.ManyToManyField(
        "campaigns.ContestEntry",
        verbose_name=_("entries judged"),
        related_name="rounds",
        blank=True,
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    history = HistoricalRecords(m2m_fields=[judges, entries])
    page_url = "campaigns:contest_round"

    class Meta:
        ordering = ["contest", "number"]
        verbose_name = _("judging round")
        verbose_name_plural = _("judging rounds")
        constraints = [
            models.UniqueConstraint(fields=["contest", "number"], name="round_number_unique")
        ]

    def __str__(self):
        return f"{self.contest} · {self.name}"


class ContestEntryQuerySet(UnitScopedQuerySet):
    """Entries by the user's units, about their exemplars, in their contests, or judged by
    the user."""

    scope_spans_many = True
    unit_paths = ("author_unit", "exemplars__unit", "contest__organiser")

    def also_reached(self, user):
        return Q(rounds__judges=user)


class ContestEntry(WithPage, Searchable, RulesModel):
    """A piece of writing or a reportage sent to a contest, portraying exemplars."""

    class Kind(models.TextChoices):
        ARTICLE = "article", _("Article")
        REPORTAGE = "reportage", _("Reportage")
        PHOTO_STORY = "photo_story", _("Photo story")
        VIDEO = "video", _("Video")

    contest = models.ForeignKey(
        Contest, verbose_name=_("contest"), related_name="entries", on_delete=models.PROTECT
    )
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    authors = models.CharField(_("authors"), max_length=300)
    author_unit = unit_link("contest_entries", _("authors' unit"), null=True, blank=True)
    exemplars = models.ManyToManyField(
        "registry.Exemplar", verbose_name=_("exemplars portrayed"), related_name="contest_entries"
    )
    url = models.URLField(_("link"), max_length=500, blank=True)
    received_on = models.DateField(_("received on"))
    recorded_by = by_user(_("recorded by"), editable=False)
    objects = ContestEntryQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[exemplars], excluded_fields=["search_text"])
    searched_fields = ("title", "authors")
    page_url = "campaigns:contest_entry"

    class Meta:
        ordering = ["contest", "title"]
        verbose_name = _("contest entry")
        verbose_name_plural = _("contest entries")

    def __str__(self):
        return self.title


def judging_links(name: str):
    """The round, the entry and the judge of what a judge records about one entry in one
    round: the round and the entry list them as ``name`` ("scores"), the judge as
    "contest_<name>"."""
    return (
        models.ForeignKey(
            ContestRound, verbose_name=_("round"), related_name=name, on_delete=models.CASCADE
        ),
        models.ForeignKey(
            ContestEntry, verbose_name=_("entry"), related_name=name, on_delete=models.CASCADE
        ),
        models.ForeignKey(
            settings.AUTH_USER_MODEL,
            verbose_name=_("judge"),
            related_name=f"contest_{name}",
            on_delete=models.PROTECT,
        ),
    )


class Score(models.Model):
    """One judge's score of one entry on one criterion in one round."""

    round, entry, judge = judging_links("scores")
    criterion = models.ForeignKey(
        ContestCriterion, verbose_name=_("criterion"), related_name="+", on_delete=models.PROTECT
    )
    value = models.DecimalField(
        _("score"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0)]
    )
    scored_at = models.DateTimeField(_("scored"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "entry", "judge", "criterion__order"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "entry", "judge", "criterion"], name="one_score_per_criterion"
            )
        ]

    def __str__(self):
        return f"{self.entry} · {self.judge} · {self.criterion}: {self.value}"

    def clean(self):
        super().clean()
        if self.value is not None and self.criterion_id and self.value > self.criterion.max_score:
            raise ValidationError(
                {
                    "value": ValidationError(
                        _("The score is above the highest score of %(max)s."),
                        params={"max": self.criterion.max_score},
                    )
                }
            )


class Recusal(models.Model):
    """A judge stepping aside from an entry for a conflict of interest; no score then counts."""

    round, entry, judge = judging_links("recusals")
    reason = models.TextField(_("conflict of interest"))
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "entry", "judge"]
        verbose_name = _("recusal")
        verbose_name_plural = _("recusals")
        constraints = [
            models.UniqueConstraint(fields=["round", "entry", "judge"], name="one_recusal")
        ]

    def __str__(self):
        return f"{self.judge} · {self.entry}"


class Prize(models.Model):
    """A prize awarded to an entry."""

    class Level(models.TextChoices):
        SPECIAL = "special", _("Special prize")
        FIRST = "first", _("First prize")
        SECOND = "second", _("Second prize")
        THIRD = "third", _("Third prize")
        CONSOLATION = "consolation", _("Consolation prize")

    contest = models.ForeignKey(
        Contest, verbose_name=_("contest"), related_name="prizes", on_delete=models.CASCADE
    )
    entry = models.ForeignKey(
        ContestEntry, verbose_name=_("entry"), related_name="prizes", on_delete=models.PROTECT
    )
    level = models.CharField(_("prize"), max_length=16, choices=Level.choices)
    amount = models.DecimalField(
        _("amount (VND)"), max_digits=15, decimal_places=0, null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["contest", "level", "pk"]
        verbose_name = _("prize")
        verbose_name_plural = _("prizes")
        constraints = [
            models.UniqueConstraint(fields=["contest", "entry"], name="one_prize_per_entry")
        ]

    def __str__(self):
        return f"{self.get_level_display()} · {self.entry}"
