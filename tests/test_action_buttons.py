"""No button leads to 403: every link and button a page shows is one its reader may use.

For every persona, the province of the demo (real units, every kind of record, in every
state the demo leaves them in) is walked from the home page through the menu, the lists and
the records. Every link found is followed with GET, and every form's action (a button) is
asked whether this user may use it at all (OPTIONS: the view's permission check runs, the
action does not) and sent empty and undone; files and documents are asked by OPTIONS
only, so that no PDF is rendered.
None may answer 403: a page shows an action only to those whom the view lets take it.
"""

import re
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from django.db import transaction
from django.urls import Resolver404, resolve, reverse

from tests.conftest import the_demo
from tests.personas import PERSONAS, build_world

pytestmark = pytest.mark.integration


# Where each walk starts: the home page and every main list (those a role may not open
# answer 403 here and are simply not walked: no page of that role links to them, which
# the walk checks).
STARTS = [
    "registry:home",
    "registry:exemplar_list",
    "registry:review_queue",
    "registry:follow_up_gaps",
    "registry:notifications",
    "registry:unit_list",
    "registry:plan_list",
    "registry:quota_rules",
    "registry:quota_compliance",
    "registry:import_list",
    "campaigns:campaign_list",
    "campaigns:pledge_list",
    "campaigns:event_list",
    "campaigns:coverage_list",
    "campaigns:column_list",
    "campaigns:contest_list",
    "campaigns:contest_entry_list",
    "campaigns:inspection_list",
    "campaigns:recommendation_list",
    "campaigns:regulation_list",
    "campaigns:budget_list",
    "campaigns:difficulty_list",
    "reports:dashboard",
    "reports:proposal_list",
    "reports:introduction_list",
    "reports:register",
    "reports:consolidation_list",
]

# How many pages of one kind (URL name) a walk opens and reads: records are read in several
# states (a draft, a returned, an accepted exemplar…), other pages once or twice.
PAGES_PER_KIND = {"registry:exemplar_detail": 12, "registry:unit_detail": 4}
PAGES_PER_KIND_DEFAULT = 3
# Links checked per kind of page: enough to meet every state of the records behind them.
LINKS_PER_KIND = 12

# Answers that are files or documents: asked for permission only (no render).
FILE_FORMATS = {"pdf", "docx", "xlsx", "csv"}
FILE_QUERY_KEYS = {"format", "render", "progress"}
FILE_URL_NAME = re.compile(
    r"(download|thumbnail|_file$|_xlsx$|_pdf$|template$|^reports:.*document)"
)
# Forms not sent even empty: leaving the session, and preparing an issued document's files
# again (a render, with nothing to choose).
NOT_POSTED = {"logout", "reports:issued_prepare"}
NOT_WALKED = ("/quan-tri/", "/static/", "/media/", "/i18n/")


@dataclass
class Control:
    kind: str  # "link" or "form"
    url: str
    label: str
    method: str = "get"


