"""The yearly statistics on emulation and commendation (Circular 02/2023/TT-BNV, forms
0601–0605): figures against a hand-built year, each figure the count of its queryset, the
workbook drawn as the form, the PDF report with the forms as annexes, who may read which
forms, and bad input."""

import datetime
import io

import pytest
from django.apps import apps as django_apps
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import load_workbook

from registry.enums import ExemplarStatus, SubjectKind
from registry.models import Campaign, Exemplar
from reports import statistics
from reports.data.statistics import seed_statistics_columns
from reports.forms import DecisionForm
from reports.models import AwardForm, AwardProposal, AwardTrack, RecipientGroup
from tests.factories.campaigns import CampaignFactory
from tests.factories.exemplars import ExemplarFactory
from tests.factories.reports import AwardProposalFactory
from tests.personas import PERSONAS
from tests.test_document_fonts import FACES, embedded, fonts_of
from tests.test_documents import flat, pdf_text

pytestmark = pytest.mark.django_db

YEAR = 2025
IN_PERIOD = datetime.date(2025, 3, 10)
C, I, H = SubjectKind.COLLECTIVE, SubjectKind.INDIVIDUAL, SubjectKind.HOUSEHOLD  # noqa: E741
G = RecipientGroup
CONFERRED = AwardProposal.Status.CONFERRED
PROVINCE_MERIT = "bang-khen-chu-tich-ubnd-tinh"
PROVINCE_FIGHTER = "chien-si-thi-dua-cap-tinh"
LABOUR_ORDER_3 = "huan-chuong-lao-dong-hang-ba"
PM_MERIT = "bang-khen-thu-tuong"
EXCELLENT_COLLECTIVE = "tap-the-lao-dong-xuat-sac"


@pytest.fixture(autouse=True)
def columns():
    """The forms' statistics columns, as the data migration sets them (a flush by another
    file's transactional test would have wiped them)."""
    seed_statistics_columns(django_apps)


def award(unit, code, subject=I, *, day=IN_PERIOD, track="regular", group="", status=CONFERRED):
    """An accepted exemplar of ``unit`` with an award of form ``code`` decided on ``day``."""
    names = {C: {"collective_name": "Khoa Hồi sức tích cực"}, H: {"household_head": "Lê Văn An"}}
    exemplar = ExemplarFactory(unit=unit, subject_kind=subject, **names.get(subject, {}))
    Exemplar.objects.filter(pk=exemplar.pk).update(status=ExemplarStatus.ACCEPTED)
    return AwardProposalFactory(
        exemplar=exemplar,
        award=code,
        track=AwardTrack.objects.get(code=track),
        status=status,
        decision_number="123/QĐ-UBND" if status == CONFERRED else "",
        decision_date=day if status == CONFERRED else None,
        recipient_group=group,
    )


@pytest.fixture
def year_of_awards(world):
    """The hand-built year (period 01/12/2024 – 30/11/2025):

    provincial certificates: individuals — provincial leader (dept_a), direct worker
    (dept_a, thematic), one not classified (commune_a, ad hoc); a collective enterprise
    (dept_b), a household (commune_a); a provincial emulation fighter (dept_b, individual,
    direct worker); a Labour Order 3rd class to a collective (dept_a) and to an individual
    (dept_b, sent up); a Prime Minister's certificate to a collective (dept_a); a province's
    title 0603 has no column for (dept_a).
    Not counted: an agreed proposal not yet conferred, a decision of 30/11/2024 (year
    before), a decision of 01/12/2025 (year after), a department's certificate of merit.
    """
    a, b, commune = world.dept_a, world.dept_b, world.commune_a
    award(a, PROVINCE_MERIT, I, group=G.PROVINCIAL_LEADER)
    award(a, PROVINCE_MERIT, I, group=G.DIRECT_WORKER, track="thematic")
    award(commune, PROVINCE_MERIT, I, track="ad_hoc")
    award(b, PROVINCE_MERIT, C, group=G.ENTERPRISE)
    award(commune, PROVINCE_MERIT, H)
    award(b, PROVINCE_FIGHTER, I, group=G.DIRECT_WORKER)
    award(a, LABOUR_ORDER_3, C)
    award(b, LABOUR_ORDER_3, I, track="sent_up", group=G.OTHER_LEADER)
    award(a, PM_MERIT, C, day=datetime.date(2025, 11, 30))
    award(a, EXCELLENT_COLLECTIVE, C)
    # Not counted.
    award(a, PROVINCE_MERIT, I, status=AwardProposal.Status.AGREED)
    award(a, PROVINCE_MERIT, I, day=datetime.date(2024, 11, 30))
    award(b, PROVINCE_MERIT, I, day=datetime.date(2025, 12, 1))
    award(a, "giay-khen-thu-truong-so-nganh", I)
    return world


