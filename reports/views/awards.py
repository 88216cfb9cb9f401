"""Pages of commendation proposals and of introductions to the media.

Rows are scoped by ``reports.selectors`` (out of reach is a 404); who may act is
``reports/rules/awards.py`` (a 403); which state allows an appraisal, a completion or a
decision is the proposals' table of moves (``reports.awards.PROPOSAL_MOVES``), checked
again under a row lock when the move is made.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, ListView
from django.views.generic.edit import FormView
from rules.contrib.views import PermissionRequiredMixin

from exemplar_portal.base.exports import XlsxExportMixin, display
from exemplar_portal.base.filters import FilteredListMixin
from exemplar_portal.base.history import history_with_changes
from exemplar_portal.base.moves import MoveNotAllowed
from registry.drafts import draft_saved
from registry.enums import ExemplarStatus
from registry.models import Exemplar

from ..awards import PROPOSAL_MOVES, proposal_appraise, proposal_complete, proposal_confer
from ..forms import (
    AppraisalForm,
    DecisionForm,
    IntroductionFilterForm,
    IntroductionForm,
    ProposalFilterForm,
    ProposalForm,
    proposable_exemplars,
)
from ..models import AwardProposal, MediaIntroduction
from ..selectors import introductions_in_reach, proposals_in_reach

Status = AwardProposal.Status


class ProposalListView(LoginRequiredMixin, XlsxExportMixin, FilteredListMixin, ListView):
    template_name = "reports/proposal_list.html"
    context_object_name = "proposals"
    filter_form_class = ProposalFilterForm
    export_filename = "de-xuat-khen-thuong"
    export_title = gettext_lazy("Award proposals")
    export_columns = [
        (gettext_lazy("exemplar"), "exemplar"),
        (gettext_lazy("subject"), lambda p: p.exemplar.get_subject_kind_display()),
        (gettext_lazy("exemplar's unit"), "exemplar.unit.name"),
        (gettext_lazy("award form"), "award.name"),
        (gettext_lazy("conferred by"), lambda p: p.award.get_level_display()),
        (gettext_lazy("achievement year"), "year"),
        (gettext_lazy("kind"), display("kind")),
        (gettext_lazy("proposing unit"), "proposing_unit.name"),
        (gettext_lazy("status"), display("status")),
        (gettext_lazy("decision number"), "decision_number"),
        (gettext_lazy("decision date"), "decision_date"),
        (gettext_lazy("signer"), "decision_signer"),
        (gettext_lazy("reasons"), "reasons"),
    ]

    def get_queryset(self):
        qs = proposals_in_reach(self.request.user)
        f = self.filters()
        if f.get("q"):
            qs = qs.filter(
                Q(exemplar__in=Exemplar.objects.search(f["q"]))
                | Q(decision_number__icontains=f["q"])
            )
        for name in ("year", "award", "kind", "status"):
            if f.get(name):
                qs = qs.filter(**{name: f[name]})
        return qs.order_by("-year", "-created_at", "-pk")

    def get_context_data(self, **kwargs):
        user = self.request.user
        may_issue = user.has_perm("reports.issue_province_document") or (
            user.unit_id is not None and user.has_perm("reports.issue_document", user.unit)
        )
        return super().get_context_data(may_issue_submission=may_issue, **kwargs)


class ProposalObjectMixin(LoginRequiredMixin):
    """The proposal, if the user reaches it (else 404)."""

    def get_proposal(self):
        return get_object_or_404(proposals_in_reach(self.request.user), pk=self.kwargs["pk"])

    def get_permission_object(self):
        if not hasattr(self, "_proposal"):
            self._proposal = self.get_proposal()
        return self._proposal

    def get_context_data(self, **kwargs):
        return super().get_context_data(proposal=self.get_permission_object(), **kwargs)


class ProposalDetailView(ProposalObjectMixin, DetailView):
    template_name = "reports/proposal_detail.html"
    context_object_name = "proposal"

    def get_object(self, queryset=None):
        return self.get_permission_object()

    def get_context_data(self, **kwargs):
        user, proposal = self.request.user, self.object
        return super().get_context_data(
            can_change=user.has_perm("reports.change_awardproposal", proposal),
            can_appraise=PROPOSAL_MOVES.allows(proposal, "agree", user),
            can_decide=PROPOSAL_MOVES.allows(proposal, "confer", user),
            history=history_with_changes(proposal),
            **kwargs,
        )


class ProposalCreateView(PermissionRequiredMixin, FormView):
    template_name = "reports/proposal_form.html"
    form_class = ProposalForm
    permission_required = "reports.add_awardproposal"

    def get_exemplar(self):
        """The exemplar named by ``?exemplar=<code>``, if the user may propose it."""
        if not hasattr(self, "_exemplar"):
            code = self.request.GET.get("exemplar", "")
            self._exemplar = proposable_exemplars(self.request.user).filter(code=code).first()
        return self._exemplar

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self):
        exemplar = self.get_exemplar()
        return {"exemplar": exemplar, "year": exemplar.year} if exemplar else {}

    def get_context_data(self, **kwargs):
        return super().get_context_data(exemplar=self.get_exemplar(), **kwargs)

    def form_valid(self, form):
        form.instance.created_by = self.request.user
        with transaction.atomic():
            proposal = form.save()
        messages.success(self.request, _("The award proposal is sent to Home Affairs."))
        draft_saved(self.request)
        return redirect(proposal)


class ProposalUpdateView(ProposalObjectMixin, PermissionRequiredMixin, FormView):
    """The proposer completes the proposal; one that needed more goes back to appraisal."""

    template_name = "reports/proposal_form.html"
    form_class = ProposalForm
    permission_required = "reports.change_awardproposal"

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "user": self.request.user,
            "instance": self.get_permission_object(),
        }

    def form_valid(self, form):
        proposal = self.get_permission_object()
        try:
            proposal_complete(
                proposal=proposal,
                by=self.request.user,
                changes={name: form.cleaned_data[name] for name in form.fields},
            )
        except MoveNotAllowed as refusal:
            messages.error(self.request, " ".join(refusal.messages))
            return redirect(proposal)
        messages.success(self.request, _("The changes are saved."))
        draft_saved(self.request)
        return redirect(proposal)


class ProposalAppraiseView(ProposalObjectMixin, PermissionRequiredMixin, FormView):
    template_name = "reports/proposal_appraise.html"
    form_class = AppraisalForm
    permission_required = "reports.appraise_awardproposal"

    def get_initial(self):
        proposal = self.get_permission_object()
        if proposal.status in dict(Status.outcomes()):
            return {"outcome": proposal.status, "notes": proposal.appraisal_notes}
        return {}

    def get(self, request, *args, **kwargs):
        proposal = self.get_permission_object()
        if proposal.status not in PROPOSAL_MOVES["agree"].sources:
            messages.info(request, PROPOSAL_MOVES.refusal_for(PROPOSAL_MOVES["agree"], proposal))
            return redirect(proposal)
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        proposal = self.get_permission_object()
        try:
            proposal_appraise(
                proposal=proposal,
                by=self.request.user,
                outcome=form.cleaned_data["outcome"],
                notes=form.cleaned_data["notes"],
            )
        except MoveNotAllowed as refusal:
            messages.info(self.request, " ".join(refusal.messages))
            return redirect(proposal)
        messages.success(self.request, _("The appraisal is recorded."))
        return redirect(proposal)


class ProposalDecisionView(ProposalObjectMixin, PermissionRequiredMixin, FormView):
    template_name = "reports/proposal_decision.html"
    form_class = DecisionForm
    permission_required = "reports.decide_awardproposal"

    def get(self, request, *args, **kwargs):
        proposal = self.get_permission_object()
        if proposal.status not in PROPOSAL_MOVES["confer"].sources:
            messages.info(request, PROPOSAL_MOVES.refusal_for(PROPOSAL_MOVES["confer"], proposal))
            return redirect(proposal)
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        proposal = self.get_permission_object()
        try:
            proposal_confer(proposal=proposal, by=self.request.user, decision=form.cleaned_data)
        except MoveNotAllowed as refusal:
            messages.info(self.request, " ".join(refusal.messages))
            return redirect(proposal)
        messages.success(self.request, _("The decision is recorded: the award is conferred."))
        return redirect(proposal)


# Introductions to the media (plan III.1).
class IntroductionListView(LoginRequiredMixin, XlsxExportMixin, FilteredListMixin, ListView):
    template_name = "reports/introduction_list.html"
    context_object_name = "introductions"
    filter_form_class = IntroductionFilterForm
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

    def get_queryset(self):
        qs = introductions_in_reach(self.request.user)
        f = self.filters()
        if f.get("q"):
            qs = qs.filter(exemplar__in=Exemplar.objects.search(f["q"]))
        if f.get("year"):
            qs = qs.filter(date__year=f["year"])
        if f.get("field"):
            qs = qs.filter(exemplar__field=f["field"])
        for name in ("outlet", "occasion"):
            if f.get(name):
                qs = qs.filter(**{name: f[name]})
        return qs.order_by("-date", "-pk")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            june_11=MediaIntroduction.Occasion.PATRIOTIC_EMULATION_DAY,
            this_year=timezone.localdate().year,
            **kwargs,
        )


class IntroductionFormMixin(PermissionRequiredMixin):
    template_name = "reports/introduction_form.html"
    form_class = IntroductionForm

    def form_valid(self, form):
        if not form.instance.pk:
            form.instance.created_by = self.request.user
        with transaction.atomic():
            introduction = form.save()
        messages.success(self.request, _("The introduction to the media is recorded."))
        return redirect(introduction)


class IntroductionCreateView(IntroductionFormMixin, FormView):
    permission_required = "reports.add_mediaintroduction"

    def get_exemplar(self):
        code = self.request.GET.get("exemplar", "")
        return Exemplar.objects.filter(status=ExemplarStatus.ACCEPTED, code=code).first()

    def get_initial(self):
        exemplar = self.get_exemplar()
        return {"exemplar": exemplar} if exemplar else {}

    def get_context_data(self, **kwargs):
        return super().get_context_data(exemplar=self.get_exemplar(), **kwargs)


class IntroductionObjectMixin(LoginRequiredMixin):
    def get_permission_object(self):
        if not hasattr(self, "_introduction"):
            self._introduction = get_object_or_404(
                introductions_in_reach(self.request.user), pk=self.kwargs["pk"]
            )
        return self._introduction

    def get_context_data(self, **kwargs):
        return super().get_context_data(introduction=self.get_permission_object(), **kwargs)


class IntroductionDetailView(IntroductionObjectMixin, DetailView):
    template_name = "reports/introduction_detail.html"

    def get_object(self, queryset=None):
        return self.get_permission_object()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            can_change=self.request.user.has_perm("reports.change_mediaintroduction", self.object),
            history=history_with_changes(self.object),
            **kwargs,
        )


class IntroductionUpdateView(IntroductionObjectMixin, IntroductionFormMixin, FormView):
    permission_required = "reports.change_mediaintroduction"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.get_permission_object()}


urlpatterns = [
    path("", ProposalListView.as_view(), name="proposal_list"),
    path("de-xuat/moi/", ProposalCreateView.as_view(), name="proposal_create"),
    path("de-xuat/<int:pk>/", ProposalDetailView.as_view(), name="proposal_detail"),
    path("de-xuat/<int:pk>/sua/", ProposalUpdateView.as_view(), name="proposal_update"),
    path("de-xuat/<int:pk>/tham-dinh/", ProposalAppraiseView.as_view(), name="proposal_appraise"),
    path("de-xuat/<int:pk>/quyet-dinh/", ProposalDecisionView.as_view(), name="proposal_decide"),
    path("gioi-thieu-bao-chi/", IntroductionListView.as_view(), name="introduction_list"),
    path("gioi-thieu-bao-chi/moi/", IntroductionCreateView.as_view(), name="introduction_create"),
    path(
        "gioi-thieu-bao-chi/<int:pk>/",
        IntroductionDetailView.as_view(),
        name="introduction_detail",
    ),
    path(
        "gioi-thieu-bao-chi/<int:pk>/sua/",
        IntroductionUpdateView.as_view(),
        name="introduction_update",
    ),
]
