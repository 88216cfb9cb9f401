"""Plans: every signed-in user reads them; Home Affairs and administrators enter them with
their quota rules and copy one as the next plan. A year no plan covers has no quota, no
deadline and no catalogue, and the pages say so."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from registry.models import CatalogueVersion, Exemplar, Plan, QuotaRule, UnitKind
from registry.plans import plan_copy, shift_years
from tests.conftest import moment
from tests.personas import MANAGERS, PERSONAS

pytestmark = pytest.mark.integration

NO_PLAN = "No plan covers %(year)s: no quota, deadline or catalogue applies."


@pytest.fixture
def plan_2023(db) -> Plan:
    return Plan.objects.get(period_from=2023, period_to=2025)


def kinds(*codes):
    return {code: UnitKind.objects.get(code=code) for code in codes}


def form_data(*, rules=(), initial=0, **overrides):
    """A plan form as a browser sends it: the plan's fields and the rules formset."""
    data = {
        "title": "tuyên truyền gương điển hình tiên tiến giai đoạn 2026 - 2030",
        "number": "15/KH-UBND",
        "signed_on": "20/01/2026",
        "issuer": "Ủy ban nhân dân tỉnh Ninh Bình",
        "period_from": "2026",
        "period_to": "2030",
        "catalogue": CatalogueVersion.objects.get(code="2023-2025").pk,
        "deadline_day": "30",
        "deadline_month": "11",
        "quota_basis": "reference_date",
        "reference_day": "31",
        "reference_month": "12",
        "note": "",
        "rules-TOTAL_FORMS": str(max(len(rules), initial)),
        "rules-INITIAL_FORMS": str(initial),
        "rules-MIN_NUM_FORMS": "0",
        "rules-MAX_NUM_FORMS": "1000",
    }
    for number, rule in enumerate(rules):
        for name, value in rule.items():
            data[f"rules-{number}-{name}"] = value
    data.update(overrides)
    return data


class TestReading:
    @pytest.mark.parametrize("persona", PERSONAS)
    def test_every_role_reads_the_list_and_the_plan(self, world, client_for, plan_2023, persona):
        client = client_for(world.user(persona))
        listing = client.get(reverse("registry:plan_list"))
        assert listing.status_code == 200
        assert plan_2023 in listing.context["plans"]
        detail = client.get(plan_2023.get_absolute_url())
        assert detail.status_code == 200
        content = detail.content.decode()
        assert plan_2023.title in content
        home = client.get(reverse("registry:home")).content.decode()
        assert reverse("registry:plan_list") in home

    def test_detail_shows_the_rules_catalogue_years_and_requirements(
        self, world, client_for, plan_2023
    ):
        from campaigns.models import RegulationRequirement

        requirement = RegulationRequirement.objects.filter(plan=plan_2023).first()
        response = client_for(world.user("media")).get(plan_2023.get_absolute_url())
        content = response.content.decode()
        minimums = {rule.unit_kind.code: rule.minimum for rule in response.context["rules"]}
        assert minimums == {
            "department": 1,
            "mass-organisation": 1,
            "enterprise-association": 1,
            "district": 5,
            "commune": 2,
        }
        assert "2023, 2024, 2025" in content
        assert plan_2023.catalogue.title in content
        assert f"?version={plan_2023.catalogue.code}" in content
        if requirement is not None:
            assert requirement.title in content
            assert requirement.deadline.strftime("%d/%m/%Y") in content
        # 2023-2025 is over: no "in force" badge, and the plan is not illustrative.
        assert not response.context["in_force_now"]
        assert _("illustrative") not in content

    # The copy of the 2023-2025 plan covers 2026-2028: a day within it is "today".
    @pytest.mark.time_machine(moment("2027-03-15"), tick=False)
    def test_the_plan_in_force_today_and_an_illustrative_one_are_marked(
        self, world, client_for, plan_2023
    ):
        plan = plan_copy(plan=plan_2023, by=world.user("home_affairs"))
        plan.illustrative = True
        plan.save()
        response = client_for(world.user("editor_a")).get(plan.get_absolute_url())
        content = response.content.decode()
        year = response.context["this_year"]
        assert plan.covers(year) and response.context["in_force_now"]
        assert _("in force in %(year)s") % {"year": year} in content
        assert _("illustrative") in content

    def test_the_list_searches_without_accents_and_filters_by_year(
        self, world, client_for, plan_2023
    ):
        client = client_for(world.user("leader"))
        found = client.get(reverse("registry:plan_list"), {"q": "tuyen truyen 2023"})
        assert list(found.context["plans"]) == [plan_2023]
        assert client.get(reverse("registry:plan_list"), {"q": "khong co"}).context["plans"] == []
        assert client.get(reverse("registry:plan_list"), {"year": 2026}).context["plans"] == []

    def test_the_list_exports(self, world, client_for, plan_2023):
        from tests.test_spreadsheets_exports import xlsx_rows

        client = client_for(world.user("media"))
        rows = xlsx_rows(client.get(reverse("registry:plan_list"), {"export": "xlsx"}))
        assert [row for row in rows if plan_2023.title in row]


