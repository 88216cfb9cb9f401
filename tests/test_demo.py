"""The demo as ``make demo`` loads it (``load_units``, ``load_outlets``, ``load_demo``): what
each part of it shows, and that loading it again changes nothing.

Loading it takes seconds, so it is loaded once for this module (once per test worker),
inside a transaction rolled back after the module's last test; each test's own changes are
undone after it, as usual.
"""

import datetime
import uuid
from collections import Counter
from decimal import Decimal
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns import judging
from campaigns.data.outlets import OUTLETS
from campaigns.models import (
    BudgetEstimate,
    BudgetSpending,
    CampaignReview,
    Column,
    Contest,
    Coverage,
    Difficulty,
    Event,
    EventFile,
    InspectionPlan,
    MediaOutlet,
    Pledge,
    Recommendation,
    Recusal,
    UnitRegulation,
)
from registry import quotas
from registry.demo import ACCOUNTS, DEMO_PASSWORD
from registry.enums import ExemplarStatus as S
from registry.enums import Role
from registry.models import (
    Attachment,
    CatalogueVersion,
    Exemplar,
    ImportJob,
    Plan,
    Unit,
    UnitSuccession,
    User,
)
from reports.models import AwardProposal, MediaIntroduction
from tests.conftest import the_demo

pytestmark = [pytest.mark.integration, pytest.mark.slow]

M = 1_000_000
PROVINCIAL_MERIT = "bang-khen-chu-tich-ubnd-tinh"


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker):
    with the_demo(django_db_blocker):
        yield


def row_counts() -> dict[str, int]:
    """The rows of every table of the portal's apps (not their history: a second load saves
    some unchanged rows again, which their history records)."""
    return {
        model._meta.label: model._base_manager.count()
        for app in ("registry", "campaigns", "reports")
        for model in apps.get_app_config(app).get_models()
        if not model._meta.label.split(".")[1].startswith("Historical")
    }


def test_a_second_load_changes_nothing_and_lists_the_accounts(db, capsys):
    counts = row_counts()
    call_command("load_demo")
    assert row_counts() == counts
    output = capsys.readouterr().out
    assert DEMO_PASSWORD in output
    assert "tdkt.snv" in output


def test_one_account_per_role(db):
    assert {a.role for a in ACCOUNTS} == set(Role)
    for account in ACCOUNTS:
        user = User.objects.get(username=account.username)
        assert user.check_password(DEMO_PASSWORD)
        assert user.unit.code == account.unit_code


def test_exemplars_went_through_the_workflow(db):
    statuses = dict(Exemplar.objects.values_list("full_name", "status").exclude(full_name=""))
    assert statuses["Đinh Thị Ngọc Lan"] == "accepted"
    assert statuses["Bùi Văn Toàn"] == "returned"
    # Of 2025-2026: seven moved through the workflow, three drafts from the demo
    # spreadsheet import (the awards demo adds exemplars of earlier years).
    assert Exemplar.objects.filter(year__gte=2025).count() == 10
    assert Exemplar.objects.filter(status="draft").count() == 4
    assert statuses["Phạm Thị Thu Hương"] == "accepted"
    assert CampaignReview.objects.count() == 1
    assert Pledge.objects.get().units.count() == 4
    toan = Exemplar.objects.get(full_name="Bùi Văn Toàn")
    assert list(toan.transitions.values_list("by__username", flat=True)) == [
        "canbo.giavan",
        "huyen.giavien",
        "tdkt.snv",
    ]
    # Sent to the district before it ended, reviewed there, on the days of 2025.
    assert toan.reviewer_unit.code == "373"
    assert toan.transitions.order_by("pk").first().at.date() < datetime.date(2025, 7, 1)
    # One was still waiting for the district when it ended: it has moved on.
    thinh = Exemplar.objects.get(household_head="Nguyễn Văn Thịnh")
    assert thinh.status == "under_review"
    assert thinh.transitions.filter(by__isnull=True).exists()


