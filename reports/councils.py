"""What a council meeting concluded, and when it may vote.

- ``working_days(start, end)``: Monday to Friday from ``start`` to ``end``, both counted,
  less the public holidays and the days off moved onto a weekday (``DayOff``), plus the
  weekend days worked in exchange; ``span(start, end)`` also names those days. One query
  per window. A year whose days are not recorded counts its weekdays only.
- A proposal for an award the President confers (orders, state honorary titles: award level
  "state") is made public for at least ``DISCLOSURE_DAYS`` working days before the council
  considers it (Decree 98/2023/NĐ-CP Art. 46(2); reported as Decree 152/2025/NĐ-CP Art.
  60(3)); ``disclosure_problem`` says why a meeting may not vote on it yet.
- ``outcome(meeting, proposal)``: a recused member neither votes nor counts for that
  proposal; the quorum is a fraction of the members in office who did not recuse, present;
  a proposal passes when its "agree" votes reach the passing fraction of those members (of
  the members, not of those present).
- ``record_votes``: the votes and recusals of one proposal at one meeting, all or none.
"""

import datetime
from dataclasses import dataclass
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import AwardForm, DayOff, Recusal, Vote

DISCLOSURE_DAYS = 10
DISCLOSURE_SOURCE = "Nghị định 98/2023/NĐ-CP, khoản 2 Điều 46"
RECUSED = "recused"


def weekdays(start: datetime.date, end: datetime.date) -> int:
    """Monday to Friday from ``start`` to ``end``, both counted."""
    if end < start:
        return 0
    weeks, rest = divmod((end - start).days + 1, 7)
    return weeks * 5 + sum((start + datetime.timedelta(days=i)).weekday() < 5 for i in range(rest))


def _dates(days) -> str:
    return ", ".join(day.short_date for day in days)


@dataclass
class Span:
    """The working days of a window, and the recorded days that changed the count."""

    weekdays: int
    holidays: list  # DayOff: public holidays on a weekday
    moved_off: list  # DayOff: days off moved onto a weekday
    worked: list  # DayOff: weekend days worked in exchange

    @property
    def days(self) -> int:
        return self.weekdays - len(self.holidays) - len(self.moved_off) + len(self.worked)

    @property
    def detail(self) -> str:
        """What the calendar changed, as "less 2 public holidays: 30/4, 1/5"; "" if nothing."""
        parts = []
        if self.holidays:
            parts.append(
                ngettext(
                    "less %(count)s public holiday: %(days)s",
                    "less %(count)s public holidays: %(days)s",
                    len(self.holidays),
                )
                % {"count": len(self.holidays), "days": _dates(self.holidays)}
            )
        if self.moved_off:
            parts.append(
                ngettext(
                    "less %(count)s day off moved: %(days)s",
                    "less %(count)s days off moved: %(days)s",
                    len(self.moved_off),
                )
                % {"count": len(self.moved_off), "days": _dates(self.moved_off)}
            )
        if self.worked:
            parts.append(
                ngettext(
                    "plus %(count)s weekend day worked: %(days)s",
                    "plus %(count)s weekend days worked: %(days)s",
                    len(self.worked),
                )
                % {"count": len(self.worked), "days": _dates(self.worked)}
            )
        return "; ".join(parts)

    def __str__(self):
        text = ngettext("%(count)s working day", "%(count)s working days", self.days) % {
            "count": self.days
        }
        return f"{text} ({self.detail})" if self.detail else text


def span(start: datetime.date, end: datetime.date) -> Span:
    """The working days from ``start`` to ``end``, both counted, with the days the
    calendar of holidays took away or added (one query)."""
    if end < start:
        return Span(0, [], [], [])
    rows = list(DayOff.objects.between(start, end))
    K = DayOff.Kind
    return Span(
        weekdays=weekdays(start, end),
        holidays=[d for d in rows if d.kind == K.HOLIDAY and not d.on_weekend],
        moved_off=[d for d in rows if d.kind == K.MOVED_OFF and not d.on_weekend],
        worked=[d for d in rows if d.kind == K.MOVED_WORK and d.on_weekend],
    )


