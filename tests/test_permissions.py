"""The permission matrix: each role × own unit / other unit × each view."""

import pytest
from django.urls import reverse

from registry.enums import Role
from registry.models import Unit
from registry.selectors import unit_ids_in_scope
from tests.personas import PERSONAS

pytestmark = pytest.mark.integration


# Whose people page each persona may open: unit codes that answer 200; others answer 404.
REACH = {
    "editor_a": {"37-SYT"},
    "head_a": {"37-SYT"},
    "editor_b": {"37-SGDDT"},
    "commune_editor": {"373-GIAVAN"},
    "commune_b_editor": {"376-KIMCHINH"},
    "district_reviewer": {"373", "373-GIAVAN"},
    "media": {"37-BPTTH"},
    "home_affairs": "all",
    "leader": "all",
    "administrator": "all",
}
ALL_CODES = [
    "37",
    "37-SYT",
    "37-SGDDT",
    "37-SNV",
    "37-BPTTH",
    "373",
    "373-GIAVAN",
    "376",
    "376-KIMCHINH",
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("code", ALL_CODES)
def test_unit_people_page_is_reachable_only_within_scope(world, client_for, persona, code):
    client = client_for(world.user(persona))
    response = client.get(reverse("registry:unit_people", kwargs={"code": code}))
    allowed = REACH[persona] == "all" or code in REACH[persona]
    assert response.status_code == (200 if allowed else 404)
    if allowed:
        names = {p.username for p in response.context["people"]}
        expected = {name for name, user in world.users.items() if user.unit.code == code}
        assert names == expected


@pytest.mark.parametrize("persona", PERSONAS)
def test_scope_selector_matches_the_matrix(world, persona):
    user = world.user(persona)
    scope = unit_ids_in_scope(user)
    if REACH[persona] == "all":
        assert scope is None
    else:
        codes = set(Unit.objects.filter(pk__in=scope).values_list("code", flat=True))
        assert codes == REACH[persona]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    "url_name",
    ["registry:home", "registry:unit_list", "registry:catalogue", "registry:quota_rules"],
)
def test_shared_pages_open_for_every_role(world, client_for, persona, url_name):
    response = client_for(world.user(persona)).get(reverse(url_name))
    assert response.status_code == 200


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("code", ["37-SYT", "373-GIAVAN"])
def test_unit_detail_is_public_but_people_link_follows_scope(world, client_for, persona, code):
    response = client_for(world.user(persona)).get(
        reverse("registry:unit_detail", kwargs={"code": code})
    )
    assert response.status_code == 200
    allowed = REACH[persona] == "all" or code in REACH[persona]
    people_url = reverse("registry:unit_people", kwargs={"code": code})
    assert (people_url in response.content.decode()) is allowed


def test_people_page_shows_contacts_only_of_that_unit(world, client_for):
    world.user("editor_b").phone = "0912 345 678"
    world.user("editor_b").save()
    response = client_for(world.user("editor_a")).get(
        reverse("registry:unit_people", kwargs={"code": "37-SYT"})
    )
    assert "0912 345 678" not in response.content.decode()


@pytest.mark.parametrize("persona", PERSONAS)
def test_home_page_shows_each_role_its_own_things(world, client_for, persona):
    user = world.user(persona)
    response = client_for(user).get(reverse("registry:home"))
    content = response.content.decode()
    assert user.unit.name in content
    overview = "Các đơn vị của tỉnh năm" in content
    assert overview is (user.role in {Role.HOME_AFFAIRS, Role.LEADER, Role.ADMINISTRATOR})
    assert ("Các đơn vị do tôi thẩm định hồ sơ" in content) is (persona == "district_reviewer")
    if persona == "district_reviewer":
        assert "Xã Gia Vân" in content
        assert "Xã Kim Chính" not in content
    assert (reverse("admin:index") in content) is (persona == "administrator")


def test_home_of_a_unit_lists_its_people_and_nobody_else(world, client_for):
    response = client_for(world.user("editor_a")).get(reverse("registry:home"))
    people = {p.username for p in response.context["people"]}
    assert people == {"editor_a", "head_a"}


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "administrator"])
def test_admin_is_closed_to_every_role_but_administrators(world, client_for, persona):
    client = client_for(world.user(persona))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
    response = client.post(
        reverse("admin:registry_unit_add"),
        {"code": "HACK", "name": "Đơn vị lạ", "kind": world.dept_a.kind_id},
    )
    assert response.status_code == 302
    assert not Unit.objects.filter(code="HACK").exists()


@pytest.mark.parametrize("persona", PERSONAS)
def test_leaders_and_others_cannot_change_reference_data(world, persona):
    user = world.user(persona)
    may = persona == "administrator"
    for perm in [
        "registry.add_unit",
        "registry.change_unit",
        "registry.delete_unit",
        "registry.change_quotarule",
        "registry.add_user",
        "registry.change_user",
    ]:
        assert user.has_perm(perm) is may, perm


def test_an_inactive_user_reaches_nothing(world):
    user = world.user("home_affairs")
    user.is_active = False
    assert unit_ids_in_scope(user) == frozenset()
    assert not user.has_perm("registry.view_people_unit", world.dept_a)
