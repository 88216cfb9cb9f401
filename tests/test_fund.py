"""The emulation and commendation fund: a decision's cash against a hand computation (the
multiple in force on the decision's day times the base salary of that day, rounded up to
10,000 đồng), recorded once and whole or not at all; the ledger's running balance, its
filters and export; the yearly summary and its report; who keeps and reads which fund;
refused input that keeps what was typed."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from registry.enums import SubjectKind
from reports import fund as funds
from reports import issuing
from reports.models import AwardDecision, Fund, FundEntry, FundPayout, IssuedDocument
from tests.factories.reports import SignerFactory
from tests.personas import PERSONAS
from tests.test_awards import PROVINCIAL_FIGHTER, PROVINCIAL_MERIT, accepted, propose
from tests.test_decisions import conferred

pytestmark = pytest.mark.integration

D = datetime.date
K = FundEntry.Kind
DEPARTMENT_CERTIFICATE = "giay-khen-thu-truong-so-nganh"
EXCELLENT_COLLECTIVE = "tap-the-lao-dong-xuat-sac"


def collective(unit, name):
    return accepted(
        unit=unit,
        subject_kind=SubjectKind.COLLECTIVE,
        full_name="",
        collective_name=name,
        head_name="Trần Văn Minh",
        member_count=24,
    )


def decide(world, awards, *, number, day, unit=None):
    """Confer ``awards`` ((award code, exemplar), …) under one decision ``number`` of ``day``,
    proposed by ``unit`` (Sở Y tế by default); the decision."""
    unit = unit or world.dept_a
    home_affairs = world.user("home_affairs")
    proposal = None
    for code, exemplar in awards:
        proposal = propose(exemplar, code, by=home_affairs, unit=unit, year=day.year)
        conferred(
            proposal,
            home_affairs,
            decision_number=number,
            decision_date=day,
            decision_signer="Chủ tịch Ủy ban nhân dân tỉnh",
        )
    proposal.refresh_from_db()
    return proposal.decision


def open_fund(unit, by, name=None):
    return Fund.objects.create(
        unit=unit, name=name or f"Quỹ thi đua, khen thưởng {unit.name}", created_by=by
    )


def entry(fund, kind, amount, day, by, **extra):
    return FundEntry.objects.create(
        fund=fund,
        year=day.year,
        date=day,
        kind=kind,
        amount=amount,
        description=extra.pop("description", f"{K(kind).label} {day:%d/%m/%Y}"),
        recorded_by=by,
        **extra,
    )


@pytest.fixture
def province_fund(world):
    return open_fund(world.province, world.user("home_affairs"), "Quỹ thi đua, khen thưởng tỉnh")


@pytest.fixture
def dept_fund(world):
    return open_fund(world.dept_a, world.user("editor_a"))


@pytest.fixture
def year_end(world):
    """Decision 2968/QĐ-UBND of 26/12/2025: a Bằng khen and a CSTĐ cấp tỉnh to individuals
    and a Tập thể lao động xuất sắc to a collective."""
    return decide(
        world,
        [
            (PROVINCIAL_MERIT, accepted(unit=world.dept_a, full_name="Đinh Thị Ngọc Lan")),
            (PROVINCIAL_FIGHTER, accepted(unit=world.dept_a, full_name="Vũ Văn Minh")),
            (EXCELLENT_COLLECTIVE, collective(world.dept_a, "Khoa Hồi sức tích cực")),
        ],
        number="2968/QĐ-UBND",
        day=D(2025, 12, 26),
    )


# The cash of a decision, by hand ---------------------------------------------------------------


def test_a_decisions_cash_is_the_multiple_times_the_base_salary_of_its_day(
    world, province_fund, year_end
):
    entry = funds.record_payouts(decision=year_end, by=world.user("home_affairs"))
    # Base salary from 1/7/2024: 2,340,000 đ (Decree 73/2024). Decree 152/2025 Art. 54(1)(b):
    # Bằng khen 1.5 ×; CSTĐ cấp tỉnh 3.0 ×; Tập thể lao động xuất sắc (a collective's
    # title, its own multiple) 1.5 ×.
    by_hand = {
        "Đinh Thị Ngọc Lan": (1.5, 2_340_000, 3_510_000),
        "Vũ Văn Minh": (3.0, 2_340_000, 7_020_000),
        "Khoa Hồi sức tích cực": (1.5, 2_340_000, 3_510_000),
    }
    lines = {
        p.proposal.exemplar.subject_name: (float(p.multiple), p.base_salary, p.amount)
        for p in entry.payouts.select_related("proposal__exemplar")
    }
    assert lines == by_hand
    assert entry.amount == 3_510_000 + 7_020_000 + 3_510_000 == 14_040_000
    assert (entry.fund, entry.kind, entry.date, entry.year) == (
        province_fund,
        K.AWARD_PAYOUT,
        D(2025, 12, 26),
        2025,
    )
    assert (entry.document_number, entry.decision) == ("2968/QĐ-UBND", year_end)
    assert province_fund.balance() == -14_040_000


def test_a_decision_before_july_2024_takes_the_base_salary_of_1_800_000(world, province_fund):
    decision = decide(
        world,
        [(PROVINCIAL_FIGHTER, accepted(unit=world.dept_a, full_name="Lê Văn Hải"))],
        number="1050/QĐ-UBND",
        day=D(2024, 5, 20),
    )
    entry = funds.record_payouts(decision=decision, by=world.user("home_affairs"))
    # 3.0 × 1,800,000 (Decree 24/2023, from 1/7/2023; Decree 98/2023 Art. 54).
    assert entry.amount == 5_400_000
    assert entry.payouts.get().base_salary == 1_800_000


def test_cash_is_rounded_up_to_ten_thousand_dong_and_a_collective_takes_its_multiple(
    world, dept_fund
):
    """A department head's Giấy khen under Decree 98/2023 Art. 58: 0.3 × for a person, 0.6 ×
    for a collective; paid from the department's own fund."""
    decision = decide(
        world,
        [
            (DEPARTMENT_CERTIFICATE, accepted(unit=world.dept_a, full_name="Phạm Thu Trang")),
            (DEPARTMENT_CERTIFICATE, collective(world.dept_a, "Khoa Nhi")),
        ],
        number="45/QĐ-SYT",
        day=D(2025, 3, 14),
    )
    assert decision.level == "department"
    entry = funds.record_payouts(decision=decision, by=world.user("editor_a"))
    amounts = {p.proposal.exemplar.subject_name: p.amount for p in entry.payouts.all()}
    # 0.3 × 2,340,000 = 702,000 → 710,000; 0.6 × 2,340,000 = 1,404,000 → 1,410,000.
    assert amounts == {"Phạm Thu Trang": 710_000, "Khoa Nhi": 1_410_000}
    assert entry.fund == dept_fund and entry.amount == 2_120_000


