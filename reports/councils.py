"""What a council meeting concluded, and when it may vote.

- ``working_days(start, end)``: Monday to Friday from ``start`` to ``end``, both counted.
  Public holidays are not modelled: a window spanning one is counted a day too long, which
  the office checks by hand.
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

from .models import AwardForm, Recusal, Vote

DISCLOSURE_DAYS = 10
DISCLOSURE_SOURCE = "Nghị định 98/2023/NĐ-CP, khoản 2 Điều 46"
RECUSED = "recused"


def working_days(start: datetime.date, end: datetime.date) -> int:
    if end < start:
        return 0
    weeks, rest = divmod((end - start).days + 1, 7)
    return weeks * 5 + sum((start + datetime.timedelta(days=i)).weekday() < 5 for i in range(rest))


def needs_disclosure(proposal) -> bool:
    return proposal.award.level == AwardForm.Level.STATE


def disclosure_problem(proposal, day: datetime.date) -> str:
    """Why a council may not vote on ``proposal`` on ``day``; "" when it may."""
    if not needs_disclosure(proposal):
        return ""
    disclosure = getattr(proposal, "disclosure", None)
    if disclosure is None:
        return _("The proposal has not been made public yet.")
    days = working_days(disclosure.starts_on, disclosure.ends_on)
    if days < DISCLOSURE_DAYS:
        return _(
            "The proposal was public for %(days)s working days; at least %(least)s are "
            "required (%(source)s)."
        ) % {"days": days, "least": DISCLOSURE_DAYS, "source": DISCLOSURE_SOURCE}
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