class TestPermissions:
    @pytest.mark.parametrize("persona", [p for p in PERSONAS if p not in MANAGERS])
    def test_other_roles_cannot_create_edit_or_copy(self, world, client_for, plan_2023, persona):
        client = client_for(world.user(persona))
        assert client.get(reverse("registry:plan_create")).status_code == 403
        assert client.post(reverse("registry:plan_create"), form_data()).status_code == 403
        update = reverse("registry:plan_update", args=[plan_2023.pk])
        assert client.get(update).status_code == 403
        assert client.post(update, form_data()).status_code == 403
        copy = reverse("registry:plan_copy", args=[plan_2023.pk])
        assert client.get(copy).status_code == 403
        assert client.post(copy).status_code == 403
        assert Plan.objects.count() == 1
        content = client.get(plan_2023.get_absolute_url()).content.decode()
        assert update not in content and copy not in content

    @pytest.mark.parametrize("persona", MANAGERS)
    def test_home_affairs_and_administrators_enter_a_plan_with_its_rules(
        self, world, client_for, persona
    ):
        k = kinds("department", "commune")
        client = client_for(world.user(persona))
        assert client.get(reverse("registry:plan_create")).status_code == 200
        response = client.post(
            reverse("registry:plan_create"),
            form_data(
                rules=[
                    {"unit_kind": k["department"].pk, "minimum": "2", "source": "Mục VI.7"},
                    {"unit_kind": k["commune"].pk, "minimum": "3", "counts_endorsed": "on"},
                    {"unit_kind": "", "minimum": "", "source": ""},
                ]
            ),
        )
        plan = Plan.objects.get(period_from=2026)
        assert response.status_code == 302 and response["Location"] == plan.get_absolute_url()
        assert (plan.number, plan.signed_on.isoformat()) == ("15/KH-UBND", "2026-01-20")
        assert plan.deadline_for(2027).isoformat() == "2027-11-30"
        rules = {r.unit_kind.code: r for r in plan.quota_rules.select_related("unit_kind")}
        assert {code: r.minimum for code, r in rules.items()} == {"department": 2, "commune": 3}
        assert rules["commune"].counts_endorsed and not rules["department"].counts_endorsed
        assert plan.history.first().history_user == world.user(persona)
        assert rules["department"].history.first().history_user == world.user(persona)
        assert CatalogueVersion.for_year(2027) == plan.catalogue

    def test_editing_changes_and_removes_rules(self, world, client_for, plan_2023):
        client = client_for(world.user("home_affairs"))
        existing = list(plan_2023.quota_rules.select_related("unit_kind").order_by("pk"))
        rules = []
        for rule in existing:
            row = {
                "id": rule.pk,
                "plan": plan_2023.pk,
                "unit_kind": rule.unit_kind_id,
                "minimum": str(rule.minimum),
                "source": rule.source,
            }
            if rule.counts_endorsed:
                row["counts_endorsed"] = "on"
            if rule.unit_kind.code == "commune":
                row["minimum"] = "3"
            if rule.unit_kind.code == "enterprise-association":
                row["DELETE"] = "on"
            rules.append(row)
        data = form_data(
            rules=rules,
            initial=len(existing),
            title=plan_2023.title,
            number="",
            signed_on="",
            issuer=plan_2023.issuer,
            period_from="2023",
            period_to="2025",
            deadline_day="",
            deadline_month="",
        )
        response = client.post(reverse("registry:plan_update", args=[plan_2023.pk]), data)
        assert response.status_code == 302, response.context["rules"].errors
        minimums = dict(plan_2023.quota_rules.values_list("unit_kind__code", "minimum"))
        assert minimums["commune"] == 3
        assert "enterprise-association" not in minimums
        assert minimums["district"] == 5


