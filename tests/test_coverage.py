"""Media coverage (plan III.1): outlets log news items, articles and programmes about accepted
exemplars; columns show their output over time; media staff reach what they covered."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from campaigns.data.outlets import OUTLETS, load_outlets
from campaigns.models import Column, Coverage, MediaOutlet
from campaigns.rules.coverage import coverable_exemplars, outlets_run_by
from campaigns.selectors import column_output, month_starts
from exemplar_portal.base.forms import CHOOSE
from registry.enums import ExemplarStatus as S
from registry.models import Exemplar
from tests.factories.exemplars import ExemplarFactory
from tests.personas import PERSONAS

pytestmark = pytest.mark.integration


def accepted(**kwargs):
    exemplar = ExemplarFactory(**kwargs)
    Exemplar.objects.filter(pk=exemplar.pk).update(status=S.ACCEPTED)
    exemplar.refresh_from_db()
    return exemplar


@pytest.fixture
def setup(world):
    """Outlets of the press (37-BPTTH) and of two departments; accepted and draft exemplars."""
    newspaper = MediaOutlet.objects.create(
        name="Báo Ninh Bình", kind=MediaOutlet.Kind.NEWSPAPER, unit=world.press
    )
    broadcaster = MediaOutlet.objects.create(
        name="Phát thanh - Truyền hình Ninh Bình",
        kind=MediaOutlet.Kind.BROADCASTER,
        unit=world.press,
    )
    portal_a = MediaOutlet.objects.create(
        name="Trang thông tin điện tử Sở Y tế", kind=MediaOutlet.Kind.UNIT_PORTAL, unit=world.dept_a
    )
    portal_b = MediaOutlet.objects.create(
        name="Trang thông tin điện tử Sở Giáo dục và Đào tạo",
        kind=MediaOutlet.Kind.UNIT_PORTAL,
        unit=world.dept_b,
    )
    start = datetime.date(2024, 1, 1)
    columns = {
        "newspaper": Column.objects.create(
            outlet=newspaper, name="Điển hình tiên tiến - Nhân tố mới", started_on=start
        ),
        "broadcaster": Column.objects.create(
            outlet=broadcaster,
            name="Người tốt - Việc tốt",
            kind=Column.Kind.PROGRAMME,
            started_on=start,
        ),
        "portal_a": Column.objects.create(
            outlet=portal_a, name="Gương sáng ngành Y", started_on=start
        ),
    }
    exemplars = {
        "a": accepted(unit=world.dept_a, full_name="Đinh Thị Ngọc Lan"),
        "b": accepted(
            unit=world.dept_b,
            full_name="Trần Thị Thu Hương",
            workplace="Trường THPT Lương Văn Tụy",
            contact_phone="0912 345 678",
        ),
        "commune": accepted(unit=world.commune_a, full_name="Bùi Văn Toàn"),
        "draft_b": ExemplarFactory(unit=world.dept_b, full_name="Lê Văn Nháp"),
    }
    return {
        "outlets": {
            "newspaper": newspaper,
            "broadcaster": broadcaster,
            "portal_a": portal_a,
            "portal_b": portal_b,
        },
        "columns": columns,
        "exemplars": exemplars,
    }


def log(outlet, *exemplars, by, title, column=None, published_on=datetime.date(2025, 5, 14)):
    item = Coverage.objects.create(
        outlet=outlet,
        column=column,
        kind=Coverage.Kind.ARTICLE,
        published_on=published_on,
        title=title,
        recorded_by=by,
    )
    item.exemplars.set(exemplars)
    return item


@pytest.fixture
def items(world, setup):
    """One item of the newspaper, one of Sở Y tế's portal, one on a commune's exemplar."""
    outlets, exemplars = setup["outlets"], setup["exemplars"]
    return {
        "press": log(
            outlets["newspaper"],
            exemplars["b"],
            by=world.user("media"),
            title="Cô giáo Trần Thị Thu Hương và lớp học không khoảng cách",
            column=setup["columns"]["newspaper"],
        ),
        "portal_a": log(
            outlets["portal_a"],
            exemplars["a"],
            by=world.user("editor_a"),
            title="Trưởng khoa Nhi tận tụy với bệnh nhi",
        ),
        "commune": log(
            outlets["broadcaster"],
            exemplars["commune"],
            by=world.user("media"),
            title="Thương binh làm kinh tế giỏi ở Gia Vân",
        ),
    }


# Who reaches which item: the outlet's unit, the units of its exemplars (and the district over
# a commune), and those who read every unit. Who changes it: the outlet's staff, Home Affairs.
READS = {
    "press": {"media", "editor_b", "home_affairs", "leader", "administrator"},
    "portal_a": {"editor_a", "head_a", "home_affairs", "leader", "administrator"},
    "commune": {
        "media",
        "commune_editor",
        "district_reviewer",
        "home_affairs",
        "leader",
        "administrator",
    },
}
WRITES = {
    "press": {"media", "home_affairs", "administrator"},
    "portal_a": {"editor_a", "head_a", "home_affairs", "administrator"},
    "commune": {"media", "home_affairs", "administrator"},
}
LOGGERS = {"editor_a", "head_a", "editor_b", "media", "home_affairs", "administrator"}


def form_data(outlet, *exemplars, **overrides):
    return {
        "outlet": outlet.pk,
        "column": "",
        "kind": "article",
        "published_on": "14/05/2025",
        "title": "Người giữ lửa nghề giáo ở vùng chiêm trũng",
        "url": "https://baoninhbinh.org.vn/nguoi-giu-lua-nghe-giao",
        "authors": "Thu Trang",
        "exemplars": [e.pk for e in exemplars],
        "event": "",
        "summary": "",
        **overrides,
    }


def rows_of(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("persona", PERSONAS)
def test_list_shows_only_the_coverage_within_reach(world, client_for, items, persona):
    response = client_for(world.user(persona)).get(reverse("campaigns:coverage_list"))
    assert response.status_code == 200
    shown = {item.pk for item in response.context["items"]}
    assert shown == {items[key].pk for key, readers in READS.items() if persona in readers}


@pytest.mark.parametrize("key", ["press", "portal_a", "commune"])
@pytest.mark.parametrize("persona", PERSONAS)
def test_detail_edit_and_delete_follow_reach_and_role(world, client_for, items, persona, key):
    item = items[key]
    client = client_for(world.user(persona))
    reads, writes = persona in READS[key], persona in WRITES[key]
    forbidden = 403 if reads else 404

    response = client.get(reverse("campaigns:coverage_detail", kwargs={"pk": item.pk}))
    assert response.status_code == (200 if reads else 404)
    if reads:
        assert response.context["can_change"] is writes
        assert response.context["can_delete"] is writes
    update = reverse("campaigns:coverage_update", kwargs={"pk": item.pk})
    delete = reverse("campaigns:coverage_delete", kwargs={"pk": item.pk})
    assert client.get(update).status_code == (200 if writes else forbidden)
    assert client.get(delete).status_code == (200 if writes else forbidden)
    if writes:
        return
    # Forbidden writes change nothing.
    data = form_data(item.outlet, *item.exemplars.all(), title="Đã bị sửa")
    assert client.post(update, data).status_code == forbidden
    assert client.post(delete).status_code == forbidden
    item.refresh_from_db()
    assert item.title != "Đã bị sửa"


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_log_coverage(world, client_for, setup, persona):
    response = client_for(world.user(persona)).get(reverse("campaigns:coverage_create"))
    assert response.status_code == (200 if persona in LOGGERS else 403)


def test_each_logger_picks_among_their_outlets_and_exemplars(world, setup):
    outlets, exemplars = setup["outlets"], setup["exemplars"]
    accepted_all = {exemplars["a"], exemplars["b"], exemplars["commune"]}
    expected = {
        "media": ({outlets["newspaper"], outlets["broadcaster"]}, accepted_all),
        "home_affairs": (set(outlets.values()), accepted_all),
        "editor_a": ({outlets["portal_a"]}, {exemplars["a"]}),
        "editor_b": ({outlets["portal_b"]}, {exemplars["b"]}),
        "commune_editor": (set(), {exemplars["commune"]}),
        "leader": (set(), set()),
    }
    for persona, (own_outlets, exemplar_choices) in expected.items():
        user = world.user(persona)
        assert set(outlets_run_by(user)) == own_outlets, persona
        assert set(coverable_exemplars(user)) == exemplar_choices, persona
    # An outlet made inactive is offered to nobody.
    MediaOutlet.objects.filter(pk=outlets["broadcaster"].pk).update(is_active=False)
    assert set(outlets_run_by(world.user("media"))) == {outlets["newspaper"]}


def test_media_logs_an_article_on_another_units_exemplar_then_reaches_it(world, client_for, setup):
    media = world.user("media")
    client = client_for(media)
    exemplar, other = setup["exemplars"]["b"], setup["exemplars"]["a"]
    page = reverse("registry:exemplar_detail", kwargs={"code": exemplar.code})
    assert client.get(page).status_code == 404
    assert not media.has_perm("registry.view_exemplar", exemplar)

    # The exemplar page's link brings the exemplar along.
    create = reverse("campaigns:coverage_create")
    response = client.get(create, {"exemplar": exemplar.code})
    assert response.context["form"].initial["exemplars"] == [exemplar]
    assert response.context["exemplar"] == exemplar
    column = setup["columns"]["newspaper"]
    response = client.post(
        create,
        form_data(setup["outlets"]["newspaper"], exemplar, column=column.pk, kind="reportage"),
    )
    item = Coverage.objects.get(title="Người giữ lửa nghề giáo ở vùng chiêm trũng")
    assert response.status_code == 302
    assert response["Location"] == item.get_absolute_url()
    assert (item.recorded_by, item.column, item.kind) == (media, column, "reportage")
    assert list(item.exemplars.all()) == [exemplar]
    assert item.published_on == datetime.date(2025, 5, 14)

    # Now the exemplar is within reach: its page, the list and the rule agree.
    media = type(media).objects.get(pk=media.pk)  # a fresh user: no cached reach
    response = client_for(media).get(page)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="exemplar-coverage"' in html and item.title in html
    assert media.has_perm("registry.view_exemplar", exemplar)
    assert set(Exemplar.objects.restrict(media)) == {exemplar}
    listed = client.get(reverse("registry:exemplar_list")).context["exemplars"]
    assert [e.pk for e in listed] == [exemplar.pk]
    # Reaching it opens no personal data.
    assert not media.has_perm("registry.view_personal_data_exemplar", exemplar)
    assert "0912 345 678" not in html
    # An exemplar no outlet of the unit covered stays out of reach.
    other_page = reverse("registry:exemplar_detail", kwargs={"code": other.code})
    assert client.get(other_page).status_code == 404
    assert not media.has_perm("registry.view_exemplar", other)


def test_coverage_by_another_units_outlet_widens_no_ones_reach(world, setup, items):
    """Only media staff reach through coverage, and only through their own unit's outlets."""
    portal_b_item = log(
        setup["outlets"]["portal_b"],
        setup["exemplars"]["a"],
        by=world.user("home_affairs"),
        title="Bài trên trang Sở GD&ĐT",
    )
    editor_b = world.user("editor_b")
    assert portal_b_item.exemplars.get() not in Exemplar.objects.restrict(editor_b)
    assert not editor_b.has_perm("registry.view_exemplar", setup["exemplars"]["a"])
    media = world.user("media")
    assert setup["exemplars"]["a"] not in Exemplar.objects.restrict(media)
    assert set(Exemplar.objects.restrict(media)) == {
        setup["exemplars"]["b"],
        setup["exemplars"]["commune"],
    }
    # Those who read every unit still do.
    assert Exemplar.objects.restrict(world.user("home_affairs")).count() == 4


