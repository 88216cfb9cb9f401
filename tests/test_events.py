"""Events where exemplars are honoured or shared (plan III.2-III.4, VI.2-VI.6): conferences,
congresses, flag-salute meetings, dialogues… recorded by the organising unit or Home Affairs,
with photos and documents, scoped like exemplars."""

import datetime
import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext
from openpyxl import load_workbook
from PIL import Image

from campaigns.models import Coverage, Event, EventFile, MediaOutlet
from campaigns.views.events import EventKind, campaign_events
from registry import attachments
from registry.enums import ExemplarStatus as S
from registry.models import Campaign, Exemplar
from tests.conftest import moment
from tests.factories.exemplars import ExemplarFactory
from tests.personas import PERSONAS
from tests.test_uploads import jpeg_with_metadata, minimal_pdf

pytestmark = pytest.mark.integration

# Who reaches which event: its organiser, its participating units, the units of its exemplars
# (and the district over a commune), the outlets that covered it, and those who read every unit.
READS = {
    "dept_a": {"editor_a", "head_a", "home_affairs", "leader", "administrator"},
    "province": {
        "editor_b",
        "commune_editor",
        "district_reviewer",
        "home_affairs",
        "leader",
        "administrator",
    },
    "commune_b": {"commune_b_editor", "media", "home_affairs", "leader", "administrator"},
}
# Who changes it: the organiser's editors and heads, Home Affairs and administrators.
WRITES = {
    "dept_a": {"editor_a", "head_a", "home_affairs", "administrator"},
    "province": {"home_affairs", "administrator"},
    "commune_b": {"commune_b_editor", "home_affairs", "administrator"},
}
RECORDERS = {
    "editor_a",
    "head_a",
    "editor_b",
    "commune_editor",
    "commune_b_editor",
    "home_affairs",
    "administrator",
}


def accepted(**kwargs):
    exemplar = ExemplarFactory(**kwargs)
    Exemplar.objects.filter(pk=exemplar.pk).update(status=S.ACCEPTED)
    exemplar.refresh_from_db()
    return exemplar


def make_event(*, organiser, by, title, units=(), exemplars=(), **fields):
    event = Event(
        kind=fields.pop("kind", Event.Kind.CONFERENCE),
        title=title,
        date=fields.pop("date", datetime.date(2025, 6, 10)),
        place=fields.pop("place", "Trung tâm Hội nghị tỉnh Ninh Bình"),
        organiser=organiser,
        recorded_by=by,
        **fields,
    )
    event._history_user = by
    event.save_with_lists(participating_units=units, exemplars=exemplars)
    return event


@pytest.fixture
def setup(world):
    """Accepted exemplars of Sở Y tế, Sở GD-ĐT and Xã Gia Vân, a draft one, and a movement."""
    return {
        "exemplars": {
            "a": accepted(unit=world.dept_a, full_name="Đinh Thị Ngọc Lan"),
            "b": accepted(unit=world.dept_b, full_name="Trần Thị Thu Hương"),
            "commune": accepted(unit=world.commune_a, full_name="Bùi Văn Toàn"),
            "draft_a": ExemplarFactory(unit=world.dept_a, full_name="Lê Văn Nháp"),
        },
        "campaign": Campaign.objects.create(
            code="van-hoa-cong-so",
            name="Phong trào thi đua “Cán bộ, công chức, viên chức thi đua thực hiện văn hóa "
            "công sở”",
            kind=Campaign.Kind.MOVEMENT,
            launched_by=Campaign.LaunchedBy.PRIME_MINISTER,
            level=Campaign.Level.NATIONAL,
            valid_from=2019,
        ),
    }


