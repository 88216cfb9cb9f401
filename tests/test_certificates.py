"""Certificates printed on pre-printed blanks: the blanks and their fields, the calibration
page, printing for a decision (the PDF's size, each text at its place in the shipped font,
the numbers in the register), who may do what, and bad input."""

import datetime
import io
import threading
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils.translation import gettext as _
from pypdf import PdfReader

from registry.enums import SubjectKind
from reports import certificates as printing
from reports.awards import proposal_appraise, proposal_confer
from reports.data.certificate_blanks import DEPARTMENT_MERIT, PROVINCIAL_MERIT, load_blanks
from reports.models import (
    AwardDecision,
    AwardForm,
    AwardProposal,
    AwardTrack,
    CertificateBlank,
    CertificateEntry,
    CertificateField,
    CertificateNumber,
    CertificatePrint,
    DocumentCounter,
)
from tests.factories.campaigns import CampaignFactory
from tests.personas import PERSONAS
from tests.test_awards import PROVINCIAL_FIGHTER, accepted
from tests.test_awards import PROVINCIAL_MERIT as MERIT
from tests.test_document_fonts import FACES, LETTERS, embedded, fonts_of, text_of

pytestmark = pytest.mark.integration

K = CertificateField.Key
PT_MM = 25.4 / 72
DEPARTMENT_AWARD = "giay-khen-thu-truong-so-nganh"
DECISION = {
    "decision_number": "2968/QĐ-UBND",
    "decision_date": datetime.date(2025, 12, 26),
    "decision_signer": "Phạm Quang Ngọc – Chủ tịch Ủy ban nhân dân tỉnh Ninh Bình",
}
LAN_REASONS = (
    "Có thành tích xuất sắc trong công tác khám, chữa bệnh cho trẻ em năm 2025; mô hình "
    "“Phòng khám thân thiện với trẻ em” giảm 30% thời gian chờ khám."
)


def award(code):
    return AwardForm.objects.get(code=code)


def propose(exemplar, code, *, by, unit, reasons="Thành tích xuất sắc năm 2025.", year=2025):
    return AwardProposal.objects.create(
        exemplar=exemplar,
        award=award(code),
        year=year,
        proposing_unit=unit,
        reasons=reasons,
        created_by=by,
    )


def confer(proposal, by, **decision):
    proposal_appraise(proposal=proposal, by=by, outcome="agreed")
    proposal_confer(proposal=proposal, by=by, decision={**DECISION, **decision})
    proposal.refresh_from_db()
    return proposal


@pytest.fixture
def blanks(world):
    """Home Affairs' two blanks, and a Giấy khen blank Sở Y tế keeps."""
    home_affairs = world.user("home_affairs")
    assert load_blanks(home_affairs) == 2
    own = CertificateBlank.objects.create(
        name="Phôi Giấy khen của Giám đốc Sở Y tế",
        unit=world.dept_a,
        paper=CertificateBlank.Paper.A4,
        orientation=CertificateBlank.Orientation.LANDSCAPE,
        created_by=home_affairs,
    )
    own.award_forms.set([award(DEPARTMENT_AWARD)])
    for key, x, y in ((K.RECIPIENT_NAME, 30, 90), (K.REGISTER_NUMBER, 46, 164)):
        CertificateField.objects.create(
            blank=own, key=key, x_mm=x, y_mm=y, width_mm=200, font_size=20
        )
    return {
        "merit": CertificateBlank.objects.get(name=PROVINCIAL_MERIT),
        "department": CertificateBlank.objects.get(name=DEPARTMENT_MERIT),
        "own": own,
    }


@pytest.fixture
def decided(world):
    """The provincial chair's 2968/QĐ-UBND: Bằng khen for a person of Sở Y tế, a collective
    of Sở GD-ĐT and a household of Xã Gia Vân, and a Chiến sĩ thi đua cấp tỉnh title; and the
    Director of Sở Y tế's Giấy khen decision 152/QĐ-SYT for another of its people."""
    home_affairs = world.user("home_affairs")
    editor_a, editor_b = world.user("editor_a"), world.user("editor_b")
    lan = accepted(
        unit=world.dept_a,
        full_name="Đinh Thị Ngọc Lan",
        gender="female",
        position="Trưởng khoa Nhi",
        workplace="Bệnh viện Đa khoa tỉnh Ninh Bình",
    )
    school = accepted(
        unit=world.dept_b,
        subject_kind=SubjectKind.COLLECTIVE,
        full_name="",
        collective_name="Trường Trung học phổ thông chuyên Lương Văn Tụy",
        head_name="Nguyễn Văn Bình",
    )
    household = accepted(
        unit=world.commune_a,
        subject_kind=SubjectKind.HOUSEHOLD,
        full_name="",
        gender="",
        household_head="Hộ ông Lã Văn Hòa",
        household_address="Thôn Đông Hạ, xã Gia Vân",
    )
    son = accepted(unit=world.dept_a, full_name="Hoàng Văn Sơn", gender="male")
    hung = accepted(unit=world.dept_a, full_name="Trần Mạnh Hùng", gender="male")
    proposals = {
        "lan": propose(lan, MERIT, by=editor_a, unit=world.dept_a, reasons=LAN_REASONS),
        "school": propose(school, MERIT, by=editor_b, unit=world.dept_b),
        "household": propose(household, MERIT, by=home_affairs, unit=world.home_affairs_unit),
        "son": propose(son, PROVINCIAL_FIGHTER, by=editor_a, unit=world.dept_a),
        "hung": propose(hung, DEPARTMENT_AWARD, by=editor_a, unit=world.dept_a),
    }
    for key in ("lan", "school", "household", "son"):
        confer(proposals[key], home_affairs)
    confer(
        proposals["hung"],
        home_affairs,
        decision_number="152/QĐ-SYT",
        decision_date=datetime.date(2025, 12, 20),
        decision_signer="Phạm Quốc Hùng – Giám đốc Sở Y tế",
    )
    return proposals


