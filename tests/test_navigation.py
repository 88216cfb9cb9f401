"""The main menu (registry/navigation.py, templates/base.html): each role sees exactly the pages
it may open, grouped by area, with the page it is on marked."""

import lxml.html
import pytest
from django.test import RequestFactory
from django.urls import reverse

from registry.navigation import ADMIN_SITE, MENU, may_open, menu_for
from tests.personas import PERSONAS

pytestmark = pytest.mark.integration

EVERY_PAGE = [page.url_name for area in MENU for page in area.pages]
REVIEWERS = {"district_reviewer", "home_affairs"}
READ_ALL_UNITS = {"home_affairs", "leader", "administrator"}


def cls(name: str) -> str:
    """An XPath test for an element of the class ``name``."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def classes(element) -> list[str]:
    return (element.get("class") or "").split()


def menu_links(html: str) -> dict[str, str]:
    """The links of the menu's areas (not the brand, notifications or user menu): href → text."""
    tree = lxml.html.fromstring(html)
    links = tree.xpath(f"//*[@id='main-nav']/ul[{cls('me-auto')}]//a")
    return {link.get("href"): link.text_content().strip() for link in links}


def opens(client, url_name: str) -> bool:
    """The page answers (after a redirect of its own) instead of refusing the user."""
    response = client.get(reverse(url_name), follow=True)
    if response.status_code == 403:
        return False
    assert response.status_code == 200, (url_name, response.status_code)
    # The admin site sends those it refuses to its own login page.
    return not response.request["PATH_INFO"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_menu_offers_exactly_the_pages_the_role_may_open(world, client_for, persona):
    client = client_for(world.user(persona))
    offered = set(menu_links(client.get(reverse("registry:home")).content.decode()))
    may = {reverse(name) for name in EVERY_PAGE if opens(client, name)}
    assert offered == may
    # Every role reads its home, the exemplars and the units; no role sees the whole menu
    # but the administrator.
    assert {reverse("registry:home"), reverse("registry:exemplar_list")} <= offered
    assert reverse("registry:unit_list") in offered


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_role_sees_its_own_areas(world, client_for, persona):
    client = client_for(world.user(persona))
    offered = set(menu_links(client.get(reverse("registry:home")).content.decode()))
    assert (reverse("registry:review_queue") in offered) == (persona in REVIEWERS)
    assert (reverse("reports:dashboard") in offered) == (persona in READ_ALL_UNITS)
    assert (reverse("registry:follow_up_gaps") in offered) == (persona in READ_ALL_UNITS)
    assert (reverse("reports:consolidation_list") in offered) == (persona in READ_ALL_UNITS)
    assert (reverse("admin:index") in offered) == (persona == "administrator")


def test_a_unit_editor_is_not_offered_pages_that_refuse_it(world, client_for):
    client = client_for(world.user("editor_a"))
    html = client.get(reverse("registry:home")).content.decode()
    for hidden in ("registry:review_queue", "reports:dashboard", ADMIN_SITE):
        assert reverse(hidden) not in menu_links(html)
        assert not opens(client, hidden)


def test_areas_are_dropdowns_and_single_pages_plain_links(world, client_for):
    html = client_for(world.user("home_affairs")).get(reverse("registry:home")).content.decode()
    tree = lxml.html.fromstring(html)
    nav = tree.xpath(f"//*[@id='main-nav']/ul[{cls('me-auto')}]")[0]
    toggles = nav.xpath(".//button[@data-bs-toggle='dropdown']")
    assert [t.get("id") for t in toggles] == [
        "menu-exemplars",
        "menu-monitoring",
        "menu-propagation",
        "menu-commendation",
    ]
    for toggle in toggles:
        assert toggle.get("aria-expanded") == "false"
        menu = toggle.getnext()
        assert menu.get("aria-labelledby") == toggle.get("id")
        assert len(menu.xpath(f".//a[{cls('dropdown-item')}]")) >= 2
    # Home and the units are links of their own; Home Affairs has no admin site.
    top = [a.get("href") for a in nav.xpath("./li/a")]
    assert top == [reverse("registry:home"), reverse("registry:unit_list")]


def test_a_unit_editor_keeps_only_the_monitoring_pages_it_may_open(rf_user):
    request, _user = rf_user("editor_a")
    areas = {area["key"]: area for area in menu_for(request)}
    # A unit editor may not open the dashboard, quota standing or follow-up: its monitoring
    # area keeps only the quotas and plans, still two pages, so still a dropdown.
    assert [p["url_name"] for p in areas["monitoring"]["pages"]] == [
        "registry:quota_rules",
        "registry:plan_list",
    ]
    assert "administration" not in areas


def test_the_current_page_and_its_area_are_marked(world, client_for):
    client = client_for(world.user("home_affairs"))
    html = client.get(reverse("campaigns:event_list")).content.decode()
    tree = lxml.html.fromstring(html)
    current = tree.xpath("//*[@id='main-nav']//*[@aria-current='page']")
    assert [a.get("href") for a in current] == [reverse("campaigns:event_list")]
    assert "active" in classes(tree.get_element_by_id("menu-propagation"))
    assert "active" not in classes(tree.get_element_by_id("menu-exemplars"))

    # A page within an area (a new event) marks the area and its list, not as the page itself.
    html = client.get(reverse("campaigns:event_create")).content.decode()
    tree = lxml.html.fromstring(html)
    assert tree.xpath("//*[@id='main-nav']//*[@aria-current='page']") == []
    assert "active" in classes(tree.get_element_by_id("menu-propagation"))
    item = tree.xpath(f"//*[@id='main-nav']//a[@href='{reverse('campaigns:event_list')}']")[0]
    assert "active" in classes(item)


def test_anonymous_visitors_get_no_menu(client, db):  # the login page reads the province
    html = client.get(reverse("login")).content.decode()
    assert menu_links(html) == {}
    assert "main-nav" not in html


def test_may_open_asks_the_view_itself(rf_user):
    request, _user = rf_user("leader")
    assert may_open(request, "reports:dashboard")
    assert not may_open(request, "registry:review_queue")
    assert may_open(request, "registry:exemplar_list")  # no permission beyond signing in


@pytest.fixture
def rf_user(world):
    def make(persona):
        user = world.user(persona)
        request = RequestFactory().get("/")
        request.user = user
        return request, user

    return make


def test_the_menu_drawn_in_python_escapes_what_it_draws():
    """``main_menu_items`` draws labels and addresses as text: a label or address that holds
    markup (a translation, a prefix) shows as written instead of becoming markup."""
    from registry.templatetags.main_menu import main_menu_items

    page = {"label": "A <b>&</b> B", "url": '/x/?a=1&b="2"', "current": True, "exact": False}
    single = {"key": "one", "label": "One", "pages": [page], "current": True}
    other = {**page, "label": "Other", "url": "/y/", "current": False, "exact": True}
    several = {"key": "two", "label": "Two <i>", "pages": [page, other], "current": False}
    tree = lxml.html.fromstring(f"<ul>{main_menu_items([single, several])}</ul>")

    plain, dropdown = tree.xpath("./li")
    link = plain.xpath("a")[0]
    assert link.text_content() == "A <b>&</b> B"
    assert link.get("href") == '/x/?a=1&b="2"'
    assert classes(link) == ["nav-link", "active"] and link.get("aria-current") is None
    assert plain.xpath(".//b") == []

    button = dropdown.xpath("button")[0]
    assert button.text_content() == "Two <i>" and button.get("id") == "menu-two"
    assert "active" not in classes(button) and dropdown.get("data-menu-area") == "two"
    items = dropdown.xpath("ul[@aria-labelledby='menu-two']/li/a")
    assert [a.text_content() for a in items] == ["A <b>&</b> B", "Other"]
    assert classes(items[0]) == ["dropdown-item", "active"]
    assert items[1].get("aria-current") == "page" and classes(items[1]) == ["dropdown-item"]
