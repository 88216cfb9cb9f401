"""The demo province at work: four years (2023-2026) of exemplars of Ninh Bình's real units.

``manage.py load_demo`` first loads the walk-through records of ``registry.demo`` (a few
named exemplars the README follows); this module then gives every unit that owes a quota
its records of each year it was in force, so that the dashboard, the lists and a unit's
home look like a province in its fourth year on the portal:

- **Who owes what** is the portal's own rule (``registry.quotas.owing_units``): the
  departments, boards and mass organisations every year; the eight districts and the
  communes of Gia Viễn district of the demo until 2024; the 129 communes and wards of today
  in 2025 and 2026 (they began on 1 July 2025, so their 2025 records start in July). The
  old communes' records of 2025 were sent to their district before it ended on 30 June and
  count for the commune of today that carried on their work.
- **How much**: most units meet their quota, some stay behind (the new communes more in
  2025, their first half-year); the walk-through's records count toward their units.
- **How**: every record is written by a person of its unit through the real services:
  ``registry.services.exemplar_create``, ``registry.workflow.transition`` as the unit's
  editor (and head, where the unit signs off), the district's reviewer and Home Affairs,
  ``registry.tracking`` for nurturing notes and follow-ups; returned records carry the
  reason and are corrected (``exemplar_update``) and sent again; some are refused. Each
  step happens on its own day: ``django.utils.timezone.now`` reads a demo clock while the
  province is built, so the timelines, histories, "status since" and notifications carry
  the dates of 2023-2026, never the day the demo was loaded. E-mails of those past steps
  are not queued (they would have gone out at the time).
- **Around the records** (``spread``, after the campaigns' and awards' demos): media coverage
  by the press and the units' portals, introductions to the media, commendation proposals
  with their appraisal and the chair's decisions.

Texts come from ``registry.data.demo_texts`` and names from ``registry.data.demo_people``,
drawn by a random generator seeded per record: the province is the same every time, and
running the load again creates nothing (each record has a fixed creation token; the staff,
coverage, introductions and proposals are looked up before being made). Staff accounts made
here cannot sign in (no password): the demo accounts of ``registry.demo`` are the ones to use.
"""

import datetime
import itertools
import random
import re
import uuid
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from unittest import mock

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from exemplar_portal.base.text import fold

from .data import demo_people as people
from .data import demo_texts as texts
from .enums import ExemplarStatus as S
from .enums import Role
from .models import Unit, User

SEED = "ninh-binh-2023-2026"
YEARS = (2023, 2024, 2025, 2026)
RECORD_PREFIX = "demo-province"
# The demo's today: nothing it builds is dated later.
DEMO_DAY = datetime.date(2026, 12, 2)
# Notifications older than this many days before ``DEMO_DAY`` were read at the time.
UNREAD_DAYS = 21
HOME_AFFAIRS_USERNAMES = ("tdkt.snv", "tdkt.phoban")
# The unit with the demo's one record sent back by its head (the departments sign off).
HEAD_RETURNED_UNIT = "37-SGDDT"

# Share of a year's obligations met, by unit kind (the rest stay behind).
MET_SHARE = {
    2023: {"district": 0.75, "commune": 0.75, "default": 0.83},
    2024: {"district": 0.88, "commune": 1.0, "default": 0.87},
    2025: {"commune": 0.62, "default": 0.88},
    2026: {"commune": 0.8, "default": 0.82},
}

# The fields a provincial body's exemplars come from, by the code after "37-" (weights).
BODY_FIELDS = {
    "SYT": {"health": 8, "social-security": 1},
    "SGDDT": {"education-training": 9, "science-technology": 1},
    "CAT": {"defence-security": 1},
    "BCHQS": {"defence-security": 1},
    "SCT": {"industry-construction-transport": 1},
    "SXD": {"industry-construction-transport": 1},
    "SGTVT": {"industry-construction-transport": 1},
    "STC": {"finance-banking": 3, "administrative-reform": 1},
    "SKHDT": {"finance-banking": 2, "administrative-reform": 1},
    "SKHCN": {"science-technology": 3, "information-communications": 1},
    "STTTT": {"information-communications": 1},
    "SNNPTNT": {"agriculture": 1},
    "SNNMT": {"agriculture": 3, "science-technology": 1},
    "STNMT": {"agriculture": 1, "administrative-reform": 1},
    "SVHTTDL": {"culture-arts-sports": 3, "foreign-affairs": 1},
    "STP": {"administrative-reform": 2, "party-government": 1},
    "TTT": {"administrative-reform": 1, "party-government": 1},
    "SNV": {"administrative-reform": 1, "party-government": 1, "social-security": 1},
    "VP-UBND": {"administrative-reform": 1, "foreign-affairs": 1},
    "BTG-TU": {"party-government": 2, "information-communications": 1},
    "BQLKCN": {"industry-construction-transport": 2, "foreign-affairs": 1},
    "SLDTBXH": {"social-security": 1},
    "BNB": {"information-communications": 1},
    "DPTTH": {"information-communications": 1},
    "BPTTH": {"information-communications": 2, "culture-arts-sports": 1},
    "MTTQ": {"social-life": 1, "social-security": 1},
    "LDLD": {"industry-construction-transport": 2, "social-security": 1},
    "HLHPN": {"social-life": 2, "social-security": 1},
    "TDTN": {"social-life": 2, "science-technology": 1},
    "HND": {"agriculture": 1},
    "HCCB": {"social-security": 2, "defence-security": 1},
    "HHDN": {"industry-construction-transport": 2, "finance-banking": 1},
}
LOCAL_FIELDS = {
    "agriculture": 5,
    "social-life": 4,
    "social-security": 2,
    "party-government": 2,
    "defence-security": 2,
    "culture-arts-sports": 1,
    "education-training": 1,
    "health": 1,
    "administrative-reform": 1,
    "industry-construction-transport": 1,
    "information-communications": 1,
    "finance-banking": 1,
}
# Phrases for headlines ("… với {work}").
WORK = {
    "health": "nghề y",
    "education-training": "sự nghiệp trồng người",
    "defence-security": "bình yên của nhân dân",
    "industry-construction-transport": "công trình và nhà máy",
    "agriculture": "đồng ruộng quê hương",
    "finance-banking": "đồng vốn cho người nghèo",
    "science-technology": "khoa học",
    "culture-arts-sports": "nghệ thuật và thể thao",
    "foreign-affairs": "công tác đối ngoại",
    "information-communications": "nghề báo",
    "administrative-reform": "cải cách hành chính",
    "party-government": "công tác ở cơ sở",
    "social-security": "người nghèo",
    "social-life": "phong trào ở khu dân cư",
}
# Movements a record may have been discovered through, by field (code, weight).
CAMPAIGNS_BY_FIELD = {
    "agriculture": "nong-thon-moi-2021-2025",
    "social-life": "nong-thon-moi-2021-2025",
    "social-security": "vi-nguoi-ngheo-2021-2025",
    "administrative-reform": "van-hoa-cong-so",
    "party-government": "hoc-tap-lam-theo-bac",
}


