"""Introductions of outstanding accepted exemplars to the media (plan III.1): Home Affairs
records them; the staff of an outlet's unit then reach the exemplar; the 11 June list."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from campaigns.models import MediaOutlet
from registry.enums import ExemplarStatus as S
from registry.models import Exemplar, Field
from reports.models import MediaIntroduction
from tests.factories.exemplars import ExemplarFactory
from tests.personas import PERSONAS

pytestmark = pytest.mark.integration

JUNE_11 = MediaIntroduction.Occasion.PATRIOTIC_EMULATION_DAY


def accepted(**kwargs):
    exemplar = ExemplarFactory(**kwargs)
    Exemplar.objects.filter(pk=exemplar.pk).update(status=S.ACCEPTED)
    exemplar.refresh_from_db()
    return exemplar


@pytest.fixture
def setup(world):
    """The newspaper of the press unit (37-BPTTH), Sở Y tế's portal; accepted exemplars of
    Sở Y tế (a, health) and Sở GD-ĐT (b, education), and a draft of Sở GD-ĐT."""
    return {
        "newspaper": MediaOutlet.objects.create(
            name="Báo Ninh Bình", kind="newspaper", unit=world.press
        ),
        "portal_a": MediaOutlet.objects.create(
            name="Cổng thông tin Sở Y tế", kind="unit_portal", unit=world.dept_a
        ),
        "a": accepted(unit=world.dept_a, full_name="Đinh Thị Ngọc Lan"),
        "b": accepted(
            unit=world.dept_b,
            full_name="Phạm Thị Thu Hương",
            field=Field.objects.get(code="education-training"),
            year=2026,
        ),
        "draft": ExemplarFactory(unit=world.dept_b, full_name="Vũ Văn Nam"),
    }


def introduce(world, exemplar, outlet, date, occasion=JUNE_11):
    return MediaIntroduction.objects.create(
        exemplar=exemplar,
        outlet=outlet,
        date=date,
        occasion=occasion,
        angle="Bài chân dung",
        created_by=world.user("home_affairs"),
    )


@pytest.fixture
def introductions(world, setup):
    return {
        "b_press": introduce(world, setup["b"], setup["newspaper"], datetime.date(2026, 6, 1)),
        "a_portal": introduce(
            world,
            setup["a"],
            setup["portal_a"],
            datetime.date(2025, 9, 2),
            MediaIntroduction.Occasion.ROUTINE,
        ),
    }


def form_data(exemplar, outlet, **overrides):
    return {
        "exemplar": exemplar.pk,
        "outlet": outlet.pk,
        "date": "01/06/2026",
        "occasion": JUNE_11,
        "angle": "Phóng sự về câu lạc bộ đọc sách",
        **overrides,
    }


def rows_of(response):
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_media_reaches_an_exemplar_of_another_unit_once_introduced_to_its_outlet(
    world, client_for, setup
):
    media = world.user("media")
    exemplar = setup["b"]
    page = exemplar.get_absolute_url()
    assert exemplar not in Exemplar.objects.restrict(media)
    assert client_for(media).get(page).status_code == 404
    # Introduced to another unit's outlet: still out of reach.
    introduce(world, exemplar, setup["portal_a"], datetime.date(2026, 6, 1))
    assert exemplar not in Exemplar.objects.restrict(media)
    assert not media.has_perm("registry.view_exemplar", exemplar)
    introduce(world, exemplar, setup["newspaper"], datetime.date(2026, 6, 1))
    media = type(media).objects.get(pk=media.pk)  # a new request: a fresh reach
    assert exemplar in Exemplar.objects.restrict(media)
    assert client_for(media).get(page).status_code == 200
    # Only that exemplar: Sở Y tế's stays out of reach.
    assert setup["a"] not in Exemplar.objects.restrict(media)
    # Others do not gain anything by it.
    assert exemplar not in Exemplar.objects.restrict(world.user("editor_a"))


# Who reads which introduction: the exemplar's unit, the outlet's unit, those who read all.
ALL_READERS = {"home_affairs", "leader", "administrator"}
READS = {
    "b_press": {"editor_b", "media"} | ALL_READERS,
    "a_portal": {"editor_a", "head_a"} | ALL_READERS,
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_list_and_detail_keep_to_the_reach(world, client_for, introductions, persona):
    client = client_for(world.user(persona))
    response = client.get(reverse("reports:introduction_list"))
    assert response.status_code == 200
    shown = {i.pk for i in response.context["introductions"]}
    assert shown == {introductions[k].pk for k, readers in READS.items() if persona in readers}
    for key, introduction in introductions.items():
        expected = 200 if persona in READS[key] else 404
        assert client.get(introduction.get_absolute_url()).status_code == expected, key


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_home_affairs_introduces(world, client_for, setup, introductions, persona):
    client = client_for(world.user(persona))
    allowed = persona == "home_affairs"
    url = reverse("reports:introduction_create")
    assert client.get(url).status_code == (200 if allowed else 403)
    response = client.post(url, form_data(setup["a"], setup["newspaper"]))
    assert response.status_code == (302 if allowed else 403)
    created = MediaIntroduction.objects.filter(exemplar=setup["a"], outlet=setup["newspaper"])
    assert created.exists() is allowed
    if allowed:
        assert created.get().created_by == world.user("home_affairs")
    update = reverse("reports:introduction_update", kwargs={"pk": introductions["b_press"].pk})
    expected = 200 if allowed else (403 if persona in READS["b_press"] else 404)
    assert client.get(update).status_code == expected


def test_bad_input_keeps_what_was_typed(world, client_for, setup, introductions):
    client = client_for(world.user("home_affairs"))
    url = reverse("reports:introduction_create")
    # The same exemplar, outlet and day again.
    response = client.post(url, form_data(setup["b"], setup["newspaper"], angle="Góc nhìn gõ lại"))
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "Góc nhìn gõ lại" in response.content.decode()
    # A draft is not introduced.
    response = client.post(url, form_data(setup["draft"], setup["newspaper"]))
    assert "exemplar" in response.context["form"].errors
    assert MediaIntroduction.objects.count() == 2


def test_the_11_june_list_is_one_click_away(world, client_for, setup, introductions):
    introduce(
        world,
        setup["a"],
        setup["newspaper"],
        datetime.date(2026, 3, 26),
        MediaIntroduction.Occasion.ROUTINE,
    )
    client = client_for(world.user("home_affairs"))
    url = reverse("reports:introduction_list")
    response = client.get(url)
    html = response.content.decode()
    year = response.context["this_year"]
    assert f'href="?occasion={JUNE_11.value}&amp;year={year}"' in html
    response = client.get(url, {"occasion": JUNE_11.value, "year": 2026})
    assert [i.pk for i in response.context["introductions"]] == [introductions["b_press"].pk]


def test_list_filters_by_year_and_field(world, client_for, setup, introductions):
    client = client_for(world.user("leader"))
    url = reverse("reports:introduction_list")

    def shown(**params):
        return {i.pk for i in client.get(url, params).context["introductions"]}

    assert shown(year=2025) == {introductions["a_portal"].pk}
    assert shown(field="education-training") == {introductions["b_press"].pk}
    assert shown(q="ngoc lan") == {introductions["a_portal"].pk}
    assert shown(outlet=setup["newspaper"].pk) == {introductions["b_press"].pk}


def test_export_keeps_to_the_users_reach(world, client_for, introductions):
    url = reverse("reports:introduction_list")
    rows = rows_of(client_for(world.user("media")).get(url, {"export": "xlsx"}))
    assert len(rows) == 2
    assert rows[1][1] == "Phạm Thị Thu Hương" and rows[1][4] == "Báo Ninh Bình"
    rows = rows_of(client_for(world.user("home_affairs")).get(url, {"export": "xlsx"}))
    assert len(rows) == 3


def test_pages_ask_for_a_login(client, introductions):
    for url in (
        reverse("reports:introduction_list"),
        reverse("reports:introduction_create"),
        introductions["b_press"].get_absolute_url(),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


def test_history_shows_who_changed_what(world, client_for, setup, introductions):
    introduction = introductions["b_press"]
    client = client_for(world.user("home_affairs"))
    url = reverse("reports:introduction_update", kwargs={"pk": introduction.pk})
    data = form_data(setup["b"], setup["newspaper"], angle="Nhấn mạnh văn hóa đọc")
    assert client.post(url, data).status_code == 302
    response = client.get(introduction.get_absolute_url())
    history = response.context["history"]
    assert history[0]["entry"].history_user == world.user("home_affairs")
    changes = {str(label): new for label, _old, new in history[0]["changes"]}
    label = str(MediaIntroduction._meta.get_field("angle").verbose_name)
    assert changes[label] == "Nhấn mạnh văn hóa đọc"
