"""Nothing typed is lost to a session timeout: the keep-alive of the idle warning, the idle
timeout and the user on <body>, the long forms marked for browser drafts, and the server's
word that a form is saved (static/js/drafts.js reads all of these; the browser side is
tests/e2e/test_draft_journey.py)."""

import json
import uuid
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from campaigns.models import InspectionPlan
from registry.drafts import SAVED_DRAFTS, draft_saved, session_page
from registry.enums import ExemplarStatus
from registry.models import Exemplar, Field
from tests.factories.exemplars import ExemplarFactory

pytestmark = pytest.mark.integration

KEEP_ALIVE = "registry:session_keep_alive"
TEMPLATES = Path(settings.BASE_DIR) / "templates"
# The long forms whose loss hurts: what a unit writes about an exemplar and its follow-up,
# an inspection's findings, a difficulty sent to Home Affairs, an award proposal's reasons,
# the consolidated report's narrative.
DRAFT_TEMPLATES = {
    "registry/exemplar_form.html",
    "registry/followup_form.html",
    "campaigns/inspection_form.html",
    "campaigns/difficulty_form.html",
    "reports/proposal_form.html",
    "reports/consolidation_narrative.html",
}


class Page(HTMLParser):
    """The attributes of <body>, of each <form> and of each form field of a page."""

    def __init__(self, html: str):
        super().__init__()
        self.body: dict | None = None
        self.forms: list[dict] = []
        self.fields: list[dict] = []
        self.ids: set[str] = set()
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "body":
            self.body = attributes
        elif tag == "form":
            self.forms.append(attributes)
        elif tag in {"input", "textarea", "select"} and self.forms:
            self.fields.append({**attributes, "form": self.forms[-1]})

    def form_with(self, field_name: str) -> dict:
        return next(f["form"] for f in self.fields if f.get("name") == field_name)

    def saved_drafts(self) -> list[str]:
        return json.loads(self.body["data-saved-drafts"])


def page(response) -> Page:
    assert response.status_code == 200
    return Page(response.content.decode())


def exemplar_data(**overrides):
    data = {
        "year": 2025,
        "subject_kind": "individual",
        "full_name": "Phạm Thị Thu Trang",
        "gender": "female",
        "field": Field.objects.get(code="education-training").pk,
        "achievements": "Ba năm liền giáo viên dạy giỏi cấp tỉnh.",
        "creation_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


class TestKeepAlive:
    def test_an_anonymous_visitor_is_sent_to_the_login_page(self, client, db):
        response = client.post(reverse(KEEP_ALIVE))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))

    def test_a_signed_in_user_gets_a_new_idle_window(self, world, client_for):
        client = client_for(world.user("editor_a"))
        key = client.session.session_key
        Session.objects.filter(session_key=key).update(
            expire_date=timezone.now() + timedelta(seconds=30)
        )
        response = client.post(reverse(KEEP_ALIVE))
        assert response.status_code == 204
        assert response.content == b""
        assert "no-store" in response["Cache-Control"]
        expiry = Session.objects.get(session_key=key).expire_date
        assert expiry > timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)

    def test_an_ended_session_is_not_brought_back(self, world, client_for):
        client = client_for(world.user("editor_a"))
        Session.objects.all().delete()
        response = client.post(reverse(KEEP_ALIVE))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
        assert not Session.objects.exists()

    def test_only_a_post_with_the_csrf_token_keeps_the_session(self, world):
        client = Client(enforce_csrf_checks=True)
        client.force_login(world.user("editor_a"))
        assert client.get(reverse(KEEP_ALIVE)).status_code == 405
        assert client.post(reverse(KEEP_ALIVE)).status_code == 403
        home = page(client.get(reverse("registry:home")))
        token = json.loads(home.body["hx-headers"])["X-CSRFToken"]
        response = client.post(reverse(KEEP_ALIVE), HTTP_X_CSRFTOKEN=token)
        assert response.status_code == 204

    def test_it_leaves_the_saved_drafts_to_the_next_page(self, world, client_for):
        client = client_for(world.user("editor_a"))
        session = client.session
        session[SAVED_DRAFTS] = ["/dien-hinh/them/"]
        session.save()
        assert client.post(reverse(KEEP_ALIVE)).status_code == 204
        home = page(client.get(reverse("registry:home")))
        assert home.saved_drafts() == ["/dien-hinh/them/"]


class TestBody:
    def test_a_signed_in_page_carries_the_user_and_the_idle_timeout(self, world, client_for):
        user = world.user("editor_a")
        home = page(client_for(user).get(reverse("registry:home")))
        assert home.body["data-user"] == str(user.pk)
        assert home.body["data-session-timeout"] == str(settings.SESSION_COOKIE_AGE)
        assert home.body["data-keep-alive-url"] == reverse(KEEP_ALIVE)
        assert home.body["data-login-url"] == reverse("login")
        assert home.saved_drafts() == []
        # The warning and the draft offer are on the page, hidden until the script needs them.
        assert {"session-warning", "draft-offer-template"} <= home.ids

    def test_the_timeout_follows_the_setting(self, world, client_for, settings):
        settings.SESSION_COOKIE_AGE = 600
        home = page(client_for(world.user("editor_a")).get(reverse("registry:home")))
        assert home.body["data-session-timeout"] == "600"

    def test_the_login_page_carries_neither(self, client, db):
        login = page(client.get(reverse("login")))
        assert "data-user" not in login.body
        assert "data-session-timeout" not in login.body
        assert "session-warning" not in login.ids

    def test_signing_out_clears_the_drafts(self, world, client_for):
        home = page(client_for(world.user("editor_a")).get(reverse("registry:home")))
        logout = next(f for f in home.forms if f.get("action") == reverse("logout"))
        assert "data-clear-drafts" in logout