def test_media_cannot_pick_a_draft_or_another_outlets_column(world, client_for, setup):
    client = client_for(world.user("media"))
    url = reverse("campaigns:coverage_create")
    outlets, columns, exemplars = setup["outlets"], setup["columns"], setup["exemplars"]
    cases = [
        ("exemplars", form_data(outlets["newspaper"], exemplars["draft_b"])),
        (
            "column",
            form_data(outlets["newspaper"], exemplars["b"], column=columns["broadcaster"].pk),
        ),
        ("column", form_data(outlets["newspaper"], exemplars["b"], column=columns["portal_a"].pk)),
        ("outlet", form_data(outlets["portal_a"], exemplars["b"])),
        ("exemplars", form_data(outlets["newspaper"])),
    ]
    for field, data in cases:
        response = client.post(url, data)
        assert response.status_code == 200
        assert field in response.context["form"].errors, (field, data)
    assert not Coverage.objects.exists()


def test_unit_editor_logs_on_its_own_portal_only(world, client_for, setup):
    client = client_for(world.user("editor_a"))
    url = reverse("campaigns:coverage_create")
    outlets, exemplars = setup["outlets"], setup["exemplars"]
    form = client.get(url).context["form"]
    assert list(form.fields["outlet"].queryset) == [outlets["portal_a"]]
    assert list(form.fields["column"].queryset) == [setup["columns"]["portal_a"]]
    assert list(form.fields["exemplars"].queryset) == [exemplars["a"]]

    assert (
        "outlet"
        in client.post(url, form_data(outlets["newspaper"], exemplars["a"])).context["form"].errors
    )
    assert (
        "exemplars"
        in client.post(url, form_data(outlets["portal_a"], exemplars["b"])).context["form"].errors
    )
    # Another unit's exemplar is not prefilled from the link either.
    response = client.get(url, {"exemplar": exemplars["b"].code})
    assert "exemplars" not in response.context["form"].initial
    assert not world.user("editor_a").has_perm("campaigns.cover_exemplar", exemplars["b"])
    assert world.user("editor_a").has_perm("campaigns.cover_exemplar", exemplars["a"])

    response = client.post(
        url, form_data(outlets["portal_a"], exemplars["a"], column=setup["columns"]["portal_a"].pk)
    )
    assert response.status_code == 302
    item = Coverage.objects.get()
    assert (item.outlet, item.recorded_by) == (outlets["portal_a"], world.user("editor_a"))


