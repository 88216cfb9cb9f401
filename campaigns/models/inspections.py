"""Inspection and supervision of how units build and spread exemplars (plan III.5)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel
from simple_history.models import HistoricalRecords

from registry.text import fold


class InspectionPlan(models.Model):
    """The yearly plan of inspections, adopted by a decision."""

    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=300)
    decision = models.CharField(
        _("decision"),
        max_length=200,
        blank=True,
        help_text=_("Number and date of the decision adopting the plan."),
    )
    lead_unit = models.ForeignKey(
        "registry.Unit",
        verbose_name=_("lead unit"),
        related_name="inspection_plans",
        on_delete=models.PROTECT,
    )
    description = models.TextField(_("content"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("inspection plan")
        verbose_name_plural = _("inspection plans")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("campaigns:inspection_plan", kwargs={"pk": self.pk})


class Inspection(RulesModel):
    """The inspection or supervision of one unit under a plan, and its findings."""

    class Kind(models.TextChoices):
        INSPECTION = "inspection", _("Inspection")
        SUPERVISION = "supervision", _("Supervision")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        DONE = "done", _("Carried out")

    plan = models.ForeignKey(
        InspectionPlan,
        verbose_name=_("plan"),
        related_name="inspections",
        on_delete=models.PROTECT,
    )
    unit = models.ForeignKey(
        "registry.Unit",
        verbose_name=_("unit inspected"),
        related_name="inspections",
        on_delete=models.PROTECT,
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.INSPECTION)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED
    )
    scheduled_on = models.DateField(_("scheduled for"))
    carried_out_on = models.DateField(_("carried out on"), null=True, blank=True)
    team_leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("team leader"),
        related_name="led_inspections",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    team_members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("team members"),
        related_name="inspections_joined",
        blank=True,
    )
    other_members = models.TextField(
        _("other team members"),
        blank=True,
        help_text=_("Members without a portal account, one per line with their office."),
    )
    findings = models.TextField(
        _("findings"),
        blank=True,
        help_text=_("How the unit finds, builds, nurtures and spreads its exemplars."),
    )
    search_text = models.TextField(editable=False, default="")
    history = HistoricalRecords(m2m_fields=[team_members], excluded_fields=["search_text"])

    class Meta:
        ordering = ["-scheduled_on", "-pk"]
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")

    def __str__(self):
        return f"{self.get_kind_display()} · {self.unit} · {self.scheduled_on:%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("campaigns:inspection_detail", kwargs={"pk": self.pk})

    def clean(self):
        super().clean()
        if self.status == self.Status.DONE and not self.carried_out_on:
            raise ValidationError(
                {"carried_out_on": _("Give the date the inspection was carried out.")}
            )

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.unit.name} {self.findings[:2000]}")
        super().save(*args, **kwargs)


class Recommendation(models.Model):
    """A recommendation to the inspected unit, followed up until it is closed.

    It is closed only through ``close``, which needs at least one follow-up note.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Being followed up")
        CLOSED = "closed", _("Closed")

    inspection = models.ForeignKey(
        Inspection,
        verbose_name=_("inspection"),
        related_name="recommendations",
        on_delete=models.CASCADE,
    )
    text = models.TextField(_("recommendation"))
    due_on = models.DateField(_("due by"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN, editable=False
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, editable=False)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        related_name="+",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["inspection", "pk"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")

    def __str__(self):
        return self.text[:80]

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED

    def close(self, *, by):
        """Close the recommendation; refused while no follow-up note records what was done."""
        from django.utils import timezone

        if self.is_closed:
            raise ValidationError(_("This recommendation is already closed."))
        if not self.follow_ups.exists():
            raise ValidationError(_("Record a follow-up note saying what was done before closing."))
        self.status = self.Status.CLOSED
        self.closed_at = timezone.now()
        self.closed_by = by
        self.save(update_fields=["status", "closed_at", "closed_by"])


class RecommendationFollowUp(models.Model):
    """What the unit did about a recommendation, as recorded by the unit or Home Affairs."""

    recommendation = models.ForeignKey(
        Recommendation,
        verbose_name=_("recommendation"),
        related_name="follow_ups",
        on_delete=models.CASCADE,
    )
    note = models.TextField(_("follow-up note"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        related_name="+",
        on_delete=models.PROTECT,
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["recorded_at", "pk"]
        verbose_name = _("follow-up note")
        verbose_name_plural = _("follow-up notes")

    def __str__(self):
        return self.note[:80]