@pytest.fixture
def events(world, setup):
    """A flag-salute meeting of Sở Y tế, the province's conference (with Xã Gia Vân and an
    exemplar of Sở GD-ĐT), and a meeting of Xã Kim Chính covered by the provincial press."""
    exemplars = setup["exemplars"]
    dept_a = make_event(
        organiser=world.dept_a,
        by=world.user("editor_a"),
        title="Chào cờ đầu tháng 3/2026: biểu dương Trưởng khoa Nhi",
        kind=Event.Kind.FLAG_SALUTE,
        date=datetime.date(2026, 3, 2),
        place="Hội trường Sở Y tế",
        exemplars=[exemplars["a"]],
        campaign=setup["campaign"],
        attendance=85,
        outcome="Cơ quan Sở tặng Giấy khen.",
    )
    province = make_event(
        organiser=world.home_affairs_unit,
        by=world.user("home_affairs"),
        title="Hội nghị biểu dương điển hình tiên tiến tỉnh Ninh Bình năm 2025",
        units=[world.commune_a],
        exemplars=[exemplars["b"]],
        attendance=350,
    )
    commune_b = make_event(
        organiser=world.commune_b,
        by=world.user("commune_b_editor"),
        title="Gặp mặt hộ sản xuất kinh doanh giỏi xã Kim Chính",
        kind=Event.Kind.MEETING,
        place="Nhà văn hóa xã Kim Chính",
    )
    newspaper = MediaOutlet.objects.create(
        name="Báo Ninh Bình", kind=MediaOutlet.Kind.NEWSPAPER, unit=world.press
    )
    Coverage.objects.create(
        outlet=newspaper,
        kind=Coverage.Kind.NEWS,
        published_on=datetime.date(2025, 6, 12),
        title="Kim Chính gặp mặt hộ sản xuất kinh doanh giỏi",
        event=commune_b,
        recorded_by=world.user("media"),
    )
    return {"dept_a": dept_a, "province": province, "commune_b": commune_b}


def form_data(organiser, *exemplars, **overrides):
    return {
        "kind": "meeting",
        "title": "Tọa đàm “Thắp sáng ước mơ” với học sinh",
        "date": "14/11/2025",
        "place": "Trường THPT chuyên Lương Văn Tụy",
        "organiser": organiser.pk,
        "campaign": "",
        "participating_units": [],
        "exemplars": [e.pk for e in exemplars],
        "audience": "Học sinh khối 11, 12",
        "attendance": "420",
        "description": "",
        "outcome": "35 học sinh đăng ký câu lạc bộ sơ cấp cứu.",
        **overrides,
    }


