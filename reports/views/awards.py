"""Pages of commendation proposals and of introductions to the media: two record kinds of
the kit (``exemplar_portal.base.kit``), and the proposals' appraisal and decision.

Rows are scoped by their models' ``restrict`` (out of reach is a 404); who may act is
``reports/rules/awards.py`` (a 403); which state allows an appraisal, a completion or a
decision is the proposals' table of moves (``reports.awards.PROPOSAL_MOVES``), checked
again under a row lock when the move is made.
"""

from functools import partial

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import include, path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic.edit import FormView
from rules.contrib.views import PermissionRequiredMixin

from exemplar_portal.base.exports import display
from exemplar_portal.base.kit import RecordKind, get_in_reach
from exemplar_portal.base.moves import answer, not_from_here
from registry.drafts import draft_saved
from registry.enums import ExemplarStatus
from registry.models import Exemplar
from registry.views.attachments import KindFiles
from registry.views.exemplars import FromExemplarMixin

from .. import conditions, dossier
from ..awards import (
    PROPOSAL_MOVES,
    proposal_appraise,
    proposal_complete,
    proposal_confer,
    proposal_send,
)
from ..forms import (
    AppraisalForm,
    DecisionForm,
    IntroductionFilterForm,
    IntroductionForm,
    ProposalFilterForm,
    ProposalForm,
    proposable_exemplars,
)
from ..models import AwardProposal, MediaIntroduction, ProposalFile

Status = AwardProposal.Status


class ProposalKind(FromExemplarMixin, RecordKind):
    model = AwardProposal
    pages = ("list", "detail", "create", "update")
    name = "proposal"
    file_model = ProposalFile
    form_class = ProposalForm
    form_takes_user = True
    filter_form_class = ProposalFilterForm
    filters = {"year": "year", "award": "award", "track": "track", "status": "status"}
    ordering = ("-year", "-created_at", "-pk")
    select_related = ("exemplar", "exemplar__unit", "award", "track", "proposing_unit")
    object_name = "proposal"
    list_name = "proposals"
    record_prefix = "de-xuat/"
    create_path = "de-xuat/moi/"
    export_filename = "de-xuat-khen-thuong"
    export_title = gettext_lazy("Award proposals")
    export_columns = [
        (gettext_lazy("exemplar"), "exemplar"),
        (gettext_lazy("subject"), lambda p: p.exemplar.get_subject_kind_display()),
        (gettext_lazy("exemplar's unit"), "exemplar.unit.name"),
        (gettext_lazy("award form"), "award.name"),
        (gettext_lazy("conferred by"), lambda p: p.award.get_level_display()),
        (gettext_lazy("achievement year"), "year"),
        (gettext_lazy("track"), "track.label"),
        (gettext_lazy("proposing unit"), "proposing_unit.name"),
        (gettext_lazy("status"), display("status")),
        (gettext_lazy("conditions"), display("conditions")),
        (gettext_lazy("decision number"), "decision_number"),
        (gettext_lazy("decision date"), "decision_date"),
        (gettext_lazy("signer"), "decision_signer"),
        (gettext_lazy("reasons"), "reasons"),
    ]

    def list_queryset(self, request, filters):
        proposals = super().list_queryset(request, filters)
        if filters.get("q"):
            proposals = proposals.filter(
                Q(exemplar__in=Exemplar.objects.search(filters["q"]))
                | Q(decision_number__icontains=filters["q"])
            )
        return proposals

    def list_context(self, request, filters, records):
        user = request.user
        may_issue = user.has_perm("reports.issue_province_document") or (
            user.unit_id is not None and user.has_perm("reports.issue_document", user.unit)
        )
        return {"may_issue_submission": may_issue}

    def detail_context(self, request, proposal):
        user = request.user
        return {
            **super().detail_context(request, proposal),
            "can_appraise": PROPOSAL_MOVES.allows(proposal, "agree", user),
            "can_decide": PROPOSAL_MOVES.allows(proposal, "confer", user),
            **PROPOSAL_FILES.context(request, proposal),
            "dossier": dossier.checklist(proposal),
            **conditions.proposal_page(user, proposal),
        }

    def named_exemplars(self, request):
        return proposable_exemplars(request.user)

    def named_initial(self, exemplar):
        return {"exemplar": exemplar, "year": exemplar.year}

    def form_context(self, request, record=None):
        context = super().form_context(request, record)
        if record is not None:
            context["conditions_now"] = conditions.evaluate(record)
        return context

    def save(self, request, form, record=None):
        """A new proposal is sent, or held where its conditions are not met
        (``proposal_send``); the proposer's changes complete it, which sends it back to
        appraisal (``proposal_complete``)."""
        if record is None:
            proposal = proposal_send(proposal=form.instance, by=request.user)
        else:
            changes = {name: form.cleaned_data[name] for name in form.fields}
            proposal = proposal_complete(proposal=record, by=request.user, changes=changes)
        draft_saved(request)
        return proposal

    def refused(self, request, form, record, error):
        if record is None:  # a new proposal refused: the form says why, with what was typed
            return super().refused(request, form, record, error)
        messages.error(request, " ".join(error.messages))
        return redirect(record)

    def saved_message(self, record, created):
        if record.status == Status.HELD:
            return _(
                "The award proposal is saved but held: a condition of the award is not met "
                "(see “Conditions of the award”). Complete the subject's history or the "
                "proposal, or ask Home Affairs to allow it despite the conditions."
            )
        return (
            _("The award proposal is sent to Home Affairs.")
            if created
            else _("The changes are saved.")
        )


