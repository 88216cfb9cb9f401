"""The conditions of an award judged against the subject's history: for each group and each
condition, met, not met or needs review ("cần xem xét"), with the records behind the verdict
and an explanation; and the refusal of a double award.

``evaluate(proposal)`` (or ``evaluate(exemplar=…, award=…, year=…)``) reads, once, the award
forms' lineage (a form of the Law of 2003 carried on by one of the Law of 2022,
``AwardForm.continues_as``) and the subject's history (``SubjectHistory.of``: its proposals,
the awards it holds from before the portal, its task ratings and initiatives, over all its
yearly rows); the judging itself is plain functions over plain data (``judge``).

What counts, and why:

- Titles and awards held: the subject's conferred proposals and the awards recorded as held
  (``PriorAward``), a form and the forms it continues counted as one.
- "N lần liên tục" (a title in N consecutive years) for a proposal of achievement year Y
  covers the years Y-N+1 … Y: the proposal's own year counts. The titles of a year are
  decided at that year's review, the grassroots ones first, so a unit proposes the province's
  certificate of merit for Y with the grassroots fighter titles of Y-1 and Y. This follows Bộ
  Nội vụ's guidance on "the year next to" a title (Thông tư 07/2014/TT-BNV Art. 4(3), as the
  Ministry answered it: a person made provincial emulation fighter for the second time in
  2014 is proposed for the national title with the achievements of 2014) and the province
  practice the plan describes; Law 06/2022/QH15 Art. 74(1)(d) itself only says "02 lần liên
  tục".
- A year of the window is fine where the title is held; it disproves the condition where the
  subject held a lower title of the same line that year instead (one the title's own
  conditions lead to: Lao động tiên tiến below Chiến sĩ thi đua cơ sở) or a proposal of the
  title for that year was not agreed; a year with nothing recorded, or with the title only
  proposed, needs review. Missing evidence is never "not met".
- A title that is itself earned over several years (Chiến sĩ thi đua cấp tỉnh: three
  grassroots titles in a row) held "N lần liên tục" is looked for N times in the N × its years
  before and including Y; fewer is left to a person (the law counts such titles, not years).
- A task completion rating R in N years: each of the N years up to Y rated R or better
  (excellent > good > completed > not completed); a lower rating disproves it, a missing year
  needs review.
- Initiatives: recognised at the level asked or higher, in the years the condition names, or
  else in the years of the award's own consecutive conditions (two for Art. 74(1)(d):
  "trong thời gian đó"), or else the proposal's year and the year before. Where the
  condition says "not used before" (Công văn 5007/BNV-TĐKT, III.5.c: an initiative counts for
  one title or award only), an initiative already counted for another award does not count;
  too few left because of that is "not met", naming the award; too few recorded needs review.
- Holding an award: held for the year or before.
- A condition judged by a person: always needs review, with the law's wording.

A group is met where any of its conditions is, not met where all are not, else needs review;
the award is not met where any group is not, else needs review where any does, else met. An
award whose conditions are not kept as data needs review.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import (
    AwardCondition,
    AwardForm,
    AwardProposal,
    Initiative,
    PriorAward,
    TaskRating,
    Verdict,
    subject_rows,
)

MET, NOT_MET, REVIEW = Verdict.MET.value, Verdict.NOT_MET.value, Verdict.REVIEW.value
Kind = AwardCondition.Kind
Status = AwardProposal.Status
# Proposals of a title not yet decided either way.
PENDING = {Status.PROPOSED, Status.NEEDS_MORE, Status.AGREED, Status.HELD}
# Where neither the condition nor the award names the years of an initiative.
DEFAULT_INITIATIVE_YEARS = 2


# The records --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    """A record behind a verdict, as the page links it."""

    kind: str  # "proposal", "prior_award", "task_rating", "initiative"
    pk: int
    year: int
    label: str
    url: str = ""


@dataclass(frozen=True)
class Held:
    """An award or title of the subject: a proposal (any state) or one held from before."""

    kind: str  # "proposal" or "prior_award"
    pk: int
    award: int
    year: int
    status: str  # a proposal's status; "conferred" for an award held from before
    label: str
    url: str = ""

    @property
    def conferred(self) -> bool:
        return self.status == Status.CONFERRED

    def evidence(self) -> Evidence:
        return Evidence(self.kind, self.pk, self.year, self.label, self.url)


@dataclass(frozen=True)
class Rated:
    pk: int
    year: int
    rating: str
    label: str
    url: str = ""

    def evidence(self) -> Evidence:
        return Evidence("task_rating", self.pk, self.year, self.label, self.url)


@dataclass(frozen=True)
class Recognised:
    """An initiative; ``used_for``: the award it was counted for ("" if none), and the
    proposal (``used_by``) where it was a proposal of the portal."""

    pk: int
    year: int
    level: str
    title: str
    label: str
    url: str = ""
    used_for: str = ""
    used_by: int | None = None

    def evidence(self) -> Evidence:
        return Evidence("initiative", self.pk, self.year, self.label, self.url)


@dataclass
class SubjectHistory:
    """What the conditions are judged against: the subject's awards, ratings, initiatives."""

    awards: list[Held] = field(default_factory=list)
    ratings: list[Rated] = field(default_factory=list)
    initiatives: list[Recognised] = field(default_factory=list)

    @classmethod
    def of(cls, exemplar, *, leaving_out=None) -> SubjectHistory:
        """The history of ``exemplar``'s subject (all its yearly rows), without the proposal
        ``leaving_out`` (the one being judged)."""
        rows = subject_rows(exemplar).values("pk")
        proposals = (
            AwardProposal.objects.filter(exemplar__in=rows)
            .exclude(pk=getattr(leaving_out, "pk", None))
            .select_related("award")
            .order_by("year", "pk")
        )
        prior = PriorAward.objects.filter(exemplar__in=rows).select_related("award", "exemplar")
        ratings = TaskRating.objects.filter(exemplar__in=rows).select_related("exemplar")
        initiatives = Initiative.objects.filter(exemplar__in=rows).select_related(
            "exemplar", "used_for__award", "used_for_prior__award"
        )
        return cls(
            awards=[_proposal_held(p) for p in proposals]
            + [_prior_held(p) for p in prior.order_by("year", "pk")],
            ratings=[
                Rated(r.pk, r.year, r.rating, _rating_label(r), r.get_absolute_url())
                for r in ratings.order_by("year", "pk")
            ],
            initiatives=[_recognised(i) for i in initiatives.order_by("year", "pk")],
        )