def rows_of(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def jpeg_upload(name="anh-hoi-nghi.jpg"):
    return SimpleUploadedFile(name, jpeg_with_metadata(size=(400, 300)), content_type="image/jpeg")


def upload(client, event, file, caption=""):
    url = reverse("campaigns:event_file_upload", kwargs={"pk": event.pk})
    return client.post(url, {"file": file, "caption": caption})


def file_url(name, event_file):
    return reverse(
        f"campaigns:{name}", kwargs={"pk": event_file.event_id, "file_pk": event_file.pk}
    )


# Reach and permissions.


@pytest.mark.parametrize("persona", PERSONAS)
def test_list_shows_only_the_events_within_reach(world, client_for, events, persona):
    response = client_for(world.user(persona)).get(reverse("campaigns:event_list"))
    assert response.status_code == 200
    shown = {event.pk for event in response.context["events"]}
    assert shown == {events[key].pk for key, readers in READS.items() if persona in readers}


@pytest.mark.parametrize("key", ["dept_a", "province", "commune_b"])
@pytest.mark.parametrize("persona", PERSONAS)
def test_detail_edit_and_delete_follow_reach_and_role(world, client_for, events, persona, key):
    event = events[key]
    client = client_for(world.user(persona))
    reads, writes = persona in READS[key], persona in WRITES[key]
    forbidden = 403 if reads else 404

    response = client.get(event.get_absolute_url())
    assert response.status_code == (200 if reads else 404)
    if reads:
        assert response.context["can_change"] is writes
        assert response.context["can_delete"] is writes
        assert (response.context["upload_form"] is not None) is writes
    update = reverse("campaigns:event_update", kwargs={"pk": event.pk})
    delete = reverse("campaigns:event_delete", kwargs={"pk": event.pk})
    assert client.get(update).status_code == (200 if writes else forbidden)
    assert client.get(delete).status_code == (200 if writes else forbidden)
    if writes:
        return
    # Forbidden writes change nothing.
    data = form_data(event.organiser, title="Đã bị sửa")
    assert client.post(update, data).status_code == forbidden
    assert upload(client, event, jpeg_upload()).status_code == forbidden
    assert client.post(delete).status_code == forbidden
    event.refresh_from_db()
    assert event.title != "Đã bị sửa"
    assert not event.files.exists()


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_record_an_event(world, client_for, setup, persona):
    client = client_for(world.user(persona))
    allowed = persona in RECORDERS
    url = reverse("campaigns:event_create")
    assert client.get(url).status_code == (200 if allowed else 403)
    user = world.user(persona)
    response = client.post(url, form_data(user.unit))
    assert response.status_code == (302 if allowed else 403)
    created = Event.objects.filter(title=form_data(user.unit)["title"]).first()
    assert (created is not None) is allowed
    if allowed:
        assert created.organiser == user.unit
        assert created.recorded_by == user
        assert response["Location"] == created.get_absolute_url()


def test_a_unit_editor_cannot_name_another_organiser(world, client_for, setup):
    client = client_for(world.user("editor_a"))
    form = client.get(reverse("campaigns:event_create")).context["form"]
    assert form.fields["organiser"].disabled
    assert list(form.fields["organiser"].queryset) == [world.dept_a]

    client.post(reverse("campaigns:event_create"), form_data(world.dept_b))
    assert Event.objects.get().organiser == world.dept_a


def test_home_affairs_names_any_organiser(world, client_for, setup):
    exemplars = setup["exemplars"]
    client = client_for(world.user("home_affairs"))
    response = client.post(
        reverse("campaigns:event_create"),
        form_data(world.dept_b, exemplars["a"], exemplars["b"], exemplars["commune"]),
    )
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.organiser == world.dept_b
    assert set(event.exemplars.all()) == {exemplars["a"], exemplars["b"], exemplars["commune"]}


def test_an_editor_keeps_the_exemplars_out_of_reach_when_editing(world, client_for, setup):
    """Home Affairs featured an exemplar of Sở GD-ĐT at Sở Y tế's event; Sở Y tế's editor
    neither sees nor drops it."""
    exemplars = setup["exemplars"]
    event = make_event(
        organiser=world.dept_a,
        by=world.user("home_affairs"),
        title="Tọa đàm giữa điển hình ngành Y tế và ngành Giáo dục",
        exemplars=[exemplars["a"], exemplars["b"]],
    )
    client = client_for(world.user("editor_a"))
    update = reverse("campaigns:event_update", kwargs={"pk": event.pk})
    choices = set(client.get(update).context["form"].fields["exemplars"].queryset)
    assert choices == {exemplars["a"]}
    detail = client.get(event.get_absolute_url())
    assert list(detail.context["exemplars"]) == [exemplars["a"]]
    assert exemplars["b"].full_name not in detail.content.decode()

    client.post(update, form_data(world.dept_a, title="Tọa đàm đã sửa"))
    event.refresh_from_db()
    assert event.title == "Tọa đàm đã sửa"
    assert set(event.exemplars.all()) == {exemplars["b"]}


# Bad input.


def test_a_missing_date_returns_the_form_with_what_was_typed(world, client_for, setup):
    client = client_for(world.user("editor_a"))
    data = form_data(world.dept_a, setup["exemplars"]["a"], date="")
    response = client.post(reverse("campaigns:event_create"), data)
    assert response.status_code == 200
    assert "date" in response.context["form"].errors
    html = response.content.decode()
    assert "Trường này là bắt buộc." in html
    assert "Tọa đàm “Thắp sáng ước mơ” với học sinh" in html
    assert "35 học sinh đăng ký câu lạc bộ sơ cấp cứu." in html
    assert f'<option value="{setup["exemplars"]["a"].pk}" selected>' in html
    assert not Event.objects.exists()


@pytest.mark.parametrize("which", ["draft_a", "b"])
def test_an_exemplar_not_accepted_or_out_of_reach_is_refused(world, client_for, setup, which):
    client = client_for(world.user("editor_a"))
    data = form_data(world.dept_a, setup["exemplars"][which])
    response = client.post(reverse("campaigns:event_create"), data)
    assert response.status_code == 200
    assert "exemplars" in response.context["form"].errors
    assert "Hãy chọn một lựa chọn hợp lệ." in response.content.decode()
    assert not Event.objects.exists()


def test_an_event_to_come_has_no_attendance_nor_outcome_yet(world, client_for, setup):
    client = client_for(world.user("home_affairs"))
    data = form_data(world.dept_a, date="11/06/2099")
    response = client.post(reverse("campaigns:event_create"), data)
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"attendance", "outcome"}
    response = client.post(
        reverse("campaigns:event_create"), {**data, "attendance": "", "outcome": ""}
    )
    assert response.status_code == 302
    assert Event.objects.get().date == datetime.date(2099, 6, 11)


