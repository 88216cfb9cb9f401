"""Attachments through the pages: upload, download within scope only, delete with a
confirmation, attacks refused with a clear message."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from registry.enums import ExemplarStatus as S
from registry.models import Attachment, Exemplar
from tests.factories.exemplars import ExemplarFactory

pytestmark = pytest.mark.integration


def jpeg_with_gps(name="anh-trao-tang.jpg"):
    image = Image.new("RGB", (800, 600), (200, 30, 30))
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (20.0, 15.0, 0.0)}
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def exemplar(world):
    return ExemplarFactory(unit=world.dept_a)


def upload(client, exemplar, file, caption="Lễ tuyên dương"):
    url = reverse("registry:attachment_upload", kwargs={"code": exemplar.code})
    return client.post(url, {"file": file, "caption": caption}, follow=True)


def test_a_photo_is_attached_reencoded_and_thumbnailed(world, client_for, exemplar):
    client = client_for(world.user("editor_a"))
    response = upload(client, exemplar, jpeg_with_gps())
    assert "đã được đính kèm" in response.content.decode()
    attachment = Attachment.objects.get(exemplar=exemplar)
    assert attachment.kind == "photo"
    assert attachment.original_name == "anh-trao-tang.jpg"
    assert "anh-trao-tang" not in attachment.file.name
    assert attachment.thumbnail
    with attachment.file.open("rb") as stored:
        assert not Image.open(stored).getexif()
    exemplar_after = Exemplar.objects.get(pk=exemplar.pk)
    assert exemplar_after.version == exemplar.version + 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("anh.png", b"\x89PNG\r\n\x1a\n<html><script>alert(1)</script></html>", "hỏng"),
        ("bao-cao.pdf", b"MZ\x90\x00" + b"\x00" * 200, "PDF"),
        ("../../etc/passwd.png", b"\x89PNG\r\n\x1a\n", "không đọc được ảnh"),
    ],
)
def test_attacks_are_refused_with_a_clear_message(
    world, client_for, exemplar, name, content, message
):
    client = client_for(world.user("editor_a"))
    file = SimpleUploadedFile("x", content)
    file.name = name
    response = upload(client, exemplar, file)
    assert response.status_code == 200
    page = response.content.decode()
    assert message.lower() in page.lower(), page[page.find("alert-danger") - 50 :][:600]
    assert not Attachment.objects.exists()


def test_a_path_in_the_file_name_never_reaches_the_disk(world, client_for, exemplar, media_root):
    client = client_for(world.user("editor_a"))
    upload(client, exemplar, jpeg_with_gps("../../../etc/cron.d/anh.jpg"))
    attachment = Attachment.objects.get()
    assert ".." not in attachment.file.name
    assert attachment.original_name == "anh.jpg"
    assert attachment.file.path.startswith(str(media_root))


def test_an_oversized_file_is_refused(world, client_for, exemplar, settings):
    settings.PORTAL = {**settings.PORTAL, "MAX_UPLOAD_BYTES": 1000}
    client = client_for(world.user("editor_a"))
    response = upload(client, exemplar, jpeg_with_gps())
    assert "quá lớn" in response.content.decode()
    assert not Attachment.objects.exists()


def test_downloads_only_within_scope(world, client_for, exemplar):
    upload(client_for(world.user("editor_a")), exemplar, jpeg_with_gps())
    attachment = Attachment.objects.get()
    url = reverse(
        "registry:attachment_download", kwargs={"code": exemplar.code, "pk": attachment.pk}
    )
    thumb = reverse(
        "registry:attachment_thumbnail", kwargs={"code": exemplar.code, "pk": attachment.pk}
    )
    for persona, status in [
        ("editor_a", 200),
        ("home_affairs", 200),
        ("leader", 200),
        ("editor_b", 404),
        ("commune_editor", 404),
        ("media", 404),
    ]:
        client = client_for(world.user(persona))
        response = client.get(url)
        assert response.status_code == status, persona
        assert client.get(thumb).status_code == status, persona
        if status == 200:
            assert response["X-Content-Type-Options"] == "nosniff"
            assert "sandbox" in response["Content-Security-Policy"]


def test_an_attachment_id_of_another_exemplar_is_404(world, client_for, exemplar):
    upload(client_for(world.user("editor_a")), exemplar, jpeg_with_gps())
    attachment = Attachment.objects.get()
    other = ExemplarFactory(unit=world.dept_a)
    url = reverse("registry:attachment_download", kwargs={"code": other.code, "pk": attachment.pk})
    assert client_for(world.user("editor_a")).get(url).status_code == 404


def test_delete_asks_first_then_removes(world, client_for, exemplar):
    client = client_for(world.user("editor_a"))
    upload(client, exemplar, jpeg_with_gps())
    attachment = Attachment.objects.get()
    url = reverse("registry:attachment_delete", kwargs={"code": exemplar.code, "pk": attachment.pk})
    response = client.get(url)
    assert "anh-trao-tang.jpg" in response.content.decode()
    assert Attachment.objects.exists()
    client.post(url)
    # Off the record; kept for the retention period (tests/test_attachment_retention.py).
    assert not Attachment.objects.exists()
    assert Attachment.all_objects.get().deleted_at is not None


@pytest.mark.parametrize("persona", ["editor_b", "home_affairs", "leader", "head_a"])
def test_who_may_upload(world, client_for, exemplar, persona):
    client = client_for(world.user(persona))
    response = upload(client, exemplar, jpeg_with_gps())
    expected = {"editor_b": 404, "home_affairs": 403, "leader": 403, "head_a": 200}[persona]
    assert response.status_code == expected
    assert Attachment.objects.exists() is (expected == 200)


def test_a_frozen_exemplar_takes_no_new_files(world, client_for, exemplar):
    Exemplar.objects.filter(pk=exemplar.pk).update(status=S.ACCEPTED)
    response = upload(client_for(world.user("editor_a")), exemplar, jpeg_with_gps())
    assert response.status_code == 403
    assert not Attachment.objects.exists()
