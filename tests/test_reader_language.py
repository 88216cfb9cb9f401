"""Each reader in their language: data labels with an English name (fields of the catalogue,
unit kinds) and notifications, which are put into words when read, in the reader's
language; e-mails in the language the recipient chose with the switcher."""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import translation

from campaigns import services as campaign_services
from registry import phrases, workflow
from registry.data.english_names import FIELD_NAMES, UNIT_KIND_NAMES, fill_english_names
from registry.enums import ExemplarStatus as S
from registry.models import Exemplar, Field, Notification, UnitKind
from registry.phrases import Phrase
from tests.factories.exemplars import ExemplarFactory

pytestmark = pytest.mark.integration


def in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def under_review(exemplar):
    Exemplar.objects.filter(pk=exemplar.pk).update(status=S.UNDER_REVIEW)
    exemplar.refresh_from_db()
    return exemplar


# Data labels ------------------------------------------------------------------------------


def test_every_field_and_unit_kind_of_the_catalogue_has_its_english_name(db):
    fields = dict(Field.objects.values_list("code", "name_en"))
    assert fields == FIELD_NAMES  # the fourteen fields of plan IV.2.b, all named
    kinds = dict(UnitKind.objects.values_list("code", "name_en"))
    assert {code: kinds.get(code) for code in UNIT_KIND_NAMES} == UNIT_KIND_NAMES
    assert all(kinds.values()), "a unit kind without an English name"


def test_a_label_follows_the_active_language_and_falls_back_to_vietnamese(db):
    health = Field.objects.get(code="health")
    with translation.override("en"):
        assert str(health) == health.label == "Health"
    with translation.override("vi"):
        assert str(health) == "Y tế"
    nameless = UnitKind.objects.create(code="bloc-x", name="Khối thi đua X")
    with translation.override("en"):
        assert str(nameless) == "Khối thi đua X"


def test_filling_english_names_keeps_a_name_an_administrator_changed(db):
    Field.objects.filter(code="health").update(name_en="Public health")
    assert fill_english_names() == 0
    assert Field.objects.get(code="health").name_en == "Public health"
    Field.objects.filter(code="agriculture").update(name_en="")
    assert fill_english_names() == 1


def test_the_list_and_the_record_name_the_field_in_the_readers_language(world, client_for):
    exemplar = ExemplarFactory(unit=world.dept_a)
    client = client_for(world.user("editor_a"))
    vietnamese = client.get(reverse("registry:exemplar_list")).content.decode()
    assert "Y tế" in vietnamese
    english = in_english(client).get(reverse("registry:exemplar_list")).content.decode()
    assert ">Health</td>" in english
    record = client.get(exemplar.get_absolute_url()).content.decode()
    assert "Health" in record
    # The filters offer the fields in English too.
    assert '<option value="health">Health</option>' in english


def test_the_catalogue_and_the_home_name_fields_and_kinds_in_english(world, client_for):
    client = in_english(client_for(world.user("home_affairs")))
    catalogue = client.get(reverse("registry:catalogue")).content.decode()
    assert "Education and training" in catalogue
    home = client.get(reverse("registry:home")).content.decode()
    assert "Department, board or sector" in home


def test_the_dashboard_names_fields_and_kinds_in_the_readers_language(world, client_for):
    ExemplarFactory(unit=world.dept_a, year=2025)
    client = client_for(world.user("leader"))
    url = reverse("reports:dashboard")
    vietnamese = client.get(url, {"year": 2025}).content.decode()
    assert "Y tế" in vietnamese
    english = in_english(client).get(url, {"year": 2025}).content.decode()
    assert "Health" in english
    assert "Department, board or sector" in english


# The language a user chose ----------------------------------------------------------------


def test_the_switcher_keeps_a_signed_in_users_choice(world, client_for):
    user = world.user("editor_a")
    client = client_for(user)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    user.refresh_from_db()
    assert user.language == "en"
    client.post(reverse("set_language"), {"language": "vi", "next": "/"})
    user.refresh_from_db()
    assert user.language == "vi"


def test_signing_in_on_another_browser_brings_the_chosen_language_back(world, client, password):
    user = world.user("editor_a")
    user.language = "en"
    user.save(update_fields=["language"])
    client.post(reverse("login"), {"username": user.username, "password": password})
    assert '<html lang="en">' in client.get(reverse("registry:home")).content.decode()
    # The switcher on this browser still decides.
    client.post(reverse("set_language"), {"language": "vi", "next": "/"})
    assert '<html lang="vi">' in client.get(reverse("registry:home")).content.decode()


def test_a_user_who_never_chose_reads_vietnamese_whatever_the_browser(world, client, password):
    user = world.user("editor_b")
    client.post(reverse("login"), {"username": user.username, "password": password})
    page = client.get(reverse("registry:home"), headers={"accept-language": "en-US"})
    assert '<html lang="vi">' in page.content.decode()


def test_an_unknown_language_changes_nothing(world, client_for):
    user = world.user("editor_a")
    client_for(user).post(reverse("set_language"), {"language": "fr", "next": "/"})
    user.refresh_from_db()
    assert user.language == ""
    assert user.preferred_language == "vi"


def test_the_switcher_still_works_before_signing_in(client, db):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/accounts/login/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


# Notifications ----------------------------------------------------------------------------