# Text --------------------------------------------------------------------------------------

CHOICE = re.compile(r"\[([^\[\]]*)\]")
SLOT = re.compile(r"\{([^{}]+)\}")
RANGE = re.compile(r"^(\d+)-(\d+)$")
DECIMAL_RANGE = re.compile(r"^(\d+)\.(\d+)-(\d+)\.(\d+)$")
YEAR = re.compile(r"^y([+-]\d)?$")


def seeded(name: str) -> random.Random:
    """The generator of one part of the demo: the same name gives the same draws."""
    return random.Random(f"{SEED}-{name}")  # noqa: S311 - reproducible sample data, not secrets


def number(value: int) -> str:
    """A whole number as Vietnamese writes it: 12.400."""
    return f"{value:,}".replace(",", ".")


def fill(template: str, context: dict, rng: random.Random) -> str:
    """Fill a template of ``registry.data.demo_texts`` (see there for its marks)."""
    text = CHOICE.sub(lambda m: rng.choice(m.group(1).split("|")), template)

    def slot(match):
        key = match.group(1)
        if key in context:
            value = context[key]
            return str(value() if callable(value) else value)
        if key.isdigit():
            return key
        if found := YEAR.match(key):
            return str(context["y"] + int(found.group(1) or 0))
        if found := RANGE.match(key):
            low, high = int(found.group(1)), int(found.group(2))
            value = rng.randint(low, high)
            if high >= 1000:
                step = 10 ** (len(str(high)) - 3)
                value = max(low, value // step * step)
            return number(value)
        if found := DECIMAL_RANGE.match(key):
            places = len(found.group(4))
            low = float(f"{found.group(1)}.{found.group(2)}")
            high = float(f"{found.group(3)}.{found.group(4)}")
            return f"{rng.uniform(low, high):.{places}f}".replace(".", ",")
        raise KeyError(key)

    return SLOT.sub(slot, text)


def weighted(rng: random.Random, pairs) -> str:
    items = list(pairs.items()) if isinstance(pairs, dict) else list(pairs)
    return rng.choices([item for item, _ in items], weights=[w for _, w in items])[0]


def person_name(rng: random.Random, gender: str, born: int) -> str:
    family = weighted(rng, people.FAMILY)
    middle = weighted(rng, people.MIDDLE[gender])
    if born >= 1985 and rng.random() < 0.3:
        return f"{family} {middle} {rng.choice(people.GIVEN_PAIRS[gender])}"
    if rng.random() < 0.15:
        # Four syllables: a second middle name ("Nguyễn Thị Thu Hà").
        second = weighted(rng, people.MIDDLE[gender])
        if second != middle:
            middle = f"{middle} {second}"
    return f"{family} {middle} {rng.choice(people.GIVEN[gender])}"


TAG = re.compile(r"^@([a-z_,]+) ")
PERSONAS = [(re.compile(pattern), tag) for pattern, tag in texts.PERSONAS]


def persona_tags(text: str) -> set[str]:
    """Who a person ("position | workplace" of a template) or a collective (its name) is."""
    return {tag for pattern, tag in PERSONAS if pattern.search(text)}


def untagged(template: str) -> tuple[set[str], str]:
    """The personas a template of ``demo_texts`` is marked for (none: anyone), and its text."""
    if found := TAG.match(template):
        return set(found.group(1).split(",")), template[found.end() :]
    return set(), template


def belonging(templates, persona: set[str], key=None) -> list:
    """The templates that fit ``persona``, without their marks: those marked for one of its
    tags and those not marked at all."""
    found = []
    for item in templates:
        tags, text = untagged(key(item) if key else item)
        if tags and not tags & persona:
            continue
        found.append((text, *item[1:]) if key else text)
    return found


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", "”")) else text + "."


# Units and their staff ---------------------------------------------------------------------


def level_of(unit: Unit) -> str:
    return "local" if unit.kind.code in ("commune", "district") else "province"


def body_code(unit: Unit) -> str:
    return unit.code.split("-", 1)[1] if unit.code.startswith("37-") else unit.code


def place_of(unit: Unit) -> str:
    """How a text names the unit's locality: "xã Gia Hưng", "thành phố Tam Điệp"."""
    name = " ".join(unit.name.split())
    return lower_first(name)


def is_ward(unit: Unit) -> bool:
    return unit.name.startswith(("Phường", "Thị trấn"))


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(text))


@dataclass
class Staff:
    """Who acts for a unit: its editor (a district's reviewer for a district) and its head."""

    editor: User
    head: User | None = None


# (username prefix, role, position) for the staff of each kind of unit.
STAFF_KINDS = {
    "department": [
        ("canbo", Role.UNIT_EDITOR, "Chuyên viên Văn phòng"),
        ("lanhdao", Role.UNIT_HEAD, "Phó Thủ trưởng cơ quan"),
    ],
    "mass-organisation": [
        ("canbo", Role.UNIT_EDITOR, "Chuyên viên Văn phòng"),
        ("lanhdao", Role.UNIT_HEAD, "Phó Chủ tịch"),
    ],
    "enterprise-association": [
        ("canbo", Role.UNIT_EDITOR, "Chuyên viên Văn phòng Hiệp hội"),
        ("lanhdao", Role.UNIT_HEAD, "Phó Chủ tịch Hiệp hội"),
    ],
    "district": [("huyen", Role.DISTRICT_REVIEWER, "Chuyên viên Phòng Nội vụ")],
    "commune": [("canbo", Role.UNIT_EDITOR, "Công chức Văn hóa - Xã hội")],
}


def _username(prefix: str, unit: Unit) -> str:
    if unit.kind.code == "commune":
        kind = "phuong" if unit.name.startswith("Phường") else "xa"
        base = slug(unit.short_name or unit.name)
        return f"{prefix}.{kind}{base}" if unit.valid_until is None else f"{prefix}.{base}"
    if unit.kind.code == "district":
        return f"{prefix}.{slug(unit.short_name or unit.name)}"
    return f"{prefix}.{body_code(unit).lower()}"


