"""Pages of the emulation and commendation funds: the funds (a kind of the kit), each fund's
ledger with its running balance (the kind of its entries, under the fund), an entry typed
by hand (added, changed, deleted after a confirmation), the recording of a decision's cash
from the decision's page, and a fund's year (the summary, and its report as a document).

Rows are read through their models' scope (out of reach is a 404); who keeps which fund is
``reports/rules/fund.py`` (a 403); the arithmetic is ``reports.fund``.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, F, Sum, Value, When
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from exemplar_portal.base.exports import display
from exemplar_portal.base.history import history_with_changes
from exemplar_portal.base.kit import RecordKind, get_in_reach

from .. import fund as funds
from ..fund_document import issuer_of
from ..fund_forms import FundEntryFilterForm, FundEntryForm, FundForm
from ..models import AwardDecision, Fund, FundEntry, IssuedDocument
from ..models.fund import INCOME
from ..rules import fund as _rules  # noqa: F401  (registers the permissions)
from .documents import DocumentView, document_urls


class FundKind(RecordKind):
    """The funds within reach with their balance; a fund's own page is its ledger."""

    model = Fund
    # A fund with entries is kept: it is made inactive, not deleted.
    pages = ("list", "create", "update")
    name = "fund"
    list_permission = "reports.view_funds"
    form_class = FundForm
    form_takes_user = True
    ordering = ("unit__name", "name")
    select_related = ("unit",)
    object_name = "fund"
    list_name = "funds"
    create_path = "moi/"

    def list_queryset(self, request, filters):
        signed = Case(
            When(entries__kind__in=INCOME, then=F("entries__amount")),
            default=-F("entries__amount"),
        )
        return (
            super()
            .list_queryset(request, filters)
            .annotate(balance=Coalesce(Sum(signed), Value(0)))
        )

    def list_context(self, request, filters, records):
        return {"may_add": request.user.has_perm("reports.add_fund")}

    def form_context(self, request, record=None):
        return {"history": funds_history(record)}

    def save(self, request, form, record=None):
        if record is None:
            form.instance.created_by = request.user
        return super().save(request, form, record)

    def saved_message(self, record, created):
        if created:
            return _("The fund is opened: record what it holds and what it receives.")
        return super().saved_message(record, created)


def funds_history(record):
    return history_with_changes(record) if record is not None else None


class FundEntryKind(RecordKind):
    """A fund's ledger and its entries. A decision's cash is recorded from the decision
    (``PayoutView``); its entry is deleted and recorded again, never edited (the rules)."""

    model = FundEntry
    name = "fund_entry"
    parent_model = Fund
    parent_prefix = "<int:pk>/"
    parent_key = "pk"
    parent_field = "fund"
    parent_pages = ("list", "create")
    list_permission = "reports.view_fund"
    form_class = FundEntryForm
    filter_form_class = FundEntryFilterForm
    filters = {"year": "year", "kind": "kind"}
    search_fields = ("description", "document_number")
    ordering = ("date", "pk")
    select_related = ("fund__unit", "decision")
    paginate_by = 50
    object_name = "entry"
    list_name = "entries"
    template_prefix = "reports/fund_entry"
    record_prefix = "muc/"
    export_filename = "so-quy-thi-dua-khen-thuong"
    export_title = gettext_lazy("Fund ledger")
    export_columns = [
        (gettext_lazy("budget year"), "year"),
        (gettext_lazy("date"), "date"),
        (gettext_lazy("document number"), "document_number"),
        (gettext_lazy("document date"), "document_date"),
        (gettext_lazy("description"), "description"),
        (gettext_lazy("kind"), display("kind")),
        (gettext_lazy("income (đồng)"), lambda entry: entry.amount if entry.is_income else None),
        (gettext_lazy("spending (đồng)"), lambda e: None if e.is_income else e.amount),
        (gettext_lazy("balance (đồng)"), "balance"),
    ]

    def list_queryset(self, request, filters):
        return funds.with_running_balance(super().list_queryset(request, filters))

    def list_context(self, request, filters, records):
        fund, user = self.parent, request.user
        years = funds.years_of(fund)
        return {
            "fund": fund,
            "balance": fund.balance(),
            "years": years,
            "may_add": user.has_perm("reports.add_fundentry", fund),
            "may_change_fund": user.has_perm("reports.change_fund", fund),
        }

    def detail_context(self, request, entry):
        return {
            **super().detail_context(request, entry),
            "payouts": entry.payouts.select_related("award", "proposal__exemplar__unit"),
        }

    def form_context(self, request, record=None):
        fund = self.parent or record.fund
        return {"fund": fund, "history": funds_history(record)}

    def save(self, request, form, record=None):
        if record is None:
            form.instance.recorded_by = request.user
        return super().save(request, form, record)

    def deleted_url(self, request, entry):
        return entry.fund

    def saved_message(self, record, created):
        if created:
            return _("The entry is recorded in the ledger.")
        return _("The entry is updated.")

    def deleted_message(self, record):
        if record.is_payout:
            return _(
                "The payouts of the decision are removed from the ledger: record them again "
                "from the decision's page."
            )
        return _("The entry is deleted from the ledger.")


