"""What each role does this month: the three steps of the help page (``registry:help``).

Each role's steps are declared once, in ``STEPS``: what to do, where it is done (a page the
role may open) and a picture of that page. The pictures are taken by the browser test
``tests/e2e/test_help_journey.py`` at 1280 px and kept in ``static/img/help/<role>-<n>.png``
(``image_path``); ``tests/test_help.py`` checks that every picture the page shows exists.

The month's part is read from the plan in force (``plan_in_force``), never written here:
its yearly deadline for sending exemplars (``Plan.deadline_for``), its reference day when
quotas are owed by the units in force on a day, the end of its period, and the anniversary
of President Ho Chi Minh's Call for Patriotic Emulation (11 June), at which the plan honours
exemplars and introduces them to the media (plan III.3, VI.1). A year no plan covers has no
deadline, and the page says so.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .enums import Role
from .models import Plan, plan_in_force

# The Call for Patriotic Emulation, 11 June 1948: honoured every year (plan III.3).
ANNIVERSARY = (6, 11)
HELP_IMAGES = "img/help"
STEPS_PER_ROLE = 3


class When:
    """When a step is done, worked out for the month from the plan's calendar."""

    BY_DEADLINE = "by_deadline"  # before the plan's yearly deadline
    AFTER_DEADLINE = "after_deadline"  # once the units' exemplars are in
    ANNIVERSARY = "anniversary"  # before 11 June
    PLAN_PERIOD = "plan_period"  # a plan must cover the year
    ALWAYS = "always"


@dataclass(frozen=True)
class StepSpec:
    """One step of a role: ``link`` builds the address from the user and the year."""

    title: str
    text: str
    link_label: str
    link: Callable[..., str]
    when: str = When.ALWAYS


@dataclass(frozen=True)
class Due:
    """A day of the plan's calendar, and the roles it concerns."""

    day: datetime.date
    label: str
    roles: frozenset


@dataclass
class Step:
    number: int
    title: str
    text: str
    notes: list[str]
    url: str
    link_label: str
    when: str
    due_now: bool
    image: str
    alt: str


@dataclass
class MonthGuide:
    role: str
    role_label: str
    today: datetime.date
    plan: Plan | None
    deadline: datetime.date | None
    this_month: list[Due] = field(default_factory=list)
    next_due: Due | None = None
    steps: list[Step] = field(default_factory=list)

    @property
    def year(self) -> int:
        return self.today.year


def image_path(role: str, number: int) -> str:
    """The picture of a step, relative to the static files: "img/help/unit_editor-1.png"."""
    return f"{HELP_IMAGES}/{role}-{number}.png"


def _url(name: str, *, query: str = "", fragment: str = "", **kwargs) -> str:
    url = reverse(name, kwargs=kwargs or None)
    return url + (f"?{query}" if query else "") + (f"#{fragment}" if fragment else "")


def _unit_url(name: str, user) -> str:
    """A page about the user's unit; the home for an account without one."""
    if user.unit_id is None:
        return _url("registry:home")
    return _url(name, code=user.unit.code)


def _unit_query(user, year: int, **extra) -> str:
    parts = {"year": year, **({"unit": user.unit.code} if user.unit_id else {}), **extra}
    return urlencode(parts)


