"""The period review (issue 6, báo cáo tổng kết): the consolidation of a plan's whole period,
year by year, with the units traced through the reform; frozen in versions, reopened and
compared like the yearly one; who may build and read it; its signed report in PDF, DOCX and
xlsx, issued from Home Affairs' register."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from pypdf import PdfReader

from exemplar_portal.base.exports import sheet_title
from registry.enums import ExemplarStatus as S
from registry.enums import SubjectKind
from registry.models import (
    Exemplar,
    Field,
    Plan,
    QuotaRule,
    Unit,
)
from reports import consolidation as consolidating
from reports import documents, issuing
from reports.layout import DRAFT_MARK
from reports.models import (
    AwardProposal,
    Consolidation,
    DocumentRender,
    IssuedDocument,
    MediaIntroduction,
    Signer,
)
from tests.factories import UnitFactory, UnitSuccessionFactory, kind
from tests.factories.exemplars import ExemplarFactory
from tests.factories.reports import AwardProposalFactory, MediaIntroductionFactory
from tests.personas import EACH_ROLE
from tests.test_document_fonts import FACES, embedded, fonts_of
from tests.test_documents import (
    DOCX_CONTENT_TYPE,
    docx_text,
    flat,
    is_draft,
    pdf_text,
    xlsx_rows,
    xlsx_table,
)

pytestmark = pytest.mark.integration

PERIOD = (2023, 2025)
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
DEPARTMENTS_BASIS = "Nghị định số 45/2025/NĐ-CP ngày 28/02/2025 của Chính phủ"
COMMUNES_BASIS = "Nghị quyết số 1674/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội"
PROVINCIAL_MERIT = "bang-khen-chu-tich-ubnd-tinh"
NARRATIVE = {
    "results": "Ba năm thực hiện Kế hoạch, phong trào học tập điển hình lan tỏa tới cơ sở.",
    "shortcomings": "Năm 2025 một số xã mới thành lập chưa kịp lựa chọn điển hình.",
    "tasks_ahead": "Xây dựng Kế hoạch giai đoạn 2026 - 2030 trên cơ sở kết quả tổng kết.",
    "proposals_text": "Đề nghị Ủy ban nhân dân tỉnh khen thưởng các tập thể tiêu biểu.",
}


@pytest.fixture
def plan(db):
    """The 2023-2025 plan the migrations seed, with its quota rules (a commune needs one
    accepted exemplar here, so that a commune can meet it)."""
    plan = Plan.objects.get(period_from=PERIOD[0], period_to=PERIOD[1])
    QuotaRule.objects.filter(plan=plan, unit_kind=kind("commune")).update(minimum=1)
    return plan


def accepted(unit, name, year, *, by, field="health", status=S.ACCEPTED, **kwargs):
    return ExemplarFactory(
        unit=unit,
        year=year,
        status=status,
        full_name=name,
        field=Field.objects.get(code=field),
        created_by=by,
        with_evidence=False,
        **kwargs,
    )


@pytest.fixture
def reform(world):
    """Two units that ended during the period, each with the unit that carried on its work:
    Xã Gia Thanh (until 30/6/2025) merged into Xã Gia Hưng (from 1/7/2025); Sở Kế hoạch và
    Đầu tư (until 28/02/2025) merged into Sở Tài chính (always in force)."""
    old_commune = UnitFactory(
        code="373-GIATHANH",
        name="Xã Gia Thanh",
        kind=kind("commune"),
        parent=world.district_a,
        valid_until=datetime.date(2025, 6, 30),
        end_basis=COMMUNES_BASIS,
    )
    new_commune = UnitFactory(
        code="14479",
        name="Xã Gia Hưng",
        kind=kind("commune"),
        parent=world.province,
        valid_from=datetime.date(2025, 7, 1),
    )
    planning = UnitFactory(
        code="37-SKHDT",
        name="Sở Kế hoạch và Đầu tư",
        parent=world.province,
        valid_until=datetime.date(2025, 2, 28),
        end_basis=DEPARTMENTS_BASIS,
    )
    finance = UnitFactory(code="37-STC", name="Sở Tài chính", parent=world.province)
    UnitSuccessionFactory(
        predecessor=old_commune, successor=new_commune, legal_basis=COMMUNES_BASIS
    )
    UnitSuccessionFactory(
        predecessor=planning,
        successor=finance,
        effective_on=datetime.date(2025, 3, 1),
        legal_basis=DEPARTMENTS_BASIS,
    )
    return {
        "old_commune": old_commune,
        "new_commune": new_commune,
        "planning": planning,
        "finance": finance,
    }


@pytest.fixture
def records(world, plan, reform):
    """Three years of records, counted by hand in the tests below.

    2023: accepted Lan and Khoa Hồi sức (Sở Y tế), Hòa (Xã Gia Thanh), Đức (Sở KH-ĐT); Chờ
    under review at Sở GD-ĐT. Lan is proposed and commended.
    2024: accepted Hương (Sở GD-ĐT, introduced to the press), Toàn and Thịnh (Xã Gia
    Thanh); a draft of Sở Y tế.
    2025: accepted Sen (Xã Gia Thanh, before it ended), Hạnh (Xã Gia Hưng), Kế (Sở KH-ĐT,
    before it ended), Mai (Sở Y tế, proposed); Trình sent to her district (Xã Gia Vân).
    Outside the period: accepted exemplars of 2022 and 2026.
    """
    by = world.user("home_affairs")
    old, new = reform["old_commune"], reform["new_commune"]
    planning = reform["planning"]
    made = {
        "lan": accepted(world.dept_a, "Đinh Thị Ngọc Lan", 2023, by=by),
        "khoa": accepted(
            world.dept_a,
            "",
            2023,
            by=by,
            subject_kind=SubjectKind.COLLECTIVE,
            collective_name="Khoa Hồi sức tích cực",
            head_name="Phạm Văn Long",
            member_count=24,
        ),
        "hoa": accepted(
            old,
            "",
            2023,
            by=by,
            field="agriculture",
            subject_kind=SubjectKind.HOUSEHOLD,
            household_head="Lã Văn Hòa",
        ),
        "duc": accepted(planning, "Trần Minh Đức", 2023, by=by, field="agriculture"),
        "cho": accepted(world.dept_b, "Vũ Văn Chờ", 2023, by=by, status=S.UNDER_REVIEW),
        "huong": accepted(
            world.dept_b, "Phạm Thị Thu Hương", 2024, by=by, field="education-training"
        ),
        "toan": accepted(old, "Bùi Văn Toàn", 2024, by=by, field="social-security"),
        "thinh": accepted(
            old,
            "",
            2024,
            by=by,
            field="agriculture",
            subject_kind=SubjectKind.HOUSEHOLD,
            household_head="Nguyễn Văn Thịnh",
        ),
        "draft": accepted(world.dept_a, "Lê Văn Nháp", 2024, by=by, status=S.DRAFT),
        "sen": accepted(old, "Hoàng Văn Sen", 2025, by=by, field="agriculture"),
        "hanh": accepted(new, "Đỗ Thị Hạnh", 2025, by=by, field="agriculture"),
        "ke": accepted(planning, "Lê Văn Kế", 2025, by=by, field="agriculture"),
        "mai": accepted(world.dept_a, "Mai Thị Hoa", 2025, by=by),
        "trinh": accepted(
            world.commune_a, "Bùi Thị Trình", 2025, by=by, status=S.SUBMITTED_TO_DISTRICT
        ),
        "before": accepted(world.dept_a, "Trần Năm Trước", 2022, by=by),
        "after": accepted(world.dept_a, "Ngô Năm Sau", 2026, by=by),
    }
    MediaIntroductionFactory(
        exemplar=made["huong"],
        date=datetime.date(2024, 6, 11),
        occasion=MediaIntroduction.Occasion.PATRIOTIC_EMULATION_DAY,
        angle="Câu lạc bộ “Đọc sách cùng con”",
        created_by=by,
    )
    AwardProposalFactory(
        exemplar=made["lan"],
        year=2023,
        status=AwardProposal.Status.CONFERRED,
        decision_number="2968/QĐ-UBND",
        decision_date=datetime.date(2023, 12, 26),
    )
    AwardProposalFactory(exemplar=made["mai"], year=2025)
    return made


def review(world, plan):
    return consolidating.create_period_review(plan=plan, by=world.user("home_affairs"))


def url(name, consolidation, **kwargs):
    return reverse(f"reports:{name}", kwargs={"pk": consolidation.pk, **kwargs})


# 1. What the period review counts ---------------------------------------------------------------


class TestSnapshot:
    def test_the_figures_year_by_year(self, records, plan):
        """By hand: departments owe 1, districts 5, communes 1 (lowered). On 31/12 of 2023 and
        2024: six departments (Sở Y tế, Sở GD-ĐT, Sở Nội vụ, the press, Sở KH-ĐT, Sở Tài
        chính), two districts, three communes (Gia Vân, Kim Chính, Gia Thanh): 11. On
        31/12/2025: Sở KH-ĐT and Xã Gia Thanh have ended, Xã Gia Hưng has begun: 10."""
        snapshot = consolidating.build_snapshot(plan=plan)
        assert snapshot["kind"] == "period" and snapshot["years"] == [2023, 2024, 2025]
        assert snapshot["year"] == 2025 and snapshot["campaign"] == ""
        assert snapshot["plan"]["period"] == "2023 - 2025"
        assert snapshot["plan"]["citation"] == plan.citation
        by_year = {row["year"]: row for row in snapshot["by_year"]}
        figures = (
            "accepted",
            "submitted",
            "units_with_quota",
            "units_met",
            "units_behind",
            "introductions",
            "proposals",
            "conferred",
        )
        # 2023: Sở Y tế (2), Sở KH-ĐT (1) and Xã Gia Thanh (1) met; Chờ sent up only.
        assert tuple(by_year[2023][key] for key in figures) == (4, 5, 11, 3, 8, 0, 1, 1)
        # 2024: Sở GD-ĐT (1) and Xã Gia Thanh (2) met; the draft is not sent up.
        assert tuple(by_year[2024][key] for key in figures) == (3, 3, 11, 2, 9, 1, 0, 0)
        # 2025: Xã Gia Hưng counts its own and Sen (Xã Gia Thanh's), Sở Tài chính counts Kế
        # (Sở KH-ĐT's); with Sở Y tế, three met. Trình is at her district.
        assert tuple(by_year[2025][key] for key in figures) == (4, 5, 10, 3, 7, 0, 1, 0)
        totals = snapshot["totals"]
        assert (totals["accepted"], totals["submitted"]) == (11, 13)
        assert (totals["units_with_quota"], totals["units_met"], totals["units_behind"]) == (
            32,
            8,
            24,
        )
        # Sở Y tế, Sở KH-ĐT, Xã Gia Thanh, Sở GD-ĐT, Xã Gia Hưng.
        assert totals["units_with_exemplars"] == 5
        assert (totals["introductions"], totals["proposals"], totals["conferred"]) == (1, 2, 1)
        assert (totals["units_ended"], totals["units_began"]) == (2, 1)
        names = {e["name"] for e in snapshot["exemplars"]}
        assert "Trần Năm Trước" not in names and "Ngô Năm Sau" not in names
        assert "Lê Văn Nháp" not in names and "Vũ Văn Chờ" not in names
        assert {e["year"] for e in snapshot["exemplars"]} == {2023, 2024, 2025}

    def test_the_period_is_the_sum_of_its_years(self, records, plan):
        snapshot = consolidating.build_snapshot(plan=plan)
        for year, row in zip(plan.years, snapshot["by_year"], strict=True):
            yearly = consolidating.build_snapshot(year=year)
            assert row == {"year": year, **{k: yearly["totals"][k] for k in row if k != "year"}}

    def test_each_obligation_once_per_year(self, records, plan, reform):
        snapshot = consolidating.build_snapshot(plan=plan)
        standings = {q["year"]: q for q in snapshot["quota_by_year"]}
        assert sorted(standings) == [2023, 2024, 2025]
        for standing in standings.values():
            codes = [unit["code"] for unit in standing["units"]]
            assert len(codes) == len(set(codes))
        owing = {year: {u["code"] for u in q["units"]} for year, q in standings.items()}
        old, new = reform["old_commune"].code, reform["new_commune"].code
        planning, finance = reform["planning"].code, reform["finance"].code
        assert old in owing[2023] and old in owing[2024] and old not in owing[2025]
        assert new not in owing[2023] and new not in owing[2024] and new in owing[2025]
        assert planning in owing[2024] and planning not in owing[2025]
        assert all(finance in owing[year] for year in owing)
        by_code = {u["code"]: u for u in standings[2025]["units"]}
        assert (by_code[new]["accepted"], by_code[new]["inherited"], by_code[new]["met"]) == (
            2,
            1,
            True,
        )
        assert by_code[new]["predecessors"] == [reform["old_commune"].label]
        assert (by_code[finance]["accepted"], by_code[finance]["inherited"]) == (1, 1)
        # Nothing is left without a unit to count it.
        assert all(not q["unattributed"] for q in standings.values())
        # The period's obligations by unit kind add the years up.
        by_kind = {row["label"]: (row["total"], row["met"]) for row in snapshot["quota"]["by_kind"]}
        assert by_kind == {
            "Sở, ban, ngành": (6 + 6 + 5, 2 + 1 + 2),
            "Huyện, thành phố thuộc tỉnh": (2 + 2 + 2, 0),
            "Xã, phường, đặc khu": (3 + 3 + 3, 1 + 1 + 1),
        }

    def test_the_units_traced_through_the_reform(self, records, plan, reform):
        trace = consolidating.build_snapshot(plan=plan)["reform"]
        units = {unit["code"]: unit for unit in trace["units"]}
        old, new = reform["old_commune"], reform["new_commune"]
        planning, finance = reform["planning"], reform["finance"]
        # The units of the world are always in force; Sở Tài chính too: not traced.
        assert set(units) == {old.code, new.code, planning.code}
        ended = units[old.code]
        assert (ended["ended"], ended["began"]) == (True, False)
        assert ended["name"] == old.label and ended["valid_until"] == "2025-06-30"
        # 1/1/2023 - 30/6/2025: 365 + 366 + 181 days.
        assert ended["days"] == 912
        assert ended["end_basis"] == COMMUNES_BASIS
        assert ended["successors"] == [
            {
                "code": new.code,
                "name": "Xã Gia Hưng",
                "change": "merger",
                "effective_on": "2025-07-01",
                "legal_basis": COMMUNES_BASIS,
                "takes_over_work": True,
                "note": "",
            }
        ]
        # 1/1/2023 - 28/02/2025: 365 + 366 + 59 days.
        assert units[planning.code]["days"] == 790
        assert [s["name"] for s in units[planning.code]["successors"]] == ["Sở Tài chính"]
        assert units[planning.code]["successors"][0]["effective_on"] == "2025-03-01"
        began = units[new.code]
        assert (began["ended"], began["began"], began["days"]) == (False, True, 184)
        assert [p["name"] for p in began["predecessors"]] == [old.label]
        assert began["inherited"] == [{"year": 2025, "predecessors": [old.label], "accepted": 1}]
        # Year by year, whose results each successor counted.
        assert {
            (row["year"], row["name"], tuple(row["predecessors"]), row["accepted"])
            for row in trace["inherited"]
        } == {
            (2025, "Xã Gia Hưng", (old.label,), 1),
            (2025, "Sở Tài chính", (planning.label,), 1),
        }
        assert finance.code not in units

    def test_dimensions_over_the_period(self, records, plan, reform):
        snapshot = consolidating.build_snapshot(plan=plan)
        tally = {
            key: {r["label"]: r["count"] for r in snapshot[key]}
            for key in ("by_unit_kind", "by_subject_kind", "by_field")
        }
        assert tally["by_unit_kind"] == {"Sở, ban, ngành": 6, "Xã, phường, đặc khu": 5}
        assert tally["by_subject_kind"] == {"collective": 1, "individual": 8, "household": 2}
        # Health: Lan, Khoa, Mai; education: Hương; social security: Toàn; the rest farming.
        fields = {code: Field.objects.get(code=code).name for code in ("health", "agriculture")}
        assert tally["by_field"][fields["health"]] == 3
        assert tally["by_field"][fields["agriculture"]] == 6
        assert sum(tally["by_field"].values()) == 11
        by_unit = {row["code"]: row for row in snapshot["by_unit"]}
        assert by_unit[reform["old_commune"].code]["by_year"] == [1, 2, 1]
        assert by_unit[reform["old_commune"].code]["name"] == reform["old_commune"].label
        assert by_unit[reform["old_commune"].code]["accepted"] == 4
        assert by_unit["37-SYT"]["by_year"] == [2, 0, 1]
        # JSON-ready: what a version stores.
        import json

        assert json.loads(json.dumps(snapshot)) == snapshot


# 2. Building one: once per plan, from the plan's last year on ----------------------------------


class TestCreate:
    def test_home_affairs_builds_the_period_review_of_a_plan(self, world, plan, client_for):
        client = client_for(world.user("home_affairs"))
        response = client.post(reverse("reports:period_review_create"), {"plan": plan.pk})
        created = Consolidation.objects.get()
        assert response.status_code == 302
        assert response["Location"] == created.get_absolute_url()
        assert (created.kind, created.plan, created.year, created.campaign) == (
            Consolidation.Kind.PERIOD,
            plan,
            2025,
            None,
        )
        assert created.is_period and created.is_open
        assert str(created) == _("Period review %(period)s") % {"period": "2023 - 2025"}
        page = client.get(created.get_absolute_url())
        assert page.status_code == 200 and page.context["is_period"]

    def test_a_second_review_of_the_same_plan_is_refused(self, world, plan, client_for):
        review(world, plan)
        client = client_for(world.user("home_affairs"))
        response = client.post(reverse("reports:period_review_create"), {"plan": plan.pk})
        assert response.status_code == 200
        message = _("The period review of this plan already exists.")
        assert message in response.context["form"].non_field_errors()
        assert message in response.content.decode()
        assert Consolidation.objects.count() == 1
        with pytest.raises(ValidationError) as refused:
            review(world, plan)
        assert message in refused.value.messages

    def test_a_duplicate_built_at_the_same_moment_is_refused_too(self, world, plan, monkeypatch):
        review(world, plan)
        # Both checks passed before either was saved: the database's constraint decides.
        monkeypatch.setattr(Consolidation, "validate_constraints", lambda self, **kw: None)
        with pytest.raises(ValidationError) as refused:
            review(world, plan)
        assert _("The period review of this plan already exists.") in refused.value.messages
        assert Consolidation.objects.filter(plan=plan).count() == 1

    def test_the_yearly_consolidation_of_the_last_year_lives_beside_it(self, world, plan):
        by = world.user("home_affairs")
        period = review(world, plan)
        yearly = consolidating.create(year=2025, campaign=None, by=by)
        assert {period.year, yearly.year} == {2025}
        assert not yearly.is_period and yearly.plan is None
        # The yearly one is still once per year.
        with pytest.raises(ValidationError):
            consolidating.create(year=2025, campaign=None, by=by)

    def test_a_plan_still_running_cannot_be_reviewed_yet(self, world, plan, client_for):
        this_year = timezone.localdate().year
        running = Plan.objects.create(
            title="tuyên truyền gương điển hình tiên tiến giai đoạn sau",
            period_from=this_year + 1,
            period_to=this_year + 5,
        )
        client = client_for(world.user("home_affairs"))
        response = client.post(reverse("reports:period_review_create"), {"plan": running.pk})
        assert response.status_code == 200
        message = _(
            "%(plan)s runs until %(year)s: its period review can be prepared from %(year)s on."
        ) % {"plan": running.short_label, "year": running.period_to}
        assert message in response.context["form"].non_field_errors()
        assert not Consolidation.objects.exists()
        # From its last year on, it can.
        created = consolidating.create_period_review(
            plan=running,
            by=world.user("home_affairs"),
            today=datetime.date(running.period_to, 11, 30),
        )
        assert created.year == running.period_to

    @pytest.mark.parametrize("value", ["", "999999", "kế-hoạch"])
    def test_an_unknown_plan_is_a_form_error(self, world, plan, client_for, value):
        client = client_for(world.user("home_affairs"))
        response = client.post(reverse("reports:period_review_create"), {"plan": value})
        assert response.status_code == 200
        assert response.context["form"].errors["plan"]
        assert not Consolidation.objects.exists()

    def test_the_kind_and_the_plan_go_together(self, world, plan, movement):
        by = world.user("home_affairs")
        for wrong in (
            Consolidation(kind=Consolidation.Kind.PERIOD, year=2025, created_by=by),
            Consolidation(kind=Consolidation.Kind.YEARLY, plan=plan, year=2025, created_by=by),
            Consolidation(
                kind=Consolidation.Kind.PERIOD,
                plan=plan,
                campaign=movement,
                year=2025,
                created_by=by,
            ),
        ):
            with pytest.raises(ValidationError):
                wrong.validate_constraints()

    def test_the_list_offers_it_to_home_affairs_and_shows_it(self, world, plan, client_for):
        created = review(world, plan)
        create = reverse("reports:period_review_create")
        home_affairs = client_for(world.user("home_affairs")).get(
            reverse("reports:consolidation_list")
        )
        assert create in home_affairs.content.decode()
        assert created in list(home_affairs.context["consolidations"])
        leader = client_for(world.user("leader")).get(reverse("reports:consolidation_list"))
        assert create not in leader.content.decode()
        assert str(created) in leader.content.decode()
        only = client_for(world.user("leader")).get(
            reverse("reports:consolidation_list"), {"kind": "period"}
        )
        assert list(only.context["consolidations"]) == [created]


@pytest.fixture
def movement(db):
    from registry.models import Campaign

    return Campaign.objects.create(
        code="chuyen-doi-so",
        name="Phong trào thi đua chuyển đổi số tỉnh Ninh Bình",
        kind="movement",
        launched_by="province",
        level="provincial",
        valid_from=2024,
    )


# 3. Frozen versions, reopening, comparing ------------------------------------------------------


class TestVersions:
    def test_publish_freezes_reopen_and_publish_again(
        self, world, records, plan, reform, client_for
    ):
        consolidation = review(world, plan)
        client = client_for(world.user("home_affairs"))
        response = client.post(url("consolidation_publish", consolidation), {})
        first = consolidation.versions.get()
        assert response.status_code == 302 and response["Location"] == first.get_absolute_url()
        assert first.data["kind"] == "period" and first.data["totals"]["accepted"] == 11

        # After publishing: Thịnh (2024) is refused, a late exemplar of Sở GD-ĐT of 2023 is
        # accepted, Xã Gia Hưng is renamed.
        Exemplar.objects.filter(pk=records["thinh"].pk).update(status=S.REFUSED)
        accepted(world.dept_b, "Ngô Văn Muộn", 2023, by=world.user("home_affairs"))
        Unit.objects.filter(pk=reform["new_commune"].pk).update(name="Xã Gia Hưng Mới")
        first.refresh_from_db()
        assert first.data["by_year"][1]["accepted"] == 3
        page = client.get(first.get_absolute_url())
        assert page.status_code == 200 and page.context["is_period"]
        html = page.content.decode()
        assert "Nguyễn Văn Thịnh" in html and "Ngô Văn Muộn" not in html
        assert "Xã Gia Hưng Mới" not in html

        reason = "Sở Giáo dục và Đào tạo bổ sung hồ sơ năm 2023."
        assert (
            client.post(url("consolidation_reopen", consolidation), {"reason": reason})["Location"]
            == consolidation.get_absolute_url()
        )
        live = client.get(consolidation.get_absolute_url())
        assert live.status_code == 200 and "Ngô Văn Muộn" in live.content.decode()
        client.post(url("consolidation_publish", consolidation), {})
        second = consolidation.versions.get(number=2)
        assert consolidation.versions.get(number=1).reopen_reason == reason

        comparison = consolidating.compare(first.data, second.data)
        by_year = {
            year: {change.label: (change.before, change.after) for change in rows}
            for year, rows in comparison["by_year"]
        }
        labels = consolidating.by_year_labels()
        assert by_year == {
            2023: {
                labels["accepted"]: (4, 5),
                labels["submitted"]: (5, 6),
                labels["units_met"]: (3, 4),
                labels["units_behind"]: (8, 7),
            },
            # Xã Gia Thanh still has Toàn: it still meets its quota.
            2024: {labels["accepted"]: (3, 2), labels["submitted"]: (3, 2)},
        }
        totals = {change.label: change.delta for change in comparison["totals"]}
        period_labels = consolidating.total_labels(second.data)
        assert totals[period_labels["accepted"]] == 0
        assert totals[period_labels["units_met"]] == 1
        assert [e["name"] for e in comparison["added"]] == ["Ngô Văn Muộn"]
        assert [e["name"] for e in comparison["removed"]] == ["Nguyễn Văn Thịnh"]
        assert comparison["quota_changed"] == [
            {"name": "Sở Giáo dục và Đào tạo (2023)", "before": False, "after": True}
        ]
        assert comparison["traced"] == {"added": [], "removed": []}
        # The same version compared with itself changes nothing.
        same = consolidating.compare(second.data, second.data)
        assert same["by_year"] == [] and not same["totals_changed"]

        page = client.get(url("consolidation_compare", consolidation), {"before": 1, "after": 2})
        assert page.status_code == 200
        html = page.content.decode()
        assert 'data-testid="by-year-changes"' in html
        assert "Sở Giáo dục và Đào tạo (2023)" in html

    def test_a_corrected_period_is_what_the_next_version_counts(self, world, plan):
        consolidation = review(world, plan)
        # The plan was entered with a wrong last year, corrected before publishing.
        Plan.objects.filter(pk=plan.pk).update(period_to=2026)
        consolidation = Consolidation.objects.get(pk=consolidation.pk)
        version = consolidating.publish(consolidation=consolidation, by=world.user("home_affairs"))
        assert version.data["years"] == [2023, 2024, 2025, 2026]
        assert version.data["plan"]["period"] == "2023 - 2026"
        consolidation.refresh_from_db()
        assert consolidation.year == 2026

    def test_the_page_shows_the_years_and_the_trace(self, world, records, plan, reform, client_for):
        consolidation = review(world, plan)
        page = client_for(world.user("leader")).get(consolidation.get_absolute_url())
        assert page.status_code == 200
        context = page.context
        assert [year for year, _values in context["by_year"]] == [2023, 2024, 2025]
        assert context["by_year"][0][1][:5] == [4, 5, 11, 3, 8]
        assert context["by_year_totals"][:5] == [11, 13, 32, 8, 24]
        html = page.content.decode()
        assert 'data-testid="by-year"' in html
        assert reform["old_commune"].label in html
        assert COMMUNES_BASIS in html and DEPARTMENTS_BASIS in html
        # The narrative sections apply to the review too.
        narrative = client_for(world.user("home_affairs")).post(
            url("consolidation_narrative", consolidation), NARRATIVE
        )
        assert narrative.status_code == 302
        consolidation.refresh_from_db()
        assert consolidation.shortcomings == NARRATIVE["shortcomings"]

    def test_the_xlsx_of_a_version_is_frozen_and_has_the_years(
        self, world, records, plan, client_for
    ):
        consolidation = review(world, plan)
        consolidating.publish(consolidation=consolidation, by=world.user("home_affairs"))
        Exemplar.objects.filter(pk=records["lan"].pk).update(full_name="Tên Mới Sau Công Bố")
        client = client_for(world.user("leader"))
        content = client.get(url("consolidation_version_xlsx", consolidation, number=1)).content
        names = [row[1] for row in xlsx_rows(content, _("Accepted exemplars"))[1:]]
        assert "Đinh Thị Ngọc Lan" in names and "Tên Mới Sau Công Bố" not in names
        assert len(names) == 11
        years = xlsx_table(content, sheet_title(_("By year"), set()))
        assert [row[0] for row in years[1:]] == ["2023", "2024", "2025", _("Total")]
        assert years[1][1:6] == (4, 5, 11, 3, 8)
        assert years[-1][1:6] == (11, 13, 32, 8, 24)
        reorganised = xlsx_rows(content, sheet_title(_("Units reorganised"), set()))
        assert len(reorganised) == 1 + 3


# 4. Who may build, publish and read it ----------------------------------------------------------

READERS = ["leader", "administrator"]
OTHERS = [persona for persona in EACH_ROLE if persona not in {"home_affairs", *READERS}]


@pytest.fixture
def both(world, plan):
    """An open period review and a published yearly consolidation of 2024."""
    by = world.user("home_affairs")
    open_one = review(world, plan)
    published = consolidating.create(year=2024, campaign=None, by=by)
    consolidating.publish(consolidation=published, by=by)
    return open_one, published


@pytest.mark.parametrize("persona", EACH_ROLE)
def test_who_may_read_and_act(world, both, client_for, persona):
    open_one, _published = both
    client = client_for(world.user(persona))
    codes = {
        "list": client.get(reverse("reports:consolidation_list")).status_code,
        "detail": client.get(url("consolidation_detail", open_one)).status_code,
        "xlsx": client.get(url("consolidation_xlsx", open_one)).status_code,
        "create": client.get(reverse("reports:period_review_create")).status_code,
        "publish": client.get(url("consolidation_publish", open_one)).status_code,
    }
    if persona == "home_affairs":
        expected = dict.fromkeys(codes, 200)
    elif persona in READERS:
        expected = {**dict.fromkeys(codes, 200), "create": 403, "publish": 403}
    else:
        expected = dict.fromkeys(codes, 403)
    assert codes == expected


@pytest.mark.parametrize("persona", [*OTHERS, *READERS])
def test_only_home_affairs_creates_publishes_and_reopens(world, plan, client_for, persona):
    client = client_for(world.user(persona))
    assert (
        client.post(reverse("reports:period_review_create"), {"plan": plan.pk}).status_code == 403
    )
    assert not Consolidation.objects.exists()
    consolidation = review(world, plan)
    assert client.post(url("consolidation_publish", consolidation), {}).status_code == 403
    assert not consolidation.versions.exists()
    consolidating.publish(consolidation=consolidation, by=world.user("home_affairs"))
    response = client.post(
        url("consolidation_reopen", consolidation), {"reason": "Một lý do đủ dài để mở lại."}
    )
    assert response.status_code == 403
    consolidation.refresh_from_db()
    assert not consolidation.is_open


def test_home_affairs_publishes_through_the_page(world, plan, client_for):
    consolidation = review(world, plan)
    client = client_for(world.user("home_affairs"))
    assert client.post(url("consolidation_publish", consolidation), {}).status_code == 302
    consolidation.refresh_from_db()
    assert not consolidation.is_open and consolidation.versions.get().number == 1


def test_anonymous_users_are_sent_to_sign_in(world, plan, client):
    consolidation = review(world, plan)
    for page in (reverse("reports:period_review_create"), consolidation.get_absolute_url()):
        response = client.get(page)
        assert response.status_code == 302
        assert "login" in response["Location"] or "dang-nhap" in response["Location"]


# 5. The signed report ---------------------------------------------------------------------------


@pytest.fixture
def published(world, records, plan):
    """The period review, with its narrative, published as version 1."""
    by = world.user("home_affairs")
    consolidation = review(world, plan)
    Consolidation.objects.filter(pk=consolidation.pk).update(**NARRATIVE)
    return consolidating.publish(consolidation=consolidation, by=by)


def pdf_url(version):
    return url("consolidation_version_pdf", version.consolidation, number=version.number)


def review_subject(plan) -> str:
    return _("Review of the implementation of %(plan)s") % {"plan": plan.citation}


class TestReport:
    def test_the_document_reads_as_the_period_review(self, published, plan, reform):
        consolidation = published.consolidation
        document = documents.consolidated_report(
            consolidation=consolidation, snapshot=published.data, version=published
        )
        assert document.kind == "period_review" and document.year == 2025
        assert document.type_name == "BÁO CÁO" and document.symbol.startswith("BC-")
        assert document.subject.startswith(flat(review_subject(plan))[:40])
        assert "2023 - 2025" in document.subject
        assert document.filename == "bao-cao-tong-ket-2023-2025-v1"
        text = document.text()
        assert _("Implementing %(plan)s;") % {"plan": plan.citation} in text
        for value in NARRATIVE.values():
            assert value in text
        assert reform["old_commune"].label in text and COMMUNES_BASIS in text
        # The annexes: accepted exemplars, obligations not met, the reform, by unit,
        # proposals, media.
        assert [annex.number for annex in document.annexes] == ["I", "II", "III", "IV", "V", "VI"]
        by_year = document.extra["tables"]["by_year"]
        assert by_year.totals[:6] == [_("Total"), 11, 13, 32, 8, 24]
        inherited = document.extra["tables"]["inherited"]
        assert [row[2] for row in inherited.data_rows] == ["Sở Tài chính", "Xã Gia Hưng"]

    def test_rendered_by_the_worker_as_pdf_and_docx(
        self, world, published, plan, client_for, django_capture_on_commit_callbacks
    ):
        client = client_for(world.user("leader"))
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(pdf_url(published)).status_code == 302
        render = DocumentRender.objects.get()
        assert render.status == DocumentRender.Status.DONE, render.error
        download = client.get(pdf_url(published))
        assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
        assert "bao-cao-tong-ket-2023-2025-v1-du-thao.pdf" in download["Content-Disposition"]
        content = b"".join(download.streaming_content)
        assert len(PdfReader(io.BytesIO(content)).pages) == render.pages > 1
        # Set in the shipped font alone, every Vietnamese letter included.
        assert embedded(fonts_of(content)) <= FACES
        text = flat(pdf_text(content))
        for expected in [
            NATIONAL_TITLE,
            "UBND TỈNH NINH BÌNH",
            "SỞ NỘI VỤ",
            "BÁO CÁO",
            flat(_("I. RESULTS ACHIEVED")),
            flat(_("IV. PROPOSALS AND RECOMMENDATIONS")),
            NARRATIVE["shortcomings"],
            # The year-by-year table, then its totals.
            "2023 4 5 11 3 8 0 1 1",
            "2024 3 3 11 2 9 1 0 0",
            "2025 4 5 10 3 7 0 1 0",
            f"{_('Total')} 11 13 32 8 24 1 2 1",
            "Phụ lục III",
            "(Kèm theo Báo cáo số",
            "Xã Gia Hưng",
            "Sở Tài chính",
            "Đinh Thị Ngọc Lan",
            "Nơi nhận:",
        ]:
            assert expected in text, expected
        assert is_draft(text)
        editable = client.get(pdf_url(published), {"format": "docx"})
        assert editable.status_code == 200
        assert editable["Content-Type"] == DOCX_CONTENT_TYPE
        word = docx_text(b"".join(editable.streaming_content))
        assert NATIONAL_TITLE in word and DRAFT_MARK in word
        assert NARRATIVE["tasks_ahead"] in word and "Lê Văn Kế" in word

    def test_issued_from_the_register_with_its_own_kind(
        self, world, published, client_for, django_capture_on_commit_callbacks
    ):
        signer = Signer.objects.create(
            unit=world.home_affairs_unit,
            full_name="Nguyễn Văn Thành",
            position="Giám đốc",
            is_default=True,
        )
        client = client_for(world.user("home_affairs"))
        issue_url = url("consolidation_version_issue", published.consolidation, number=1)
        form = client.get(issue_url)
        assert form.status_code == 200
        assert form.context["kind_label"] == IssuedDocument.Kind.PERIOD_REVIEW.label
        day = timezone.localdate()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                issue_url, {"signer": signer.pk, "issued_on": day.strftime("%Y-%m-%d")}
            )
        issued = IssuedDocument.objects.get()
        assert response.status_code == 302 and response["Location"] == issued.get_absolute_url()
        issued.refresh_from_db()
        assert issued.status == IssuedDocument.Status.READY, issued.error
        assert issued.kind == IssuedDocument.Kind.PERIOD_REVIEW and issued.version == published
        assert issued.params["narrative"] == NARRATIVE
        published.refresh_from_db()
        assert published.document_number == issued.number_text
        text = flat(pdf_text(issued.pdf.read()))
        issued.pdf.close()
        assert f"Số: {issued.number_text}" in text and DRAFT_MARK not in text
        assert NARRATIVE["results"] in text and "Nguyễn Văn Thành" in text
        assert issued.docx and issued.xlsx
        # Only Home Affairs issues it.
        leader = client_for(world.user("leader"))
        assert leader.post(issue_url, {"signer": signer.pk}).status_code == 403
        assert IssuedDocument.objects.count() == 1

    def test_issuing_without_the_narrative_is_refused(self, world, plan, client_for):
        consolidation = review(world, plan)
        version = consolidating.publish(consolidation=consolidation, by=world.user("home_affairs"))
        client = client_for(world.user("home_affairs"))
        response = client.get(
            url("consolidation_version_issue", consolidation, number=version.number)
        )
        assert response.status_code == 302
        assert response["Location"] == url("consolidation_narrative", consolidation)

    def test_an_illustrative_plan_is_cited_as_such(self, world, published, plan):
        Plan.objects.filter(pk=plan.pk).update(illustrative=True, number="24/KH-UBND")
        consolidation = Consolidation.objects.select_related("plan").get(
            pk=published.consolidation_id
        )
        document = documents.consolidated_report(
            consolidation=consolidation, snapshot=published.data, version=published
        )
        cited = consolidation.plan.citation
        assert "số 24/KH-UBND" in cited
        assert (
            _("Implementing %(plan)s (an illustrative plan, not one the province issued);")
            % {"plan": cited}
            in document.text()
        )

    def test_the_build_of_the_register_kind(self, world, published):
        document = issuing.build(
            IssuedDocument.Kind.PERIOD_REVIEW,
            {"version": published.pk},
            user=world.user("home_affairs"),
        )
        assert document.kind == "period_review"
        assert issuing.about({"version": published.pk, "narrative": NARRATIVE}) == (
            f"version={published.pk}"
        )


def test_the_demo_publishes_the_review_once_with_its_narrative(world, plan):
    from reports import demo_data

    assert demo_data._period_review(world.user("home_affairs")) == 1
    assert demo_data._period_review(world.user("home_affairs")) == 0
    consolidation = Consolidation.objects.get(kind=Consolidation.Kind.PERIOD)
    assert consolidation.plan == plan and not consolidation.is_open
    assert consolidation.versions.count() == 1
    for name, text in demo_data.PERIOD_NARRATIVE.items():
        assert getattr(consolidation, name) == text
        assert "lorem" not in text.lower()
