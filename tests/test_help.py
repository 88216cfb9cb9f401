"""The help page (registry/guide.py, templates/registry/help.html): each role's three steps for
this month, with the plan's dates, a link each role may open and a picture that exists."""

import datetime
import re

import lxml.html
import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation

from registry import guide
from registry.enums import Role
from registry.models import Plan, QuotaRule
from tests.conftest import moment
from tests.factories import kind
from tests.factories.exemplars import ExemplarFactory
from tests.personas import EACH_ROLE, ROLES

pytestmark = pytest.mark.integration

URL = reverse("registry:help")
TODAY = timezone.localdate()


def help_steps(html: str) -> list[dict]:
    tree = lxml.html.fromstring(html)
    steps = []
    for item in tree.xpath("//ol[@id='help-steps']/li"):
        steps.append(
            {
                "number": item.get("data-step"),
                "images": [img.get("src") for img in item.xpath(".//img")],
                "alts": [img.get("alt") for img in item.xpath(".//img")],
                "link": item.xpath(".//a[@data-step-link]")[0].get("href"),
            }
        )
    return steps


def plan_with_deadline(year: int, *, day: int = 30, month: int = 11) -> Plan:
    """A plan covering ``year`` (and the next) with a yearly deadline, and quotas."""
    plan = Plan.objects.create(
        title=f"tuyên truyền gương điển hình tiên tiến giai đoạn {year} - {year + 1}",
        number="99/KH-UBND",
        period_from=year,
        period_to=year + 1,
        deadline_day=day,
        deadline_month=month,
    )
    for code, minimum in (("department", 1), ("commune", 2), ("district", 5)):
        QuotaRule.objects.create(plan=plan, unit_kind=kind(code), minimum=minimum)
    return plan


def test_every_role_has_three_steps_of_its_own():
    assert set(guide.STEPS) == set(Role.values)
    for role, steps in guide.STEPS.items():
        assert len(steps) == guide.STEPS_PER_ROLE, role


def test_an_anonymous_visitor_is_sent_to_the_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={URL}"


@pytest.mark.parametrize("persona", EACH_ROLE)
def test_each_role_sees_its_own_three_steps_only(world, client_for, persona):
    role = ROLES[persona]
    response = client_for(world.user(persona)).get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    tree = lxml.html.fromstring(html)
    assert tree.xpath("//ol[@id='help-steps']/@data-role") == [role]
    steps = help_steps(html)
    assert [step["number"] for step in steps] == ["1", "2", "3"]
    assert [step["images"] for step in steps] == [
        [static(guide.image_path(role, number))] for number in (1, 2, 3)
    ]
    assert all(alt for step in steps for alt in step["alts"])
    for other in set(Role.values) - {role}:
        assert f"help/{other}-" not in html, other


