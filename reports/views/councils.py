"""Pages of the emulation and commendation councils: the councils with their members (one
kind of the kit, the members a formset on its form), their meetings (attendance, the
proposals considered, each proposal's votes and recusals, the minutes as a document), and a
proposal's public disclosure.

Rows are read through their models' scope (out of reach is a 404); who may keep a council
is ``reports/rules/councils.py`` (a 403); whether a meeting may vote on a proposal is
``reports.councils``.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic.edit import FormView

from exemplar_portal.base.kit import RecordKind, RecordObjectMixin, get_in_reach

from .. import councils
from ..forms import (
    BallotForm,
    CouncilForm,
    DisclosureForm,
    MeetingCreateForm,
    MeetingForm,
    member_formset,
)
from ..models import AwardProposal, Council, Disclosure, IssuedDocument, Meeting
from ..rules import councils as _rules  # noqa: F401  (registers the permissions)
from .documents import DocumentView, document_urls


class Recorded:
    """A kind whose new records note who created them."""

    form_takes_user = True

    def save(self, request, form, record=None):
        if record is None:
            form.instance.created_by = request.user
        return super().save(request, form, record)


class CouncilKind(Recorded, RecordKind):
    model = Council
    # A council that has met is kept: it is made inactive, not deleted.
    pages = ("list", "detail", "create", "update")
    name = "council"
    list_permission = "reports.view_councils"
    form_class = CouncilForm
    ordering = ("unit__name", "name")
    select_related = ("unit",)
    object_name = "council"
    list_name = "councils"
    create_path = "moi/"
    paginate_by = None

    def formsets(self, request, record=None, data=None):
        council = record or Council()
        members = member_formset(extra=5 if council.pk is None else 2)
        return {"members": members(data, instance=council, prefix="members")}

    def list_context(self, request, filters, records):
        return {"may_add": request.user.has_perm("reports.add_council")}

    def detail_context(self, request, council):
        return {
            **super().detail_context(request, council),
            "members": council.members.all(),
            "meetings": council.meetings.all(),
            "may_add_meeting": request.user.has_perm("reports.change_council", council),
        }


class MeetingKind(Recorded, RecordKind):
    model = Meeting
    pages = ("detail", "create", "update", "delete")
    name = "meeting"
    create_form_class = MeetingCreateForm
    form_class = MeetingForm
    select_related = ("council__unit", "chair", "secretary")
    object_name = "meeting"
    record_prefix = "cuoc-hop/"
    create_path = "cuoc-hop/moi/"

    def form_initial(self, request):
        return {"council": request.GET.get("council")}

    def detail_context(self, request, meeting):
        proposals = meeting.proposals.select_related("award", "exemplar")
        return {
            **super().detail_context(request, meeting),
            "rows": [
                (p, councils.outcome(meeting, p), councils.disclosure_problem(p, meeting.date))
                for p in proposals
            ],
            "present": meeting.present.all(),
            "recusals": meeting.recusals.select_related("member", "proposal__exemplar"),
            "minutes_issued": IssuedDocument.objects.filter(
                kind=IssuedDocument.Kind.COUNCIL_MINUTES, about=f"meeting={meeting.pk}"
            ).first(),
        }

    def deleted_url(self, request, meeting):
        return meeting.council

    def saved_message(self, record, created):
        if created:
            return _("The meeting is recorded: now record who attended and what it considered.")
        return super().saved_message(record, created)

    def success_url(self, request, record):
        return (
            reverse("reports:meeting_update", args=[record.pk]) if record.chair is None else record
        )


class BallotView(RecordObjectMixin, FormView):
    """The votes and recusals of the members present on one proposal of the meeting."""

    template_name = "reports/meeting_ballot.html"
    action = "change"

    def proposal(self) -> AwardProposal:
        meeting = self.get_record()
        return get_object_or_404(
            meeting.proposals.select_related("award", "exemplar"), pk=self.kwargs["proposal"]
        )

    def get_template_names(self):
        return [self.template_name]

    def get_form(self, form_class=None):
        return BallotForm(
            self.request.POST or None, meeting=self.get_record(), proposal=self.proposal()
        )

    def get_context_data(self, **kwargs):
        meeting, proposal = self.get_record(), self.proposal()
        return super().get_context_data(
            meeting=meeting,
            proposal=proposal,
            problem=councils.disclosure_problem(proposal, meeting.date),
            disclosure=getattr(proposal, "disclosure", None),
            span=councils.disclosure_span(proposal),
            **kwargs,
        )

    def form_valid(self, form):
        meeting = self.get_record()
        try:
            councils.record_votes(meeting, self.proposal(), form.ballots())
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The votes are recorded."))
        return redirect(meeting)


class DisclosureView(FormView):
    """A proposal's public disclosure: the window, where, the comments and their handling."""

    template_name = "reports/proposal_disclosure.html"
    form_class = DisclosureForm

    def dispatch(self, request, *args, **kwargs):
        proposals = AwardProposal.objects.restrict(request.user).select_related("award", "exemplar")
        self.proposal = get_in_reach(proposals, pk=kwargs["pk"])
        if not request.user.has_perm("reports.disclose_awardproposal", self.proposal):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        found = Disclosure.objects.filter(proposal=self.proposal).first()
        return {
            **super().get_form_kwargs(),
            "instance": found or Disclosure(proposal=self.proposal),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            proposal=self.proposal,
            required=councils.needs_disclosure(self.proposal),
            least=councils.DISCLOSURE_DAYS,
            source=councils.DISCLOSURE_SOURCE,
            disclosure=getattr(self.proposal, "disclosure", None),
            span=councils.disclosure_span(self.proposal),
            **kwargs,
        )

    def form_valid(self, form):
        if form.instance.recorded_by_id is None:
            form.instance.recorded_by = self.request.user
        disclosure = form.save()
        window = councils.span(disclosure.starts_on, disclosure.ends_on)
        messages.success(self.request, _("The disclosure is saved: %(span)s.") % {"span": window})
        return redirect(self.proposal)


