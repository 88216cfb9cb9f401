"""The shared look of every page: lists' filters folded with chips, tables as cards or with a
scroll cue, download buttons with icons, selects without "---------", dates as dd/mm/yyyy,
file inputs in the portal's language, and colours with 4.5:1 contrast.

The browser side (one row of menu, the folded filters and the scroll cue at work, axe) is in
tests/e2e/test_layout_journey.py; the menu's content in tests/test_navigation.py.
"""

import datetime
import re
from decimal import Decimal
from pathlib import Path

import lxml.html
import pytest
from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from exemplar_portal.base.forms import (
    CHOOSE,
    CHOOSE_NONE,
    DATE_PLACEHOLDER,
    BootstrapFormMixin,
)
from registry.enums import ExemplarStatus
from registry.forms import ExemplarFilterForm
from tests.factories.exemplars import ExemplarFactory

pytestmark = pytest.mark.integration

STATIC = Path(settings.BASE_DIR) / "static"
DJANGO_BLANK = "---------"


def tree_of(response):
    assert response.status_code == 200
    return lxml.html.fromstring(response.content.decode())


def cls(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def chips(tree) -> list[tuple[str, str]]:
    """The filter chips of a page: (their text, the address they lead to)."""
    return [
        (" ".join(a.text_content().split()), a.get("href"))
        for a in tree.xpath(f"//*[@id='filter-chips']//a[{cls('filter-chip')}]")
    ]


# Filters folded behind one button, with chips --------------------------------------------------


def test_the_exemplar_list_folds_its_filters_behind_one_button(world, client_for):
    tree = tree_of(client_for(world.user("home_affairs")).get(reverse("registry:exemplar_list")))
    toggle = tree.xpath(f"//button[{cls('filter-toggle')}]")[0]
    form = tree.get_element_by_id("filter-form")
    # The button unfolds the form on a phone; from 768 px the form is always open.
    assert toggle.get("data-bs-toggle") == "collapse"
    assert toggle.get("data-bs-target") == "#filter-form"
    assert toggle.get("aria-controls") == "filter-form"
    assert toggle.get("aria-expanded") == "false"
    assert "d-md-none" in toggle.get("class").split()
    assert {"collapse", "d-md-flex"} <= set(form.get("class").split())
    assert "show" not in form.get("class").split()
    # htmx still sends the form and swaps the results.
    assert form.get("hx-get") == reverse("registry:exemplar_list")
    assert form.get("hx-target") == "#exemplar-results"
    # No filter, no chip.
    assert chips(tree) == []


def test_active_filters_show_as_chips_that_each_remove_one(world, client_for):
    ExemplarFactory(unit=world.dept_a, year=2025, status=ExemplarStatus.RETURNED)
    client = client_for(world.user("home_affairs"))
    url = reverse("registry:exemplar_list")
    with translation.override("en"):
        client.cookies["django_language"] = "en"
        response = client.get(url, {"year": "2025", "status": "returned", "sort": "name"})
    tree = tree_of(response)
    found = dict(chips(tree))
    # The option's text, not its code; the sort order is not a filter.
    assert set(found) == {
        "Year: 2025 (remove this filter)",
        "Status: Returned for completion (remove this filter)",
    }
    assert found["Year: 2025 (remove this filter)"] == f"{url}?status=returned&sort=name"
    assert found["Status: Returned for completion (remove this filter)"] == (
        f"{url}?year=2025&sort=name"
    )
    clear = tree.xpath(f"//a[{cls('filter-chips-clear')}]")[0]
    assert clear.get("href") == f"{url}?sort=name"
    # Following a chip leaves the other filter on.
    tree = tree_of(client.get(found["Year: 2025 (remove this filter)"]))
    assert [text for text, _href in chips(tree)] == [
        "Status: Returned for completion (remove this filter)"
    ]


def test_a_chip_names_a_record_and_a_page_number_is_dropped(world, client_for):
    client = client_for(world.user("home_affairs"))
    with translation.override("en"):
        client.cookies["django_language"] = "en"
        field = ExemplarFilterForm().fields["field"].queryset.first()
        tree = tree_of(
            client.get(reverse("registry:exemplar_list"), {"field": field.code, "page": "1"})
        )
        expected = f"Field: {field} (remove this filter)"
    (text, href), *rest = chips(tree)
    assert rest == []
    assert text == expected
    assert href == reverse("registry:exemplar_list")  # neither the field nor the page


def test_an_htmx_update_of_the_list_brings_its_chips(world, client_for):
    client = client_for(world.user("home_affairs"))
    response = client.get(
        reverse("registry:exemplar_list"), {"year": "2025"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html  # the results only
    tree = lxml.html.fromstring(f"<div>{html}</div>")
    box = tree.xpath("//*[@id='filter-chips']")[0]
    assert box.get("hx-swap-oob") == "true"
    assert len(chips(tree)) == 1
    # A full page has the chips once, without the out-of-band mark.
    page = client.get(reverse("registry:exemplar_list"), {"year": "2025"}).content.decode()
    assert page.count('id="filter-chips"') == 1
    assert "hx-swap-oob" not in page


def test_the_review_queue_and_campaign_lists_fold_their_filters_too(world, client_for):
    client = client_for(world.user("home_affairs"))
    for name in ("registry:review_queue", "campaigns:event_list", "reports:register"):
        tree = tree_of(client.get(reverse(name), {"year": "2025"}))
        assert tree.xpath(f"//button[{cls('filter-toggle')}]"), name
        assert "collapse" in tree.get_element_by_id("filter-form").get("class").split(), name
        assert len(chips(tree)) == 1, name


def test_a_filter_in_error_keeps_the_form_open_on_a_phone(world, client_for):
    client = client_for(world.user("home_affairs"))
    tree = tree_of(client.get(reverse("registry:exemplar_list"), {"year": "1890"}))
    assert "show" in tree.get_element_by_id("filter-form").get("class").split()
    toggle = tree.xpath(f"//button[{cls('filter-toggle')}]")[0]
    assert toggle.get("aria-expanded") == "true"
    # The value typed is shown back as typed, in the field and on its chip.
    assert tree.xpath("//select[@name='year']") or tree.xpath("//input[@name='year']")
    year_label = str(ExemplarFilterForm().fields["year"].label)
    assert next(text for text, _href in chips(tree)).startswith(year_label)


# Tables: the main lists as cards on a phone; badges that wrap -------------------------------------


def test_the_exemplar_list_and_people_table_become_cards_on_a_phone(world, client_for):
    ExemplarFactory(unit=world.dept_a, year=2025)
    client = client_for(world.user("home_affairs"))
    with translation.override("en"):
        client.cookies["django_language"] = "en"
        for url, labels in [
            (reverse("registry:exemplar_list"), ["Subject", "Unit", "Year", "Field", "Status"]),
            (
                reverse("registry:unit_people", kwargs={"code": world.dept_a.code}),
                ["Role", "Position", "E-mail", "Phone"],
            ),
        ]:
            tree = tree_of(client.get(url))
            table = tree.xpath(f"//table[{cls('table-cards')}]")[0]
            row = table.xpath("./tbody/tr")[0]
            cells = row.xpath("./td")
            # The first cell heads the card; every other one says which column it is.
            assert cells[0].get("data-label") is None
            assert [td.get("data-label") for td in cells[1:]] == labels
    css = (STATIC / "css" / "portal.css").read_text()
    assert ".table-cards > tbody > tr > td[data-label]::before" in css


def test_badges_wrap_instead_of_being_cut():
    css = (STATIC / "css" / "portal.css").read_text()
    rule = re.search(r"\n\.badge \{([^}]*)\}", css).group(1)
    assert "white-space: normal" in rule


def test_every_wide_table_gets_a_scroll_cue_and_its_hint(world, client_for):
    js = (STATIC / "js" / "layout.js").read_text()
    assert '".table-responsive"' in js and "has-more-right" in js and "htmx:load" in js
    html = client_for(world.user("editor_a")).get(reverse("registry:home")).content.decode()
    tree = lxml.html.fromstring(html)
    hint = tree.get_element_by_id("scroll-hint-template")
    assert hint.tag == "template"
    assert "layout.js" in " ".join(s.get("src", "") for s in tree.xpath("//script"))


# Download buttons ----------------------------------------------------------------------------


def test_document_downloads_are_clear_buttons_with_icons(world, client_for):
    exemplar = ExemplarFactory(unit=world.dept_a, year=2025)
    tree = tree_of(client_for(world.user("home_affairs")).get(exemplar.get_absolute_url()))
    group = tree.xpath(f"//*[{cls('document-actions')}]")[0]
    buttons = group.xpath("./a")
    kinds = {}
    for button in buttons:
        classes = button.get("class").split()
        assert "btn-outline-secondary" not in classes and "btn-sm" not in classes
        icon = button.xpath("./i")[0]
        assert icon.get("aria-hidden") == "true"
        assert any(c.startswith("bi-") for c in icon.get("class").split())
        kinds[button.get("href").rsplit("format=", 1)[-1]] = classes
    assert "btn-primary" in kinds["pdf"]
    assert "btn-outline-primary" in kinds["docx"] and "btn-outline-primary" in kinds["xlsx"]


def test_list_downloads_are_clear_buttons_with_icons(world, client_for):
    client = client_for(world.user("home_affairs"))
    for name in ("registry:exemplar_list", "campaigns:event_list"):
        tree = tree_of(client.get(reverse(name)))
        downloads = tree.xpath("//a[@download]")
        assert downloads, name
        for link in downloads:
            classes = link.get("class").split()
            assert {"btn", "btn-outline-primary", "btn-icon"} <= set(classes), name
            assert link.xpath("./i[@aria-hidden='true']"), name


def test_the_icons_are_vendored_not_from_a_cdn(world, client_for):
    vendored = STATIC / "vendor" / "bootstrap-icons"
    assert (vendored / "LICENSE").is_file()
    css = (vendored / "bootstrap-icons.min.css").read_text()
    for font in re.findall(r'url\("(fonts/[^"?]+)', css):
        assert (vendored / font).is_file(), font
    html = client_for(world.user("editor_a")).get(reverse("registry:home")).content.decode()
    tree = lxml.html.fromstring(html)
    sheets = [link.get("href") for link in tree.xpath("//link[@rel='stylesheet']")]
    assert any(href.endswith("vendor/bootstrap-icons/bootstrap-icons.min.css") for href in sheets)
    assert not any(href.startswith(("http:", "https:", "//")) for href in sheets)


# Selects, dates and files ----------------------------------------------------------------------


class _RecordForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(choices=[("", DJANGO_BLANK), ("a", "A")])
    other = forms.TypedChoiceField(choices=[("", DJANGO_BLANK), ("b", "B")], required=False)
    tags = forms.MultipleChoiceField(choices=[("x", "X")], required=False)
    on = forms.DateField(widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}))


def test_selects_name_their_empty_choice_in_words(world):
    from registry.models import UnitKind

    class WithRecords(_RecordForm):
        unit_kind = forms.ModelChoiceField(queryset=UnitKind.objects.all())
        optional_kind = forms.ModelChoiceField(queryset=UnitKind.objects.all(), required=False)
        all_kinds = forms.ModelChoiceField(
            queryset=UnitKind.objects.all(), required=False, empty_label="All kinds"
        )

    form = WithRecords()
    assert form.fields["kind"].choices[0] == ("", CHOOSE)
    assert form.fields["other"].choices[0] == ("", CHOOSE_NONE)
    assert form.fields["unit_kind"].empty_label == CHOOSE
    assert form.fields["optional_kind"].empty_label == CHOOSE_NONE
    assert form.fields["all_kinds"].empty_label == "All kinds"  # a label of its own stays
    assert DJANGO_BLANK not in form.as_div()


@pytest.mark.parametrize(
    ("persona", "url_name", "kwargs"),
    [
        ("editor_a", "registry:exemplar_create", {}),
        ("editor_a", "campaigns:difficulty_create", {}),
        ("home_affairs", "registry:plan_create", {}),
        ("home_affairs", "campaigns:campaign_create", {}),
        ("home_affairs", "campaigns:event_create", {}),
        ("home_affairs", "campaigns:contest_create", {}),
        ("home_affairs", "campaigns:pledge_create", {}),
        ("editor_a", "reports:proposal_create", {}),
        ("home_affairs", "reports:introduction_create", {}),
        ("home_affairs", "reports:consolidation_create", {}),
        ("home_affairs", "campaigns:inspection_plan_create", {}),
        ("editor_a", "campaigns:budget_spending_create", {"code": "37-SYT", "year": 2025}),
    ],
)
def test_no_form_shows_django_dashes(world, client_for, persona, url_name, kwargs):
    response = client_for(world.user(persona)).get(reverse(url_name, kwargs=kwargs))
    assert response.status_code == 200
    html = response.content.decode()
    assert DJANGO_BLANK not in html
    tree = lxml.html.fromstring(html)
    # Every date field reads and writes day first, and says so in the user's language.
    for field in tree.xpath("//input[@type='text' and @placeholder]"):
        if "dd/mm" in field.get("placeholder") or field.get("placeholder") == str(DATE_PLACEHOLDER):
            assert field.get("placeholder") == str(DATE_PLACEHOLDER)
            assert field.get("inputmode") == "numeric"


def test_date_fields_read_and_write_day_first(world):
    form = _RecordForm(initial={"on": datetime.date(2026, 3, 5)})
    widget = form.fields["on"].widget
    assert widget.format == "%d/%m/%Y"
    assert widget.attrs["placeholder"] == DATE_PLACEHOLDER
    assert 'value="05/03/2026"' in str(form["on"])
    with translation.override("vi"):
        assert str(DATE_PLACEHOLDER) == translation.gettext("dd/mm/yyyy")
        for typed in ("05/03/2026", "5/3/2026", "2026-03-05"):
            bound = _RecordForm({"kind": "a", "on": typed})
            assert bound.is_valid(), (typed, bound.errors)
            assert bound.cleaned_data["on"] == datetime.date(2026, 3, 5)
        # Month first, or a day that does not exist: refused, and the text kept.
        for typed in ("03/31/2026", "31/02/2026"):
            bound = _RecordForm({"kind": "a", "on": typed})
            assert not bound.is_valid()
            assert bound.errors["on"] == ["Nhập một ngày hợp lệ."]
            assert f'value="{typed}"' in str(bound["on"])


def test_a_spending_dated_day_first_is_saved_and_a_wrong_date_keeps_the_form(world, client_for):
    from campaigns.models import BudgetItem, BudgetSpending

    client = client_for(world.user("editor_a"))
    url = reverse("campaigns:budget_spending_create", kwargs={"code": "37-SYT", "year": 2025})
    data = {
        "item": BudgetItem.objects.active_in(2025).first().pk,
        "spent_on": "31/02/2025",
        "amount": "2.500.000",
        "description": "In tờ gấp giới thiệu điển hình",
        "voucher": "",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["spent_on"] == ["Nhập một ngày hợp lệ."]
    html = response.content.decode()
    assert 'value="31/02/2025"' in html and "In tờ gấp giới thiệu điển hình" in html
    assert not BudgetSpending.objects.exists()

    response = client.post(url, {**data, "spent_on": "05/03/2025"})
    assert response.status_code == 302
    assert BudgetSpending.objects.get().spent_on == datetime.date(2025, 3, 5)


def test_file_inputs_are_drawn_in_the_portals_language(world, client_for):
    html = client_for(world.user("editor_a")).get(reverse("registry:home")).content.decode()
    tree = lxml.html.fromstring(html)
    template = tree.get_element_by_id("file-picker-template")
    assert template.get("data-none")
    picker = template.xpath(".//*[contains(@class, 'file-picker-button')]")
    assert picker and picker[0].xpath(".//i[@aria-hidden='true']")
    assert template.xpath(".//*[contains(@class, 'file-picker-names')][@aria-live='polite']")
    js = (STATIC / "js" / "layout.js").read_text()
    assert 'input[type="file"]' in js
    css = (STATIC / "css" / "portal.css").read_text()
    assert re.search(r"\.file-picker-input \{[^}]*opacity: 0;", css)


# Colours: every state at 4.5:1 ---------------------------------------------------------------


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_an_over_spent_remainder_reads_at_4_5_to_1_on_white_and_on_the_warning_row():
    css = (STATIC / "css" / "portal.css").read_text()
    colour = re.search(r"\.amount-over \{ color: (#[0-9a-f]{6}); \}", css).group(1)
    bootstrap_warning_row = "#fff3cd"  # .table-warning's background
    assert contrast("#dc3545", bootstrap_warning_row) < 4.5  # Bootstrap's .text-danger: 4.08
    for background in ("#ffffff", bootstrap_warning_row):
        assert contrast(colour, background) >= 4.5, background


def test_the_budget_page_marks_an_over_spent_remainder_with_the_readable_red(world, client_for):
    from campaigns.models import BudgetEstimate, BudgetItem, BudgetSpending

    item = BudgetItem.objects.active_in(2025).first()
    editor = world.user("editor_a")
    BudgetEstimate.objects.create(
        unit=world.dept_a, year=2025, item=item, amount=Decimal(1_000_000), updated_by=editor
    )
    BudgetSpending.objects.create(
        unit=world.dept_a,
        year=2025,
        item=item,
        spent_on=datetime.date(2025, 5, 15),
        amount=Decimal(7_200_000),
        description="Hội nghị biểu dương",
        recorded_by=editor,
    )
    url = reverse("campaigns:budget_unit", kwargs={"code": world.dept_a.code, "year": 2025})
    tree = tree_of(client_for(world.user("home_affairs")).get(url))
    over = tree.xpath(f"//tr[{cls('table-warning')}]//td[{cls('amount-over')}]")
    assert over and over[0].text_content().strip() == "-6.200.000"
    assert not tree.xpath(f"//*[{cls('text-danger')}][contains(., '-6.200.000')]")
