"""Exemplar pages: the list, the unit's form, the record with its timeline, review moves,
Home Affairs' and the district's review queue, and notifications."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, ListView, View
from django.views.generic.edit import FormView
from rules.contrib.views import PermissionRequiredMixin

from exemplar_portal.base.exports import XlsxExportMixin
from exemplar_portal.base.history import history_with_changes
from exemplar_portal.base.kit import get_in_reach
from exemplar_portal.base.lookups import Naming, rows_naming

from .. import attachments as attachment_files
from .. import extensions, security, selectors, services, workflow
from ..drafts import draft_saved
from ..enums import ExemplarStatus, Role, SubjectKind
from ..forms import ExemplarFilterForm, ExemplarForm, TransitionForm
from ..lineage import work_successor_on
from ..models import Exemplar, FollowUp, Notification, NurturingNote
from ..spreadsheets.kinds import ImportOfferMixin
from ..spreadsheets.resources import ExemplarResource
from .attachments import EXEMPLAR_FILES


class FromExemplarMixin:
    """A record kind whose new record may start from an exemplar's page: the exemplar named
    by ``?exemplar=<code>``, among ``named_exemplars(request)`` (else none), fills in the form
    (``named_initial``) and is shown above it."""

    def named_exemplars(self, request):
        raise NotImplementedError(f"{type(self).__name__} says which exemplars it starts from")

    def named_initial(self, exemplar) -> dict:
        return {"exemplar": exemplar}

    def exemplar_named(self, request):
        code = request.GET.get("exemplar", "")
        return self.named_exemplars(request).filter(code=code).first() if code else None

    def form_initial(self, request):
        exemplar = self.exemplar_named(request)
        return self.named_initial(exemplar) if exemplar else {}

    def form_context(self, request, record=None):
        return {"exemplar": self.exemplar_named(request)} if record is None else {}


class ScopedExemplarMixin:
    """Fetch the exemplar named in the URL among those the user reaches; others are 404."""

    def get_exemplar(self) -> Exemplar:
        if not hasattr(self, "_exemplar"):
            exemplars = Exemplar.objects.restrict(self.request.user).select_related(
                "created_by",
                "unit__kind",
                "unit__parent__kind",
                "reviewer_unit",
                "field",
                "campaign",
                "catalogue_version",
            )
            self._exemplar = get_in_reach(exemplars, code=self.kwargs["code"])
        return self._exemplar

    def get_object(self, queryset=None):
        return self.get_exemplar()

    def get_permission_object(self):
        return self.get_exemplar()


class FilteredExemplarsMixin:
    paginate_by = 25
    # The long texts a list never shows: left out of its query (PostgreSQL would otherwise
    # read them out of their TOAST storage, and sort them, for every row on the page).
    NOT_LISTED = ("achievements", "new_model", "search_text")

    def get_filter_form(self):
        if not hasattr(self, "_filter_form"):
            self._filter_form = ExemplarFilterForm(
                self.request.GET or None, **self.get_filter_form_kwargs()
            )
        return self._filter_form

    def get_filter_form_kwargs(self) -> dict:
        return {}

    def filtered(self, **fixed):
        form = self.get_filter_form()
        filters, sort = {}, self.default_sort
        if form.is_bound and form.is_valid():
            filters = {k: v for k, v in form.cleaned_data.items() if k != "sort"}
            sort = ExemplarFilterForm.SORTS.get(form.cleaned_data["sort"], (sort,))[0]
        filters.update(fixed)
        return selectors.exemplar_list(user=self.request.user, filters=filters, sort=sort)

    def get_template_names(self):
        if self.request.htmx and not self.request.htmx.boosted:
            return [self.partial_template_name]
        return [self.template_name]


class ExemplarListView(ImportOfferMixin, XlsxExportMixin, FilteredExemplarsMixin, ListView):
    template_name = "registry/exemplar_list.html"
    partial_template_name = "registry/partials/exemplar_results.html"
    context_object_name = "exemplars"
    default_sort = "-updated_at"
    # The download has the import's columns: edited and uploaded again, it updates drafts.
    export_filename = "dien-hinh"
    export_title = gettext_lazy("Exemplars")
    import_kind = "exemplars"

    def get_queryset(self):
        return self.filtered().defer(*self.NOT_LISTED)

    def get_export_columns(self):
        return ExemplarResource.export_columns(self.request.user)

    def exported(self, file_format):
        if any(
            ExemplarResource.may_export(name, self.request.user)
            for name in ExemplarResource.PERSONAL
        ):
            security.personal_data_exported(
                "exemplars",
                self.get_export_queryset().count(),
                format=file_format,
                query=self.request.GET.urlencode(),
            )

    def get_export_queryset(self):
        return self.filtered().select_related("campaign")

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter_form=self.get_filter_form(), **kwargs)


class ExemplarFormMixin(PermissionRequiredMixin):
    """The exemplar form of the record's unit."""

    template_name = "registry/exemplar_form.html"
    form_class = ExemplarForm

    def form_unit(self):
        return self.request.user.unit

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "unit": self.form_unit(), "by": self.request.user}

    def saved(self, form, exemplar, message):
        """Say so, with what the check found that does not stop a save (a possible
        duplicate), and go to the record."""
        messages.success(self.request, message)
        for warnings in form.warnings.values():
            for warning in warnings:
                messages.warning(self.request, warning)
        draft_saved(self.request)
        return redirect(exemplar)