class MinutesDocumentView(DocumentView):
    """The minutes of a meeting (biên bản), drafted and issued by the council's unit."""

    kind = IssuedDocument.Kind.COUNCIL_MINUTES
    permission_required = "reports.view_meeting"
    url_name = "document_council_minutes"

    def get_meeting(self) -> Meeting:
        if not hasattr(self, "_meeting"):
            meetings = Meeting.objects.restrict(self.request.user).select_related("council__unit")
            self._meeting = get_in_reach(meetings, pk=self.kwargs["pk"])
        return self._meeting

    def get_permission_object(self):
        return self.get_meeting()

    def may_issue(self):
        return self.request.user.has_perm("reports.change_meeting", self.get_meeting())

    def issuing_unit(self):
        return self.get_meeting().council.unit

    def get_params(self):
        return {"meeting": self.get_meeting().pk}

    def get_year(self):
        return self.get_meeting().date.year

    def issue_day(self):
        """The meeting's day, where this year's register may take it."""
        day, today = self.get_meeting().date, timezone.localdate()
        return day if day.year == today.year and day <= today else None

    def url_kwargs(self):
        return {"pk": self.get_meeting().pk}

    def query_params(self):
        return {}

    def describe(self):
        return str(self.get_meeting())

    def record_url(self):
        return self.get_meeting().get_absolute_url()

    back_url = record_url


urlpatterns = [
    *CouncilKind().urls(),
    *MeetingKind().urls({"ballot": ("bieu-quyet/<int:proposal>/", BallotView)}),
    *document_urls("cuoc-hop/<int:pk>/bien-ban/", MinutesDocumentView),
]
disclosure_urls = [
    path("de-xuat/<int:pk>/cong-khai/", DisclosureView.as_view(), name="proposal_disclosure"),
]
