"""A unit's home (issue 14, items 1 and 10, and item 2's "returned records first").

The home speaks only of the years the unit was in force and of the plan that binds it; an
ended unit says when and on what basis it ended and which unit carries on its work; the home
and the exemplar form open on one default year; those who keep the unit's exemplars find a
"new exemplar" button, what waits for them (records sent back, with the reviewer's latest
reason, first; records to endorse) and the year's records by status, each figure leading to
exactly the records it counts.
"""

import datetime
import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from registry import selectors, workflow
from registry.enums import ExemplarStatus as S
from registry.exemplar_validation import not_in_force_message
from registry.models import Exemplar, Plan, UnitSuccession
from tests.factories import UnitFactory, UserFactory, kind
from tests.factories.exemplars import ExemplarFactory
from tests.personas import PERSONAS

pytestmark = pytest.mark.integration

LAST_DAY = datetime.date(2025, 6, 30)
FIRST_DAY = datetime.date(2025, 7, 1)
BASIS = "Nghị quyết số 1674/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội"
KEEPERS = {
    "editor_a",
    "head_a",
    "editor_b",
    "commune_editor",
    "commune_b_editor",
    "district_reviewer",
}


def home_url(**params):
    url = reverse("registry:home")
    if params:
        url += "?" + "&".join(f"{key}={value}" for key, value in params.items())
    return url


