"""Quota rules and the criteria catalogue: set by the plan in force, versioned, kept in
history. A year no plan covers has neither."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from registry.enums import CriterionKind, SubjectKind
from registry.models import CatalogueVersion, Criterion, Field, Plan, QuotaRule
from registry.selectors import unit_quota
from tests.factories import UnitFactory, kind

pytestmark = pytest.mark.integration


class TestQuotaRules:
    @pytest.mark.parametrize(
        ("kind_code", "year", "minimum"),
        [
            ("department", 2023, 1),
            ("mass-organisation", 2024, 1),
            ("enterprise-association", 2025, 1),
            ("district", 2023, 5),
            ("district", 2025, 5),
            ("commune", 2024, 2),
            ("commune", 2025, 2),
        ],
    )
    def test_seeded_from_the_plan(self, db, kind_code, year, minimum):
        rule = QuotaRule.objects.for_kind(kind(kind_code), year)
        assert rule.minimum == minimum
        assert (rule.plan.period_from, rule.plan.period_to) == (2023, 2025)

    def test_no_quota_outside_the_plans_years(self, db):
        # The 2023-2025 plan's rules do not carry on into 2026: no plan covers it.
        for code in ("department", "commune", "district"):
            assert QuotaRule.objects.for_kind(kind(code), 2026) is None
        assert QuotaRule.objects.for_kind(kind("province"), 2024) is None

    def test_a_new_plan_sets_the_quota_from_its_first_year(self, db):
        plan = Plan(title="giai đoạn 2026 - 2030", period_from=2026, period_to=2030)
        plan.full_clean()
        plan.save()
        QuotaRule.objects.create(plan=plan, unit_kind=kind("commune"), minimum=3)
        commune = UnitFactory(code="14464", kind=kind("commune"))
        assert unit_quota(unit=commune, year=2025).minimum == 2
        assert unit_quota(unit=commune, year=2027).minimum == 3
        assert QuotaRule.objects.for_kind(kind("department"), 2027) is None

    def test_overlapping_plans_are_refused_with_a_clear_message(self, db):
        existing = Plan.objects.get(period_from=2023)
        plan = Plan(title="giai đoạn 2025 - 2027", period_from=2025, period_to=2027)
        with pytest.raises(ValidationError) as error:
            plan.full_clean()
        assert error.value.message_dict["period_from"] == [
            _("%(plan)s already covers some of these years: one plan applies to a year.")
            % {"plan": existing.short_label}
        ]

    def test_a_plan_has_one_rule_per_unit_kind(self, db):
        plan = Plan.objects.get(period_from=2023)
        with pytest.raises(ValidationError):
            QuotaRule(plan=plan, unit_kind=kind("commune"), minimum=3).full_clean()
        with pytest.raises(IntegrityError), transaction.atomic():
            QuotaRule.objects.create(plan=plan, unit_kind=kind("commune"), minimum=3)

    def test_changes_are_kept_in_history(self, db):
        rule = QuotaRule.objects.get(unit_kind__code="department")
        rule.minimum = 2
        rule._change_reason = "Quyết định mới của UBND tỉnh"
        rule.save()
        latest = rule.history.first()
        assert latest.minimum == 2
        assert latest.history_change_reason == "Quyết định mới của UBND tỉnh"
        assert rule.history.count() == 2
        delta = latest.diff_against(latest.prev_record)
        assert ("minimum", 1, 2) in [(c.field, c.old, c.new) for c in delta.changes]

    def test_quota_page_shows_the_rules_of_the_plan_in_force(self, world, client_for):
        response = client_for(world.user("editor_a")).get(
            reverse("registry:quota_rules"), {"year": 2025}
        )
        content = response.content.decode()
        assert {r.unit_kind.code for r in response.context["rules"]} == {
            "department",
            "mass-organisation",
            "enterprise-association",
            "district",
            "commune",
        }
        assert response.context["plan"].period_label == "2023 - 2025"
        assert "Kế hoạch tuyên truyền gương điển hình tiên tiến" in content

    def test_quota_page_for_a_year_no_plan_covers_shows_no_rule(self, world, client_for):
        response = client_for(world.user("editor_a")).get(
            reverse("registry:quota_rules"), {"year": 2026}
        )
        content = response.content.decode()
        assert list(response.context["rules"]) == []
        assert (
            _("No plan covers %(year)s: no quota, deadline or catalogue applies.") % {"year": 2026}
            in content
        )
        assert "Kế hoạch tuyên truyền gương điển hình tiên tiến" not in content


class TestCatalogue:
    def test_four_general_criteria_and_fourteen_fields_in_the_plans_words(self, db):
        version = CatalogueVersion.objects.get(code="2023-2025")
        assert version.published
        general = version.criteria.filter(kind=CriterionKind.GENERAL)
        specific = version.criteria.filter(kind=CriterionKind.SPECIFIC)
        assert general.count() == 4
        assert specific.count() == 14
        assert general.get(number=2).text == "Hoàn thành xuất sắc các nhiệm vụ được giao."
        health = specific.get(field__code="health")
        assert health.field.name == "Y tế"
        assert health.text.startswith("Trong lĩnh vực y tế: Quan tâm phát hiện")
        assert Field.objects.count() == 14
        assert version.subjects_text.startswith("Tập thể, cá nhân, hộ gia đình")

    def test_subject_kinds_are_the_plans_three(self):
        assert [label for _, label in SubjectKind.choices] == ["Tập thể", "Cá nhân", "Hộ gia đình"]

    def test_published_wording_cannot_be_edited(self, db):
        criterion = Criterion.objects.filter(version__code="2023-2025").first()
        criterion.text = "Nội dung khác"
        with pytest.raises(ValidationError):
            criterion.full_clean()

    def test_a_new_version_leaves_the_old_wording_alone(self, db):
        old = CatalogueVersion.objects.get(code="2023-2025")
        old.valid_to = 2025
        old.save()
        new = CatalogueVersion.objects.create(
            code="2026-2030",
            title="Tiêu chuẩn giai đoạn 2026 - 2030",
            source="Kế hoạch mới",
            subjects_text="Tập thể, cá nhân, hộ gia đình…",
            valid_from=2026,
        )
        Criterion.objects.create(version=new, kind="general", number=1, text="Tiêu chuẩn mới")
        new.published = True
        new.save()
        # No plan covers 2027 yet: no wording applies, not even the last one.
        assert CatalogueVersion.for_year(2027) is None
        Plan.objects.create(
            title="giai đoạn 2026 - 2030", period_from=2026, period_to=2030, catalogue=new
        )
        assert CatalogueVersion.for_year(2024) == old
        assert CatalogueVersion.for_year(2027) == new
        assert old.criteria.get(kind="general", number=1).text.startswith("Gương mẫu")

    def test_specific_criterion_without_field_is_refused(self, db):
        version = CatalogueVersion.objects.create(
            code="nhap", title="Bản nháp", source="-", subjects_text="-"
        )
        with pytest.raises(ValidationError):
            Criterion(version=version, kind="specific", number=1, text="x").full_clean()

    def test_page_shows_the_catalogue_to_every_user(self, world, client_for):
        response = client_for(world.user("media")).get(reverse("registry:catalogue"))
        content = response.content.decode()
        assert "Hoàn thành xuất sắc các nhiệm vụ được giao." in content
        assert "Trong lĩnh vực cải cách hành chính" in content
        assert "Hộ gia đình" in content
        assert len(response.context["specific_criteria"]) == 14

    def test_page_with_an_unknown_version_falls_back_to_the_current_one(self, world, client_for):
        response = client_for(world.user("media")).get(
            reverse("registry:catalogue"), {"version": "khong-co"}
        )
        assert response.status_code == 200
        assert response.context["version"].code == "2023-2025"
