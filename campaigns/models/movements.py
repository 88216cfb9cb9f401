"""Emulation movements and campaigns, their reviews and emulation pledges."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from exemplar_portal.base.records import by_user
from exemplar_portal.base.scopes import OpenQuerySet
from exemplar_portal.base.uploads import RecordFile
from registry.models import Campaign
from registry.models.records import movement_link


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
    recorded_by = by_user(_("recorded by"))
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
    campaign = movement_link("pledges")
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
    recorded_by = by_user(_("recorded by"))
    history = HistoricalRecords(m2m_fields=[units])

    # Open to every signed-in user.
    objects = OpenQuerySet.as_manager()

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

    record_field = "campaign"

    class Meta(RecordFile.Meta):
        verbose_name = _("movement document or photo")
        verbose_name_plural = _("movement documents and photos")