def _proposal_held(proposal) -> Held:
    label = _("%(award)s (%(year)s): %(status)s") % {
        "award": proposal.award.name,
        "year": proposal.year,
        "status": proposal.get_status_display(),
    }
    if proposal.decision_number:
        label += " · " + _("decision %(number)s") % {"number": proposal.decision_number}
    return Held(
        "proposal",
        proposal.pk,
        proposal.award_id,
        proposal.year,
        proposal.status,
        label,
        proposal.get_absolute_url(),
    )


def _prior_held(prior) -> Held:
    label = _("%(award)s (%(year)s), held") % {"award": prior.award.name, "year": prior.year}
    if prior.proof:
        label += " · " + prior.proof
    return Held(
        "prior_award",
        prior.pk,
        prior.award_id,
        prior.year,
        Status.CONFERRED,
        label,
        prior.get_absolute_url(),
    )


def _rating_label(rating) -> str:
    label = f"{rating.get_rating_display()} ({rating.year})"
    return f"{label} · {rating.proof}" if rating.proof else label


def _recognised(initiative) -> Recognised:
    used = initiative.used_for_award
    used_for = ""
    if used is not None:
        used_for = f"{used.award.name} ({used.year})"
    label = f"“{initiative.title}” ({initiative.year}, {initiative.get_level_display()})"
    if initiative.proof:
        label += " · " + initiative.proof
    if used_for:
        label += " · " + _("counted for %(award)s") % {"award": used_for}
    return Recognised(
        initiative.pk,
        initiative.year,
        initiative.level,
        initiative.title,
        label,
        initiative.get_absolute_url(),
        used_for,
        initiative.used_for_id,
    )