def test_an_award_without_a_rate_is_refused_by_name_and_nothing_is_written(
    world, client_for, province_fund
):
    # Decree 152/2025 sets no collective's figure for the provincial Bằng khen.
    decision = decide(
        world,
        [
            (PROVINCIAL_MERIT, accepted(unit=world.dept_a, full_name="Đinh Thị Ngọc Lan")),
            (PROVINCIAL_MERIT, collective(world.dept_a, "Khoa Hồi sức tích cực")),
        ],
        number="2970/QĐ-UBND",
        day=D(2025, 12, 26),
    )
    with pytest.raises(ValidationError) as refused:
        funds.record_payouts(decision=decision, by=world.user("home_affairs"))
    assert "Khoa Hồi sức tích cực" in refused.value.messages[0]
    assert "Đinh Thị Ngọc Lan" not in refused.value.messages[0]
    assert not FundEntry.objects.exists() and not FundPayout.objects.exists()
    client = client_for(world.user("home_affairs"))
    url = reverse("reports:decision_payout", args=[decision.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Khoa Hồi sức tích cực" in page.context["problem"]
    assert client.post(url).status_code == 302
    assert not FundEntry.objects.exists()


def test_a_decisions_payouts_are_recorded_once(world, client_for, province_fund, year_end):
    client = client_for(world.user("home_affairs"))
    url = reverse("reports:decision_payout", args=[year_end.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert [line.amount for line in page.context["lines"]] == [7_020_000, 3_510_000, 3_510_000]
    assert page.context["total"] == 14_040_000 and page.context["may_record"]
    recorded = client.post(url)
    entry = FundEntry.objects.get()
    assert recorded.url == entry.get_absolute_url()
    again = client.post(url, follow=True)
    assert FundEntry.objects.count() == 1 and FundPayout.objects.count() == 3
    assert "Quỹ thi đua, khen thưởng tỉnh" in again.content.decode()
    assert client.get(url).context["recorded"] == entry
    decision_page = client.get(year_end.get_absolute_url()).content.decode()
    assert entry.get_absolute_url() in decision_page and url not in decision_page
    with pytest.raises(ValidationError):
        funds.record_payouts(decision=year_end, by=world.user("home_affairs"))


def test_a_payout_is_removed_and_recorded_again_never_edited(
    world, client_for, province_fund, year_end
):
    client = client_for(world.user("home_affairs"))
    entry = funds.record_payouts(decision=year_end, by=world.user("home_affairs"))
    assert client.get(reverse("reports:fund_entry_update", args=[entry.pk])).status_code == 403
    delete = reverse("reports:fund_entry_delete", args=[entry.pk])
    assert "2968/QĐ-UBND" in client.get(delete).content.decode()
    assert client.post(delete).url == province_fund.get_absolute_url()
    assert not FundEntry.objects.exists() and not FundPayout.objects.exists()
    client.post(reverse("reports:decision_payout", args=[year_end.pk]))
    assert FundEntry.objects.get().amount == 14_040_000


def test_which_fund_pays(world, province_fund, dept_fund, year_end):
    assert funds.paying_fund(year_end) == province_fund
    province_fund.active = False
    province_fund.save()
    with pytest.raises(funds.NoFund) as none:
        funds.paying_fund(year_end)
    assert world.province.name in none.value.messages[0]
    # A commune's Giấy khen is paid by the commune, which keeps no fund.
    decision = decide(
        world,
        [
            (
                "giay-khen-chu-tich-ubnd-xa",
                accepted(unit=world.commune_a, full_name="Lã Văn Hòa"),
            )
        ],
        number="12/QĐ-UBND",
        day=D(2025, 10, 2),
        unit=world.commune_a,
    )
    with pytest.raises(funds.NoFund):
        funds.paying_fund(decision)
    commune_fund = open_fund(world.commune_a, world.user("commune_editor"))
    assert funds.paying_fund(decision) == commune_fund
    # 0.3 × 2,340,000 = 702,000 → 710,000 (Decree 152/2025 Art. 54(1)(e)).
    assert funds.record_payouts(decision=decision, by=world.user("commune_editor")).amount == (
        710_000
    )


# The ledger and the year ----------------------------------------------------------------------


@pytest.fixture
def two_years(world, province_fund, year_end):
    """2024: carried over 50 million, a budget of 300 million, 12 million of printing;
    2025: a budget of 320 million, a contribution of 25 million, 18.5 million of printing
    and frames, the cash of decision 2968/QĐ-UBND (14,040,000)."""
    by = world.user("home_affairs")
    entry(province_fund, K.CARRIED_OVER, 50_000_000, D(2024, 1, 2), by)
    entry(province_fund, K.BUDGET, 300_000_000, D(2024, 1, 15), by, document_number="98/QĐ-UBND")
    entry(province_fund, K.PRINTING, 12_000_000, D(2024, 11, 5), by)
    entry(
        province_fund,
        K.BUDGET,
        320_000_000,
        D(2025, 1, 15),
        by,
        description="Dự toán ngân sách năm 2025",
        document_number="125/QĐ-UBND",
    )
    entry(province_fund, K.CONTRIBUTION, 25_000_000, D(2025, 6, 10), by)
    entry(province_fund, K.PRINTING, 18_500_000, D(2025, 9, 22), by)
    funds.record_payouts(decision=year_end, by=by)
    return province_fund


def test_the_summary_carries_the_balance_from_year_to_year(two_years):
    first = funds.summary(two_years, 2024)
    assert (first.opening, first.total_income, first.total_spending) == (
        50_000_000,
        300_000_000,
        12_000_000,
    )
    assert first.closing == 338_000_000
    second = funds.summary(two_years, 2025)
    assert second.opening == first.closing == 338_000_000
    assert dict(second.income)[K.BUDGET.label] == 320_000_000
    assert dict(second.income)[K.CONTRIBUTION.label] == 25_000_000
    assert dict(second.spending)[K.AWARD_PAYOUT.label] == 14_040_000
    assert dict(second.spending)[K.PRINTING.label] == 18_500_000
    assert second.closing == 338_000_000 + 345_000_000 - 32_540_000 == 650_460_000
    assert set(second.awards) == {
        ("Chiến sĩ thi đua cấp tỉnh", 1, 7_020_000),
        ("Tập thể lao động xuất sắc", 1, 3_510_000),
        ("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", 1, 3_510_000),
    }
    assert two_years.balance() == second.closing


def test_the_ledger_shows_the_running_balance_whatever_it_filters(world, client_for, two_years):
    client = client_for(world.user("leader"))
    url = two_years.get_absolute_url()
    page = client.get(url)
    assert page.status_code == 200
    balances = [e.balance for e in page.context["entries"]]
    assert balances == [
        50_000_000,
        350_000_000,
        338_000_000,
        658_000_000,
        683_000_000,
        664_500_000,
        650_460_000,
    ]
    assert page.context["balance"] == 650_460_000
    printing = client.get(url, {"kind": K.PRINTING, "year": 2025})
    assert [(e.amount, e.balance) for e in printing.context["entries"]] == [
        (18_500_000, 664_500_000)
    ]
    found = client.get(url, {"q": "du toan ngan sach"})
    assert [e.document_number for e in found.context["entries"]] == ["125/QĐ-UBND"]
    bad = client.get(url, {"year": "năm ngoái"})
    assert bad.status_code == 200 and "year" in bad.context["filter_form"].errors
    exported = client.get(url, {"export": "xlsx", "year": 2025})
    sheet = load_workbook(io.BytesIO(exported.content), read_only=True).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[-1][-1] == 650_460_000 and rows[-1][-2] == 14_040_000
    assert len([r for r in rows if r[0] == 2025]) == 4


def test_the_year_page_and_its_report(world, client_for, two_years):
    client = client_for(world.user("home_affairs"))
    page = client.get(reverse("reports:fund_year", args=[two_years.pk, 2025]))
    assert page.status_code == 200 and page.context["summary"].closing == 650_460_000
    assert page.context["may_issue"]
    document = issuing.build(
        IssuedDocument.Kind.FUND_SUMMARY, {"fund": two_years.pk, "year": 2025}, user=None
    )
    text = document.text()
    assert document.type_name == "BÁO CÁO" and document.issuer == "SỞ NỘI VỤ"
    assert document.extra == {
        "opening": 338_000_000,
        "income": 345_000_000,
        "spending": 32_540_000,
        "closing": 650_460_000,
    }
    balance, awards = document.tables()
    rows = {row[0]: row[2] for row in balance.rows}
    assert (rows["1"], rows["2"], rows["3"], rows["4"]) == (
        338_000_000,
        345_000_000,
        32_540_000,
        650_460_000,
    )
    assert [row[1:] for row in awards.rows if row[1] == "Chiến sĩ thi đua cấp tỉnh"] == [
        ["Chiến sĩ thi đua cấp tỉnh", 1, 7_020_000]
    ]
    assert awards.totals[-1] == 14_040_000 and "650.460.000" in text
    assert "Chiến sĩ thi đua cấp tỉnh" in text
    url = reverse("reports:document_fund_summary", args=[two_years.pk, 2025])
    pdf = client.get(url + "?format=pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    docx = client.get(url + "?format=docx")
    assert docx.status_code == 200 and docx.content.startswith(b"PK")
    signer = SignerFactory(unit=world.home_affairs_unit)
    issued = client.post(
        reverse("reports:document_fund_summary_issue", args=[two_years.pk, 2025]),
        {"signer": signer.pk, "issued_on": f"{timezone.localdate():%d/%m/%Y}"},
    )
    assert issued.status_code == 302
    record = IssuedDocument.objects.get(kind=IssuedDocument.Kind.FUND_SUMMARY)
    assert record.unit == world.home_affairs_unit and record.number_text == "01/BC-SNV"
    assert client_for(world.user("editor_a")).get(url).status_code == 404
    assert client_for(world.user("media")).get(url).status_code == 404


def test_a_unit_fund_reports_from_the_unit(world, dept_fund):
    entry(dept_fund, K.BUDGET, 40_000_000, D(2025, 2, 3), world.user("editor_a"))
    document = issuing.build(
        IssuedDocument.Kind.FUND_SUMMARY, {"fund": dept_fund.pk, "year": 2025}, user=None
    )
    assert document.issuer == "SỞ Y TẾ" and document.extra["closing"] == 40_000_000
    assert issuing.issuing_unit(IssuedDocument.Kind.FUND_SUMMARY, {"fund": dept_fund.pk}) == (
        world.dept_a
    )


# Who may do what --------------------------------------------------------------------------------

READS_ALL = {"home_affairs", "leader", "administrator"}
KEEPS = {"province": {"home_affairs"}, "dept": {"editor_a", "head_a"}}
READS = {"province": READS_ALL, "dept": READS_ALL | KEEPS["dept"]}


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_reads_and_keeps_which_fund(world, client_for, persona, province_fund, dept_fund):
    client = client_for(world.user(persona))
    listed = client.get(reverse("reports:fund_list"))
    assert listed.status_code == (403 if persona == "media" else 200)
    for which, fund in (("province", province_fund), ("dept", dept_fund)):
        reads, keeps = persona in READS[which], persona in KEEPS[which]
        typed = entry(fund, K.BUDGET, 1_000_000, D(2025, 1, 10), world.user("administrator"))
        answers = {
            "ledger": client.get(fund.get_absolute_url()).status_code,
            "year": client.get(reverse("reports:fund_year", args=[fund.pk, 2025])).status_code,
            "entry": client.get(typed.get_absolute_url()).status_code,
            "add": client.get(reverse("reports:fund_entry_create", args=[fund.pk])).status_code,
            "edit": client.get(reverse("reports:fund_entry_update", args=[typed.pk])).status_code,
            "fund": client.get(reverse("reports:fund_update", args=[fund.pk])).status_code,
        }
        read = 200 if reads else 404
        keep = 200 if keeps else 403 if reads else 404
        expected = {"ledger": read, "year": read, "entry": read}
        expected |= {"add": keep, "edit": keep, "fund": keep}
        assert answers == expected, which
        posted = client.post(
            reverse("reports:fund_entry_delete", args=[typed.pk]),
        )
        assert posted.status_code == (302 if keeps else keep)
        assert FundEntry.objects.filter(pk=typed.pk).exists() is not keeps


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_records_a_provincial_decisions_payouts(
    world, client_for, persona, province_fund, year_end
):
    client = client_for(world.user(persona))
    url = reverse("reports:decision_payout", args=[year_end.pk])
    reaches = persona in READS_ALL | {"editor_a", "head_a"}
    expected = 200 if persona == "home_affairs" else 403 if reaches else 404
    assert client.get(url).status_code == expected
    decision_page = client.get(year_end.get_absolute_url())
    if reaches:
        assert (url in decision_page.content.decode()) is (persona == "home_affairs")
    client.post(url)
    assert FundEntry.objects.exists() is (persona == "home_affairs")


def test_a_unit_keeps_its_fund_through_the_pages(world, client_for):
    client = client_for(world.user("head_a"))
    data = {"unit": world.dept_a.pk, "name": "Quỹ thi đua, khen thưởng Sở Y tế", "active": "on"}
    assert client.post(reverse("reports:fund_create"), data).status_code == 302
    fund = Fund.objects.get()
    assert fund.unit == world.dept_a and fund.created_by == world.user("head_a")
    # Another unit, or a second active fund of the same unit, is refused.
    other = client.post(reverse("reports:fund_create"), {**data, "unit": world.dept_b.pk})
    assert other.status_code == 200 and "unit" in other.context["form"].errors
    second = client.post(reverse("reports:fund_create"), data)
    assert second.status_code == 200 and Fund.objects.count() == 1
    added = client.post(
        reverse("reports:fund_entry_create", args=[fund.pk]),
        {
            "year": 2025,
            "date": "20/01/2025",
            "kind": K.BUDGET,
            "amount": "40.000.000",
            "description": "Dự toán ngân sách năm 2025",
            "document_number": "15/QĐ-SYT",
            "document_date": "15/01/2025",
        },
    )
    typed = FundEntry.objects.get()
    assert added.url == typed.get_absolute_url()
    assert (typed.amount, typed.recorded_by) == (40_000_000, world.user("head_a"))
    # Home Affairs keeps the province's fund, not a unit's.
    other_form = client_for(world.user("home_affairs")).get(reverse("reports:fund_create"))
    assert list(other_form.context["form"].fields["unit"].queryset) == [world.province]


# Refused input ----------------------------------------------------------------------------------


@pytest.fixture
def typed_entry(world, province_fund):
    return {
        "year": 2025,
        "date": "15/01/2025",
        "kind": K.BUDGET,
        "amount": "320.000.000",
        "description": "Dự toán ngân sách năm 2025",
        "document_number": "125/QĐ-UBND",
        "document_date": "15/01/2025",
    }


@pytest.mark.parametrize(
    "change, field, message",
    [
        ({"amount": "-5.000.000"}, "amount", "Số tiền không thể là số âm."),
        ({"amount": "0"}, "amount", None),
        ({"amount": "ba triệu"}, "amount", None),
        ({"date": "15/01/2024"}, "date", None),
        ({"kind": "lottery"}, "kind", "Hãy chọn một lựa chọn hợp lệ."),
        ({"kind": K.AWARD_PAYOUT}, "kind", "Hãy chọn một lựa chọn hợp lệ."),
        ({"description": ""}, "description", "Trường này là bắt buộc."),
    ],
)
def test_bad_input_is_refused_and_kept(
    world, client_for, province_fund, typed_entry, change, field, message
):
    client = client_for(world.user("home_affairs"))
    response = client.post(
        reverse("reports:fund_entry_create", args=[province_fund.pk]), {**typed_entry, **change}
    )
    assert response.status_code == 200 and not FundEntry.objects.exists()
    errors = response.context["form"].errors
    assert list(errors) == [field]
    if message:
        assert message in errors[field][0]
    page = response.content.decode()
    for kept in filter(None, {**typed_entry, **change}.values()):
        assert str(kept) in page


def test_a_balance_carried_over_opens_the_ledger_only(world, client_for, two_years, typed_entry):
    client = client_for(world.user("home_affairs"))
    url = reverse("reports:fund_entry_create", args=[two_years.pk])
    later = client.post(url, {**typed_entry, "kind": K.CARRIED_OVER})
    assert "kind" in later.context["form"].errors
    earlier = client.post(
        url, {**typed_entry, "year": 2023, "date": "10/10/2023", "kind": K.PRINTING}
    )
    assert "year" in earlier.context["form"].errors
    assert FundEntry.objects.filter(fund=two_years).count() == 7


def test_an_inactive_fund_is_read_only(world, client_for, province_fund):
    province_fund.active = False
    province_fund.save()
    client = client_for(world.user("home_affairs"))
    assert client.get(province_fund.get_absolute_url()).status_code == 200
    url = reverse("reports:fund_entry_create", args=[province_fund.pk])
    assert client.get(url).status_code == 403


def test_the_pages_ask_for_a_login(client, province_fund):
    for url in (
        reverse("reports:fund_list"),
        province_fund.get_absolute_url(),
        reverse("reports:fund_year", args=[province_fund.pk, 2025]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_decision_without_awards_in_reach_is_not_found(world, client_for, year_end):
    assert isinstance(year_end, AwardDecision)
    url = reverse("reports:decision_payout", args=[year_end.pk])
    assert client_for(world.user("editor_b")).get(url).status_code == 404


# The demo ----------------------------------------------------------------------------------------


def test_the_demo_fund_of_2025_records_its_decisions_once(world, year_end):
    from reports import demo_fund

    refused = decide(
        world,
        [(PROVINCIAL_MERIT, collective(world.dept_a, "Khoa Nhi"))],
        number="2971/QĐ-UBND",
        day=D(2025, 12, 29),
    )
    home_affairs = world.user("home_affairs")
    assert demo_fund.load(home_affairs) == len(demo_fund.ENTRIES) + 1
    assert demo_fund.load(home_affairs) == 0
    fund = Fund.objects.get(unit=world.province)
    assert fund.entries.get(decision=year_end).amount == 14_040_000
    assert not FundEntry.objects.filter(decision=refused).exists()
    year = funds.summary(fund, 2025)
    assert year.opening == 412_350_000
    assert year.total_income == 3_000_000_000
    assert year.total_spending == 186_400_000 + 420_000_000 + 48_600_000 + 14_040_000
    assert year.closing == fund.balance() == 412_350_000 + 3_000_000_000 - 669_040_000
    budget = fund.entries.get(kind=K.BUDGET)
    assert (budget.document_number, budget.document_date) == ("125/QĐ-UBND", D(2025, 1, 15))


def test_the_pages_queries_do_not_grow_with_the_rows(world, client_for, province_fund):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(world.user("home_affairs"))
    by = world.user("home_affairs")

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    def awards(count, number):
        return decide(
            world,
            [
                (PROVINCIAL_FIGHTER, accepted(unit=world.dept_a, full_name=f"Cá nhân {n}"))
                for n in range(count)
            ],
            number=number,
            day=D(2025, 12, 26),
        )

    small, large = awards(1, "1/QĐ-UBND"), awards(4, "2/QĐ-UBND")
    payout = "reports:decision_payout"
    queries(reverse("reports:fund_list"))  # the session's first page reads more
    assert queries(reverse(payout, args=[small.pk])) == queries(reverse(payout, args=[large.pk]))
    entry(province_fund, K.BUDGET, 1_000_000, D(2025, 1, 5), by)
    few = queries(province_fund.get_absolute_url())
    for day in range(6, 12):
        entry(province_fund, K.PRINTING, 10_000, D(2025, 1, day), by)
    funds.record_payouts(decision=large, by=by)
    assert queries(province_fund.get_absolute_url()) == few
