"""A subject's history of commendation: the pages of its awards held, task ratings and
initiatives under an exemplar (who reads and keeps them, per persona and unit), what a record
must meet, the exemplar's page, the achievement report's table of awards held, and the
import of records from before the portal (all or nothing, a report per row)."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from registry.enums import ExemplarStatus, SubjectKind
from registry.models import Exemplar
from reports import achievement, subject_history
from reports.models import AwardForm, Initiative, PriorAward, TaskRating
from reports.models.history import Source
from tests.conftest import moment
from tests.factories.exemplars import ExemplarFactory
from tests.factories.registry import someone
from tests.personas import PERSONAS

pytestmark = pytest.mark.django_db

GRASSROOTS_FIGHTER = "chien-si-thi-dua-co-so"
KINDS = ("prioraward", "taskrating", "initiative")


def award(code):
    return AwardForm.objects.get(code=code)


def exemplar_of(unit, name="Trần Thị Thu Hà", year=2025, **extra):
    exemplar = ExemplarFactory(unit=unit, full_name=name, year=year, **extra)
    Exemplar.objects.filter(pk=exemplar.pk).update(status=ExemplarStatus.ACCEPTED)
    exemplar.refresh_from_db()
    return exemplar


def records_of(exemplar):
    """One record of each kind, by kind."""
    by = someone()
    return {
        "prioraward": PriorAward.objects.create(
            exemplar=exemplar,
            award=award(GRASSROOTS_FIGHTER),
            year=2024,
            document_number="118/QĐ-SYT",
            document_issuer="Giám đốc Sở Y tế",
            recorded_by=by,
        ),
        "taskrating": TaskRating.objects.create(
            exemplar=exemplar, year=2024, rating="excellent", recorded_by=by
        ),
        "initiative": Initiative.objects.create(
            exemplar=exemplar,
            title="Sổ tay điều dưỡng",
            year=2024,
            level="grassroots",
            recorded_by=by,
        ),
    }


def url(kind, page, exemplar, record=None):
    kwargs = {"code": exemplar.code}
    if record is not None:
        kwargs["pk"] = record.pk
    return reverse(f"reports:{kind}_{page}", kwargs=kwargs)


# Who reads an exemplar's history (whoever reads the exemplar) and who keeps it (the unit's
# editors and heads, Home Affairs), for an exemplar of Sở Y tế and one of Xã Gia Vân.
READS_ALL = {"home_affairs", "leader", "administrator"}
READS = {
    "dept": {"editor_a", "head_a"} | READS_ALL,
    "commune": {"commune_editor", "district_reviewer"} | READS_ALL,
}
KEEPS = {
    "dept": {"editor_a", "head_a", "home_affairs"},
    "commune": {"commune_editor", "home_affairs"},
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_reads_and_keeps_a_subjects_history(world, client_for, persona):
    exemplars = {
        "dept": exemplar_of(world.dept_a),
        "commune": exemplar_of(world.commune_a, "Bùi Thị Nhung"),
    }
    client = client_for(world.user(persona))
    for where, exemplar in exemplars.items():
        records = records_of(exemplar)
        reads, keeps = persona in READS[where], persona in KEEPS[where]
        for kind, record in records.items():
            shown = client.get(url(kind, "list", exemplar))
            assert shown.status_code == (200 if reads else 404), (where, kind)
            if reads:
                assert record in shown.context["records"]
            detail = client.get(url(kind, "detail", exemplar, record)).status_code
            assert detail == (200 if reads else 404), (where, kind)
            for page in ("create", "update", "delete"):
                answer = client.get(
                    url(kind, page, exemplar, None if page == "create" else record)
                ).status_code
                assert answer == (200 if keeps else 403 if reads else 404), (where, kind, page)
        # A record cannot be reached under another subject's exemplar.
        other = exemplars["commune" if where == "dept" else "dept"]
        wrong = client.get(url("prioraward", "detail", other, records["prioraward"]))
        assert wrong.status_code == 404


def test_a_unit_keeps_its_subjects_history_through_the_pages(world, client_for):
    row_2024 = exemplar_of(world.dept_a, year=2024)
    row_2025 = exemplar_of(world.dept_a)
    client = client_for(world.user("editor_a"))
    data = {
        "award": award(GRASSROOTS_FIGHTER + "-2003").pk,
        "year": 2023,
        "document_number": "125/QĐ-SYT",
        "document_date": "10/01/2024",
        "document_issuer": "Giám đốc Sở Y tế",
        "note": "Nhập từ hồ sơ giấy",
    }
    response = client.post(url("prioraward", "create", row_2024), data)
    assert response.status_code == 302
    held = PriorAward.objects.get()
    assert (held.exemplar, held.source, held.recorded_by) == (
        row_2024,
        Source.TYPED,
        world.user("editor_a"),
    )
    # The subject's other yearly row lists it too.
    listed = client.get(url("prioraward", "list", row_2025))
    assert held in listed.context["records"] and "125/QĐ-SYT" in listed.content.decode()
    client.post(
        url("prioraward", "update", row_2025, held), {**data, "document_number": "126/QĐ-SYT"}
    )
    held.refresh_from_db()
    assert held.document_number == "126/QĐ-SYT"
    page = client.get(url("prioraward", "detail", row_2025, held))
    assert page.context["can_change"] and page.context["history"][0]["changes"]
    assert client.post(url("prioraward", "delete", row_2025, held)).status_code == 302
    assert not PriorAward.objects.exists()
    assert PriorAward.history.filter(history_type="-").get().history_user == world.user("editor_a")


@pytest.mark.time_machine(moment("2026-03-15"), tick=False)
def test_bad_records_are_refused_field_by_field_keeping_what_was_typed(world, client_for):
    ha = exemplar_of(world.dept_a)
    records_of(ha)
    client = client_for(world.user("head_a"))
    errors = lambda response: response.context["form"].errors  # noqa: E731
    base = {
        "award": award(GRASSROOTS_FIGHTER).pk,
        "year": 2027,
        "document_number": "Số gõ nhầm 77",
        "document_issuer": "Sở Y tế",
    }
    response = client.post(url("prioraward", "create", ha), base)
    assert response.status_code == 200 and "year" in errors(response)
    assert "Số gõ nhầm 77" in response.content.decode()
    # The 2022 law's title in 2023: the form of the law then in force is asked for.
    response = client.post(url("prioraward", "create", ha), {**base, "year": 2023})
    assert "award" in errors(response)
    # Held already that year (the same subject), or a collective's title for a person.
    response = client.post(url("prioraward", "create", ha), {**base, "year": 2024})
    assert "award" in errors(response)
    collective = award("tap-the-lao-dong-tien-tien").pk
    response = client.post(url("prioraward", "create", ha), {**base, "award": collective})
    assert "award" in errors(response)
    # A decision signed in the future; without its number or issuer.
    response = client.post(
        url("prioraward", "create", ha),
        {**base, "year": 2025, "document_date": "01/01/2027", "document_number": ""},
    )
    assert {"document_date", "document_number"} <= set(errors(response))
    response = client.post(url("taskrating", "create", ha), {"year": 2024, "rating": "good"})
    assert "year" in errors(response)
    response = client.post(url("taskrating", "create", ha), {"year": 2025, "rating": "best"})
    assert "rating" in errors(response)
    response = client.post(
        url("initiative", "create", ha),
        {"title": "sổ tay điều dưỡng", "year": 2024, "level": "grassroots"},
    )
    assert "title" in errors(response)
    assert (
        PriorAward.objects.count() == TaskRating.objects.count() == Initiative.objects.count() == 1
    )


def test_the_exemplar_page_offers_the_history(world, client_for):
    ha = exemplar_of(world.dept_a)
    records_of(ha)
    page = client_for(world.user("editor_a")).get(ha.get_absolute_url())
    content = page.content.decode()
    assert 'id="exemplar-history"' in content
    for kind in KINDS:
        assert url(kind, "list", ha) in content
    assert reverse("reports:subject_history_import") in content
    assert [count for _t, _u, count in page.context["subject_history"]] == [1, 1, 1]
    leader = client_for(world.user("leader")).get(ha.get_absolute_url()).content.decode()
    assert url("prioraward", "list", ha) in leader
    assert reverse("reports:subject_history_import") not in leader


def test_the_achievement_report_lists_the_awards_held_from_before_the_portal(world):
    ha = exemplar_of(world.dept_a)
    records_of(ha)
    table = achievement.awards_table(ha)
    assert table.rows == [
        [2024, "Chiến sĩ thi đua cơ sở", "118/QĐ-SYT", None, "Giám đốc Sở Y tế"],
    ]


# The import ------------------------------------------------------------------------------


def sheet(rows, headers=None):
    """An xlsx upload of the import's columns with ``rows``."""
    book = Workbook()
    page = book.active
    page.title = "Lịch sử"
    page.append(headers or [subject_history.column_label(k) for k, _l in subject_history.COLUMNS])
    for row in rows:
        page.append(row)
    data = io.BytesIO()
    book.save(data)
    return SimpleUploadedFile("lich-su.xlsx", data.getvalue())