STEPS: dict[str, tuple[StepSpec, ...]] = {
    Role.UNIT_EDITOR: (
        StepSpec(
            gettext_lazy("Record the unit's exemplars"),
            gettext_lazy(
                "Register the year's new factors at the start of the year, then record each "
                "exemplar with its achievements, the criteria it meets and the evidence."
            ),
            gettext_lazy("New exemplar"),
            lambda user, year: _url("registry:exemplar_create"),
        ),
        StepSpec(
            gettext_lazy("Send them before the deadline"),
            gettext_lazy(
                "Open each draft, check it and send it: first to the unit head where the unit "
                "signs off what it sends, then to the district where one reviews the unit, "
                "otherwise straight to the Department of Home Affairs."
            ),
            gettext_lazy("The unit's drafts"),
            lambda user, year: _url(
                "registry:exemplar_list", query=_unit_query(user, year, status="draft")
            ),
            When.BY_DEADLINE,
        ),
        StepSpec(
            gettext_lazy("Complete what was sent back"),
            gettext_lazy(
                "A record the reviewer returns carries the reason: correct it and send it "
                "again. Such records come first on the unit's home."
            ),
            gettext_lazy("Waiting for you"),
            lambda user, year: _url("registry:home", fragment="waiting"),
            When.BY_DEADLINE,
        ),
    ),
    Role.UNIT_HEAD: (
        StepSpec(
            gettext_lazy("Approve the records awaiting your sign-off"),
            gettext_lazy(
                "Approve the records awaiting your sign-off on the unit's home, so that they "
                "go up in time."
            ),
            gettext_lazy("The unit's home"),
            lambda user, year: _url("registry:home"),
            When.BY_DEADLINE,
        ),
        StepSpec(
            gettext_lazy("Watch the unit's quota"),
            gettext_lazy(
                "Check that the unit sends enough exemplars for the year and that none waits "
                "for correction."
            ),
            gettext_lazy("The unit's records of the year"),
            lambda user, year: _url("registry:exemplar_list", query=_unit_query(user, year)),
            When.BY_DEADLINE,
        ),
        StepSpec(
            gettext_lazy("Keep the unit's signers"),
            gettext_lazy(
                "Keep the names, positions and authority of those who sign the unit's "
                "documents up to date, so that its reports are issued in the right name."
            ),
            gettext_lazy("Signers"),
            lambda user, year: _unit_url("reports:signer_list", user),
        ),
    ),
    Role.DISTRICT_REVIEWER: (
        StepSpec(
            gettext_lazy("Endorse or return the communes' records"),
            gettext_lazy(
                "Records sent by the district's communes wait in your review queue: endorse "
                "them so that they go on to the Department of Home Affairs, or return them "
                "with a reason."
            ),
            gettext_lazy("Review"),
            lambda user, year: _url("registry:review_queue"),
            When.BY_DEADLINE,
        ),
        StepSpec(
            gettext_lazy("Follow the communes' records"),
            gettext_lazy(
                "The list shows the records of the district and its communes for the year: "
                "see which are still drafts or were sent back."
            ),
            gettext_lazy("Exemplars of the year"),
            lambda user, year: _url("registry:exemplar_list", query=f"year={year}"),
        ),
        StepSpec(
            gettext_lazy("Register the district's own exemplars"),
            gettext_lazy(
                "The district's own exemplars go straight to the Department of Home Affairs: "
                "record them and send them before the deadline."
            ),
            gettext_lazy("New exemplar"),
            lambda user, year: _url("registry:exemplar_create"),
            When.BY_DEADLINE,
        ),
    ),
    Role.HOME_AFFAIRS: (
        StepSpec(
            gettext_lazy("Review the submissions"),
            gettext_lazy(
                "Accept, return with a reason or refuse the records in the review queue; "
                "those waiting longer than the overdue limit are highlighted."
            ),
            gettext_lazy("Review queue"),
            lambda user, year: _url("registry:review_queue"),
        ),
        StepSpec(
            gettext_lazy("Consolidate the year"),
            gettext_lazy(
                "Once the units' exemplars are in, build the year's consolidation (accepted "
                "exemplars by unit, field and subject, and the units behind their quota) and "
                "publish it when it is final."
            ),
            gettext_lazy("Consolidations and period reviews"),
            lambda user, year: _url("reports:consolidation_list"),
            When.AFTER_DEADLINE,
        ),
        StepSpec(
            gettext_lazy("Propose commendations"),
            gettext_lazy(
                "Appraise the units' commendation proposals and record the decisions; "
                "introduce outstanding exemplars to the media for 11 June."
            ),
            gettext_lazy("Award proposals"),
            lambda user, year: _url("reports:proposal_list"),
            When.ANNIVERSARY,
        ),
    ),
    Role.MEDIA: (
        StepSpec(
            gettext_lazy("Pick the exemplars to portray"),
            gettext_lazy(
                "The Department of Home Affairs introduces outstanding exemplars to the "
                "media, with the occasion and the angle: choose those your outlet will "
                "portray."
            ),
            gettext_lazy("Introductions to the media"),
            lambda user, year: _url("reports:introduction_list"),
            When.ANNIVERSARY,
        ),
        StepSpec(
            gettext_lazy("Record the coverage"),
            gettext_lazy(
                "Log each news item, article, reportage or programme of your outlet with its "
                "link and the exemplars it portrays."
            ),
            gettext_lazy("Media coverage"),
            lambda user, year: _url("campaigns:coverage_list"),
        ),
        StepSpec(
            gettext_lazy("Keep your columns"),
            gettext_lazy(
                "Place the coverage in its column or page, so that the column shows its "
                "output month by month."
            ),
            gettext_lazy("Columns"),
            lambda user, year: _url("campaigns:column_list"),
        ),
    ),
    Role.LEADER: (
        StepSpec(
            gettext_lazy("Read the dashboard"),
            gettext_lazy(
                "The year's key figures against the previous year; every figure opens the "
                "list of the records it counts."
            ),
            gettext_lazy("Dashboard"),
            lambda user, year: _url("reports:dashboard"),
        ),
        StepSpec(
            gettext_lazy("See which units are behind"),
            gettext_lazy(
                "The units that have not yet met the year's quota, by unit kind and district."
            ),
            gettext_lazy("Quota standing"),
            lambda user, year: _url("registry:quota_compliance", query=f"year={year}"),
            When.BY_DEADLINE,
        ),
        StepSpec(
            gettext_lazy("Read the year's consolidation"),
            gettext_lazy(
                "The Department of Home Affairs publishes the year's consolidation once the "
                "units' exemplars are in; a published version never changes."
            ),
            gettext_lazy("Consolidations and period reviews"),
            lambda user, year: _url("reports:consolidation_list"),
            When.AFTER_DEADLINE,
        ),
    ),
    Role.ADMINISTRATOR: (
        StepSpec(
            gettext_lazy("Manage the accounts"),
            gettext_lazy(
                "Create the accounts of the units' staff with their role and unit, and "
                "deactivate those of people who leave."
            ),
            gettext_lazy("Accounts"),
            lambda user, year: _url("admin:registry_user_changelist"),
        ),
        StepSpec(
            gettext_lazy("Keep the units up to date"),
            gettext_lazy(
                "Record new, merged and ended units with their dates and successors, and the "
                "contact details of the Department of Home Affairs shown on the sign-in page."
            ),
            gettext_lazy("Units"),
            lambda user, year: _url("admin:registry_unit_changelist"),
        ),
        StepSpec(
            gettext_lazy("Keep the plans"),
            gettext_lazy(
                "Check that a plan covers the coming year, with its quotas, deadline and "
                "catalogue: a year no plan covers has no quota."
            ),
            gettext_lazy("Plans"),
            lambda user, year: _url("registry:plan_list"),
            When.PLAN_PERIOD,
        ),
    ),
}

