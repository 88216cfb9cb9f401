"""Administrators import units, unit successions and users from spreadsheets: created,
updated or unchanged, parents named within the same file, the models' own rules, all or
nothing, with history."""

import datetime

import pytest
from django.urls import reverse
from django.utils.translation import gettext as _

from registry.enums import Role
from registry.models import ImportJob, Unit, User
from registry.spreadsheets.resources import UnitResource
from tests.test_spreadsheets import confirm, job_of, rows_of, upload, xlsx

pytestmark = pytest.mark.integration

UNITS = reverse("registry:import_start", args=["don-vi"])
USERS = reverse("registry:import_start", args=["nguoi-dung"])


def unit_row(**values):
    row = {"kind": "Sở, ban, ngành", "parent": "37"}
    row.update(values)
    return row


def user_row(**values):
    row = {"unit": "37-SYT", "role": "Cán bộ đơn vị", "is_active": "Có"}
    row.update(values)
    return row


@pytest.fixture
def admin(world, client_for):
    return client_for(world.user("administrator"))


def test_units_are_created_and_updated_with_parents_from_the_same_file(world, admin):
    rows = [
        unit_row(
            code="374",
            name="Huyện Nho Quan",
            short_name="Nho Quan",
            kind="district",
            valid_until="30/06/2025",
            end_basis="Luật Tổ chức chính quyền địa phương số 72/2025/QH15",
        ),
        unit_row(
            code="374-PHULONG",
            name="Xã Phú Long",
            kind="Xã, phường, đặc khu",
            parent="Huyện Nho Quan",
            valid_until="30/6/2025",
        ),
        unit_row(code="37-syt", name="Sở Y tế", short_name="SYT", address="Số 2 Lê Thái Tổ"),
        unit_row(code="37-SGDDT", name="Sở Giáo dục và Đào tạo", short_name="tạo"),
    ]
    job = job_of(upload(admin, xlsx(rows, kind="units", name="don-vi.xlsx"), url=UNITS))
    assert job.status == ImportJob.Status.READY, job.report
    assert [r["action"] for r in rows_of(job)] == ["new", "new", "updated", "unchanged"]
    # The check is rolled back.
    assert not Unit.objects.filter(code="374").exists()

    confirm(admin, job)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    commune = Unit.objects.select_related("parent", "kind").get(code="374-PHULONG")
    assert commune.parent.code == "374" and commune.kind.code == "commune"
    assert commune.valid_until == datetime.date(2025, 6, 30)
    assert commune.reviewing_unit_on(datetime.date(2025, 6, 30)) == commune.parent
    assert commune.reviewing_unit is None
    district = Unit.objects.get(code="374")
    assert district.end_basis.startswith("Luật Tổ chức chính quyền")
    health = Unit.objects.get(code="37-SYT")
    assert (health.short_name, health.address) == ("SYT", "Số 2 Lê Thái Tổ")
    entry = health.history.first()
    assert entry.history_user == world.user("administrator")
    assert entry.history_change_reason == _("Imported from a spreadsheet")


def test_a_bad_unit_row_stops_the_whole_file(world, admin):
    rows = [
        unit_row(code="37-SNN", name="Sở Nông nghiệp và Môi trường"),
        unit_row(code="mã có dấu", name="Đơn vị sai mã"),
        unit_row(code="37-SXD", name="Sở Xây dựng", kind="Bộ"),
        unit_row(code="37-SNN", name="Sở Nông nghiệp (trùng)"),
        unit_row(code="37-SCT", name="", valid_from="01/07/2025", valid_until="30/06/2025"),
        unit_row(code="37-SDL", name="Sở Du lịch", valid_until="31/02/2025"),
        unit_row(code="37-SNG", name="Sở Ngoại vụ", valid_from="2025"),
    ]
    job = job_of(upload(admin, xlsx(rows, kind="units", name="don-vi.xlsx"), url=UNITS))
    assert job.status == ImportJob.Status.INVALID
    errors = {r["row"]: {column for column, _m in r["errors"]} for r in rows_of(job, "error")}
    until, since = UnitResource.label("valid_until"), UnitResource.label("valid_from")
    assert errors == {
        3: {"Mã"},
        4: {"Loại"},
        5: {"Mã"},
        6: {"Tên", until},
        7: {until},
        8: {since},
    }
    messages = {r["row"]: r["errors"] for r in rows_of(job, "error")}
    assert messages[8] == [[since, _("Write the date as dd/mm/yyyy, for example 30/06/2025.")]]
    confirm(admin, job)
    assert not Unit.objects.filter(code__in=["37-SNN", "37-SXD", "37-SCT", "37-SDL"]).exists()


