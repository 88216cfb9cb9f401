"""Events where exemplars are honoured or shared (plan III.2-III.4, VI.2-VI.6)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel
from simple_history.models import HistoricalRecords

from exemplar_portal.base.history import NotesInHistory, SavedWithLists
from exemplar_portal.base.scopes import RestrictedQuerySet
from exemplar_portal.base.text import fold
from exemplar_portal.base.uploads import RecordFile
from registry.selectors import unit_ids_in_scope


class EventQuerySet(RestrictedQuerySet):
    scope_spans_many = True

    def scope(self, user, action):
        """Events organised by, attended by or featuring exemplars of a unit the user
        reaches; for an outlet's staff, also those featuring exemplars their outlet covered."""
        scope = unit_ids_in_scope(user)
        if scope is None:
            return None
        return (
            Q(organiser__in=scope)
            | Q(participating_units__in=scope)
            | Q(exemplars__unit__in=scope)
            | Q(coverage__outlet__unit__in=scope)
            | Q(exemplars__coverage__outlet__unit__in=scope)
        )


class Event(SavedWithLists, NotesInHistory, RulesModel):
    """A conference, congress, meeting, visit or training where exemplars are honoured or shared."""

    class Kind(models.TextChoices):
        CONFERENCE = "conference", _("Conference of advanced exemplars")
        CONGRESS = "congress", _("Patriotic Emulation Congress")
        YEARLY_SUMMARY = "yearly_summary", _("Yearly emulation summary")
        ANNIVERSARY = "anniversary", _("Anniversary of President Ho Chi Minh's call (11 June)")
        FLAG_SALUTE = "flag_salute", _("Monthly flag-salute meeting")
        MEETING = "meeting", _("Meeting or dialogue")
        STUDY_VISIT = "study_visit", _("Study visit to a model")
        TRAINING = "training", _("Training for emulation and propaganda staff")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=300)
    organiser = models.ForeignKey(
        "registry.Unit",
        verbose_name=_("organiser"),
        related_name="organised_events",
        on_delete=models.PROTECT,
    )
    participating_units = models.ManyToManyField(
        "registry.Unit",
        verbose_name=_("participating units"),
        related_name="events_attended",
        blank=True,
    )
    exemplars = models.ManyToManyField(
        "registry.Exemplar",
        verbose_name=_("exemplars featured"),
        related_name="events",
        blank=True,
    )
    campaign = models.ForeignKey(
        "registry.Campaign",
        verbose_name=_("movement"),
        related_name="events",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    audience = models.CharField(
        _("audience"),
        max_length=300,
        blank=True,
        help_text=_("For example: pupils and students of the province's schools."),
    )
    attendance = models.PositiveIntegerField(_("attendance"), null=True, blank=True)
    description = models.TextField(_("programme"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        related_name="+",
        on_delete=models.PROTECT,
        editable=False,
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    search_text = models.TextField(editable=False, default="")
    history = HistoricalRecords(
        m2m_fields=[participating_units, exemplars], excluded_fields=["search_text"]
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["date"]), models.Index(fields=["kind", "date"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("campaigns:event_detail", kwargs={"pk": self.pk})

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.title} {self.place}")
        super().save(*args, **kwargs)


class EventFile(RecordFile):
    """A photo or document of an event."""

    folder = "events"

    event = models.ForeignKey(
        Event, verbose_name=_("event"), related_name="files", on_delete=models.CASCADE
    )

    record_field = "event"
    quota_unit_field = "organiser"

    class Meta(RecordFile.Meta):
        verbose_name = _("event photo or document")
        verbose_name_plural = _("event photos and documents")
