"""Emulation movements and campaigns: what exemplars are discovered through.

A movement is part of the frame the plan sets (like the plan itself), so it lives here;
``campaigns`` keeps everything done within a movement (reviews, pledges, files, events).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel
from simple_history.models import HistoricalRecords

from exemplar_portal.base.history import NotesInHistory
from exemplar_portal.base.records import Searchable, WithPage
from exemplar_portal.base.scopes import OpenQuerySet

from .. import rules as perms
from .records import unit_link
from .units import ValidityPeriod, ValidityQuerySet


class CampaignQuerySet(OpenQuerySet, ValidityQuerySet):
    """Movements are open to every signed-in user (what is done in them is scoped)."""


class Campaign(WithPage, Searchable, NotesInHistory, RulesModel, ValidityPeriod):
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
    launching_unit = unit_link("launched_campaigns", _("launching unit"), null=True, blank=True)
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
    history = HistoricalRecords(m2m_fields=[fields, target_units], excluded_fields=["search_text"])

    objects = CampaignQuerySet.as_manager()
    searched_fields = ("name", "code")
    page_url = "campaigns:campaign_detail"
    page_key = "code"

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