def province(world):
    return statistics.reach_of(world.user("home_affairs"))


def filled(world, number, persona="home_affairs", year=YEAR):
    reach = statistics.reach_of(world.user(persona))
    return statistics.fill(statistics.FORMS[number], year=year, reach=reach)


# The figures ---------------------------------------------------------------------------------


def test_the_reporting_period_runs_from_december_to_november():
    assert statistics.reporting_period(2025) == (
        datetime.date(2024, 12, 1),
        datetime.date(2025, 11, 30),
    )


def test_0603_counts_the_provinces_awards_by_subject_group_and_track(year_of_awards):
    form = filled(year_of_awards, "0603")
    f = form.figure
    # 5 certificates + 1 emulation fighter; the title without a column, the agreed proposal,
    # the decisions outside the period and the department's certificate are not counted.
    assert f("01", "total") == 6
    assert (f("01", "certificate"), f("01", "provincial_fighter")) == (5, 1)
    assert (f("01", "emulation_flag"), f("01", "badge")) == (0, 0)
    assert (f("02", "total"), f("03", "total"), f("04", "total"), f("05", "total")) == (1, 1, 1, 4)
    assert f("06", "certificate") == 1  # provincial leader
    assert (f("10", "total"), f("10", "certificate"), f("10", "provincial_fighter")) == (2, 1, 1)
    assert (f("07", "total"), f("08", "total"), f("09", "total")) == (0, 0, 0)
    # By method: regular, thematic, ad hoc; resistance is not recorded.
    assert (f("11", "total"), f("12", "total"), f("13", "total")) == (4, 1, 1)
    assert f("17", "total") is None
    # Every figure is its queryset's count.
    for line in form.lines:
        for leaf in form.leaves:
            if form.figure(line.code, leaf.key) is not None:
                assert form.cell_queryset(line.code, leaf.key).count() == form.figure(
                    line.code, leaf.key
                )
    notes = " ".join(form.footnotes())
    assert "Tập thể lao động xuất sắc: 1" in notes
    # The individual of the commune, not classified.
    unclassified = ngettext(
        "%(count)s individual has no group recorded with the decision and is in none "
        "of the groups of individuals.",
        "%(count)s individuals have no group recorded with the decision and are in "
        "none of the groups of individuals.",
        1,
    ) % {"count": 1}
    assert unclassified in form.footnotes()


def test_0602_counts_the_state_awards_in_a_column_per_form(year_of_awards):
    form = filled(year_of_awards, "0602")
    f = form.figure
    assert f("01", "total") == 3
    assert (f("02", "total"), f("03", "total")) == (0, 3)
    assert f("01", f"{LABOUR_ORDER_3}:collective") == 1
    assert f("01", f"{LABOUR_ORDER_3}:individual") == 1
    assert (f("01", "pm_certificate:collective"), f("01", "pm_certificate:individual")) == (1, 0)
    assert (f("06", "total"), f("09", "total"), f("13", "total")) == (2, 1, 1)
    # The sent-up track is in no line of method, and the form says so.
    assert (f("15", "total"), f("21", "total")) == (2, None)
    sent_up = ngettext(
        "%(count)s award proposed through a track the form has no line for (such as "
        "a dossier sent up) is in no line of method.",
        "%(count)s awards proposed through a track the form has no line for (such as "
        "a dossier sent up) are in no line of method.",
        1,
    ) % {"count": 1}
    assert sent_up in form.footnotes()
    # The orders' group has the conferred form's own column, the others none.
    labels = [cell.text for row in form.header_rows() for cell in row]
    assert "Huân chương Lao động hạng Ba" in labels
    assert "Huân chương Lao động hạng Nhì" not in labels


