"""Judging contests: the ranking rule, and the writes of judging (scores, recusals, prizes,
publication of the results).

The ranking rule, the same as the one shown on the round and contest pages:

- In a round, each judge of the round who did not recuse from an entry and scored every
  criterion of the contest for it gives that entry a *total*: the sum of their scores.
- The entry's *score* is the mean of those totals, computed in ``Decimal`` and rounded to
  two decimals, half up.
- A recused judge's scores never count, and a judge cannot score an entry after recusing.
  Recusing after scoring is done on purpose only: the judge confirms that their scores of
  that entry are discarded; they are then deleted (each deletion stays in the score's
  history) and the judge is told how many were.
- Entries without any complete total are "not yet scored" and come after the ranked ones.
- Equal scores share a rank, and the next rank skips: 1, 1, 3.

A contest's results are the ranking of its last round (the highest number). Publishing them
freezes the contest: no score, recusal, round, criterion or prize changes after that.
"""

from collections.abc import Collection, Hashable, Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from functools import partial

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

TWO_PLACES = Decimal("0.01")


# The rule itself: plain values in, standings out.
@dataclass(frozen=True)
class Sheet:
    """One judge's marks for one entry."""

    judge: Hashable
    recused: bool = False
    scored: int = 0  # how many criteria the judge scored
    total: Decimal | None = None  # only when every criterion is scored and nobody recused

    @property
    def complete(self) -> bool:
        return self.total is not None


@dataclass(frozen=True)
class Standing:
    """Where an entry stands in a round: its rank and score, and each judge's sheet."""

    entry: Hashable
    rank: int | None
    score: Decimal | None
    sheets: tuple[Sheet, ...]

    @property
    def counted(self) -> int:
        """How many judges' totals make the score."""
        return sum(1 for sheet in self.sheets if sheet.complete)