class ProposalFiles(KindFiles):
    """The signed scans on a proposal (the achievement report's on its page, every part's on
    its dossier's): read by whoever reads the proposal, uploaded by the proposing unit or
    Home Affairs at any stage."""

    record_path = "de-xuat/"

    def can_view(self, user, record):
        return user.has_perm("reports.view_awardproposal", record)

    def can_change(self, user, record):
        return user.has_perm("reports.add_proposalfile", record)

    def context(self, request, record):
        """The proposal's page shows here the signed achievement report only: the other
        parts' scans are on its dossier's page (``reports.views.dossier``)."""
        context = super().context(request, record)
        report = dossier.report_part(record)
        kept = {None, report.pk if report else None}
        for key in ("attachments", "photos", "documents"):
            context[key] = [row for row in context[key] if row.part_id in kept]
        return context


PROPOSAL_FILES = ProposalFiles(ProposalKind())


class ProposalMoveView(PermissionRequiredMixin, FormView):
    """A move of the proposal named in the URL (404 out of reach, 403 without permission),
    offered only from the states the table of moves allows it from."""

    move = ""
    done = ""

    def get_permission_object(self):
        if not hasattr(self, "_proposal"):
            self._proposal = get_in_reach(ProposalKind().scope(self.request), pk=self.kwargs["pk"])
        return self._proposal

    def get_context_data(self, **kwargs):
        return super().get_context_data(proposal=self.get_permission_object(), **kwargs)

    def get(self, request, *args, **kwargs):
        proposal = self.get_permission_object()
        refusal = not_from_here(request, PROPOSAL_MOVES, proposal, self.move)
        return refusal or super().get(request, *args, **kwargs)

    def form_valid(self, form):
        proposal = self.get_permission_object()
        make = partial(self.make, proposal, form.cleaned_data)
        return answer(self.request, proposal, make, done=self.done)