# Who each day of the calendar concerns.
_SENDERS = frozenset(
    {Role.UNIT_EDITOR, Role.UNIT_HEAD, Role.DISTRICT_REVIEWER, Role.HOME_AFFAIRS, Role.LEADER}
)
_HONOURING = frozenset(set(Role.values) - {Role.ADMINISTRATOR})
_PLAN_KEEPERS = frozenset({Role.HOME_AFFAIRS, Role.ADMINISTRATOR})


def _day(day: datetime.date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def calendar(year: int, plan: Plan | None) -> list[Due]:
    """The days of ``year`` the plan in force sets, in order; none without a plan, but the
    11 June anniversary, which every year has."""
    days = [
        Due(
            datetime.date(year, *ANNIVERSARY),
            _(
                "Anniversary of President Ho Chi Minh's Call for Patriotic Emulation: "
                "exemplars are honoured and introduced to the media"
            ),
            _HONOURING,
        )
    ]
    if plan is not None:
        deadline = plan.deadline_for(year)
        if deadline is not None:
            days.append(
                Due(
                    deadline,
                    _("Deadline for sending the exemplars of %(year)s (%(plan)s)")
                    % {"year": year, "plan": plan.short_label},
                    _SENDERS,
                )
            )
        if plan.quota_basis == Plan.QuotaBasis.REFERENCE_DATE:
            days.append(
                Due(
                    plan.reference_date(year),
                    _("Reference day: the units in force on this day owe the year's quota"),
                    _PLAN_KEEPERS,
                )
            )
        if year == plan.period_to:
            days.append(
                Due(
                    datetime.date(year, 12, 31),
                    _("Last day of %(plan)s: the next plan must be entered")
                    % {"plan": plan.short_label},
                    _PLAN_KEEPERS,
                )
            )
    return sorted(days, key=lambda due: due.day)


def _when(spec: StepSpec, *, today, plan, deadline) -> tuple[str, bool]:
    """The step's "when" line for this month, and whether it falls due this month."""
    year = today.year
    this_month = (today.year, today.month)
    if spec.when == When.BY_DEADLINE:
        if plan is None:
            return _("No plan covers %(year)s: no deadline applies.") % {"year": year}, False
        if deadline is None:
            return _("%(plan)s sets no deadline.") % {"plan": plan.short_label}, False
        due_now = (deadline.year, deadline.month) == this_month
        days = (deadline - today).days
        if days > 0:
            return ngettext(
                "Before %(date)s: %(count)s day left.",
                "Before %(date)s: %(count)s days left.",
                days,
            ) % {"date": _day(deadline), "count": days}, due_now
        if days == 0:
            return _("Today, %(date)s, is the deadline.") % {"date": _day(deadline)}, True
        return _(
            "The deadline, %(date)s, has passed: deal with what is still waiting without delay."
        ) % {"date": _day(deadline)}, due_now
    if spec.when == When.AFTER_DEADLINE:
        if deadline is None:
            return _("At the end of the year."), today.month == 12
        if today > deadline:
            return _("Now: the deadline of %(date)s has passed.") % {"date": _day(deadline)}, True
        return _("After the deadline of %(date)s.") % {"date": _day(deadline)}, False
    if spec.when == When.ANNIVERSARY:
        day = datetime.date(year, *ANNIVERSARY)
        if today > day:
            day = datetime.date(year + 1, *ANNIVERSARY)
        return _("Before %(date)s, the anniversary of the Call for Patriotic Emulation.") % {
            "date": _day(day)
        }, (day.year, day.month) == this_month
    if spec.when == When.PLAN_PERIOD:
        if plan is None:
            return _("No plan covers %(year)s yet.") % {"year": year}, True
        if plan.period_to == year:
            return _("%(plan)s ends this year.") % {"plan": plan.short_label}, today.month == 12
        return _("%(plan)s covers %(period)s.") % {
            "plan": plan.short_label,
            "period": plan.period_label,
        }, False
    return _("Throughout the year."), False


def _notes(role: str, number: int, user, year: int) -> list[str]:
    """Figures that make a step concrete: the unit's quota, the overdue limit."""
    if number == 2 and role in (Role.UNIT_EDITOR, Role.UNIT_HEAD) and user.unit_id:
        from .tracking import quota_progress

        progress = quota_progress(unit=user.unit, year=year)
        if progress.has_rule:
            return [
                _("The unit's quota for %(year)s: %(accepted)s accepted of at least %(minimum)s.")
                % {"year": year, "accepted": progress.accepted, "minimum": progress.minimum}
            ]
    if number == 1 and role == Role.HOME_AFFAIRS:
        days = settings.PORTAL["REVIEW_OVERDUE_DAYS"]
        return [
            ngettext(
                "A submission is overdue after %(count)s day of waiting.",
                "A submission is overdue after %(count)s days of waiting.",
                days,
            )
            % {"count": days}
        ]
    return []


def month_guide(*, user, today: datetime.date | None = None) -> MonthGuide:
    """The help page of ``user``: the role's three steps, with this month's dates.

    Reads the plan in force in the current year; writes nothing.
    """
    today = today or timezone.localdate()
    year = today.year
    plan = plan_in_force(year)
    deadline = plan.deadline_for(year) if plan is not None else None
    role = user.role if user.role in STEPS else ""
    guide = MonthGuide(
        role=role,
        role_label=Role(role).label if role else "",
        today=today,
        plan=plan,
        deadline=deadline,
    )
    if not role:
        return guide
    days = [due for due in calendar(year, plan) if role in due.roles]
    guide.this_month = [due for due in days if due.day.month == today.month]
    later = [due for due in days if due.day.month > today.month]
    if not later:
        following = calendar(year + 1, plan_in_force(year + 1))
        later = [due for due in following if role in due.roles]
    guide.next_due = later[0] if later else None
    for number, spec in enumerate(STEPS[role], start=1):
        when, due_now = _when(spec, today=today, plan=plan, deadline=deadline)
        guide.steps.append(
            Step(
                number=number,
                title=str(spec.title),
                text=str(spec.text),
                notes=_notes(role, number, user, year),
                url=spec.link(user, year),
                link_label=str(spec.link_label),
                when=when,
                due_now=due_now,
                image=image_path(role, number),
                alt=_("Picture of the page “%(page)s”") % {"page": spec.link_label},
            )
        )
    return guide
