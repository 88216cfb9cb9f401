"""Removed attachments are kept for the retention period: off the record's pages and counts,
their file on disk, seen and restored by Home Affairs only, purged afterwards by a daily
command; uploads, removals, restorations and purges are on the exemplar's timeline."""

import datetime
import hashlib
import io
from importlib import import_module

import pytest
from django.apps import apps
from django.core.management import call_command
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone

from registry import attachments
from registry.attachments import AttachmentEvent
from registry.models import Attachment, Exemplar
from reports.documents import first_photo
from tests.factories.exemplars import ExemplarFactory
from tests.personas import PERSONAS
from tests.test_attachment_limits import errors, jpeg, limits, pdf  # noqa: F401 (fixture)

pytestmark = pytest.mark.integration

# Who reaches the exemplar of each unit (the others get a 404): see tests/test_permissions.py.
REACHES = {
    "dept_a": {"editor_a", "head_a", "home_affairs", "leader", "administrator"},
    "commune_a": {"commune_editor", "district_reviewer", "home_affairs", "leader", "administrator"},
}


@pytest.fixture
def exemplar(world):
    return ExemplarFactory(unit=world.dept_a)


def attach(exemplar, *files):
    return attachments.attach(
        exemplar=exemplar, uploads=list(files), caption="", by=exemplar.created_by
    )


def url(name, attachment):
    return reverse(
        f"registry:{name}", kwargs={"code": attachment.exemplar.code, "pk": attachment.pk}
    )


def removed(exemplar, name="bao-cao.pdf"):
    (attachment,) = attach(exemplar, pdf(name))
    return attachments.remove(attachment=attachment, by=exemplar.created_by)


def test_removal_asks_first_then_keeps_the_file_off_the_record(world, client_for, exemplar):
    (attachment,) = attach(exemplar, jpeg("anh-trao-tang.jpg"))
    client = client_for(world.user("editor_a"))
    confirm = client.get(url("attachment_delete", attachment))
    assert confirm.status_code == 200 and confirm.context["retention_days"] == 90
    assert Attachment.objects.filter(pk=attachment.pk).exists()  # asking is not removing

    assert client.post(url("attachment_delete", attachment)).status_code == 302
    row = Attachment.all_objects.get(pk=attachment.pk)
    assert row.deleted_at is not None and row.deleted_by == world.user("editor_a")
    assert row.file.storage.exists(row.file.name) and row.thumbnail.storage.exists(
        row.thumbnail.name
    )
    # Gone from the record's pages, downloads, documents and counts for the unit.
    assert not Attachment.objects.exists()
    page = client.get(exemplar.get_absolute_url())
    assert list(page.context["attachments"]) == []
    assert "removed_attachments" not in page.context
    assert page.context["attachment_use"].files == 0
    assert client.get(url("attachment_download", row)).status_code == 404
    assert client.get(url("attachment_thumbnail", row)).status_code == 404
    assert client.get(url("attachment_delete", row)).status_code == 404
    assert first_photo(exemplar) is None
    assert Exemplar.objects.get(pk=exemplar.pk).version == exemplar.version + 2


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_home_affairs_sees_and_opens_removed_files(world, client_for, exemplar, persona):
    row = removed(exemplar)
    client = client_for(world.user(persona))
    reaches = persona in REACHES["dept_a"]
    page = client.get(exemplar.get_absolute_url())
    assert page.status_code == (200 if reaches else 404)
    download = client.get(url("attachment_download", row))
    if persona == "home_affairs":
        assert [a.pk for a, _until in page.context["removed_attachments"]] == [row.pk]
        assert 'id="removed-attachments"' in page.content.decode()
        assert download.status_code == 200
        assert download["Content-Security-Policy"] == "default-src 'none'; sandbox"
    else:
        assert download.status_code == 404
        if reaches:
            assert "removed_attachments" not in page.context
            assert 'id="removed-attachments"' not in page.content.decode()


def test_home_affairs_restores_after_confirming(world, client_for, exemplar):
    row = removed(exemplar, "xac-nhan.pdf")
    client = client_for(world.user("home_affairs"))
    confirm = client.get(url("attachment_restore", row))
    assert confirm.status_code == 200
    assert "xac-nhan.pdf" in confirm.content.decode()
    assert Attachment.all_objects.get(pk=row.pk).deleted_at is not None  # asking is not doing

    response = client.post(url("attachment_restore", row), follow=True)
    assert response.status_code == 200
    restored = Attachment.objects.get(pk=row.pk)
    assert restored.deleted_at is None and restored.deleted_by is None
    assert [level for level in (m.level_tag for m in response.context["messages"])] == ["success"]
    # Nothing left to restore; back on the record for the unit.
    assert client.get(url("attachment_restore", restored)).status_code == 404
    editor = client_for(world.user("editor_a"))
    assert editor.get(url("attachment_download", restored)).status_code == 200


@pytest.mark.parametrize("unit", ["dept_a", "commune_a"])
@pytest.mark.parametrize("persona", PERSONAS)
def test_restoring_is_for_home_affairs_only(world, client_for, persona, unit):
    exemplar = ExemplarFactory(unit=getattr(world, unit))
    row = removed(exemplar)
    client = client_for(world.user(persona))
    if persona == "home_affairs":
        expected_get, expected_post = 200, 302
    else:
        expected_get = expected_post = 403 if persona in REACHES[unit] else 404
    assert client.get(url("attachment_restore", row)).status_code == expected_get
    assert client.post(url("attachment_restore", row)).status_code == expected_post
    is_removed = Attachment.all_objects.get(pk=row.pk).deleted_at is not None
    assert is_removed is (persona != "home_affairs")


