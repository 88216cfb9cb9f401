"""Quota compliance, follow-up of accepted exemplars, and the unit's annual registration of
new factors with their nurturing notes. Reads and writes are in ``registry/tracking.py``."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import ListView, RedirectView
from django.views.generic.edit import FormView
from rules.contrib.views import PermissionRequiredMixin

from exemplar_portal.base.exports import XlsxExportMixin
from exemplar_portal.base.filters import FilteredListMixin

from .. import quotas, tracking
from ..drafts import draft_saved
from ..forms_tracking import (
    FollowUpForm,
    FollowUpGapFilterForm,
    NurturingNoteForm,
    QuotaComplianceFilterForm,
    RegistrationFilterForm,
)
from .exemplars import ScopedExemplarMixin
from .units import ScopedUnitMixin


class QuotaComplianceView(XlsxExportMixin, PermissionRequiredMixin, FilteredListMixin, ListView):
    """Every quota obligation of a year, once each, by unit kind and (communes) by district:
    who owes what under the plan in force, what counts toward it, and who is behind."""

    template_name = "registry/quota_compliance.html"
    permission_required = "registry.view_quota_compliance"
    filter_form_class = QuotaComplianceFilterForm
    context_object_name = "obligations"
    paginate_by = 50
    export_filename = "chi-tieu-dien-hinh"
    export_title = gettext_lazy("Quota standing")

    def get_export_columns(self):
        return [
            (gettext_lazy("Unit code"), "unit.code"),
            (gettext_lazy("Unit"), "unit.label"),
            (gettext_lazy("Unit kind"), "unit.kind.name"),
            (gettext_lazy("District"), "district_name"),
            (gettext_lazy("Minimum"), "minimum"),
            (gettext_lazy("Accepted"), "accepted"),
            (gettext_lazy("Of which its own"), "own.accepted"),
            (gettext_lazy("Of which inherited"), "inherited.accepted"),
            (gettext_lazy("Of which endorsed"), "endorsed.accepted"),
            (gettext_lazy("Sent up"), "submitted"),
            (gettext_lazy("Still to be accepted"), "remaining"),
            (
                gettext_lazy("Results inherited from"),
                lambda row: "; ".join(unit.label for unit in row.predecessors),
            ),
            (gettext_lazy("Deadline"), "deadline"),
        ]

    def get_export_queryset(self):
        return self.get_queryset()

    def get_year(self) -> int:
        return self.filters().get("year") or timezone.localdate().year

    def get_standing(self):
        if not hasattr(self, "_standing"):
            self._standing = quotas.standing(self.get_year())
        return self._standing

    def get_queryset(self):
        data = self.filters()
        district = data.get("district")
        rows = tracking.filter_obligations(
            self.get_standing().rows,
            user=self.request.user,
            query=data.get("q", ""),
            kind=data.get("kind"),
            district_code=district.code if district else "",
        )
        wanted = data.get("standing")
        if wanted == "behind":
            rows = [row for row in rows if row.behind]
        elif wanted == "met":
            rows = [row for row in rows if row.met]
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = self.get_year()
        standing = self.get_standing()
        form = self.get_filter_form()
        if not form.is_bound:
            form = QuotaComplianceFilterForm(initial={"year": year})
        reach = tracking.filter_obligations(standing.rows, user=self.request.user)
        context.update(
            year=year,
            plan=standing.plan,
            filter_form=form,
            today=timezone.localdate(),
            totals={
                "owing": len(reach),
                "met": sum(1 for row in reach if row.met),
                "behind": sum(1 for row in reach if row.behind),
            },
            unattributed=standing.unattributed,
            summary=tracking.behind_quota_summary(
                year=year, behind=[row for row in self.object_list if row.behind], rows=reach
            ),
        )
        return context


class FollowUpGapListView(PermissionRequiredMixin, FilteredListMixin, ListView):
    """Accepted exemplars with no follow-up in the last twelve months (plan II.3)."""

    template_name = "registry/followup_gaps.html"
    permission_required = "registry.view_follow_up_gaps"
    filter_form_class = FollowUpGapFilterForm
    context_object_name = "exemplars"
    paginate_by = 25

    def get_queryset(self):
        data = self.filters()
        return tracking.follow_up_gaps(
            user=self.request.user,
            query=data.get("q", ""),
            year=data.get("year"),
            unit_kind=data.get("unit_kind"),
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filter_form=self.get_filter_form(),
            cutoff=tracking.twelve_months_before(timezone.localdate()),
            **kwargs,
        )


class ExemplarNotesView(ScopedExemplarMixin, PermissionRequiredMixin, ListView):
    """Every note of one kind about one exemplar, newest first (``tracking.<read>``), and
    whether the user may add one (``may_add``: its name in the template, the permission)."""

    permission_required = "registry.view_exemplar"
    paginate_by = 20
    read = ""
    may_add = ("", "")

    def get_queryset(self):
        return getattr(tracking, self.read)(exemplar=self.get_exemplar())

    def get_context_data(self, **kwargs):
        exemplar = self.get_exemplar()
        name, permission = self.may_add
        kwargs[name] = self.request.user.has_perm(permission, exemplar)
        return super().get_context_data(exemplar=exemplar, **kwargs)


class ExemplarNoteCreateView(ScopedExemplarMixin, PermissionRequiredMixin, FormView):
    """A note about one exemplar, written by ``tracking.<write>``; the user reads ``saved``.
    Errors are shown on this page with what was typed."""

    write = ""
    saved = ""
    # The form keeps a draft in the browser, to drop once saved.
    keeps_draft = False

    def get_context_data(self, **kwargs):
        return super().get_context_data(exemplar=self.get_exemplar(), **kwargs)

    def form_valid(self, form):
        exemplar = self.get_exemplar()
        getattr(tracking, self.write)(exemplar=exemplar, by=self.request.user, values=form.values())
        messages.success(self.request, self.saved)
        if self.keeps_draft:
            draft_saved(self.request)
        return redirect(exemplar)

    def form_invalid(self, form):
        messages.error(self.request, _("Nothing was saved yet: please correct the marked fields."))
        return super().form_invalid(form)


class ExemplarFollowUpListView(ExemplarNotesView):
    """Every follow-up of one exemplar, newest first."""

    template_name = "registry/followup_list.html"
    context_object_name = "follow_ups"
    read = "exemplar_follow_ups"
    may_add = ("can_follow_up", "registry.follow_up_exemplar")


class FollowUpCreateView(ExemplarNoteCreateView):
    """Home Affairs, or the exemplar's own unit, records a follow-up of an accepted one."""

    template_name = "registry/followup_form.html"
    permission_required = "registry.follow_up_exemplar"
    form_class = FollowUpForm
    write = "follow_up_create"
    saved = gettext_lazy("The follow-up is saved.")
    keeps_draft = True


