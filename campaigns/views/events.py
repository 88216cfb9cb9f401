"""Pages of events where exemplars are honoured or shared: conferences, congresses, yearly
summaries, the 11 June anniversary, flag-salute meetings, dialogues, study visits, trainings
(plan III.2-III.4, VI.2-VI.6).

Events are scoped by ``Event.objects.visible_to`` (out of reach is a 404); who may record,
change or delete one is ``campaigns/rules/events.py`` (a 403). Photos and documents are served
by the application after the same checks, never straight from the disk.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import ListView, TemplateView
from django.views.generic.edit import FormView
from rules.contrib.views import PermissionRequiredMixin

from exemplar_portal.base.exports import XlsxExportMixin, display, joined
from exemplar_portal.base.filters import FilteredListMixin
from exemplar_portal.base.history import history_with_changes
from exemplar_portal.base.search import search
from registry.models import Campaign

from ..forms.events import EventFilterForm, EventForm
from ..models import Coverage, Event, EventFile
from .coverage import reached_exemplars
from .files import (
    RecordFileDeleteView,
    RecordFileDownloadView,
    RecordFilesMixin,
    RecordFileUploadView,
    files_context,
    remove_stored_files_on_commit,
)


def events_in_reach(user):
    return Event.objects.restrict(user).select_related("organiser", "campaign")


def campaign_events(*, user, campaign):
    """The events of ``campaign`` the user reaches, latest first, for the movement's page."""
    return events_in_reach(user).filter(campaign=campaign).order_by("-date", "-pk")


def _reached_names(event) -> str:
    return "; ".join(str(exemplar) for exemplar in event.reached_exemplars)


class EventListView(LoginRequiredMixin, XlsxExportMixin, FilteredListMixin, ListView):
    template_name = "campaigns/event_list.html"
    context_object_name = "events"
    filter_form_class = EventFilterForm
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

    def get_filter_form(self):
        if not hasattr(self, "_filter_form"):
            self._filter_form = EventFilterForm(self.request.GET or None, user=self.request.user)
        return self._filter_form

    def get_queryset(self):
        user = self.request.user
        qs = events_in_reach(user).prefetch_related(reached_exemplars(user))
        f = self.filters()
        if f.get("q"):
            qs = search(qs, f["q"], fields=["title", "place"])
        for name in ("kind", "organiser", "campaign"):
            if f.get(name):
                qs = qs.filter(**{name: f[name]})
        if f.get("year"):
            qs = qs.filter(date__year=f["year"])
        return qs.order_by("-date", "-pk")

    def get_export_queryset(self):
        return self.get_queryset().prefetch_related("participating_units")