def test_the_district_reviews_its_historical_communes(db):
    reviewer = User.objects.get(username="huyen.giavien")
    commune = Unit.objects.get(code="373-GIAVAN")
    assert commune.reviewing_unit_on(datetime.date(2025, 6, 30)) == reviewer.unit
    # Both ended on 30/6/2025: today nobody reviews the old commune's submissions.
    assert commune.has_ended() and commune.reviewing_unit is None
    assert reviewer.has_perm("registry.view_people_unit", commune)
    assert not reviewer.has_perm("registry.view_people_unit", Unit.objects.get(code="37-SYT"))


def test_old_communes_lead_to_todays_and_plans_cover_the_years(db):
    successors = dict(
        UnitSuccession.objects.filter(predecessor__code__startswith="373-").values_list(
            "predecessor__code", "successor__code"
        )
    )
    assert successors == {
        "373-GIAVAN": "14488",
        "373-GIATHANH": "14488",
        "373-GIAHOA": "14482",
        "373-ME": "14464",
    }
    old = Unit.objects.get(code="373-GIAVAN")
    assert old.valid_until == datetime.date(2025, 6, 30) and old.end_basis
    assert User.objects.get(username="canbo.xagiavan").unit.code == "14488"
    assert User.objects.get(username="canbo.giavan").unit == old
    later = Plan.objects.get(period_from=2026)
    assert (later.period_to, later.illustrative) == (2030, True)
    assert later.deadline_for(2026) == datetime.date(2026, 11, 30)
    assert "district" not in set(later.quota_rules.values_list("unit_kind__code", flat=True))
    assert CatalogueVersion.for_year(2027) == later.catalogue
    current = Plan.objects.get(period_from=2023)
    assert (current.number, current.signed_on) == ("", None)
    assert current.regulation_requirements.filter(deadline=datetime.date(2023, 3, 31)).exists()


def test_the_2025_quota_as_an_officer_computes_it(db):
    """On 31/12/2025 Ninh Bình has 129 communes and wards, 17 departments and provincial
    bodies (the merged ones once, Báo và Phát thanh, Truyền hình once; Ban Thi đua - Khen
    thưởng is a sub-board of Sở Nội vụ and owes nothing), 6 mass organisations and the
    enterprise association: 153 obligations, no district. Sở Y tế and Sở Giáo dục và Đào tạo
    have one accepted each; Xã Gia Vân (from 1/7/2025) counts the one its predecessor had
    accepted and the one it had sent, handed over to Home Affairs when the district ended."""
    standing = quotas.standing(2025, today=datetime.date(2026, 12, 3))
    rows = {row.unit.code: row for row in standing.rows}
    assert len(standing.rows) == len(rows) == 153
    by_kind = Counter(row.unit.kind.code for row in standing.rows)
    assert by_kind == {
        "department": 17,
        "mass-organisation": 6,
        "enterprise-association": 1,
        "commune": 129,
    }
    for gone in ("373", "37-SKHDT", "37-SNNPTNT", "37-STNMT", "37-BNB", "37-DPTTH", "37-SNV-TDKT"):
        assert gone not in rows
    assert {code for code, row in rows.items() if row.met} == {"37-SYT", "37-SGDDT"}
    gia_van = rows["14488"]
    assert (gia_van.minimum, gia_van.accepted, gia_van.submitted) == (2, 1, 2)
    assert [unit.code for unit in gia_van.predecessors] == ["373-GIAVAN"]
    assert standing.unattributed == []


def test_one_regulation_sent_on_time_and_one_late(db):
    regulations = {r.unit.code: r for r in UnitRegulation.objects.select_related("unit")}
    assert set(regulations) == {"37-SYT", "37-SGDDT"}
    syt, sgddt = regulations["37-SYT"], regulations["37-SGDDT"]
    assert (syt.status, syt.is_late, syt.reviewed_by.username) == (
        "acknowledged",
        False,
        "tdkt.snv",
    )
    assert (sgddt.status, sgddt.is_late) == ("sent", True)
    assert timezone.localdate(sgddt.sent_at) == datetime.date(2023, 4, 10)


def test_one_answered_difficulty_of_so_y_te(db):
    difficulty = Difficulty.objects.get()
    assert difficulty.unit.code == "37-SYT"
    assert difficulty.status == Difficulty.Status.ANSWERED
    assert [m.author.username for m in difficulty.messages.all()] == ["canbo.syt", "tdkt.snv"]