# The law: which forms count as one, which titles lie below which --------------------------


@dataclass
class Law:
    """The award forms' lineage and lines: ``roots`` maps a form to the form of the law in
    force that carries it on (itself, for most); ``below`` maps a title to the titles its own
    conditions lead down to; ``years_of`` how many consecutive years a title takes to earn;
    ``names`` the forms' names."""

    roots: dict[int, int] = field(default_factory=dict)
    below: dict[int, set[int]] = field(default_factory=dict)
    years_of: dict[int, int] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)

    @classmethod
    def load(cls) -> Law:
        links = dict(AwardForm.objects.values_list("pk", "continues_as_id"))
        law = cls(roots={pk: _root(pk, links) for pk in links})
        law.names = dict(AwardForm.objects.values_list("pk", "name"))
        steps = AwardCondition.objects.filter(
            kind=Kind.CONSECUTIVE_TITLE, title__isnull=False
        ).values_list("award_id", "title_id", "count")
        direct: dict[int, set[int]] = defaultdict(set)
        for award, title, count in steps:
            award, title = law.root(award), law.root(title)
            direct[award].add(title)
            law.years_of[award] = max(law.years_of.get(award, 1), count or 1)
        for award in direct:
            law.below[award] = _reachable(award, direct)
        return law

    def root(self, pk: int) -> int:
        return self.roots.get(pk, pk)

    def same(self, pk: int) -> set[int]:
        """The forms counted as ``pk``: those with the same root."""
        root = self.root(pk)
        return {other for other, its_root in self.roots.items() if its_root == root} | {pk}

    def name(self, pk: int) -> str:
        return self.names.get(self.root(pk)) or self.names.get(pk, "")


def _root(pk: int, links: dict[int, int | None]) -> int:
    seen = {pk}
    while links.get(pk) and links[pk] not in seen:
        pk = links[pk]
        seen.add(pk)
    return pk


def _reachable(start: int, direct: dict[int, set[int]]) -> set[int]:
    found, todo = set(), list(direct.get(start, ()))
    while todo:
        title = todo.pop()
        if title not in found and title != start:
            found.add(title)
            todo.extend(direct.get(title, ()))
    return found


# Results ------------------------------------------------------------------------------------


@dataclass
class ConditionResult:
    kind: str
    kind_label: str
    text: str
    source: str
    verdict: str
    explanation: str
    evidence: list[Evidence] = field(default_factory=list)
    # The initiatives counted to meet it (ids), where it is an initiatives condition.
    counted: list[int] = field(default_factory=list)
    not_used_before: bool = False
    pk: int | None = None

    @property
    def verdict_label(self) -> str:
        return str(Verdict(self.verdict).label)


@dataclass
class GroupResult:
    number: int
    verdict: str
    conditions: list[ConditionResult]

    @property
    def verdict_label(self) -> str:
        return str(Verdict(self.verdict).label)


