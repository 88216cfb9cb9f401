"""Budgets (plan V): each unit's yearly estimate per item and the spending recorded against
it; Home Affairs, leaders, administrators and the finance department read every unit's
totals."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import load_workbook

from campaigns.models import BudgetEstimate, BudgetItem, BudgetSpending
from registry.enums import Role
from tests.factories import UnitFactory, UserFactory
from tests.personas import PERSONAS

pytestmark = pytest.mark.integration

YEAR = 2025  # every test unit exists in 2025 (districts and communes end with it)
M = 1_000_000
TOTALS_READERS = {"home_affairs", "leader", "administrator", "finance"}
READS = {
    "dept_a": {"editor_a", "head_a", *TOTALS_READERS},
    "commune_a": {"commune_editor", "district_reviewer", *TOTALS_READERS},
}
CHANGES = {"dept_a": {"editor_a", "head_a"}, "commune_a": {"commune_editor"}}
PLAN_ITEMS = [
    "boi-duong-nhan-to-moi",
    "tuyen-truyen",
    "hoi-nghi-ton-vinh",
    "tham-quan-giao-luu",
    "cuoc-thi",
    "khen-thuong",
    "kiem-tra-giam-sat",
    "tap-huan",
    "chi-khac",
]


@pytest.fixture
def finance(world):
    """A unit editor of Sở Tài chính, the finance department (settings: 37-STC)."""
    stc = UnitFactory(code="37-STC", name="Sở Tài chính", parent=world.province)
    return UserFactory(username="finance", unit=stc, role=Role.UNIT_EDITOR)


def person(world, finance, persona):
    return finance if persona == "finance" else world.user(persona)


def item(code):
    return BudgetItem.objects.get(code=code)


def estimate(unit, code, amount, year=YEAR, by=None):
    return BudgetEstimate.objects.create(
        unit=unit,
        year=year,
        item=item(code),
        amount=Decimal(amount),
        updated_by=by or UserFactory(),
    )


def spend(unit, code, amount, on=None, description="Chi hội nghị biểu dương", by=None):
    on = on or datetime.date(YEAR, 5, 15)
    return BudgetSpending.objects.create(
        unit=unit,
        year=on.year,
        item=item(code),
        spent_on=on,
        amount=Decimal(amount),
        description=description,
        recorded_by=by or UserFactory(),
    )


def unit_url(unit, year=YEAR):
    return reverse("campaigns:budget_unit", kwargs={"code": unit.code, "year": year})


def estimate_post(unit, year=YEAR, **amounts):
    """The estimate form as sent: every active item, amounts given by item code."""
    data = {"estimate-TOTAL_FORMS": "0", "estimate-INITIAL_FORMS": "0"}
    for budget_item in BudgetItem.objects.active_in(year):
        prefix = f"estimate-{budget_item.code}"
        value = amounts.get(budget_item.code.replace("-", "_"), "")
        amount, note = value if isinstance(value, tuple) else (value, "")
        data.update({f"{prefix}-item": budget_item.code, f"{prefix}-amount": amount})
        data[f"{prefix}-note"] = note
    return data


def spending_post(**overrides):
    return {
        "item": item("tuyen-truyen").pk,
        "spent_on": f"15/05/{YEAR}",
        "amount": "12.500.000",
        "description": "Đăng chuyên mục gương người tốt việc tốt trên Báo Ninh Bình",
        "voucher": "HĐ 12/2025",
        **overrides,
    }


def xlsx_rows(response):
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    return list(sheet.iter_rows(values_only=True))


def test_the_plan_items_are_seeded(db):
    items = list(BudgetItem.objects.all())
    assert [i.code for i in items] == PLAN_ITEMS
    assert all(i.valid_from == 2023 and i.valid_to is None for i in items)
    assert item("khen-thuong").name.startswith("Khen thưởng")


@pytest.mark.parametrize("key", ["dept_a", "commune_a"])
@pytest.mark.parametrize("persona", [*PERSONAS, "finance"])
def test_pages_and_actions_follow_reach_and_role(world, finance, client_for, persona, key):
    unit = getattr(world, key)
    client = client_for(person(world, finance, persona))
    reads, changes = persona in READS[key], persona in CHANGES[key]
    page = unit_url(unit)

    response = client.get(page)
    assert response.status_code == (200 if reads else 404)
    if reads:
        assert response.context["can_change"] is changes
        assert (response.context["formset"] is not None) is changes
        assert ('name="estimate-tuyen-truyen-amount"' in response.content.decode()) is changes
    assert client.get(page, {"export": "xlsx"}).status_code == (200 if reads else 404)

    response = client.post(page, estimate_post(unit, tuyen_truyen="30.000.000"))
    assert response.status_code == ((302 if changes else 403) if reads else 404)
    assert BudgetEstimate.objects.filter(unit=unit).count() == (1 if changes else 0)

    create = reverse("campaigns:budget_spending_create", kwargs={"code": unit.code, "year": YEAR})
    expected_form = (200 if changes else 403) if reads else 404
    assert client.get(create).status_code == expected_form
    response = client.post(create, spending_post())
    assert response.status_code == ((302 if changes else 403) if reads else 404)
    assert BudgetSpending.objects.filter(unit=unit).count() == (1 if changes else 0)

    payment = spend(unit, "khen-thuong", 5 * M)
    update = reverse("campaigns:budget_spending_update", kwargs={"pk": payment.pk})
    delete = reverse("campaigns:budget_spending_delete", kwargs={"pk": payment.pk})
    assert client.get(update).status_code == expected_form
    assert client.get(delete).status_code == expected_form
    response = client.post(update, spending_post(amount="6.000.000"))
    assert response.status_code == ((302 if changes else 403) if reads else 404)
    payment.refresh_from_db()
    assert payment.amount == (6 * M if changes else 5 * M)
    response = client.post(delete)
    assert response.status_code == ((302 if changes else 403) if reads else 404)
    assert BudgetSpending.objects.filter(pk=payment.pk).exists() is not changes


@pytest.mark.parametrize("persona", [*PERSONAS, "finance"])
def test_landing_page_shows_the_totals_or_the_users_own_unit(world, finance, client_for, persona):
    for unit in (world.dept_a, world.dept_b, world.commune_a, world.commune_b, world.district_a):
        estimate(unit, "tuyen-truyen", 20 * M, year=timezone.localdate().year)
        estimate(unit, "tuyen-truyen", 20 * M, year=YEAR)
    user = person(world, finance, persona)
    response = client_for(user).get(reverse("campaigns:budget_list"), {"year": YEAR})
    if persona in TOTALS_READERS:
        assert response.status_code == 200
        assert {u.code for u in response.context["units"]} == {
            "37-SYT",
            "37-SGDDT",
            "373",
            "373-GIAVAN",
            "376-KIMCHINH",
        }
    elif persona == "district_reviewer":
        assert response.status_code == 200
        assert {u.code for u in response.context["units"]} == {"373", "373-GIAVAN"}
    else:
        # The unit's own budget, in its last year if it has ended (communes end in 2025).
        year = timezone.localdate().year
        if user.unit.last_year:
            year = min(year, user.unit.last_year)
        assert response.status_code == 302
        assert response["Location"] == unit_url(user.unit, year)


def test_landing_page_needs_a_sign_in_and_a_unit(db, client, client_for):
    url = reverse("campaigns:budget_list")
    assert client.get(url).status_code == 302
    assert reverse("login") in client.get(url)["Location"]
    nobody = UserFactory(unit=None, role=Role.UNIT_EDITOR)
    assert client_for(nobody).get(url).status_code == 403


def test_finance_is_the_configured_unit(world, finance, client_for, settings):
    client = client_for(finance)
    estimate(world.dept_a, "tuyen-truyen", 10 * M)
    assert client.get(reverse("campaigns:budget_list")).status_code == 200
    assert client.get(unit_url(world.dept_a)).status_code == 200
    # Its own budget it keeps like any unit.
    response = client.post(unit_url(finance.unit), estimate_post(finance.unit, tap_huan="15000000"))
    assert response.status_code == 302
    assert BudgetEstimate.objects.get(unit=finance.unit).amount == 15 * M

    settings.PORTAL = {**settings.PORTAL, "FINANCE_UNIT_CODE": "37-SKHDT"}
    assert client.get(reverse("campaigns:budget_list"))["Location"] == unit_url(
        finance.unit, timezone.localdate().year
    )
    assert client.get(unit_url(world.dept_a)).status_code == 404


@pytest.fixture
def budgets(world):
    """2025 budgets of three units, and a 2024 one that the 2025 totals leave out."""
    a, b, commune = world.dept_a, world.dept_b, world.commune_a
    estimate(a, "tuyen-truyen", 60 * M)
    estimate(a, "khen-thuong", 120 * M)
    estimate(b, "tuyen-truyen", 40 * M)
    estimate(commune, "hoi-nghi-ton-vinh", 15 * M)
    estimate(a, "tuyen-truyen", 99 * M, year=2024)
    spend(a, "tuyen-truyen", 25 * M)
    spend(a, "tuyen-truyen", 10 * M, description="In ấn phẩm tuyên truyền")
    spend(a, "khen-thuong", 130 * M, description="Tiền thưởng điển hình tiên tiến")
    spend(b, "tap-huan", 5 * M, description="Tập huấn nghiệp vụ thi đua")
    spend(a, "tuyen-truyen", 7 * M, on=datetime.date(2024, 3, 1))


def test_totals_add_up_by_unit_by_item_and_overall(world, client_for, budgets):
    client = client_for(world.user("home_affairs"))
    response = client.get(reverse("campaigns:budget_list"), {"year": YEAR})
    lines = {unit.code: unit.budget for unit in response.context["units"]}
    assert set(lines) == {"37-SYT", "37-SGDDT", "373-GIAVAN"}
    syt, sgddt, commune = lines["37-SYT"], lines["37-SGDDT"], lines["373-GIAVAN"]
    assert (syt.estimate, syt.spent, syt.remaining) == (180 * M, 165 * M, 15 * M)
    assert syt.percent_spent == Decimal("91.7")
    assert (sgddt.estimate, sgddt.spent, sgddt.spent_without_estimate) == (40 * M, 5 * M, True)
    assert (commune.estimate, commune.spent, commune.percent_spent) == (15 * M, 0, 0)
    assert not syt.spent_without_estimate and not commune.spent_without_estimate
    # Sở Y tế's total is within its estimate, but commendation is over its own.
    assert not syt.over_spent and syt.item_over_spent and not sgddt.item_over_spent

    total = response.context["total"]
    assert (total.estimate, total.spent, total.remaining) == (235 * M, 170 * M, 65 * M)
    by_item = {line.item.code: line for line in response.context["item_lines"]}
    assert (by_item["tuyen-truyen"].estimate, by_item["tuyen-truyen"].spent) == (100 * M, 35 * M)
    assert by_item["khen-thuong"].over_spent and by_item["khen-thuong"].remaining == -10 * M
    assert by_item["tap-huan"].estimate is None and by_item["tap-huan"].spent_without_estimate
    assert by_item["hoi-nghi-ton-vinh"].estimate == 15 * M
    assert set(by_item) == set(PLAN_ITEMS)
    html = response.content.decode()
    assert "235.000.000" in html and "180.000.000" in html and "91,7%" in html

    def codes(**params):
        page = client.get(reverse("campaigns:budget_list"), {"year": YEAR, **params})
        return {unit.code for unit in page.context["units"]}, page.context["total"]

    communes, communes_total = codes(unit_kind="commune")
    assert communes == {"373-GIAVAN"} and communes_total.estimate == 15 * M
    assert codes(q="giao duc")[0] == {"37-SGDDT"}
    every, _total = codes(units="all")
    assert {"37-SYT", "37-SNV", "37-BPTTH", "376", "376-KIMCHINH"} <= every
    earlier, earlier_total = codes(year=2024)
    assert earlier == {"37-SYT"} and (earlier_total.estimate, earlier_total.spent) == (
        99 * M,
        7 * M,
    )


def test_unit_page_shows_remaining_and_warnings(world, client_for, budgets):
    client = client_for(world.user("editor_a"))
    response = client.get(unit_url(world.dept_a))
    lines = {line.item.code: line for line in response.context["lines"]}
    assert lines["khen-thuong"].over_spent and lines["khen-thuong"].over_by == 10 * M
    assert lines["tuyen-truyen"].remaining == 25 * M
    assert not response.context["total"].over_spent
    html = response.content.decode()
    assert _("Over the estimate") in html
    assert 'value="60.000.000"' in html  # the estimate, as Vietnamese offices write it

    response = client_for(world.user("editor_b")).get(unit_url(world.dept_b))
    lines = {line.item.code: line for line in response.context["lines"]}
    assert lines["tap-huan"].spent_without_estimate
    assert [line.item.code for line in response.context["unestimated"]] == ["tap-huan"]
    assert [p.estimated for p in response.context["spending"]] == [False]
    assert _("no estimate") in response.content.decode()


@pytest.mark.parametrize("persona", ["editor_a", "home_affairs"])  # the form, or figures only
def test_on_a_phone_each_items_name_and_note_head_its_figures(world, client_for, budgets, persona):
    """A phone has no room for the name beside the figures: every item is a row group whose
    first line, shown on small screens only, carries its name and note over the whole width."""
    BudgetEstimate.objects.filter(item__code="khen-thuong").update(note="Khen thưởng đột xuất")
    html = client_for(world.user(persona)).get(unit_url(world.dept_a)).content.decode()
    names = re.findall(
        r'<tr class="[^"]*d-md-none[^"]*">\s*<th scope="rowgroup" colspan="3"[^>]*>([^<]+)', html
    )
    assert [name.strip() for name in names] == [
        budget_item.name for budget_item in BudgetItem.objects.active_in(YEAR)
    ] + [_("Total")]
    assert re.search(
        r'scope="rowgroup"[^>]*>[^<]*Khen thưởng[^<]*<span class="badge[^<]*</span>\s*'
        r'<br><span class="small text-body-secondary">Khen thưởng đột xuất</span></th>',
        html,
    )


def test_on_a_phone_each_units_and_items_name_heads_its_totals(world, client_for, budgets):
    response = client_for(world.user("home_affairs")).get(
        reverse("campaigns:budget_list"), {"year": YEAR}
    )
    names = re.findall(
        r'<tr class="[^"]*d-md-none[^"]*">\s*<th scope="rowgroup" colspan="3"[^>]*>'
        r"(?:<a [^>]*>)?([^<]+)",
        response.content.decode(),
    )
    units = [unit.name for unit in response.context["units"]]
    items = [line.item.name for line in response.context["item_lines"]]
    total = ngettext("Total of %(counter)s unit", "Total of %(counter)s units", 3) % {"counter": 3}
    assert [name.strip() for name in names] == [*units, total, *items]


def test_spending_list_filters_and_exports_the_units_year_only(world, client_for, budgets):
    client = client_for(world.user("editor_a"))
    page = unit_url(world.dept_a)
    response = client.get(page)
    assert len(response.context["spending"]) == 3  # the 2024 payment is another year's
    assert len(client.get(page, {"item": "khen-thuong"}).context["spending"]) == 1
    assert len(client.get(page, {"q": "ấn phẩm"}).context["spending"]) == 1
    rows = xlsx_rows(client.get(page, {"export": "xlsx", "item": "tuyen-truyen"}))
    assert rows[0][0] == "Đơn vị"
    assert sorted(row[5] for row in rows[1:]) == [10 * M, 25 * M]
    assert {row[0] for row in rows[1:]} == {"Sở Y tế"}


def test_totals_export_has_a_row_per_unit_and_item_within_reach(world, client_for, budgets):
    spend(world.district_a, "khen-thuong", 3 * M)
    url = reverse("campaigns:budget_list")
    rows = xlsx_rows(
        client_for(world.user("home_affairs")).get(url, {"year": YEAR, "export": "xlsx"})
    )
    lines = {(row[0], row[4]): (row[5], row[6], row[7]) for row in rows[1:]}
    assert len(rows) - 1 == len(lines) == 6
    tuyen_truyen, khen_thuong = item("tuyen-truyen").name, item("khen-thuong").name
    assert lines["37-SYT", tuyen_truyen] == (60 * M, 35 * M, 25 * M)
    assert lines["37-SYT", khen_thuong] == (120 * M, 130 * M, -10 * M)
    assert lines["37-SGDDT", item("tap-huan").name] == (None, 5 * M, -5 * M)
    assert lines["373", khen_thuong] == (None, 3 * M, -3 * M)

    reviewer = client_for(world.user("district_reviewer"))
    rows = xlsx_rows(reviewer.get(url, {"year": YEAR, "export": "xlsx"}))
    assert {row[0] for row in rows[1:]} == {"373", "373-GIAVAN"}


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("15.000.000", 15 * M), ("15000000", 15 * M), ("15 000 000", 15 * M), ("0", 0)],
)
def test_amounts_are_read_with_or_without_dots(world, client_for, typed, stored):
    client = client_for(world.user("editor_a"))
    response = client.post(unit_url(world.dept_a), estimate_post(world.dept_a, tuyen_truyen=typed))
    assert response.status_code == 302
    assert BudgetEstimate.objects.get(unit=world.dept_a).amount == stored


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("-5.000.000", "negative"),
        ("mười triệu", "invalid"),
        ("15.00.000", "invalid"),
        ("15,5", "invalid"),
        ("1" * 16, "too_large"),
    ],
)
def test_a_bad_amount_saves_nothing_and_keeps_what_was_typed(world, client_for, typed, error):
    client = client_for(world.user("editor_a"))
    data = estimate_post(world.dept_a, khen_thuong="20.000.000", tuyen_truyen=typed)
    response = client.post(unit_url(world.dept_a), data)
    assert response.status_code == 200
    forms = {form.item.code: form for form in response.context["formset"]}
    assert [e.code for e in forms["tuyen-truyen"].errors.as_data()["amount"]] == [error]
    assert forms["tuyen-truyen"]["amount"].value() == typed
    assert forms["khen-thuong"]["amount"].value() == "20.000.000"
    html = response.content.decode()
    assert f'value="{typed}"' in html
    assert 'aria-describedby="id_estimate-tuyen-truyen-amount_errors"' in html
    assert not BudgetEstimate.objects.exists()


def test_a_note_needs_an_amount(world, client_for):
    data = estimate_post(world.dept_a, tuyen_truyen=("", "Chờ phân bổ"))
    response = client_for(world.user("editor_a")).post(unit_url(world.dept_a), data)
    assert response.status_code == 200
    forms = {form.item.code: form for form in response.context["formset"]}
    assert forms["tuyen-truyen"].errors["amount"]
    assert forms["tuyen-truyen"]["note"].value() == "Chờ phân bổ"


def test_estimate_rows_are_created_changed_and_removed_with_history(world, client_for):
    editor = world.user("editor_a")
    client = client_for(editor)
    page = unit_url(world.dept_a)
    client.post(page, estimate_post(world.dept_a, tuyen_truyen="30.000.000", tap_huan="10000000"))
    client.post(
        page,
        estimate_post(
            world.dept_a, tuyen_truyen=("45.000.000", "Thêm 2 kỳ"), tap_huan="10.000.000"
        ),
    )
    response = client.post(
        page, estimate_post(world.dept_a, tuyen_truyen="45.000.000"), follow=True
    )
    assert _("The estimate is saved.") in response.content.decode()
    assert {e.item.code: (e.amount, e.note) for e in BudgetEstimate.objects.all()} == {
        "tuyen-truyen": (45 * M, "")
    }
    history = BudgetEstimate.history.filter(unit=world.dept_a).order_by("history_date")
    assert [(h.item.code, h.history_type) for h in history] == [
        ("tuyen-truyen", "+"),
        ("tap-huan", "+"),
        ("tuyen-truyen", "~"),
        ("tuyen-truyen", "~"),
        ("tap-huan", "-"),
    ]
    assert {h.history_user for h in history} == {editor}
    assert BudgetEstimate.objects.get().updated_by == editor

    # Saving the same figures again changes nothing and records nothing.
    response = client.post(page, estimate_post(world.dept_a, tuyen_truyen="45000000"), follow=True)
    assert _("Nothing changed in the estimate.") in response.content.decode()
    assert BudgetEstimate.history.count() == 5

    rows = client.get(page).context["history"]
    note, amount = (BudgetEstimate._meta.get_field(f).verbose_name for f in ("note", "amount"))
    assert rows[0]["entry"].history_type == "-" and "10.000.000" in rows[0]["subject"]
    assert rows[1]["changes"] == [(note, "Thêm 2 kỳ", None)]
    assert rows[2]["changes"] == [(amount, "30.000.000", "45.000.000"), (note, None, "Thêm 2 kỳ")]
    assert [row["entry"].history_type for row in rows[3:]] == ["+", "+"]


def test_a_row_missing_from_the_request_leaves_its_estimate_alone(world, client_for):
    estimate(world.dept_a, "khen-thuong", 50 * M)
    data = estimate_post(world.dept_a, tuyen_truyen="30.000.000")
    for key in [k for k in data if k.startswith("estimate-khen-thuong-")]:
        del data[key]
    client_for(world.user("editor_a")).post(unit_url(world.dept_a), data)
    assert {e.item.code: e.amount for e in BudgetEstimate.objects.all()} == {
        "khen-thuong": 50 * M,
        "tuyen-truyen": 30 * M,
    }


def test_spending_is_recorded_edited_and_deleted_with_history(world, client_for):
    editor = world.user("editor_a")
    client = client_for(editor)
    create = reverse("campaigns:budget_spending_create", kwargs={"code": "37-SYT", "year": YEAR})
    response = client.post(create, spending_post())
    assert response["Location"] == unit_url(world.dept_a)
    payment = BudgetSpending.objects.get()
    assert (payment.unit, payment.year, payment.amount, payment.recorded_by) == (
        world.dept_a,
        YEAR,
        Decimal("12500000"),
        editor,
    )
    update = reverse("campaigns:budget_spending_update", kwargs={"pk": payment.pk})
    client.post(update, spending_post(amount="13.000.000", item=item("tap-huan").pk))
    response = client.get(update)
    assert response.context["form"]["amount"].value() == Decimal(13 * M)
    assert 'value="13.000.000"' in response.content.decode()
    changes = response.context["history"][0]["changes"]
    amount, budget_item = (
        BudgetSpending._meta.get_field(f).verbose_name for f in ("amount", "item")
    )
    assert (amount, "12.500.000", "13.000.000") in changes
    assert (budget_item, item("tuyen-truyen").name, item("tap-huan").name) in changes

    delete = reverse("campaigns:budget_spending_delete", kwargs={"pk": payment.pk})
    assert "13.000.000" in client.get(delete).content.decode()
    assert client.post(delete)["Location"] == unit_url(world.dept_a)
    assert not BudgetSpending.objects.exists()
    assert [h.history_type for h in BudgetSpending.history.order_by("history_date")] == [
        "+",
        "~",
        "-",
    ]
    history = client.get(unit_url(world.dept_a)).context["history"]
    assert history[0]["entry"].history_type == "-"


@pytest.mark.parametrize(
    ("field", "typed", "error"),
    [
        ("amount", "0", "min_value"),
        ("amount", "abc", "invalid"),
        ("spent_on", "15/05/2024", "other_year"),
        ("spent_on", "31/02/2025", "invalid"),
        ("description", "", "required"),
    ],
)
def test_bad_spending_is_refused_with_what_was_typed(world, client_for, field, typed, error):
    create = reverse("campaigns:budget_spending_create", kwargs={"code": "37-SYT", "year": YEAR})
    response = client_for(world.user("editor_a")).post(create, spending_post(**{field: typed}))
    assert response.status_code == 200
    form = response.context["form"]
    assert [e.code for e in form.errors.as_data()[field]] == [error]
    assert form[field].value() == typed
    assert form["voucher"].value() == "HĐ 12/2025"
    assert not BudgetSpending.objects.exists()


def test_spending_cannot_be_dated_in_the_future(world, client_for):
    year = timezone.localdate().year
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    if tomorrow.year != year:
        pytest.skip("the last day of the year has no future date within it")
    create = reverse("campaigns:budget_spending_create", kwargs={"code": "37-SYT", "year": year})
    response = client_for(world.user("editor_a")).post(
        create, spending_post(spent_on=tomorrow.strftime("%d/%m/%Y"))
    )
    assert response.status_code == 200
    assert [e.code for e in response.context["form"].errors.as_data()["spent_on"]] == ["future"]


def test_years_outside_the_portal_and_ended_units(world, client_for):
    world.commune_a.valid_until = datetime.date(2025, 6, 30)
    world.commune_a.save()
    client = client_for(world.user("commune_editor"))
    assert client.get(unit_url(world.commune_a, 2019)).status_code == 404
    next_year = timezone.localdate().year + 1
    assert client.get(unit_url(world.commune_a, next_year + 1)).status_code == 404
    # The commune ended in 2025: later years are read, not changed.
    response = client.get(unit_url(world.commune_a, next_year))
    assert response.status_code == 200
    assert response.context["can_change"] is False
    data = estimate_post(world.commune_a, next_year, tuyen_truyen="5.000.000")
    assert client.post(unit_url(world.commune_a, next_year), data).status_code == 403
    create = reverse(
        "campaigns:budget_spending_create", kwargs={"code": "373-GIAVAN", "year": next_year}
    )
    assert client.get(create).status_code == 403


def test_totals_page_queries_do_not_grow_with_units(
    world, client_for, budgets, django_assert_max_num_queries
):
    client = client_for(world.user("leader"))
    url = reverse("campaigns:budget_list")
    with django_assert_max_num_queries(20) as few:
        client.get(url, {"year": YEAR})
    for number in range(10):
        unit = UnitFactory(code=f"37-S{number:02d}", name=f"Sở số {number}")
        estimate(unit, "tuyen-truyen", 10 * M)
        spend(unit, "tuyen-truyen", 1 * M)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url, {"year": YEAR})
    assert len(response.context["units"]) == 13