def row(kind, code, year, *, award="", rating="", title="", level="", number="", day="", by=""):
    return [kind, code, year, award, rating, title, level, number, day, by, ""]


def good_rows(code):
    return [
        row(
            "Danh hiệu",
            code,
            2022,
            award="chien-si-thi-dua-co-so-2003",
            number="45/QĐ-SYT",
            by="Sở Y tế",
        ),
        row(
            "Danh hiệu",
            code,
            2023,
            award="chien-si-thi-dua-co-so-2003",
            number="125/QĐ-SYT",
            day="10/01/2024",
            by="Sở Y tế",
        ),
        row("Xếp loại", code, 2023, rating="Hoàn thành xuất sắc nhiệm vụ"),
        row("Sáng kiến", code, 2023, title="Bảng kiểm chăm sóc người bệnh suy tim", level="cơ sở"),
    ]


@pytest.mark.time_machine(moment("2026-03-15"), tick=False)
def test_an_import_writes_every_row_of_a_good_file(world, client_for):
    ha = exemplar_of(world.dept_a)
    client = client_for(world.user("editor_a"))
    rows = good_rows(ha.code.lower())  # a code in lower case is the same code
    response = client.post(reverse("reports:subject_history_import"), {"file": sheet(rows)})
    assert response.status_code == 200
    report = response.context["report"]
    assert report.written and report.error_rows == 0 and len(report.rows) == 4
    assert PriorAward.objects.filter(exemplar=ha, source=Source.IMPORTED).count() == 2
    assert TaskRating.objects.get(exemplar=ha).rating == "excellent"
    initiative = Initiative.objects.get(exemplar=ha)
    assert initiative.level == "grassroots" and initiative.recorded_by == world.user("editor_a")
    assert initiative.history.get().history_user == world.user("editor_a")
    assert PriorAward.objects.get(year=2023).document_date == datetime.date(2024, 1, 10)