def test_users_are_created_without_a_password_and_updated_by_log_in_name(world, admin):
    rows = [
        user_row(
            username="canbo.moi",
            full_name="Trần Thị Mới",
            email="moi@ninhbinh.gov.vn",
            position="Chuyên viên",
            phone="0912000111",
        ),
        user_row(
            username="EDITOR_B", full_name="Đỗ Thị Lan Anh", unit="37-SGDDT", role="unit_head"
        ),
    ]
    job = job_of(upload(admin, xlsx(rows, kind="users", name="nguoi-dung.xlsx"), url=USERS))
    assert [r["action"] for r in rows_of(job)] == ["new", "updated"], job.report
    confirm(admin, job)
    created = User.objects.get(username="canbo.moi")
    assert created.unit == world.dept_a and created.role == Role.UNIT_EDITOR
    assert created.is_active and not created.has_usable_password()
    assert created.phone == "0912000111"
    updated = User.objects.get(username="editor_b")
    assert updated.role == Role.UNIT_HEAD and updated.full_name == "Đỗ Thị Lan Anh"
    assert updated.has_usable_password()
    assert updated.history.first().history_user == world.user("administrator")


def test_user_rows_follow_the_models_rules(world, admin):
    rows = [
        user_row(username="huyen.sai", full_name="Sai Đơn Vị", role="District reviewer"),
        user_row(username="administrator", full_name="Tự đổi mình", role="Cán bộ đơn vị"),
        user_row(username="nguoi dung", full_name="Có Dấu Cách"),
        user_row(username="thieu.donvi", full_name="Không Đơn Vị", unit=""),
    ]
    job = job_of(upload(admin, xlsx(rows, kind="users", name="nguoi-dung.xlsx"), url=USERS))
    assert job.status == ImportJob.Status.INVALID
    errors = {r["row"]: r["errors"] for r in rows_of(job, "error")}
    assert set(errors) == {2, 3, 4, 5}
    assert errors[2][0][0] == "Vai trò"
    assert errors[3][0][0] == ""
    assert errors[5][0][0] == "Đơn vị"
    confirm(admin, job)
    assert not User.objects.filter(username__in=["huyen.sai", "thieu.donvi"]).exists()
    assert User.objects.get(username="administrator").role == Role.ADMINISTRATOR


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_the_unit_list_exported_and_uploaded_again_is_unchanged(world, admin, file_format):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.test_spreadsheets_exports import body

    export = admin.get(reverse("registry:unit_list"), {"export": file_format})
    exported = SimpleUploadedFile(f"don-vi.{file_format}", body(export))
    job = job_of(upload(admin, exported, url=UNITS))
    assert job.status == ImportJob.Status.READY, job.report
    assert job.total_rows == Unit.objects.count() == job.unchanged_rows


# Unit successions -------------------------------------------------------------------------

SUCCESSIONS = reverse("registry:import_start", args=["sap-xep-don-vi"])
LAST_DAY = datetime.date(2025, 6, 30)
BASIS = "Nghị quyết số 1674/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội"


@pytest.fixture
def communes(world):
    """Xã Gia Vân and Xã Gia Thanh ended on 30/6/2025; today's Xã Gia Vân began on 1/7/2025."""
    from tests.factories import UnitFactory, kind

    old = world.commune_a
    old.valid_until = LAST_DAY
    old.save()
    thanh = UnitFactory(
        code="373-GIATHANH",
        name="Xã Gia Thanh",
        kind=kind("commune"),
        parent=world.district_a,
        valid_until=LAST_DAY,
    )
    new = UnitFactory(
        code="14488",
        name="Xã Gia Vân",
        kind=kind("commune"),
        parent=world.province,
        valid_from=datetime.date(2025, 7, 1),
    )
    return old, thanh, new


def link_row(**values):
    row = {
        "predecessor": "373-GIAVAN",
        "successor": "14488",
        "kind": "Hợp nhất",
        "effective_on": "01/07/2025",
        "legal_basis": BASIS,
        "takes_over_work": "Có",
        "note": "",
    }
    row.update(values)
    return row


def successions_file(rows):
    return xlsx(rows, kind="successions", name="sap-xep.xlsx")