@dataclass
class Evaluation:
    award: str
    award_code: str
    year: int
    subject: str
    verdict: str
    groups: list[GroupResult]
    explanation: str = ""

    @property
    def verdict_label(self) -> str:
        return str(Verdict(self.verdict).label)

    @property
    def is_met(self) -> bool:
        return self.verdict == MET

    @property
    def is_not_met(self) -> bool:
        return self.verdict == NOT_MET

    @property
    def needs_review(self) -> bool:
        return self.verdict == REVIEW

    def failing(self) -> list[ConditionResult]:
        """The conditions of the groups not met."""
        return [c for g in self.groups if g.verdict == NOT_MET for c in g.conditions]

    def initiatives_to_mark(self) -> list[int]:
        """The initiatives this award uses up once conferred: in each group met only through
        an initiatives condition that wants them unused, those it counted."""
        marked: list[int] = []
        for group in self.groups:
            met = [c for c in group.conditions if c.verdict == MET]
            if not met or any(c.kind != Kind.INITIATIVES for c in met):
                continue
            chosen = next((c for c in met if c.not_used_before), None)
            if chosen is not None:
                marked += [pk for pk in chosen.counted if pk not in marked]
        return marked

    def as_data(self) -> dict:
        """The evaluation as plain data, to keep unchanged (``ConditionCheck.data``)."""
        return {"version": 1, **asdict(self)}

    @classmethod
    def from_data(cls, data: dict) -> Evaluation:
        groups = [
            GroupResult(
                g["number"],
                g["verdict"],
                [
                    ConditionResult(
                        **{
                            **c,
                            "evidence": [Evidence(**e) for e in c.get("evidence", [])],
                        }
                    )
                    for c in g["conditions"]
                ],
            )
            for g in data.get("groups", [])
        ]
        fields = {k: data[k] for k in ("award", "award_code", "year", "subject", "verdict")}
        return cls(groups=groups, explanation=data.get("explanation", ""), **fields)


def combine(verdicts: list[str], *, any_suffices: bool) -> str:
    """A group's verdict from its alternatives (``any_suffices``) or an award's from its
    groups: one met (a group) or all met (an award) is met; all not met (a group) or one not
    met (an award) is not met; anything else needs review."""
    if any_suffices:
        if MET in verdicts:
            return MET
        return NOT_MET if verdicts and all(v == NOT_MET for v in verdicts) else REVIEW
    if NOT_MET in verdicts:
        return NOT_MET
    return REVIEW if REVIEW in verdicts or not verdicts else MET


# Judging ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """A condition as plain data (``AwardCondition``'s fields)."""

    group: int
    kind: str
    text: str
    source: str = ""
    title: int | None = None
    count: int | None = None
    years: int | None = None
    initiative_level: str = ""
    rating: str = ""
    not_used_before: bool = False
    pk: int | None = None

    @classmethod
    def of(cls, condition: AwardCondition) -> Rule:
        return cls(
            group=condition.group,
            kind=condition.kind,
            text=condition.text,
            source=condition.source,
            title=condition.title_id,
            count=condition.count,
            years=condition.years,
            initiative_level=condition.initiative_level,
            rating=condition.rating,
            not_used_before=condition.not_used_before,
            pk=condition.pk,
        )


def judge(
    rules: list[Rule],
    history: SubjectHistory,
    law: Law,
    *,
    year: int,
    proposal: int | None = None,
) -> list[GroupResult]:
    """Each group of ``rules`` judged for achievement ``year`` (``proposal``: the proposal
    judged, whose own initiatives count as free)."""
    window = _initiative_years(rules)
    groups: dict[int, list[ConditionResult]] = defaultdict(list)
    for rule in rules:
        groups[rule.group].append(
            judge_one(rule, history, law, year=year, proposal=proposal, initiative_years=window)
        )
    return [
        GroupResult(number, combine([c.verdict for c in results], any_suffices=True), results)
        for number, results in sorted(groups.items())
    ]


def _initiative_years(rules: list[Rule]) -> int:
    """The years an initiatives condition looks back without its own: the longest window of
    the award's consecutive titles or ratings, else the proposal's year and the one before."""
    spans = [
        rule.years or rule.count or 1
        for rule in rules
        if rule.kind in (Kind.CONSECUTIVE_TITLE, Kind.TASK_RATING)
    ]
    return max(spans, default=DEFAULT_INITIATIVE_YEARS)