def test_one_removed_attachment_for_home_affairs_to_see(db, client):
    (row,) = Attachment.all_objects.removed()
    assert row.deleted_by.username == "canbo.syt"
    assert row.exemplar.attachments.count() == 1  # the photo stays
    client.force_login(User.objects.get(username="tdkt.snv"))
    page = client.get(row.exemplar.get_absolute_url())
    assert [a.pk for a, _until in page.context["removed_attachments"]] == [row.pk]
    actions = [item.file.action for item in page.context["timeline"] if item.file]
    assert actions == ["attached", "attached", "removed"]


def test_one_spreadsheet_import_of_three_drafts(db):
    from registry.spreadsheets import demo

    demo.load()  # loaded once
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.DONE and job.new_rows == 3
    assert job.created_by.username == "canbo.syt" and job.unit.code == "37-SYT"
    imported = Exemplar.history.filter(history_change_reason=_("Imported from a spreadsheet"))
    drafts = Exemplar.objects.filter(pk__in=imported.values("id"))
    assert {e.subject_name for e in drafts} == {
        "Trạm Y tế xã Gia Vân",
        "Trương Văn Lực",
        "Đinh Thị Thanh Xuân",
    }
    assert {e.status for e in drafts} == {"draft"}


def test_events_of_every_kind_with_their_exemplars(db):
    from campaigns.demo_data import events as demo

    demo.load()  # loaded once
    assert Event.objects.count() == len(demo.EVENTS)
    assert {e.date.year for e in Event.objects.all()} == {2024, 2025, 2026}
    assert set(Event.objects.values_list("kind", flat=True)) == set(Event.Kind.values)
    assert EventFile.objects.filter(kind="photo").count() == 1
    flag_salute = Event.objects.get(kind=Event.Kind.FLAG_SALUTE)
    assert flag_salute.organiser.code == "37-SYT"
    featured = Exemplar.objects.filter(events__isnull=False).distinct()
    assert featured.exists()
    assert {e.status for e in featured} == {S.ACCEPTED}
    assert flag_salute.exemplars.exists()
    assert all(e.history.count() == 1 for e in Event.objects.all())


def test_the_outlets_columns_and_coverage_of_the_media_account(db):
    from campaigns.demo_data import coverage as demo

    assert demo.load() == 0  # loaded once
    call_command("load_outlets", stdout=StringIO())
    assert MediaOutlet.objects.count() == len(OUTLETS)
    assert Column.objects.count() == 2
    assert Coverage.objects.count() == len(demo.ITEMS)
    good_deeds = Column.objects.get(name="Người tốt - Việc tốt")
    assert good_deeds.outlet.kind == "broadcaster" and good_deeds.outlet.unit.code == "37-BPTTH"
    assert Column.objects.get(name="Điển hình tiên tiến - Nhân tố mới").outlet.kind == "newspaper"
    author = Coverage.objects.order_by().values_list("recorded_by__username", flat=True).distinct()
    assert list(author) == ["bientap.bnb"]
    assert {item.published_on.year for item in Coverage.objects.all()} == {2025, 2026}
    # Every item is about an accepted exemplar, which the demo media account now reaches.
    covered = Exemplar.objects.filter(coverage__isnull=False).distinct()
    assert {e.status for e in covered} == {S.ACCEPTED}
    media = User.objects.get(username="bientap.bnb")
    assert set(covered) <= set(Exemplar.objects.restrict(media))


def test_a_judged_contest_with_its_prizes(db):
    from campaigns.demo_data import contests as demo

    demo.load()  # loaded once
    contest = Contest.objects.get(name=demo.NAME)
    assert contest.organiser.code == "37-SNV"
    assert contest.results_published_at is not None
    assert [c.max_score for c in contest.criteria.all()] == [40, 40, 20]
    final = contest.rounds.get()
    assert sorted(final.judges.values_list("username", flat=True)) == [
        "bientap.bnb",
        "giamkhao.hnv",
        "tdkt.snv",
    ]
    assert not final.judges.get(username="giamkhao.hnv").has_usable_password()
    assert contest.entries.count() == 4 and Recusal.objects.count() == 1
    assert all(
        e.status == S.ACCEPTED for entry in contest.entries.all() for e in entry.exemplars.all()
    )
    results = judging.contest_results(contest)
    assert [(s.rank, s.score) for s in results] == [
        (1, Decimal("89.50")),
        (2, Decimal("84.67")),
        (3, Decimal("82.67")),
        (4, Decimal("78.67")),
    ]
    assert [p.level for p in contest.prizes.order_by("entry__title")] == [
        "second",
        "third",
        "first",
        "consolation",
    ]