def test_bad_input_keeps_what_was_typed(world, client_for, setup):
    client = client_for(world.user("media"))
    url = reverse("campaigns:coverage_create")
    newspaper, exemplar = setup["outlets"]["newspaper"], setup["exemplars"]["b"]
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    cases = [
        ("url", {"url": "ftp://baoninhbinh.org.vn/bai-viet"}),
        ("url", {"url": "javascript:alert(1)"}),
        ("url", {"url": "không phải địa chỉ"}),
        ("title", {"title": "  "}),
        ("published_on", {"published_on": "31/02/2025"}),
        ("published_on", {"published_on": ""}),
        ("published_on", {"published_on": tomorrow.strftime("%d/%m/%Y")}),
    ]
    for field, overrides in cases:
        data = form_data(newspaper, exemplar, authors="Tác giả giữ lại", **overrides)
        response = client.post(url, data)
        assert response.status_code == 200
        assert set(response.context["form"].errors) == {field}, overrides
        html = response.content.decode()
        assert "Tác giả giữ lại" in html
        for value in overrides.values():
            if value.strip():
                assert f'value="{value}"' in html.replace("&#x27;", "'"), value
    assert not Coverage.objects.exists()
    # A link without its scheme is taken as https.
    client.post(url, form_data(newspaper, exemplar, url="baoninhbinh.org.vn/bai-viet"))
    assert Coverage.objects.get().url == "https://baoninhbinh.org.vn/bai-viet"