def test_0601_counts_the_movements_launched_in_the_year(world):
    CampaignFactory(valid_from=YEAR, valid_to=YEAR)  # province, provincial, one year
    CampaignFactory(
        valid_from=YEAR,
        valid_to=2029,
        launched_by=Campaign.LaunchedBy.PRIME_MINISTER,
        level=Campaign.Level.NATIONAL,
    )
    CampaignFactory(
        valid_from=YEAR,
        valid_to=2027,
        launched_by=Campaign.LaunchedBy.UNIT,
        launching_unit=world.dept_a,
        level=Campaign.Level.LOCAL,
    )
    CampaignFactory(valid_from=YEAR, valid_to=None)  # no last year
    CampaignFactory(valid_from=2024, valid_to=YEAR)  # launched the year before
    CampaignFactory(valid_from=YEAR, kind=Campaign.Kind.CAMPAIGN)  # a campaign, not a movement
    form = filled(world, "0601")
    f = form.figure
    assert (f("01", "total"), f("01", "central"), f("01", "province"), f("01", "unit")) == (
        4,
        1,
        2,
        1,
    )
    assert (f("02", "total"), f("03", "total"), f("05", "total")) == (1, 2, 1)
    assert (f("07", "total"), f("09", "total"), f("10", "total")) == (1, 1, 1)
    assert f("07", "province") == 1
    assert f("04", "total") is None and f("11", "total") is None
    assert form.blank_codes() == ["04", "06", "11", "12"]
    open_ended = ngettext(
        "%(count)s movement has no last year recorded and is in no line of duration.",
        "%(count)s movements have no last year recorded and are in no line of duration.",
        1,
    ) % {"count": 1}
    assert open_ended in form.footnotes()
    # A unit counts the movements it launched and those that concern every unit.
    assert filled(world, "0601", "editor_a").figure("01", "total") == 4
    assert filled(world, "0601", "editor_b").figure("01", "total") == 3


def test_a_unit_counts_the_awards_of_its_reach(year_of_awards):
    own = filled(year_of_awards, "0603", "editor_a")
    assert own.figure("01", "total") == 2
    assert filled(year_of_awards, "0603", "commune_editor").figure("01", "total") == 2
    # The district reviewer reaches its commune.
    assert filled(year_of_awards, "0603", "district_reviewer").figure("01", "total") == 2


def test_another_year_counts_its_own_period(year_of_awards):
    assert filled(year_of_awards, "0603", year=2026).figure("01", "total") == 1
    assert filled(year_of_awards, "0603", year=2024).figure("01", "total") == 1


def test_0604_and_0605_are_blank_forms_of_the_province(world):
    form = filled(world, "0605")
    assert form.figure("01", "total") is None
    assert [line.code for line in form.lines if line.code][-1] == "15"
    assert (
        _(
            "The portal does not keep these figures: the form is left blank for the office to "
            "fill in."
        )
        in form.footnotes()
    )
    reach = statistics.reach_of(world.user("editor_a"))
    assert [spec.number for spec in statistics.forms_for(reach)] == ["0601", "0602", "0603"]


def test_the_header_merges_as_the_form_does(world):
    rows = filled(world, "0601").header_rows()
    first = [(cell.text, cell.colspan, cell.rowspan) for cell in rows[0]]
    assert first[:3] == [("", 1, 2), ("Mã số", 1, 2), ("Tổng số", 1, 2)]
    assert first[3][1:] == (3, 1)
    assert [cell.text for cell in rows[-1]] == ["A", "B", "1=(2+3+4)", "2", "3", "4"]


# The decision records the group -------------------------------------------------------------


def test_the_decision_offers_the_groups_of_the_subject(year_of_awards):
    proposal = award(year_of_awards.dept_a, PROVINCE_MERIT, C, status=AwardProposal.Status.AGREED)
    form = DecisionForm(proposal=proposal)
    assert [value for value, _label in form.fields["recipient_group"].choices] == ["", G.ENTERPRISE]
    household = award(year_of_awards.dept_a, PROVINCE_MERIT, H, status=AwardProposal.Status.AGREED)
    assert "recipient_group" not in DecisionForm(proposal=household).fields
    refused = DecisionForm(
        {
            "decision_number": "5/QĐ-UBND",
            "decision_date": "01/03/2025",
            "decision_signer": "Chủ tịch",
            "recipient_group": G.PROVINCIAL_LEADER,
        },
        proposal=proposal,
    )
    assert not refused.is_valid() and "recipient_group" in refused.errors


def test_recording_the_decision_keeps_the_group(year_of_awards, client_for):
    proposal = award(year_of_awards.dept_a, PROVINCE_MERIT, I, status=AwardProposal.Status.AGREED)
    client = client_for(year_of_awards.user("home_affairs"))
    response = client.post(
        reverse("reports:proposal_decide", args=[proposal.pk]),
        {
            "decision_number": "15/QĐ-UBND",
            "decision_date": "10/03/2025",
            "decision_signer": "Chủ tịch Ủy ban nhân dân tỉnh",
            "recipient_group": G.ENTREPRENEUR,
        },
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.status, proposal.recipient_group) == (CONFERRED, G.ENTREPRENEUR)


