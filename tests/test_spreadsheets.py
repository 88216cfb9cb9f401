"""Spreadsheet imports of exemplars: template, upload, check, confirm; all or nothing; the
reach of each role; duplicates; history; and the round trip of an export.

Messages introduced with the imports are compared through gettext, in the portal's language
(the tests run in Vietnamese), so that they hold before and after the catalogue has them.
"""

import gc
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from django.utils.translation import gettext as _
from openpyxl import Workbook

from registry.enums import ExemplarStatus
from registry.models import Exemplar, ImportJob
from registry.spreadsheets.kinds import KINDS
from tests.factories.exemplars import ExemplarFactory
from tests.personas import PERSONAS

pytestmark = pytest.mark.integration

START = reverse("registry:import_start", args=["dien-hinh"])


def keys(kind="exemplars"):
    return [key for key, _label in KINDS[kind].resource.import_columns()]


def headers(kind="exemplars"):
    return [str(label) for _key, label in KINDS[kind].resource.import_columns()]


def exemplar_row(**values):
    row = {
        "year": 2025,
        "subject_kind": "Cá nhân",
        "full_name": "Phạm Thị Thu Hà",
        "gender": "Nữ",
        "birth_year": 1986,
        "position": "Điều dưỡng trưởng khoa",
        "workplace": "Bệnh viện Đa khoa tỉnh Ninh Bình",
        "field": "Y tế",
        "is_new_factor": "Không",
        "achievements": "Năm năm liền hoàn thành xuất sắc nhiệm vụ; sáng kiến giảm thời gian chờ.",
        "new_model": "Mô hình “Điều dưỡng tận tâm”.",
        "contact_name": "Trần Văn Minh",
        "contact_phone": "0912345678",
        "publication_consent": "Có",
    }
    row.update(values)
    return row