def staff_of(units: list[Unit], clock: "Clock") -> dict[int, Staff]:
    """The staff of ``units``: the demo accounts where they exist, else one made here per
    role (created on the unit's first day in the demo, with no password)."""
    from .demo import ACCOUNTS

    accounts = {a.username: a for a in ACCOUNTS}
    existing = {
        (user.unit_id, user.role): user
        for user in User.objects.filter(unit__in=units).order_by("pk")
        if user.username in accounts or user.has_usable_password() is False
    }
    taken = set(User.objects.values_list("username", flat=True))
    staff: dict[int, Staff] = {}
    for unit in units:
        found: dict[Role, User] = {}
        for prefix, role, position in STAFF_KINDS.get(unit.kind.code, []):
            user = existing.get((unit.pk, role))
            if user is None:
                username = _username(prefix, unit)
                user = User.objects.filter(username=username).first()
                if user is None:
                    if username in taken:
                        username = f"{username}{unit.pk}"
                    user = _new_staff(unit, username, role, position, clock)
                    taken.add(username)
            found[role] = user
        editor = found.get(Role.UNIT_EDITOR) or found.get(Role.DISTRICT_REVIEWER)
        if editor is not None:
            staff[unit.pk] = Staff(editor=editor, head=found.get(Role.UNIT_HEAD))
    return staff


def _new_staff(unit: Unit, username: str, role: Role, position: str, clock: "Clock") -> User:
    rng = seeded(f"staff-{username}")
    gender = rng.choice(["male", "female"])
    born = rng.randint(1970, 1994)
    start = unit.valid_from or datetime.date(2022, 12, 1)
    clock.set(at(start, 9))
    user = User(
        username=username,
        full_name=person_name(rng, gender, born),
        role=role,
        unit=unit,
        position=position,
        email=f"{username}@ninhbinh.example",
        is_active=True,
        date_joined=clock.now(),
    )
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    return user


# The clock ---------------------------------------------------------------------------------