# Filters, export and the movement.


def test_filters_search_kind_year_organiser_and_movement(world, client_for, events, setup):
    client = client_for(world.user("home_affairs"))
    url = reverse("campaigns:event_list")

    def shown(**params):
        return {e.pk for e in client.get(url, params).context["events"]}

    assert shown(q="hoi nghi bieu duong") == {events["province"].pk}
    assert shown(q="nha van hoa kim chinh") == {events["commune_b"].pk}
    assert shown(kind="flag_salute") == {events["dept_a"].pk}
    assert shown(year="2026") == {events["dept_a"].pk}
    assert shown(organiser="376-KIMCHINH") == {events["commune_b"].pk}
    assert shown(campaign="van-hoa-cong-so") == {events["dept_a"].pk}
    # A unit's filter offers only the organisers of the events it reaches.
    form = client_for(world.user("editor_a")).get(url).context["filter_form"]
    assert list(form.fields["organiser"].queryset) == [world.dept_a]


def test_export_holds_the_rows_and_names_within_reach(world, client_for, events, setup):
    url = reverse("campaigns:event_list") + "?export=xlsx"
    rows = rows_of(client_for(world.user("commune_editor")).get(url))
    assert rows[0] == [capfirst(str(header)) for header, _ in EventKind.export_columns]
    assert len(rows) == 2
    row = rows[1]
    assert row[1] == events["province"].title
    assert row[4] == world.home_affairs_unit.name
    assert row[5] == world.commune_a.name
    # Trần Thị Thu Hương (Sở GD-ĐT) is out of Xã Gia Vân's reach: not named.
    assert row[6] in ("", None)
    assert row[7] == 350

    rows = rows_of(client_for(world.user("home_affairs")).get(url))
    assert {r[1] for r in rows[1:]} == {e.title for e in events.values()}
    province = next(r for r in rows if r[1] == events["province"].title)
    assert province[6] == "Trần Thị Thu Hương"


def test_recording_from_a_movement_fills_it_in_and_lists_it_there(world, client_for, setup, rf):
    campaign = setup["campaign"]
    client = client_for(world.user("editor_a"))
    url = reverse("campaigns:event_create") + f"?campaign={campaign.code}"
    form = client.get(url).context["form"]
    assert form["campaign"].value() == campaign.pk
    client.post(url, form_data(world.dept_a, campaign=campaign.pk))
    event = Event.objects.get()
    assert event.campaign == campaign

    request = rf.get("/")
    request.user = world.user("editor_b")
    html = render_to_string(
        "campaigns/partials/campaign_events.html",
        {"events": campaign_events(user=request.user, campaign=campaign), "campaign": campaign},
        request=request,
    )
    assert event.title not in html  # Sở GD-ĐT does not reach Sở Y tế's event
    request.user = world.user("head_a")
    html = render_to_string(
        "campaigns/partials/campaign_events.html",
        {"events": campaign_events(user=request.user, campaign=campaign), "campaign": campaign},
        request=request,
    )
    assert event.get_absolute_url() in html
    assert f"{reverse('campaigns:event_create')}?campaign={campaign.code}" in html


