"""Emulation movements and campaigns, their reviews and emulation pledges."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel
from simple_history.models import HistoricalRecords

from exemplar_portal.base.text import fold
from registry import rules as perms
from registry.models import ValidityPeriod

from .files import NotesInHistory, RecordFile


class Campaign(NotesInHistory, RulesModel, ValidityPeriod):
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


class CampaignFile(RecordFile):
    """A document of a movement (the launching plan, a guidance…) or a photo of it."""

    folder = "movements"

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("movement"), related_name="files", on_delete=models.CASCADE
    )

    class Meta(RecordFile.Meta):
        verbose_name = _("movement document or photo")
        verbose_name_plural = _("movement documents and photos")