def at(day: datetime.date, hour: int = 9, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def workday(day: datetime.date) -> datetime.date:
    """``day``, or the Monday after it when it falls on a weekend."""
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


class Clock:
    """What ``django.utils.timezone.now`` answers while the province is built.

    ``set`` moves it; ``step`` moves it and, once the record's transaction commits, moves
    it again to the same moment right before the notifications queued by that step are
    written (``transaction.on_commit`` runs callbacks in the order they were registered).
    """

    def __init__(self):
        self.moment: datetime.datetime | None = None
        self._real_now = timezone.now

    def now(self) -> datetime.datetime:
        return self.moment if self.moment is not None else self._real_now()

    def set(self, moment: datetime.datetime) -> None:
        self.moment = moment

    def step(self, moment: datetime.datetime) -> None:
        self.moment = moment
        transaction.on_commit(lambda: self.set(moment))

    @contextmanager
    def running(self):
        """Dated writes and no e-mails of the past (a task backend that keeps nothing)."""
        from django.test.utils import override_settings

        tasks = {
            name: {**config, "BACKEND": "django_tasks.backends.dummy.DummyBackend"}
            for name, config in settings.TASKS.items()
        }
        with override_settings(TASKS=tasks), mock.patch("django.utils.timezone.now", self.now):
            try:
                yield self
            finally:
                self.moment = None


# The plan of the province ------------------------------------------------------------------


@dataclass
class Step:
    action: str  # a workflow move, or "fix" (the unit corrects a returned record)
    actor: str  # "editor", "head", "district", "home_affairs"
    when: datetime.datetime
    comment: str = ""
    fix: dict = field(default_factory=dict)


@dataclass
class Record:
    """One exemplar to build: its content, its steps, its notes and follow-ups."""

    token: str
    unit: Unit
    year: int
    subject_kind: str
    values: dict
    field_code: str
    campaign_code: str | None
    evidence: dict  # ("general", n) or ("specific", None) -> text
    created: datetime.datetime
    steps: list[Step]
    outcome: str
    notes: list = field(default_factory=list)  # (when, support, shortcomings)
    follow_ups: list = field(default_factory=list)  # (when, actor unit or None, values)
    context: dict = field(default_factory=dict)  # for coverage and proposals

    @property
    def accepted_on(self) -> datetime.datetime | None:
        return next((s.when for s in self.steps if s.action == "accept"), None)


def _scenario_ledger() -> dict[tuple[str, int], Counter]:
    """The walk-through's own records (``registry.demo``, the awards demo, the spreadsheet
    import) by unit and year, with their final status, read from their definitions so that
    the plan is the same whether or not they are loaded yet."""
    from .data.demo_past_exemplars import PAST_EXEMPLARS
    from .demo import EXEMPLARS
    from .spreadsheets.demo import ROWS

    ledger: dict[tuple[str, int], Counter] = defaultdict(Counter)
    signing = {
        unit.code
        for unit in Unit.objects.filter(code__in={row[1] for row in EXEMPLARS}).select_related(
            "kind"
        )
        if unit.needs_head_signoff
    }
    for _token, unit_code, _creator, year, *_rest, moves in EXEMPLARS:
        last = moves[-1][0] if moves else None
        status = {
            None: S.DRAFT,
            "accept": S.ACCEPTED,
            "return": S.RETURNED,
            # An editor's submit waits for the head where the unit signs off.
            "submit": S.AWAITING_HEAD if unit_code in signing else S.UNDER_REVIEW,
            "head_approve": S.UNDER_REVIEW,
            "head_return": S.RETURNED_BY_HEAD,
            "endorse": S.UNDER_REVIEW,
        }[last]
        ledger[unit_code, year][status] += 1
    for _token, unit_code, _editor, year, *_rest in PAST_EXEMPLARS:
        ledger[unit_code, year][S.ACCEPTED] += 1
    for row in ROWS:
        ledger["37-SYT", row["year"]][S.DRAFT] += 1
    return ledger


# Units the walk-through of ``registry.demo`` follows: always in the province, whatever its
# scale.
SCENARIO_UNITS = {"37-SYT", "37-SGDDT", "373", "373-GIAVAN", "14488"}


def in_sample(unit: Unit, scale: float) -> bool:
    """Whether ``unit`` takes part in a province built at ``scale`` (1: every unit)."""
    if scale >= 1 or unit.code in SCENARIO_UNITS:
        return True
    return seeded(f"sample-{unit.code}").random() < scale


class Planner:
    """Decides, from the units, the plans and a seeded generator, every record to build."""

    def __init__(self, scale: float = 1.0):
        self.scale = scale
        from registry.models import Campaign

        from .lineage import Lineage
        from .models import UnitSuccession

        self.units = list(
            Unit.objects.select_related("kind", "parent", "parent__kind").order_by("code")
        )
        self.by_pk = {unit.pk: unit for unit in self.units}
        self.by_code = {unit.code: unit for unit in self.units}
        self.lineage = Lineage.load_ids()
        self.successions = list(
            UnitSuccession.objects.values_list("predecessor_id", "successor_id")
        )
        self.ledger = _scenario_ledger()
        self.campaigns = {c.code: c for c in Campaign.objects.all()}
        self.records: list[Record] = []
        # What counts toward each unit's quota of a year, as planned: (unit pk, year) ->
        # Counter of final statuses.
        self.planned: dict[tuple[int, int], Counter] = defaultdict(Counter)
        self.endorsed: dict[tuple[int, int], Counter] = defaultdict(Counter)

    # -- who owes what

    def owing(self, year: int):
        from .models import plan_in_force
        from .quotas import owing_units

        plan = plan_in_force(year)
        if plan is None:
            return None, []
        rules = {rule.unit_kind_id: rule for rule in plan.quota_rules.all()}
        units = [
            self.by_pk[u.pk]
            for u in owing_units(plan, year, self.lineage)
            if in_sample(self.by_pk[u.pk], self.scale)
        ]
        # Communes first: a district counts the communes' records it endorsed.
        order = {"commune": 0, "district": 2}
        units.sort(key=lambda u: (order.get(u.kind.code, 1), u.code))
        return plan, [(unit, rules[unit.kind_id]) for unit in units]

    def counted(self, unit: Unit, year: int, owing_ids: set[int], rule) -> Counter:
        """What already counts toward ``unit``'s quota of ``year``: its own records and those
        of the units whose work it carried on (the walk-through's and those planned)."""
        total = Counter()
        sources = [unit.pk] + [
            pk
            for pk in self.lineage.predecessor_ids(unit.pk, work_only=True)
            if pk not in owing_ids
        ]
        for pk in sources:
            total.update(self.ledger.get((self.by_pk[pk].code, year), Counter()))
            total.update(self.planned.get((pk, year), Counter()))
        if rule.counts_endorsed:
            total.update(self.endorsed.get((unit.pk, year), Counter()))
        return total

    # -- the plan

    def plan(self) -> list[Record]:
        for year in YEARS:
            plan, owing = self.owing(year)
            if plan is None:
                continue
            owing_ids = {unit.pk for unit, _rule in owing}
            self.plan_early_records(year, owing_ids)
            for unit, rule in owing:
                self.plan_unit_year(unit, year, rule, owing_ids)
        return self.records

    def plan_early_records(self, year: int, owing_ids: set[int]) -> None:
        """Communes that ended during ``year`` (before the reform) sent their records of it
        to their district in its first half; they count for the commune that carried on."""
        for unit in self.units:
            if unit.kind.code != "commune" or unit.pk in owing_ids:
                continue
            if not in_sample(unit, self.scale):
                continue
            if not unit.is_active_in(year) or unit.valid_until is None:
                continue
            if unit.valid_until.year != year or (unit.valid_until.month, unit.valid_until.day) < (
                6,
                1,
            ):
                continue
            rng = seeded(f"early-{unit.code}-{year}")
            already = sum(self.ledger.get((unit.code, year), Counter()).values())
            wanted = rng.randint(1, 2)
            outcomes = ["accepted"] * max(0, wanted - already)
            if outcomes and rng.random() < 0.4:
                outcomes[0] = "accepted_after_district_return"
            for outcome in outcomes:
                self.add(unit, year, outcome, rng)

    def plan_unit_year(self, unit: Unit, year: int, rule, owing_ids: set[int]) -> None:
        rng = seeded(f"{unit.code}-{year}")
        minimum = rule.minimum
        share = MET_SHARE[year].get(unit.kind.code, MET_SHARE[year]["default"])
        met = rng.random() < share
        counted = self.counted(unit, year, owing_ids, rule)
        accepted = counted[S.ACCEPTED]
        if met:
            wanted = minimum + (1 if rng.random() < (0.3 if minimum == 1 else 0.15) else 0)
        else:
            wanted = rng.randint(0, minimum - 1)
        outcomes = ["accepted"] * max(0, wanted - accepted)
        # Some accepted records were returned once before they were accepted.
        # A commune's, before the reform, was sent back by its district first.
        by_district = unit.kind.code == "commune" and year < 2025
        for i in range(len(outcomes)):
            if rng.random() < 0.16:
                outcomes[i] = "accepted_after_return"
            elif by_district and rng.random() < 0.3:
                outcomes[i] = "accepted_after_district_return"
        # Where the unit's head signs off, a few were sent back by the head once first.
        if unit.needs_head_signoff:
            for i in range(len(outcomes)):
                if outcomes[i] == "accepted" and rng.random() < 0.12:
                    outcomes[i] = "accepted_after_head_return"
        extras = rng.choice([0, 0, 0, 1]) if met else rng.choice([1, 1, 2])
        pool = ["draft", "refused", "refused"]
        if year == DEMO_DAY.year:
            pool = ["draft", "under_review", "under_review", "returned", "refused"]
        outcomes += [rng.choice(pool) for _ in range(extras)]
        if year == DEMO_DAY.year and unit.needs_head_signoff and rng.random() < 0.3:
            # Sent in the last fortnight, it still waits for the head's sign-off.
            outcomes.append("awaiting_head")
        if unit.code == HEAD_RETURNED_UNIT and year == DEMO_DAY.year:
            # One record the head sent back, still with its editor.
            outcomes.append("returned_by_head")
        if not outcomes and not sum(counted.values()):
            outcomes = ["draft"]
        for outcome in outcomes:
            self.add(unit, year, outcome, rng)

    # -- one record

    def add(self, unit: Unit, year: int, outcome: str, unit_rng: random.Random) -> None:
        number = sum(1 for r in self.records if r.unit.pk == unit.pk and r.year == year) + 1
        token = f"{RECORD_PREFIX}-{year}-{unit.code}-{number}"
        rng = seeded(f"{token}")
        record = Writer(self, unit, year, rng).record(token, outcome)
        self.records.append(record)
        status = {
            "accepted": S.ACCEPTED,
            "accepted_after_return": S.ACCEPTED,
            "accepted_after_district_return": S.ACCEPTED,
            "accepted_after_head_return": S.ACCEPTED,
            "refused": S.REFUSED,
            "draft": S.DRAFT,
            "returned": S.RETURNED,
            "under_review": S.UNDER_REVIEW,
            "awaiting_head": S.AWAITING_HEAD,
            "returned_by_head": S.RETURNED_BY_HEAD,
        }[outcome]
        self.planned[unit.pk, year][status] += 1
        district = self.reviewer(unit, record.steps)
        if district is not None and status == S.ACCEPTED:
            self.endorsed[district.pk, year][status] += 1

    def reviewer(self, unit: Unit, steps: list[Step]) -> Unit | None:
        """The district that endorses ``unit``'s records sent on the first sending day."""
        sent = next((s.when for s in steps if s.action == "submit"), None)
        if sent is None:
            return None
        return unit.reviewing_unit_on(timezone.localtime(sent).date())


class Writer:
    """Writes one record: who, what they did, the initiative, the evidence, and the steps
    and dates that lead to its outcome."""

    def __init__(self, planner: Planner, unit: Unit, year: int, rng: random.Random):
        self.planner, self.unit, self.year, self.rng = planner, unit, year, rng
        self.level = level_of(unit)

    # -- content

    def field_code(self) -> str:
        if self.level == "province":
            return weighted(
                self.rng, BODY_FIELDS.get(body_code(self.unit), {"party-government": 1})
            )
        return weighted(self.rng, LOCAL_FIELDS)

    def profile(self, field_code: str) -> texts.Profile:
        return (
            texts.PROFILES.get((field_code, self.level)) or texts.PROFILES[field_code, "province"]
        )

    def context(self) -> dict:
        rng, unit, year = self.rng, self.unit, self.year
        areas = people.AREAS_AFTER if year >= 2026 else people.AREAS_BEFORE
        if unit.kind.code == "district":
            commune = rng.choice(people.OLD_COMMUNES.get(unit.code, ["xã Gia Vân"]))
            place = f"{commune}, {place_of(unit)}"
        else:
            place = place_of(unit)
        if is_ward(unit):
            village = f"tổ dân phố số {rng.randint(1, 18)}"
        else:
            village = f"thôn {rng.choice(people.VILLAGES)}"
        return {
            "y": year,
            "unit": unit.name,
            "place": place,
            "village": village,
            "Village": capital(village),
            "area": rng.choice(areas),
            "dept": rng.choice(texts.HOSPITAL_DEPARTMENTS),
            "scope": "đơn vị" if self.level == "province" else place,
            "reviewer": (
                f"Hội đồng Thi đua - Khen thưởng {unit.name}"
                if self.level == "province"
                else f"Ủy ban nhân dân {place}"
            ),
        }

    def subject_kind(self, profile: texts.Profile) -> str:
        weights = {"individual": 55, "collective": 45}
        if self.level == "local":
            weights = {"individual": 40, "collective": 30}
        if profile.households and profile.results.get("household"):
            weights["household"] = 30 if self.level == "local" else 8
        return weighted(self.rng, weights)

    def subject(self, kind: str, profile: texts.Profile, ctx: dict) -> dict:
        rng = self.rng
        if kind == "individual":
            position, workplace, gender, (born_from, born_to) = rng.choice(profile.people)
            gender = gender or rng.choice(["male", "female"])
            born = rng.randint(born_from, born_to)
            name = person_name(rng, gender, born)
            self.persona = persona_tags(f"{position} | {workplace}")
            age = self.year - born
            if workplace.startswith("{Village}"):
                self.persona.add("villager")
            self.persona.add("elder" if age >= 66 else "young" if age <= 37 else "working")
            if "villager" in self.persona:
                self.persona.discard("working")
            position = fill(position, ctx, rng)
            career = max(5, (age - 24) // 5 * 5)
            ctx.update(name=name, position_lower=lower_first(position), career=career)
            return {
                "full_name": name,
                "gender": gender,
                "birth_year": born,
                "position": position,
                "workplace": fill(workplace, ctx, rng),
            }
        if kind == "collective":
            name, head_title, (low, high) = rng.choice(profile.collectives)
            self.persona = persona_tags(name)
            name = fill(name, ctx, rng)
            members = rng.randint(low, high)
            head_gender = rng.choice(["male", "female"])
            head = person_name(rng, head_gender, rng.randint(1965, 1988))
            ctx.update(name=name, members=members)
            return {
                "collective_name": name,
                "head_name": f"{head}, {lower_first(head_title)}" if head_title else head,
                "member_count": members,
            }
        self.persona = {"household"}
        gender = "female" if rng.random() < 0.25 else "male"
        head = person_name(rng, gender, rng.randint(1950, 1985))
        name = f"Hộ {'bà' if gender == 'female' else 'ông'} {head}"
        members = rng.randint(3, 7)
        ctx.update(name=name, members=members)
        return {
            "household_head": name,
            "household_address": f"{ctx['Village']}, {ctx['place']}",
            "household_members": members,
        }

    def texts_for(self, kind: str, profile: texts.Profile, ctx: dict) -> tuple[str, str]:
        rng = self.rng
        persona = self.persona
        models = belonging(profile.models, persona, key=lambda m: m[0]) or [
            (untagged(m[0])[1], m[1]) for m in profile.models
        ]
        model, effect = rng.choice(models)
        ctx["model"] = f"“{model}”"
        ctx["model_effect"] = fill(effect, ctx, rng)
        results = belonging(profile.results.get(kind) or (), persona)
        marked = {
            untagged(text)[1]
            for text in profile.results.get(kind) or ()
            if untagged(text)[0] & persona
        }
        own = [text for text in results if text in marked]
        rest = [text for text in results if text not in marked]
        # The person's or collective's own results first, then those any of its field has.
        wanted = min(len(results), rng.randint(2, 3))
        chosen = rng.sample(own, k=min(len(own), wanted))
        chosen += rng.sample(rest, k=min(len(rest), wanted - len(chosen)))
        picked = [sentence(fill(text, ctx, rng)) for text in chosen]
        openers = belonging(texts.OPENERS[kind], persona)
        parts = [sentence(fill(rng.choice(openers), ctx, rng)), *picked]
        recognition = belonging(texts.RECOGNITION[kind], persona)
        if recognition and rng.random() < 0.7:
            parts.append(sentence(fill(rng.choice(recognition), ctx, rng)))
        achievements = " ".join(parts)
        prefix = rng.choice(["Mô hình", "Mô hình", "Sáng kiến", "Cách làm", "Giải pháp"])
        new_model = sentence(f"{prefix} {ctx['model']}: {ctx['model_effect']}")
        ctx["highlight"] = lower_first(picked[0])
        ctx["work"] = WORK.get(self.field, "công việc")
        return achievements, new_model

    def evidence(self, profile: texts.Profile, ctx: dict) -> dict:
        rng = self.rng
        found = {
            ("general", n): sentence(fill(rng.choice(texts.GENERAL_EVIDENCE[n]), ctx, rng))
            for n in (1, 2, 3, 4)
        }
        found["specific", None] = sentence(fill(rng.choice(profile.specific), ctx, rng))
        return found

    # -- dates

    def window(self, new_factor: bool):
        """(created from, to; sent from, to; last day a decision may fall on) for the record."""
        unit, year = self.unit, self.year
        d = datetime.date
        last = d(year, 12, 29) if year < DEMO_DAY.year else DEMO_DAY
        if unit.valid_until is not None and unit.valid_until.year == year:
            # Before the reform: sent to the district before it ended.
            return d(year, 1, 6), d(year, 3, 6), d(year, 3, 16), d(year, 5, 22), d(year, 6, 27)
        if unit.valid_from is not None and unit.valid_from.year == year:
            # The communes of today, in their first half-year.
            return d(year, 7, 14), d(year, 9, 20), d(year, 9, 24), d(year, 11, 24), last
        if new_factor:
            return d(year, 2, 9), d(year, 3, 31), d(year, 10, 1), d(year, 11, 24), last
        return d(year, 8, 18), d(year, 10, 10), d(year, 10, 13), d(year, 11, 26), last

    def day_between(self, first: datetime.date, last: datetime.date) -> datetime.date:
        span = max(0, (last - first).days)
        return first + datetime.timedelta(days=self.rng.randint(0, span))

    def moment(self, day: datetime.date) -> datetime.datetime:
        day = min(workday(day), DEMO_DAY)
        return at(day, self.rng.randint(7, 16), self.rng.choice([0, 5, 10, 15, 20, 30, 40, 45, 50]))

    def after(self, moment: datetime.datetime, low: int, high: int) -> datetime.datetime:
        day = timezone.localtime(moment).date() + datetime.timedelta(
            days=self.rng.randint(low, high)
        )
        return self.moment(day)

    # -- the record

    def record(self, token: str, outcome: str) -> Record:
        rng = self.rng
        self.field = self.field_code()
        profile = self.profile(self.field)
        ctx = self.context()
        kind = self.subject_kind(profile)
        values = self.subject(kind, profile, ctx)
        achievements, new_model = self.texts_for(kind, profile, ctx)
        evidence = self.evidence(profile, ctx)
        new_factor = outcome == "draft" or rng.random() < 0.3
        created_from, created_to, send_from, send_to, last = self.window(new_factor)
        created = self.moment(self.day_between(created_from, created_to))
        campaign = self.campaign()
        values.update(
            year=self.year,
            subject_kind=kind,
            achievements=achievements,
            new_model=new_model,
            is_new_factor=new_factor,
            contact_phone=self.phone(),
            publication_consent=outcome != "draft" or rng.random() < 0.5,
        )
        steps = self.steps(outcome, created, send_from, send_to, last, ctx)
        record = Record(
            token=token,
            unit=self.unit,
            year=self.year,
            subject_kind=kind,
            values=values,
            field_code=self.field,
            campaign_code=campaign,
            evidence=evidence,
            created=created,
            steps=steps,
            outcome=outcome,
            context=ctx,
        )
        if new_factor:
            record.notes = self.notes(created, steps, ctx)
        if record.accepted_on is not None:
            record.follow_ups = self.follow_ups(record.accepted_on, ctx)
        return record

    def campaign(self) -> str | None:
        if self.rng.random() < 0.35:
            return None
        code = CAMPAIGNS_BY_FIELD.get(self.field)
        if code is None:
            code = "van-hoa-cong-so" if self.level == "province" else "hoc-tap-lam-theo-bac"
        campaign = self.planner.campaigns.get(code)
        if campaign is None or not campaign.is_active_in(self.year):
            campaign = self.planner.campaigns.get("hoc-tap-lam-theo-bac")
        return campaign.code if campaign is not None else None

    def phone(self) -> str:
        rng = self.rng
        if rng.random() < 0.5:
            return f"0229 {rng.randint(3600, 3899)} {rng.randint(100, 999)}"
        return f"09{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(100, 999)}"

    def steps(self, outcome, created, send_from, send_to, last, ctx) -> list[Step]:
        """The moves that lead to ``outcome``, each on its day, in order."""
        rng = self.rng
        if outcome == "draft":
            return []
        last_moment = at(last, 17)
        earliest = timezone.localtime(created).date() + datetime.timedelta(days=3)
        if outcome in ("under_review", "awaiting_head", "returned_by_head"):
            # Sent in the last fortnight: Home Affairs (or the unit head) has not decided yet.
            send_from = max(send_from, DEMO_DAY - datetime.timedelta(days=16))
            send_to = DEMO_DAY
        steps: list[Step] = []
        sent = self.moment(max(self.day_between(send_from, send_to), earliest))
        if outcome in ("awaiting_head", "returned_by_head"):
            # Still within the unit: sent to its head, who has not signed it off.
            steps.append(Step("submit", "editor", sent))
            if outcome == "returned_by_head":
                reason, _fix, _note = rng.choice(texts.HEAD_RETURN_REASONS)
                returned = min(self.after(sent, 1, 3), last_moment)
                steps.append(Step("head_return", "head", returned, fill(reason, ctx, rng)))
            return self.in_order(steps)
        arrived = self.send(steps, sent, outcome, ctx)
        if outcome == "under_review":
            return self.in_order(steps)
        decided = self.decision_after(arrived, last_moment)
        if outcome in ("accepted_after_return", "returned"):
            reason, fix, note = rng.choice(texts.RETURN_REASONS)
            steps.append(Step("return", "home_affairs", decided, fill(reason, ctx, rng)))
            if outcome == "returned":
                return self.in_order(steps)
            resent = min(self.after(decided, 3, 10), last_moment)
            steps.append(self.fix_step(resent, fix, ctx))
            arrived = self.send(steps, resent, "accepted", ctx, comment=fill(note, ctx, rng))
            decided = self.decision_after(arrived, last_moment, low=2, high=9)
        if outcome == "refused":
            reason = fill(rng.choice(texts.REFUSAL_REASONS), ctx, rng)
            steps.append(Step("refuse", "home_affairs", decided, reason))
        else:
            comment = fill(rng.choice(texts.ACCEPT_COMMENTS), ctx, rng)
            steps.append(Step("accept", "home_affairs", decided, comment))
        return self.in_order(steps)

    def send(self, steps, sent, outcome, ctx, comment="") -> datetime.datetime:
        """The unit sends the record on ``sent``; where a district reviews the unit that day,
        it endorses it (after sending it back once, for some). Returns when it reached Home
        Affairs."""
        rng = self.rng
        steps.append(Step("submit", "editor", sent, comment))
        if self.unit.needs_head_signoff:
            sent = self.sign_off(steps, sent, outcome, ctx)
        if self.unit.reviewing_unit_on(timezone.localtime(sent).date()) is None:
            return sent
        if outcome == "accepted_after_district_return":
            returned = self.after(sent, 2, 6)
            reason, fix, note = rng.choice(texts.DISTRICT_RETURN_REASONS)
            steps.append(Step("district_return", "district", returned, fill(reason, ctx, rng)))
            sent = self.after(returned, 3, 7)
            steps.append(self.fix_step(sent, fix, ctx))
            steps.append(Step("submit", "editor", sent, fill(note, ctx, rng)))
        endorsed = self.after(sent, 2, 8)
        comment = fill(rng.choice(texts.ENDORSE_COMMENTS), ctx, rng)
        steps.append(Step("endorse", "district", endorsed, comment))
        return endorsed

    def sign_off(self, steps, sent, outcome, ctx) -> datetime.datetime:
        """The unit head signs off the record the editor sent on ``sent`` (for some, after
        sending it back once); returns when it went on from the unit."""
        rng = self.rng
        if outcome == "accepted_after_head_return":
            reason, fix, note = rng.choice(texts.HEAD_RETURN_REASONS)
            returned = self.after(sent, 1, 3)
            steps.append(Step("head_return", "head", returned, fill(reason, ctx, rng)))
            sent = self.after(returned, 2, 5)
            steps.append(self.fix_step(sent, fix, ctx))
            steps.append(Step("submit", "editor", sent, fill(note, ctx, rng)))
        approved = self.after(sent, 0, 2)
        comment = fill(rng.choice(texts.HEAD_APPROVE_COMMENTS), ctx, rng)
        steps.append(Step("head_approve", "head", approved, comment))
        return approved

    def decision_after(self, arrived, last_moment, low=4, high=18) -> datetime.datetime:
        return max(min(self.after(arrived, low, high), last_moment), arrived)

    @staticmethod
    def in_order(steps: list[Step]) -> list[Step]:
        """Each step at least half an hour after the one before (dates clamped to the end of a
        window may meet)."""
        for before, step in itertools.pairwise(steps):
            if step.when <= before.when:
                step.when = before.when + datetime.timedelta(minutes=30)
        return steps

    def fix_step(self, when, fix, ctx) -> Step:
        day = timezone.localtime(when).date() - datetime.timedelta(days=self.rng.randint(1, 3))
        ctx = {**ctx, "day": f"{day:%d/%m/%Y}"}
        return Step(
            "fix",
            "editor",
            when - datetime.timedelta(minutes=40),
            fix={"addition": sentence(fill(fix, ctx, self.rng))},
        )

    def notes(self, created, steps, ctx) -> list:
        rng = self.rng
        if rng.random() < 0.35:
            return []
        start = timezone.localtime(created).date() + datetime.timedelta(days=20)
        end = (
            timezone.localtime(steps[0].when).date() - datetime.timedelta(days=2)
            if steps
            else min(datetime.date(self.year, 10, 30), DEMO_DAY)
        )
        if end <= start:
            return []
        found = []
        for _ in range(rng.randint(1, 3)):
            support, shortcomings = rng.choice(texts.NURTURING)
            found.append(
                (
                    self.moment(self.day_between(start, end)),
                    fill(support, ctx, rng),
                    fill(shortcomings, ctx, rng),
                )
            )
        return sorted(found)

    def follow_ups(self, accepted, ctx) -> list:
        rng = self.rng
        if self.year >= DEMO_DAY.year or rng.random() < 0.5:
            return []
        found = []
        when = self.after(accepted, 150, 330)
        for _ in range(2 if rng.random() < 0.3 else 1):
            if timezone.localtime(when).date() >= DEMO_DAY:
                break
            reach = weighted(rng, {"unit": 3, "sector": 3, "province": 3, "national": 1})
            values = {
                "date": timezone.localtime(when).date(),
                "effectiveness": sentence(fill(rng.choice(texts.FOLLOW_UP_EFFECT), ctx, rng)),
                "potential": fill(rng.choice(texts.FOLLOW_UP_POTENTIAL), ctx, rng),
                "reach": reach,
                "difficulties": fill(rng.choice(texts.FOLLOW_UP_DIFFICULTIES), ctx, rng),
                "support": fill(rng.choice(texts.FOLLOW_UP_SUPPORT), ctx, rng),
            }
            found.append((when, "home_affairs" if rng.random() < 0.4 else "editor", values))
            when = self.after(when, 120, 220)
        return found


# Building ----------------------------------------------------------------------------------


class Builder:
    """Builds planned records through the services, as the people of each unit."""

    def __init__(self, clock: Clock):
        from .models import Field

        self.clock = clock
        self.fields = {f.code: f for f in Field.objects.all()}
        self.criteria: dict = {}
        self.home_affairs = [User.objects.get(username=name) for name in HOME_AFFAIRS_USERNAMES]
        self.staff: dict[int, Staff] = {}
        self.created: list = []

    def criteria_of(self, version_id: int, field_id: int) -> dict:
        from .models import Criterion

        key = (version_id, field_id)
        if key not in self.criteria:
            found = {}
            for criterion in Criterion.objects.filter(version_id=version_id):
                if criterion.kind == "general":
                    found["general", criterion.number] = criterion.pk
                elif criterion.field_id == field_id:
                    found["specific", None] = criterion.pk
            self.criteria[key] = found
        return self.criteria[key]

    def actor(self, record: Record, actor: str, when: datetime.datetime) -> User:
        if actor == "home_affairs":
            return self.home_affairs[_pick(record.token, when)]
        if actor == "district":
            district = record.unit.reviewing_unit_on(timezone.localtime(when).date())
            return self.staff[district.pk].editor
        unit = record.unit
        if unit.valid_until is not None and unit.valid_until < timezone.localtime(when).date():
            from .lineage import work_successor_on

            unit = work_successor_on(unit, timezone.localtime(when).date()) or unit
        staff = self.staff[unit.pk]
        return staff.head if actor == "head" and staff.head is not None else staff.editor

    def build(self, record: Record, campaigns: dict) -> None:
        from . import services, tracking, workflow

        editor = self.actor(record, "editor", record.created)
        values = dict(record.values)
        values.update(
            field=self.fields[record.field_code],
            campaign=campaigns.get(record.campaign_code),
            contact_name=editor.full_name,
        )
        with transaction.atomic():
            self.clock.step(record.created)
            exemplar = services.exemplar_create(
                unit=record.unit,
                by=editor,
                values=values,
                evidence={},
                creation_token=uuid.uuid5(uuid.NAMESPACE_URL, record.token),
            )
            criteria = self.criteria_of(exemplar.catalogue_version_id, exemplar.field_id)
            evidence = {pk: record.evidence[key] for key, pk in criteria.items()}
            services._save_evidence(exemplar, evidence)
            pending = list(record.notes)
            for step in record.steps:
                while pending and pending[0][0] < step.when:
                    self.note(exemplar, record, pending.pop(0))
                by = self.actor(record, step.actor, step.when)
                self.clock.step(step.when)
                if step.action == "fix":
                    exemplar = services.exemplar_update(
                        exemplar=exemplar,
                        by=by,
                        values={"achievements": f"{exemplar.achievements} {step.fix['addition']}"},
                        evidence={},
                        expected_version=exemplar.version,
                    )
                    continue
                exemplar = workflow.transition(
                    exemplar=exemplar, action=step.action, by=by, comment=step.comment
                )
            for note in pending:
                self.note(exemplar, record, note)
            for when, actor, follow_up in record.follow_ups:
                self.clock.step(when)
                by = self.actor(record, actor, when)
                if not by.has_perm("registry.follow_up_exemplar", exemplar):
                    # A district's own records: Home Affairs follows them up.
                    by = self.actor(record, "home_affairs", when)
                tracking.follow_up_create(exemplar=exemplar, by=by, values=follow_up)
        self.created.append(exemplar.pk)

    def note(self, exemplar, record: Record, note) -> None:
        from . import tracking

        when, support, shortcomings = note
        by = self.actor(record, "editor", when)
        if not by.has_perm("registry.nurture_exemplar", exemplar):
            return  # a district's own new factor: no unit editor keeps notes on it
        self.clock.step(when)
        tracking.nurturing_note_create(
            exemplar=exemplar,
            by=by,
            values={
                "date": timezone.localtime(when).date(),
                "support_given": support,
                "shortcomings": shortcomings,
            },
        )


def _pick(token: str, when: datetime.datetime) -> int:
    return (sum(token.encode()) + when.day) % len(HOME_AFFAIRS_USERNAMES)


def home_affairs_staff(clock: Clock) -> None:
    """A second reviewer of the Ban Thi đua - Khen thưởng, beside the demo account."""
    unit = Unit.objects.get(code="37-SNV-TDKT")
    if User.objects.filter(username="tdkt.phoban").exists():
        return
    clock.set(at(datetime.date(2022, 12, 1)))
    user = User(
        username="tdkt.phoban",
        full_name="Nguyễn Thị Thanh Hoa",
        role=Role.HOME_AFFAIRS,
        unit=unit,
        position="Phó Trưởng Ban Thi đua - Khen thưởng",
        email="tdkt.phoban@ninhbinh.example",
        date_joined=clock.now(),
    )
    user.set_unusable_password()
    user.save()


def plan(scale: float = 1.0) -> list[Record]:
    """Every record of the province, as planned (nothing is written). ``scale`` below 1 keeps
    that share of the units (the walk-through's always): a smaller province for the tests."""
    return Planner(scale).plan()


def load(scale: float = 1.0, records: list[Record] | None = None) -> int:
    """Build the province's records that are not there yet; returns how many were made."""
    from .models import Exemplar

    records = plan(scale) if records is None else records
    tokens = {uuid.uuid5(uuid.NAMESPACE_URL, r.token): r for r in records}
    existing = set(
        Exemplar.objects.filter(creation_token__isnull=False).values_list(
            "creation_token", flat=True
        )
    )
    missing = [record for token, record in tokens.items() if token not in existing]
    if not missing:
        return 0
    with sqlite_fast_writes():
        return _build(missing)


@contextmanager
def sqlite_fast_writes():
    """On SQLite, no waiting for the disk after each record's transaction while the demo is
    built (a demo database is made again in a minute if the machine stops meanwhile)."""
    from django.db import connection

    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous")
        before = cursor.fetchone()[0]
        cursor.execute("PRAGMA synchronous = OFF")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA synchronous = {int(before)}")


def _build(missing: list[Record]) -> int:
    from django.db.models import F

    from registry.models import Campaign

    from .models import Notification

    clock = Clock()
    with clock.running():
        home_affairs_staff(clock)
        builder = Builder(clock)
        units = sorted({r.unit.pk for r in missing} | _reviewers_and_successors(missing), key=str)
        builder.staff = staff_of(
            list(Unit.objects.filter(pk__in=units).select_related("kind")), clock
        )
        campaigns = {c.code: c for c in Campaign.objects.all()}
        for record in sorted(missing, key=lambda r: r.created):
            builder.build(record, campaigns)
    # What people were told long ago, they read at the time.
    cutoff = at(DEMO_DAY - datetime.timedelta(days=UNREAD_DAYS))
    Notification.objects.filter(
        exemplar_id__in=builder.created, read_at__isnull=True, created_at__lt=cutoff
    ).update(read_at=F("created_at") + datetime.timedelta(hours=20))
    return len(builder.created)


def _reviewers_and_successors(records: list[Record]) -> set[int]:
    from .lineage import Lineage

    lineage = Lineage.load_ids()
    found = set()
    for record in records:
        if record.unit.parent_id and record.unit.parent.kind.reviews_children:
            found.add(record.unit.parent_id)
        found.update(lineage.work_successor_chain(record.unit.pk))
    return found


# Around the records --------------------------------------------------------------------------

# Awards a unit proposes, by subject kind and level of the unit: (award code, weight).
