"""Who carried on from whom: reads over ``UnitSuccession``.

A unit that ended keeps its records; its successors show it as a predecessor and the one
that took over its work (``takes_over_work``) also takes its unfinished records, its
results of the year and, for a reviewing body, the submissions waiting for it. Every
function reads the links in one query and walks them in memory (a province has a few
hundred links at most).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Unit, UnitSuccession
from .security import current_request

# Where ``Lineage.load_ids`` keeps the links read for the request being served.
REQUEST_COPY = "_lineage_ids"


@receiver([post_save, post_delete], sender=UnitSuccession)
def _drop_request_copy(sender, **kwargs):
    request = current_request()
    if request is not None and hasattr(request, REQUEST_COPY):
        delattr(request, REQUEST_COPY)


class LinkIds(NamedTuple):
    """A succession link as the walks below need it: ids and the work flag, no objects."""

    predecessor_id: int
    successor_id: int
    takes_over_work: bool


@dataclass
class Lineage:
    """All succession links, indexed both ways."""

    forward: dict[int, list[UnitSuccession]] = field(default_factory=lambda: defaultdict(list))
    backward: dict[int, list[UnitSuccession]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def load(cls) -> "Lineage":
        lineage = cls()
        for link in UnitSuccession.objects.select_related(
            "predecessor", "successor", "successor__kind", "predecessor__kind"
        ):
            lineage.forward[link.predecessor_id].append(link)
            lineage.backward[link.successor_id].append(link)
        return lineage

    @classmethod
    def load_ids(cls) -> "Lineage":
        """The links as ids only: what scoping needs on every request, without building a
        unit and a unit kind per link.

        Read once per request: a unit's home asks it four times (the reach, the quota's
        standing, the records by status, the records sent back). A link saved or deleted
        during the request drops the request's copy (``_drop_request_copy``).
        """
        request = current_request()
        kept = getattr(request, REQUEST_COPY, None)
        if kept is not None:
            return kept
        lineage = cls()
        rows = UnitSuccession.objects.values_list(
            "predecessor_id", "successor_id", "takes_over_work"
        )
        for link in map(LinkIds._make, rows):
            lineage.forward[link.predecessor_id].append(link)
            lineage.backward[link.successor_id].append(link)
        if request is not None:
            setattr(request, REQUEST_COPY, lineage)
        return lineage

    def work_successor_id(self, unit_id: int) -> int | None:
        """The unit that took over ``unit_id``'s work, following the chain to its end."""
        seen = {unit_id}
        current = unit_id
        while True:
            link = next((x for x in self.forward.get(current, ()) if x.takes_over_work), None)
            if link is None or link.successor_id in seen:
                return None if current == unit_id else current
            current = link.successor_id
            seen.add(current)

    def work_successor_chain(self, unit_id: int) -> list[int]:
        """``unit_id``'s work successors in order (the direct one first)."""
        chain, current, seen = [], unit_id, {unit_id}
        while True:
            link = next((x for x in self.forward.get(current, ()) if x.takes_over_work), None)
            if link is None or link.successor_id in seen:
                return chain
            current = link.successor_id
            chain.append(current)
            seen.add(current)

    def predecessor_ids(self, unit_id: int, *, work_only: bool = False) -> set[int]:
        """Every unit ``unit_id`` descends from (through work-taking links only, if asked)."""
        found: set[int] = set()
        frontier = [unit_id]
        while frontier:
            current = frontier.pop()
            for link in self.backward.get(current, ()):
                if work_only and not link.takes_over_work:
                    continue
                if link.predecessor_id not in found and link.predecessor_id != unit_id:
                    found.add(link.predecessor_id)
                    frontier.append(link.predecessor_id)
        return found

    def successor_ids(self, unit_id: int) -> set[int]:
        """Every unit that descends from ``unit_id``, through any kind of link."""
        found: set[int] = set()
        frontier = [unit_id]
        while frontier:
            current = frontier.pop()
            for link in self.forward.get(current, ()):
                if link.successor_id not in found and link.successor_id != unit_id:
                    found.add(link.successor_id)
                    frontier.append(link.successor_id)
        return found


def work_predecessor_ids(unit_id: int) -> set[int]:
    """The units whose work ``unit_id`` took over, directly or down a chain."""
    return Lineage.load_ids().predecessor_ids(unit_id, work_only=True)


def related_unit_ids(unit_id: int) -> set[int]:
    """The unit, every unit it descends from and every unit that descends from it: what a
    search by one unit finds records of."""
    lineage = Lineage.load_ids()
    return {unit_id, *lineage.predecessor_ids(unit_id), *lineage.successor_ids(unit_id)}


def successors_of(unit: Unit) -> list[UnitSuccession]:
    """The links from ``unit`` to the units that carried on from it (direct ones)."""
    return list(
        unit.successions_out.select_related("successor", "successor__kind").order_by(
            "-takes_over_work", "successor__name"
        )
    )


def predecessors_of(unit: Unit) -> list[UnitSuccession]:
    """The links to ``unit`` from the units it carried on from (direct ones)."""
    return list(
        unit.successions_in.select_related("predecessor", "predecessor__kind").order_by(
            "effective_on", "predecessor__name"
        )
    )


def work_successor_on(unit: Unit, day: datetime.date) -> Unit | None:
    """The unit in force on ``day`` that carries on ``unit``'s work (``unit`` itself while it
    is in force; ``None`` when the chain ends with no unit in force)."""
    if unit.is_active_on(day):
        return unit
    lineage = Lineage.load_ids()
    chain = lineage.work_successor_chain(unit.pk)
    if not chain:
        return None
    units = Unit.objects.in_bulk(chain)
    for unit_id in chain:
        candidate = units.get(unit_id)
        if candidate is not None and candidate.is_active_on(day):
            return candidate
    return None