def decision_of(proposals, key="lan") -> AwardDecision:
    return proposals[key].decision


def print_merit(blanks, decided, world, keys=("lan", "school", "household"), **extra):
    proposals = [AwardProposal.objects.get(pk=decided[k].pk) for k in keys]
    return printing.certificates_print(
        blank=blanks["merit"],
        decision=decision_of(decided),
        proposals=proposals,
        by=world.user("home_affairs"),
        signer_name=extra.pop("signer_name", "Phạm Quang Ngọc"),
        signer_position=extra.pop("signer_position", "Chủ tịch"),
        **extra,
    )


# Reading a PDF back ------------------------------------------------------------------------


@dataclass
class Run:
    text: str
    x: float  # mm from the left
    y: float  # mm from the top: the baseline
    font: str


def runs_of(content: bytes) -> list[list[Run]]:
    """Each page's text runs with where they start, in mm from the sheet's top-left."""
    pages = []
    for page in PdfReader(io.BytesIO(content)).pages:
        height = float(page.mediabox.height)
        runs = []

        def visit(text, cm, tm, font, size, runs=runs, height=height):
            if not text.strip():
                return
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            name = str(font.get("/BaseFont", "")) if font else ""
            text = unicodedata.normalize("NFC", text.strip())
            runs.append(Run(text, x * PT_MM, (height - y) * PT_MM, name))

        page.extract_text(visitor_text=visit)
        pages.append(runs)
    return pages


def page_sizes(content: bytes) -> list[tuple[float, float]]:
    return [
        (round(float(p.mediabox.width) * PT_MM, 1), round(float(p.mediabox.height) * PT_MM, 1))
        for p in PdfReader(io.BytesIO(content)).pages
    ]


def found(runs: list[Run], text: str) -> Run:
    matches = [run for run in runs if run.text == text]
    assert matches, (text, [run.text for run in runs])
    return matches[0]


def assert_lines_in_place(runs: list[Run], lines) -> None:
    for line in lines:
        run = found(runs, line.text)
        assert run.y == pytest.approx(line.baseline, abs=0.15), (line.text, run.y, line.baseline)
        assert run.x == pytest.approx(line.origin_x, abs=0.6), (line.text, run.x, line.origin_x)


# The PDF -----------------------------------------------------------------------------------


def test_the_pdf_has_the_blanks_size_and_one_page_per_certificate(world, blanks, decided):
    run = print_merit(blanks, decided, world)
    content = printing.print_pdf(run)
    assert page_sizes(content) == [(400.0, 300.0)] * 3
    department = printing.certificates_print(
        blank=blanks["department"],
        decision=decided["hung"].decision,
        proposals=[decided["hung"]],
        by=world.user("home_affairs"),
        signer_name="Phạm Quốc Hùng",
        signer_position="Giám đốc",
    )
    assert page_sizes(printing.print_pdf(department)) == [(297.0, 210.0)]


def test_each_text_sits_at_its_fields_position(world, blanks, decided):
    run = print_merit(blanks, decided, world)
    pages = runs_of(printing.print_pdf(run))
    blank = blanks["merit"]
    specs = {spec.key: spec for spec in blank.fields.all()}
    for entry, runs in zip(run.entries.all(), pages, strict=True):
        lines = printing.sheet_lines(blank, entry.texts, (0, 0))
        assert lines and all(line.text for line in lines)
        assert_lines_in_place(runs, lines)
        # Nothing else is printed: no heading, no grid, no page number.
        assert sorted(r.text for r in runs) == sorted(line.text for line in lines)
    # The person's certificate: her name on the name's line, left at the field's centre.
    lan = runs_of(printing.print_pdf(run, [run.entries.get(proposal=decided["lan"])]))[0]
    name = found(lan, "Bà Đinh Thị Ngọc Lan")
    assert name.y == pytest.approx(float(specs[K.RECIPIENT_NAME].y_mm), abs=0.15)
    assert found(lan, "2968/QĐ-UBND").x == pytest.approx(
        float(specs[K.DECISION_NUMBER].x_mm), abs=0.1
    )
    assert found(lan, "ngày 26 tháng 12 năm 2025").y == pytest.approx(
        float(specs[K.DECISION_DATE].y_mm), abs=0.15
    )
    assert found(lan, "Ninh Bình, ngày 26 tháng 12 năm 2025")
    assert found(lan, "CHỦ TỊCH").y == pytest.approx(float(specs[K.SIGNER_POSITION].y_mm), abs=0.15)
    assert found(lan, "Phạm Quang Ngọc")
    assert found(lan, "Trưởng khoa Nhi, Bệnh viện Đa khoa tỉnh Ninh Bình")