@pytest.mark.parametrize("persona", EACH_ROLE)
def test_every_step_leads_to_a_page_the_role_may_open(world, client_for, persona):
    client = client_for(world.user(persona))
    steps = help_steps(client.get(URL).content.decode())
    for step in steps:
        response = client.get(step["link"], follow=True)
        assert response.status_code == 200, (persona, step["link"])
        assert not response.request["PATH_INFO"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("role", Role.values)
def test_every_picture_the_page_shows_exists_in_the_static_files(world, client_for, role):
    user = next(user for user in world.users.values() if user.role == role)
    html = client_for(user).get(URL).content.decode()
    sources = lxml.html.fromstring(html).xpath("//main//img/@src")
    assert len(sources) == guide.STEPS_PER_ROLE
    for source in sources:
        assert source.startswith(static("")), source
        path = source.removeprefix(static(""))
        assert finders.find(path), f"{path} is missing: run tests/e2e/test_help_journey.py"


@pytest.mark.parametrize("persona", EACH_ROLE)
def test_every_home_and_the_menu_lead_to_the_help(world, client_for, persona):
    html = client_for(world.user(persona)).get(reverse("registry:home")).content.decode()
    tree = lxml.html.fromstring(html)
    assert tree.xpath("//a[@id='home-help']/@href") == [URL]
    assert URL in tree.xpath("//*[@id='main-nav']//a/@href")


class TestThisMonth:
    """The dates come from the plan in force; the test moves "today" around its deadline.
    The sentences are compared in English, the language of the msgids."""

    @pytest.fixture(autouse=True)
    def _in_english(self):
        with translation.override("en"):
            yield

    def test_before_the_deadline_a_unit_editor_sees_the_days_left_and_its_quota(self, world):
        plan_with_deadline(TODAY.year)
        today = datetime.date(TODAY.year, 11, 20)
        month = guide.month_guide(user=world.user("editor_a"), today=today)
        assert month.deadline == datetime.date(TODAY.year, 11, 30)
        send = month.steps[1]
        assert send.when == f"Before 30/11/{TODAY.year}: 10 days left."
        assert send.due_now
        assert [due.day for due in month.this_month] == [month.deadline]
        assert send.notes == [f"The unit's quota for {TODAY.year}: 0 accepted of at least 1."]
        # Recording is done all year; it is not "due" this month.
        assert not month.steps[0].due_now

    def test_the_quota_counts_the_units_accepted_exemplars(self, world):
        plan_with_deadline(TODAY.year)
        ExemplarFactory(unit=world.dept_a, year=TODAY.year, status="accepted", with_evidence=False)
        month = guide.month_guide(user=world.user("head_a"), today=datetime.date(TODAY.year, 5, 2))
        assert month.steps[1].notes == [
            f"The unit's quota for {TODAY.year}: 1 accepted of at least 1."
        ]
        assert not month.steps[1].due_now

    def test_after_the_deadline_home_affairs_consolidates_now(self, world):
        plan_with_deadline(TODAY.year)
        today = datetime.date(TODAY.year, 12, 3)
        month = guide.month_guide(user=world.user("home_affairs"), today=today)
        consolidate = month.steps[1]
        assert consolidate.when == f"Now: the deadline of 30/11/{TODAY.year} has passed."
        assert consolidate.due_now
        # In December Home Affairs has the plan's reference day (31/12); next comes 11 June.
        assert [due.day for due in month.this_month] == [datetime.date(TODAY.year, 12, 31)]
        assert month.next_due.day == datetime.date(TODAY.year + 1, 6, 11)
        assert month.steps[0].notes == ["A submission is overdue after 15 days of waiting."]

    def test_a_unit_editor_late_is_told_to_send_without_delay(self, world):
        plan_with_deadline(TODAY.year)
        today = datetime.date(TODAY.year, 12, 3)
        month = guide.month_guide(user=world.user("editor_a"), today=today)
        assert month.steps[1].when == (
            f"The deadline, 30/11/{TODAY.year}, has passed: deal with what is still "
            "waiting without delay."
        )
        assert not month.steps[1].due_now
        assert month.this_month == []
        assert month.next_due.day == datetime.date(TODAY.year + 1, 6, 11)

    def test_on_the_day_of_the_deadline(self, world):
        plan_with_deadline(TODAY.year)
        month = guide.month_guide(
            user=world.user("district_reviewer"), today=datetime.date(TODAY.year, 11, 30)
        )
        assert month.steps[0].when == f"Today, 30/11/{TODAY.year}, is the deadline."
        assert month.steps[0].due_now

    def test_media_work_toward_11_june(self, world):
        month = guide.month_guide(user=world.user("media"), today=datetime.date(TODAY.year, 6, 1))
        assert month.steps[0].due_now
        assert month.steps[0].when == (
            f"Before 11/06/{TODAY.year}, the anniversary of the Call for Patriotic Emulation."
        )
        assert [due.day for due in month.this_month] == [datetime.date(TODAY.year, 6, 11)]
        # The deadline does not concern the media.
        plan_with_deadline(TODAY.year)
        month = guide.month_guide(user=world.user("media"), today=datetime.date(TODAY.year, 11, 2))
        assert month.this_month == []

    def test_a_year_no_plan_covers_has_no_deadline_and_says_so(self, world, client_for):
        Plan.objects.filter(period_to__gte=TODAY.year).delete()
        month = guide.month_guide(user=world.user("editor_a"))
        assert month.plan is None and month.deadline is None
        assert month.steps[1].when == f"No plan covers {TODAY.year}: no deadline applies."
        assert month.steps[1].notes == []
        admin_month = guide.month_guide(user=world.user("administrator"))
        assert admin_month.steps[2].when == f"No plan covers {TODAY.year} yet."
        assert admin_month.steps[2].due_now
        html = client_for(world.user("editor_a")).get(URL).content.decode()
        assert 'id="help-no-plan"' in html

    def test_a_plan_without_a_deadline_says_so(self, world):
        plan = plan_with_deadline(TODAY.year)
        plan.deadline_day = plan.deadline_month = None
        plan.save()
        month = guide.month_guide(user=world.user("leader"))
        assert month.steps[1].when == f"{plan.short_label} sets no deadline."
        assert month.steps[2].when == "At the end of the year."

    def test_the_page_shows_the_month_the_plan_and_what_is_due(
        self, world, client_for, time_machine
    ):
        # A day of November, when the plan's deadline is a unit editor's only due day (June
        # has the 11 June anniversary too).
        today = datetime.date(TODAY.year, 11, 20)
        time_machine.move_to(moment(today), tick=False)
        plan = plan_with_deadline(today.year, day=today.day, month=today.month)
        html = client_for(world.user("editor_a")).get(URL).content.decode()
        tree = lxml.html.fromstring(html)
        assert tree.xpath("//*[@id='help-month']//a/@href") == [plan.get_absolute_url()]
        due = tree.xpath("//ul[@id='help-due']/li")
        assert len(due) == 1
        assert today.strftime("%d/%m/%Y") in due[0].text_content()
        assert "help-when-now" in tree.xpath("//li[@id='help-step-2']//p[1]/@class")[0]


def test_the_unit_roles_links_name_their_own_unit(world, client_for):
    plan_with_deadline(TODAY.year)
    steps = help_steps(client_for(world.user("editor_a")).get(URL).content.decode())
    assert steps[1]["link"] == (
        f"{reverse('registry:exemplar_list')}?year={TODAY.year}&unit=37-SYT&status=draft"
    )
    head_steps = help_steps(client_for(world.user("head_a")).get(URL).content.decode())
    assert head_steps[2]["link"] == reverse("reports:signer_list", kwargs={"code": "37-SYT"})


def test_the_step_texts_are_translatable_msgids():
    # Every title and text is an English msgid, and the page shows its Vietnamese translation.
    for steps in guide.STEPS.values():
        for spec in steps:
            with translation.override("en"):
                title, text = str(spec.title), str(spec.text)
            assert re.fullmatch(r"[A-Z][^\n]+", title)
            with translation.override("vi"):
                assert str(spec.title) != title and str(spec.text) != text