class ExemplarCreateView(ExemplarFormMixin, FormView):
    """A unit drafts an exemplar. The same form sent twice makes one record."""

    permission_required = "registry.add_exemplar"

    def get_initial(self):
        import uuid

        return {"creation_token": uuid.uuid4(), "is_new_factor": "new_factor" in self.request.GET}

    def form_valid(self, form):
        exemplar = services.exemplar_create(
            unit=self.request.user.unit,
            by=self.request.user,
            values=form.model_values(),
            evidence=form.evidence(),
            creation_token=form.cleaned_data.get("creation_token"),
        )
        return self.saved(form, exemplar, _("The draft is saved. Check it, then submit it."))


class ExemplarUpdateView(ScopedExemplarMixin, ExemplarFormMixin, FormView):
    """The unit edits its draft or returned exemplar; accepted ones are frozen."""

    permission_required = "registry.change_exemplar"

    def form_unit(self):
        return self.get_exemplar().unit

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.get_exemplar()}

    def get_initial(self):
        return {"version": self.get_exemplar().version}

    def get_context_data(self, **kwargs):
        return super().get_context_data(exemplar=self.get_exemplar(), **kwargs)

    def form_valid(self, form):
        try:
            exemplar = services.exemplar_update(
                exemplar=self.get_exemplar(),
                by=self.request.user,
                values=form.model_values(),
                evidence=form.evidence(),
                expected_version=form.cleaned_data.get("version") or 0,
            )
        except services.StaleEditError:
            form.add_error(
                None,
                _(
                    "Someone else saved or sent this exemplar after you opened it. Your "
                    "text is still below: copy what you need, reload the page and apply it "
                    "again."
                ),
            )
            return self.render_to_response(self.get_context_data(form=form), status=409)
        return self.saved(form, exemplar, _("The changes are saved."))


# A review move that could not be made, kept for the record's page the user is sent back to:
# what they typed stays in the comment box, and what went wrong is shown where it belongs.
MOVE_ATTEMPT = "record_move_attempt"
# At most this much of a comment too long to take is kept for the user to shorten.
KEPT_COMMENT_CHARACTERS = 20_000
# The query of the record's page that asks to confirm the sending (the step without script).
CONFIRM_SEND = ("xac-nhan", "gui")


def _either(labels) -> str:
    """“Return” or “Refuse”: the names of the moves, as a sentence gives them."""
    quoted = [f"“{label}”" for label in labels]
    return (" " + _("or") + " ").join(quoted)