class NurturingNoteListView(ExemplarNotesView):
    """Every nurturing note of one exemplar, newest first."""

    template_name = "registry/followup_nurturing_list.html"
    context_object_name = "notes"
    read = "exemplar_nurturing_notes"
    may_add = ("can_nurture", "registry.nurture_exemplar")


class NurturingNoteCreateView(ExemplarNoteCreateView):
    """The unit notes the support given to a new factor and what it still has to fix (the
    small form on the exemplar's page posts here)."""

    template_name = "registry/followup_nurturing_form.html"
    permission_required = "registry.nurture_exemplar"
    form_class = NurturingNoteForm
    write = "nurturing_note_create"
    saved = gettext_lazy("The nurturing note is saved.")


class RegistrationView(ScopedUnitMixin, FilteredListMixin, ListView):
    """A unit's registration of new factors to build into exemplars in a year (plan II)."""

    template_name = "registry/registration.html"
    filter_form_class = RegistrationFilterForm
    context_object_name = "exemplars"
    paginate_by = 25

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.get_unit()  # outside the user's reach: 404 whatever the method
        return super().dispatch(request, *args, **kwargs)

    def get_year(self) -> int:
        return self.filters().get("year") or timezone.localdate().year

    def get_queryset(self):
        data = self.filters()
        return tracking.registration_list(
            unit=self.get_unit(),
            year=self.get_year(),
            query=data.get("q", ""),
            status=data.get("status", ""),
        )

    def get_context_data(self, **kwargs):
        unit = self.get_unit()
        user = self.request.user
        year = self.get_year()
        form = self.get_filter_form()
        if not form.is_bound:
            form = RegistrationFilterForm(initial={"year": year})
        return super().get_context_data(
            unit=unit,
            year=year,
            filter_form=form,
            progress=tracking.quota_progress(unit=unit, year=year),
            can_register=user.unit_id == unit.pk and user.has_perm("registry.add_exemplar"),
            **kwargs,
        )


class MyRegistrationView(RedirectView):
    """The signed-in user's own unit's registration page."""

    def get_redirect_url(self, *args, **kwargs):
        unit = self.request.user.unit
        if unit is None:
            raise Http404
        url = reverse("registry:registration", kwargs={"code": unit.code})
        year = self.request.GET.get("year", "")
        return f"{url}?year={year}" if year.isdigit() else url
