"""One set of rules for an exemplar's content (``registry.exemplar_validation``): each rule
gives the same message through the web form and through the spreadsheet import.

Messages are compared through gettext, in the portal's language (the tests run in
Vietnamese).
"""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils.translation import gettext as _

from registry.enums import ExemplarStatus
from registry.exemplar_validation import (
    ExemplarValidator,
    Stored,
    no_plan_message,
    not_in_force_message,
)
from registry.forms import ExemplarForm
from registry.models import Exemplar, Field
from registry.spreadsheets.resources import ExemplarResource
from tests.factories.exemplars import ExemplarFactory
from tests.test_exemplar_pages import form_data
from tests.test_spreadsheets import exemplar_row, job_of, rows_of, upload, xlsx

pytestmark = pytest.mark.integration

NON_FIELD = "__all__"


def through_the_form(world, *, unit="dept_a", by="editor_a", instance=None, **values):
    """The errors the form gives for ``values`` (form codes), by field ("__all__" for the
    record as a whole), and the form itself."""
    data = form_data(**values)
    form = ExemplarForm(data, unit=getattr(world, unit), by=world.user(by), instance=instance)
    form.is_valid()
    return {name: list(messages) for name, messages in form.errors.items()}, form


def through_the_import(world, client_for, *, by="editor_a", **values):
    """The errors of the one row of a file with ``values`` (spreadsheet words), by field."""
    job = job_of(upload(client_for(world.user(by)), xlsx([exemplar_row(**values)])))
    [row] = rows_of(job)
    labels = {ExemplarResource.label(name): name for name in ExemplarResource.import_keys()}
    errors = {}
    for column, message in row["errors"]:
        errors.setdefault(labels.get(column, NON_FIELD), []).append(message)
    return errors, row


def required():
    return _("This field is required.")


# Each rule: (form values, import values, the field it names, the message).
RULES = {
    "the subject's name": (
        {"full_name": ""},
        {"full_name": ""},
        "full_name",
        lambda world: _("Enter the name of the exemplar."),
    ),
    "a collective's name": (
        {"subject_kind": "collective", "collective_name": ""},
        {"subject_kind": "Tập thể", "collective_name": ""},
        "collective_name",
        lambda world: _("Enter the name of the exemplar."),
    ),
    "the subject kind": ({"subject_kind": ""}, {"subject_kind": ""}, "subject_kind", required),
    "the field of work": ({"field": ""}, {"field": ""}, "field", required),
    "the year": ({"year": ""}, {"year": ""}, "year", required),
    "a year no plan covers": (
        {"year": 2026},
        {"year": 2026},
        "year",
        lambda world: no_plan_message(2026),
    ),
}


@pytest.mark.parametrize("rule", RULES)
def test_each_rule_says_the_same_through_the_form_and_the_import(world, client_for, rule):
    form_values, import_values, name, message = RULES[rule]
    expected = message() if message is required else message(world)
    form_errors, _form = through_the_form(world, **form_values)
    import_errors, _row = through_the_import(world, client_for, **import_values)
    assert form_errors == {name: [expected]}
    assert import_errors == {name: [expected]}


def test_a_year_the_unit_was_not_in_force(world, client_for):
    world.commune_a.valid_until = datetime.date(2025, 6, 30)
    world.commune_a.save()
    expected = not_in_force_message(world.commune_a, 2026)
    assert "30/6/2025" in expected
    agriculture = Field.objects.get(code="agriculture").pk
    form_errors, _form = through_the_form(
        world, unit="commune_a", by="commune_editor", year=2026, field=agriculture
    )
    import_errors, _row = through_the_import(
        world, client_for, by="commune_editor", year=2026, field="Nông nghiệp"
    )
    assert form_errors == import_errors == {"year": [expected]}


@pytest.mark.parametrize(
    ("name", "value", "words"),
    [
        ("full_name", "A" * 151, "150"),
        ("contact_phone", "0" * 41, "40"),
        ("birth_year", 1800, "1900"),
        ("contact_email", "khong-phai-thu@", ""),
    ],
)
def test_the_models_field_rules_say_the_same(world, client_for, name, value, words):
    form_errors, _form = through_the_form(world, **{name: value})
    import_errors, _row = through_the_import(world, client_for, **{name: value})
    assert list(form_errors) == [name]
    assert form_errors == import_errors
    assert len(form_errors[name]) == 1 and words in form_errors[name][0]
    if name == "contact_email":
        assert form_errors[name] == [_("Enter a valid email address.")]


def test_a_unit_outside_the_reach(world, client_for):
    """The form records for the unit the page is about; the import names it in a column."""
    expected = _("You can only import for your own unit (%(unit)s), not for %(other)s.") % {
        "unit": world.dept_a,
        "other": world.dept_b,
    }
    form_errors, _form = through_the_form(world, unit="dept_b")
    import_errors, _row = through_the_import(world, client_for, unit="37-SGDDT")
    assert form_errors == {NON_FIELD: [expected]}
    assert import_errors == {"unit": [expected]}