@pytest.fixture
def accepted(world, django_capture_on_commit_callbacks):
    """Home Affairs accepts Sở Y tế's exemplar: its editor reads English, its head
    Vietnamese."""
    world.user("editor_a").language = "en"
    world.user("editor_a").save(update_fields=["language"])
    exemplar = under_review(ExemplarFactory(unit=world.dept_a, full_name="Lê Thị Hoa"))
    with django_capture_on_commit_callbacks(execute=True):
        workflow.transition(
            exemplar=exemplar, action="accept", by=world.user("home_affairs"), comment="Tốt"
        )
    return exemplar


def test_a_notification_reads_in_the_language_of_the_page(world, client_for, accepted):
    note = Notification.objects.get(recipient=world.user("editor_a"))
    assert note.text["msgid"] == "%(subject)s (%(unit)s, %(year)s): %(status)s by %(by)s."
    unit = world.dept_a.short_name or world.dept_a.name
    assert note.message.startswith(f"Lê Thị Hoa ({unit}, năm 2025): Được công nhận")
    client = client_for(world.user("editor_a"))
    english = in_english(client).get(reverse("registry:notifications")).content.decode()
    home_affairs = world.user("home_affairs").full_name
    assert f"Lê Thị Hoa ({unit}, 2025): Accepted by {home_affairs}." in english
    assert "Được công nhận" not in english
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    vietnamese = client.get(reverse("registry:notifications")).content.decode()
    assert "Được công nhận" in vietnamese


def test_each_recipient_gets_the_e_mail_in_their_language(world, accepted):
    by_address = {message.to[0]: message for message in mail.outbox}
    english = by_address[world.user("editor_a").email]
    vietnamese = by_address[world.user("head_a").email]
    assert "Accepted by" in english.subject
    assert "Comment: Tốt" in english.body  # the reviewer's words are kept as written
    assert "Open it in the portal:" in english.body
    assert "Được công nhận" in vietnamese.subject
    assert "Accepted" not in vietnamese.subject


def test_a_notification_made_before_translation_shows_as_it_was_stored(world, client_for):
    Notification.objects.create(recipient=world.user("editor_a"), message="Thông báo cũ")
    client = in_english(client_for(world.user("editor_a")))
    assert "Thông báo cũ" in client.get(reverse("registry:notifications")).content.decode()


def test_a_difficulty_reaches_home_affairs_in_their_language(
    world, django_capture_on_commit_callbacks
):
    world.user("home_affairs").language = "en"
    world.user("home_affairs").save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        campaign_services.difficulty_open(
            unit=world.dept_a, by=world.user("editor_a"), subject="Hồ sơ tập thể", body="Hỏi"
        )
    note = Notification.objects.get(recipient=world.user("home_affairs"))
    assert note.kind == Notification.Kind.DIFFICULTY
    unit = world.dept_a.short_name or world.dept_a.name
    with translation.override("en"):
        assert note.render().startswith(f"New difficulty or proposal from {unit}: “Hồ sơ")
    assert mail.outbox[0].subject.startswith(f"New difficulty or proposal from {unit}")


def test_a_quota_reminder_is_rendered_for_each_reader(world, django_capture_on_commit_callbacks):
    from registry.tracking import send_quota_reminders

    world.user("editor_a").language = "en"
    world.user("editor_a").save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        send_quota_reminders(year=2025)
    note = Notification.objects.get(recipient=world.user("editor_a"))
    with translation.override("en"):
        text = note.render()
    assert text.startswith(f"Quota reminder: {world.dept_a.name}, year 2025: 0 accepted of at")
    assert text.endswith("Deadline: none set by the plan.")
    with translation.override("vi"):
        assert "Quota reminder" not in note.render()
    english = next(m for m in mail.outbox if m.to == [world.user("editor_a").email])
    assert english.subject.startswith("Quota reminder:")
    assert "Department of Home Affairs before the deadline" in english.body


# Phrases ----------------------------------------------------------------------------------


def test_a_phrase_survives_storage_and_renders_its_labels_when_read(db):
    phrase = Phrase(
        "%(what)s: %(status)s, %(field)s, %(kind)s, %(day)s, %(fixed)s",
        what="Nguyễn Văn A",
        status=phrases.status(S.RETURNED),
        field=phrases.field(Field.objects.get(code="health")),
        kind=phrases.unit_kind(UnitKind.objects.get(code="commune")),
        day=phrases.date(datetime.date(2025, 11, 30)),
        fixed=phrases.text("the portal (automatic)"),
    )
    stored = Phrase.from_json(phrase.to_json())
    with translation.override("en"):
        assert stored.render() == (
            "Nguyễn Văn A: Returned for completion, Health, Commune, ward or special zone, "
            "30/11/2025, the portal (automatic)"
        )
    with translation.override("vi"):
        assert "Y tế" in stored.render()


def test_a_label_whose_thing_is_gone_shows_what_was_stored(db):
    phrase = Phrase("%(field)s", field=phrases.Label("field", "no-such-field"))
    assert phrase.render() == "no-such-field"
    with pytest.raises(ValueError):
        phrases.Label("nonsense", "x")


def test_a_choice_label_follows_the_language(db):
    from campaigns.models import Inspection

    value, name = Inspection._meta.get_field("kind").choices[0]
    stored = Phrase.from_json(
        Phrase("%(kind)s", kind=phrases.choice(Inspection, "kind", value, lower=True)).to_json()
    )
    for language in ("en", "vi"):
        with translation.override(language):
            assert stored.render() == str(name).lower()