def working_days(start: datetime.date, end: datetime.date) -> int:
    return span(start, end).days


def disclosure_span(proposal) -> Span | None:
    disclosure = getattr(proposal, "disclosure", None)
    return disclosure and span(disclosure.starts_on, disclosure.ends_on)


def needs_disclosure(proposal) -> bool:
    return proposal.award.level == AwardForm.Level.STATE


def disclosure_problem(proposal, day: datetime.date) -> str:
    """Why a council may not vote on ``proposal`` on ``day``; "" when it may."""
    if not needs_disclosure(proposal):
        return ""
    disclosure = getattr(proposal, "disclosure", None)
    if disclosure is None:
        return _("The proposal has not been made public yet.")
    window = span(disclosure.starts_on, disclosure.ends_on)
    if window.days < DISCLOSURE_DAYS:
        return _(
            "The proposal was public for %(span)s; at least %(least)s working days are "
            "required (%(source)s)."
        ) % {"span": window, "least": DISCLOSURE_DAYS, "source": DISCLOSURE_SOURCE}
    if disclosure.ends_on >= day:
        return _("The public disclosure runs until %(day)s: the council votes after it.") % {
            "day": f"{disclosure.ends_on:%d/%m/%Y}"
        }
    return ""


@dataclass
class Outcome:
    members: int  # in office, not recused
    present: int  # of those
    recused: int
    agree: int
    disagree: int
    abstain: int
    quorum: Fraction
    needed: Fraction  # "agree" votes the passing rule asks for
    more_than: bool

    @property
    def has_quorum(self) -> bool:
        return self.members > 0 and self.present >= self.quorum * self.members

    @property
    def passed(self) -> bool:
        if not self.has_quorum:
            return False
        threshold = self.needed * self.members
        return self.agree > threshold if self.more_than else self.agree >= threshold

    @property
    def voted(self) -> bool:
        return bool(self.agree + self.disagree + self.abstain)

    @property
    def result(self) -> str:
        if not self.voted:
            return _("Not voted")
        if not self.has_quorum:
            return _("No quorum")
        return _("Passed") if self.passed else _("Not passed")


def outcome(meeting, proposal) -> Outcome:
    council = meeting.council
    recused = {r.member_id for r in meeting.recusals.all() if r.proposal_id == proposal.pk}
    members = {m.pk for m in council.members_on(meeting.date)} - recused
    present = {m.pk for m in meeting.present.all()} & members
    choices = [v.choice for v in meeting.votes.all() if v.proposal_id == proposal.pk]
    return Outcome(
        members=len(members),
        present=len(present),
        recused=len(recused),
        agree=choices.count(Vote.Choice.AGREE),
        disagree=choices.count(Vote.Choice.DISAGREE),
        abstain=choices.count(Vote.Choice.ABSTAIN),
        quorum=Fraction(council.quorum_numerator, council.quorum_denominator),
        needed=Fraction(council.pass_numerator, council.pass_denominator),
        more_than=council.pass_more_than,
    )


def record_votes(meeting, proposal, ballots: dict) -> None:
    """``ballots``: member → (a ``Vote.Choice`` or ``RECUSED`` or "", a recusal's reason).
    Only members present vote; a recusal needs a reason; the disclosure must have run."""
    problem = disclosure_problem(proposal, meeting.date)
    if problem:
        raise ValidationError(problem)
    present = {m.pk for m in meeting.present.all()}
    with transaction.atomic():
        meeting.votes.filter(proposal=proposal).delete()
        meeting.recusals.filter(proposal=proposal).delete()
        for member, (choice, reason) in ballots.items():
            if not choice:
                continue
            if member.pk not in present:
                raise ValidationError(
                    _("%(name)s is not recorded as present.") % {"name": member.full_name}
                )
            if choice == RECUSED:
                if not reason.strip():
                    raise ValidationError(
                        _("Give the reason why %(name)s recused.") % {"name": member.full_name}
                    )
                Recusal.objects.create(
                    meeting=meeting, proposal=proposal, member=member, reason=reason.strip()
                )
            else:
                Vote.objects.create(
                    meeting=meeting, proposal=proposal, member=member, choice=choice
                )