def test_a_long_text_wraps_onto_the_lines_of_its_field(world, blanks, decided):
    long = (
        "Đã có thành tích xuất sắc trong công tác khám, chữa bệnh, chăm sóc sức khỏe nhân dân "
        "năm 2025, góp phần vào sự nghiệp xây dựng chủ nghĩa xã hội và bảo vệ Tổ quốc"
    )
    run = print_merit(blanks, decided, world, keys=("lan",), achievement=long)
    runs = runs_of(printing.print_pdf(run))[0]
    spec = blanks["merit"].fields.get(key=K.ACHIEVEMENT)
    lines = printing.place(spec, long, (0, 0)).lines
    assert len(lines) == 2
    assert " ".join(line.text for line in lines) == long
    assert_lines_in_place(runs, lines)
    assert lines[1].baseline - lines[0].baseline == pytest.approx(float(spec.line_spacing_mm))


def test_vietnamese_letters_come_from_the_shipped_font(world, blanks, decided):
    run = print_merit(blanks, decided, world, keys=("lan",), achievement=LETTERS)
    content = printing.print_pdf(run)
    fonts = fonts_of(content)
    # Regular, bold, italic of the shipped Liberation Serif, and no other font.
    assert embedded(fonts) <= FACES and "LiberationSerif-Bold" in embedded(fonts), fonts
    assert all(base.startswith("Liberation-Serif-2") for base, _program in fonts), fonts
    text = text_of(content)
    for word in LETTERS.split()[:6]:
        assert word in text
    assert "Bà Đinh Thị Ngọc Lan" in text


def test_the_calibration_page_draws_the_grid_and_every_field(world, blanks):
    blank = blanks["merit"]
    content = printing.calibration_pdf(blank)
    assert page_sizes(content) == [(400.0, 300.0)]
    runs = runs_of(content)[0]
    texts = {run.text for run in runs}
    # Labels every 10 mm along the top and the left, the corners' crosshairs.
    assert {str(n) for n in range(10, 400, 10)} <= texts
    assert {str(n) for n in range(10, 300, 10)} <= texts
    assert {"10; 10", "390; 10", "10; 290", "390; 290"} <= texts
    # The label "100" stands centred over the 100 mm line, near the top.
    hundred = next(r for r in runs if r.text == "100" and r.y < 20)
    assert 97 < hundred.x < 100
    # Each field's box is labelled, and its sample sits where a certificate's text would.
    joined = " ".join(texts)
    for spec in blank.fields.all():
        assert f"{spec.get_key_display()} · {float(spec.font_size):g} pt" in joined
    samples = printing.sample_texts(blank)
    assert K.COLLECTIVE_NAME not in samples  # its box only: a person's name takes the place
    assert_lines_in_place(runs, printing.sheet_lines(blank, samples, (0, 0)))
    # The grid is drawn in millimetres: the 100 mm lines across and down the sheet, and the
    # ticks every millimetre along the edges.
    drawn = PdfReader(io.BytesIO(content)).pages[0].get_contents().get_data()
    assert b"100 0 m\n100 300 l" in drawn and b"0 100 m\n400 100 l" in drawn
    assert b"1 0 m\n1 1.5 l" in drawn and b"5 0 m\n5 4 l" in drawn


def test_the_printer_shift_moves_every_field(world, blanks, decided):
    blank = blanks["merit"]
    still = runs_of(printing.calibration_pdf(blank))[0]
    moved = runs_of(printing.calibration_pdf(blank, (Decimal("3"), Decimal("-2.5"))))[0]
    for line in printing.sheet_lines(blank, printing.sample_texts(blank), (0, 0)):
        before, after = found(still, line.text), found(moved, line.text)
        assert after.x - before.x == pytest.approx(3, abs=0.05)
        assert after.y - before.y == pytest.approx(-2.5, abs=0.05)
    # The grid moves with them: its labels read true positions on the blank.
    assert found(moved, "10; 10").x - found(still, "10; 10").x == pytest.approx(3, abs=0.05)
    # A blank's own shift goes with every print on it.
    blank.offset_x_mm, blank.offset_y_mm = Decimal("-1.5"), Decimal("2")
    blank.save()
    straight = print_merit(blanks, decided, world, keys=("lan",))
    assert (straight.offset_x_mm, straight.offset_y_mm) == (Decimal("-1.5"), Decimal("2"))
    runs = runs_of(printing.print_pdf(straight))[0]
    name = found(runs, "Bà Đinh Thị Ngọc Lan")
    spec = blank.fields.get(key=K.RECIPIENT_NAME)
    assert name.y == pytest.approx(float(spec.y_mm) + 2, abs=0.15)