def test_successions_are_created_then_updated_by_their_two_units(world, admin, communes):
    from registry.models import UnitSuccession

    old, thanh, new = communes
    rows = [
        link_row(note="Minh họa"),
        link_row(predecessor="373-GIATHANH", kind="merger", takes_over_work=""),
    ]
    job = job_of(upload(admin, successions_file(rows), url=SUCCESSIONS))
    assert job.status == ImportJob.Status.READY, job.report
    assert [r["action"] for r in rows_of(job)] == ["new", "new"]
    assert [r["code"] for r in rows_of(job)] == ["373-GIAVAN → 14488", "373-GIATHANH → 14488"]
    assert not UnitSuccession.objects.exists()

    confirm(admin, job)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    links = {link.predecessor: link for link in UnitSuccession.objects.all()}
    assert set(links) == {old, thanh}
    assert all(link.successor == new and link.kind == "merger" for link in links.values())
    assert links[old].effective_on == datetime.date(2025, 7, 1)
    assert links[old].legal_basis == BASIS and links[old].note == "Minh họa"
    # An empty "takes over the work" means yes.
    assert links[thanh].takes_over_work
    entry = links[old].history.first()
    assert entry.history_user == world.user("administrator")
    assert entry.history_change_reason == _("Imported from a spreadsheet")

    rows[0]["note"] = "Đã đối chiếu với Nghị quyết"
    again = job_of(upload(admin, successions_file(rows), url=SUCCESSIONS))
    assert [r["action"] for r in rows_of(again)] == ["updated", "unchanged"], again.report
    confirm(admin, again)
    assert UnitSuccession.objects.count() == 2
    assert UnitSuccession.objects.get(predecessor=old).note == "Đã đối chiếu với Nghị quyết"
    assert admin.get(new.get_absolute_url()).context["successions_in"]


def test_a_bad_succession_row_stops_the_whole_file(world, admin, communes):
    from registry.models import UnitSuccession
    from registry.spreadsheets.resources import UnitSuccessionResource as R

    rows = [
        link_row(),
        link_row(predecessor="XA-KHONG-CO"),
        link_row(predecessor="373-GIATHANH", successor="37-SGDDT", kind="Giải thể"),
        link_row(predecessor="373-GIATHANH", effective_on="31/06/2025"),
        link_row(predecessor="37-SYT"),
        link_row(note="trùng"),
        link_row(successor="37-SGDDT"),
        link_row(predecessor="373-GIATHANH", successor="373-GIATHANH"),
    ]
    job = job_of(upload(admin, successions_file(rows), url=SUCCESSIONS))
    assert job.status == ImportJob.Status.INVALID
    errors = {r["row"]: {column for column, _m in r["errors"]} for r in rows_of(job, "error")}
    assert errors == {
        3: {R.label("predecessor")},
        4: {R.label("kind")},
        5: {R.label("effective_on")},
        # Sở Y tế is still in force: it cannot have a successor yet.
        6: {R.label("effective_on")},
        # The same two units twice.
        7: {""},
        # Xã Gia Vân's work already goes to the new Xã Gia Vân (row 2).
        8: {R.label("takes_over_work")},
        9: {R.label("successor")},
    }
    messages = {r["row"]: r["errors"] for r in rows_of(job, "error")}
    assert messages[7] == [
        ["", _("The same two units are already linked on row %(row)s.") % {"row": 2}]
    ]
    assert messages[5] == [
        [
            R.label("effective_on"),
            _("“%(value)s” is not a day of the calendar.") % {"value": "31/06/2025"},
        ]
    ]
    assert rows_of(job)[0]["action"] == "new"
    confirm(admin, job)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.INVALID
    assert not UnitSuccession.objects.exists()


def test_the_successions_template_downloads_with_its_columns(world, admin, communes):
    import io

    from openpyxl import load_workbook

    from registry.spreadsheets.kinds import KINDS

    url = reverse("registry:import_template", args=["sap-xep-don-vi"])
    book = load_workbook(io.BytesIO(admin.get(url).content))
    headers = [cell.value for cell in book.worksheets[0][1]]
    assert headers == [str(label) for _k, label in KINDS["successions"].resource.import_columns()]
    lists = book.worksheets[2]
    codes = [cell.value for cell in lists["C"]][1:]
    assert "14488" in codes and "373-GIAVAN" in codes
    csv = admin.get(url, {"format": "csv"}).content.decode("utf-8-sig")
    assert csv.splitlines()[0].split(",")[0] == headers[0]
    assert admin.get(reverse("registry:import_list")).status_code == 200