class PageControls(HTMLParser):
    """The links (with their text) and the forms' buttons of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.controls = []
        self._link = None
        self._form = None
        self._text = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for verb in ("get", "post"):
            if attrs.get(f"hx-{verb}"):
                self.controls.append(
                    Control("form" if verb == "post" else "link", attrs[f"hx-{verb}"], tag, verb)
                )
        if tag == "a" and attrs.get("href"):
            self._link = Control("link", attrs["href"], "")
            self._text = []
        elif tag == "form":
            self._form = Control(
                "form", attrs.get("action") or "", "", (attrs.get("method") or "get").lower()
            )
            self._form.buttons = []
        elif (
            tag in ("button", "input")
            and self._form is not None
            and attrs.get("type", "submit" if tag == "button" else "text") == "submit"
        ):
            self._form.buttons.append(
                (attrs.get("formaction"), attrs.get("value") or attrs.get("aria-label"))
            )

    def handle_data(self, data):
        if self._link is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._link is not None:
            self._link.label = " ".join("".join(self._text).split())[:60]
            self.controls.append(self._link)
            self._link = None
        elif tag == "form" and self._form is not None:
            form, self._form = self._form, None
            for formaction, label in form.buttons or [(None, "")]:
                self.controls.append(
                    Control("form", formaction or form.url, label or "", form.method)
                )


def view_name(path: str) -> str | None:
    try:
        return resolve(path).view_name
    except Resolver404:
        return None


def is_file(path: str, query: dict, name: str) -> bool:
    if query.get("format", [""])[0] in FILE_FORMATS or FILE_QUERY_KEYS & set(query):
        return True
    return bool(FILE_URL_NAME.search(name)) and not name.endswith("_issue")


def ask(client, link: str, name: str, *, post: bool) -> int:
    """May this user use the button or open the file at all? The view's permission check
    answers OPTIONS without doing anything. A form's action is also sent empty (nothing
    chosen, nothing typed) and undone: views that check inside ``post`` answer 403 there
    before any form is read."""
    status = client.options(link).status_code
    if status == 403 or not post or name in NOT_POSTED:
        return status
    client.raise_request_exception = False
    try:
        with transaction.atomic():
            status = client.post(link, {}).status_code
            transaction.set_rollback(True)
    finally:
        client.raise_request_exception = True
    return status


def walk(client) -> tuple[list[str], Counter]:
    """Open the pages a persona reaches; return what answered 403, and what was checked."""
    refused, checked = [], Counter()
    seen_links, opened = set(), Counter()
    queue = [(reverse(name), "(start)") for name in STARTS]
    read = set()
    while queue:
        url, found_on = queue.pop(0)
        if url in read:
            continue
        read.add(url)
        response = client.get(url)
        if response.status_code == 403:
            if found_on != "(start)":
                refused.append(f"GET {url} (linked from {found_on}) answered 403")
            continue
        if response.status_code in (301, 302):
            location = response.headers["Location"]
            if location.startswith("/") and not location.startswith("/accounts/login"):
                queue.append((location, url))
            continue
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parser = PageControls()
        parser.feed(response.content.decode())
        for control in parser.controls:
            target = urljoin(url, control.url)
            parts = urlsplit(target)
            if parts.netloc not in ("", "testserver") or parts.scheme not in ("", "http"):
                continue
            path = parts.path
            if path.startswith(NOT_WALKED) or not path:
                continue
            name = view_name(path)
            if name is None:
                continue
            query = parse_qs(parts.query)
            link = f"{path}?{parts.query}" if parts.query else path
            key = (control.kind, control.method, link)
            if key in seen_links:
                continue
            seen_links.add(key)
            if checked[(control.kind, name)] >= LINKS_PER_KIND and control.kind == "link":
                continue
            checked[(control.kind, name)] += 1
            where = f"{url} “{control.label}”"
            if control.kind == "form" or is_file(path, query, name):
                if control.kind == "form" and control.method == "get":
                    continue  # a filter or a search: it opens a page read above
                status = ask(client, link, name, post=control.kind == "form")
                if status == 403:
                    refused.append(
                        f"{control.method.upper()} {link} ({name}) on {where} is refused (403)"
                    )
                continue
            cap = PAGES_PER_KIND.get(name, PAGES_PER_KIND_DEFAULT)
            if link not in read and opened[name] < cap:
                opened[name] += 1
                queue.append((link, where))
            elif link not in read:
                status = client.get(link).status_code
                read.add(link)
                if status == 403:
                    refused.append(f"GET {link} ({name}) on {where} answered 403")
    return refused, checked


# What the walk must reach for some personas: it cannot pass by seeing nothing.
REACHED = {
    "home_affairs": {
        ("link", "registry:exemplar_detail"): 5,
        ("form", "registry:review_queue"): 1,
        ("link", "registry:follow_up_create"): 1,
    },
    "editor_a": {
        ("link", "registry:exemplar_update"): 1,
        ("form", "registry:exemplar_transition"): 1,
    },
    "media": {("link", "campaigns:coverage_create"): 1},
}


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    with the_demo(django_db_blocker):
        yield


@pytest.mark.slow
@pytest.mark.usefixtures("demo")
class TestEveryRole:
    """One walk per persona, over one load of the demo for the class (in each test
    worker)."""

    @pytest.fixture
    def province(self, db):
        """The demo province with the personas added to its units: each persona reaches
        the demo's records of its unit."""
        return build_world()

    @pytest.mark.parametrize("persona", PERSONAS)
    def test_no_link_or_button_leads_to_403(self, province, client, persona):
        client.force_login(province.user(persona))
        refused, checked = walk(client)
        assert checked
        for key, least in REACHED.get(persona, {}).items():
            assert checked[key] >= least, key
        assert not refused, "\n".join(refused)


@pytest.mark.parametrize(
    ("persona", "offered"),
    [("home_affairs", True), ("leader", False), ("administrator", False)],
)
def test_the_follow_up_list_offers_adding_one_only_to_those_who_may(
    world, client_for, persona, offered
):
    from registry.enums import ExemplarStatus
    from registry.models import Exemplar
    from tests.factories.exemplars import ExemplarFactory

    exemplar = ExemplarFactory(unit=world.dept_a)
    Exemplar.objects.filter(pk=exemplar.pk).update(status=ExemplarStatus.ACCEPTED)
    client = client_for(world.user(persona))
    html = client.get(reverse("registry:follow_up_gaps")).content.decode()
    add = reverse("registry:follow_up_create", kwargs={"code": exemplar.code})
    assert (f'href="{add}"' in html) is offered
    # Those who may not add one still reach the exemplar's follow-ups from the row.
    listed = reverse("registry:exemplar_follow_ups", kwargs={"code": exemplar.code})
    assert (f'href="{listed}"' in html) is not offered
    assert client.get(add).status_code == (200 if offered else 403)
