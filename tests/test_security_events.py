"""Security events: one JSON log line and one row each, read by administrators."""

import json
import logging

import pytest
from django.conf import settings
from django.urls import reverse

from registry.enums import SubjectKind
from registry.models import SecurityEvent
from tests.factories.exemplars import ExemplarFactory

pytestmark = pytest.mark.integration
K = SecurityEvent.Kind


@pytest.fixture
def log_lines():
    """The JSON lines the security logger writes, formatted as production formats them."""
    security = logging.getLogger("portal.security")
    formatter = next(h.formatter for h in security.handlers if h.formatter is not None)
    lines = []

    class Collect(logging.Handler):
        def emit(self, record):
            lines.append(json.loads(formatter.format(record)))

    handler = Collect()
    security.addHandler(handler)
    yield lines
    security.removeHandler(handler)


def events(kind):
    return list(SecurityEvent.objects.filter(kind=kind))


class TestSigningIn:
    def test_a_sign_in_is_one_event_and_one_json_line(self, world, client, password, log_lines):
        response = client.post(
            reverse("login"),
            {"username": "Editor_A", "password": password},
            HTTP_X_REQUEST_ID="req-0001-abcd",
        )
        assert response["X-Request-ID"] == "req-0001-abcd"
        [event] = events(K.LOGIN)
        assert event.user == world.user("editor_a")
        assert event.unit == world.dept_a
        assert event.address == "127.0.0.1"
        assert event.request_id == "req-0001-abcd"
        [line] = [line for line in log_lines if line["event"] == "login"]
        assert line["user"] == "editor_a"
        assert line["unit"] == world.dept_a.code
        assert line["address"] == "127.0.0.1"
        assert line["path"] == reverse("login")
        assert line["request_id"] == "req-0001-abcd"
        assert line["level"] == "INFO"
        assert line["logger"] == "portal.security"

    def test_a_failed_sign_in_keeps_the_name_typed_and_the_address(self, world, client, log_lines):
        client.post(reverse("login"), {"username": "EDITOR_A", "password": "sai"})
        [event] = events(K.LOGIN_FAILED)
        assert (event.username, event.user, event.address) == ("editor_a", None, "127.0.0.1")
        assert any(line["event"] == "login_failed" for line in log_lines)

    def test_a_lockout_is_noted(self, world, client):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            client.post(reverse("login"), {"username": "editor_a", "password": "sai-mat-khau"})
        assert [e.username for e in events(K.LOCKOUT)] == ["editor_a"]

    def test_signing_out_is_noted(self, world, client_for):
        client = client_for(world.user("editor_a"))
        client.post(reverse("logout"))
        [event] = events(K.LOGOUT)
        assert event.user == world.user("editor_a")

    def test_a_request_id_that_is_not_one_is_replaced(self, world, client):
        response = client.get(reverse("login"), HTTP_X_REQUEST_ID="<script>")
        assert response["X-Request-ID"] != "<script>"
        assert len(response["X-Request-ID"]) == 32


class TestRefusals:
    def test_permission_denied_is_noted_with_the_path(self, world, client_for):
        response = client_for(world.user("leader")).get(reverse("registry:exemplar_create"))
        assert response.status_code == 403
        [event] = events(K.PERMISSION_DENIED)
        assert event.user == world.user("leader")
        assert event.path == reverse("registry:exemplar_create")

    def test_another_units_record_is_a_404_noted_as_out_of_reach(self, world, client_for):
        exemplar = ExemplarFactory(unit=world.dept_a)
        response = client_for(world.user("editor_b")).get(exemplar.get_absolute_url())
        assert response.status_code == 404
        [event] = events(K.OUT_OF_REACH)
        assert event.user == world.user("editor_b")
        assert (event.target_type, event.target_id) == ("registry.exemplar", exemplar.code)

    def test_a_code_that_does_not_exist_is_a_plain_404(self, world, client_for):
        response = client_for(world.user("editor_b")).get(
            reverse("registry:exemplar_detail", args=["DH-2025-99999"])
        )
        assert response.status_code == 404
        assert not events(K.OUT_OF_REACH)


class TestImportsRefused:
    def test_a_file_refused_at_upload_is_noted(self, world, client_for):
        from django.core.files.uploadedfile import SimpleUploadedFile

        url = reverse("registry:import_start", args=["dien-hinh"])
        file = SimpleUploadedFile("danh-sach.xlsm", b"PK\x03\x04 not a workbook")
        response = client_for(world.user("editor_a")).post(url, {"file": file})
        assert response.status_code == 400
        [event] = events(K.IMPORT_REFUSED)
        assert event.user == world.user("editor_a")
        assert event.detail["file"] == "danh-sach.xlsm"
        assert event.detail["import_kind"] == "exemplars"


