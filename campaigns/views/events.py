"""Pages of events where exemplars are honoured or shared: conferences, congresses, yearly
summaries, the 11 June anniversary, flag-salute meetings, dialogues, study visits, trainings
(plan III.2-III.4, VI.2-VI.6).

Events are a record kind of the kit (``exemplar_portal.base.kit``), scoped by
``Event.objects.restrict`` (out of reach is a 404); who may record, change or delete one is
``campaigns/rules/events.py`` (a 403). Photos and documents are served by the application
after the same checks, never straight from the disk (``.files``).
"""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from exemplar_portal.base.exports import display, joined
from exemplar_portal.base.kit import RecordKind
from exemplar_portal.base.uploads import delete_stored
from registry.models import Campaign
from registry.views.attachments import KindFiles

from ..forms.events import EventFilterForm, EventForm
from ..models import Coverage, Event, EventFile
from .coverage import reached_exemplars


def events_in_reach(user):
    return Event.objects.restrict(user).select_related("organiser", "campaign")


def campaign_events(*, user, campaign):
    """The events of ``campaign`` the user reaches, latest first, for the movement's page."""
    return events_in_reach(user).filter(campaign=campaign).order_by("-date", "-pk")


def _reached_names(event) -> str:
    return "; ".join(str(exemplar) for exemplar in event.reached_exemplars)


class EventKind(RecordKind):
    model = Event
    form_class = EventForm
    filter_form_class = EventFilterForm
    form_takes_user = filter_takes_user = True
    filters = {
        "kind": "kind",
        "organiser": "organiser",
        "campaign": "campaign",
        "year": "date__year",
    }
    search_fields = ("title", "place")
    ordering = ("-date", "-pk")
    select_related = ("organiser", "campaign")
    object_name = "event"
    list_name = "events"
    file_model = EventFile
    export_filename = "su-kien-ton-vinh-dien-hinh"
    export_title = gettext_lazy("Events")
    export_columns = [
        (gettext_lazy("kind"), display("kind")),
        (gettext_lazy("title"), "title"),
        (gettext_lazy("date"), "date"),
        (gettext_lazy("place"), "place"),
        (gettext_lazy("organiser"), "organiser.name"),
        (gettext_lazy("participating units"), joined("participating_units", "name")),
        (gettext_lazy("exemplars featured"), _reached_names),
        (gettext_lazy("attendance"), "attendance"),
        (gettext_lazy("outcome"), "outcome"),
        (gettext_lazy("movement"), "campaign.name"),
    ]

    def list_queryset(self, request, filters):
        events = super().list_queryset(request, filters)
        return events.prefetch_related(reached_exemplars(request.user))

    def export_queryset(self, request, queryset):
        return queryset.prefetch_related("participating_units")

    def detail_context(self, request, event):
        user = request.user
        return {
            **super().detail_context(request, event),
            "participating_units": event.participating_units.all(),
            "exemplars": event.exemplars.restrict(user)
            .select_related("unit", "field")
            .order_by("-year", "pk"),
            "coverage": Coverage.objects.restrict(user)
            .filter(event=event)
            .select_related("outlet", "column")
            .order_by("-published_on", "-pk"),
            **KindFiles(self).context(request, event),
        }

    @staticmethod
    def campaign_named(request):
        """The movement named by ``?campaign=<code>``, when the user came from its page."""
        code = request.GET.get("campaign", "")
        return Campaign.objects.restrict(request.user).filter(code=code).first() if code else None

    def form_initial(self, request):
        campaign = self.campaign_named(request)
        return {"campaign": campaign} if campaign else {}

    def form_context(self, request, record=None):
        return {"campaign": self.campaign_named(request)} if record is None else {}

    def save(self, request, form, record=None):
        event = form.save(commit=False)
        if event.pk is None:
            event.recorded_by = request.user
        event.save_with_lists(
            participating_units=form.cleaned_data["participating_units"],
            exemplars=[*form.cleaned_data["exemplars"], *form.kept_exemplars()],
        )
        return event

    def saved_message(self, record, created):
        return _("The event is recorded.") if created else _("The changes are saved.")

    def delete_context(self, request, event):
        coverage = Coverage.objects.restrict(request.user).filter(event=event)
        return {"file_count": event.files.count(), "coverage_count": coverage.count()}

    def delete(self, request, event):
        with transaction.atomic():
            delete_stored(EventFile.all_objects.filter(event=event))
            event.delete()

    def deleted_message(self, event):
        return _("“%(title)s” is deleted.") % {"title": event.title}


EVENTS = EventKind()
urlpatterns = [*EVENTS.urls(), *KindFiles(EVENTS).urls()]