class ExemplarDetailView(ScopedExemplarMixin, PermissionRequiredMixin, DetailView):
    """The record as it will be sent (a preview for drafts), its timeline and its moves.

    A returned or refused record opens with the reviewer's reason. The next-step box offers
    the user's own moves only, with the comment box where a move takes one; sending is
    confirmed first (a dialog, or with ``?xac-nhan=gui`` a confirmation step without script).
    """

    template_name = "registry/exemplar_detail.html"
    permission_required = "registry.view_exemplar"
    context_object_name = "exemplar"

    def pop_move_attempt(self) -> dict:
        attempt = self.request.session.get(MOVE_ATTEMPT)
        if not attempt or attempt.get("code") != self.object.code:
            return {}
        del self.request.session[MOVE_ATTEMPT]
        return attempt

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        exemplar = self.object
        user = self.request.user
        attempt = self.pop_move_attempt()
        # A record keeps the unit it was made by; for a unit that has ended, the page also
        # says which unit carries on its work today.
        unit_now = None
        if exemplar.unit.has_ended():
            unit_now = work_successor_on(exemplar.unit, timezone.localdate())
        transitions = list(exemplar.transitions.select_related("by__unit"))
        can_edit = user.has_perm("registry.change_exemplar", exemplar)
        show_personal_data = user.has_perm("registry.view_personal_data_exemplar", exemplar)
        if show_personal_data and exemplar.subject_kind == SubjectKind.INDIVIDUAL:
            security.personal_data_viewed(exemplar)
        criteria = exemplar.criteria_with_evidence()
        context.update(
            unit_now=unit_now,
            criteria=criteria,
            transitions=transitions,
            # The latest reviewer's reason, shown first on a returned or refused record.
            reason_step=self.reason_step(exemplar, transitions),
            # The unit head's sign-off of the record as its reviewers have it.
            signoff_step=workflow.head_signoff(exemplar, transitions),
            awaiting_head_name=(
                workflow.head_name(exemplar)
                if exemplar.status == ExemplarStatus.AWAITING_HEAD
                else ""
            ),
            # Review steps and what happened to the files (registry/attachments.py).
            timeline=attachment_files.timeline(exemplar, transitions),
            **EXEMPLAR_FILES.context(self.request, exemplar),
            can_edit=can_edit,
            show_personal_data=show_personal_data,
            history=history_with_changes(exemplar),
            **self.next_step_context(exemplar, user, attempt, criteria),
            **self.notes_context(exemplar),
        )
        # What the apps above add to the page (propagation, awards): registry.extensions.
        for provider in extensions.exemplar_page_context:
            context.update(provider(user=user, exemplar=exemplar))
        return context

    @staticmethod
    def notes_context(exemplar) -> dict:
        """How many follow-ups and nurturing notes the record has (one query for both) and
        the latest three of each, for the page's tracking sections."""
        follow_ups, notes = rows_naming(
            exemplar.pk, Naming(FollowUp, by="exemplar"), Naming(NurturingNote, by="exemplar")
        )
        return {
            "follow_up_total": len(follow_ups),
            "recent_follow_ups": list(exemplar.follow_ups.all()[:3]) if follow_ups else [],
            "nurturing_total": len(notes),
            "recent_nurturing_notes": list(exemplar.nurturing_notes.all()[:3]) if notes else [],
        }

    @staticmethod
    def reason_step(exemplar, transitions):
        if exemplar.status not in ExemplarStatus.with_reason():
            return None
        steps = [t for t in transitions if t.to_status == exemplar.status and t.comment]
        return steps[-1] if steps else None

    def next_step_context(self, exemplar, user, attempt: dict, criteria=None) -> dict:
        """The moves the user may make, split into the sending (confirmed first) and the
        others, the comment box those take, and what sending still lacks (``criteria``:
        the record's criteria with their evidence, as the page loaded them)."""
        moves = workflow.moves_for(exemplar, user)
        send = next((move for move in moves if move.action == "submit"), None)
        others = [move for move in moves if move.action != "submit"]
        commented = [move for move in others if move.takes_comment]
        missing = workflow.completeness_errors(exemplar, criteria) if exemplar.is_editable else []
        form = TransitionForm(
            initial={"version": exemplar.version, "comment": attempt.get("comment", "")}
        )
        comment_help = ""
        if commented:
            needing = [move.label for move in commented if move.comment_required]
            if needing and len(needing) == len(commented):
                comment_help = _("Required: say what must change, and why.")
            elif needing:
                comment_help = _("Required for %(moves)s: say what must change, and why.") % {
                    "moves": _either(needing)
                }
            else:
                comment_help = _("Optional.")
            form.describe_comment(
                required=bool(needing) and len(needing) == len(commented),
                error=attempt.get("comment_error", ""),
            )
        send_to = approve_to = None
        to_head = False
        if send is not None:
            send_to = workflow.sending_to(exemplar, user)
            to_head = workflow.head_signs_off(exemplar) and not workflow.signs_by_sending(
                exemplar, user
            )
        if any(move.action == "head_approve" for move in moves):
            approve_to = workflow.destination_name(workflow.reviewer_on_sending(exemplar))
        confirming = (
            send is not None
            and not missing
            and self.request.GET.get(CONFIRM_SEND[0]) == CONFIRM_SEND[1]
        )
        return {
            "moves": moves,
            "send_move": send,
            "other_moves": others,
            "commented_moves": commented,
            "transition_form": form,
            "comment_help": comment_help,
            "comment_error": attempt.get("comment_error", ""),
            "missing": missing,
            "send_failed": bool(attempt.get("incomplete")) and bool(missing),
            "send_to": send_to,
            # The editor's record goes to the unit head first (``Unit.needs_head_signoff``).
            "send_to_head": to_head,
            "next_after_head": (
                workflow.destination_name(workflow.reviewer_on_sending(exemplar))
                if to_head
                else None
            ),
            "approve_to": approve_to,
            # A unit that signs off with no head in the portal: the record would only wait.
            "no_head": to_head and not workflow.has_head(exemplar),
            "confirming_send": confirming,
            "confirm_send_query": "=".join(CONFIRM_SEND),
        }