# The files ------------------------------------------------------------------------------------


def file_url(number, year=YEAR, fmt="xlsx"):
    return reverse("reports:statistics_file", args=[number]) + f"?year={year}&format={fmt}"


def row_of(sheet, code: str) -> int:
    return next(row for row in range(1, sheet.max_row + 1) if sheet.cell(row, 2).value == code)


def test_the_workbook_is_drawn_as_the_form(year_of_awards, client_for):
    client = client_for(year_of_awards.user("home_affairs"))
    response = client.get(file_url("0603"))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('-du-thao.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content))["Biểu 0603"]
    assert sheet["A1"].value == "Biểu số: 0603.N/BNV-TĐKT"
    assert "02/2023/TT-BNV" in sheet["A2"].value
    reporter = next(
        sheet.cell(1, c).value
        for c in range(2, 9)
        if str(sheet.cell(1, c).value).startswith("Đơn vị báo cáo")
    )
    assert reporter == "Đơn vị báo cáo: Ủy ban nhân dân tỉnh Ninh Bình"
    assert sheet["A5"].value.startswith("SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ")
    assert "01/12/2024" in sheet["A6"].value
    # The header: "Chia ra" over the four columns, the row of column numbers under it.
    merged = {str(cells) for cells in sheet.merged_cells.ranges}
    chia_ra = next(
        (r, c) for r in range(1, 15) for c in range(1, 9) if sheet.cell(r, c).value == "Chia ra"
    )
    assert f"E{chia_ra[0]}:H{chia_ra[0]}" in merged
    assert [sheet.cell(chia_ra[0] + 1, c).value for c in range(5, 7)] == [
        "Bằng khen",
        "Chiến sĩ thi đua cấp bộ, cấp tỉnh",
    ]
    assert [sheet.cell(chia_ra[0] + 2, c).value for c in range(1, 9)] == [
        "A",
        "B",
        "C",
        "1",
        "2",
        "3",
        "4",
        "5",
    ]
    # Figures in their cells, as numbers; the total line in bold; blank where not recorded.
    total = row_of(sheet, "01")
    assert [sheet.cell(total, c).value for c in range(4, 9)] == [6, 5, 1, 0, 0]
    assert sheet.cell(total, 4).font.b
    assert sheet.cell(row_of(sheet, "05"), 3).value == "Người"
    assert sheet.cell(row_of(sheet, "05"), 4).value == 4
    assert sheet.cell(row_of(sheet, "17"), 4).value is None
    assert any(
        "cột chưa đối chiếu văn bản chính thức" in str(sheet.cell(r, 1).value)
        for r in range(total, sheet.max_row + 1)
    )


def test_all_forms_make_one_sheet_each(world, client_for):
    response = client_for(world.user("leader")).get(file_url("all"))
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [f"Biểu 060{n}" for n in range(1, 6)]


def test_the_pdf_report_carries_the_forms_as_annexes(year_of_awards, client_for):
    client = client_for(year_of_awards.user("home_affairs"))
    response = client.get(file_url("all", fmt="pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = flat(pdf_text(response.content))
    for expected in (
        "SỞ NỘI VỤ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "BÁO CÁO",
        "Phụ lục I",
        "Phụ lục V",
        "0601.N/BNV-TĐKT",
        "SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC",
        "Huân chương Lao động hạng Ba",
        "cột chưa đối chiếu văn bản chính thức",
        "Bộ Nội vụ",
    ):
        assert expected in text, expected
    for leftover in ("{{", "{%", "%(", "None"):
        assert leftover not in text
    fonts = fonts_of(response.content)
    assert fonts and embedded(fonts) <= FACES, fonts


# Who may read which forms, and bad input ----------------------------------------------------

READ_ALL = {"home_affairs", "leader", "administrator"}
OWN_REACH = {"editor_a", "head_a", "editor_b", "commune_editor", "commune_b_editor"} | {
    "district_reviewer"
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_reads_the_statistics(world, client_for, persona):
    client = client_for(world.user(persona))
    page = client.get(reverse("reports:statistics"))
    own_form = client.get(file_url("0601"))
    province_form = client.get(file_url("0604"))
    if persona in READ_ALL:
        assert (page.status_code, own_form.status_code, province_form.status_code) == (
            200,
            200,
            200,
        )
        assert "Biểu số: 0604.N/BNV-TĐKT" in page.content.decode()
    elif persona in OWN_REACH:
        assert (page.status_code, own_form.status_code, province_form.status_code) == (
            200,
            200,
            403,
        )
        content = page.content.decode()
        assert world.unit_of(persona).name in content
        assert "0604.N/BNV-TĐKT" not in content
    else:
        assert (page.status_code, own_form.status_code, province_form.status_code) == (
            403,
            403,
            403,
        )


def test_a_unit_sees_only_its_reach(year_of_awards, client_for):
    response = client_for(year_of_awards.user("editor_b")).get(file_url("0603"))
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert sheet.cell(row_of(sheet, "01"), 4).value == 2  # dept_b's certificate and fighter
    top = " ".join(str(sheet.cell(1, c).value) for c in range(1, 9))
    assert "Đơn vị báo cáo: Sở Giáo dục và Đào tạo" in top


@pytest.mark.parametrize(
    "url",
    [
        file_url("0699"),
        file_url("bieu"),
        file_url("0601", year=1990),
        file_url("0601", year=2200),
        reverse("reports:statistics_file", args=["0601"]) + "?year=abc",
        file_url("0601", fmt="docx"),
    ],
)
def test_bad_addresses_are_not_found(world, client_for, url):
    assert client_for(world.user("home_affairs")).get(url).status_code == 404


def test_a_bad_choice_on_the_page_is_a_form_error_in_vietnamese(world, client_for):
    response = client_for(world.user("home_affairs")).get(
        reverse("reports:statistics"), {"year": "1990", "form": "0699"}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Hãy chọn một lựa chọn hợp lệ" in content or "Chọn một lựa chọn hợp lệ" in content
    assert "Biểu số:" not in content


def test_the_page_shows_the_chosen_form_with_its_files(year_of_awards, client_for):
    response = client_for(year_of_awards.user("home_affairs")).get(
        reverse("reports:statistics"), {"year": YEAR, "form": "0603"}
    )
    content = response.content.decode()
    assert "Biểu số: 0603.N/BNV-TĐKT" in content and 'id="form-0601"' not in content
    assert file_url("0603", fmt="pdf").replace("&", "&amp;") in content
    assert file_url("0603", fmt="xlsx").replace("&", "&amp;") in content


def test_the_page_and_the_files_take_a_fixed_number_of_queries(
    year_of_awards, client_for, django_assert_max_num_queries
):
    client = client_for(year_of_awards.user("home_affairs"))
    with django_assert_max_num_queries(60):
        client.get(reverse("reports:statistics"), {"year": YEAR, "form": "all"})


def test_forms_are_read_from_the_award_forms_columns():
    assert AwardForm.objects.get(code=PROVINCE_MERIT).statistics_column == "certificate"
    assert AwardForm.objects.get(code=EXCELLENT_COLLECTIVE).statistics_column == ""
    assert AwardForm.objects.get(code="chien-si-thi-dua-toan-quoc-2003").statistics_column == (
        "national_fighter"
    )


# The demo ------------------------------------------------------------------------------------


def test_the_demo_adds_movements_groups_and_a_state_award_once(world):
    from reports import demo_statistics

    collective = ExemplarFactory(
        unit=world.dept_a, subject_kind=C, year=2024, collective_name="Khoa Nhi"
    )
    Exemplar.objects.filter(pk=collective.pk).update(status=ExemplarStatus.ACCEPTED)
    deputy = award(world.dept_a, PROVINCE_MERIT, I)
    Exemplar.objects.filter(pk=deputy.exemplar_id).update(position="Phó Giám đốc Sở Y tế")
    nurse = award(world.dept_b, PROVINCE_MERIT, I)
    home_affairs = world.user("home_affairs")
    assert demo_statistics.load(home_affairs) == 2 + 2 + 1
    assert demo_statistics.load(home_affairs) == 0
    deputy.refresh_from_db()
    nurse.refresh_from_db()
    assert (deputy.recipient_group, nurse.recipient_group) == (
        G.DEPARTMENT_LEADER,
        G.DIRECT_WORKER,
    )
    assert deputy.history.first().history_user == home_affairs
    movements = filled(world, "0601")
    assert (movements.figure("01", "province"), movements.figure("01", "unit")) == (1, 1)
    state = filled(world, "0602")
    assert state.figure("01", f"{LABOUR_ORDER_3}:collective") == 1
    assert filled(world, "0603").figure("11", "total") == 2
