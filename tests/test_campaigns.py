"""Emulation movements, their reviews and emulation pledges."""

import pytest
from django.urls import reverse

from campaigns.models import Pledge
from registry.models import Campaign, EmulationBloc, Field
from tests.factories.exemplars import ExemplarFactory
from tests.personas import EACH_ROLE, MANAGERS

pytestmark = pytest.mark.integration


@pytest.fixture
def movement(db):
    return Campaign.objects.create(
        code="nong-thon-moi",
        name="Phong trào thi đua “Cả nước chung sức xây dựng nông thôn mới”",
        kind="movement",
        launched_by="prime_minister",
        level="national",
        valid_from=2021,
        valid_to=2025,
    )


def movement_data(**overrides):
    data = {
        "code": "chuyen-doi-so",
        "name": "Phong trào thi đua chuyển đổi số tỉnh Ninh Bình",
        "kind": "movement",
        "launched_by": "province",
        "level": "provincial",
        "valid_from": 2024,
        "valid_to": 2026,
        "fields": [Field.objects.get(code="information-communications").pk],
        "description": "Đẩy mạnh ứng dụng công nghệ số trong cơ quan nhà nước.",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("persona", EACH_ROLE)
def test_everyone_reads_movements_only_managers_create_them(world, client_for, persona):
    client = client_for(world.user(persona))
    assert client.get(reverse("campaigns:campaign_list")).status_code == 200
    allowed = persona in MANAGERS
    assert client.get(reverse("campaigns:campaign_create")).status_code == (200 if allowed else 403)
    response = client.post(reverse("campaigns:campaign_create"), movement_data())
    assert response.status_code == (302 if allowed else 403)
    assert Campaign.objects.filter(code="chuyen-doi-so").exists() is allowed


def test_a_movement_keeps_its_fields_targets_and_history(world, client_for):
    client = client_for(world.user("home_affairs"))
    client.post(
        reverse("campaigns:campaign_create"),
        movement_data(target_units=[world.dept_a.pk, world.dept_b.pk]),
    )
    campaign = Campaign.objects.get(code="chuyen-doi-so")
    assert {u.code for u in campaign.target_units.all()} == {"37-SYT", "37-SGDDT"}
    assert campaign.history.first().history_user == world.user("home_affairs")


def test_bad_input_keeps_what_was_typed(world, client_for):
    client = client_for(world.user("home_affairs"))
    response = client.post(
        reverse("campaigns:campaign_create"),
        movement_data(launched_by="unit", valid_to=2020, name="Tên giữ lại"),
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Tên giữ lại" in content
    assert "Ghi rõ đơn vị phát động." in content
    assert not Campaign.objects.filter(code="chuyen-doi-so").exists()


def test_the_list_filters_and_searches_without_accents(world, client_for, movement):
    Campaign.objects.create(
        code="van-hoa",
        name="Cán bộ thi đua thực hiện văn hóa công sở",
        kind="movement",
        launched_by="prime_minister",
        valid_from=2019,
        valid_to=2025,
    )
    client = client_for(world.user("media"))
    response = client.get(reverse("campaigns:campaign_list"), {"q": "nong thon"})
    assert [c.code for c in response.context["campaigns"]] == ["nong-thon-moi"]
    response = client.get(reverse("campaigns:campaign_list"), {"year": 2026})
    assert list(response.context["campaigns"]) == []


def test_the_detail_lists_only_exemplars_within_reach(world, client_for, movement):
    mine = ExemplarFactory(unit=world.dept_a, campaign=movement)
    theirs = ExemplarFactory(unit=world.dept_b, campaign=movement)
    response = client_for(world.user("editor_a")).get(movement.get_absolute_url())
    assert [e.pk for e in response.context["exemplars"]] == [mine.pk]
    response = client_for(world.user("home_affairs")).get(movement.get_absolute_url())
    assert {e.pk for e in response.context["exemplars"]} == {mine.pk, theirs.pk}


def test_a_review_is_recorded_and_a_future_date_refused(world, client_for, movement):
    client = client_for(world.user("home_affairs"))
    url = reverse("campaigns:review_create", kwargs={"code": movement.code})
    response = client.post(url, {"kind": "final", "date": "01/01/2099", "results": "Kết quả"})
    assert "sau khi diễn ra" in response.content.decode()
    response = client.post(
        url,
        {
            "kind": "preliminary",
            "date": "15/06/2023",
            "results": "Sơ kết 3 năm: 45 xã đạt chuẩn nông thôn mới.",
        },
    )
    assert response.status_code == 302
    review = movement.reviews.get()
    assert review.date.isoformat() == "2023-06-15"
    page = client.get(movement.get_absolute_url()).content.decode()
    assert "45 xã đạt chuẩn" in page
    assert (
        client_for(world.user("editor_a"))
        .post(url, {"kind": "final", "date": "15/06/2023", "results": "x"})
        .status_code
        == 403
    )


def test_pledges_need_two_units_or_a_bloc_and_units_of_that_bloc(world, client_for, movement):
    bloc = EmulationBloc.objects.create(
        code="vhxh", name="Khối Văn hóa - Xã hội", head_unit=world.dept_a
    )
    world.dept_a.bloc = bloc
    world.dept_a.save()
    client = client_for(world.user("home_affairs"))
    url = reverse("campaigns:pledge_create")
    base = {
        "title": "Giao ước thi đua năm 2025",
        "year": 2025,
        "signed_on": "10/02/2025",
        "content": "Hoàn thành xuất sắc nhiệm vụ; mỗi đơn vị có ít nhất 1 điển hình.",
    }
    response = client.post(url, {**base, "units": [world.dept_a.pk]})
    assert "ít nhất hai đơn vị" in response.content.decode()
    response = client.post(
        url, {**base, "bloc": bloc.pk, "units": [world.dept_a.pk, world.dept_b.pk]}
    )
    assert "Không thuộc khối" in response.content.decode()
    response = client.post(
        url, {**base, "bloc": bloc.pk, "units": [world.dept_a.pk], "campaign": movement.pk}
    )
    assert response.status_code == 302
    pledge = Pledge.objects.get()
    assert pledge.recorded_by == world.user("home_affairs")
    listing = client_for(world.user("editor_b")).get(
        reverse("campaigns:pledge_list"), {"year": 2025}
    )
    assert [p.pk for p in listing.context["pledges"]] == [pledge.pk]
    assert client_for(world.user("editor_b")).post(url, base).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, movement):
    response = client.get(movement.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