def judge_one(
    rule: Rule,
    history: SubjectHistory,
    law: Law,
    *,
    year: int,
    proposal: int | None = None,
    initiative_years: int = DEFAULT_INITIATIVE_YEARS,
) -> ConditionResult:
    result = ConditionResult(
        kind=rule.kind,
        kind_label=str(Kind(rule.kind).label) if rule.kind in Kind.values else rule.kind,
        text=rule.text,
        source=rule.source,
        verdict=REVIEW,
        explanation="",
        not_used_before=rule.not_used_before,
        pk=rule.pk,
    )
    if rule.kind == Kind.CONSECUTIVE_TITLE and rule.title:
        _consecutive_title(result, rule, history, law, year)
    elif rule.kind == Kind.TASK_RATING and rule.rating:
        _task_rating(result, rule, history, year)
    elif rule.kind == Kind.INITIATIVES:
        _initiatives(result, rule, history, year, proposal, initiative_years)
    elif rule.kind == Kind.HOLDS_AWARD and rule.title:
        _holds_award(result, rule, history, law, year)
    else:
        result.explanation = _("A person judges this condition against the law's wording.")
    return result


def _years(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


def _window(rule: Rule, year: int) -> list[int]:
    span = rule.years or rule.count or 1
    return list(range(year - span + 1, year + 1))


def _consecutive_title(result, rule, history, law, year):
    title = law.root(rule.title)
    name = law.name(title)
    count = rule.count or 1
    mine = [a for a in history.awards if law.root(a.award) == title]
    if law.years_of.get(title, 1) > 1:
        _title_of_years(result, rule, mine, law, year, name)
        return
    lower = law.below.get(title, set())
    held, refused, proposed, missing = [], [], [], []
    for y in _window(rule, year):
        conferred = [a for a in mine if a.year == y and a.conferred]
        if conferred:
            held.append(y)
            result.evidence += [a.evidence() for a in conferred]
            continue
        instead = [
            a for a in history.awards if a.year == y and a.conferred and law.root(a.award) in lower
        ]
        not_agreed = [a for a in mine if a.year == y and a.status == Status.NOT_AGREED]
        if instead or not_agreed:
            refused.append((y, instead, not_agreed))
            result.evidence += [a.evidence() for a in (*instead, *not_agreed)]
            continue
        waiting = [a for a in mine if a.year == y and a.status in PENDING]
        if waiting:
            proposed.append(y)
            result.evidence += [a.evidence() for a in waiting]
        else:
            missing.append(y)
    span = len(_window(rule, year))
    if len(held) >= count:
        result.verdict = MET
        result.explanation = _("“%(title)s” held in %(years)s.") % {
            "title": name,
            "years": ", ".join(str(y) for y in held),
        }
    elif span - len(refused) < count:
        reasons = []
        for y, instead, _not_agreed in refused:
            if instead:
                reasons.append(
                    _("in %(year)s the subject held “%(other)s” instead")
                    % {"year": y, "other": law.name(instead[0].award)}
                )
            else:
                reasons.append(_("in %(year)s the proposal for it was not agreed") % {"year": y})
        result.verdict = NOT_MET
        result.explanation = _("“%(title)s” is not held in each of %(years)s: %(reasons)s.") % {
            "title": name,
            "years": _years(year - span + 1, year),
            "reasons": "; ".join(reasons),
        }
    else:
        parts = []
        if held:
            parts.append(_("held in %(years)s") % {"years": ", ".join(str(y) for y in held)})
        if proposed:
            parts.append(
                _("proposed, not yet conferred, in %(years)s")
                % {"years": ", ".join(str(y) for y in proposed)}
            )
        if missing:
            parts.append(
                _("nothing recorded for %(years)s") % {"years": ", ".join(str(y) for y in missing)}
            )
        result.explanation = _(
            "“%(title)s” in %(years)s: %(found)s. Check the decisions and record them in the "
            "subject's history."
        ) % {"title": name, "years": _years(year - span + 1, year), "found": "; ".join(parts)}


def _title_of_years(result, rule, mine, law, year, name):
    """A title earned over several years, held ``count`` times in a row: looked for in the
    ``count`` × its years up to ``year``; fewer is for a person to judge."""
    count = rule.count or 1
    first = year - count * law.years_of[law.root(rule.title)] + 1
    held = sorted({a.year for a in mine if a.conferred and first <= a.year <= year})
    result.evidence += [a.evidence() for a in mine if a.conferred and first <= a.year <= year]
    if len(held) >= count:
        result.verdict = MET
        result.explanation = _("“%(title)s” held in %(years)s.") % {
            "title": name,
            "years": ", ".join(str(y) for y in held),
        }
        return
    result.explanation = ngettext(
        "“%(title)s” is recorded %(held)s time in %(years)s; %(count)s times in a row are "
        "needed. A person checks the decisions.",
        "“%(title)s” is recorded %(held)s times in %(years)s; %(count)s times in a row are "
        "needed. A person checks the decisions.",
        len(held),
    ) % {"title": name, "held": len(held), "years": _years(first, year), "count": count}


def _task_rating(result, rule, history, year):
    needed = TaskRating.rank(rule.rating)
    wanted = str(TaskRating.Rating(rule.rating).label)
    count = rule.count or 1
    window = _window(rule, year)
    by_year = {}
    for rated in history.ratings:
        by_year[rated.year] = rated  # the latest recorded of a year
    good, low, missing = [], [], []
    for y in window:
        rated = by_year.get(y)
        if rated is None:
            missing.append(y)
            continue
        result.evidence.append(rated.evidence())
        (good if TaskRating.rank(rated.rating) >= needed else low).append(rated)
    if len(good) >= count:
        result.verdict = MET
        result.explanation = _("Rated “%(rating)s” or better in %(years)s.") % {
            "rating": wanted,
            "years": ", ".join(str(r.year) for r in good),
        }
    elif len(window) - len(low) < count:
        result.verdict = NOT_MET
        result.explanation = _("Rated below “%(rating)s” in %(years)s: %(ratings)s.") % {
            "rating": wanted,
            "years": ", ".join(str(r.year) for r in low),
            "ratings": "; ".join(f"{TaskRating.Rating(r.rating).label} ({r.year})" for r in low),
        }
    else:
        result.explanation = _(
            "“%(rating)s” or better is needed in %(years)s; no rating is recorded for %(missing)s."
        ) % {
            "rating": wanted,
            "years": _years(window[0], window[-1]),
            "missing": ", ".join(str(y) for y in missing),
        }


def _initiatives(result, rule, history, year, proposal, default_years):
    count = rule.count or 1
    span = rule.years or default_years
    first = year - span + 1
    lowest = Initiative.rank(rule.initiative_level) if rule.initiative_level else 0
    level = (
        str(Initiative.Level(rule.initiative_level).label).lower() if rule.initiative_level else ""
    )
    found = [
        i
        for i in history.initiatives
        if first <= i.year <= year and Initiative.rank(i.level) >= lowest
    ]
    if rule.not_used_before:
        free = [i for i in found if not i.used_for or (proposal and i.used_by == proposal)]
        used = [i for i in found if i not in free]
    else:
        free, used = found, []
    result.evidence += [i.evidence() for i in found]
    words = {"count": count, "years": _years(first, year), "level": level}
    if len(free) >= count:
        # The lowest level that suffices first, then the oldest: the others stay for later.
        chosen = sorted(free, key=lambda i: (Initiative.rank(i.level), i.year, i.pk))[:count]
        result.counted = [i.pk for i in chosen]
        result.verdict = MET
        result.explanation = ngettext(
            "%(count)s initiative recognised in %(years)s counts: %(titles)s.",
            "%(count)s initiatives recognised in %(years)s count: %(titles)s.",
            count,
        ) % {**words, "titles": ", ".join(f"“{i.title}”" for i in chosen)}
    elif used:
        result.verdict = NOT_MET
        result.explanation = _(
            "%(free)s of the %(count)s initiatives needed (%(years)s) are not yet counted for "
            "another award: %(used)s."
        ) % {
            **words,
            "free": len(free),
            "used": "; ".join(
                _("“%(title)s” was counted for %(award)s") % {"title": i.title, "award": i.used_for}
                for i in used
            ),
        }
    elif found:
        result.explanation = _(
            "%(found)s of the %(count)s initiatives needed are recorded for %(years)s. Record "
            "the others in the subject's history, or a person judges."
        ) % {**words, "found": len(found)}
    else:
        result.explanation = (
            _("No initiative recognised at %(level)s level or higher is recorded for %(years)s.")
            % words
            if level
            else _("No initiative is recorded for %(years)s.") % words
        )


def _holds_award(result, rule, history, law, year):
    title = law.root(rule.title)
    held = [
        a for a in history.awards if law.root(a.award) == title and a.conferred and a.year <= year
    ]
    result.evidence += [a.evidence() for a in held]
    if held:
        result.verdict = MET
        result.explanation = _("“%(award)s” held (%(years)s).") % {
            "award": law.name(title),
            "years": ", ".join(str(a.year) for a in held),
        }
    else:
        result.explanation = _(
            "No record that the subject holds “%(award)s”: check it and record it in the "
            "subject's history."
        ) % {"award": law.name(title)}


# Entry points -------------------------------------------------------------------------------


def evaluate(proposal=None, *, exemplar=None, award=None, year=None, law=None) -> Evaluation:
    """The conditions of ``proposal``'s award (or of ``award`` for ``exemplar`` in achievement
    ``year``) judged against the subject's history."""
    if proposal is not None:
        exemplar, award, year = proposal.exemplar, proposal.award, proposal.year
    law = law or Law.load()
    conditions = AwardCondition.objects.filter(award=award).select_related("legal_document")
    rules = [Rule.of(c) for c in conditions.order_by("group", "order", "pk")]
    history = SubjectHistory.of(exemplar, leaving_out=proposal)
    groups = judge(rules, history, law, year=year, proposal=getattr(proposal, "pk", None))
    explanation = ""
    if groups:
        verdict = combine([g.verdict for g in groups], any_suffices=False)
    else:
        verdict = REVIEW
        explanation = _(
            "The conditions of this award are not kept as data: a person judges them against "
            "the law."
        )
    return Evaluation(
        award=award.name,
        award_code=award.code,
        year=year,
        subject=str(exemplar),
        verdict=verdict,
        groups=groups,
        explanation=explanation,
    )


def double_award(*, exemplar, award, year, leaving_out=None, law=None) -> str:
    """Why ``exemplar``'s subject may not be proposed for ``award`` for ``year`` (another of
    its proposals for that award, or a form counted as it, that year; or the award already
    held for that year), or "" where it may."""
    law = law or Law.load()
    same = law.same(award.pk)
    rows = subject_rows(exemplar).values("pk")
    other = (
        AwardProposal.objects.filter(exemplar__in=rows, award__in=same, year=year)
        .exclude(pk=getattr(leaving_out, "pk", None))
        .select_related("award")
        .first()
    )
    if other is not None:
        return _("%(exemplar)s is already proposed for “%(award)s” for %(year)s.") % {
            "exemplar": exemplar,
            "award": other.award,
            "year": year,
        }
    held = (
        PriorAward.objects.filter(exemplar__in=rows, award__in=same, year=year)
        .select_related("award")
        .first()
    )
    if held is not None:
        return _(
            "%(exemplar)s already holds “%(award)s” for %(year)s (%(proof)s): an award is "
            "conferred once for the same achievements."
        ) % {"exemplar": exemplar, "award": held.award, "year": year, "proof": held.proof or "—"}
    return ""


def proposal_page(user, proposal) -> dict:
    """What a proposal's page shows of its conditions: judged now, as judged at each step,
    and whether the user may allow it despite them or keep the subject's history."""
    from .awards import PROPOSAL_MOVES
    from .models import ConditionCheck

    checks = ConditionCheck.objects.filter(proposal=proposal).select_related("checked_by")
    return {
        "conditions_now": evaluate(proposal),
        "condition_checks": [(check, Evaluation.from_data(check.data)) for check in checks[:10]],
        "can_override": PROPOSAL_MOVES.allows(proposal, "override", user),
        "may_keep_history": user.has_perm("reports.keep_subject_history", proposal.exemplar),
    }