class TestValidation:
    def test_bad_input_keeps_what_was_typed_and_says_what_is_wrong(self, world, client_for):
        k = kinds("department")
        client = client_for(world.user("home_affairs"))
        response = client.post(
            reverse("registry:plan_create"),
            form_data(
                title="kế hoạch thử nghiệm giữ nguyên chữ đã gõ",
                period_from="2030",
                period_to="2028",
                deadline_day="30",
                deadline_month="",
                rules=[
                    {"unit_kind": k["department"].pk, "minimum": "2", "source": "Mục bảy"},
                    {"unit_kind": k["department"].pk, "minimum": "-1", "source": ""},
                ],
            ),
        )
        assert response.status_code == 200
        assert not Plan.objects.filter(period_from=2030).exists()
        form, rules = response.context["form"], response.context["rules"]
        assert form.errors["period_to"] == [_("The last year comes before the first.")]
        assert form.errors["deadline_day"] == [_("Give both the day and the month, or neither.")]
        assert rules.forms[1].errors["minimum"]
        content = response.content.decode()
        assert "kế hoạch thử nghiệm giữ nguyên chữ đã gõ" in content
        assert "Mục bảy" in content
        assert 'value="2030"' in content
        assert _("Please correct the errors below.") in content

    def test_a_unit_kind_twice_is_refused_on_its_row(self, world, client_for):
        k = kinds("commune")
        client = client_for(world.user("administrator"))
        response = client.post(
            reverse("registry:plan_create"),
            form_data(
                rules=[
                    {"unit_kind": k["commune"].pk, "minimum": "2"},
                    {"unit_kind": k["commune"].pk, "minimum": "3"},
                ]
            ),
        )
        assert response.status_code == 200
        [message] = response.context["rules"].forms[1].errors["unit_kind"]
        assert message == _("%(kind)s already has a row above: one minimum per unit kind.") % {
            "kind": k["commune"].name
        }
        assert not Plan.objects.filter(period_from=2026).exists()

    def test_a_kind_that_ended_before_the_plan_is_refused(self, world, client_for):
        district = UnitKind.objects.get(code="district")
        client = client_for(world.user("home_affairs"))
        response = client.post(
            reverse("registry:plan_create"),
            form_data(rules=[{"unit_kind": district.pk, "minimum": "5"}]),
        )
        assert response.status_code == 200
        assert response.context["rules"].forms[0].errors["unit_kind"]

    def test_an_overlapping_period_is_refused(self, world, client_for, plan_2023):
        client = client_for(world.user("home_affairs"))
        response = client.post(
            reverse("registry:plan_create"), form_data(period_from="2025", period_to="2027")
        )
        assert response.status_code == 200
        [message] = response.context["form"].errors["period_from"]
        assert plan_2023.short_label in message
        assert Plan.objects.count() == 1


