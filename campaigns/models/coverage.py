"""Media coverage of exemplars: outlets, their columns and each news item, article or programme
(plan III.1)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel
from simple_history.models import HistoricalRecords

from exemplar_portal.base.history import SavedWithLists
from exemplar_portal.base.records import Searchable, WithPage, by_user
from exemplar_portal.base.scopes import OpenQuerySet
from registry.models.records import UnitScopedQuerySet, unit_link


class MediaOutlet(models.Model):
    """Where coverage appears: the provincial newspaper and broadcaster, a unit's portal…"""

    class Kind(models.TextChoices):
        NEWSPAPER = "newspaper", _("Newspaper")
        BROADCASTER = "broadcaster", _("Radio and television")
        UNIT_PORTAL = "unit_portal", _("Unit's web portal")
        SOCIAL_MEDIA = "social_media", _("Social media")
        PUBLICATION = "publication", _("Publication")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    unit = unit_link(
        "media_outlets", _("unit in charge"), help_text=_("Its staff log its coverage.")
    )
    website = models.URLField(_("website"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("media outlet")
        verbose_name_plural = _("media outlets")

    def __str__(self):
        return self.name


class Column(WithPage, models.Model):
    """A dedicated page or column (chuyên trang, chuyên mục) of an outlet on exemplars."""

    class Kind(models.TextChoices):
        PAGE = "page", _("Dedicated page")
        COLUMN = "column", _("Column")
        PROGRAMME = "programme", _("Regular programme")

    outlet = models.ForeignKey(
        MediaOutlet, verbose_name=_("outlet"), related_name="columns", on_delete=models.PROTECT
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.COLUMN)
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    history = HistoricalRecords()

    # Open to every signed-in user (their items are scoped).
    objects = OpenQuerySet.as_manager()
    page_url = "campaigns:column_detail"

    class Meta:
        ordering = ["outlet__name", "name"]
        verbose_name = _("column")
        verbose_name_plural = _("columns")
        constraints = [
            models.UniqueConstraint(fields=["outlet", "name"], name="column_unique_per_outlet")
        ]

    def __str__(self):
        return f"{self.name} ({self.outlet})"


class CoverageQuerySet(UnitScopedQuerySet):
    """Coverage published by an outlet of a unit the user reaches, or about its exemplars."""

    scope_spans_many = True
    unit_paths = ("outlet__unit", "exemplars__unit")


class Coverage(WithPage, Searchable, SavedWithLists, RulesModel):
    """One news item, article, reportage or programme about exemplars."""

    class Kind(models.TextChoices):
        NEWS = "news", _("News item")
        ARTICLE = "article", _("Article")
        REPORTAGE = "reportage", _("Reportage")
        PROGRAMME = "programme", _("Radio or TV programme")
        COLUMN_EPISODE = "column_episode", _("Column episode")
        E_PUBLICATION = "e_publication", _("Electronic publication")

    outlet = models.ForeignKey(
        MediaOutlet, verbose_name=_("outlet"), related_name="coverage", on_delete=models.PROTECT
    )
    column = models.ForeignKey(
        Column,
        verbose_name=_("column"),
        related_name="coverage",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    published_on = models.DateField(_("published on"))
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("link"), max_length=500, blank=True)
    authors = models.CharField(_("authors"), max_length=300, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    exemplars = models.ManyToManyField(
        "registry.Exemplar", verbose_name=_("exemplars covered"), related_name="coverage"
    )
    event = models.ForeignKey(
        "campaigns.Event",
        verbose_name=_("event"),
        related_name="coverage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    recorded_by = by_user(_("recorded by"), editable=False)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[exemplars], excluded_fields=["search_text"])

    objects = CoverageQuerySet.as_manager()
    searched_fields = ("title", "authors")
    page_url = "campaigns:coverage_detail"

    class Meta:
        ordering = ["-published_on", "-pk"]
        verbose_name = _("media coverage")
        verbose_name_plural = _("media coverage")
        indexes = [models.Index(fields=["published_on"])]

    def __str__(self):
        return self.title
