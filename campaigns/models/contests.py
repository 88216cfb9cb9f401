"""Writing and reportage contests on exemplars (plan III.1): rounds, entries, judging, prizes."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel
from simple_history.models import HistoricalRecords

from exemplar_portal.base.scopes import RestrictedQuerySet
from exemplar_portal.base.text import fold
from registry.selectors import unit_ids_in_scope


class ContestQuerySet(RestrictedQuerySet):
    def scope(self, user, action):
        """Contests are public to every signed-in user (their entries are scoped)."""
        return None


class Contest(RulesModel):
    """A contest of writing or reportage portraying advanced exemplars."""

    class Kind(models.TextChoices):
        WRITING = "writing", _("Writing contest")
        REPORTAGE = "reportage", _("Reportage contest")
        WRITING_AND_REPORTAGE = "writing_and_reportage", _("Writing and reportage contest")

    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    organiser = models.ForeignKey(
        "registry.Unit",
        verbose_name=_("organiser"),
        related_name="organised_contests",
        on_delete=models.PROTECT,
    )
    campaign = models.ForeignKey(
        "registry.Campaign",
        verbose_name=_("movement"),
        related_name="contests",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    opens_on = models.DateField(_("entries open on"))
    closes_on = models.DateField(_("entries close on"))
    description = models.TextField(_("rules and themes"), blank=True)
    results_published_at = models.DateTimeField(_("results published"), null=True, blank=True)
    search_text = models.TextField(editable=False, default="")
    history = HistoricalRecords(excluded_fields=["search_text"])

    objects = ContestQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-opens_on", "-pk"]
        verbose_name = _("contest")
        verbose_name_plural = _("contests")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("campaigns:contest_detail", kwargs={"pk": self.pk})

    def clean(self):
        super().clean()
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("Entries cannot close before they open.")})

    def save(self, *args, **kwargs):
        self.search_text = fold(self.name)
        super().save(*args, **kwargs)


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


class ContestRound(models.Model):
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

    class Meta:
        ordering = ["contest", "number"]
        verbose_name = _("judging round")
        verbose_name_plural = _("judging rounds")
        constraints = [
            models.UniqueConstraint(fields=["contest", "number"], name="round_number_unique")
        ]

    def __str__(self):
        return f"{self.contest} · {self.name}"

    def get_absolute_url(self):
        return reverse("campaigns:contest_round", kwargs={"pk": self.pk})


class ContestEntryQuerySet(RestrictedQuerySet):
    scope_spans_many = True

    def scope(self, user, action):
        """Entries by the user's units, about their exemplars, in their contests, or judged by
        the user."""
        scope = unit_ids_in_scope(user)
        if scope is None:
            return None
        return (
            Q(author_unit__in=scope)
            | Q(exemplars__unit__in=scope)
            | Q(contest__organiser__in=scope)
            | Q(rounds__judges=user)
        )


class ContestEntry(RulesModel):
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
    author_unit = models.ForeignKey(
        "registry.Unit",
        verbose_name=_("authors' unit"),
        related_name="contest_entries",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    exemplars = models.ManyToManyField(
        "registry.Exemplar", verbose_name=_("exemplars portrayed"), related_name="contest_entries"
    )
    url = models.URLField(_("link"), max_length=500, blank=True)
    received_on = models.DateField(_("received on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        related_name="+",
        on_delete=models.PROTECT,
        editable=False,
    )
    search_text = models.TextField(editable=False, default="")
    objects = ContestEntryQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[exemplars], excluded_fields=["search_text"])

    class Meta:
        ordering = ["contest", "title"]
        verbose_name = _("contest entry")
        verbose_name_plural = _("contest entries")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("campaigns:contest_entry", kwargs={"pk": self.pk})

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.title} {self.authors}")
        super().save(*args, **kwargs)


class Score(models.Model):
    """One judge's score of one entry on one criterion in one round."""

    round = models.ForeignKey(
        ContestRound, verbose_name=_("round"), related_name="scores", on_delete=models.CASCADE
    )
    entry = models.ForeignKey(
        ContestEntry, verbose_name=_("entry"), related_name="scores", on_delete=models.CASCADE
    )
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("judge"),
        related_name="contest_scores",
        on_delete=models.PROTECT,
    )
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

    round = models.ForeignKey(
        ContestRound, verbose_name=_("round"), related_name="recusals", on_delete=models.CASCADE
    )
    entry = models.ForeignKey(
        ContestEntry, verbose_name=_("entry"), related_name="recusals", on_delete=models.CASCADE
    )
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("judge"),
        related_name="contest_recusals",
        on_delete=models.PROTECT,
    )
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