def english(client):
    """Show the pages in English, so that tests can read the msgids."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def force_status(exemplar, status):
    """Put an exemplar in a state for a test (the workflow is tested separately)."""
    Exemplar.objects.filter(pk=exemplar.pk).update(status=status)
    exemplar.refresh_from_db()
    return exemplar


def year_options(response) -> list[int]:
    return [year for year, _label in response.context["year_form"].fields["year"].choices]


@pytest.fixture
def successor(world):
    """The 2025 reform of tests/conftest.py's commune: Xã Gia Vân (commune_a) ends on
    30/6/2025 and the new Xã Gia Vân, with its own editor, carries on its work."""
    old = world.commune_a
    old.valid_until = LAST_DAY
    old.end_basis = BASIS
    old.save()
    new = UnitFactory(
        code="14488",
        name="Xã Gia Vân",
        kind=kind("commune"),
        parent=world.province,
        valid_from=FIRST_DAY,
    )
    UnitSuccession.objects.create(
        predecessor=old,
        successor=new,
        kind="merger",
        effective_on=FIRST_DAY,
        legal_basis=BASIS,
        takes_over_work=True,
    )
    UserFactory(username="new_commune_editor", unit=new)
    return new


@pytest.fixture
def plan_of_this_year(db):
    """A plan covering the current year with the seeded catalogue, when none does."""
    this_year = timezone.localdate().year
    seeded = Plan.objects.get(period_from=2023)
    if not Plan.objects.in_force(this_year).exists():
        Plan.objects.create(
            title=f"tuyên truyền gương điển hình tiên tiến giai đoạn {this_year}",
            period_from=this_year,
            period_to=this_year,
            catalogue=seeded.catalogue,
        )
    return Plan.objects.in_force(this_year).get()


def sent_back(exemplar, *, reasons, by_district=None, by_home_affairs=None):
    """Send ``exemplar`` up and have it returned once per reason, through the workflow."""
    for reason in reasons:
        editor = exemplar.unit.users.first()
        exemplar = workflow.transition(exemplar=exemplar, action="submit", by=editor)
        if by_district is not None:
            exemplar = workflow.transition(
                exemplar=exemplar, action="district_return", by=by_district, comment=reason
            )
        else:
            exemplar = workflow.transition(
                exemplar=exemplar, action="return", by=by_home_affairs, comment=reason
            )
    return exemplar


class TestEndedUnit:
    def test_the_home_opens_on_its_last_year_and_offers_no_other(
        self, world, client_for, successor
    ):
        response = client_for(world.user("commune_editor")).get(home_url())
        assert response.context["year"] == 2025
        assert year_options(response) == [2025, 2024, 2023]
        content = response.content.decode()
        # No registration, quota or list of a year the unit did not exist in.
        assert "year=2026" not in content and "year=2027" not in content

    def test_it_says_when_and_on_what_basis_it_ended_and_who_carries_on(
        self, world, client_for, successor
    ):
        client = english(client_for(world.user("commune_editor")))
        content = client.get(home_url()).content.decode()
        ended = content[content.index('id="unit-ended"') :]
        ended = ended[: ended.index("</section>")]
        assert "This unit has ended" in ended
        assert "Xã Gia Vân was in force until 30/6/2025, its last day." in ended
        assert BASIS in ended
        assert f'<a href="{successor.get_absolute_url()}">Xã Gia Vân</a>' in ended
        assert "From 1/7/2025" in ended
        assert "This page shows only the years it was in force: 2023 – 2025." in ended

    def test_an_ended_unit_without_successor_says_its_records_stay_its_own(self, world, client_for):
        world.commune_a.valid_until = LAST_DAY
        world.commune_a.save()
        client = english(client_for(world.user("commune_editor")))
        content = client.get(home_url()).content.decode()
        assert "No unit took over its work: its records stay its own." in content
        # Not in force on the plan's reference day (31/12/2025): it owes no quota, and says why.
        assert "owes no quota in 2025" in content and "31/12/2025" in content

    def test_its_quota_card_names_the_unit_its_results_count_for(
        self, world, client_for, successor
    ):
        Plan.objects.filter(period_from=2023).update(deadline_day=30, deadline_month=11)
        client = english(client_for(world.user("commune_editor")))
        response = client.get(home_url())
        progress = response.context["quota_progress"]
        assert progress.minimum is None and progress.counted_for == successor
        content = response.content.decode()
        assert "owes no quota of its own in 2025" in content
        # Never "deadline passed, still to be accepted" for a quota it does not owe.
        assert "deadline passed" not in content and "Still to be accepted" not in content
        plan = Plan.objects.get(period_from=2023)
        assert plan.get_absolute_url() in content

    def test_a_unit_in_force_says_nothing_of_an_end(self, world, client_for):
        content = client_for(world.user("editor_a")).get(home_url()).content.decode()
        assert 'id="unit-ended"' not in content

    def test_its_period_never_shows_a_bare_ellipsis(self, world, successor):
        assert "…" not in world.commune_a.period_display
        assert world.commune_a.period_display == _("from before the records until %(end)s") % {
            "end": "30/6/2025"
        }
        assert successor.period_display == f"1/7/2025 – {_('now')}"


class TestDefaultYear:
    def test_an_ended_unit_defaults_to_its_last_year(self, world, successor):
        today = datetime.date(2026, 3, 1)
        assert selectors.unit_years(world.commune_a, today=today) == [2025, 2024, 2023]
        assert selectors.unit_default_year(world.commune_a, today=today) == 2025

    def test_a_unit_in_force_defaults_to_this_year_when_a_plan_covers_it(self, world):
        assert selectors.unit_default_year(world.dept_a, today=datetime.date(2024, 5, 2)) == 2024

    def test_a_year_no_plan_covers_falls_back_to_the_last_year_one_does(self, world):
        # Only the 2023-2025 plan exists in the tests' data.
        today = datetime.date(2027, 2, 1)
        assert not Plan.objects.in_force(2027).exists()
        assert selectors.unit_default_year(world.dept_a, today=today) == 2025

    def test_a_new_unit_starts_at_its_first_year(self, world, successor):
        today = datetime.date(2025, 3, 1)  # before the new commune existed
        assert selectors.unit_years(successor, today=today) == [2026, 2025]
        assert selectors.unit_default_year(successor, today=today) == 2025

    def test_the_current_year_once_a_plan_covers_it(self, world, client_for, plan_of_this_year):
        this_year = timezone.localdate().year
        response = client_for(world.user("editor_a")).get(home_url())
        assert response.context["year"] == this_year

    @pytest.mark.parametrize("persona", ["commune_editor", "new_commune_editor", "editor_a"])
    def test_the_home_and_the_form_agree(self, world, client_for, successor, persona):
        from registry.models import User

        client = client_for(User.objects.get(username=persona))
        home_year = client.get(home_url()).context["year"]
        form = client.get(reverse("registry:exemplar_create")).context["form"]
        assert form.fields["year"].initial == home_year
        assert home_year == selectors.unit_default_year(User.objects.get(username=persona).unit)

    def test_they_agree_with_a_plan_for_this_year_too(
        self, world, client_for, successor, plan_of_this_year
    ):
        this_year = timezone.localdate().year
        for persona, expected in (("commune_editor", 2025), ("editor_a", this_year)):
            client = client_for(world.user(persona))
            assert client.get(home_url()).context["year"] == expected
            form = client.get(reverse("registry:exemplar_create")).context["form"]
            assert form.fields["year"].initial == expected


class TestBadYear:
    @pytest.mark.parametrize("value", ["abc", "1999", "2101", "99999999999999999999", "-1"])
    def test_a_year_the_page_cannot_show_falls_back_with_a_notice(
        self, world, client_for, successor, value
    ):
        client = english(client_for(world.user("commune_editor")))
        response = client.get(reverse("registry:home"), {"year": value})
        assert response.status_code == 200
        assert response.context["year"] == 2025
        notice = response.context["year_notice"]
        assert "Showing 2025 instead." in notice
        assert 'id="year-notice"' in response.content.decode()

    def test_a_year_after_the_unit_ended_says_why(self, world, client_for, successor):
        client = english(client_for(world.user("commune_editor")))
        response = client.get(home_url(year=2026))
        assert response.context["year"] == 2025
        with_reason = not_in_force_message(world.commune_a, 2026)
        assert response.context["year_notice"].startswith(with_reason)
        assert "Xã Gia Vân" in with_reason and "30/6/2025" in with_reason
        assert "…" not in response.context["year_notice"]

    def test_a_year_before_a_new_unit_began_names_its_predecessors(
        self, world, client_for, successor
    ):
        client = english(client_for(successor.users.get()))
        response = client.get(home_url(year=2024))
        assert response.status_code == 200
        assert response.context["year"] != 2024
        assert "Xã Gia Vân" in response.context["year_notice"]

    def test_an_empty_year_is_the_default_without_a_notice(self, world, client_for):
        response = client_for(world.user("editor_a")).get(home_url(year=""))
        assert response.context["year_notice"] == ""

    def test_a_year_of_the_unit_is_shown_without_a_notice(self, world, client_for, successor):
        response = client_for(world.user("commune_editor")).get(home_url(year=2024))
        assert response.context["year"] == 2024 and response.context["year_notice"] == ""


class TestRecordsOfTheYear:
    def test_each_figure_leads_to_exactly_the_records_it_counts(self, world, client_for):
        for status in (S.DRAFT, S.DRAFT, S.ACCEPTED, S.UNDER_REVIEW):
            force_status(ExemplarFactory(unit=world.dept_a, year=2025), status)
        ExemplarFactory(unit=world.dept_a, year=2024)  # another year
        ExemplarFactory(unit=world.dept_b, year=2025)  # another unit
        client = client_for(world.user("editor_a"))
        response = client.get(home_url(year=2025))
        counts = {row["status"]: row["count"] for row in response.context["records_by_status"]}
        assert counts == {S.DRAFT: 2, S.UNDER_REVIEW: 1, S.ACCEPTED: 1}
        assert response.context["records_total"] == 4
        content = response.content.decode()
        links = re.findall(
            r'data-status="(\w+)" data-count="(\d+)" href="([^"]+)"', content.replace("&amp;", "&")
        )
        assert {status for status, _count, _href in links} == set(counts)
        for status, count, href in links:
            listing = client.get(href)
            assert listing.context["paginator"].count == int(count)
            assert {e.status for e in listing.context["exemplars"]} == {status}
            assert {e.unit for e in listing.context["exemplars"]} == {world.dept_a}
        everything = re.search(r'id="records-all" href="([^"]+)"', content).group(1)
        assert client.get(everything.replace("&amp;", "&")).context["paginator"].count == 4

    def test_a_year_without_records_says_so(self, world, client_for):
        response = client_for(world.user("editor_a")).get(home_url(year=2024))
        assert response.context["records_by_status"] == []
        assert 'id="records-none"' in response.content.decode()

    def test_a_successor_counts_the_records_whose_work_it_took_over(
        self, world, client_for, successor
    ):
        ExemplarFactory(unit=world.commune_a, year=2025)
        ExemplarFactory(unit=successor, year=2025)
        client = client_for(successor.users.get())
        response = client.get(home_url(year=2025))
        assert response.context["records_total"] == 2
        assert response.context["carries_on_work"]
        href = re.search(r'id="records-all" href="([^"]+)"', response.content.decode()).group(1)
        assert client.get(href.replace("&amp;", "&")).context["paginator"].count == 2


class TestWaiting:
    def test_records_sent_back_come_first_with_the_latest_reason(self, world, client_for):
        reviewer = world.user("district_reviewer")
        exemplar = ExemplarFactory(unit=world.commune_a, year=2025)
        latest = "Đề nghị bổ sung số liệu năng suất năm 2025. " * 6  # longer than shown
        sent_back(
            exemplar,
            reasons=["Thiếu xác nhận của UBND xã.", latest.strip()],
            by_district=reviewer,
        )
        ExemplarFactory(unit=world.commune_a, year=2025)  # a draft: not waiting
        client = english(client_for(world.user("commune_editor")))
        content = client.get(home_url(year=2025)).content.decode()
        item = content[content.index(f'data-exemplar="{exemplar.code}"') :]
        item = item[: item.index("</li>")]
        assert "Thiếu xác nhận" not in item  # an earlier round's reason
        assert latest.strip()[:100] in item  # the latest one, cut short…
        assert latest.strip() not in item
        assert exemplar.get_absolute_url() in item  # …and whole on the record
        assert "Read the whole reason on the record" in item
        assert reviewer.get_full_name() in item
        # First on the page: before the year's records, the quota and the unit.
        assert content.index('id="returned-records"') < content.index('id="my-records"')
        assert content.index('id="returned-records"') < content.index('id="my-quota"')

    def test_the_oldest_sent_back_is_listed_first(self, world, client_for):
        home_affairs = world.user("home_affairs")
        first = sent_back(
            ExemplarFactory(unit=world.dept_a), reasons=["Lý do một"], by_home_affairs=home_affairs
        )
        second = sent_back(
            ExemplarFactory(unit=world.dept_a), reasons=["Lý do hai"], by_home_affairs=home_affairs
        )
        Exemplar.objects.filter(pk=first.pk).update(
            status_changed_at=timezone.now() - datetime.timedelta(days=3)
        )
        response = client_for(world.user("editor_a")).get(home_url())
        assert [e.code for e in response.context["returned_records"]] == [first.code, second.code]
        reasons = [e.return_reason for e in response.context["returned_records"]]
        assert reasons == ["Lý do một", "Lý do hai"]

    def test_a_record_sent_back_in_an_earlier_year_still_waits(self, world, client_for):
        exemplar = sent_back(
            ExemplarFactory(unit=world.dept_a, year=2024),
            reasons=["Bổ sung minh chứng."],
            by_home_affairs=world.user("home_affairs"),
        )
        response = client_for(world.user("editor_a")).get(home_url(year=2025))
        assert [e.code for e in response.context["returned_records"]] == [exemplar.code]

    def test_nothing_waiting_says_so(self, world, client_for):
        content = client_for(world.user("editor_a")).get(home_url()).content.decode()
        assert 'id="nothing-waiting"' in content and 'id="returned-records"' not in content

    def test_a_district_sees_what_waits_for_its_endorsement(self, world, client_for):
        mine = ExemplarFactory(unit=world.commune_a)
        workflow.transition(exemplar=mine, action="submit", by=world.user("commune_editor"))
        other = ExemplarFactory(unit=world.commune_b)
        workflow.transition(exemplar=other, action="submit", by=world.user("commune_b_editor"))
        response = client_for(world.user("district_reviewer")).get(home_url())
        assert response.context["awaiting_endorsement"] == 1
        content = response.content.decode()
        assert f'id="awaiting-endorsement" href="{reverse("registry:review_queue")}"' in content
        queue = client_for(world.user("district_reviewer")).get(reverse("registry:review_queue"))
        assert queue.context["paginator"].count == 1

    def test_more_than_ten_sent_back_link_to_the_rest(self, world, client_for):
        home_affairs = world.user("home_affairs")
        for _n in range(11):
            sent_back(
                ExemplarFactory(unit=world.dept_a),
                reasons=["Bổ sung."],
                by_home_affairs=home_affairs,
            )
        response = client_for(world.user("editor_a")).get(home_url())
        assert len(response.context["returned_records"]) == 10
        assert response.context["returned_more"]
        link = f"?unit={world.dept_a.code}&amp;status={S.RETURNED}"
        assert link in response.content.decode()
        listing = client_for(world.user("editor_a")).get(
            reverse("registry:exemplar_list"), {"unit": world.dept_a.code, "status": S.RETURNED}
        )
        assert listing.context["paginator"].count == 11

    def test_the_home_reads_a_constant_number_of_queries(self, world, client_for):
        home_affairs = world.user("home_affairs")
        client = client_for(world.user("editor_a"))

        def queries():
            with CaptureQueriesContext(connection) as captured:
                assert client.get(home_url(year=2025)).status_code == 200
            return len(captured.captured_queries)

        sent_back(
            ExemplarFactory(unit=world.dept_a), reasons=["Một."], by_home_affairs=home_affairs
        )
        queries()  # the first request of a session reads what later ones find cached
        few = queries()
        for _n in range(6):
            sent_back(
                ExemplarFactory(unit=world.dept_a), reasons=["Hai."], by_home_affairs=home_affairs
            )
            force_status(ExemplarFactory(unit=world.dept_a), S.ACCEPTED)
        assert queries() == few


class TestPermissions:
    @pytest.mark.parametrize("persona", PERSONAS)
    def test_the_new_exemplar_button_follows_the_form_permission(self, world, client_for, persona):
        client = client_for(world.user(persona))
        content = client.get(home_url()).content.decode()
        form = client.get(reverse("registry:exemplar_create"))
        shown = 'id="home-new-exemplar"' in content
        assert shown is (persona in KEEPERS)
        assert (form.status_code == 200) is shown
        assert form.status_code in (200, 403)

    @pytest.mark.parametrize("persona", PERSONAS)
    def test_only_those_who_keep_the_records_see_the_records_and_what_waits(
        self, world, client_for, persona
    ):
        content = client_for(world.user(persona)).get(home_url()).content.decode()
        keeps = persona in KEEPERS
        assert ('id="waiting"' in content) is keeps
        assert ('id="my-records"' in content) is keeps
        assert ('id="awaiting-endorsement"' in content) is False  # nothing sent yet

    def test_other_units_records_never_appear(self, world, client_for):
        home_affairs = world.user("home_affairs")
        theirs = sent_back(
            ExemplarFactory(unit=world.dept_b, year=2025),
            reasons=["Lý do của Sở Giáo dục."],
            by_home_affairs=home_affairs,
        )
        force_status(ExemplarFactory(unit=world.dept_b, year=2025), S.ACCEPTED)
        commune = sent_back(
            ExemplarFactory(unit=world.commune_a, year=2025),
            reasons=["Lý do của xã."],
            by_district=world.user("district_reviewer"),
        )
        for persona in ("editor_a", "head_a", "commune_b_editor", "district_reviewer"):
            response = client_for(world.user(persona)).get(home_url(year=2025))
            content = response.content.decode()
            assert theirs.code not in content and "Lý do của Sở Giáo dục." not in content
            assert commune.code not in content and "Lý do của xã." not in content
            assert response.context["records_by_status"] == []
        # Their own unit's people do see them.
        mine = client_for(world.user("editor_b")).get(home_url(year=2025))
        assert [e.code for e in mine.context["returned_records"]] == [theirs.code]
        assert mine.context["records_total"] == 2
        own = client_for(world.user("commune_editor")).get(home_url(year=2025))
        assert [e.code for e in own.context["returned_records"]] == [commune.code]
