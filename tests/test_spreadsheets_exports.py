"""Exports of exemplars, units and quotas as .xlsx and .csv: the user's filters and reach,
formula neutralisation in both formats, and the round trip: an export uploaded again
unchanged reports every row unchanged."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from exemplar_portal.base.exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, csv_bytes
from registry.enums import ExemplarStatus
from registry.models import Exemplar, ImportJob
from registry.spreadsheets.kinds import EXEMPLARS
from tests.factories.exemplars import ExemplarFactory
from tests.test_spreadsheets import confirm, job_of, rows_of, upload

pytestmark = pytest.mark.integration

EXEMPLARS_URL = reverse("registry:exemplar_list")
PERSONAL = {"Năm sinh", "Địa chỉ hộ gia đình", "Người liên hệ", "Điện thoại liên hệ"}


def xlsx_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    return [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]


def csv_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"] == CSV_CONTENT_TYPE
    content = body(response)
    assert content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def body(response) -> bytes:
    """A response's bytes; CSV downloads are streamed."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


@pytest.fixture
def exemplars(world):
    """Exemplars of Sở Y tế (dept_a) of every kind, and one of Sở Giáo dục (dept_b)."""
    return [
        ExemplarFactory(
            unit=world.dept_a,
            full_name="Nguyễn Thị Hồng Nhung",
            achievements="Dòng một.\r\nDòng hai: “trích dẫn”, 100% hoàn thành.",
            contact_phone="+84 229 3871 000",
        ),
        ExemplarFactory(
            unit=world.dept_a,
            subject_kind="collective",
            full_name="",
            gender="",
            birth_year=None,
            position="",
            workplace="",
            collective_name='=HYPERLINK("http://example.com","Khoa Nhi")',
            head_name="@Trần Văn Quang",
            member_count=31,
            year=2024,
        ),
        ExemplarFactory(
            unit=world.dept_a,
            subject_kind="household",
            full_name="",
            gender="",
            birth_year=None,
            position="",
            workplace="",
            household_head="Đinh Văn Hùng",
            household_address="Thôn Tập Ninh, xã Gia Vân",
            household_members=5,
            new_model="-Trồng lúa hữu cơ kết hợp nuôi cá",
        ),
        ExemplarFactory(unit=world.dept_b, full_name="Vũ Thị Giáo"),
    ]


def test_the_exemplar_export_has_the_import_columns_and_the_users_rows(
    world, client_for, exemplars
):
    rows = xlsx_rows(
        client_for(world.user("editor_a")).get(EXEMPLARS_URL, {"export": "xlsx", "year": 2025})
    )
    header = rows[0]
    import_headers = [str(label) for _key, label in EXEMPLARS.resource.import_columns()]
    assert header[: len(import_headers)] != import_headers  # export-only columns sit between
    assert set(import_headers) <= set(header)
    assert {EXEMPLARS.resource.label("unit_name"), "Trạng thái"} <= set(header)
    codes = {row[header.index("Mã")] for row in rows[1:]}
    # Sở Y tế's 2025 exemplars only: not 2024 (the filter), not Sở Giáo dục's (the reach).
    assert codes == {exemplars[0].code, exemplars[2].code}
    first = next(r for r in rows[1:] if r[header.index("Mã")] == exemplars[0].code)
    assert first[header.index("Đơn vị")] == "37-SYT"
    assert first[header.index("Đối tượng")] == "Cá nhân"
    assert first[header.index("Lĩnh vực")] == "Y tế"
    assert first[header.index("Trạng thái")] == str(ExemplarStatus.DRAFT.label)


