"""A movement's documents and photos: Home Affairs attaches and removes, everyone reads."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from campaigns.models import CampaignFile
from exemplar_portal.base.uploads import check_upload
from registry.models import Campaign
from tests.personas import EACH_ROLE, MANAGERS
from tests.test_uploads import minimal_pdf

pytestmark = pytest.mark.integration


@pytest.fixture
def movement(db):
    return Campaign.objects.create(
        code="chuyen-doi-so",
        name="Phong trào thi đua chuyển đổi số tỉnh Ninh Bình",
        kind="movement",
        launched_by="province",
        valid_from=2024,
    )


def pdf(name="ke-hoach-phat-dong.pdf"):
    return SimpleUploadedFile(name, minimal_pdf(), content_type="application/pdf")


def jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, "JPEG")
    return SimpleUploadedFile("le-phat-dong.jpg", buffer.getvalue(), content_type="image/jpeg")


def upload(client, movement, file, caption=""):
    return client.post(
        reverse("campaigns:campaign_file_upload", kwargs={"code": movement.code}),
        {"file": file, "caption": caption},
    )


@pytest.mark.parametrize("persona", EACH_ROLE)
def test_managers_attach_documents_everyone_reads_them(world, client_for, movement, persona):
    client = client_for(world.user(persona))
    response = upload(client, movement, pdf(), caption="Kế hoạch phát động phong trào")
    if persona in MANAGERS:
        assert response.status_code == 302
        stored = CampaignFile.objects.get()
        assert stored.original_name == "ke-hoach-phat-dong.pdf" and stored.kind == "document"
    else:
        assert response.status_code == 403
        assert not CampaignFile.objects.exists()
        stored = CampaignFile.from_upload(
            check_upload(pdf()),
            uploaded_by=world.user("home_affairs"),
            campaign=movement,
        )
    page = client.get(movement.get_absolute_url()).content.decode()
    assert "ke-hoach-phat-dong.pdf" in page
    download = client.get(
        reverse(
            "campaigns:campaign_file_download",
            kwargs={"code": movement.code, "file_pk": stored.pk},
        )
    )
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert download["Content-Security-Policy"] == "default-src 'none'; sandbox"
    delete_url = reverse(
        "campaigns:campaign_file_delete", kwargs={"code": movement.code, "file_pk": stored.pk}
    )
    assert client.get(delete_url).status_code == (200 if persona in MANAGERS else 403)


def test_a_refused_file_says_why_and_nothing_is_stored(world, client_for, movement):
    client = client_for(world.user("home_affairs"))
    fake = SimpleUploadedFile("anh.jpg", b"MZ\x90\x00 not an image", content_type="image/jpeg")
    response = upload(client, movement, fake, caption="Ảnh lễ phát động")
    assert response.status_code == 200
    assert response.context["upload_form"].errors["file"]
    assert response.context["upload_form"]["caption"].value() == "Ảnh lễ phát động"
    assert not CampaignFile.objects.exists()


def test_a_photo_gets_a_thumbnail_and_removal_is_confirmed_and_in_history(
    world, client_for, movement
):
    client = client_for(world.user("home_affairs"))
    upload(client, movement, jpeg(), caption="Lễ phát động")
    photo = CampaignFile.objects.get()
    kwargs = {"code": movement.code, "file_pk": photo.pk}
    thumbnail = client.get(reverse("campaigns:campaign_file_thumbnail", kwargs=kwargs))
    assert thumbnail.status_code == 200 and thumbnail["Content-Type"] == "image/jpeg"
    delete_url = reverse("campaigns:campaign_file_delete", kwargs=kwargs)
    assert "le-phat-dong.jpg" in client.get(delete_url).content.decode()
    assert CampaignFile.objects.exists()  # asking is not removing
    assert client.post(delete_url).status_code == 302
    assert not CampaignFile.objects.exists()
    reasons = list(movement.history.values_list("history_change_reason", flat=True))
    assert any("le-phat-dong.jpg" in (reason or "") for reason in reasons)