# Photos and documents.


def test_a_photo_is_attached_with_a_thumbnail_and_noted_in_history(world, client_for, events):
    event = events["dept_a"]
    client = client_for(world.user("head_a"))
    response = upload(client, event, jpeg_upload(), caption="Trao Giấy khen")
    assert response.status_code == 302
    photo = EventFile.objects.get(event=event)
    assert (photo.kind, photo.original_name, photo.caption) == (
        "photo",
        "anh-hoi-nghi.jpg",
        "Trao Giấy khen",
    )
    assert "anh-hoi-nghi" not in photo.file.name
    assert photo.thumbnail

    page = client.get(event.get_absolute_url())
    assert file_url("event_file_thumbnail", photo) in page.content.decode()
    assert page.context["photos"] == [photo]
    reason = gettext("File added: %(name)s") % {"name": "anh-hoi-nghi.jpg"}
    assert page.context["history"][0]["entry"].history_change_reason == reason
    assert reason in page.content.decode()
    thumbnail = client.get(file_url("event_file_thumbnail", photo))
    assert thumbnail["Content-Type"] == "image/jpeg"
    assert Image.open(io.BytesIO(b"".join(thumbnail.streaming_content))).width <= 320
    shown = client.get(file_url("event_file_download", photo))
    assert shown["Content-Disposition"].startswith("inline")
    assert shown["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("anh-hoi-nghi.jpg", b"<html><body>Not a photo</body></html>"),
        ("anh-hoi-nghi.jpg", minimal_pdf()),
    ],
)
def test_a_file_that_is_not_what_its_name_says_is_refused(world, client_for, events, name, content):
    event = events["dept_a"]
    client = client_for(world.user("editor_a"))
    response = upload(client, event, SimpleUploadedFile(name, content), caption="Ảnh hội nghị")
    assert response.status_code == 200
    assert "file" in response.context["upload_form"].errors
    html = response.content.decode()
    assert "“.jpg”" in html
    assert 'value="Ảnh hội nghị"' in html  # the caption typed is kept
    assert not EventFile.objects.exists()


def test_downloads_are_scoped_to_the_event(world, client_for, events):
    event = events["dept_a"]
    upload(
        client_for(world.user("editor_a")), event, SimpleUploadedFile("ke-hoach.pdf", minimal_pdf())
    )
    document = EventFile.objects.get()
    assert document.kind == "document"
    url = file_url("event_file_download", document)

    response = client_for(world.user("leader")).get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == minimal_pdf()
    assert client_for(world.user("editor_b")).get(url).status_code == 404
    # The file's number under another event is no way round.
    other = reverse(
        "campaigns:event_file_download",
        kwargs={"pk": events["province"].pk, "file_pk": document.pk},
    )
    assert client_for(world.user("home_affairs")).get(other).status_code == 404
    assert (
        client_for(world.user("head_a")).get(file_url("event_file_thumbnail", document)).status_code
        == 404
    )


def test_removing_a_file_asks_first(world, client_for, events, django_capture_on_commit_callbacks):
    event = events["dept_a"]
    client = client_for(world.user("editor_a"))
    upload(client, event, jpeg_upload())
    photo = EventFile.objects.get()
    stored = photo.file.path
    url = file_url("event_file_delete", photo)

    assert client_for(world.user("editor_b")).get(url).status_code == 404
    assert client_for(world.user("leader")).post(url).status_code == 403
    client = client_for(world.user("editor_a"))
    response = client.get(url)
    assert response.status_code == 200
    assert "anh-hoi-nghi.jpg" in response.content.decode()
    assert EventFile.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response["Location"] == event.get_absolute_url()
    assert not EventFile.objects.exists()
    reason = gettext("File removed: %(name)s") % {"name": "anh-hoi-nghi.jpg"}
    assert event.history.first().history_change_reason == reason
    # Off the event, its file is kept for the retention period, then purged.
    assert EventFile.all_objects.get().deleted_by == world.user("editor_a")
    assert os.path.exists(stored)
    later = datetime.timedelta(days=attachments.retention_days() + 1)
    with django_capture_on_commit_callbacks(execute=True):
        attachments.purge_removed(now=timezone.now() + later)
    assert not EventFile.all_objects.exists()
    assert not os.path.exists(stored)


