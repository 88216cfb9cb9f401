"""Units' own regulations of subjects and specific criteria (plan VII.1)."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from exemplar_portal.base.records import by_user, status_field
from registry.models import ValidityPeriod
from registry.models.records import UnitScopedQuerySet, unit_link


class RegulationRequirement(ValidityPeriod):
    """What units must send: their own regulation of subjects and specific criteria (plan VII.1).

    The deadline is data; the unit kinds say which units must send it, in the years of its
    period.
    """

    plan = models.ForeignKey(
        "registry.Plan",
        verbose_name=_("plan"),
        related_name="regulation_requirements",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("The plan that sets this requirement and its deadline."),
    )
    title = models.CharField(_("title"), max_length=300)
    source = models.CharField(_("source document"), max_length=300, blank=True)
    deadline = models.DateField(_("deadline"))
    unit_kinds = models.ManyToManyField(
        "registry.UnitKind", verbose_name=_("unit kinds"), related_name="regulation_requirements"
    )
    history = HistoricalRecords(m2m_fields=[unit_kinds])

    class Meta:
        ordering = ["-deadline", "-pk"]
        verbose_name = _("regulation requirement")
        verbose_name_plural = _("regulation requirements")

    def __str__(self):
        return self.title

    def units(self):
        """Units of the required kinds in force on the deadline: a unit that began after it
        owed nothing under this requirement."""
        from registry.models import Unit

        return Unit.objects.filter(kind__in=self.unit_kinds.all()).active_on(self.deadline)

    def late_from(self):
        """The first moment (local time) a regulation counts as late: the day after the deadline."""
        import datetime

        from django.utils import timezone

        day_after = self.deadline + datetime.timedelta(days=1)
        return timezone.make_aware(datetime.datetime.combine(day_after, datetime.time.min))


def _regulation_path(instance, filename):
    # ``filename`` is a generated name; the user's own name is kept in ``original_name``.
    from django.utils import timezone

    return f"regulations/{timezone.localdate().year}/{filename}"


class UnitRegulation(models.Model):
    """One regulation a unit sent for a requirement; the latest row is the current one.

    Sent → acknowledged, or returned with a reason; after a return the unit sends a new row.
    """

    class Status(models.TextChoices):
        SENT = "sent", _("Awaiting acknowledgement")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        RETURNED = "returned", _("Returned")

    requirement = models.ForeignKey(
        RegulationRequirement,
        verbose_name=_("regulation requirement"),
        related_name="regulations",
        on_delete=models.PROTECT,
    )
    unit = unit_link("regulations")
    document = models.FileField(_("file"), upload_to=_regulation_path, editable=False)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    sent_by = by_user(_("sent by"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    status = status_field(Status)
    review_note = models.TextField(_("reason for return"), blank=True)
    reviewed_by = by_user(_("reviewed by"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    objects = UnitScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("unit regulation")
        verbose_name_plural = _("unit regulations")
        indexes = [models.Index(fields=["requirement", "unit", "sent_at"])]

    def __str__(self):
        return f"{self.unit} · {self.original_name}"

    @property
    def is_late(self) -> bool:
        from django.utils import timezone

        return timezone.localdate(self.sent_at) > self.requirement.deadline

    def get_absolute_url(self):
        return reverse(
            "campaigns:regulation_unit",
            kwargs={"requirement": self.requirement_id, "code": self.unit.code},
        )


class RegulationTracking(models.TextChoices):
    """Where a unit stands on a requirement, from its current (latest) regulation."""

    MISSING = "missing", _("Not sent")
    ON_TIME = "on_time", _("Sent on time")
    LATE = "late", _("Sent late")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    RETURNED = "returned", _("Returned")
