"""Emulation movements and campaigns through which exemplars are discovered.

A minimal record for now: the exemplars issue needs to name the campaign an exemplar was
found through; reviews, pledges, events and coverage come with the campaigns issue.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel
from simple_history.models import HistoricalRecords

from registry import rules as perms
from registry.models import ValidityPeriod
from registry.text import fold


class Campaign(RulesModel, ValidityPeriod):
    """An emulation movement (phong trào thi đua) or a campaign (cuộc vận động).

    Its years of validity are its period; the exemplars discovered through it point to it.
    """

    class Kind(models.TextChoices):
        MOVEMENT = "movement", _("Emulation movement")
        CAMPAIGN = "campaign", _("Campaign")

    class Level(models.TextChoices):
        NATIONAL = "national", _("National")
        PROVINCIAL = "provincial", _("Provincial")
        SECTOR = "sector", _("Sector")
        LOCAL = "local", _("Local")

    class LaunchedBy(models.TextChoices):
        PRIME_MINISTER = "prime_minister", _("The Prime Minister")
        PROVINCE = "province", _("The Provincial People's Committee")
        UNIT = "unit", _("A unit")

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    launched_by = models.CharField(_("launched by"), max_length=20, choices=LaunchedBy.choices)
    launching_unit = models.ForeignKey(
        "registry.Unit",
        verbose_name=_("launching unit"),
        related_name="launched_campaigns",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    level = models.CharField(
        _("level"), max_length=16, choices=Level.choices, default=Level.PROVINCIAL
    )
    fields = models.ManyToManyField(
        "registry.Field", verbose_name=_("fields"), related_name="campaigns", blank=True
    )
    target_units = models.ManyToManyField(
        "registry.Unit",
        verbose_name=_("target units"),
        related_name="targeted_by_campaigns",
        blank=True,
        help_text=_("Leave empty when the movement concerns every unit."),
    )
    description = models.TextField(_("description"), blank=True)
    search_text = models.TextField(editable=False, default="")
    history = HistoricalRecords(m2m_fields=[fields, target_units], excluded_fields=["search_text"])

    class Meta:
        ordering = ["-valid_from", "name"]
        verbose_name = _("emulation movement or campaign")
        verbose_name_plural = _("emulation movements and campaigns")
        rules_permissions = {
            "view": perms.is_authenticated,
            "add": perms.can_manage_campaigns,
            "change": perms.can_manage_campaigns,
            "delete": perms.can_manage_campaigns,
        }

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("campaigns:campaign_detail", kwargs={"code": self.code})

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.name} {self.code}")
        super().save(*args, **kwargs)


class CampaignReview(models.Model):
    """A review of a movement: a preliminary (sơ kết) or final (tổng kết) one."""

    class Kind(models.TextChoices):
        PRELIMINARY = "preliminary", _("Preliminary review (sơ kết)")
        FINAL = "final", _("Final review (tổng kết)")

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("movement"), related_name="reviews", on_delete=models.CASCADE
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    date = models.DateField(_("date"))
    results = models.TextField(_("results"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        related_name="+",
        on_delete=models.PROTECT,
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("movement review")
        verbose_name_plural = _("movement reviews")

    def __str__(self):
        return f"{self.get_kind_display()} · {self.campaign} · {self.date}"


class Pledge(models.Model):
    """An emulation pledge (giao ước thi đua) signed between units or within a bloc."""

    title = models.CharField(_("title"), max_length=300)
    year = models.PositiveSmallIntegerField(_("year"))
    signed_on = models.DateField(_("signed on"))
    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("movement"),
        related_name="pledges",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    bloc = models.ForeignKey(
        "registry.EmulationBloc",
        verbose_name=_("emulation bloc"),
        related_name="pledges",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    units = models.ManyToManyField(
        "registry.Unit", verbose_name=_("signing units"), related_name="pledges"
    )
    content = models.TextField(_("commitments"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        related_name="+",
        on_delete=models.PROTECT,
    )
    history = HistoricalRecords(m2m_fields=[units])

    class Meta:
        ordering = ["-signed_on", "-pk"]
        verbose_name = _("emulation pledge")
        verbose_name_plural = _("emulation pledges")

    def __str__(self):
        return self.title


class Difficulty(RulesModel):
    """A difficulty or proposal (phản ánh vướng mắc, đề xuất) a unit sends to Home Affairs.

    A thread: the unit writes, Home Affairs answers. Open → answered (Home Affairs wrote
    last) → closed; a unit writing on an answered thread re-opens it; a closed thread takes
    no new message. Who may do what is in campaigns/rules.py.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Awaiting an answer")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", _("Closed")

    unit = models.ForeignKey(
        "registry.Unit",
        verbose_name=_("unit"),
        related_name="difficulties",
        on_delete=models.PROTECT,
    )
    subject = models.CharField(_("topic"), max_length=300)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        related_name="+",
        on_delete=models.PROTECT,
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last activity"), auto_now=True)
    search_text = models.TextField(editable=False, default="")
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("difficulty or proposal")
        verbose_name_plural = _("difficulties and proposals")
        indexes = [models.Index(fields=["status", "updated_at"])]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        return reverse("campaigns:difficulty_detail", kwargs={"pk": self.pk})

    def save(self, *args, **kwargs):
        self.search_text = fold(self.subject)
        super().save(*args, **kwargs)

    @property
    def is_closed(self):
        return self.status == self.Status.CLOSED


class DifficultyMessage(models.Model):
    """One message of a difficulty thread; never edited once sent."""

    difficulty = models.ForeignKey(
        Difficulty,
        verbose_name=_("difficulty or proposal"),
        related_name="messages",
        on_delete=models.CASCADE,
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        related_name="+",
        on_delete=models.PROTECT,
    )
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self):
        return f"{self.difficulty} · {self.author} · {self.created_at:%d/%m/%Y %H:%M}"


class RegulationRequirement(ValidityPeriod):
    """What units must send: their own regulation of subjects and specific criteria (plan VII.1).

    The deadline is data; the unit kinds say which units must send it, in the years of its
    period.
    """

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
        """Units of the required kinds active in any year of the requirement's period."""
        from django.db.models import Q

        from registry.models import Unit

        units = Unit.objects.filter(kind__in=self.unit_kinds.all())
        if self.valid_to is not None:
            units = units.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=self.valid_to))
        if self.valid_from is not None:
            units = units.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=self.valid_from))
        return units

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
    unit = models.ForeignKey(
        "registry.Unit",
        verbose_name=_("unit"),
        related_name="regulations",
        on_delete=models.PROTECT,
    )
    document = models.FileField(_("file"), upload_to=_regulation_path, editable=False)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        related_name="+",
        on_delete=models.PROTECT,
    )
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SENT
    )
    review_note = models.TextField(_("reason for return"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        related_name="+",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
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
