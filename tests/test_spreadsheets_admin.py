"""Administrators import units and users from spreadsheets: created, updated or unchanged,
parents named within the same file, the models' own rules, all or nothing, with history."""

import pytest
from django.urls import reverse
from django.utils.translation import gettext as _

from registry.enums import Role
from registry.models import ImportJob, Unit, User
from tests.test_spreadsheets import confirm, job_of, rows_of, xlsx

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
            valid_to=2025,
        ),
        unit_row(
            code="374-PHULONG",
            name="Xã Phú Long",
            kind="Xã, phường, đặc khu",
            parent="Huyện Nho Quan",
            valid_to=2025,
        ),
        unit_row(code="37-syt", name="Sở Y tế", short_name="SYT", address="Số 2 Lê Thái Tổ"),
        unit_row(code="37-SGDDT", name="Sở Giáo dục và Đào tạo", short_name="tạo"),
    ]
    job = job_of(admin.post(UNITS, {"file": xlsx(rows, kind="units", name="don-vi.xlsx")}))
    assert job.status == ImportJob.Status.READY, job.report
    assert [r["action"] for r in rows_of(job)] == ["new", "new", "updated", "unchanged"]
    # The check is rolled back.
    assert not Unit.objects.filter(code="374").exists()

    confirm(admin, job)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    commune = Unit.objects.select_related("parent", "kind").get(code="374-PHULONG")
    assert commune.parent.code == "374" and commune.kind.code == "commune"
    assert commune.reviewing_unit == commune.parent
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
        unit_row(code="37-SCT", name="", valid_from=2026, valid_to=2024),
    ]
    job = job_of(admin.post(UNITS, {"file": xlsx(rows, kind="units", name="don-vi.xlsx")}))
    assert job.status == ImportJob.Status.INVALID
    errors = {r["row"]: {column for column, _m in r["errors"]} for r in rows_of(job, "error")}
    assert errors == {
        3: {"Mã"},
        4: {"Loại"},
        5: {"Mã"},
        6: {"Tên", "Hiệu lực đến năm"},
    }
    confirm(admin, job)
    assert not Unit.objects.filter(code__in=["37-SNN", "37-SXD", "37-SCT"]).exists()


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
    job = job_of(admin.post(USERS, {"file": xlsx(rows, kind="users", name="nguoi-dung.xlsx")}))
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
    job = job_of(admin.post(USERS, {"file": xlsx(rows, kind="users", name="nguoi-dung.xlsx")}))
    assert job.status == ImportJob.Status.INVALID
    errors = {r["row"]: r["errors"] for r in rows_of(job, "error")}
    assert set(errors) == {2, 3, 4, 5}
    assert errors[2][0][0] == "Vai trò"
    assert errors[3][0][0] == ""
    assert errors[5][0][0] == "Đơn vị"
    confirm(admin, job)
    assert not User.objects.filter(username__in=["huyen.sai", "thieu.donvi"]).exists()
    assert User.objects.get(username="administrator").role == Role.ADMINISTRATOR


def test_the_demo_import_is_loaded_once(db):
    from django.core.management import call_command

    from registry.models import Exemplar
    from registry.spreadsheets import demo

    call_command("load_units")
    call_command("load_demo")
    demo.load()
    demo.load()
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.DONE and job.new_rows == 3
    assert job.created_by.username == "canbo.syt" and job.unit.code == "37-SYT"
    imported = Exemplar.history.filter(history_change_reason=_("Imported from a spreadsheet"))
    drafts = Exemplar.objects.filter(pk__in=imported.values("id"))
    assert {e.subject_name for e in drafts} == {
        "Trạm Y tế xã Gia Vân",
        "Trương Văn Lực",
        "Đinh Thị Thanh Xuân",
    }
    assert {e.status for e in drafts} == {"draft"}


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_the_unit_list_exported_and_uploaded_again_is_unchanged(world, admin, file_format):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.test_spreadsheets_exports import body

    export = admin.get(reverse("registry:unit_list"), {"export": file_format})
    upload = SimpleUploadedFile(f"don-vi.{file_format}", body(export))
    job = job_of(admin.post(UNITS, {"file": upload}))
    assert job.status == ImportJob.Status.READY, job.report
    assert job.total_rows == Unit.objects.count() == job.unchanged_rows
