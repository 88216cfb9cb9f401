"""Events where exemplars are honoured or shared (plan III.2-III.4, VI.2-VI.6)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel
from simple_history.models import HistoricalRecords

from exemplar_portal.base.history import NotesInHistory, SavedWithLists
from exemplar_portal.base.records import Searchable, WithPage, by_user
from exemplar_portal.base.uploads import RecordFile
from registry.models.records import UnitScopedQuerySet, movement_link, unit_link


class EventQuerySet(UnitScopedQuerySet):
    """Events organised by, attended by or featuring exemplars of a unit the user reaches;
    for an outlet's staff, also those featuring exemplars their outlet covered."""

    scope_spans_many = True
    unit_paths = (
        "organiser",
        "participating_units",
        "exemplars__unit",
        "coverage__outlet__unit",
        "exemplars__coverage__outlet__unit",
    )


class Event(WithPage, Searchable, SavedWithLists, NotesInHistory, RulesModel):
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
    organiser = unit_link("organised_events", _("organiser"))
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
    campaign = movement_link("events")
    audience = models.CharField(
        _("audience"),
        max_length=300,
        blank=True,
        help_text=_("For example: pupils and students of the province's schools."),
    )
    attendance = models.PositiveIntegerField(_("attendance"), null=True, blank=True)
    description = models.TextField(_("programme"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    recorded_by = by_user(_("recorded by"), editable=False)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    history = HistoricalRecords(
        m2m_fields=[participating_units, exemplars], excluded_fields=["search_text"]
    )

    objects = EventQuerySet.as_manager()
    searched_fields = ("title", "place")
    page_url = "campaigns:event_detail"

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["date"]), models.Index(fields=["kind", "date"])]

    def __str__(self):
        return self.title


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
