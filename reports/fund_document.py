"""The yearly report on a fund (báo cáo tình hình trích lập và sử dụng quỹ thi đua, khen
thưởng) as a Decree 30 document: the balance carried in, the income by kind, the spending by
kind, the balance carried out, and the cash of the awards by award form.

The province's fund reports from the Department of Home Affairs, which keeps it, to the
Provincial People's Committee; a unit's fund reports from the unit. The figures are
``reports.fund.summary``; the document is built like the others (``reports.documents``) and
issued through ``reports.issuing``.
"""

from django.utils.translation import gettext as _

from registry.models import Unit

from .documents import (
    ARCHIVED,
    Issue,
    _document,
    _listing,
    _no,
    _sum,
    draft_issue,
    home_affairs,
    issuer_name,
)
from .fund import Summary, summary
from .layout import Column, Document, Heading, Paragraph, Table, cell_text
from .models import Fund


def issuer_of(fund: Fund) -> Unit:
    """The body that reports on ``fund``: Home Affairs for the province's, the unit for its
    own."""
    if fund.is_provincial:
        return home_affairs() or fund.unit
    return Unit.objects.select_related("kind", "parent__kind").get(pk=fund.unit_id)


def _money(amount: int) -> str:
    return cell_text(amount) if amount else "0"


def fund_summary(*, fund: Fund, year: int, issue: Issue | None = None) -> Document:
    """The report on ``fund`` in ``year``."""
    unit = issuer_of(fund)
    issue = issue or draft_issue(unit)
    figures = summary(fund, year)
    body = [
        Paragraph(
            _(
                "Pursuant to the Law on Emulation and Commendation of 15 June 2022 and the "
                "documents detailing and guiding its implementation;"
            )
        ),
        Paragraph(
            _(
                "%(issuer)s reports the income and spending of the %(fund)s in %(year)s, as "
                "its ledger records them (%(entries)s entries), as follows:"
            )
            % {
                "issuer": issuer_name(unit),
                "fund": fund.name,
                "year": year,
                "entries": figures.entries,
            }
        ),
        Heading(_("I. INCOME, SPENDING AND BALANCE")),
        _balance_table(figures),
        Heading(_("II. CASH OF THE AWARDS BY AWARD FORM")),
    ]
    if figures.awards:
        body.append(
            Paragraph(
                _(
                    "The fund paid the cash of %(count)s awards under the decisions of %(year)s, "
                    "each at its multiple of the base salary in force on the decision's day, "
                    "rounded up to ten thousand đồng:"
                )
                % {"count": figures.awards_count, "year": year}
            )
        )
        body.append(
            _listing(
                _("Awards"),
                [
                    _no(),
                    Column(_("Award form"), width=50),
                    _sum(_("Awards"), 12),
                    _sum(_("Amount (đồng)"), 20),
                ],
                [[n, *award] for n, award in enumerate(figures.awards, 1)],
                totals=True,
            )
        )
    else:
        body.append(Paragraph(_("The fund paid no award's cash in %(year)s.") % {"year": year}))
    body += [
        Heading(_("III. BALANCE CARRIED OVER")),
        Paragraph(
            _("The balance of %(closing)s đồng at the end of %(year)s is carried over to %(next)s.")
            % {"closing": _money(figures.closing), "year": year, "next": year + 1}
        ),
    ]
    to_province = fund.is_provincial
    return _document(
        unit=unit,
        issue=issue,
        kind="fund_summary",
        year=year,
        subject=_("Income and spending of the emulation and commendation fund in %(year)s")
        % {"year": year},
        addressee=[_("To: The Provincial People's Committee")] if to_province else [],
        body=body,
        closing=_("%(issuer)s respectfully reports./.") % {"issuer": issuer_name(unit)},
        recipients=[
            _("The Provincial People's Committee (to report)")
            if to_province
            else _("The Department of Home Affairs (Emulation and Rewards Board)"),
            _("The Department of Finance"),
            ARCHIVED if to_province else "Lưu: VT",
        ],
        filename=f"bao-cao-quy-thi-dua-khen-thuong-{year}-{fund.unit.code}",
        extra={
            "opening": figures.opening,
            "income": figures.total_income,
            "spending": figures.total_spending,
            "closing": figures.closing,
        },
    )


def _balance_table(figures: Summary) -> Table:
    """Opening balance, each income, each spending, closing balance: numbered as an office
    numbers them (1, 2, 2.1…), without a totals row (the rows do not add up)."""
    year = figures.year
    rows = [
        [
            "1",
            _("Balance carried over from %(year)s") % {"year": year - 1},
            figures.opening,
        ],
        ["2", _("Income in the year"), figures.total_income],
        *[[f"2.{n}", label, amount] for n, (label, amount) in enumerate(figures.income, 1)],
        ["3", _("Spending in the year"), figures.total_spending],
        *[[f"3.{n}", label, amount] for n, (label, amount) in enumerate(figures.spending, 1)],
        ["4", _("Balance carried over to %(year)s") % {"year": year + 1}, figures.closing],
    ]
    return Table(
        columns=[
            _no(),
            Column(_("Item"), width=60),
            Column(_("Amount (đồng)"), numeric=True, width=25),
        ],
        rows=rows,
        sheet=_("Fund"),
    )