class TestPersonalData:
    def test_viewing_an_individuals_record_with_personal_data_is_noted(self, world, client_for):
        exemplar = ExemplarFactory(unit=world.dept_a)
        assert (
            client_for(world.user("home_affairs")).get(exemplar.get_absolute_url()).status_code
            == 200
        )
        [event] = events(K.PERSONAL_DATA_VIEWED)
        assert event.user == world.user("home_affairs")
        assert event.target_id == exemplar.code
        assert event.target_label == str(exemplar)

    def test_a_page_without_personal_data_is_not_noted(self, world, client_for):
        individual = ExemplarFactory(unit=world.dept_a)
        collective = ExemplarFactory(
            unit=world.dept_a, subject_kind=SubjectKind.COLLECTIVE, full_name="Khoa Nhi"
        )
        client_for(world.user("editor_a")).get(collective.get_absolute_url())
        assert not events(K.PERSONAL_DATA_VIEWED)
        # A leader reads the record but not its personal data.
        client_for(world.user("leader")).get(individual.get_absolute_url())
        assert not events(K.PERSONAL_DATA_VIEWED)

    def test_exporting_a_list_with_personal_data_is_noted_with_its_size(self, world, client_for):
        ExemplarFactory.create_batch(3, unit=world.dept_a)
        url = reverse("registry:exemplar_list") + "?export=xlsx&year=2025"
        assert client_for(world.user("editor_a")).get(url).status_code == 200
        [event] = events(K.PERSONAL_DATA_EXPORTED)
        assert event.detail["count"] == 3
        assert event.detail["format"] == "xlsx"
        assert event.detail["query"] == "export=xlsx&year=2025"

    def test_a_list_without_personal_columns_is_not_noted(self, world, client_for):
        ExemplarFactory(unit=world.dept_a)
        client_for(world.user("leader")).get(reverse("registry:exemplar_list") + "?export=csv")
        assert not events(K.PERSONAL_DATA_EXPORTED)


class TestAdministratorsReadThem:
    def test_the_administrator_finds_who_viewed_an_exemplar(self, world, client_for):
        exemplar = ExemplarFactory(unit=world.dept_a)
        client_for(world.user("home_affairs")).get(exemplar.get_absolute_url())
        admin = client_for(world.user("administrator"))
        page = admin.get(reverse("admin:registry_securityevent_changelist") + f"?q={exemplar.code}")
        assert page.status_code == 200
        content = page.content.decode()
        assert "home_affairs" in content
        assert "Đã xem dữ liệu cá nhân" in content

    def test_nobody_changes_or_deletes_them(self, world, client_for):
        client_for(world.user("editor_a")).post(reverse("logout"))
        event = SecurityEvent.objects.get(kind=K.LOGOUT)
        admin = client_for(world.user("administrator"))
        assert admin.get(reverse("admin:registry_securityevent_add")).status_code == 403
        assert (
            admin.post(reverse("admin:registry_securityevent_delete", args=[event.pk])).status_code
            == 403
        )
        assert SecurityEvent.objects.filter(pk=event.pk).exists()

    @pytest.mark.parametrize(
        "persona", ["editor_a", "head_a", "home_affairs", "leader", "media", "district_reviewer"]
    )
    def test_other_roles_cannot_read_them(self, world, client_for, persona):
        response = client_for(world.user(persona)).get(
            reverse("admin:registry_securityevent_changelist")
        )
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


def test_events_past_their_retention_are_purged(world, settings):
    import datetime
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone

    settings.PORTAL = {**settings.PORTAL, "SECURITY_EVENT_RETENTION_DAYS": 30}
    old = SecurityEvent.objects.create(
        kind=K.LOGIN, username="cu", at=timezone.now() - datetime.timedelta(days=31)
    )
    recent = SecurityEvent.objects.create(
        kind=K.LOGIN, username="moi", at=timezone.now() - datetime.timedelta(days=29)
    )
    out = StringIO()
    call_command("purge_security_events", stdout=out)
    assert not SecurityEvent.objects.filter(pk=old.pk).exists()
    assert SecurityEvent.objects.filter(pk=recent.pk).exists()
    assert "1" in out.getvalue()