def test_deleting_an_event_asks_first_and_keeps_its_history(
    world, client_for, events, django_capture_on_commit_callbacks
):
    event = events["commune_b"]
    client = client_for(world.user("commune_b_editor"))
    upload(client, event, jpeg_upload())
    url = reverse("campaigns:event_delete", kwargs={"pk": event.pk})
    response = client.get(url)
    assert response.status_code == 200
    assert event.title in response.content.decode()
    assert Event.objects.filter(pk=event.pk).exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response["Location"] == reverse("campaigns:event_list")
    assert not Event.objects.filter(pk=event.pk).exists()
    assert not EventFile.objects.exists()
    # The coverage of the event stays, unlinked; the history records the deletion.
    assert Coverage.objects.get().event is None
    last = Event.history.filter(id=event.pk).first()
    assert last.history_type == "-"
    assert last.history_user == world.user("commune_b_editor")


# History and the exemplar's page.


# The form refuses an event after today: the edit is made once the event of 2 March 2026 is past.
@pytest.mark.time_machine(moment("2026-06-15"), tick=False)
def test_history_records_who_changed_what_once_per_save(world, client_for, events, setup):
    event = events["dept_a"]
    assert [h.history_type for h in event.history.all()] == ["+"]
    client = client_for(world.user("head_a"))
    data = form_data(
        world.dept_a,
        setup["exemplars"]["a"],
        title="Chào cờ tháng 3/2026 tại Sở Y tế",
        kind="flag_salute",
        date="02/03/2026",
        place="Hội trường Sở Y tế",
        campaign=setup["campaign"].pk,
        participating_units=[world.dept_b.pk],
        audience="",
        attendance="85",
        outcome="Cơ quan Sở tặng Giấy khen.",
    )
    client.post(reverse("campaigns:event_update", kwargs={"pk": event.pk}), data)
    assert [h.history_type for h in event.history.all()] == ["~", "+"]
    history = client.get(event.get_absolute_url()).context["history"]
    latest = history[0]
    assert latest["entry"].history_user == world.user("head_a")
    changes = {str(label): (old, new) for label, old, new in latest["changes"]}
    assert changes[gettext("title")] == (
        "Chào cờ đầu tháng 3/2026: biểu dương Trưởng khoa Nhi",
        "Chào cờ tháng 3/2026 tại Sở Y tế",
    )
    assert changes[gettext("participating units")][0] == ""
    assert [row.unit for row in latest["entry"].participating_units.all()] == [world.dept_b]
    assert set(changes) == {gettext("title"), gettext("participating units")}
    assert history[1]["entry"].history_user == world.user("editor_a")


def test_the_exemplars_page_lists_the_events_featuring_it(world, client_for, events, setup):
    exemplar = setup["exemplars"]["a"]
    page = reverse("registry:exemplar_detail", kwargs={"code": exemplar.code})
    html = client_for(world.user("head_a")).get(page).content.decode()
    section = html[html.index('id="exemplar-events"') :]
    section = section[: section.index("</ul>")]
    assert events["dept_a"].title in section
    assert events["province"].title not in section


def test_the_event_page_shows_its_coverage_within_reach(world, client_for, events):
    event = events["commune_b"]
    response = client_for(world.user("media")).get(event.get_absolute_url())
    assert [c.title for c in response.context["coverage"]] == [
        "Kim Chính gặp mặt hộ sản xuất kinh doanh giỏi"
    ]
    assert 'id="event-coverage"' in response.content.decode()


# Demo.
