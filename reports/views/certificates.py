"""Pages of the certificate blanks and of printing certificates for a decision.

- The blanks (``BlankKind``): list, page, add, edit (the fields a formset on the form) and
  delete, with the calibration page as a PDF (``…/can-chinh/``, the printer's shift to try
  in ``?dx=&dy=``).
- Printing for a decision (``DecisionCertificatesView``, from the decision's page): choose
  the blank, the awards and the signature; the print is recorded and its page offers the PDF.
- What was printed (``PrintKind``): list and page of each print, and its PDF.

Rows are read through their models' scope (out of reach is a 404); who may keep, calibrate
or print is ``reports/rules/certificates.py`` (a 403).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import DetailView
from django.views.generic.edit import FormView

from exemplar_portal.base.exports import display, joined
from exemplar_portal.base.kit import RecordKind, RecordObjectMixin, get_in_reach
from registry.rules import is_home_affairs

from .. import certificates
from ..certificate_forms import (
    CertificateBlankFilterForm,
    CertificateBlankForm,
    CertificatePrintFilterForm,
    CertificatePrintForm,
    OffsetForm,
    certificate_field_formset,
)
from ..limits import DocumentTooLong, RenderTimedOut
from ..models import (
    AwardDecision,
    AwardProposal,
    CertificateBlank,
    CertificateEntry,
    CertificateField,
    CertificatePrint,
)
from ..pdf import PDF_CONTENT_TYPE
from ..rules import certificates as _rules  # noqa: F401  (registers the permissions)


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=PDF_CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}.pdf"'
    return response


class BlankKind(RecordKind):
    model = CertificateBlank
    name = "certificateblank"
    list_permission = "reports.view_certificate_blanks"
    form_class = CertificateBlankForm
    filter_form_class = CertificateBlankFilterForm
    filters = {"award": "award_forms", "active": "active"}
    search_fields = ("name", "place")
    ordering = ("-active", "name", "pk")
    select_related = ("unit",)
    object_name = "blank"
    list_name = "blanks"
    record_prefix = ""
    create_path = "them/"
    export_filename = "phoi-bang-khen"
    export_title = gettext_lazy("Certificate blanks")
    export_columns = [
        (gettext_lazy("name"), "name"),
        (gettext_lazy("kept by"), "unit.name"),
        (gettext_lazy("award forms it serves"), joined("award_forms", "name")),
        (gettext_lazy("paper"), display("paper")),
        (gettext_lazy("orientation"), display("orientation")),
        (gettext_lazy("size"), "size_display"),
        (gettext_lazy("in use"), "active"),
    ]

    def list_queryset(self, request, filters):
        return (
            super()
            .list_queryset(request, filters)
            .prefetch_related("award_forms")
            .annotate(field_count=Count("fields", distinct=True))
        )

    def list_context(self, request, filters, records):
        return {"may_add": request.user.has_perm("reports.add_certificateblank")}

    def detail_context(self, request, blank):
        user = request.user
        return {
            **super().detail_context(request, blank),
            "fields": blank.fields.all(),
            "award_forms": blank.award_forms.all(),
            "prints": CertificatePrint.objects.restrict(user)
            .filter(blank=blank)
            .select_related("decision", "printed_by")
            .annotate(count=Count("entries"))[:10],
            "may_calibrate": user.has_perm("reports.calibrate_certificateblank", blank),
            "offset_form": OffsetForm(
                initial={"dx": blank.offset_x_mm, "dy": blank.offset_y_mm}, auto_id="offset_%s"
            ),
            "has_prints": blank.prints.exists(),
        }

    def formsets(self, request, record=None, data=None):
        blank = record or CertificateBlank()
        fields = certificate_field_formset(
            extra=len(CertificateField.Key) if blank.pk is None else 2
        )
        return {"fields": fields(data, instance=blank, prefix="fields")}

    def save(self, request, form, record=None):
        if record is None:
            form.instance.created_by = request.user
        return super().save(request, form, record)

    def saved_message(self, record, created):
        return _("The blank is saved. Print its calibration page to check the positions.")

    def delete_context(self, request, blank):
        return {"field_count": blank.fields.count()}


class CalibrationView(RecordObjectMixin, DetailView):
    """The calibration page of a blank, as a PDF; ``?dx=&dy=`` tries another printer shift."""

    action = "calibrate"

    def get(self, request, *args, **kwargs):
        blank = self.get_record()
        form = OffsetForm(request.GET or None)
        offset = None
        if form.is_bound:
            if not form.is_valid():
                for errors in form.errors.values():
                    for error in errors:
                        messages.error(request, error)
                return redirect(blank)
            offset = (
                form.cleaned_data["dx"]
                if form.cleaned_data["dx"] is not None
                else blank.offset_x_mm,
                form.cleaned_data["dy"]
                if form.cleaned_data["dy"] is not None
                else blank.offset_y_mm,
            )
        if blank.size_mm is None:
            messages.error(request, _("Give the blank's size first."))
            return redirect(blank)
        content = certificates.calibration_pdf(blank, offset)
        return pdf_response(content, f"can-chinh-phoi-{blank.pk}")


BLANKS = BlankKind()
urlpatterns = BLANKS.urls({"calibration": ("can-chinh/", CalibrationView)})


# Printing for a decision ---------------------------------------------------------------------


class DecisionCertificatesView(FormView):
    """Print certificates for a decision: the blank, the awards, the signature."""

    template_name = "reports/decision_certificates.html"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        self.decision = get_in_reach(AwardDecision.objects.restrict(user), pk=kwargs["pk"])
        self.proposals = list(certificates.printable_proposals(self.decision, user))
        self.blanks = certificates.blanks_to_print(user, self.proposals)
        # Home Affairs prints for every decision (the page says when no blank serves it); a
        # unit's staff only where a blank their unit keeps serves one of its awards.
        if not (
            user.has_perm("reports.print_certificates") and (self.blanks or is_home_affairs(user))
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def chosen_blank(self):
        wanted = self.request.GET.get("blank")
        for blank in self.blanks:
            if str(blank.pk) == wanted:
                return blank
        return self.blanks[0] if self.blanks else None

    def get_form(self, form_class=None):
        ids = [blank.pk for blank in self.blanks]
        queryset = (
            CertificateBlank.objects.filter(pk__in=ids)
            .prefetch_related("fields", "award_forms")
            .order_by("name", "pk")
        )
        proposals = certificates.printable_proposals(self.decision, self.request.user)
        return CertificatePrintForm(
            self.request.POST or None,
            decision=self.decision,
            blanks=queryset,
            proposals=proposals,
            blank=self.chosen_blank(),
        )

    def get_context_data(self, **kwargs):
        served = {}
        for blank in self.blanks:
            for award in blank.award_forms.all():
                served.setdefault(award.pk, []).append(blank.name)
        return super().get_context_data(
            decision=self.decision,
            blanks=self.blanks,
            chosen=self.chosen_blank(),
            proposals=self.proposals,
            served=served,
            prints=CertificatePrint.objects.restrict(self.request.user)
            .filter(decision=self.decision)
            .select_related("blank", "printed_by")
            .annotate(count=Count("entries")),
            **kwargs,
        )

    def form_valid(self, form):
        data = form.cleaned_data
        chosen = {p.pk for p in data["proposals"]}
        proposals = [p for p in self.proposals if p.pk in chosen]
        try:
            run = certificates.certificates_print(
                blank=data["blank"],
                decision=self.decision,
                proposals=proposals,
                by=self.request.user,
                signer_name=data["signer_name"],
                signer_position=data["signer_position"],
                achievement=data["achievement"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            ngettext(
                "%(count)s certificate is recorded: open the PDF and print it on a blank at 100%%.",
                "%(count)s certificates are recorded: open the PDF and print them on the blanks "
                "at 100%%.",
                len(proposals),
            )
            % {"count": len(proposals)},
        )
        return redirect(run)


# What was printed ----------------------------------------------------------------------------


class PrintKind(RecordKind):
    model = CertificatePrint
    pages = ("list", "detail")
    name = "certificateprint"
    list_permission = "reports.view_certificate_blanks"
    filter_form_class = CertificatePrintFilterForm
    filters = {"year": "decision__date__year", "decision": "decision_id"}
    search_fields = ("search_text",)
    ordering = ("-printed_at", "-pk")
    select_related = ("blank", "decision", "printed_by")
    object_name = "run"
    list_name = "runs"
    record_prefix = "lan-in/"
    export_filename = "bang-khen-da-in"
    export_title = gettext_lazy("Certificates printed")
    export_columns = [
        (gettext_lazy("award decision"), "decision.number"),
        (gettext_lazy("decision date"), "decision.date"),
        (gettext_lazy("certificate blank"), "blank.name"),
        (gettext_lazy("certificates"), "count"),
        (gettext_lazy("printed by"), "printed_by"),
        (gettext_lazy("printed at"), "printed_at"),
    ]

    def list_queryset(self, request, filters):
        return super().list_queryset(request, filters).annotate(count=Count("entries"))

    def list_context(self, request, filters, records):
        decision = filters.get("decision")
        if not decision:
            return {}
        return {
            "decision": AwardDecision.objects.restrict(request.user).filter(pk=decision).first()
        }

    def detail_context(self, request, run):
        entries = entries_in_reach(run, request.user)
        rows = [(entry, certificates.shortened(run.blank, entry.texts)) for entry in entries]
        return {
            **super().detail_context(request, run),
            "rows": rows,
            "may_print_again": request.user.has_perm("reports.print_certificateblank", run.blank),
        }


def entries_in_reach(run: CertificatePrint, user):
    """The certificates of ``run`` whose awards ``user`` reaches."""
    reached = AwardProposal.objects.restrict(user).values("pk")
    return (
        CertificateEntry.objects.filter(print_run=run, proposal__in=reached)
        .select_related("proposal__exemplar", "proposal__award", "number")
        .order_by("order", "pk")
    )


class PrintPdfView(RecordObjectMixin, DetailView):
    """The certificates of a print as one PDF, one page each (those the reader reaches)."""

    action = "view"

    def get(self, request, *args, **kwargs):
        run = self.get_record()
        blank = CertificateBlank.objects.prefetch_related("fields").get(pk=run.blank_id)
        run.blank = blank
        entries = list(entries_in_reach(run, request.user))
        if not entries:
            messages.error(request, _("None of these certificates is within your reach."))
            return redirect(run)
        try:
            content = certificates.print_pdf(run, entries)
        except (DocumentTooLong, RenderTimedOut):
            messages.error(
                request, _("Too many certificates for one file: print fewer awards at a time.")
            )
            return redirect(run)
        return pdf_response(content, f"bang-khen-{run.decision.number}-{run.pk}".replace("/", "-"))


PRINTS = PrintKind()
print_urlpatterns = [
    *PRINTS.urls({"pdf": ("pdf/", PrintPdfView)}),
]
decision_urlpatterns = [
    path(
        "<int:pk>/in-bang-khen/", DecisionCertificatesView.as_view(), name="decision_certificates"
    ),
]
