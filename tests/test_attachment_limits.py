"""Limits on attachments and uploads of several files at once: every file is kept or none,
with a reason per file; files per upload, files and bytes per record, bytes per unit; the
same for the files of movements and events (one piece of code, ``registry.file_quota``)."""

import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from PIL import Image

from campaigns.models import CampaignFile, EventFile
from exemplar_portal.base.uploads import check_upload
from registry import attachments, file_quota
from registry.models import Attachment, Campaign, Exemplar
from tests.conftest import wait_until_a_request_waits_on_a_lock
from tests.factories.exemplars import ExemplarFactory
from tests.test_events import make_event
from tests.test_uploads import minimal_pdf

pytestmark = pytest.mark.integration


def pdf(name: str, size: int | None = None) -> SimpleUploadedFile:
    """A PDF named ``name``, padded with a comment to exactly ``size`` bytes (stored as is)."""
    body = minimal_pdf()
    if size is not None:
        header, rest = body[:9], body[9:]
        padding = size - len(body) - 2
        assert padding >= 0
        body = header + b"%" + b"x" * padding + b"\n" + rest
        assert len(body) == size
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def jpeg(name: str = "anh.jpg") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), (30, 120, 200)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def broken_png(name: str = "hong.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"\x89PNG\r\n\x1a\n<html>not an image</html>")


@pytest.fixture
def limits(settings):
    """Set some of ``PORTAL``'s attachment limits for one test."""

    def set_limits(**values):
        settings.PORTAL = {**settings.PORTAL, **values}

    return set_limits


@pytest.fixture
def exemplar(world):
    return ExemplarFactory(unit=world.dept_a)


def post_files(client, exemplar, *files, caption=""):
    url = reverse("registry:attachment_upload", kwargs={"code": exemplar.code})
    return client.post(url, {"file": list(files), "caption": caption}, follow=True)


def shown_messages(response) -> list[tuple[str, str]]:
    return [(message.level_tag, str(message)) for message in response.context["messages"]]


def errors(response) -> list[str]:
    return [text for level, text in shown_messages(response) if level == "error"]


def stored_files(media_root) -> list:
    folder = media_root / "attachments"
    return [path for path in folder.rglob("*") if path.is_file()] if folder.exists() else []


def attach(exemplar, *files, by=None):
    return attachments.attach(
        exemplar=exemplar, uploads=list(files), caption="", by=by or exemplar.created_by
    )


# Several files at once.


def test_several_files_in_one_upload_are_all_kept_with_their_checksums(world, client_for, exemplar):
    client = client_for(world.user("editor_a"))
    response = post_files(
        client, exemplar, jpeg("le-trao-tang.jpg"), pdf("bao-cao.pdf"), pdf("xac-nhan.pdf")
    )
    assert response.status_code == 200
    kept = list(Attachment.objects.filter(exemplar=exemplar).order_by("pk"))
    assert [a.original_name for a in kept] == ["le-trao-tang.jpg", "bao-cao.pdf", "xac-nhan.pdf"]
    for attachment in kept:
        with attachment.file.open("rb") as stored:
            assert attachment.sha256 == hashlib.sha256(stored.read()).hexdigest()
    assert kept[1].sha256 == hashlib.sha256(minimal_pdf()).hexdigest()
    assert [level for level, _ in shown_messages(response)] == ["success"]
    assert all(name in shown_messages(response)[0][1] for name in ("bao-cao.pdf", "xac-nhan.pdf"))
    # One change of the record, whatever the number of files.
    assert Exemplar.objects.get(pk=exemplar.pk).version == exemplar.version + 1


def test_one_bad_file_and_nothing_is_kept_each_file_has_its_line(
    world, client_for, exemplar, media_root
):
    client = client_for(world.user("editor_a"))
    response = post_files(client, exemplar, pdf("bao-cao.pdf"), broken_png("hong.png"), jpeg())
    assert not Attachment.all_objects.exists()
    assert stored_files(media_root) == []
    lines = errors(response)
    # A headline, then one line per file, in the order they were sent.
    assert len(lines) == 4
    assert "bao-cao.pdf" in lines[1] and "hong.png" not in lines[1]
    assert "hong.png" in lines[2] and "hỏng" in lines[2]  # the reason check_upload gives
    assert "anh.jpg" in lines[3]
    assert Exemplar.objects.get(pk=exemplar.pk).version == exemplar.version


def test_a_single_refused_file_is_named_without_a_headline(world, client_for, exemplar):
    response = post_files(client_for(world.user("editor_a")), exemplar, broken_png("hong.png"))
    lines = errors(response)
    assert len(lines) == 1
    assert "hong.png" in lines[0] and "hỏng" in lines[0]


def test_more_files_than_one_upload_may_carry_are_refused_before_any_is_read(
    world, client_for, exemplar, limits, monkeypatch
):
    limits(ATTACHMENTS_PER_REQUEST=3)
    read = []
    monkeypatch.setattr(file_quota, "check_upload", lambda f: read.append(f) or check_upload(f))
    files = [pdf(f"tep-{n}.pdf") for n in range(4)]
    response = post_files(client_for(world.user("editor_a")), exemplar, *files)
    assert not Attachment.objects.exists()
    assert read == []
    (line,) = errors(response)
    assert "4" in line and "3" in line
    # Three go through.
    post_files(
        client_for(world.user("editor_a")), exemplar, *[pdf(f"tep-{n}.pdf") for n in range(3)]
    )
    assert Attachment.objects.count() == 3
    assert len(read) == 3


# Files per record.


def test_files_per_record(world, client_for, exemplar, limits):
    limits(ATTACHMENTS_PER_RECORD=3)
    attach(exemplar, pdf("mot.pdf"), pdf("hai.pdf"))
    client = client_for(world.user("editor_a"))
    response = post_files(client, exemplar, pdf("ba.pdf"), pdf("bon.pdf"))
    assert Attachment.objects.count() == 2
    lines = errors(response)
    assert len(lines) == 3
    assert "ba.pdf" in lines[1] and "bon.pdf" not in lines[1]  # it would have fitted alone
    # The file that does not fit is named with the limit, what the record has, what is added.
    assert "bon.pdf" in lines[2]
    assert all(figure in lines[2] for figure in ("3", "2"))
    post_files(client, exemplar, pdf("ba.pdf"))
    assert Attachment.objects.count() == 3


def test_bytes_per_record(world, client_for, exemplar, limits):
    limits(ATTACHMENT_BYTES_PER_RECORD=3000)
    attach(exemplar, pdf("mot.pdf", 1000), pdf("hai.pdf", 1000))
    client = client_for(world.user("editor_a"))
    response = post_files(client, exemplar, pdf("lon.pdf", 1500))
    assert Attachment.objects.count() == 2
    (line,) = errors(response)
    assert "lon.pdf" in line
    for size in (3000, 2000, 1500):  # the limit, what is used, what would be added
        assert filesizeformat(size) in line
    post_files(client, exemplar, pdf("vua.pdf", 1000))
    assert Attachment.objects.count() == 3


def test_bytes_per_unit_count_every_record_of_the_unit_and_its_events(
    world, client_for, exemplar, limits
):
    limits(ATTACHMENT_BYTES_PER_UNIT=5000)
    other_of_the_unit = ExemplarFactory(unit=world.dept_a)
    attach(other_of_the_unit, pdf("cu.pdf", 2000))
    event = make_event(organiser=world.dept_a, by=world.user("editor_a"), title="Chào cờ")
    EventFile.from_upload(
        check_upload(pdf("su-kien.pdf", 2000)), uploaded_by=world.user("editor_a"), event=event
    )
    client = client_for(world.user("editor_a"))
    response = post_files(client, exemplar, pdf("moi.pdf", 1500))
    assert not Attachment.objects.filter(exemplar=exemplar).exists()
    (line,) = errors(response)
    assert "moi.pdf" in line and world.dept_a.name in line
    assert filesizeformat(5000) in line and filesizeformat(4000) in line
    # Another unit has its own room.
    elsewhere = ExemplarFactory(unit=world.dept_b)
    post_files(client_for(world.user("editor_b")), elsewhere, pdf("moi.pdf", 1500))
    assert Attachment.objects.filter(exemplar=elsewhere).count() == 1


def test_a_batch_over_the_limit_keeps_nothing(world, client_for, exemplar, limits, media_root):
    limits(ATTACHMENTS_PER_RECORD=3)
    files = [pdf(f"tep-{n}.pdf") for n in range(4)]
    response = post_files(client_for(world.user("editor_a")), exemplar, *files)
    assert not Attachment.objects.exists()
    assert stored_files(media_root) == []
    lines = errors(response)
    assert len(lines) == 5 and "tep-3.pdf" in lines[4]


def test_removed_attachments_count_toward_nothing(world, client_for, exemplar, limits):
    limits(ATTACHMENTS_PER_RECORD=2, ATTACHMENT_BYTES_PER_UNIT=2500)
    first, _second = attach(exemplar, pdf("mot.pdf", 1000), pdf("hai.pdf", 1000))
    attachments.remove(attachment=first, by=world.user("editor_a"))
    post_files(client_for(world.user("editor_a")), exemplar, pdf("ba.pdf", 1000))
    assert Attachment.objects.filter(exemplar=exemplar).count() == 2
    assert Attachment.all_objects.filter(exemplar=exemplar).count() == 3


def test_the_form_shows_what_the_record_uses(world, client_for, exemplar, limits):
    limits(ATTACHMENTS_PER_RECORD=7)
    attach(exemplar, pdf("mot.pdf", 1000))
    response = client_for(world.user("editor_a")).get(exemplar.get_absolute_url())
    use = response.context["attachment_use"]
    assert (use.files, use.bytes) == (1, 1000)
    assert response.context["files_per_record"] == 7
    page = response.content.decode()
    assert 'id="attachment-use"' in page and " multiple " in page


def test_a_failure_while_storing_leaves_no_file_behind(world, exemplar, media_root):
    stored = []

    def store(checked):
        if stored:
            raise OSError("disk full")
        row = Attachment(
            exemplar=exemplar,
            kind=checked.kind,
            original_name=checked.original_name,
            content_type=checked.content_type,
            size=checked.size,
            uploaded_by=exemplar.created_by,
        )
        row.file.save(checked.content.name, checked.content, save=False)
        row.save()
        stored.append(row)
        return row

    with pytest.raises(OSError):
        file_quota.store_batch(
            [pdf("mot.pdf"), pdf("hai.pdf")],
            record=exemplar,
            kept=lambda: Attachment.objects.filter(exemplar=exemplar),
            unit=exemplar.unit,
            store=store,
        )
    assert not Attachment.all_objects.exists()
    assert stored_files(media_root) == []


# Movements and events: the same code.


@pytest.fixture
def movement(db):
    return Campaign.objects.create(
        code="chuyen-doi-so",
        name="Phong trào thi đua chuyển đổi số",
        kind="movement",
        launched_by="province",
        valid_from=2024,
    )


def post_movement_files(client, movement, *files):
    url = reverse("campaigns:campaign_file_upload", kwargs={"code": movement.code})
    return client.post(url, {"file": list(files), "caption": "Phát động"})


def test_a_movement_takes_several_files_at_once(world, client_for, movement):
    client = client_for(world.user("home_affairs"))
    response = post_movement_files(client, movement, pdf("ke-hoach.pdf"), jpeg("le.jpg"))
    assert response.status_code == 302
    assert sorted(movement.files.values_list("original_name", "caption")) == [
        ("ke-hoach.pdf", "Phát động"),
        ("le.jpg", "Phát động"),
    ]
    reasons = set(movement.history.values_list("history_change_reason", flat=True))
    assert any("ke-hoach.pdf" in (r or "") for r in reasons)
    assert any("le.jpg" in (r or "") for r in reasons)


def test_a_movement_upload_is_all_or_nothing_within_its_limits(world, client_for, movement, limits):
    limits(ATTACHMENTS_PER_RECORD=2)
    client = client_for(world.user("home_affairs"))
    response = post_movement_files(
        client, movement, pdf("mot.pdf"), broken_png("hong.png"), pdf("hai.pdf")
    )
    assert response.status_code == 200
    assert not CampaignFile.objects.exists()
    lines = response.context["upload_form"].errors["file"]
    assert len(lines) == 4 and "hong.png" in lines[2]

    response = post_movement_files(client, movement, pdf("mot.pdf"), pdf("hai.pdf"), jpeg())
    assert not CampaignFile.objects.exists()
    lines = response.context["upload_form"].errors["file"]
    assert "anh.jpg" in lines[3] and "2" in lines[3]


def test_an_event_counts_toward_its_organisers_room(world, client_for, limits):
    limits(ATTACHMENT_BYTES_PER_UNIT=3000)
    attach(ExemplarFactory(unit=world.dept_a), pdf("ho-so.pdf", 2000))
    event = make_event(organiser=world.dept_a, by=world.user("editor_a"), title="Hội nghị")
    url = reverse("campaigns:event_file_upload", kwargs={"pk": event.pk})
    client = client_for(world.user("editor_a"))
    response = client.post(url, {"file": [pdf("anh-hoi-nghi.pdf", 1500)], "caption": ""})
    assert response.status_code == 200
    assert not event.files.exists()
    (line,) = response.context["upload_form"].errors["file"]
    assert "anh-hoi-nghi.pdf" in line and world.dept_a.name in line
    assert client.post(url, {"file": [pdf("nho.pdf", 900)]}).status_code == 302
    assert event.files.count() == 1


def test_two_uploads_at_once_cannot_both_take_the_units_last_room(committed_world, settings):
    """On PostgreSQL the second upload waits for the first one's lock on the unit, then
    measures what the first stored: one is kept, the other refused."""
    import threading

    from django.db import connection, connections
    from django.test import Client

    if connection.vendor != "postgresql":
        pytest.skip("SQLite takes one writer at a time; the race needs PostgreSQL")
    world = committed_world
    settings.PORTAL = {**settings.PORTAL, "ATTACHMENT_BYTES_PER_UNIT": 3000}
    exemplars = [ExemplarFactory(unit=world.dept_a), ExemplarFactory(unit=world.dept_a)]
    measured, release = threading.Event(), threading.Event()
    real_measure = file_quota.measure

    def hold_the_first(files, unit=None):
        use = real_measure(files, unit)
        if not measured.is_set():
            measured.set()
            release.wait(timeout=30)
        return use

    answers = {}

    def send(index):
        client = Client(raise_request_exception=False)
        client.force_login(world.user("editor_a"))
        url = reverse("registry:attachment_upload", kwargs={"code": exemplars[index].code})
        answers[index] = client.post(url, {"file": [pdf(f"tep-{index}.pdf", 2000)]})
        connections.close_all()

    file_quota.measure = hold_the_first
    try:
        first = threading.Thread(target=send, args=(0,))
        first.start()
        assert measured.wait(timeout=30)
        second = threading.Thread(target=send, args=(1,))
        second.start()
        wait_until_a_request_waits_on_a_lock("the second upload")
        release.set()
        first.join(timeout=30)
        second.join(timeout=30)
    finally:
        file_quota.measure = real_measure
        release.set()
    assert answers[0].status_code == answers[1].status_code == 302
    assert list(Attachment.objects.values_list("original_name", flat=True)) == ["tep-0.pdf"]