def test_exemplar_page_lists_its_coverage(world, client_for, items, setup):
    exemplar = setup["exemplars"]["a"]
    response = client_for(world.user("head_a")).get(
        reverse("registry:exemplar_detail", kwargs={"code": exemplar.code})
    )
    html = response.content.decode()
    section = html[html.index('id="exemplar-coverage"') :]
    section = section[: section.index("</ul>")]
    assert items["portal_a"].title in section
    assert items["press"].title not in section


def test_editing_keeps_the_exemplars_and_event_out_of_the_editors_reach(world, client_for, setup):
    """Home Affairs named another unit's exemplar on Sở Y tế's item; the unit's edit keeps it."""
    exemplars = setup["exemplars"]
    item = log(
        setup["outlets"]["portal_a"],
        exemplars["a"],
        exemplars["b"],
        by=world.user("home_affairs"),
        title="Hai tấm gương của ngành Y tế và Giáo dục",
    )
    client = client_for(world.user("editor_a"))
    update = reverse("campaigns:coverage_update", kwargs={"pk": item.pk})
    form = client.get(update).context["form"]
    assert list(form.fields["exemplars"].queryset) == [exemplars["a"]]
    response = client.post(
        update, form_data(item.outlet, exemplars["a"], title="Hai tấm gương (cập nhật)")
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "Hai tấm gương (cập nhật)"
    assert set(item.exemplars.all()) == {exemplars["a"], exemplars["b"]}
    # The detail page names only the exemplars the viewer reaches.
    detail = client.get(item.get_absolute_url())
    assert list(detail.context["exemplars"]) == [exemplars["a"]]


def test_delete_asks_first_and_keeps_the_history(world, client_for, items):
    item = items["press"]
    client = client_for(world.user("media"))
    url = reverse("campaigns:coverage_delete", kwargs={"pk": item.pk})
    response = client.get(url)
    assert response.status_code == 200 and item.title in response.content.decode()
    assert Coverage.objects.filter(pk=item.pk).exists()
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("campaigns:coverage_list")
    assert not Coverage.objects.filter(pk=item.pk).exists()
    deleted = Coverage.history.filter(id=item.pk, history_type="-").get()
    assert deleted.history_user == world.user("media")


def test_history_shows_who_changed_what(world, client_for, setup):
    client = client_for(world.user("media"))
    newspaper, exemplar = setup["outlets"]["newspaper"], setup["exemplars"]["b"]
    client.post(reverse("campaigns:coverage_create"), form_data(newspaper, exemplar))
    item = Coverage.objects.get()
    client.post(
        reverse("campaigns:coverage_update", kwargs={"pk": item.pk}),
        form_data(newspaper, exemplar, title="Tiêu đề đã sửa"),
    )
    response = client.get(item.get_absolute_url())
    history = response.context["history"]
    assert history[0]["entry"].history_user == world.user("media")
    changes = {str(label): (old, new) for label, old, new in history[0]["changes"]}
    assert changes[str(Coverage._meta.get_field("title").verbose_name)] == (
        "Người giữ lửa nghề giáo ở vùng chiêm trũng",
        "Tiêu đề đã sửa",
    )
    assert history[-1]["entry"].history_type == "+"
    assert "Tiêu đề đã sửa" in response.content.decode()


def test_list_filters(world, client_for, setup, items):
    client = client_for(world.user("home_affairs"))
    url = reverse("campaigns:coverage_list")

    def shown(**params):
        return {item.pk for item in client.get(url, params).context["items"]}

    item = log(
        setup["outlets"]["broadcaster"],
        setup["exemplars"]["a"],
        by=world.user("media"),
        title="Nữ trưởng khoa và phòng khám thân thiện",
        column=setup["columns"]["broadcaster"],
        published_on=datetime.date(2026, 2, 21),
    )
    Coverage.objects.filter(pk=item.pk).update(kind=Coverage.Kind.COLUMN_EPISODE)
    assert shown(q="phong kham than thien") == {item.pk}  # without accents
    assert shown(outlet=setup["outlets"]["newspaper"].pk) == {items["press"].pk}
    assert shown(kind="column_episode") == {item.pk}
    assert shown(column=setup["columns"]["broadcaster"].pk) == {item.pk}
    assert shown(year=2026) == {item.pk}
    assert shown(year=2025, month=5) == {i.pk for i in items.values()}
    assert shown(month=2) == {item.pk}
    assert shown(unit="37-SYT") == {items["portal_a"].pk, item.pk}
    assert shown(unit="373-GIAVAN") == {items["commune"].pk}
    # A unit filter only offers the units of covered exemplars the user reaches.
    form = client_for(world.user("editor_b")).get(url).context["filter_form"]
    assert [u.code for u in form.fields["unit"].queryset] == ["37-SGDDT"]


def test_export_keeps_to_the_users_reach(world, client_for, setup, items):
    # The newspaper's item also covers Sở Y tế's exemplar, which editor_b does not reach.
    items["press"].exemplars.add(setup["exemplars"]["a"])
    url = reverse("campaigns:coverage_list")
    rows = rows_of(client_for(world.user("editor_b")).get(url, {"export": "xlsx"}))
    assert len(rows) == 2
    published_on, title, _kind, outlet, column, exemplars, *_rest = rows[1]
    assert (published_on.date(), title) == (datetime.date(2025, 5, 14), items["press"].title)
    assert (outlet, column) == ("Báo Ninh Bình", "Điển hình tiên tiến - Nhân tố mới")
    assert exemplars == "Trần Thị Thu Hương"
    rows = rows_of(client_for(world.user("home_affairs")).get(url, {"export": "xlsx"}))
    assert len(rows) == 4
    by_title = {row[1]: row for row in rows[1:]}
    assert set(by_title[items["press"].title][5].split("; ")) == {
        "Trần Thị Thu Hương",
        "Đinh Thị Ngọc Lan",
    }
    rows = rows_of(client_for(world.user("media")).get(url, {"export": "xlsx", "year": 2025}))
    assert {row[1] for row in rows[1:]} == {items["press"].title, items["commune"].title}


def test_month_starts_cross_the_year():
    assert month_starts(datetime.date(2026, 2, 10), count=3) == [
        datetime.date(2025, 12, 1),
        datetime.date(2026, 1, 1),
        datetime.date(2026, 2, 1),
    ]
    assert len(month_starts(datetime.date(2026, 11, 25))) == 12


def test_column_output_counts_months_and_years(world, setup):
    column = setup["columns"]["newspaper"]
    newspaper, exemplar = setup["outlets"]["newspaper"], setup["exemplars"]["b"]
    for day in [
        datetime.date(2024, 5, 5),
        datetime.date(2025, 11, 30),  # just before the twelve months
        datetime.date(2025, 12, 1),
        datetime.date(2026, 10, 31),
        datetime.date(2026, 11, 3),
        datetime.date(2026, 11, 20),
    ]:
        log(
            newspaper,
            exemplar,
            by=world.user("media"),
            title=f"Bài {day}",
            column=column,
            published_on=day,
        )
    log(newspaper, exemplar, by=world.user("media"), title="Ngoài chuyên mục")
    output = column_output(column, today=datetime.date(2026, 11, 25))
    monthly = dict(output["monthly"])
    months = list(monthly)
    assert (months[0], months[-1]) == (datetime.date(2025, 12, 1), datetime.date(2026, 11, 1))
    assert monthly[datetime.date(2025, 12, 1)] == 1
    assert monthly[datetime.date(2026, 10, 1)] == 1
    assert monthly[datetime.date(2026, 11, 1)] == 2
    assert sum(monthly.values()) == output["monthly_total"] == 4
    assert output["monthly_peak"] == 2
    assert output["yearly"] == [(2024, 1), (2025, 2), (2026, 3)]
    assert output["yearly_total"] == 6


def test_column_page_shows_its_output_and_its_items_within_reach(world, client_for, setup, items):
    column = setup["columns"]["newspaper"]
    today = timezone.localdate()
    log(
        setup["outlets"]["newspaper"],
        setup["exemplars"]["a"],
        by=world.user("media"),
        title="Bài tháng này",
        column=column,
        published_on=today,
    )
    url = reverse("campaigns:column_detail", kwargs={"pk": column.pk})
    response = client_for(world.user("editor_b")).get(url)
    assert response.status_code == 200
    output = response.context["output"]
    assert output["monthly"][-1] == (today.replace(day=1), 1)
    assert output["yearly_total"] == 2
    # editor_b reaches only the item about its own exemplar.
    assert [item.pk for item in response.context["items"]] == [items["press"].pk]
    html = response.content.decode()
    assert 'id="column-output-monthly"' in html and "<meter" in html
    assert response.context["can_change"] is False and response.context["can_log"] is False
    media_page = client_for(world.user("media")).get(url)
    assert media_page.context["can_change"] is True and media_page.context["can_log"] is True
    assert f"?column={column.pk}" in media_page.content.decode()


COLUMN_KEEPERS = {"media", "home_affairs", "administrator"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_keeps_columns(world, client_for, setup, persona):
    client = client_for(world.user(persona))
    column = setup["columns"]["newspaper"]
    allowed = persona in COLUMN_KEEPERS
    assert client.get(reverse("campaigns:column_list")).status_code == 200
    assert client.get(column.get_absolute_url()).status_code == 200
    assert client.get(reverse("campaigns:column_create")).status_code == (200 if allowed else 403)
    update = reverse("campaigns:column_update", kwargs={"pk": column.pk})
    assert client.get(update).status_code == (200 if allowed else 403)
    response = client.post(
        update,
        {"name": "Điển hình tiên tiến - Nhân tố mới", "kind": "page", "started_on": "01/01/2024"},
    )
    assert response.status_code == (302 if allowed else 403)
    column.refresh_from_db()
    assert (column.kind == "page") is allowed
    assert column.outlet == setup["outlets"]["newspaper"]


def test_media_opens_a_column_on_its_own_outlets_only(world, client_for, setup):
    client = client_for(world.user("media"))
    url = reverse("campaigns:column_create")
    data = {"name": "Gương sáng giữa đời thường", "kind": "column", "started_on": "02/01/2026"}
    response = client.post(url, {**data, "outlet": setup["outlets"]["portal_a"].pk})
    assert "outlet" in response.context["form"].errors
    response = client.post(
        url, {**data, "outlet": setup["outlets"]["broadcaster"].pk, "ended_on": "01/01/2026"}
    )
    assert set(response.context["form"].errors) == {"ended_on"}
    assert 'value="Gương sáng giữa đời thường"' in response.content.decode()
    response = client.post(
        url,
        {
            **data,
            "outlet": setup["outlets"]["newspaper"].pk,
            "name": "ĐIỂN HÌNH tiên tiến - Nhân tố mới",
        },
    )
    assert "name" in response.context["form"].errors  # the same name, whatever the case
    response = client.post(url, {**data, "outlet": setup["outlets"]["broadcaster"].pk})
    column = Column.objects.get(name="Gương sáng giữa đời thường")
    assert response["Location"] == column.get_absolute_url()
    assert column.history.get().history_user == world.user("media")
    # The column's page records it; an edit cannot move it to another outlet.
    client.post(
        reverse("campaigns:column_update", kwargs={"pk": column.pk}),
        {
            **data,
            "outlet": setup["outlets"]["newspaper"].pk,
            "description": "Phát sóng tối thứ Bảy",
        },
    )
    column.refresh_from_db()
    assert column.outlet == setup["outlets"]["broadcaster"]
    assert column.description == "Phát sóng tối thứ Bảy"
    history = client.get(column.get_absolute_url()).context["history"]
    assert [str(label) for label, _old, _new in history[0]["changes"]] == [
        str(Column._meta.get_field("description").verbose_name)
    ]


def test_a_new_columns_outlet_is_chosen_when_the_user_runs_only_one(world, client_for, setup):
    client = client_for(world.user("media"))
    url = reverse("campaigns:column_create")
    outlet = client.get(url).context["form"]["outlet"]
    # The empty choice in words, not Django's "---------" (registry.forms.BootstrapFormMixin).
    assert [str(label) for _value, label in outlet.field.choices] == [
        str(CHOOSE),
        "Báo Ninh Bình",
        "Phát thanh - Truyền hình Ninh Bình",
    ]
    MediaOutlet.objects.filter(pk=setup["outlets"]["broadcaster"].pk).update(is_active=False)
    outlet = client.get(url).context["form"]["outlet"]
    assert [label for _value, label in outlet.field.choices] == ["Báo Ninh Bình"]
    assert str(outlet).count("<option") == 1  # the browser sends it without a choice


def test_column_list_filters_and_export(world, client_for, setup, items):
    client = client_for(world.user("editor_b"))
    url = reverse("campaigns:column_list")
    Column.objects.filter(pk=setup["columns"]["portal_a"].pk).update(
        ended_on=datetime.date(2025, 12, 31)
    )
    names = lambda **params: [c.name for c in client.get(url, params).context["columns"]]  # noqa: E731
    assert names(q="viec tot") == names(q="Việc TỐT") == ["Người tốt - Việc tốt"]
    assert names(outlet=setup["outlets"]["newspaper"].pk) == ["Điển hình tiên tiến - Nhân tố mới"]
    assert names(kind="programme") == ["Người tốt - Việc tốt"]
    assert names(running="no") == ["Gương sáng ngành Y"]
    assert len(names(running="yes")) == 2
    rows = rows_of(client.get(url, {"export": "xlsx"}))
    counts = {row[0]: row[5] for row in rows[1:]}
    # A column's output is public: every item counts, whoever looks.
    assert counts == {
        "Người tốt - Việc tốt": 0,
        "Điển hình tiên tiến - Nhân tố mới": 1,
        "Gương sáng ngành Y": 0,
    }


def test_load_outlets_is_idempotent(world, capsys):
    report = load_outlets()
    # The test world has no provincial People's Committee office, hence no provincial portal.
    assert report.missing_units == ("37-VP-UBND",)
    assert report.created == len(OUTLETS) - 1
    newspaper = MediaOutlet.objects.get(name="Báo Ninh Bình")
    assert (newspaper.unit, newspaper.kind) == (world.press, "newspaper")
    assert MediaOutlet.objects.get(name="Trang thông tin điện tử Sở Y tế").unit == world.dept_a
    history = MediaOutlet.history.count()
    call_command("load_outlets")
    assert "37-VP-UBND" in capsys.readouterr().out
    assert MediaOutlet.objects.count() == len(OUTLETS) - 1
    assert MediaOutlet.history.count() == history
    # What administrators change beyond the data stays; what the data says comes back.
    MediaOutlet.objects.filter(pk=newspaper.pk).update(kind="publication", is_active=False)
    report = load_outlets()
    assert (report.created, report.updated) == (0, 1)
    newspaper.refresh_from_db()
    assert (newspaper.kind, newspaper.is_active) == ("newspaper", False)


def test_load_outlets_needs_the_units(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("load_outlets")


def test_pages_ask_for_a_login(client, setup, items):
    for url in [
        reverse("campaigns:coverage_list"),
        reverse("campaigns:coverage_create"),
        items["press"].get_absolute_url(),
        reverse("campaigns:coverage_delete", kwargs={"pk": items["press"].pk}),
        reverse("campaigns:column_list"),
        setup["columns"]["newspaper"].get_absolute_url(),
    ]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


def test_list_query_count_does_not_grow(
    world, client_for, setup, items, django_assert_max_num_queries
):
    def more(count):
        for number in range(count):
            log(
                setup["outlets"]["broadcaster"],
                setup["exemplars"]["a"],
                setup["exemplars"]["b"],
                by=world.user("media"),
                title=f"Người tốt - Việc tốt số {number}",
                column=setup["columns"]["broadcaster"],
            )

    more(1)
    client = client_for(world.user("media"))
    urls = [reverse("campaigns:coverage_list"), setup["columns"]["broadcaster"].get_absolute_url()]
    counts = []
    for url in urls:
        client.get(url)  # the session's first save is not the page's
        with django_assert_max_num_queries(25) as few:
            client.get(url)
        counts.append(len(few.captured_queries))
    more(6)
    for url, count in zip(urls, counts, strict=True):
        with django_assert_max_num_queries(count):
            response = client.get(url)
        assert len(response.context["items"]) >= 6