def test_a_record_that_is_not_editable_any_more(world, client_for):
    accepted = ExemplarFactory(unit=world.dept_a, full_name="Bùi Văn Đạt", year=2025)
    Exemplar.objects.filter(pk=accepted.pk).update(status=ExemplarStatus.ACCEPTED)
    accepted.refresh_from_db()
    expected = _(
        "This exemplar is “%(status)s”: only drafts and returned exemplars can be changed."
    ) % {"status": ExemplarStatus.ACCEPTED.label}
    form_errors, _form = through_the_form(world, instance=accepted, full_name="Bùi Văn Đạt Mới")
    import_errors, _row = through_the_import(
        world, client_for, code=accepted.code, full_name="Bùi Văn Đạt Mới"
    )
    assert form_errors == import_errors == {NON_FIELD: [expected]}


def test_a_record_of_another_unit_is_changed_by_its_own_unit_only(world, client_for):
    draft = ExemplarFactory(unit=world.dept_a, full_name="Hoàng Thị Lan", year=2025)
    expected = _("Only the exemplar's own unit may change it.")
    form_errors, _form = through_the_form(
        world, by="home_affairs", instance=draft, full_name="Hoàng Thị Lan Anh"
    )
    import_errors, _row = through_the_import(
        world,
        client_for,
        by="home_affairs",
        code=draft.code,
        unit="37-SYT",
        full_name="Hoàng Thị Lan Anh",
    )
    assert form_errors == import_errors == {NON_FIELD: [expected]}


def test_a_record_never_moves_to_another_unit(world, client_for):
    """The form has no unit to change: the import is the way a move could be asked for."""
    draft = ExemplarFactory(unit=world.dept_a, full_name="Hoàng Thị Lan", year=2025)
    import_errors, _row = through_the_import(
        world, client_for, by="home_affairs", code=draft.code, unit="37-SGDDT"
    )
    assert import_errors["unit"] == [_("An exemplar cannot move to another unit.")]
    moved = Exemplar.objects.get(pk=draft.pk)
    moved.unit = world.dept_b
    found = ExemplarValidator().validate(moved, stored=Stored.of(draft))
    assert found.errors == {"unit": [_("An exemplar cannot move to another unit.")]}


def test_the_fields_of_other_subject_kinds_are_emptied_both_ways(world, client_for):
    collective = {
        "subject_kind": "collective",
        "collective_name": "Khoa Hồi sức tích cực",
        "member_count": 24,
        "full_name": "Phạm Thị Thu Trang",
    }
    form_errors, form = through_the_form(world, **collective)
    assert form_errors == {}
    assert form.cleaned_data["full_name"] == "" and form.cleaned_data["birth_year"] is None
    assert form.cleaned_data["collective_name"] == "Khoa Hồi sức tích cực"

    client = client_for(world.user("editor_a"))
    job = job_of(
        upload(
            client,
            xlsx(
                [
                    exemplar_row(
                        subject_kind="Tập thể",
                        collective_name="Khoa Hồi sức tích cực",
                        member_count=24,
                    )
                ]
            ),
        )
    )
    client.post(reverse("registry:import_confirm", args=[job.pk]))
    imported = Exemplar.objects.get()
    assert imported.full_name == "" and imported.birth_year is None and imported.gender == ""
    assert imported.collective_name == "Khoa Hồi sức tích cực"


def test_an_error_the_form_already_gave_is_not_followed_by_another(world):
    """A name too long is not also a name missing."""
    form_errors, _form = through_the_form(world, full_name="A" * 151)
    assert list(form_errors) == ["full_name"] and len(form_errors["full_name"]) == 1


def test_a_possible_duplicate_is_a_warning_both_ways(world, client_for):
    saved = ExemplarFactory(unit=world.dept_a, full_name="Nguyễn Thị Mai", year=2025)
    expected = _(
        "Possible duplicate: the unit already has “%(name)s” in %(year)s (code %(codes)s)."
    ) % {"name": "Nguyen Thi Mai", "year": 2025, "codes": saved.code}
    form_errors, form = through_the_form(world, full_name="Nguyen Thi Mai")
    assert form_errors == {}
    assert form.warnings == {"full_name": [expected]}
    _errors, row = through_the_import(world, client_for, full_name="Nguyen Thi Mai")
    assert row["errors"] == []
    assert row["warnings"] == [[ExemplarResource.label("full_name"), expected]]
    # A record is not a duplicate of itself.
    _errors, form = through_the_form(world, instance=saved, full_name="Nguyễn Thị Mai")
    assert form.warnings == {}


def test_the_form_saves_a_possible_duplicate_and_says_so(world, client_for):
    saved = ExemplarFactory(unit=world.dept_a, full_name="Phạm Thị Thu Trang", year=2025)
    client = client_for(world.user("editor_a"))
    response = client.post(reverse("registry:exemplar_create"), form_data())
    assert response.status_code == 302
    assert Exemplar.objects.filter(full_name="Phạm Thị Thu Trang").count() == 2
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert any(saved.code in message for message in shown), shown


def test_a_check_without_a_person_leaves_reach_and_permissions_out(world):
    accepted = ExemplarFactory(unit=world.dept_b, full_name="Bùi Văn Đạt", year=2025)
    Exemplar.objects.filter(pk=accepted.pk).update(status=ExemplarStatus.ACCEPTED)
    accepted.refresh_from_db()
    found = ExemplarValidator().validate(accepted, stored=Stored.of(accepted))
    assert found.errors == {}
    assert found.catalogue_version == accepted.catalogue_version
    found = ExemplarValidator(by=world.user("editor_a")).validate(
        accepted, stored=Stored.of(accepted)
    )
    assert set(found.errors) == {"unit", NON_FIELD}