def workbook(rows, *, kind="exemplars", header=None) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Dữ liệu"
    sheet.append(header or headers(kind))
    for row in rows:
        sheet.append([row.get(key) for key in keys(kind)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsx(rows, *, kind="exemplars", name="dien-hinh.xlsx", header=None):
    return SimpleUploadedFile(name, workbook(rows, kind=kind, header=header))


def upload(client, file, url=START):
    """Upload ``file``. The request queues the check once its transaction commits; the
    worker (the immediate backend of the tests) then runs it."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(url, {"file": file})


def job_of(response) -> ImportJob:
    assert response.status_code == 302, response.content.decode()[:2000]
    return ImportJob.objects.get(pk=response["Location"].rstrip("/").rsplit("/", 1)[1])


def confirm(client, job):
    return client.post(reverse("registry:import_confirm", args=[job.pk]))


def rows_of(job, action=None):
    return [r for r in job.report["rows"] if action is None or r["action"] == action]


# The upload, the check and the confirmation -----------------------------------------------


def test_a_unit_editor_imports_drafts_of_their_own_unit(world, client_for):
    editor = world.user("editor_a")
    client = client_for(editor)
    response = upload(
        client,
        xlsx(
            [
                exemplar_row(),
                exemplar_row(
                    subject_kind="Tập thể",
                    full_name="",
                    collective_name="Khoa Hồi sức tích cực - Chống độc",
                    head_name="Trần Văn Quang",
                    member_count=24,
                ),
            ]
        ),
    )
    job = job_of(response)
    assert job.status == ImportJob.Status.READY
    assert (job.total_rows, job.new_rows, job.error_rows) == (2, 2, 0)
    assert job.unit == world.dept_a and not job.in_background
    assert [r["row"] for r in job.report["rows"]] == [2, 3]
    # The check writes nothing.
    assert not Exemplar.objects.exists()
    page = client.get(job.get_absolute_url())
    assert "Phạm Thị Thu Hà" in page.content.decode()
    assert _("Confirm the import") in page.content.decode()

    response = confirm(client, job)
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and job.confirmed_at and job.finished_at
    imported = Exemplar.objects.order_by("pk")
    assert [e.subject_name for e in imported] == [
        "Phạm Thị Thu Hà",
        "Khoa Hồi sức tích cực - Chống độc",
    ]
    for exemplar in imported:
        assert exemplar.status == ExemplarStatus.DRAFT
        assert exemplar.unit == world.dept_a
        assert exemplar.created_by == editor
        assert exemplar.catalogue_version.code == "2023-2025"
        assert exemplar.subject_key and exemplar.search_text
    individual, collective = imported
    assert (individual.gender, individual.birth_year) == ("female", 1986)
    assert individual.publication_consent and not individual.is_new_factor
    assert collective.member_count == 24 and collective.full_name == ""
    # The report links to the drafts by their codes.
    assert [r["code"] for r in rows_of(job)] == [e.code for e in imported]


def test_imported_rows_have_their_history(world, client_for):
    editor = world.user("editor_a")
    client = client_for(editor)
    job = job_of(upload(client, xlsx([exemplar_row()])))
    confirm(client, job)
    exemplar = Exemplar.objects.get()
    entry = exemplar.history.get()
    assert entry.history_type == "+"
    assert entry.history_user == editor
    assert entry.history_change_reason == _("Imported from a spreadsheet")
    assert entry.full_name == "Phạm Thị Thu Hà"


def test_one_bad_row_in_a_thousand_and_nothing_is_written(world, client_for):
    client = client_for(world.user("editor_a"))
    rows = [exemplar_row(full_name=f"Nguyễn Văn Thử {n}") for n in range(1000)]
    # Spreadsheet row 700 (the header is row 1): a year that is not a number.
    rows[698]["year"] = "hai nghìn"
    job = job_of(upload(client, xlsx(rows)))
    assert job.status == ImportJob.Status.INVALID
    assert (job.total_rows, job.error_rows, job.new_rows) == (1000, 1, 999)
    [bad] = rows_of(job, "error")
    assert bad["row"] == 700
    assert bad["errors"] == [["Năm", _("Enter a whole number.")]]
    page = client.get(job.get_absolute_url(), {"show": "error"}).content.decode()
    assert _("Enter a whole number.") in page and ">700<" in page
    assert confirm(client, job).status_code == 302
    job.refresh_from_db()
    assert job.status == ImportJob.Status.INVALID
    assert not Exemplar.objects.exists()


# Reach: who imports what, for which unit ------------------------------------------------

IMPORTS = {
    "dien-hinh": {
        "editor_a",
        "head_a",
        "editor_b",
        "commune_editor",
        "commune_b_editor",
        "home_affairs",
    },
    "don-vi": {"administrator"},
    "sap-xep-don-vi": {"administrator"},
    "nguoi-dung": {"administrator"},
}


KIND_OF_SLUG = {
    "dien-hinh": "exemplars",
    "don-vi": "units",
    "sap-xep-don-vi": "successions",
    "nguoi-dung": "users",
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("slug", IMPORTS)
def test_who_may_import_what(world, client_for, persona, slug):
    client = client_for(world.user(persona))
    allowed = persona in IMPORTS[slug]
    expected = 200 if allowed else 403
    url = reverse("registry:import_start", args=[slug])
    assert client.get(url).status_code == expected
    assert client.get(reverse("registry:import_template", args=[slug])).status_code == expected
    response = upload(client, xlsx([{}], kind=KIND_OF_SLUG[slug]), url=url)
    # An empty row is not a row: the check refuses the file, but only after the permission.
    if allowed:
        job = job_of(response)
        assert job.status == ImportJob.Status.REJECTED
        assert job.report == {"refusal": "no_rows"}
        page = client.get(job.get_absolute_url()).content.decode()
        assert _("The file has a header but no rows to import.") in page
    else:
        assert response.status_code == 403
        assert not ImportJob.objects.exists()


def test_the_import_pages_are_linked_for_those_allowed(world, client_for):
    editor_page = client_for(world.user("editor_a")).get(reverse("registry:exemplar_list"))
    assert START in editor_page.content.decode()
    leader_page = client_for(world.user("leader")).get(reverse("registry:exemplar_list"))
    assert START not in leader_page.content.decode()
    admin = client_for(world.user("administrator"))
    hub = admin.get(reverse("registry:import_list")).content.decode()
    for slug in ("don-vi", "sap-xep-don-vi", "nguoi-dung"):
        assert reverse("registry:import_start", args=[slug]) in hub
    assert (
        reverse("registry:import_start", args=["don-vi"])
        in admin.get(reverse("registry:unit_list")).content.decode()
    )
    assert client_for(world.user("leader")).get(reverse("registry:import_list")).status_code == 403


def test_a_row_naming_another_unit_is_an_error_and_nothing_is_written(world, client_for):
    client = client_for(world.user("editor_a"))
    job = job_of(
        upload(
            client,
            xlsx([exemplar_row(unit="37-SYT"), exemplar_row(unit="Sở Giáo dục và Đào tạo")]),
        )
    )
    assert job.status == ImportJob.Status.INVALID
    [bad] = rows_of(job, "error")
    assert bad["row"] == 3
    assert bad["errors"][0][0] == "Đơn vị"
    assert "Sở Giáo dục và Đào tạo" in bad["errors"][0][1]
    confirm(client, job)
    assert not Exemplar.objects.exists()


def test_the_code_of_another_units_exemplar_is_an_error_and_it_stays_untouched(world, client_for):
    other = ExemplarFactory(unit=world.dept_b, full_name="Lê Văn Giáo")
    client = client_for(world.user("editor_a"))
    job = job_of(
        upload(client, xlsx([exemplar_row(code=other.code, full_name="Đã bị sửa", unit="")]))
    )
    [bad] = rows_of(job, "error")
    assert bad["errors"][0][0] == "Mã" and other.code in bad["errors"][0][1]
    confirm(client, job)
    other.refresh_from_db()
    assert other.full_name == "Lê Văn Giáo" and other.version == 1


def test_home_affairs_imports_for_any_unit_but_names_it(world, client_for):
    client = client_for(world.user("home_affairs"))
    job = job_of(
        upload(
            client,
            xlsx(
                [
                    exemplar_row(unit="37-SGDDT", full_name="Vũ Thị Giáo"),
                    exemplar_row(unit="Xã Gia Vân", full_name="Đinh Văn Nông", field="agriculture"),
                ]
            ),
        )
    )
    assert job.status == ImportJob.Status.READY and job.unit is None
    confirm(client, job)
    imported = {e.subject_name: e for e in Exemplar.objects.select_related("unit", "field")}
    assert imported["Vũ Thị Giáo"].unit == world.dept_b
    assert imported["Đinh Văn Nông"].unit == world.commune_a
    assert imported["Đinh Văn Nông"].field.code == "agriculture"
    assert all(e.status == ExemplarStatus.DRAFT for e in imported.values())

    job = job_of(upload(client, xlsx([exemplar_row()])))
    [bad] = rows_of(job, "error")
    assert bad["errors"] == [["Đơn vị", _("This column is required.")]]


def test_the_editor_of_a_unit_that_carries_on_others_leaves_the_unit_empty(db, client_for):
    """A commune formed in the 2025 reform keeps its predecessors' records as its own; its
    editors still leave "Unit" empty, as the template says, and the rows are the commune's."""
    from tests.reform import build_reform

    reform = build_reform()
    client = client_for(reform.new_a.users.get())
    job = job_of(upload(client, xlsx([exemplar_row(), exemplar_row(full_name="Lê Văn Hòa")])))
    assert job.status == ImportJob.Status.READY, job.report
    assert confirm(client, job).status_code == 302
    assert set(Exemplar.objects.values_list("unit", flat=True)) == {reform.new_a.pk}


def test_a_year_when_the_unit_did_not_exist_is_an_error(world, client_for):
    client = client_for(world.user("commune_editor"))
    job = job_of(upload(client, xlsx([exemplar_row(year=2026, field="Nông nghiệp")])))
    [bad] = rows_of(job, "error")
    assert bad["errors"][0][0] == "Năm" and "2026" in bad["errors"][0][1]


def test_each_row_error_names_its_column(world, client_for):
    client = client_for(world.user("editor_a"))
    job = job_of(
        upload(
            client,
            xlsx(
                [
                    exemplar_row(
                        subject_kind="Doanh nghiệp",
                        gender="Khác",
                        field="Du lịch vũ trụ",
                        publication_consent="Có lẽ",
                        contact_email="khong-phai-thu",
                    ),
                    exemplar_row(full_name=""),
                ]
            ),
        )
    )
    first, second = rows_of(job)
    columns = {column for column, _message in first["errors"]}
    assert columns == {
        "Đối tượng",
        "Giới tính",
        "Lĩnh vực",
        "Đồng ý công bố",
        "Thư điện tử liên hệ",
    }
    assert second["errors"] == [["Họ và tên", _("Enter the name of the exemplar.")]]


# Existing records: unchanged, updated, or refused ----------------------------------------


def test_a_draft_of_the_unit_is_updated_with_its_history(world, client_for):
    editor = world.user("editor_a")
    draft = ExemplarFactory(unit=world.dept_a, full_name="Hoàng Thị Lan", year=2025)
    client = client_for(editor)
    job = job_of(
        upload(
            client,
            xlsx(
                [
                    exemplar_row(
                        code=draft.code.lower(),
                        full_name="Hoàng Thị Lan",
                        achievements="Thành tích mới: đạt giải Nhất hội thi điều dưỡng giỏi.",
                    )
                ]
            ),
        )
    )
    assert [r["action"] for r in rows_of(job)] == ["updated"]
    confirm(client, job)
    draft.refresh_from_db()
    assert draft.achievements.startswith("Thành tích mới")
    assert draft.version == 2 and draft.status == ExemplarStatus.DRAFT
    latest = draft.history.first()
    assert latest.history_type == "~" and latest.history_user == editor
    assert Exemplar.objects.count() == 1


def test_an_accepted_exemplar_cannot_be_changed_by_an_import(world, client_for):
    accepted = ExemplarFactory(unit=world.dept_a, full_name="Bùi Văn Đạt")
    Exemplar.objects.filter(pk=accepted.pk).update(status=ExemplarStatus.ACCEPTED)
    client = client_for(world.user("editor_a"))
    job = job_of(
        upload(client, xlsx([exemplar_row(code=accepted.code, full_name="Bùi Văn Đạt Mới")]))
    )
    [bad] = rows_of(job, "error")
    assert str(ExemplarStatus.ACCEPTED.label) in bad["errors"][0][1]


def test_a_record_changed_between_check_and_confirm_stops_the_import(world, client_for):
    draft = ExemplarFactory(unit=world.dept_a, full_name="Hoàng Thị Lan")
    client = client_for(world.user("editor_a"))
    job = job_of(
        upload(client, xlsx([exemplar_row(code=draft.code, full_name="Hoàng Thị Lan Anh")]))
    )
    Exemplar.objects.filter(pk=draft.pk).update(status=ExemplarStatus.UNDER_REVIEW)
    confirm(client, job)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    draft.refresh_from_db()
    assert draft.full_name == "Hoàng Thị Lan"


def test_possible_duplicates_are_reported_in_the_check(world, client_for):
    ExemplarFactory(unit=world.dept_a, full_name="Nguyễn Thị Mai", year=2025)
    client = client_for(world.user("editor_a"))
    job = job_of(
        upload(
            client,
            xlsx(
                [
                    exemplar_row(full_name="Nguyen Thi Mai"),
                    exemplar_row(full_name="Trần Văn An"),
                    exemplar_row(full_name="TRẦN VĂN AN"),
                ]
            ),
        )
    )
    assert job.status == ImportJob.Status.READY and job.warning_rows == 2
    first, second, third = rows_of(job)
    assert first["warnings"][0][0] == "Họ và tên"
    assert not second["warnings"]
    assert third["warnings"] == [
        [
            "Họ và tên",
            _("Possible duplicate of row %(row)s of this file (same name, unit and year).")
            % {"row": 3},
        ]
    ]
    page = client.get(job.get_absolute_url(), {"show": "warning"})
    assert [r["row"] for r in page.context["rows"]] == [2, 4]


# Who sees an import, who confirms it ------------------------------------------------------

SEES_EDITOR_A_JOB = {"editor_a", "head_a", "home_affairs", "administrator"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_an_import_is_seen_by_its_unit_home_affairs_and_administrators(world, client_for, persona):
    job = job_of(upload(client_for(world.user("editor_a")), xlsx([exemplar_row()])))
    client = client_for(world.user(persona))
    expected = 200 if persona in SEES_EDITOR_A_JOB else 404
    assert client.get(job.get_absolute_url()).status_code == expected
    assert client.get(reverse("registry:import_file", args=[job.pk])).status_code == expected
    # Only the one who uploaded it confirms it; the others who see it are refused.
    response = confirm(client, job)
    if persona == "editor_a":
        assert response.status_code == 302
    else:
        assert response.status_code == (403 if expected == 200 else 404)
    job.refresh_from_db()
    assert (job.status == ImportJob.Status.DONE) is (persona == "editor_a")


def test_the_stored_file_is_the_upload(world, client_for):
    client = client_for(world.user("editor_a"))
    data = workbook([exemplar_row()])
    job = job_of(upload(client, SimpleUploadedFile("Danh sách Sở Y tế.xlsx", data)))
    response = client.get(reverse("registry:import_file", args=[job.pk]))
    assert b"".join(response.streaming_content) == data
    assert "attachment" in response["Content-Disposition"]
    assert job.original_name == "Danh sách Sở Y tế.xlsx"
    assert job.file.name.startswith("imports/") and "Danh" not in job.file.name


def test_a_checked_import_can_be_cancelled(world, client_for):
    client = client_for(world.user("editor_a"))
    job = job_of(upload(client, xlsx([exemplar_row()])))
    client.post(reverse("registry:import_cancel", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.CANCELLED
    confirm(client, job)
    assert not Exemplar.objects.exists()


def test_the_history_lists_the_imports_within_reach(world, client_for):
    job_of(upload(client_for(world.user("editor_a")), xlsx([exemplar_row()])))
    job_of(upload(client_for(world.user("editor_b")), xlsx([exemplar_row()])))
    listing = client_for(world.user("head_a")).get(reverse("registry:import_list"))
    assert [job.created_by.username for job in listing.context["jobs"]] == ["editor_a"]
    everything = client_for(world.user("home_affairs")).get(reverse("registry:import_list"))
    assert len(everything.context["jobs"]) == 2


# Large files: checked and written by the background worker ----------------------------------


def test_a_large_file_runs_in_the_background_with_its_progress(
    world, client_for, settings, django_capture_on_commit_callbacks
):
    settings.PORTAL = {**settings.PORTAL, "IMPORT_BACKGROUND_ROWS": 5}
    client = client_for(world.user("editor_a"))
    rows = [exemplar_row(full_name=f"Nguyễn Văn Thử {n}") for n in range(12)]
    with django_capture_on_commit_callbacks() as callbacks:
        job = job_of(client.post(START, {"file": xlsx(rows)}))
    assert job.in_background and job.status == ImportJob.Status.CHECKING
    page = client.get(job.get_absolute_url())
    assert 'hx-trigger="every 2s"' in page.content.decode()
    progress = client.get(job.get_absolute_url(), {"progress": 1})
    assert progress.status_code == 200 and b"<progress" in progress.content
    # The worker (the immediate backend of the tests) runs the check.
    for callback in callbacks:
        callback()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.READY and job.new_rows == 12
    finished = client.get(job.get_absolute_url(), {"progress": 1})
    assert finished.status_code == 204 and finished["HX-Refresh"] == "true"

    with django_capture_on_commit_callbacks(execute=True):
        confirm(client, job)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert Exemplar.objects.count() == 12
    # The worker paused the garbage collector for the import only.
    assert gc.isenabled()


def test_a_failing_worker_marks_the_import_failed(world, client_for, settings, monkeypatch):
    from registry.spreadsheets import service

    client = client_for(world.user("editor_a"))
    job = job_of(upload(client, xlsx([exemplar_row()])))

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(service, "_import", broken)
    with pytest.raises(RuntimeError):
        service.confirm_import(job=job, user=world.user("editor_a"))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED and job.message
    assert not Exemplar.objects.exists()


def test_bulk_history_rows_match_those_of_an_ordinary_save(world, client_for):
    """``record_history`` writes what simple_history writes when a record is saved."""
    editor = world.user("editor_a")
    client = client_for(editor)
    confirm(client, job_of(upload(client, xlsx([exemplar_row()]))))
    imported = Exemplar.objects.get()
    saved = ExemplarFactory(unit=world.dept_a, full_name="Phạm Thị Thu Hà")
    history_fields = [
        f.attname
        for f in Exemplar.history.model._meta.concrete_fields
        if not f.name.startswith("history_")
    ]
    entry = imported.history.values(*history_fields).get()
    assert entry == {name: getattr(imported, name) for name in history_fields}
    ordinary = saved.history.values(*history_fields).get()
    assert set(entry) == set(ordinary)