class ExemplarTransitionView(ScopedExemplarMixin, View):
    """One review move from the record's page (submit, endorse, accept, return…).

    Whatever happens, the user goes back to the record's page: with the move's message, or,
    when the move cannot be made, with what they typed kept and what went wrong shown where
    it belongs (the list of what sending lacks, a reason asked for next to the comment box).
    """

    def post(self, request, code):
        exemplar = self.get_exemplar()
        form = TransitionForm(request.POST)
        if not form.is_valid():
            if "comment" in form.errors:
                # Too long a comment: said next to the box, with the text kept to shorten.
                request.session[MOVE_ATTEMPT] = {
                    "code": exemplar.code,
                    "action": request.POST.get("action", ""),
                    "comment": request.POST.get("comment", "")[:KEPT_COMMENT_CHARACTERS],
                    "comment_error": " ".join(form.errors["comment"]),
                }
                return HttpResponseRedirect(f"{exemplar.get_absolute_url()}#id_comment")
            messages.error(request, _("The request was incomplete. Please try again."))
            return redirect(exemplar)
        action = form.cleaned_data["action"]
        comment = form.cleaned_data["comment"]
        try:
            exemplar = workflow.transition(
                exemplar=exemplar,
                action=action,
                by=request.user,
                comment=comment,
                expected_version=form.cleaned_data["version"],
            )
        except PermissionDenied:
            raise
        except workflow.WorkflowError as error:
            attempt = {"code": exemplar.code, "action": action, "comment": comment}
            anchor = "next-step"
            if isinstance(error, workflow.IncompleteError):
                attempt["incomplete"] = True
                anchor = "missing"
            elif isinstance(error, workflow.ReasonMissingError):
                attempt["comment_error"] = " ".join(error.messages)
                anchor = "id_comment"
            else:
                for message in error.messages:
                    messages.error(request, message)
            request.session[MOVE_ATTEMPT] = attempt
            return HttpResponseRedirect(f"{exemplar.get_absolute_url()}#{anchor}")
        messages.success(request, workflow.done_message(action, exemplar))
        return redirect(exemplar)


