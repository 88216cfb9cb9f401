"""Pending reviews outlive the body that was to make them.

An exemplar sent to a reviewing body (a district until 30/6/2025) waits for it in
"awaiting the district". When that body ends with the exemplar still waiting, the portal
hands the work on, on the first day the body is gone: to the body that took over its work,
if that one is in force and reviews its child units, and otherwise straight to Home Affairs.
Each hand-over is a step on the exemplar's timeline made by the portal itself (``by`` empty),
with a comment naming the body that ended, its last day and where the work went; the people
who reviewed there, those who review it now and the exemplar's unit are told.

``manage.py hand_over_work`` runs this every day; running it again changes nothing.
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from . import workflow
from .enums import ExemplarStatus as S
from .lineage import Lineage
from .models import Exemplar, Unit
from .models.units import day_month_year
from .notifications import notify_hand_over

ACTION = "hand_over"


@dataclass(frozen=True)
class HandOverLine:
    """One exemplar handed on (or, in a dry run, that would be)."""

    code: str
    subject: str
    ended_unit: str
    ended_on: datetime.date
    to_status: str
    new_reviewer: str  # empty when the exemplar goes to Home Affairs
    text: str


@dataclass
class HandOverReport:
    today: datetime.date
    dry_run: bool = False
    lines: list[HandOverLine] = field(default_factory=list)

    @property
    def moved(self) -> int:
        return len(self.lines)

    @property
    def to_home_affairs(self) -> int:
        return sum(1 for line in self.lines if not line.new_reviewer)

    @property
    def to_successors(self) -> int:
        return self.moved - self.to_home_affairs


def destination(reviewer: Unit, today: datetime.date, lineage: Lineage | None = None):
    """Where the pending work of ``reviewer`` (ended) goes on ``today``: the unit carrying on
    its work that day if it reviews its child units, else ``None`` (Home Affairs)."""
    lineage = lineage or Lineage.load_ids()
    chain = lineage.work_successor_chain(reviewer.pk)
    units = Unit.objects.select_related("kind").in_bulk(chain)
    for unit_id in chain:
        unit = units.get(unit_id)
        if unit is not None and unit.is_active_on(today):
            return unit if unit.kind.reviews_children else None
    return None


def _comment(ended: Unit, successor: Unit | None) -> str:
    facts = {"unit": ended.name, "date": day_month_year(ended.valid_until)}
    if successor is not None:
        return _(
            "%(unit)s ended on %(date)s; the exemplar awaiting its endorsement was handed "
            "over to %(successor)s, which carries on its work."
        ) % {**facts, "successor": successor.name}
    return (
        _(
            "%(unit)s ended on %(date)s and no reviewing body carries on its work; the exemplar "
            "awaiting its endorsement was sent straight to Home Affairs."
        )
        % facts
    )


def _line(exemplar: Exemplar, ended: Unit, successor: Unit | None, comment: str):
    return HandOverLine(
        code=exemplar.code,
        subject=exemplar.subject_name or exemplar.code,
        ended_unit=ended.name,
        ended_on=ended.valid_until,
        to_status=S.SUBMITTED_TO_DISTRICT if successor is not None else S.UNDER_REVIEW,
        new_reviewer=successor.name if successor is not None else "",
        text=comment,
    )


def pending_at_ended_reviewers(today: datetime.date):
    """Exemplars still waiting for a reviewing body whose last day is before ``today``."""
    return Exemplar.objects.filter(
        status=S.SUBMITTED_TO_DISTRICT, reviewer_unit__valid_until__lt=today
    ).order_by("pk")


def hand_over_pending_work(
    *, today: datetime.date | None = None, dry_run: bool = False
) -> HandOverReport:
    """Hand on every exemplar waiting for a reviewing body that ended before ``today``
    (default: today). Returns what moved (or, with ``dry_run``, what would).

    Side effects (unless ``dry_run``), per exemplar, in one transaction with the row locked:
    ``reviewer_unit`` set to the successor (status unchanged) or the status set to "under
    review" (Home Affairs); one ``Transition`` with ``by`` empty and action ``hand_over``;
    version + 1, ``status_changed_at`` and a history entry; on commit, notifications and
    e-mails (``registry.notifications.notify_hand_over``). An exemplar that moved meanwhile
    is left alone, so running it twice, or twice at once, hands each on once.
    """
    today = today or timezone.localdate()
    report = HandOverReport(today=today, dry_run=dry_run)
    lineage = Lineage.load_ids()
    destinations: dict[int, Unit | None] = {}
    candidates = list(pending_at_ended_reviewers(today).values_list("pk", flat=True))
    # The step's label and comment are kept in Vietnamese, whoever runs it.
    with override("vi"):
        for pk in candidates:
            with transaction.atomic():
                locked = (
                    pending_at_ended_reviewers(today)
                    .select_for_update(of=("self",))
                    .select_related("unit", "reviewer_unit")
                    .filter(pk=pk)
                    .first()
                )
                if locked is None:
                    continue  # moved since the list was read
                ended = locked.reviewer_unit
                if ended.pk not in destinations:
                    destinations[ended.pk] = destination(ended, today, lineage)
                successor = destinations[ended.pk]
                comment = _comment(ended, successor)
                report.lines.append(_line(locked, ended, successor, comment))
                if dry_run:
                    continue
                locked.reviewer_unit = successor
                record = workflow.write_step(
                    locked,
                    action=ACTION,
                    to_status=S.SUBMITTED_TO_DISTRICT if successor else S.UNDER_REVIEW,
                    by=None,
                    comment=comment,
                    update_fields=["reviewer_unit"],
                )
                notify_hand_over(record, ended.pk)
    return report
