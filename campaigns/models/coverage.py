"""Media coverage of exemplars: outlets, their columns and each news item, article or programme
(plan III.1)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel
from simple_history.models import HistoricalRecords

from exemplar_portal.base.history import SavedWithLists
from exemplar_portal.base.scopes import RestrictedQuerySet
from exemplar_portal.base.text import fold
from registry.selectors import unit_ids_in_scope


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
    unit = models.ForeignKey(
        "registry.Unit",
        verbose_name=_("unit in charge"),
        related_name="media_outlets",
        on_delete=models.PROTECT,
        help_text=_("Its staff log its coverage."),
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


class ColumnQuerySet(RestrictedQuerySet):
    def scope(self, user, action):
        """Columns are public to every signed-in user (their items are scoped)."""
        return None


class Column(models.Model):
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

    objects = ColumnQuerySet.as_manager()

    class Meta:
        ordering = ["outlet__name", "name"]
        verbose_name = _("column")
        verbose_name_plural = _("columns")
        constraints = [
            models.UniqueConstraint(fields=["outlet", "name"], name="column_unique_per_outlet")
        ]

    def __str__(self):
        return f"{self.name} ({self.outlet})"

    def get_absolute_url(self):
        return reverse("campaigns:column_detail", kwargs={"pk": self.pk})


class CoverageQuerySet(RestrictedQuerySet):
    scope_spans_many = True

    def scope(self, user, action):
        """Coverage published by an outlet of a unit the user reaches, or about its
        exemplars."""
        scope = unit_ids_in_scope(user)
        if scope is None:
            return None
        return Q(outlet__unit__in=scope) | Q(exemplars__unit__in=scope)


class Coverage(SavedWithLists, RulesModel):
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
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        related_name="+",
        on_delete=models.PROTECT,
        editable=False,
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    search_text = models.TextField(editable=False, default="")
    history = HistoricalRecords(m2m_fields=[exemplars], excluded_fields=["search_text"])

    objects = CoverageQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-pk"]
        verbose_name = _("media coverage")
        verbose_name_plural = _("media coverage")
        indexes = [models.Index(fields=["published_on"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("campaigns:coverage_detail", kwargs={"pk": self.pk})

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.title} {self.authors}")
        super().save(*args, **kwargs)