@pytest.mark.time_machine(moment("2026-03-15"), tick=False)
def test_a_bad_row_rolls_the_whole_import_back_with_a_report_per_row(world, client_for):
    ha = exemplar_of(world.dept_a)
    other_unit = exemplar_of(world.dept_b, "Phạm Thị Thu Hương")
    client = client_for(world.user("editor_a"))
    rows = [
        *good_rows(ha.code),
        row(
            "Danh hiệu", ha.code, 2030, award="chien-si-thi-dua-co-so", number="1/QĐ", by="Sở Y tế"
        ),
        row(
            "Danh hiệu", ha.code, 2024, award="khong-co-hinh-thuc-nay", number="2/QĐ", by="Sở Y tế"
        ),
        row("Xếp loại", ha.code, 2023, rating="Hoàn thành tốt nhiệm vụ"),
        row("Xếp loại", other_unit.code, 2023, rating="Hoàn thành tốt nhiệm vụ"),
        row("Giấy khen", ha.code, "năm ngoái"),
    ]
    response = client.post(reverse("reports:subject_history_import"), {"file": sheet(rows)})
    report = response.context["report"]
    assert not report.written
    assert not PriorAward.objects.exists() and not TaskRating.objects.exists()
    assert not Initiative.objects.exists()
    by_row = {r.number: r for r in report.rows}
    assert [n for n, r in by_row.items() if r.errors] == [6, 7, 8, 9, 10]
    columns = lambda number: {column for column, _m in by_row[number].errors}  # noqa: E731
    assert subject_history.column_label("year") in columns(6)
    assert any("khong-co-hinh-thuc-nay" in m for _c, m in by_row[7].errors)
    assert any("4" in m for _c, m in by_row[8].errors)  # the same rating as row 4
    assert any(other_unit.code in m for _c, m in by_row[9].errors)
    assert {subject_history.column_label("kind"), subject_history.column_label("year")} <= columns(
        10
    )
    page = response.content.decode()
    assert "khong-co-hinh-thuc-nay" in page and other_unit.code in page


def test_an_import_refuses_a_file_of_other_columns_or_another_kind(world, client_for):
    client = client_for(world.user("home_affairs"))
    response = client.post(
        reverse("reports:subject_history_import"), {"file": sheet([["x"]], headers=["Họ và tên"])}
    )
    assert response.status_code == 200 and "file" in response.context["form"].errors
    text = SimpleUploadedFile("lich-su.docx", b"PK\x03\x04 not a sheet")
    response = client.post(reverse("reports:subject_history_import"), {"file": text})
    assert "file" in response.context["form"].errors


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_imports_histories(world, client_for, persona):
    allowed = persona in {
        "editor_a",
        "head_a",
        "editor_b",
        "commune_editor",
        "commune_b_editor",
        "home_affairs",
    }
    answer = client_for(world.user(persona)).get(reverse("reports:subject_history_import"))
    assert answer.status_code == (200 if allowed else 403)


def test_the_template_downloads_with_the_exemplars_code_and_imports_back(world, client_for):
    ha = exemplar_of(world.dept_a)
    client = client_for(world.user("head_a"))
    response = client.get(
        reverse("reports:subject_history_import"), {"template": 1, "exemplar": ha.code}
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == subject_history.column_label("kind") and rows[1][1] == ha.code
    upload = SimpleUploadedFile("mau.xlsx", response.content)
    report = client.post(reverse("reports:subject_history_import"), {"file": upload}).context[
        "report"
    ]
    assert report.written
    assert PriorAward.objects.get(exemplar=ha).award.code == "chien-si-thi-dua-co-so-2003"
    assert ha.subject_kind == SubjectKind.INDIVIDUAL