def test_the_calibration_page_opens_with_a_shift_to_try(world, blanks, client_for):
    client = client_for(world.user("home_affairs"))
    url = reverse("reports:certificateblank_calibration", args=[blanks["merit"].pk])
    response = client.get(url, {"dx": "2", "dy": "-1"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    corner = found(runs_of(response.content)[0], "10; 10")
    plain = found(runs_of(client.get(url).content)[0], "10; 10")
    assert (corner.x - plain.x, corner.y - plain.y) == (
        pytest.approx(2, abs=0.05),
        pytest.approx(-1, abs=0.05),
    )
    for bad in ({"dx": "abc"}, {"dx": "45"}):
        response = client.get(url, bad)
        assert (
            response.status_code == 302
            and response["Location"] == blanks["merit"].get_absolute_url()
        )


# What a certificate says -------------------------------------------------------------------


def test_the_recipients_texts_come_from_the_exemplar(world, blanks, decided):
    run = print_merit(blanks, decided, world)
    texts = {entry.proposal_id: entry.texts for entry in run.entries.all()}
    lan, school, household = (texts[decided[k].pk] for k in ("lan", "school", "household"))
    assert lan[K.RECIPIENT_NAME] == "Bà Đinh Thị Ngọc Lan"
    assert lan[K.RECIPIENT_TITLE] == "Trưởng khoa Nhi, Bệnh viện Đa khoa tỉnh Ninh Bình"
    assert lan[K.COLLECTIVE_NAME] == ""
    assert school[K.COLLECTIVE_NAME] == "Trường Trung học phổ thông chuyên Lương Văn Tụy"
    assert school[K.RECIPIENT_NAME] == school[K.RECIPIENT_TITLE] == ""
    assert household[K.RECIPIENT_NAME] == "Gia đình ông Lã Văn Hòa"
    assert household[K.RECIPIENT_TITLE] == "Thôn Đông Hạ, xã Gia Vân"
    assert lan[K.DECISION_NUMBER] == "2968/QĐ-UBND"
    assert lan[K.DECISION_DATE] == "ngày 26 tháng 12 năm 2025"
    assert lan[K.PLACE_DATE] == "Ninh Bình, ngày 26 tháng 12 năm 2025"
    assert (lan[K.SIGNER_NAME], lan[K.SIGNER_POSITION]) == ("Phạm Quang Ngọc", "Chủ tịch")
    # The blank has no place for the award's name: it is not printed.
    assert K.AWARD_NAME not in lan


def test_the_achievement_is_the_reasons_clause_or_the_standard_phrase(world, blanks, decided):
    spec = blanks["merit"].fields.get(key=K.ACHIEVEMENT)
    lan, school = decided["lan"], decided["school"]
    assert printing.achievement_text(lan, spec) == (
        "Đã có thành tích xuất sắc trong công tác khám, chữa bệnh cho trẻ em năm 2025"
    )
    # Reasons that do not state the achievement: the standard phrase.
    assert printing.achievement_text(school, spec) == (
        "Đã có thành tích xuất sắc trong phong trào thi đua năm 2025"
    )
    # A clause too long for the field's lines: the standard phrase too.
    lan.reasons = "Có thành tích " + "rất " * 200 + "xuất sắc; ..."
    assert printing.achievement_text(lan, spec).endswith("phong trào thi đua năm 2025")
    # A thematic award of an exemplar found through a movement names the movement.
    lan.exemplar.campaign = CampaignFactory(name="Phong trào thi đua “Dân vận khéo”")
    assert printing.standard_achievement(lan).endswith("phong trào thi đua năm 2025")
    lan.track = AwardTrack.objects.get(code="thematic")
    assert printing.standard_achievement(lan) == (
        "Đã có thành tích xuất sắc trong phong trào thi đua “Dân vận khéo”"
    )
    # What is typed for the print goes on every certificate.
    assert printing.achievement_text(school, spec, "  Đã có  thành tích  ") == "Đã có thành tích"


def test_names_with_and_without_a_recorded_gender(world):
    person = accepted(unit=world.dept_a, full_name="Vũ Minh", gender="")
    assert printing.recipient_name(person) == "Vũ Minh"
    household = accepted(
        unit=world.commune_a,
        subject_kind=SubjectKind.HOUSEHOLD,
        full_name="",
        gender="female",
        household_head="Phạm Thị Nga",
        household_address="Thôn Đông",
    )
    assert printing.recipient_name(household) == "Gia đình bà Phạm Thị Nga"
    household.household_head, household.gender = "Hộ gia đình Lê Văn Tám", ""
    assert printing.recipient_name(household) == "Gia đình Lê Văn Tám"


def test_the_signer_is_read_from_the_decision(world, decided):
    decision = decided["lan"].decision
    assert printing.signer_defaults(decision) == ("Phạm Quang Ngọc", "Chủ tịch")
    decision.signer = "Chủ tịch Ủy ban nhân dân tỉnh Ninh Bình"
    assert printing.signer_defaults(decision) == ("", "Chủ tịch")


@pytest.mark.unit
def test_fitting_wraps_then_shrinks_then_cuts():
    words = "Đã có thành tích xuất sắc trong phong trào thi đua năm 2025"
    one = printing.fit(words, width=400, size=16)
    assert one.lines == [words] and one.size == 16 and not one.shortened
    wrapped = printing.fit(words, width=80, size=16, max_lines=3)
    assert len(wrapped.lines) > 1 and " ".join(wrapped.lines) == words and wrapped.size == 16
    width = printing.text_width_mm(words, 16)
    shrunk = printing.fit(words, width=width * 0.9, size=16)
    assert shrunk.lines == [words] and 12 <= shrunk.size < 16 and not shrunk.shortened
    cut = printing.fit(words, width=width * 0.4, size=16)
    assert len(cut.lines) == 1 and cut.lines[0].endswith("…") and cut.shortened
    assert cut.size == 12
    assert printing.text_width_mm(cut.lines[0], 12) <= width * 0.4
    assert printing.fit("chủ tịch", width=100, size=14, uppercase=True).lines == ["CHỦ TỊCH"]
    assert printing.fit("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", width=100, size=14, max_lines=2).lines == [
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
    ]


# Numbers in the register -------------------------------------------------------------------


def test_numbers_run_per_unit_and_year_and_a_reprint_keeps_its_number(world, blanks, decided):
    first = print_merit(blanks, decided, world)
    numbers = [(e.proposal_id, e.number.number, e.number.year) for e in first.entries.all()]
    assert numbers == [
        (decided["lan"].pk, 1, 2025),
        (decided["school"].pk, 2, 2025),
        (decided["household"].pk, 3, 2025),
    ]
    assert {e.texts[K.REGISTER_NUMBER] for e in first.entries.all()} == {"1", "2", "3"}
    assert first.history.get().history_user == world.user("home_affairs")
    # Printed again (a blank spoiled): the same numbers, none taken.
    again = print_merit(blanks, decided, world, keys=("school",))
    assert again.entries.get().number.number == 2
    assert CertificateNumber.objects.count() == 3
    # Another decision of the year, on a blank of the same unit: the next number.
    home_affairs = world.user("home_affairs")
    department = printing.certificates_print(
        blank=blanks["department"],
        decision=decided["hung"].decision,
        proposals=[decided["hung"]],
        by=home_affairs,
        signer_name="Phạm Quốc Hùng",
        signer_position="Giám đốc",
    )
    assert department.entries.get().number.number == 4
    # Another unit keeps its own register; another year starts again.
    later = accepted(unit=world.dept_a, full_name="Lê Thị Mai", year=2026)
    mai = confer(
        propose(later, DEPARTMENT_AWARD, by=home_affairs, unit=world.dept_a, year=2026),
        home_affairs,
        decision_number="15/QĐ-SYT",
        decision_date=datetime.date(2026, 1, 20),
    )
    own = printing.certificates_print(
        blank=blanks["own"], decision=mai.decision, proposals=[mai], by=world.user("editor_a")
    )
    assert (own.entries.get().number.number, own.entries.get().number.year) == (1, 2026)
    assert own.entries.get().number.unit == world.dept_a
    counter = DocumentCounter.objects.get(unit=world.home_affairs_unit, year=2025, doc_type="SVS")
    assert counter.last_number == 4


def test_a_print_refused_takes_no_number_and_saves_nothing(world, blanks, decided):
    with pytest.raises(ValidationError) as refused:
        print_merit(blanks, decided, world, keys=("lan", "son"))
    assert "Chiến sĩ thi đua" in str(refused.value)
    assert not CertificatePrint.objects.exists() and not CertificateNumber.objects.exists()
    assert not DocumentCounter.objects.filter(doc_type="SVS").exists()
    # A blank without a place for the number numbers nothing.
    CertificateField.objects.filter(key=K.REGISTER_NUMBER).delete()
    run = print_merit(blanks, decided, world, keys=("lan",))
    assert run.entries.get().number is None and not CertificateNumber.objects.exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="concurrent writers need a server database; SQLite takes one writer at a time",
)
def test_two_people_printing_at_once_never_share_or_skip_a_number():
    from tests.conftest import seed_reference_data
    from tests.personas import build_world

    seed_reference_data()
    world = build_world()
    home_affairs = world.user("home_affairs")
    load_blanks(home_affairs)
    blank = CertificateBlank.objects.get(name=PROVINCIAL_MERIT)
    proposals = [
        confer(
            propose(
                accepted(unit=world.dept_a, full_name=f"Người {n}"),
                MERIT,
                by=home_affairs,
                unit=world.dept_a,
            ),
            home_affairs,
        )
        for n in range(8)
    ]
    decision = proposals[0].decision
    barrier, errors = threading.Barrier(4), []

    def worker(chunk):
        try:
            barrier.wait()
            printing.certificates_print(
                blank=blank, decision=decision, proposals=chunk, by=home_affairs
            )
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    # Each award twice, by two people at once: one number each, 1 to 8.
    chunks = [proposals[:4], proposals[4:], proposals[:4], proposals[4:]]
    threads = [threading.Thread(target=worker, args=(chunk,)) for chunk in chunks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(CertificateNumber.objects.values_list("number", flat=True)) == list(range(1, 9))
    assert CertificateEntry.objects.count() == 16


# Who may do what ---------------------------------------------------------------------------

READ_ALL = {"home_affairs", "leader", "administrator"}
KEEPERS = {"home_affairs", "administrator"}
SOYTE = {"editor_a", "head_a"}


def expected(persona, allowed, reached):
    return 200 if persona in allowed else (403 if persona in reached else 404)


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_reads_and_keeps_the_blanks(world, client_for, blanks, persona):
    client = client_for(world.user(persona))
    listed = client.get(reverse("reports:certificateblank_list"))
    assert listed.status_code == (200 if persona in READ_ALL | SOYTE else 403)
    if listed.status_code == 200:
        names = {b.name for b in listed.context["blanks"]}
        assert names == (
            {b.name for b in blanks.values()} if persona in READ_ALL else {blanks["own"].name}
        )
    ha_blank, own = blanks["merit"], blanks["own"]
    pages = {
        "detail": (ha_blank, READ_ALL, READ_ALL),
        "update": (ha_blank, KEEPERS, READ_ALL),
        "delete": (ha_blank, KEEPERS, READ_ALL),
        "calibration": (ha_blank, KEEPERS, READ_ALL),
    }
    for page, (blank, allowed, reached) in pages.items():
        url = reverse(f"reports:certificateblank_{page}", args=[blank.pk])
        assert client.get(url).status_code == expected(persona, allowed, reached), page
    # Sở Y tế's own blank: its staff read it and print its calibration page; only Home
    # Affairs and the administrators change it.
    for page, allowed in (
        ("detail", READ_ALL | SOYTE),
        ("calibration", KEEPERS | SOYTE),
        ("update", KEEPERS),
    ):
        url = reverse(f"reports:certificateblank_{page}", args=[own.pk])
        assert client.get(url).status_code == expected(persona, allowed, READ_ALL | SOYTE), page
    created = client.get(reverse("reports:certificateblank_create"))
    assert created.status_code == (200 if persona in KEEPERS else 403)


# The decisions' print pages: the provincial one (every unit's awards) and Sở Y tế's.
MERIT_PAGE = {"home_affairs": 200, "media": 404, "commune_b_editor": 404}
DEPARTMENT_PAGE = {
    "home_affairs": 200,
    "editor_a": 200,
    "head_a": 200,
    "leader": 403,
    "administrator": 403,
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_prints_for_a_decision(world, client_for, blanks, decided, persona):
    client = client_for(world.user(persona))
    merit = reverse("reports:decision_certificates", args=[decided["lan"].decision_id])
    assert client.get(merit).status_code == MERIT_PAGE.get(persona, 403)
    department = reverse("reports:decision_certificates", args=[decided["hung"].decision_id])
    status = DEPARTMENT_PAGE.get(persona, 404)
    assert client.get(department).status_code == status
    data = {"blank": blanks["own"].pk, "proposals": [decided["hung"].pk]}
    response = client.post(department, data)
    if status == 200:
        assert response.status_code == 302
        run = CertificatePrint.objects.get()
        assert response["Location"] == run.get_absolute_url()
        assert run.printed_by == world.user(persona)
    else:
        assert response.status_code == status and not CertificatePrint.objects.exists()


def test_a_unit_cannot_print_on_home_affairs_blank(world, client_for, blanks, decided):
    client = client_for(world.user("editor_a"))
    url = reverse("reports:decision_certificates", args=[decided["hung"].decision_id])
    response = client.post(
        url, {"blank": blanks["department"].pk, "proposals": [decided["hung"].pk]}
    )
    assert response.status_code == 200 and "blank" in response.context["form"].errors
    assert not CertificatePrint.objects.exists()


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_reads_what_was_printed(world, client_for, blanks, decided, persona):
    home_affairs = world.user("home_affairs")
    run = printing.certificates_print(
        blank=blanks["own"],
        decision=decided["hung"].decision,
        proposals=[decided["hung"]],
        by=home_affairs,
    )
    client = client_for(world.user(persona))
    allowed = READ_ALL | SOYTE
    assert client.get(run.get_absolute_url()).status_code == expected(persona, allowed, set())
    pdf = client.get(reverse("reports:certificateprint_pdf", args=[run.pk]))
    assert pdf.status_code == expected(persona, allowed, set())
    if pdf.status_code == 200:
        assert pdf["Content-Type"] == "application/pdf"
        assert "Trần Mạnh Hùng" in text_of(pdf.content)
    listed = client.get(reverse("reports:certificateprint_list"))
    assert listed.status_code == (200 if persona in allowed else 403)


def test_the_decision_page_offers_the_print(world, client_for, blanks, decided):
    decision = decided["lan"].decision
    print_merit(blanks, decided, world, keys=("lan",))
    button = reverse("reports:decision_certificates", args=[decision.pk])
    page = client_for(world.user("home_affairs")).get(decision.get_absolute_url())
    html = page.content.decode()
    assert button in html
    assert f"{reverse('reports:certificateprint_list')}?decision={decision.pk}" in html
    page = client_for(world.user("leader")).get(decision.get_absolute_url()).content.decode()
    assert button not in page
    page = client_for(world.user("editor_a")).get(decision.get_absolute_url()).content.decode()
    assert button not in page
    department = decided["hung"].decision
    page = client_for(world.user("editor_a")).get(department.get_absolute_url()).content.decode()
    assert reverse("reports:decision_certificates", args=[department.pk]) in page


def test_the_print_form_ticks_the_awards_the_blank_serves(world, client_for, blanks, decided):
    client = client_for(world.user("home_affairs"))
    url = reverse("reports:decision_certificates", args=[decided["lan"].decision_id])
    form = client.get(url).context["form"]
    assert form.initial["blank"] == blanks["merit"].pk
    assert set(form.initial["proposals"]) == {decided[k].pk for k in ("lan", "school", "household")}
    assert (form.initial["signer_name"], form.initial["signer_position"]) == (
        "Phạm Quang Ngọc",
        "Chủ tịch",
    )
    response = client.post(
        url,
        {
            "blank": blanks["merit"].pk,
            "proposals": form.initial["proposals"],
            "signer_name": "Phạm Quang Ngọc",
            "signer_position": "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
        },
    )
    run = CertificatePrint.objects.get()
    assert response["Location"] == run.get_absolute_url()
    assert run.entries.count() == 3
    page = client.get(run.get_absolute_url())
    assert [entry.number.number for entry, _cut in page.context["rows"]] == [1, 2, 3]
    # The next print offers the signature typed last time.
    assert (
        client.get(url).context["form"].initial["signer_position"] == "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"
    )
    pdf = client.get(reverse("reports:certificateprint_pdf", args=[run.pk]))
    assert pdf.status_code == 200 and len(page_sizes(pdf.content)) == 3
    assert {"KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"} <= {r.text for r in runs_of(pdf.content)[0]}


# Bad input ---------------------------------------------------------------------------------


def blank_data(**overrides):
    data = {
        "name": "Phôi Bằng khen thử",
        "unit": "",
        "award_forms": [],
        "paper": "a4",
        "orientation": "landscape",
        "custom_width_mm": "",
        "custom_height_mm": "",
        "place": "Ninh Bình",
        "number_suffix": "",
        "offset_x_mm": "0",
        "offset_y_mm": "0",
        "active": "on",
        "note": "",
        "fields-TOTAL_FORMS": "2",
        "fields-INITIAL_FORMS": "0",
        "fields-MIN_NUM_FORMS": "0",
        "fields-MAX_NUM_FORMS": "1000",
    }
    rows = [
        {"key": K.RECIPIENT_NAME, "x_mm": "30", "y_mm": "90", "width_mm": "237", "font_size": "22"},
        {"key": K.ACHIEVEMENT, "x_mm": "35", "y_mm": "118", "width_mm": "227", "font_size": "15"},
    ]
    for index, row in enumerate(rows):
        for name, value in {"align": "center", "max_lines": "1", **row}.items():
            data[f"fields-{index}-{name}"] = value
    data.update(overrides)
    return data


def test_a_blank_is_added_with_its_fields(world, client_for):
    client = client_for(world.user("home_affairs"))
    data = blank_data(unit=world.home_affairs_unit.pk, award_forms=[award(MERIT).pk])
    response = client.post(reverse("reports:certificateblank_create"), data)
    blank = CertificateBlank.objects.get(name="Phôi Bằng khen thử")
    assert response.status_code == 302 and response["Location"] == blank.get_absolute_url()
    assert blank.size_mm == (Decimal("297"), Decimal("210"))
    assert blank.created_by == world.user("home_affairs")
    assert {f.key for f in blank.fields.all()} == {K.RECIPIENT_NAME, K.ACHIEVEMENT}
    assert blank.history.count() == 1


OFF_THE_SHEET = [
    # Past the right edge of an A4 landscape sheet (297 mm).
    (
        {"fields-0-width_mm": "280"},
        "width_mm",
        lambda: (
            _(
                "The field runs past the sheet's right edge: %(x)s + %(w)s mm is more than the "
                "sheet's %(sheet)s mm."
            )
            % {"x": "30", "w": "280", "sheet": "297"}
        ),
    ),
    (
        {"fields-1-y_mm": "250"},
        "y_mm",
        lambda: (
            _("The text would run past the sheet's bottom edge (%(sheet)s mm).") % {"sheet": "210"}
        ),
    ),
    ({"fields-0-width_mm": "-20"}, "width_mm", lambda: _("A width is more than 0 mm.")),
    (
        {"fields-0-x_mm": "-5"},
        "x_mm",
        lambda: _("The left edge cannot lie left of the sheet (below 0 mm)."),
    ),
    (
        {"fields-1-font_size": "0"},
        "font_size",
        lambda: _("A font size lies between 4 and 96 points."),
    ),
    (
        {"fields-1-key": K.RECIPIENT_NAME},
        "key",
        lambda: (
            _("“%(text)s” already has a row above: one place per text.")
            % {"text": K.RECIPIENT_NAME.label}
        ),
    ),
]


@pytest.mark.parametrize("overrides, field, message", OFF_THE_SHEET)
def test_a_field_off_the_sheet_is_refused_and_what_was_typed_kept(
    world, client_for, overrides, field, message
):
    client = client_for(world.user("home_affairs"))
    data = blank_data(unit=world.home_affairs_unit.pk, award_forms=[award(MERIT).pk], **overrides)
    response = client.post(reverse("reports:certificateblank_create"), data)
    assert response.status_code == 200
    assert not CertificateBlank.objects.exists() and not CertificateField.objects.exists()
    formset = response.context["fields"]
    errors = [str(e) for form in formset.forms for e in form.errors.get(field, [])]
    assert errors == [message()]
    page = response.content.decode()
    assert 'value="Phôi Bằng khen thử"' in page
    for key, value in overrides.items():
        if key.endswith(("_mm", "font_size")):
            assert f'value="{value}"' in page, key


def posted(blank: CertificateBlank, **overrides) -> dict:
    """The edit form of ``blank`` as it would be sent back unchanged, with ``overrides``."""
    data = {
        "name": blank.name,
        "unit": blank.unit_id,
        "award_forms": [a.pk for a in blank.award_forms.all()],
        "paper": blank.paper,
        "orientation": blank.orientation,
        "custom_width_mm": blank.custom_width_mm or "",
        "custom_height_mm": blank.custom_height_mm or "",
        "place": blank.place,
        "number_suffix": blank.number_suffix,
        "offset_x_mm": blank.offset_x_mm,
        "offset_y_mm": blank.offset_y_mm,
        "active": "on",
        "note": blank.note,
    }
    specs = list(blank.fields.all())
    data.update(
        {
            "fields-TOTAL_FORMS": str(len(specs)),
            "fields-INITIAL_FORMS": str(len(specs)),
            "fields-MIN_NUM_FORMS": "0",
            "fields-MAX_NUM_FORMS": "1000",
        }
    )
    for index, spec in enumerate(specs):
        row = {
            "id": spec.pk,
            "key": spec.key,
            "x_mm": spec.x_mm,
            "y_mm": spec.y_mm,
            "width_mm": spec.width_mm,
            "font_size": spec.font_size,
            "align": spec.align,
            "max_lines": spec.max_lines,
            "line_spacing_mm": spec.line_spacing_mm or "",
        }
        row.update({name: "on" for name in ("bold", "italic", "uppercase") if getattr(spec, name)})
        data.update({f"fields-{index}-{name}": value for name, value in row.items()})
    data.update(overrides)
    return data


def test_another_size_needs_both_sides_and_a_smaller_sheet_checks_the_fields(
    world, client_for, blanks
):
    client = client_for(world.user("home_affairs"))
    data = blank_data(unit=world.home_affairs_unit.pk, paper="custom", custom_width_mm="300")
    response = client.post(reverse("reports:certificateblank_create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["custom_height_mm"] == [
        _("Give both sides of the sheet for another size.")
    ]
    assert not CertificateBlank.objects.filter(name="Phôi Bằng khen thử").exists()
    blank = blanks["merit"]
    url = reverse("reports:certificateblank_update", args=[blank.pk])
    # Sent back unchanged, it saves; turned A4 (297 × 210 mm), its fields lie off the sheet.
    assert client.post(url, posted(blank)).status_code == 302
    response = client.post(url, posted(blank, paper="a4"))
    assert response.status_code == 200
    bad = {name for form in response.context["fields"].forms for name in form.errors}
    assert bad == {"width_mm", "y_mm"}
    blank.refresh_from_db()
    assert blank.paper == CertificateBlank.Paper.CUSTOM and blank.size_mm == (400, 300)


def test_the_admin_checks_the_same_rules(world, blanks):
    """The admin validates the models themselves: the same checks as the pages."""
    off = CertificateField(
        blank=blanks["department"],
        key=K.AWARD_NAME,
        x_mm=Decimal("250"),
        y_mm=Decimal("100"),
        width_mm=Decimal("100"),
        font_size=Decimal("12"),
    )
    with pytest.raises(ValidationError) as refused:
        off.full_clean()
    assert set(refused.value.message_dict) == {"width_mm"}
    sheetless = CertificateBlank(
        name="Phôi thử", unit=world.dept_a, paper="custom", created_by=world.user("home_affairs")
    )
    with pytest.raises(ValidationError) as refused:
        sheetless.full_clean()
    assert set(refused.value.message_dict) == {"custom_width_mm", "custom_height_mm"}


def test_a_blank_that_printed_is_kept(world, client_for, blanks, decided):
    print_merit(blanks, decided, world, keys=("lan",))
    client = client_for(world.user("home_affairs"))
    url = reverse("reports:certificateblank_delete", args=[blanks["merit"].pk])
    assert client.post(url).status_code == 403
    assert CertificateBlank.objects.filter(pk=blanks["merit"].pk).exists()
    other = reverse("reports:certificateblank_delete", args=[blanks["department"].pk])
    assert client.get(other).status_code == 200  # asks first
    assert client.post(other).status_code == 302
    assert not CertificateBlank.objects.filter(pk=blanks["department"].pk).exists()


def test_bad_print_input_is_refused_and_loses_nothing(world, client_for, blanks, decided):
    client = client_for(world.user("home_affairs"))
    url = reverse("reports:decision_certificates", args=[decided["lan"].decision_id])
    wrong = {
        "blank": blanks["merit"].pk,
        "proposals": [decided["lan"].pk, decided["son"].pk],
        "signer_name": "Phạm Quang Ngọc",
        "signer_position": "Chủ tịch",
        "achievement": "Đã có thành tích xuất sắc",
    }
    response = client.post(url, wrong)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "Chiến sĩ thi đua" in " ".join(errors["proposals"]) and "Hoàng Văn Sơn" in " ".join(
        errors["proposals"]
    )
    assert not CertificatePrint.objects.exists() and not CertificateNumber.objects.exists()
    page = response.content.decode()
    assert "Đã có thành tích xuất sắc" in page and 'value="Phạm Quang Ngọc"' in page
    response = client.post(url, {**wrong, "proposals": [], "signer_name": " "})
    assert set(response.context["form"].errors) == {"proposals", "signer_name"}
    # An award of another decision is not among the choices.
    response = client.post(url, {**wrong, "proposals": [decided["hung"].pk]})
    assert "proposals" in response.context["form"].errors
    assert not CertificatePrint.objects.exists()


# The demo ----------------------------------------------------------------------------------


def test_the_demo_prints_a_decisions_certificates_once(world, decided):
    from reports import demo_certificates

    home_affairs = world.user("home_affairs")
    assert demo_certificates.load(home_affairs) == 3
    assert CertificateBlank.objects.filter(unit=world.home_affairs_unit).count() == 2
    run = CertificatePrint.objects.get()
    assert run.decision == decided["lan"].decision and run.blank.name == PROVINCIAL_MERIT
    assert run.entries.count() == 3
    assert [e.number.number for e in run.entries.all()] == [1, 2, 3]
    assert demo_certificates.load(home_affairs) == 0
    assert CertificatePrint.objects.count() == 1


def test_the_lists_download_and_do_not_grow_in_queries(world, client_for, blanks, decided):
    from django.db import connection as db
    from django.test.utils import CaptureQueriesContext

    print_merit(blanks, decided, world)
    client = client_for(world.user("home_affairs"))
    for name in ("reports:certificateblank_list", "reports:certificateprint_list"):
        response = client.get(reverse(name), {"export": "xlsx"})
        assert response.status_code == 200 and "spreadsheetml" in response["Content-Type"]

    def queries(name):
        with CaptureQueriesContext(db) as captured:
            assert client.get(reverse(name)).status_code == 200
        return len(captured)

    before = {
        name: queries(name)
        for name in ("reports:certificateblank_list", "reports:certificateprint_list")
    }
    for n in range(4):
        extra = CertificateBlank.objects.create(
            name=f"Phôi thêm {n}", unit=world.dept_b, created_by=world.user("home_affairs")
        )
        extra.award_forms.set([award(MERIT)])
        print_merit(blanks, decided, world, keys=("lan",))
    after = {name: queries(name) for name in before}
    assert after == before