class EventObjectMixin(LoginRequiredMixin):
    """The event, if the user reaches it (else 404) and may act on it (else 403)."""

    permission_required = None

    def dispatch(self, request, *args, **kwargs):
        if (
            request.user.is_authenticated
            and self.permission_required
            and not request.user.has_perm(self.permission_required, self.get_event())
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_event(self):
        if not hasattr(self, "_event"):
            self._event = get_object_or_404(
                events_in_reach(self.request.user), pk=self.kwargs["pk"]
            )
        return self._event

    def get_context_data(self, **kwargs):
        return super().get_context_data(event=self.get_event(), **kwargs)


class EventDetailView(EventObjectMixin, TemplateView):
    template_name = "campaigns/event_detail.html"

    def get_context_data(self, upload_form=None, **kwargs):
        event, user = self.get_event(), self.request.user
        can_change = user.has_perm("campaigns.change_event", event)
        return super().get_context_data(
            participating_units=event.participating_units.all(),
            exemplars=event.exemplars.restrict(user)
            .select_related("unit", "field")
            .order_by("-year", "pk"),
            coverage=Coverage.objects.restrict(user)
            .filter(event=event)
            .select_related("outlet", "column")
            .order_by("-published_on", "-pk"),
            can_change=can_change,
            can_delete=user.has_perm("campaigns.delete_event", event),
            **files_context(
                record=event,
                user=user,
                file_model=EventFile,
                change_permission="campaigns.change_event",
                url_name="campaigns:event_file",
                key=event.pk,
                form=upload_form,
            ),
            history=history_with_changes(event),
            **kwargs,
        )


class EventFormMixin:
    template_name = "campaigns/event_form.html"
    form_class = EventForm
    success_message = ""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        event = form.save(commit=False)
        if event.pk is None:
            event.recorded_by = self.request.user
        event.save_with_lists(
            participating_units=form.cleaned_data["participating_units"],
            exemplars=[*form.cleaned_data["exemplars"], *form.kept_exemplars()],
        )
        messages.success(self.request, self.success_message)
        return redirect(event)


class EventCreateView(EventFormMixin, PermissionRequiredMixin, FormView):
    permission_required = "campaigns.add_event"
    success_message = gettext_lazy("The event is recorded.")

    def get_campaign(self):
        """The movement named by ``?campaign=<code>``, when the user came from its page."""
        code = self.request.GET.get("campaign", "")
        return Campaign.objects.filter(code=code).first() if code else None

    def get_initial(self):
        campaign = self.get_campaign()
        return {"campaign": campaign} if campaign else {}

    def get_context_data(self, **kwargs):
        return super().get_context_data(campaign=self.get_campaign(), **kwargs)


class EventUpdateView(EventFormMixin, EventObjectMixin, FormView):
    permission_required = "campaigns.change_event"
    success_message = gettext_lazy("The changes are saved.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.get_event()}


class EventDeleteView(EventObjectMixin, TemplateView):
    """GET asks for confirmation; POST deletes the event (its history stays)."""

    template_name = "campaigns/event_confirm_delete.html"
    permission_required = "campaigns.delete_event"

    def get_context_data(self, **kwargs):
        event = self.get_event()
        return super().get_context_data(
            file_count=event.files.count(),
            coverage_count=Coverage.objects.restrict(self.request.user).filter(event=event).count(),
            **kwargs,
        )

    def post(self, request, pk):
        event = self.get_event()
        with transaction.atomic():
            remove_stored_files_on_commit(event.files.all())
            event.delete()
        messages.success(request, _("“%(title)s” is deleted.") % {"title": event.title})
        return redirect("campaigns:event_list")


class EventFilesMixin(EventObjectMixin, RecordFilesMixin):
    """Photos and documents of an event: those who reach it read them, its editors change them."""

    file_model = EventFile
    record_field = "event"
    change_permission = "campaigns.change_event"

    def get_record(self):
        return self.get_event()

    def get_quota_unit(self):
        return self.get_event().organiser


class EventFileUploadView(EventFilesMixin, RecordFileUploadView):
    def refused(self, form):
        page = EventDetailView()
        page.setup(self.request, **self.kwargs)
        return page.render_to_response(page.get_context_data(upload_form=form))


class EventFileDownloadView(EventFilesMixin, RecordFileDownloadView):
    pass


class EventFileDeleteView(EventFilesMixin, RecordFileDeleteView):
    pass


urlpatterns = [
    path("", EventListView.as_view(), name="event_list"),
    path("them/", EventCreateView.as_view(), name="event_create"),
    path("<int:pk>/", EventDetailView.as_view(), name="event_detail"),
    path("<int:pk>/sua/", EventUpdateView.as_view(), name="event_update"),
    path("<int:pk>/xoa/", EventDeleteView.as_view(), name="event_delete"),
    path("<int:pk>/tep/", EventFileUploadView.as_view(), name="event_file_upload"),
    path(
        "<int:pk>/tep/<int:file_pk>/", EventFileDownloadView.as_view(), name="event_file_download"
    ),
    path(
        "<int:pk>/tep/<int:file_pk>/anh-nho/",
        EventFileDownloadView.as_view(thumbnail=True),
        name="event_file_thumbnail",
    ),
    path(
        "<int:pk>/tep/<int:file_pk>/xoa/", EventFileDeleteView.as_view(), name="event_file_delete"
    ),
]