def test_a_restoration_must_fit_the_limits(world, client_for, exemplar, limits):  # noqa: F811
    limits(ATTACHMENTS_PER_RECORD=1)
    row = removed(exemplar, "cu.pdf")
    attach(exemplar, pdf("moi.pdf"))
    response = client_for(world.user("home_affairs")).post(
        url("attachment_restore", row), follow=True
    )
    assert Attachment.all_objects.get(pk=row.pk).deleted_at is not None
    (line,) = errors(response)
    assert "cu.pdf" in line and "1" in line


def file_events(client, exemplar):
    timeline = client.get(exemplar.get_absolute_url()).context["timeline"]
    return [item.file for item in timeline if item.file is not None]


def test_the_timeline_tells_who_attached_removed_and_restored_what(world, client_for, exemplar):
    editor = client_for(world.user("editor_a"))
    editor.post(
        reverse("registry:attachment_upload", kwargs={"code": exemplar.code}),
        {"file": [pdf("bao-cao.pdf", 1000)], "caption": ""},
    )
    attachment = Attachment.objects.get()
    editor.post(url("attachment_delete", attachment))
    client_for(world.user("home_affairs")).post(url("attachment_restore", attachment))

    events = file_events(client_for(world.user("leader")), exemplar)
    checksum = hashlib.sha256(pdf("x.pdf", 1000).read()).hexdigest()
    assert [(e.action, e.by, e.name, e.size, e.sha256) for e in events] == [
        (AttachmentEvent.ATTACHED, world.user("editor_a"), "bao-cao.pdf", 1000, checksum),
        (AttachmentEvent.REMOVED, world.user("editor_a"), "bao-cao.pdf", 1000, checksum),
        (AttachmentEvent.RESTORED, world.user("home_affairs"), "bao-cao.pdf", 1000, checksum),
    ]
    assert events[0].at <= events[1].at <= events[2].at
    page = client_for(world.user("leader")).get(exemplar.get_absolute_url()).content.decode()
    assert page.count(checksum) == 3
    assert page.count('data-action="attached"') == 1
    assert page.count('data-action="removed"') == 1
    assert page.count('data-action="restored"') == 1


def test_the_timeline_mixes_file_events_with_review_steps_in_time_order(
    world, client_for, exemplar
):
    from registry import workflow

    attach(exemplar, pdf("truoc.pdf"))
    workflow.submit(exemplar=exemplar, by=world.user("editor_a"))
    timeline = client_for(world.user("home_affairs")).get(exemplar.get_absolute_url())
    kinds = ["file" if item.file else "step" for item in timeline.context["timeline"]]
    assert kinds == ["file", "step"]


def test_purge_deletes_files_past_retention_and_says_so_on_the_timeline(
    world, client_for, exemplar, django_capture_on_commit_callbacks
):
    old = removed(exemplar, "cu.pdf")
    recent = removed(exemplar, "moi.pdf")
    (kept,) = attach(exemplar, pdf("con.pdf"))
    now = timezone.now()
    Attachment.all_objects.filter(pk=old.pk).update(deleted_at=now - datetime.timedelta(days=91))
    Attachment.all_objects.filter(pk=recent.pk).update(deleted_at=now - datetime.timedelta(days=89))

    call_command("purge_deleted_attachments", "--dry-run", stdout=io.StringIO())
    assert Attachment.all_objects.count() == 3

    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_deleted_attachments", stdout=out)
    assert filesizeformat(old.size) in out.getvalue()
    assert set(Attachment.all_objects.values_list("pk", flat=True)) == {recent.pk, kept.pk}
    assert not old.file.storage.exists(old.file.name)
    assert recent.file.storage.exists(recent.file.name)
    events = file_events(client_for(world.user("home_affairs")), exemplar)
    purged = [e for e in events if e.action == AttachmentEvent.PURGED]
    assert [(e.name, e.by) for e in purged] == [("cu.pdf", None)]

    # Run again: nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_deleted_attachments", stdout=io.StringIO())
    assert Attachment.all_objects.count() == 2


def test_the_retention_period_is_a_setting(world, exemplar, settings):
    settings.PORTAL = {**settings.PORTAL, "ATTACHMENT_RETENTION_DAYS": 7}
    row = removed(exemplar)
    Attachment.all_objects.filter(pk=row.pk).update(
        deleted_at=timezone.now() - datetime.timedelta(days=8)
    )
    report = attachments.purge_removed()
    assert report.files == 1 and report.bytes == row.size
    assert not Attachment.all_objects.exists()


def test_existing_attachments_get_a_checksum_and_an_upload_on_the_timeline(world, exemplar):
    (row,) = attach(exemplar, pdf("cu.pdf"))
    Attachment.all_objects.filter(pk=row.pk).update(sha256="")
    row.history.all().delete()
    migration = import_module("registry.migrations.0015_attachment_retention")
    migration.backfill(apps, None)
    migration.backfill(apps, None)  # once is enough: a second run adds nothing
    row.refresh_from_db()
    assert row.sha256 == hashlib.sha256(pdf("x.pdf").read()).hexdigest()
    events = attachments.timeline_events(exemplar)
    assert [(e.action, e.by, e.at) for e in events] == [
        (AttachmentEvent.ATTACHED, exemplar.created_by, row.uploaded_at)
    ]
