"""Emulation movements and campaigns through which exemplars are discovered.

A minimal record for now: the exemplars issue needs to name the campaign an exemplar was
found through; reviews, pledges, events and coverage come with the campaigns issue.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel
from simple_history.models import HistoricalRecords

from registry import rules as perms
from registry.models import ValidityPeriod


class Campaign(RulesModel, ValidityPeriod):
    """An emulation movement (phong trào thi đua) or a campaign (cuộc vận động)."""

    class Kind(models.TextChoices):
        MOVEMENT = "movement", _("Emulation movement")
        CAMPAIGN = "campaign", _("Campaign")

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
    description = models.TextField(_("description"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("emulation movement or campaign")
        verbose_name_plural = _("emulation movements and campaigns")
        rules_permissions = perms.administered()

    def __str__(self):
        return self.name