class ProposalAppraiseView(ProposalMoveView):
    template_name = "reports/proposal_appraise.html"
    form_class = AppraisalForm
    permission_required = "reports.appraise_awardproposal"
    move = "agree"
    done = gettext_lazy("The appraisal is recorded.")

    def get_initial(self):
        proposal = self.get_permission_object()
        if proposal.status in dict(Status.outcomes()):
            return {"outcome": proposal.status, "notes": proposal.appraisal_notes}
        return {}

    def dossier(self):
        if not hasattr(self, "_dossier"):
            self._dossier = dossier.checklist(self.get_permission_object())
        return self._dossier

    def get_form_kwargs(self):
        """The one-click return for the missing parts posts its outcome only: the notes
        name the parts missing now (``dossier.missing_reason``)."""
        kwargs = super().get_form_kwargs()
        if "data" in kwargs and kwargs["data"].get("missing_parts"):
            data = kwargs["data"].copy()
            data["notes"] = dossier.missing_reason(self.dossier(), data.get("outcome", ""))
            kwargs["data"] = data
        return kwargs

    def get_context_data(self, **kwargs):
        checklist = self.dossier()
        reasons = [
            (outcome, label, dossier.missing_reason(checklist, outcome))
            for outcome, label in (
                (Status.NEEDS_MORE, _("Return for the missing parts")),
                (Status.NOT_AGREED, _("Not agreed: parts missing")),
            )
        ]
        return super().get_context_data(
            dossier=checklist,
            missing_reasons=[reason for reason in reasons if reason[2]],
            **kwargs,
        )

    def make(self, proposal, data):
        proposal_appraise(
            proposal=proposal, by=self.request.user, outcome=data["outcome"], notes=data["notes"]
        )


class ProposalDecisionView(ProposalMoveView):
    template_name = "reports/proposal_decision.html"
    form_class = DecisionForm
    permission_required = "reports.decide_awardproposal"
    move = "confer"
    done = gettext_lazy("The decision is recorded: the award is conferred.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "proposal": self.get_permission_object()}

    def make(self, proposal, data):
        proposal_confer(proposal=proposal, by=self.request.user, decision=data)


# Introductions to the media (plan III.1).
class IntroductionKind(FromExemplarMixin, RecordKind):
    model = MediaIntroduction
    pages = ("list", "detail", "create", "update")
    name = "introduction"
    form_class = IntroductionForm
    filter_form_class = IntroductionFilterForm
    filters = {
        "year": "date__year",
        "field": "exemplar__field",
        "outlet": "outlet",
        "occasion": "occasion",
    }
    ordering = ("-date", "-pk")
    select_related = ("exemplar", "exemplar__unit", "exemplar__field", "outlet")
    object_name = "introduction"
    list_name = "introductions"
    create_path = "moi/"
    export_filename = "gioi-thieu-bao-chi"
    export_title = gettext_lazy("Introductions to the media")
    export_columns = [
        (gettext_lazy("date"), "date"),
        (gettext_lazy("exemplar"), "exemplar"),
        (gettext_lazy("exemplar's unit"), "exemplar.unit.name"),
        (gettext_lazy("field"), "exemplar.field.name"),
        (gettext_lazy("outlet"), "outlet.name"),
        (gettext_lazy("occasion"), display("occasion")),
        (gettext_lazy("angle and notes"), "angle"),
    ]

    def list_queryset(self, request, filters):
        introductions = super().list_queryset(request, filters)
        if filters.get("q"):
            introductions = introductions.filter(exemplar__in=Exemplar.objects.search(filters["q"]))
        return introductions

    def list_context(self, request, filters, records):
        return {
            "june_11": MediaIntroduction.Occasion.PATRIOTIC_EMULATION_DAY,
            "this_year": timezone.localdate().year,
        }

    def named_exemplars(self, request):
        return Exemplar.objects.filter(status=ExemplarStatus.ACCEPTED)

    def save(self, request, form, record=None):
        if record is None:
            form.instance.created_by = request.user
        return super().save(request, form, record)

    def saved_message(self, record, created):
        return _("The introduction to the media is recorded.")


urlpatterns = [
    *ProposalKind().urls(),
    *PROPOSAL_FILES.urls(),
    path("de-xuat/<int:pk>/tham-dinh/", ProposalAppraiseView.as_view(), name="proposal_appraise"),
    path("de-xuat/<int:pk>/quyet-dinh/", ProposalDecisionView.as_view(), name="proposal_decide"),
    path("gioi-thieu-bao-chi/", include(IntroductionKind().urls())),
]
