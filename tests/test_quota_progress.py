"""Quota progress (plan VI.7-VI.8): counts that follow the workflow, the deadline as the
plan's data, the units behind quota by kind and district in a constant number of queries,
the Home Affairs page, and the daily reminders. The reform years are in
``test_quota_reform.py``."""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from registry import tracking, workflow
from registry.enums import ExemplarStatus as S
from registry.enums import Role
from registry.models import Exemplar, Notification, Plan
from tests.factories import UnitFactory, UserFactory, kind
from tests.factories.exemplars import ExemplarFactory

pytestmark = pytest.mark.integration

YEAR = 2025


@pytest.fixture(autouse=True)
def deadline(db):
    """The seeded 2023-2025 plan sets no yearly deadline; these tests give it one (30/11),
    as a plan may."""
    Plan.objects.filter(period_from=2023).update(deadline_day=30, deadline_month=11)


def force_status(exemplar, status):
    """Put an exemplar in a state for a test (the workflow is tested separately)."""
    Exemplar.objects.filter(pk=exemplar.pk).update(status=status)
    exemplar.refresh_from_db()
    return exemplar


def english(client):
    """Show the pages in English, so that tests can read the msgids."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def behind_codes(user, **filters):
    return [row.unit.code for row in tracking.units_behind_quota(year=YEAR, user=user, **filters)]


class TestQuotaProgress:
    def test_counts_follow_the_workflow_of_a_department(self, world):
        unit, editor, reviewer = world.dept_a, world.user("editor_a"), world.user("home_affairs")
        exemplar = ExemplarFactory(unit=unit, year=YEAR)
        progress = tracking.quota_progress(unit=unit, year=YEAR)
        assert (progress.minimum, progress.submitted, progress.accepted) == (1, 0, 0)
        assert progress.behind and not progress.met
        assert progress.deadline == datetime.date(YEAR, 11, 30)

        workflow.submit(exemplar=exemplar, by=editor)
        progress = tracking.quota_progress(unit=unit, year=YEAR)
        assert (progress.submitted, progress.accepted) == (1, 0)
        assert progress.behind

        workflow.accept(exemplar=exemplar, by=reviewer)
        progress = tracking.quota_progress(unit=unit, year=YEAR)
        assert (progress.submitted, progress.accepted) == (1, 1)
        assert progress.met and not progress.behind
        assert progress.remaining == 0

        workflow.transition(exemplar=exemplar, action="reopen", by=reviewer, comment="Xem lại")
        progress = tracking.quota_progress(unit=unit, year=YEAR)
        assert (progress.submitted, progress.accepted) == (0, 0)
        assert progress.behind

    def test_a_commune_counts_as_submitted_while_at_its_district_not_once_returned(self, world):
        exemplar = ExemplarFactory(unit=world.commune_a, year=YEAR)
        workflow.submit(exemplar=exemplar, by=world.user("commune_editor"))
        assert tracking.quota_progress(unit=world.commune_a, year=YEAR).submitted == 1
        workflow.transition(
            exemplar=exemplar,
            action="district_return",
            by=world.user("district_reviewer"),
            comment="Bổ sung minh chứng",
        )
        progress = tracking.quota_progress(unit=world.commune_a, year=YEAR)
        assert (progress.minimum, progress.submitted, progress.accepted) == (2, 0, 0)

    @pytest.mark.parametrize(
        ("status", "submitted", "accepted"),
        [
            (S.DRAFT, 0, 0),
            (S.SUBMITTED_TO_DISTRICT, 1, 0),
            (S.RETURNED_BY_DISTRICT, 0, 0),
            (S.UNDER_REVIEW, 1, 0),
            (S.RETURNED, 0, 0),
            (S.ACCEPTED, 1, 1),
            (S.REFUSED, 0, 0),
        ],
    )
    def test_which_states_count(self, world, status, submitted, accepted):
        force_status(ExemplarFactory(unit=world.dept_a, year=YEAR), status)
        progress = tracking.quota_progress(unit=world.dept_a, year=YEAR)
        assert (progress.submitted, progress.accepted) == (submitted, accepted)

    def test_other_years_and_other_units_do_not_count(self, world):
        force_status(ExemplarFactory(unit=world.dept_a, year=YEAR - 1), S.ACCEPTED)
        force_status(ExemplarFactory(unit=world.dept_b, year=YEAR), S.ACCEPTED)
        progress = tracking.quota_progress(unit=world.dept_a, year=YEAR)
        assert (progress.submitted, progress.accepted) == (0, 0)

    def test_the_deadline_is_data_of_the_plan(self, world):
        Plan.objects.filter(period_from=2023).update(deadline_day=15, deadline_month=10)
        progress = tracking.quota_progress(
            unit=world.dept_a, year=YEAR, today=datetime.date(YEAR, 10, 20)
        )
        assert progress.deadline == datetime.date(YEAR, 10, 15)
        assert progress.overdue
        early = tracking.quota_progress(
            unit=world.dept_a, year=YEAR, today=datetime.date(YEAR, 10, 5)
        )
        assert not early.overdue
        assert early.days_left == 10

    def test_without_a_deadline_in_the_plan_nobody_is_overdue(self, world):
        Plan.objects.filter(period_from=2023).update(deadline_day=None, deadline_month=None)
        progress = tracking.quota_progress(
            unit=world.dept_a, year=YEAR, today=datetime.date(2026, 12, 3)
        )
        assert progress.deadline is None and progress.behind and not progress.overdue

    def test_a_unit_without_a_rule_is_neither_met_nor_behind(self, world):
        progress = tracking.quota_progress(unit=world.province, year=YEAR)
        assert progress.minimum is None and progress.deadline is None
        assert not progress.met and not progress.behind


class TestPlanDeadline:
    def plan(self):
        return Plan.objects.get(period_from=2023)

    @pytest.mark.parametrize(("day", "month"), [(31, 2), (29, 2), (31, 11), (0, 5), (10, 13)])
    def test_an_impossible_date_is_refused(self, world, day, month):
        plan = self.plan()
        plan.deadline_day, plan.deadline_month = day, month
        with pytest.raises(ValidationError):
            plan.full_clean()

    def test_a_day_without_a_month_is_refused(self, world):
        plan = self.plan()
        plan.deadline_day, plan.deadline_month = 30, None
        with pytest.raises(ValidationError):
            plan.full_clean()

    def test_a_real_date_is_accepted(self, world):
        plan = self.plan()
        plan.deadline_day, plan.deadline_month = 31, 12
        plan.full_clean()
        assert plan.deadline_for(2025) == datetime.date(2025, 12, 31)

    def test_the_administrator_edits_the_deadline_in_the_admin(self, world, client_for):
        client = client_for(world.user("administrator"))
        url = reverse("admin:registry_plan_change", args=[self.plan().pk])
        content = client.get(url).content.decode()
        assert 'name="deadline_day"' in content and 'name="deadline_month"' in content


class TestUnitsBehindQuota:
    def test_every_active_unit_with_a_rule_and_too_few_accepted(self, world):
        home_affairs = world.user("home_affairs")
        codes = behind_codes(home_affairs)
        assert set(codes) == {
            world.dept_a.code,
            world.dept_b.code,
            world.home_affairs_unit.code,
            world.press.code,
            world.district_a.code,
            world.district_b.code,
            world.commune_a.code,
            world.commune_b.code,
        }
        # The province has no quota rule; it is never "behind".
        assert world.province.code not in codes

    def test_accepting_enough_takes_a_unit_off_the_list(self, world):
        home_affairs = world.user("home_affairs")
        exemplar = ExemplarFactory(unit=world.dept_a, year=YEAR)
        workflow.submit(exemplar=exemplar, by=world.user("editor_a"))
        assert world.dept_a.code in behind_codes(home_affairs)
        workflow.accept(exemplar=exemplar, by=home_affairs)
        assert world.dept_a.code not in behind_codes(home_affairs)
        # A commune needs two; one accepted leaves it behind.
        force_status(ExemplarFactory(unit=world.commune_a, year=YEAR), S.ACCEPTED)
        assert world.commune_a.code in behind_codes(home_affairs)
        force_status(ExemplarFactory(unit=world.commune_a, year=YEAR), S.ACCEPTED)
        assert world.commune_a.code not in behind_codes(home_affairs)

    def test_rows_carry_counts_and_the_district_of_communes(self, world):
        force_status(ExemplarFactory(unit=world.commune_a, year=YEAR), S.ACCEPTED)
        force_status(ExemplarFactory(unit=world.commune_a, year=YEAR), S.UNDER_REVIEW)
        rows = {
            row.unit.code: row
            for row in tracking.units_behind_quota(year=YEAR, user=world.user("leader"))
        }
        commune = rows[world.commune_a.code]
        assert (commune.minimum, commune.submitted, commune.accepted) == (2, 2, 1)
        assert commune.district_name == world.district_a.name
        assert rows[world.dept_a.code].district_name is None

    def test_ordered_by_kind_then_district(self, world):
        units = list(tracking.units_behind_quota(year=YEAR, user=world.user("home_affairs")))
        orders = [row.unit.kind.order for row in units]
        assert orders == sorted(orders)
        communes = [row.unit.code for row in units if row.unit.kind.code == "commune"]
        assert communes == [world.commune_a.code, world.commune_b.code]  # Gia Viễn, Kim Sơn

    def test_filters_kind_district_and_accent_insensitive_search(self, world):
        user = world.user("home_affairs")
        assert behind_codes(user, query="gia van") == [world.commune_a.code]
        assert behind_codes(user, kind=kind("commune")) == [
            world.commune_a.code,
            world.commune_b.code,
        ]
        assert behind_codes(user, district_code=world.district_b.code) == [world.commune_b.code]

    def test_units_not_in_force_on_the_reference_day_are_left_out(self, world):
        # Gia Viễn and Gia Vân end on 30/6/2025: on 31/12/2025 they owe nothing.
        for unit in (world.district_a, world.commune_a):
            unit.valid_until = datetime.date(2025, 6, 30)
            unit.save()
        codes = behind_codes(world.user("home_affairs"))
        assert world.commune_a.code not in codes
        assert world.district_a.code not in codes
        assert world.dept_a.code in codes

    def test_a_year_no_plan_covers_lists_nobody(self, world):
        assert tracking.units_behind_quota(year=2026, user=world.user("home_affairs")) == []

    def test_summary_by_kind_and_by_district(self, world):
        behind = tracking.units_behind_quota(year=YEAR, user=world.user("home_affairs"))
        summary = tracking.behind_quota_summary(year=YEAR, behind=behind)
        by_kind = {row["kind__code"]: (row["behind"], row["active"]) for row in summary["by_kind"]}
        assert by_kind["department"] == (4, 4)
        assert by_kind["commune"] == (2, 2)
        by_district = {row["district_code"]: row["behind"] for row in summary["by_district"]}
        assert by_district == {world.district_a.code: 1, world.district_b.code: 1}

    def test_a_unit_user_sees_only_their_own_reach(self, world):
        assert behind_codes(world.user("editor_a")) == [world.dept_a.code]
        assert set(behind_codes(world.user("district_reviewer"))) == {
            world.district_a.code,
            world.commune_a.code,
        }

    def test_query_count_does_not_grow_with_the_units(self, world, django_assert_max_num_queries):
        user = world.user("home_affairs")

        def count_queries():
            with CaptureQueriesContext(connection) as captured:
                behind = tracking.units_behind_quota(year=YEAR, user=user)
                rows = list(behind)
                tracking.behind_quota_summary(year=YEAR, behind=behind)
            return len(captured), len(rows)

        small, small_rows = count_queries()
        for n in range(25):
            commune = UnitFactory(
                code=f"373-X{n}", name=f"Xã thử {n}", kind=kind("commune"), parent=world.district_a
            )
            UserFactory(username=f"xa{n}", unit=commune, role=Role.UNIT_EDITOR)
            force_status(ExemplarFactory(unit=commune, year=YEAR), S.UNDER_REVIEW)
        large, large_rows = count_queries()
        assert large_rows == small_rows + 25
        assert large == small
        with django_assert_max_num_queries(10):
            list(tracking.units_behind_quota(year=YEAR, user=user))


class TestQuotaCompliancePage:
    URL = reverse("registry:quota_compliance")

    @pytest.mark.parametrize(
        ("persona", "status"),
        [
            ("home_affairs", 200),
            ("leader", 200),
            ("administrator", 200),
            ("editor_a", 403),
            ("head_a", 403),
            ("district_reviewer", 403),
            ("commune_editor", 403),
            ("media", 403),
        ],
    )
    def test_who_may_open_it(self, world, client_for, persona, status):
        client = client_for(world.user(persona))
        assert client.get(self.URL, {"year": YEAR}).status_code == status
        # A read-only page: POST is refused (403 before 405 for those not allowed).
        assert client.post(self.URL).status_code == (405 if status == 200 else 403)

    def test_lists_units_behind_by_kind_and_district(self, world, client_for):
        force_status(ExemplarFactory(unit=world.dept_a, year=YEAR), S.ACCEPTED)
        client = english(client_for(world.user("home_affairs")))
        response = client.get(self.URL, {"year": YEAR, "standing": "behind"})
        codes = [row.unit.code for row in response.context["obligations"]]
        assert world.dept_a.code not in codes
        assert world.dept_b.code in codes and world.commune_a.code in codes
        every = client.get(self.URL, {"year": YEAR}).context["obligations"]
        assert world.dept_a.code in [row.unit.code for row in every]
        content = response.content.decode()
        assert "Quota standing in 2025" in content
        assert world.district_a.name in content
        assert "30/11/2025" in content
        assert 'href="/don-vi/373-GIAVAN/dang-ky/?year=2025"' in content

    def test_search_without_accents_and_filters(self, world, client_for):
        client = client_for(world.user("home_affairs"))
        response = client.get(self.URL, {"year": YEAR, "q": "kim chinh"})
        assert [row.unit.code for row in response.context["obligations"]] == [world.commune_b.code]
        response = client.get(self.URL, {"year": YEAR, "district": world.district_a.code})
        assert [row.unit.code for row in response.context["obligations"]] == [world.commune_a.code]
        response = client.get(self.URL, {"year": YEAR, "kind": "department"})
        assert {row.unit.kind.code for row in response.context["obligations"]} == {"department"}

    def test_paginated_with_a_constant_number_of_queries(self, world, client_for):
        client = client_for(world.user("home_affairs"))

        def page_queries(page=1):
            with CaptureQueriesContext(connection) as captured:
                response = client.get(self.URL, {"year": YEAR, "page": page, "standing": "behind"})
            assert response.status_code == 200
            return len(captured), response

        page_queries()  # the session's first page writes its idle window
        small, _ = page_queries()
        for n in range(60):
            UnitFactory(code=f"37-T{n}", name=f"Sở thử {n}", parent=world.province)
        large, response = page_queries()
        assert large == small
        assert response.context["paginator"].count == 68
        assert len(response.context["obligations"]) == 50
        _count, page_two = page_queries(page=2)
        assert len(page_two.context["obligations"]) == 18

    def test_an_invalid_year_falls_back_to_this_year(self, world, client_for):
        client = client_for(world.user("home_affairs"))
        response = client.get(self.URL, {"year": "abc"})
        assert response.status_code == 200
        assert response.context["year"] == timezone.localdate().year


class TestHomeQuotaCard:
    def test_the_unit_sees_accepted_submitted_and_the_deadline(self, world, client_for):
        force_status(ExemplarFactory(unit=world.commune_a, year=YEAR), S.ACCEPTED)
        force_status(ExemplarFactory(unit=world.commune_a, year=YEAR), S.SUBMITTED_TO_DISTRICT)
        client = english(client_for(world.user("commune_editor")))
        response = client.get(reverse("registry:home"), {"year": YEAR})
        progress = response.context["quota_progress"]
        assert (progress.accepted, progress.minimum, progress.submitted) == (1, 2, 2)
        content = response.content.decode()
        assert "Accepted 1 / at least 2" in content
        assert "Sent up (awaiting review or accepted): 2" in content
        assert "Deadline: 30/11/2025" in content
        assert reverse("registry:registration", kwargs={"code": world.commune_a.code}) in content

    def test_home_affairs_home_links_to_the_units_behind(self, world, client_for):
        url = reverse("registry:quota_compliance")
        assert url in client_for(world.user("home_affairs")).get("/").content.decode()
        assert url not in client_for(world.user("editor_a")).get("/").content.decode()


class TestReminders:
    def run(self, *args):
        from io import StringIO

        out = StringIO()
        # The reminders are delivered as each unit's transaction commits.
        with translation.override("en"), TestCase.captureOnCommitCallbacks(execute=True):
            call_command("send_quota_reminders", "--year", str(YEAR), *args, stdout=out)
        return out.getvalue()

    def test_reminds_the_editors_and_heads_of_units_behind_only(self, world):
        force_status(ExemplarFactory(unit=world.dept_b, year=YEAR), S.ACCEPTED)
        output = self.run()
        reminded = set(Notification.objects.values_list("recipient__username", flat=True))
        assert reminded == {"editor_a", "head_a", "commune_editor", "commune_b_editor"}
        assert sorted(m.to[0] for m in mail.outbox) == sorted(
            world.user(name).email for name in reminded
        )
        note = Notification.objects.get(recipient=world.user("editor_a"))
        assert note.exemplar is None
        assert "0" in note.message and "1" in note.message and "30/11/2025" in note.message
        assert "7 units behind quota; 3 units reminded (4 people)" in output

    def test_idempotent_per_unit_and_day(self, world):
        self.run()
        count, mails = Notification.objects.count(), len(mail.outbox)
        output = self.run()
        assert Notification.objects.count() == count
        assert len(mail.outbox) == mails
        assert "0 units reminded" in output
        assert "4 already reminded today" in output
        # The next day they are reminded again.
        Notification.objects.update(created_at=timezone.now() - datetime.timedelta(days=1))
        self.run()
        assert Notification.objects.count() == 2 * count

    def test_a_unit_that_catches_up_is_no_longer_reminded(self, world):
        self.run()
        Notification.objects.update(created_at=timezone.now() - datetime.timedelta(days=1))
        force_status(ExemplarFactory(unit=world.dept_a, year=YEAR), S.ACCEPTED)
        before = Notification.objects.filter(recipient=world.user("editor_a")).count()
        self.run()
        assert Notification.objects.filter(recipient=world.user("editor_a")).count() == before
        assert Notification.objects.filter(recipient=world.user("editor_b")).count() == 2

    def test_an_ordinary_notification_today_does_not_count_as_a_reminder(self, world):
        Notification.objects.create(recipient=world.user("editor_a"), message="Tin khác")
        self.run()
        assert Notification.objects.filter(recipient=world.user("editor_a")).count() == 2

    def test_dry_run_writes_and_sends_nothing(self, world):
        output = self.run("--dry-run")
        assert not Notification.objects.exists()
        assert mail.outbox == []
        assert world.dept_a.name in output
        assert "Dry run" in output
        assert "4 units reminded (5 people)" in output