def test_an_inspection_plan_with_recommendations_closed_and_overdue(db):
    from campaigns.demo_data import inspections as demo

    demo.load()  # loaded once
    plan = InspectionPlan.objects.get(title=demo.PLAN_TITLE)
    assert (plan.year, plan.lead_unit.code) == (2025, "37-SNV")
    inspected = {i.unit.code: i for i in plan.inspections.select_related("team_leader")}
    assert set(inspected) == {"37-SYT", "373", "373-GIAVAN"}
    assert {i.team_leader.username for i in inspected.values()} == {"tdkt.snv"}
    assert inspected["37-SYT"].team_members.get().username == "canbo.sgddt"
    recommendations = Recommendation.objects.filter(inspection__plan=plan)
    assert recommendations.count() == 4
    closed = recommendations.closed().get()
    assert closed.follow_ups.exists()
    assert closed.closed_by.username == "tdkt.snv"
    assert closed.inspection.unit.code == "37-SYT"
    assert recommendations.overdue().get().inspection.unit.code == "373"


def test_budgets_estimated_and_spent(db):
    from campaigns.demo_data import budgets as demo

    counts = BudgetEstimate.objects.count(), BudgetSpending.objects.count()
    demo.load()
    assert (BudgetEstimate.objects.count(), BudgetSpending.objects.count()) == counts
    assert counts == (
        sum(len(a) for _, years in demo.ESTIMATES.values() for a in years.values()),
        len(demo.SPENDING),
    )
    units = set(BudgetEstimate.objects.values_list("unit__code", flat=True))
    assert units == {"37-SYT", "37-SGDDT", "37-SNV", "373", "373-GIAVAN"}
    years = set(BudgetEstimate.objects.filter(unit__code="37-SYT").values_list("year", flat=True))
    assert years == {2025, 2026}
    amounts = BudgetEstimate.objects.values_list("amount", flat=True)
    assert all(15 * M <= amount <= 120 * M for amount in amounts)
    assert BudgetEstimate.history.filter(history_user__username="canbo.syt").exists()


def test_award_proposals_of_accepted_exemplars(db):
    from reports import demo_data

    assert demo_data.load() == 0  # loaded once
    # The table's proposals, each once; the other demo modules add their own.
    made = Counter(AwardProposal.objects.values_list("exemplar__creation_token", "award__code"))
    for token, code, *_rest in demo_data.PROPOSALS:
        assert made[uuid.uuid5(uuid.NAMESPACE_URL, f"demo-exemplar-{token}"), code] == 1, token
    lan = AwardProposal.objects.get(exemplar__full_name="Đinh Thị Ngọc Lan")
    assert lan.status == AwardProposal.Status.CONFERRED
    assert lan.decision_number.endswith("/QĐ-UBND")
    assert lan.award.code == PROVINCIAL_MERIT
    assert {p.exemplar.status for p in AwardProposal.objects.all()} == {S.ACCEPTED}
    for proposal in AwardProposal.objects.all():
        assert proposal.award.applies_to(proposal.exemplar.subject_kind)


def test_introductions_for_11_june_2026(db):
    from reports import demo_data

    assert demo_data.load() == 0  # loaded once
    assert MediaIntroduction.objects.count() == len(demo_data.INTRODUCTIONS)
    lan = MediaIntroduction.objects.get(exemplar__full_name="Đinh Thị Ngọc Lan")
    assert (lan.outlet.name, lan.occasion) == (
        "Báo Ninh Bình",
        MediaIntroduction.Occasion.PATRIOTIC_EMULATION_DAY,
    )
    assert lan.date.year == 2026
    media = User.objects.get(username="bientap.bnb")
    introduced = Exemplar.objects.filter(media_introductions__outlet__unit=media.unit)
    assert introduced.exists()
    assert set(introduced) <= set(Exemplar.objects.restrict(media))