def decision_in_reach(request, pk) -> AwardDecision:
    decisions = AwardDecision.objects.restrict(request.user)
    return get_in_reach(decisions, pk=pk)


class PayoutView(TemplateView):
    """The cash of every award of a decision: each award, its multiple, the base salary, the
    amount and the total, to confirm; then recorded in the fund that pays it (POST). Those
    who keep that fund only: the page lists every award of the decision."""

    template_name = "reports/fund_payout.html"

    def dispatch(self, request, *args, **kwargs):
        self.decision = decision_in_reach(request, kwargs["pk"])
        self.fund, self.problem = None, ""
        try:
            self.fund = funds.paying_fund(self.decision)
        except funds.NoFund as error:
            self.problem = error.messages[0]
        if not request.user.has_perm("reports.record_payouts_of", self.decision):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        lines = funds.lines_of(self.decision)
        recorded = FundEntry.objects.filter(decision=self.decision).select_related("fund").first()
        return super().get_context_data(
            decision=self.decision,
            fund=self.fund,
            lines=lines,
            total=sum(line.amount or 0 for line in lines),
            recorded=recorded,
            problem=self.problem or (recorded is None and funds.refusal(lines)),
            may_record=self.fund is not None
            and self.request.user.has_perm("reports.record_payouts", self.fund),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if self.fund is None or not request.user.has_perm("reports.record_payouts", self.fund):
            raise PermissionDenied
        try:
            entry = funds.record_payouts(decision=self.decision, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("reports:decision_payout", pk=self.decision.pk)
        messages.success(
            request,
            _("The payouts are recorded in %(fund)s: %(amount)s đồng.")
            % {"fund": entry.fund.name, "amount": f"{entry.amount:,}".replace(",", ".")},
        )
        return redirect(entry)


class FundYearMixin(PermissionRequiredMixin):
    """The fund named in the URL, in reach (else 404), and its year (404 outside the years
    a budget may have)."""

    permission_required = "reports.view_fund"
    raise_exception = True

    def get_fund(self) -> Fund:
        if not hasattr(self, "_fund"):
            fund_list = Fund.objects.restrict(self.request.user).select_related("unit")
            self._fund = get_in_reach(fund_list, pk=self.kwargs["pk"])
        return self._fund

    def get_permission_object(self):
        return self.get_fund()

    def get_year(self) -> int:
        year = self.kwargs["year"]
        if not 1945 <= year <= 2100:
            raise Http404
        return year


class FundYearView(FundYearMixin, TemplateView):
    """A fund's year: the balance carried in, income, spending by kind and by award form,
    the balance carried out; and its report as a document."""

    template_name = "reports/fund_year.html"

    def get_context_data(self, **kwargs):
        fund, year, user = self.get_fund(), self.get_year(), self.request.user
        issuer = issuer_of(fund)
        context = super().get_context_data(**kwargs)
        context.update(
            fund=fund,
            year=year,
            summary=funds.summary(fund, year),
            years=sorted(set(funds.years_of(fund)) | {year}, reverse=True),
            may_issue=user.has_perm("reports.issue_document", issuer),
            issued=IssuedDocument.objects.filter(
                kind=IssuedDocument.Kind.FUND_SUMMARY, about=f"fund={fund.pk};year={year}"
            ).order_by("-issued_at")[:5],
        )
        return context


class FundSummaryDocumentView(FundYearMixin, DocumentView):
    """The report on a fund's year, from the body that keeps it."""

    kind = IssuedDocument.Kind.FUND_SUMMARY
    url_name = "document_fund_summary"

    def may_issue(self):
        return self.request.user.has_perm("reports.issue_document", self.issuing_unit())

    def issuing_unit(self):
        return issuer_of(self.get_fund())

    def get_params(self):
        return {"fund": self.get_fund().pk, "year": self.get_year()}

    def url_kwargs(self):
        return {"pk": self.get_fund().pk, "year": self.get_year()}

    def query_params(self):
        return {}

    def describe(self):
        return f"{self.get_fund().name} – {self.get_year()}"

    def record_url(self):
        return reverse("reports:fund_year", kwargs=self.url_kwargs())

    back_url = record_url


urlpatterns = [
    *FundKind().urls(),
    *FundEntryKind().urls(),
    path("<int:pk>/nam/<int:year>/", FundYearView.as_view(), name="fund_year"),
    *document_urls("<int:pk>/nam/<int:year>/bao-cao/", FundSummaryDocumentView),
]
decision_urls = [
    path("<int:pk>/chi-thuong/", PayoutView.as_view(), name="decision_payout"),
]
