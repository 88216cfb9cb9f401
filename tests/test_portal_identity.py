"""The sign-in page's identity (registry/identity.py, templates/registration/login.html): the
province's name and the contact of the Department of Home Affairs come from their unit
records, an empty value shows nothing, and the national emblem is a static file."""

import lxml.html
import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse

from registry.demo import DEMO_CONTACT, demo_contact
from registry.identity import portal_identity
from tests.factories import UnitFactory, kind

pytestmark = pytest.mark.integration

LOGIN = reverse("login")
BOARD_CODE = "37-SNV-TDKT"


@pytest.fixture
def board(world):
    return UnitFactory(
        code=BOARD_CODE,
        name="Ban Thi đua - Khen thưởng (Sở Nội vụ)",
        kind=kind("sub-board"),
        parent=world.home_affairs_unit,
        address="Phường Hoa Lư, tỉnh Ninh Bình",
        phone="+84 229 000 0000",
        email="bantdkt@ninhbinh.example",
    )


def page(client):
    response = client.get(LOGIN)
    assert response.status_code == 200
    return lxml.html.fromstring(response.content.decode())


def text(tree, element_id: str) -> str:
    found = tree.xpath(f"//*[@id='{element_id}']")
    return found[0].text_content().strip() if found else ""


def test_the_sign_in_page_shows_the_emblem_the_province_and_the_contact(client, board):
    tree = page(client)
    emblem = tree.xpath("//img[contains(@class, 'portal-emblem')]")[0]
    assert emblem.get("src") == static("img/quoc-huy.svg")
    assert emblem.get("alt")
    assert finders.find("img/quoc-huy.svg")
    assert text(tree, "portal-province") == "Tỉnh Ninh Bình"
    assert board.name in text(tree, "portal-contact")
    assert board.address in text(tree, "portal-contact-address")
    assert tree.xpath("//*[@id='portal-contact-phone']/a/@href") == ["tel:+842290000000"]
    assert tree.xpath("//*[@id='portal-contact-email']/a/@href") == [f"mailto:{board.email}"]


def test_the_names_follow_the_records_an_administrator_edits(client, world, board):
    world.province.name = "Tỉnh Hà Nam Ninh"
    world.province.save()
    board.address = "Số 1 đường thử nghiệm"
    board.save()
    tree = page(client)
    assert text(tree, "portal-province") == "Tỉnh Hà Nam Ninh"
    assert "Số 1 đường thử nghiệm" in text(tree, "portal-contact-address")


def test_an_empty_value_shows_nothing(client, board):
    board.address = ""
    board.phone = "  "
    board.save()
    tree = page(client)
    assert tree.xpath("//*[@id='portal-contact-address']") == []
    assert tree.xpath("//*[@id='portal-contact-phone']") == []
    assert "tel:" not in lxml.html.tostring(tree, encoding="unicode")
    assert text(tree, "portal-contact-email").endswith(board.email)


def test_a_phone_without_digits_is_shown_without_a_link(client, board):
    board.phone = "qua tổng đài"
    board.save()
    tree = page(client)
    assert text(tree, "portal-contact-phone").endswith("qua tổng đài")
    assert tree.xpath("//*[@id='portal-contact-phone']//a") == []


def test_without_the_units_the_page_shows_neither(client, db):
    tree = page(client)
    assert tree.xpath("//*[@id='portal-province']") == []
    assert tree.xpath("//*[@id='portal-contact']") == []
    # The emblem and the form are there all the same.
    assert tree.xpath("//img[contains(@class, 'portal-emblem')]")
    assert tree.xpath("//form[@action='/accounts/login/']")


def test_the_contact_unit_is_a_setting(client, world, board, settings):
    other = UnitFactory(
        code="37-VP-UBND",
        name="Văn phòng Ủy ban nhân dân tỉnh",
        parent=world.province,
        email="vanphong@ninhbinh.example",
    )
    settings.PORTAL = {**settings.PORTAL, "CONTACT_UNIT_CODE": other.code}
    identity = portal_identity()
    assert identity.contact.name == other.name
    assert identity.contact.email == other.email
    assert identity.contact.address == ""
    tree = page(client)
    assert other.name in text(tree, "portal-contact")
    assert board.name not in text(tree, "portal-contact")


def test_the_demo_fills_only_what_is_empty(board):
    board.address = ""
    board.save()
    demo_contact()
    board.refresh_from_db()
    assert board.address == DEMO_CONTACT["address"]
    # What the administrator entered is kept.
    assert board.phone == "+84 229 000 0000"
    assert board.email == "bantdkt@ninhbinh.example"
    # The demo's values say they are illustrative, or use a reserved domain.
    assert "minh họa" in DEMO_CONTACT["address"] and "minh họa" in DEMO_CONTACT["phone"]
    assert DEMO_CONTACT["email"].endswith(".example")