class TestMarkedForms:
    def test_the_long_forms_and_only_they_are_marked(self):
        marked = {
            str(path.relative_to(TEMPLATES))
            for path in TEMPLATES.rglob("*.html")
            if "data-keep-draft" in path.read_text(encoding="utf-8")
        }
        assert marked == DRAFT_TEMPLATES

    def test_the_exemplar_forms(self, world, client_for):
        client = client_for(world.user("editor_a"))
        create = page(client.get(reverse("registry:exemplar_create")))
        assert "data-keep-draft" in create.form_with("achievements")
        exemplar = ExemplarFactory(unit=world.dept_a)
        update = page(client.get(reverse("registry:exemplar_update", args=[exemplar.code])))
        assert "data-keep-draft" in update.form_with("achievements")
        # The version goes with the draft; the CSRF token and the creation token never do.
        hidden = {f["name"]: f for f in update.fields if f.get("type") == "hidden"}
        assert "data-keep-in-draft" in hidden["version"]
        assert "data-keep-in-draft" not in hidden["csrfmiddlewaretoken"]
        assert not any(
            "data-keep-in-draft" in f for f in create.fields if f.get("name") != "version"
        )

    def test_the_follow_up_form(self, world, client_for):
        exemplar = ExemplarFactory(unit=world.dept_a)
        Exemplar.objects.filter(pk=exemplar.pk).update(status=ExemplarStatus.ACCEPTED)
        client = client_for(world.user("editor_a"))
        form = page(client.get(reverse("registry:follow_up_create", args=[exemplar.code])))
        assert "data-keep-draft" in form.form_with("effectiveness")

    def test_the_difficulty_and_proposal_forms(self, world, client_for):
        client = client_for(world.user("editor_a"))
        difficulty = page(client.get(reverse("campaigns:difficulty_create")))
        assert "data-keep-draft" in difficulty.form_with("body")
        proposal = page(client.get(reverse("reports:proposal_create")))
        assert "data-keep-draft" in proposal.form_with("reasons")

    def test_the_inspection_form(self, world, client_for):
        plan = InspectionPlan.objects.create(
            year=2025, title="Kế hoạch kiểm tra năm 2025", lead_unit=world.home_affairs_unit
        )
        client = client_for(world.user("home_affairs"))
        form = page(client.get(reverse("campaigns:inspection_create", args=[plan.pk])))
        assert "data-keep-draft" in form.form_with("scheduled_on")

    def test_short_forms_are_not_marked(self, world, client_for):
        client = client_for(world.user("editor_a"))
        exemplars = page(client.get(reverse("registry:exemplar_list")))
        assert not any("data-keep-draft" in form for form in exemplars.forms)


class TestSavedDrafts:
    def test_a_saved_exemplar_tells_the_next_page_once(self, world, client_for):
        client = client_for(world.user("editor_a"))
        url = reverse("registry:exemplar_create")
        response = client.post(url, exemplar_data(), follow=True)
        assert Exemplar.objects.count() == 1
        assert page(response).saved_drafts() == [url]
        again = page(client.get(response.redirect_chain[-1][0]))
        assert again.saved_drafts() == []

    def test_a_refused_form_keeps_the_draft(self, world, client_for):
        client = client_for(world.user("editor_a"))
        url = reverse("registry:exemplar_create")
        refused = page(client.post(url, exemplar_data(full_name="")))
        assert refused.saved_drafts() == []
        assert not Exemplar.objects.exists()
        assert page(client.get(reverse("registry:home"))).saved_drafts() == []

    def test_a_stale_edit_keeps_the_draft(self, world, client_for):
        exemplar = ExemplarFactory(unit=world.dept_a)
        Exemplar.objects.filter(pk=exemplar.pk).update(version=5)
        client = client_for(world.user("editor_a"))
        url = reverse("registry:exemplar_update", args=[exemplar.code])
        response = client.post(url, exemplar_data(version=1))
        assert response.status_code == 409
        assert Page(response.content.decode()).saved_drafts() == []

    def test_a_saved_edit_names_its_own_form(self, world, client_for):
        exemplar = ExemplarFactory(unit=world.dept_a)
        client = client_for(world.user("editor_a"))
        url = reverse("registry:exemplar_update", args=[exemplar.code])
        response = client.post(url, exemplar_data(version=exemplar.version), follow=True)
        assert page(response).saved_drafts() == [url]

    def test_a_sent_difficulty(self, world, client_for):
        client = client_for(world.user("editor_a"))
        url = reverse("campaigns:difficulty_create")
        response = client.post(url, {"subject": "Kinh phí", "body": "Nội dung dài."}, follow=True)
        assert page(response).saved_drafts() == [url]

    def test_a_post_that_bounces_to_the_login_page_keeps_the_draft(self, world, client_for):
        client = client_for(world.user("editor_a"))
        Session.objects.all().delete()
        url = reverse("registry:exemplar_create")
        response = client.post(url, exemplar_data())
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('login')}?next={url}"
        assert not Exemplar.objects.exists()
        client.force_login(world.user("editor_a"))
        assert page(client.get(url)).saved_drafts() == []

    def test_only_a_page_with_the_layout_reads_the_list(self, world, rf):
        """An htmx fragment rendered between the save and the next page leaves it alone."""
        request = rf.get("/")
        request.user = world.user("editor_a")
        request.session = Client().session
        draft_saved(request, "/dien-hinh/them/")
        draft_saved(request, "/dien-hinh/them/")
        context = session_page(request)
        assert request.session[SAVED_DRAFTS] == ["/dien-hinh/them/"]
        assert json.loads(str(context["saved_drafts"])) == ["/dien-hinh/them/"]
        assert SAVED_DRAFTS not in request.session
