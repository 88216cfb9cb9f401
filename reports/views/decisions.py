"""Decisions that confer awards: a read-only record kind of the kit. A decision is made by
recording it on agreed proposals (``reports.awards``); its page lists the awards it confers
that the reader reaches, with the cash each carries on the decision's day."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy

from exemplar_portal.base.exports import display
from exemplar_portal.base.kit import RecordKind

from ..forms import DecisionFilterForm
from ..models import AwardDecision, AwardProposal, cash_amount


def awards_of(decision: AwardDecision, user) -> list[tuple[AwardProposal, int | None]]:
    """The proposals ``decision`` confers that ``user`` reaches, each with its cash (None
    where the rate or the base salary of its day is not recorded)."""
    proposals = (
        AwardProposal.objects.restrict(user)
        .filter(decision=decision)
        .select_related("exemplar", "exemplar__unit", "award", "proposing_unit")
        .order_by("award__order", "exemplar__subject_key", "pk")
    )
    return [(p, cash_amount(p.award, p.exemplar.subject_kind, decision.date)) for p in proposals]


class DecisionKind(RecordKind):
    model = AwardDecision
    pages = ("list", "detail")
    name = "decision"
    filter_form_class = DecisionFilterForm
    filters = {"year": "date__year", "level": "level"}
    search_fields = ("number", "signer")
    ordering = ("-date", "-pk")
    object_name = "decision"
    list_name = "decisions"
    record_prefix = ""
    export_filename = "quyet-dinh-khen-thuong"
    export_title = gettext_lazy("Award decisions")
    export_columns = [
        (gettext_lazy("decision number"), "number"),
        (gettext_lazy("decision date"), "date"),
        (gettext_lazy("conferred by"), display("level")),
        (gettext_lazy("signer"), "signer"),
    ]

    def list_queryset(self, request, filters):
        reached = AwardProposal.objects.restrict(request.user).only("pk", "decision_id")
        return (
            super()
            .list_queryset(request, filters)
            .prefetch_related(Prefetch("proposals", queryset=reached, to_attr="reached"))
        )

    def detail_context(self, request, decision):
        awards = awards_of(decision, request.user)
        return {
            **super().detail_context(request, decision),
            "awards": awards,
            "total": sum(amount or 0 for _proposal, amount in awards),
            "missing_cash": any(amount is None for _proposal, amount in awards),
        }


urlpatterns = DecisionKind().urls()