def test_the_exemplar_export_is_a_sheet_an_office_uses_as_it_is(world, client_for, exemplars):
    response = client_for(world.user("editor_a")).get(EXEMPLARS_URL, {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    last = get_column_letter(len(header))
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    # Sở Y tế's three exemplars under the header, all of them in the filter.
    assert sheet.auto_filter.ref == f"A1:{last}4"
    widths = [
        sheet.column_dimensions[get_column_letter(i)].width for i in range(1, len(header) + 1)
    ]
    assert all(8 <= width <= 60 for width in widths)
    name = header.index("Họ và tên") + 1
    assert sheet.column_dimensions[get_column_letter(name)].width > len("Nguyễn Thị Hồng Nhung")


def test_personal_data_is_exported_only_to_those_who_handle_records(world, client_for, exemplars):
    leader = xlsx_rows(client_for(world.user("leader")).get(EXEMPLARS_URL, {"export": "xlsx"}))
    assert not PERSONAL & set(leader[0])
    assert len(leader) == 1 + len(exemplars)
    reviewer = client_for(world.user("home_affairs")).get(EXEMPLARS_URL, {"export": "csv"})
    assert set(csv_rows(reviewer)[0]) >= PERSONAL


def test_csv_neutralises_whatever_a_spreadsheet_would_parse_as_a_formula(
    world, client_for, exemplars
):
    """A spreadsheet parses every field of a CSV file it opens: = + - @ all start formulas."""
    rows = csv_rows(client_for(world.user("editor_a")).get(EXEMPLARS_URL, {"export": "csv"}))
    cells = {cell for row in rows[1:] for cell in row}
    assert '\'=HYPERLINK("http://example.com","Khoa Nhi")' in cells
    assert "'@Trần Văn Quang" in cells
    assert "'+84 229 3871 000" in cells
    assert "'-Trồng lúa hữu cơ kết hợp nuôi cá" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    assert csv_bytes(headers=["=cmd"], rows=[["\tx", "\ry", 5]]).decode("utf-8-sig") == (
        "'=cmd\r\n'\tx,\"'\ry\",5\r\n"
    )


def test_xlsx_keeps_text_as_it_reads_and_only_formulas_are_neutralised(
    world, client_for, exemplars
):
    """A string cell of an xlsx file is never evaluated: only text starting with "=" (which
    would be stored as a formula) takes the apostrophe."""
    response = client_for(world.user("editor_a")).get(EXEMPLARS_URL, {"export": "xlsx"})
    cells = {str(cell) for row in xlsx_rows(response)[1:] for cell in row}
    assert '\'=HYPERLINK("http://example.com","Khoa Nhi")' in cells
    assert "@Trần Văn Quang" in cells
    assert "+84 229 3871 000" in cells
    assert "-Trồng lúa hữu cơ kết hợp nuôi cá" in cells
    assert not any(cell.startswith(("'@", "'+", "'-")) for cell in cells)
    sheet = load_workbook(io.BytesIO(response.content)).active
    kinds = {cell.value: cell.data_type for row in sheet.iter_rows(min_row=2) for cell in row}
    assert kinds["+84 229 3871 000"] == kinds["-Trồng lúa hữu cơ kết hợp nuôi cá"] == "s"
    assert "f" not in kinds.values()


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
@pytest.mark.parametrize("persona", ["editor_a", "home_affairs"])
def test_an_export_uploaded_again_is_every_row_unchanged(
    world, client_for, exemplars, file_format, persona
):
    client = client_for(world.user(persona))
    export = client.get(EXEMPLARS_URL, {"export": file_format})
    assert export.status_code == 200
    job = job_of(upload(client, SimpleUploadedFile(f"xuat.{file_format}", body(export))))
    reached = 3 if persona == "editor_a" else 4
    assert job.status == ImportJob.Status.READY, job.report
    assert (job.total_rows, job.unchanged_rows, job.new_rows, job.updated_rows) == (
        reached,
        reached,
        0,
        0,
    )
    confirm(client, job)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert all(e.version == 1 for e in Exemplar.objects.all())
    assert Exemplar.objects.count() == 4


def test_an_edited_export_updates_only_the_changed_draft(world, client_for, exemplars):
    client = client_for(world.user("editor_a"))
    export = client.get(EXEMPLARS_URL, {"export": "xlsx"})
    book = load_workbook(io.BytesIO(export.content))
    sheet = book.active
    header = [cell.value for cell in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[header.index("Mã")].value == exemplars[2].code:
            row[header.index("Số nhân khẩu")].value = 6
    buffer = io.BytesIO()
    book.save(buffer)
    job = job_of(upload(client, SimpleUploadedFile("sua.xlsx", buffer.getvalue())))
    assert [r["code"] for r in rows_of(job, "updated")] == [exemplars[2].code]
    assert job.unchanged_rows == 2
    confirm(client, job)
    household = Exemplar.objects.get(pk=exemplars[2].pk)
    assert household.household_members == 6 and household.version == 2
    assert household.new_model == "-Trồng lúa hữu cơ kết hợp nuôi cá"


def test_the_unit_list_exports_with_the_units_import_columns(world, client_for):
    client = client_for(world.user("editor_a"))
    rows = xlsx_rows(client.get(reverse("registry:unit_list"), {"q": "Sở", "export": "xlsx"}))
    assert rows[0][:4] == ["Mã", "Tên", "Tên viết tắt", "Loại"]
    assert {row[0] for row in rows[1:]} >= {"37-SYT", "37-SGDDT"}
    assert "373-GIAVAN" not in {row[0] for row in rows[1:]}
    assert csv_rows(client.get(reverse("registry:unit_list"), {"export": "csv"}))[0][0] == "Mã"
    page = client.get(reverse("registry:unit_list"), {"q": "Sở"}).content.decode()
    assert "?q=S%E1%BB%9F&amp;export=csv" in page


def test_the_quota_views_export(world, client_for, exemplars):
    client = client_for(world.user("home_affairs"))
    url = reverse("registry:quota_compliance")
    rows = xlsx_rows(client.get(url, {"year": 2025, "export": "xlsx"}))
    assert rows[0][:2] == ["Mã đơn vị", "Đơn vị"]
    # Sở Y tế has no accepted exemplar in 2025: behind its quota.
    assert "37-SYT" in {row[0] for row in rows[1:]}
    assert csv_rows(client.get(url, {"year": 2025, "export": "csv"}))[0] == rows[0]
    # The rules of the plan in force in the year asked (none in a year no plan covers).
    quota_rules = reverse("registry:quota_rules")
    rules = xlsx_rows(client.get(quota_rules, {"year": 2025, "export": "xlsx"}))
    assert len(rules) > 1 and rules[0][0] == "Loại đơn vị"
    editor = client_for(world.user("editor_a"))
    assert editor.get(url, {"export": "xlsx"}).status_code == 403
