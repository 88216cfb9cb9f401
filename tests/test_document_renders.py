"""Kept renders of a version: deleting one (in the admin) removes its file too, and the next
request renders it again."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from reports import consolidation as consolidating
from reports.models import DocumentRender
from reports.rendering import request_render

pytestmark = pytest.mark.integration


@pytest.fixture
def version(world):
    home_affairs = world.user("home_affairs")
    consolidation = consolidating.create(year=2025, campaign=None, by=home_affairs)
    return consolidating.publish(consolidation=consolidation, by=home_affairs)


def test_deleting_a_render_deletes_its_file(world, version, django_capture_on_commit_callbacks):
    render = DocumentRender.objects.create(
        version=version, requested_by=world.user("home_affairs"), status="done"
    )
    render.file.save("bao-cao.pdf", ContentFile(b"%PDF-1.7 demo"), save=True)
    storage, name = render.file.storage, render.file.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        render.delete()
    assert not storage.exists(name)


def test_after_deleting_the_next_request_renders_again(
    world, version, django_capture_on_commit_callbacks
):
    user = world.user("home_affairs")
    with django_capture_on_commit_callbacks(execute=True):
        first = request_render(version=version, user=user, language="vi")
    first.refresh_from_db()
    assert first.is_ready and first.pages >= 1
    with django_capture_on_commit_callbacks(execute=True):
        first.delete()
        second = request_render(version=version, user=user, language="vi")
    second.refresh_from_db()
    assert second.pk != first.pk
    assert second.is_ready
    assert second.file.storage.exists(second.file.name)


def test_a_render_whose_worker_died_is_queued_again(
    world, version, django_capture_on_commit_callbacks
):
    """Running for an hour: its worker is gone. The next request renders it afresh; a render
    that started a minute ago is left to finish."""
    user = world.user("home_affairs")
    stuck = DocumentRender.objects.create(
        version=version,
        requested_by=user,
        status=DocumentRender.Status.RUNNING,
        stage=DocumentRender.Stage.LAYING_OUT,
        progress=20,
        started_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        same = request_render(version=version, user=user, language="vi")
    same.refresh_from_db()
    assert (same.pk, same.status, same.progress) == (stuck.pk, "running", 20)

    DocumentRender.objects.filter(pk=stuck.pk).update(
        started_at=timezone.now() - datetime.timedelta(hours=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        again = request_render(version=version, user=user, language="vi")
    again.refresh_from_db()
    assert again.pk == stuck.pk
    assert again.is_ready and again.progress == 100 and again.pages >= 1