class ReviewQueueView(PermissionRequiredMixin, FilteredExemplarsMixin, ListView):
    """What waits for this reviewer: Home Affairs sees the province, a district its communes.

    Shows how long each has waited, highlights the overdue ones and flags possible
    duplicates across units; accepts or returns several at once with one comment.
    """

    template_name = "registry/review_queue.html"
    partial_template_name = "registry/partials/review_results.html"
    permission_required = "registry.review_queue"
    context_object_name = "exemplars"
    # The oldest waiting first: the sort control's "waiting longest", shown as chosen.
    default_sort = ExemplarFilterForm.SORTS["oldest"][0]

    def waiting_statuses(self) -> list[str]:
        """The statuses that wait for this reviewer: only these are listed or offered."""
        if self.request.user.role == Role.DISTRICT_REVIEWER:
            return [ExemplarStatus.SUBMITTED_TO_DISTRICT]
        return [ExemplarStatus.UNDER_REVIEW]

    def get_filter_form_kwargs(self) -> dict:
        return {"statuses": self.waiting_statuses(), "default_sort": "oldest"}

    def bulk_actions(self):
        if self.request.user.role == Role.DISTRICT_REVIEWER:
            return [workflow.MOVES["endorse"], workflow.MOVES["district_return"]]
        return [workflow.MOVES["accept"], workflow.MOVES["return"]]

    def get_queryset(self):
        waiting = self.filtered().filter(status__in=self.waiting_statuses())
        if self.request.user.role == Role.DISTRICT_REVIEWER:
            # What was sent to this body (or handed over to it), not what its units sent
            # elsewhere.
            waiting = waiting.filter(reviewer_unit_id=self.request.user.unit_id)
        return waiting.defer(*self.NOT_LISTED)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = list(context["exemplars"])
        now = timezone.now()
        overdue_days = settings.PORTAL["REVIEW_OVERDUE_DAYS"]
        duplicates = selectors.possible_duplicates(page)
        context.update(
            filter_form=self.get_filter_form(),
            rows=[
                {
                    "exemplar": e,
                    "waiting_days": (now - (e.status_changed_at or e.created_at)).days,
                    "overdue": (now - (e.status_changed_at or e.created_at)).days > overdue_days,
                    "duplicate": (e.subject_key, e.year) in duplicates,
                }
                for e in page
            ],
            overdue_days=overdue_days,
            actions=self.bulk_actions(),
        )
        return context

    def post(self, request, *args, **kwargs):
        codes = request.POST.getlist("selected")
        action = request.POST.get("action", "")
        comment = request.POST.get("comment", "")
        allowed = {move.action for move in self.bulk_actions()}
        if action not in allowed or not codes:
            messages.error(request, _("Choose at least one exemplar and an action."))
            return HttpResponseRedirect(request.get_full_path())
        done, failed = 0, []
        for exemplar in Exemplar.objects.restrict(request.user).filter(code__in=codes):
            try:
                workflow.transition(
                    exemplar=exemplar, action=action, by=request.user, comment=comment
                )
                done += 1
            except (workflow.WorkflowError, PermissionDenied) as error:
                reason = "; ".join(getattr(error, "messages", [])) or _("not allowed")
                failed.append(f"{exemplar}: {reason}")
        if done:
            messages.success(
                request,
                _("%(count)d exemplars done: %(action)s.")
                % {"count": done, "action": workflow.MOVES[action].label},
            )
        for failure in failed:
            messages.error(request, failure)
        return HttpResponseRedirect(request.get_full_path())


class NotificationListView(ListView):
    template_name = "registry/notification_list.html"
    context_object_name = "notifications"
    paginate_by = 30

    def get_queryset(self):
        return Notification.objects.filter(recipient=self.request.user).select_related(
            "exemplar", "transition"
        )

    def post(self, request):
        Notification.objects.filter(recipient=request.user, read_at__isnull=True).update(
            read_at=timezone.now()
        )
        messages.success(request, _("All notifications are marked as read."))
        return redirect("registry:notifications")