class TestCopy:
    def test_the_confirmation_page_says_what_the_copy_takes(self, world, client_for, plan_2023):
        response = client_for(world.user("home_affairs")).get(
            reverse("registry:plan_copy", args=[plan_2023.pk])
        )
        assert response.status_code == 200
        assert (response.context["first"], response.context["last"]) == (2026, 2028)
        assert [r.unit_kind.code for r in response.context["dropped"]] == ["district"]
        assert not Plan.objects.filter(period_from=2026).exists()

    @pytest.mark.parametrize("persona", MANAGERS)
    def test_a_copy_is_the_next_period_without_the_district_rule(
        self, world, client_for, plan_2023, persona
    ):
        plan_2023.number, plan_2023.deadline_day, plan_2023.deadline_month = "24/KH-UBND", 30, 11
        plan_2023.save()
        client = client_for(world.user(persona))
        response = client.post(reverse("registry:plan_copy", args=[plan_2023.pk]))
        copy = Plan.objects.get(period_from=2026)
        assert response.status_code == 302 and response["Location"] == copy.get_absolute_url()
        assert (copy.period_from, copy.period_to) == (2026, 2028)
        assert copy.title == plan_2023.title.replace("2023 - 2025", "2026 - 2028")
        assert copy.number == "" and copy.signed_on is None
        assert copy.catalogue == plan_2023.catalogue and copy.issuer == plan_2023.issuer
        assert (copy.deadline_day, copy.deadline_month) == (30, 11)
        assert copy.illustrative is plan_2023.illustrative
        minimums = dict(copy.quota_rules.values_list("unit_kind__code", "minimum"))
        assert minimums == {
            "department": 1,
            "mass-organisation": 1,
            "enterprise-association": 1,
            "commune": 2,
        }
        entry = copy.history.first()
        assert entry.history_user == world.user(persona)
        assert plan_2023.short_label in entry.history_change_reason

    def test_a_copy_over_an_existing_plan_is_refused(self, world, client_for, plan_2023):
        later = Plan.objects.create(title="giai đoạn 2027 - 2030", period_from=2027, period_to=2030)
        with pytest.raises(ValidationError) as error:
            plan_copy(plan=plan_2023, by=world.user("home_affairs"))
        assert later.short_label in " ".join(error.value.messages)
        client = client_for(world.user("home_affairs"))
        response = client.post(reverse("registry:plan_copy", args=[plan_2023.pk]), follow=True)
        assert later.short_label in response.content.decode()
        assert Plan.objects.count() == 2
        assert not QuotaRule.objects.filter(plan__period_from=2026).exists()

    @pytest.mark.unit
    def test_only_the_plans_own_years_move_on(self):
        plan = Plan(period_from=2023, period_to=2025)
        text = "giai đoạn 2023 - 2025 theo Luật năm 2022"
        assert shift_years(text, plan, 2026, 2028) == "giai đoạn 2026 - 2028 theo Luật năm 2022"
        one_year = Plan(period_from=2025, period_to=2025)
        assert shift_years("năm 2025", one_year, 2026, 2026) == "năm 2026"


class TestYearsWithoutAPlan:
    def test_the_quota_page_says_no_plan_covers_the_year(self, world, client_for, plan_2023):
        response = client_for(world.user("editor_a")).get(
            reverse("registry:quota_rules"), {"year": 2026}
        )
        content = response.content.decode()
        assert response.context["plan"] is None
        assert list(response.context["rules"]) == []
        assert _(NO_PLAN) % {"year": 2026} in content
        assert plan_2023.title not in content
        for rule in plan_2023.quota_rules.all():
            assert rule.source not in content

    def test_the_quota_page_shows_the_plan_in_force_and_its_rules(
        self, world, client_for, plan_2023
    ):
        response = client_for(world.user("media")).get(
            reverse("registry:quota_rules"), {"year": 2024}
        )
        assert response.context["plan"] == plan_2023
        assert {r.unit_kind.code: r.minimum for r in response.context["rules"]}["district"] == 5
        assert plan_2023.get_absolute_url() in response.content.decode()

    def test_the_quota_rules_export_follows_the_plan_of_the_year(self, world, client_for):
        from tests.test_spreadsheets_exports import xlsx_rows

        client = client_for(world.user("home_affairs"))
        url = reverse("registry:quota_rules")
        in_force = xlsx_rows(client.get(url, {"year": 2025, "export": "xlsx"}))
        assert in_force[0][0] == "Loại đơn vị"
        assert {row[0] for row in in_force[1:]} >= {"Sở, ban, ngành", "Xã, phường, đặc khu"}
        assert xlsx_rows(client.get(url, {"year": 2026, "export": "xlsx"}))[1:] == []

    def test_the_catalogue_page_names_its_plan_and_a_year_without_one(
        self, world, client_for, plan_2023
    ):
        client = client_for(world.user("media"))
        covered = client.get(reverse("registry:catalogue"), {"year": 2024})
        assert plan_2023.short_label in covered.content.decode()
        assert "uncovered_year" not in covered.context
        uncovered = client.get(reverse("registry:catalogue"), {"year": 2026})
        assert uncovered.context["uncovered_year"] == 2026
        message = _(
            "No plan covers %(year)s: no criteria catalogue applies to exemplars of that year."
        )
        assert message % {"year": 2026} in uncovered.content.decode()

    def test_the_exemplar_form_refuses_a_year_no_plan_covers(self, world, client_for):
        from registry.exemplar_validation import no_plan_message
        from tests.test_exemplar_pages import form_data as exemplar_data

        client = client_for(world.user("editor_a"))
        response = client.post(reverse("registry:exemplar_create"), exemplar_data(year=2026))
        assert response.status_code == 200
        assert response.context["form"].errors["year"] == [no_plan_message(2026)]
        assert not Exemplar.objects.exists()