def mean_of_totals(totals: Sequence[Decimal]) -> Decimal:
    """The mean, rounded to two decimals, half up (84.665 → 84.67)."""
    return (sum(totals, Decimal(0)) / len(totals)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def rank_entries(
    *,
    entries: Sequence[Hashable],
    judges: Sequence[Hashable],
    criteria: Collection[Hashable],
    scores: Iterable[tuple[Hashable, Hashable, Hashable, Decimal]],
    recusals: Iterable[tuple[Hashable, Hashable]],
) -> list[Standing]:
    """Rank ``entries`` of a round by the rule of this module.

    ``scores`` are (entry, judge, criterion, value); ``recusals`` are (entry, judge). Scores
    of anyone not among ``judges``, or on a criterion not among ``criteria``, do not count.
    Entries of equal score keep the order of ``entries``; so do those not yet scored.
    """
    judge_set, criterion_set = set(judges), set(criteria)
    recused = set(recusals)
    marks: dict[tuple, dict] = {}
    for entry, judge, criterion, value in scores:
        if judge in judge_set and criterion in criterion_set:
            marks.setdefault((entry, judge), {})[criterion] = Decimal(value)

    standings = []
    for entry in entries:
        sheets = []
        for judge in judges:
            if (entry, judge) in recused:
                sheets.append(Sheet(judge=judge, recused=True))
                continue
            given = marks.get((entry, judge), {})
            complete = bool(criterion_set) and len(given) == len(criterion_set)
            total = sum(given.values(), Decimal(0)) if complete else None
            sheets.append(Sheet(judge=judge, scored=len(given), total=total))
        totals = [sheet.total for sheet in sheets if sheet.complete]
        score = mean_of_totals(totals) if totals else None
        standings.append(Standing(entry=entry, rank=None, score=score, sheets=tuple(sheets)))

    scored = sorted((s for s in standings if s.score is not None), key=lambda s: -s.score)
    ranked: list[Standing] = []
    for position, standing in enumerate(scored, start=1):
        tied = ranked and ranked[-1].score == standing.score
        ranked.append(replace(standing, rank=ranked[-1].rank if tied else position))
    return ranked + [s for s in standings if s.score is None]


# Reading a round from the database.
def round_standings(contest_round) -> list[Standing]:
    """The ranking of ``contest_round``; standings carry entries and judges (users)."""
    entries = list(
        contest_round.entries.select_related("author_unit", "contest").order_by("title", "pk")
    )
    judges = list(contest_round.judges.select_related("unit").order_by("full_name", "username"))
    entry_by_pk = {entry.pk: entry for entry in entries}
    judge_by_pk = {judge.pk: judge for judge in judges}
    scores = [
        (entry_by_pk[entry], judge_by_pk[judge], criterion, value)
        for entry, judge, criterion, value in contest_round.scores.values_list(
            "entry_id", "judge_id", "criterion_id", "value"
        )
        if entry in entry_by_pk and judge in judge_by_pk
    ]
    recusals = [
        (entry_by_pk[entry], judge_by_pk[judge])
        for entry, judge in contest_round.recusals.values_list("entry_id", "judge_id")
        if entry in entry_by_pk and judge in judge_by_pk
    ]
    return rank_entries(
        entries=entries,
        judges=judges,
        criteria=list(contest_round.contest.criteria.values_list("pk", flat=True)),
        scores=scores,
        recusals=recusals,
    )


def last_round(contest):
    """The round whose ranking is the contest's result (the highest number), or None."""
    return contest.rounds.order_by("-number").first()


def contest_results(contest) -> list[Standing]:
    """The ranking of the contest's last round; empty when it has no round."""
    final = last_round(contest)
    return round_standings(final) if final is not None else []


# Writes. Each locks the contest, so that publication and judging never cross.
class ResultsPublished(Exception):
    """The contest's results are published: its judging and prizes are frozen."""


class JudgeRecused(Exception):
    """The judge recused from this entry in this round; they cannot score it."""


class ScoresNotDiscarded(Exception):
    """The judge already scored the entry; recusing needs their consent to discard the scores."""

    def __init__(self, count: int):
        super().__init__(count)
        self.count = count


class NoRound(Exception):
    """A contest without any round has no results to publish."""


def lock_open_contest(contest):
    """Lock ``contest``'s row; raise ``ResultsPublished`` if its results are out."""
    from .models import Contest

    locked = Contest.objects.select_for_update().get(pk=contest.pk)
    if locked.results_published_at is not None:
        raise ResultsPublished
    return locked


def _check_judge(contest_round, entry, judge):
    """Lock the open contest; ``judge`` judges ``entry`` in ``contest_round`` and has not
    recused from it."""
    from .models import Recusal

    lock_open_contest(contest_round.contest)
    if not contest_round.judges.filter(pk=judge.pk).exists():
        raise PermissionDenied
    if not contest_round.entries.filter(pk=entry.pk).exists():
        raise PermissionDenied
    if Recusal.objects.filter(round=contest_round, entry=entry, judge=judge).exists():
        raise JudgeRecused


@transaction.atomic
def record_scores(*, contest_round, entry, judge, values: dict) -> None:
    """Save ``judge``'s scores of ``entry`` in ``contest_round``.

    ``values`` maps each criterion to a ``Decimal`` or ``None``; ``None`` clears the judge's
    earlier score of that criterion (a sheet may be completed over several sittings).
    Raises ``ResultsPublished``, ``JudgeRecused``, ``PermissionDenied`` (not a judge of the
    round, or the entry is not in it) or ``ValidationError`` (a score above the maximum).
    """
    from .models import Score

    _check_judge(contest_round, entry, judge)
    existing = {
        score.criterion_id: score
        for score in Score.objects.filter(round=contest_round, entry=entry, judge=judge)
    }
    for criterion, value in values.items():
        if criterion.contest_id != contest_round.contest_id:
            raise PermissionDenied
        new = partial(Score, round=contest_round, entry=entry, judge=judge, criterion=criterion)
        fields = None if value is None else {"value": value}
        _write_row(existing.get(criterion.pk), fields, new=new, by=judge, clean=True)


@transaction.atomic
def recuse(*, contest_round, entry, judge, reason: str, discard_scores: bool = False) -> int:
    """Record ``judge``'s recusal from ``entry`` in ``contest_round``.

    If the judge already scored the entry, ``discard_scores`` must say so: the scores are then
    deleted (history keeps them). Returns how many scores were discarded. Raises
    ``ResultsPublished``, ``JudgeRecused`` (already recused), ``ScoresNotDiscarded`` or
    ``PermissionDenied``.
    """
    from .models import Recusal, Score

    _check_judge(contest_round, entry, judge)
    scores = list(Score.objects.filter(round=contest_round, entry=entry, judge=judge))
    if scores and not discard_scores:
        raise ScoresNotDiscarded(len(scores))
    for score in scores:
        score._history_user = judge
        score.delete()
    recusal = Recusal(round=contest_round, entry=entry, judge=judge, reason=reason)
    recusal._history_user = judge
    recusal.save()
    return len(scores)


@transaction.atomic
def award_prizes(*, contest, awards: dict, by) -> None:
    """Set the contest's prizes: ``awards`` maps each entry to (level, amount) or None.

    None removes the entry's prize. Raises ``ResultsPublished``.
    """
    from .models import Prize

    lock_open_contest(contest)
    current = {prize.entry_id: prize for prize in Prize.objects.filter(contest=contest)}
    for entry, award in awards.items():
        if entry.contest_id != contest.pk:
            raise PermissionDenied
        fields = None if award is None else dict(zip(("level", "amount"), award, strict=True))
        new = partial(Prize, contest=contest, entry=entry)
        _write_row(current.get(entry.pk), fields, new=new, by=by)


def _write_row(row, values, *, new, by, clean=False) -> None:
    """Make ``row`` say ``values`` (field → value; ``None``: no row, it is deleted): a missing
    row is made by ``new()``, an unchanged one left alone; its history records ``by``."""
    if values is None:
        if row is not None:
            row._history_user = by
            row.delete()
        return
    if row is None:
        row = new()
    elif all(getattr(row, name) == value for name, value in values.items()):
        return
    for name, value in values.items():
        setattr(row, name, value)
    if clean:
        row.full_clean()
    row._history_user = by
    row.save()


@transaction.atomic
def publish_results(*, contest, by):
    """Publish the contest's results now. Raises ``ResultsPublished`` or ``NoRound``."""
    locked = lock_open_contest(contest)
    if not locked.rounds.exists():
        raise NoRound
    locked.results_published_at = timezone.now()
    locked._history_user = by
    locked.save()
    return locked
