"""The yearly consolidation and the period review: what they count, publishing, reopening and
comparing versions.

``build_snapshot`` reads registry and campaigns (never writes them) and returns plain data
(JSON-ready): the accepted exemplars of the year, optionally of one campaign, counted by unit,
unit kind, district, field, subject kind and campaign; quota compliance of every unit a quota
rule covers; the exemplars introduced to the media, the commendation proposals and the
coverage of the year. Choice values are kept as codes (their labels are translated when
shown); names are kept as they read at the time, so a published version never changes.

Given a plan instead of a year, ``build_snapshot`` returns the period review: the yearly
snapshot of each year of the plan, added up (so the period's figures are always the sum of
its years'), the figures year by year, each year's quota obligations, and the units that
ended or began during the period with their successions.
"""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns.models import Coverage
from exemplar_portal.base.moves import Move, Moves
from registry import quotas, tracking
from registry.enums import ExemplarStatus, SubjectKind
from registry.lineage import Lineage
from registry.models import Exemplar, Plan, Unit

from .documents import describe_subject
from .models import (
    AwardProposal,
    Consolidation,
    ConsolidationVersion,
    MediaIntroduction,
)

SNAPSHOT_FORMAT = 1
PROVINCIAL_AREA = "__province__"
# A snapshot's ``kind``; yearly snapshots published before period reviews existed have none.
YEARLY, PERIOD = "yearly", "period"
# The figures the period review gives for each of its years (keys of a yearly ``totals``).
BY_YEAR_KEYS = (
    "accepted",
    "submitted",
    "units_with_quota",
    "units_met",
    "units_behind",
    "introductions",
    "proposals",
    "conferred",
    "coverage",
)


def _area(unit_kind: str, unit_name: str, parent_name: str | None, parent_reviews: bool) -> str:
    """The district a unit belongs to (a district is its own); communes without a district
    stand for themselves; provincial bodies share one line."""
    if parent_reviews and parent_name:
        return parent_name
    if unit_kind in ("district", "commune"):
        return unit_name
    return PROVINCIAL_AREA


def _exemplars(year: int, campaign) -> list[dict]:
    exemplars = Exemplar.objects.filter(year=year, status=ExemplarStatus.ACCEPTED)
    if campaign is not None:
        exemplars = exemplars.filter(campaign=campaign)
    rows = exemplars.order_by("unit__kind__order", "unit__name", "subject_key", "pk").values(
        "code",
        "subject_kind",
        "full_name",
        "collective_name",
        "household_head",
        "position",
        "workplace",
        "head_name",
        "member_count",
        unit_code=F("unit__code"),
        unit_name=F("unit__name"),
        unit_kind=F("unit__kind__code"),
        unit_kind_name=F("unit__kind__name"),
        parent_name=F("unit__parent__name"),
        parent_reviews=F("unit__parent__kind__reviews_children"),
        field_name=F("field__name"),
        campaign_name=F("campaign__name"),
    )
    result = []
    for row in rows:
        name = {
            SubjectKind.INDIVIDUAL: row["full_name"],
            SubjectKind.COLLECTIVE: row["collective_name"],
            SubjectKind.HOUSEHOLD: row["household_head"],
        }.get(row["subject_kind"], "")
        result.append(
            {
                "code": row["code"],
                "name": name,
                "subject_kind": row["subject_kind"],
                "position": describe_subject(
                    Exemplar(
                        subject_kind=row["subject_kind"],
                        position=row["position"],
                        workplace=row["workplace"],
                        head_name=row["head_name"],
                        member_count=row["member_count"],
                    )
                ),
                "unit_code": row["unit_code"],
                "unit": row["unit_name"],
                "unit_kind": row["unit_kind_name"],
                "area": _area(
                    row["unit_kind"],
                    row["unit_name"],
                    row["parent_name"],
                    bool(row["parent_reviews"]),
                ),
                "field": row["field_name"] or "",
                "campaign": row["campaign_name"] or "",
            }
        )
    return result


def _tally(exemplars: list[dict], key: str) -> list[dict]:
    counts = Counter(e[key] for e in exemplars)
    return [
        {"label": label, "count": count}
        for label, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]


def _dimensions(exemplars: list[dict]) -> dict:
    """The accepted exemplars counted by unit kind, area, field, subject kind and movement."""
    by_subject_kind = Counter(e["subject_kind"] for e in exemplars)
    return {
        "by_unit_kind": _tally(exemplars, "unit_kind"),
        "by_area": _tally(exemplars, "area"),
        "by_field": _tally(exemplars, "field"),
        "by_subject_kind": [
            {"label": kind.value, "count": by_subject_kind[kind.value]}
            for kind in SubjectKind
            if by_subject_kind[kind.value]
        ],
        "by_campaign": _tally(exemplars, "campaign"),
    }


def _by_unit(exemplars: list[dict]) -> list[dict]:
    units: dict[str, dict] = {}
    for exemplar in exemplars:
        row = units.setdefault(
            exemplar["unit_code"],
            {
                "code": exemplar["unit_code"],
                "name": exemplar["unit"],
                "kind": exemplar["unit_kind"],
                "area": exemplar["area"],
                "accepted": 0,
                **{kind.value: 0 for kind in SubjectKind},
            },
        )
        row["accepted"] += 1
        row[exemplar["subject_kind"]] += 1
    return list(units.values())


def _quota(year: int) -> dict:
    """Every quota obligation of the year, once each (``registry.quotas``), with the units
    whose results a successor inherited, so the reform can be traced in the report."""
    standing = quotas.standing(year)
    units = []
    for row in standing.rows:
        units.append(
            {
                "code": row.unit.code,
                "name": row.unit.label,
                "kind": row.unit.kind.name,
                "district": row.district_name or "",
                "minimum": row.minimum,
                "submitted": row.submitted,
                "accepted": row.accepted,
                "inherited": row.inherited.accepted,
                "endorsed": row.endorsed.accepted,
                "predecessors": [unit.label for unit in row.predecessors],
                "met": row.met,
            }
        )
    by_kind: dict[str, dict] = {}
    for unit in units:
        row = by_kind.setdefault(unit["kind"], {"label": unit["kind"], "total": 0, "met": 0})
        row["total"] += 1
        row["met"] += unit["met"]
    return {
        "plan": standing.plan.short_label if standing.plan else "",
        "units": units,
        "by_kind": list(by_kind.values()),
        "behind": [unit["name"] for unit in units if not unit["met"]],
        "unattributed": [
            {"name": unit.label, "submitted": tally.submitted, "accepted": tally.accepted}
            for unit, tally in standing.unattributed
        ],
    }


def _about(queryset, year: int, campaign, prefix: str = "exemplar__"):
    queryset = queryset.filter(**{f"{prefix}status": ExemplarStatus.ACCEPTED})
    if campaign is not None:
        queryset = queryset.filter(**{f"{prefix}campaign": campaign})
    return queryset


def _introductions(year: int, campaign) -> list[dict]:
    introductions = _about(MediaIntroduction.objects.filter(date__year=year), year, campaign)
    return [
        {
            "code": i.exemplar.code,
            "name": i.exemplar.subject_name,
            "unit": i.exemplar.unit.name,
            "outlet": i.outlet.name,
            "date": i.date.isoformat(),
            "occasion": i.occasion,
            "angle": i.angle,
        }
        for i in introductions.select_related("exemplar__unit", "outlet").order_by(
            "date", "outlet__name", "pk"
        )
    ]


def _proposals(year: int, campaign) -> list[dict]:
    proposals = _about(AwardProposal.objects.filter(year=year), year, campaign)
    return [
        {
            "code": p.exemplar.code,
            "name": p.exemplar.subject_name,
            "subject_kind": p.exemplar.subject_kind,
            "unit": p.exemplar.unit.name,
            "award": p.award.name,
            "kind": p.track.code,
            "proposing_unit": p.proposing_unit.name,
            "status": p.status,
            "decision_number": p.decision_number,
            "decision_date": p.decision_date.isoformat() if p.decision_date else "",
        }
        for p in proposals.select_related(
            "exemplar__unit", "award", "track", "proposing_unit"
        ).order_by("award__order", "award__name", "exemplar__subject_key", "pk")
    ]


def _coverage(year: int, campaign) -> list[dict]:
    coverage = Coverage.objects.filter(published_on__year=year)
    if campaign is not None:
        coverage = coverage.filter(exemplars__campaign=campaign).distinct()
    rows = []
    for item in (
        coverage.select_related("outlet")
        .prefetch_related("exemplars")
        .order_by("published_on", "outlet__name", "pk")
    ):
        rows.append(
            {
                "title": item.title,
                "outlet": item.outlet.name,
                "kind": item.kind,
                "date": item.published_on.isoformat(),
                "exemplars": [e.subject_name for e in item.exemplars.all()],
            }
        )
    return rows


def build_snapshot(*, year: int | None = None, campaign=None, plan: Plan | None = None) -> dict:
    """Everything a consolidation shows, as plain data: of ``year`` (and ``campaign``), or,
    given ``plan``, of the plan's whole period.

    Names are frozen in Vietnamese, the language of the documents the snapshot feeds (a
    unit that ended reads "Xã Gia Vân (đến 30/6/2025)"), whatever the reader's interface
    language or a command's.
    """
    with translation.override(settings.LANGUAGE_CODE):
        return _build_snapshot(year=year, campaign=campaign, plan=plan)


def _build_snapshot(*, year: int | None, campaign, plan: Plan | None) -> dict:
    if plan is not None:
        return _period_snapshot(plan)
    exemplars = _exemplars(year, campaign)
    submitted = Exemplar.objects.filter(year=year, status__in=tracking.SUBMITTED_STATUSES)
    if campaign is not None:
        submitted = submitted.filter(campaign=campaign)
    quota = _quota(year)
    proposals = _proposals(year, campaign)
    introductions = _introductions(year, campaign)
    coverage = _coverage(year, campaign)
    return {
        "format": SNAPSHOT_FORMAT,
        "kind": YEARLY,
        "year": year,
        "campaign": campaign.name if campaign is not None else "",
        "built_at": timezone.now().isoformat(),
        "totals": {
            "accepted": len(exemplars),
            "submitted": submitted.count(),
            "units_with_exemplars": len({e["unit_code"] for e in exemplars}),
            "units_with_quota": len(quota["units"]),
            "units_met": sum(1 for unit in quota["units"] if unit["met"]),
            "units_behind": len(quota["behind"]),
            "introductions": len(introductions),
            "proposals": len(proposals),
            "conferred": sum(1 for p in proposals if p["status"] == AwardProposal.Status.CONFERRED),
            "coverage": len(coverage),
        },
        "by_unit": _by_unit(exemplars),
        **_dimensions(exemplars),
        "quota": quota,
        "introductions": introductions,
        "proposals": proposals,
        "coverage": coverage,
        "exemplars": exemplars,
    }


def snapshot_of(consolidation: Consolidation) -> dict:
    """What ``consolidation`` shows now (what publishing would freeze)."""
    if consolidation.is_period:
        return build_snapshot(plan=consolidation.plan)
    return build_snapshot(year=consolidation.year, campaign=consolidation.campaign)


# The period review -------------------------------------------------------------------------


def is_period(snapshot: dict) -> bool:
    return snapshot.get("kind") == PERIOD


def _with_year(rows: list[dict], year: int) -> list[dict]:
    return [{**row, "year": year} for row in rows]


def _by_unit_and_year(exemplars: list[dict], years: list[int]) -> list[dict]:
    """Accepted exemplars per unit, year by year; a unit that ended reads with its last day."""
    labels = {
        unit.code: unit.label
        for unit in Unit.objects.filter(code__in={e["unit_code"] for e in exemplars})
    }
    units: dict[str, dict] = {}
    for exemplar in exemplars:
        row = units.setdefault(
            exemplar["unit_code"],
            {
                "code": exemplar["unit_code"],
                "name": labels.get(exemplar["unit_code"], exemplar["unit"]),
                "kind": exemplar["unit_kind"],
                "area": exemplar["area"],
                "accepted": 0,
                "by_year": [0 for _year in years],
            },
        )
        row["accepted"] += 1
        row["by_year"][years.index(exemplar["year"])] += 1
    return list(units.values())


def _period_quota(plan: Plan, yearly: list[dict]) -> dict:
    """The obligations of every year added up by unit kind: each obligation once a year."""
    by_kind: dict[str, dict] = {}
    for snapshot in yearly:
        for row in snapshot["quota"]["by_kind"]:
            entry = by_kind.setdefault(row["label"], {"label": row["label"], "total": 0, "met": 0})
            entry["total"] += row["total"]
            entry["met"] += row["met"]
    return {
        "plan": plan.short_label,
        "by_kind": list(by_kind.values()),
        "behind": [
            f"{name} ({snapshot['year']})"
            for snapshot in yearly
            for name in snapshot["quota"]["behind"]
        ],
        "unattributed": [
            {**row, "year": snapshot["year"]}
            for snapshot in yearly
            for row in snapshot["quota"]["unattributed"]
        ],
    }


def _link(link, unit: Unit) -> dict:
    return {
        "code": unit.code,
        "name": unit.label,
        "change": link.kind,
        "effective_on": link.effective_on.isoformat(),
        "legal_basis": link.legal_basis,
        "takes_over_work": link.takes_over_work,
        "note": link.note,
    }


def _reform(plan: Plan, yearly: list[dict]) -> dict:
    """The units that ended or began during the period, with the days they were in force in
    it, the units they passed their work to or took it from (legal basis, effective date),
    and, year by year, whose results each successor counted toward its quota."""
    first = datetime.date(plan.period_from, 1, 1)
    last = datetime.date(plan.period_to, 12, 31)
    units = sorted(
        Unit.objects.filter(
            Q(valid_until__gte=first, valid_until__lte=last)
            | Q(valid_from__gte=first, valid_from__lte=last)
        ).select_related("kind"),
        # By kind; within it, the units that ended by their last day, then those that began
        # by their first.
        key=lambda unit: (
            unit.kind.order,
            unit.kind.name,
            unit.valid_until is None,
            unit.valid_until or unit.valid_from,
            unit.name,
            unit.pk,
        ),
    )
    lineage = Lineage.load()
    inherited = [
        {
            "year": snapshot["year"],
            "code": row["code"],
            "name": row["name"],
            "predecessors": row["predecessors"],
            "accepted": row.get("inherited", 0),
        }
        for snapshot in yearly
        for row in snapshot["quota"]["units"]
        if row.get("predecessors")
    ]
    rows = []
    for unit in units:
        start = max(unit.valid_from or first, first)
        end = min(unit.valid_until or last, last)
        successors = sorted(
            lineage.forward.get(unit.pk, ()),
            key=lambda link: (not link.takes_over_work, link.successor.name),
        )
        predecessors = sorted(
            lineage.backward.get(unit.pk, ()),
            key=lambda link: (link.effective_on, link.predecessor.name),
        )
        rows.append(
            {
                "code": unit.code,
                "name": unit.label,
                "kind": unit.kind.name,
                "valid_from": unit.valid_from.isoformat() if unit.valid_from else "",
                "valid_until": unit.valid_until.isoformat() if unit.valid_until else "",
                "ended": unit.valid_until is not None and first <= unit.valid_until <= last,
                "began": unit.valid_from is not None and first <= unit.valid_from <= last,
                "days": max((end - start).days + 1, 0),
                "end_basis": unit.end_basis,
                "successors": [_link(link, link.successor) for link in successors],
                "predecessors": [_link(link, link.predecessor) for link in predecessors],
                "inherited": [
                    {
                        "year": row["year"],
                        "predecessors": row["predecessors"],
                        "accepted": row["accepted"],
                    }
                    for row in inherited
                    if row["code"] == unit.code
                ],
            }
        )
    return {"units": rows, "inherited": inherited}


def _period_snapshot(plan: Plan) -> dict:
    """The period review of ``plan``: its years' snapshots added up, with the figures of
    each year, each year's quota standing and the units traced through the reform."""
    years = list(plan.years)
    yearly = [build_snapshot(year=year) for year in years]
    exemplars = [
        e for snapshot in yearly for e in _with_year(snapshot["exemplars"], snapshot["year"])
    ]
    reform = _reform(plan, yearly)
    quota = _period_quota(plan, yearly)

    def added(key: str) -> int:
        return sum(snapshot["totals"][key] for snapshot in yearly)

    def joined(key: str) -> list[dict]:
        return [row for snapshot in yearly for row in _with_year(snapshot[key], snapshot["year"])]

    return {
        "format": SNAPSHOT_FORMAT,
        "kind": PERIOD,
        "year": plan.period_to,
        "campaign": "",
        "built_at": timezone.now().isoformat(),
        "plan": {
            "label": plan.short_label,
            "citation": plan.citation,
            "number": plan.number,
            "period": plan.period_label,
            "illustrative": plan.illustrative,
        },
        "years": years,
        "totals": {
            **{key: added(key) for key in BY_YEAR_KEYS},
            "units_with_exemplars": len({e["unit_code"] for e in exemplars}),
            "units_ended": sum(1 for unit in reform["units"] if unit["ended"]),
            "units_began": sum(1 for unit in reform["units"] if unit["began"]),
        },
        "by_year": [
            {"year": snapshot["year"], **{key: snapshot["totals"][key] for key in BY_YEAR_KEYS}}
            for snapshot in yearly
        ],
        "quota_by_year": [{"year": snapshot["year"], **snapshot["quota"]} for snapshot in yearly],
        "by_unit": _by_unit_and_year(exemplars, years),
        **_dimensions(exemplars),
        "quota": quota,
        "reform": reform,
        "introductions": joined("introductions"),
        "proposals": joined("proposals"),
        "coverage": joined("coverage"),
        "exemplars": exemplars,
    }


# Labels -----------------------------------------------------------------------------------


def total_labels(snapshot: dict | None = None) -> dict:
    """The overall figures, in order; a period review counts quota obligations (one per
    unit and year) rather than units, and the units that ended or began."""
    if snapshot is not None and is_period(snapshot):
        return {
            "accepted": _("Accepted exemplars"),
            "submitted": _("Exemplars sent up (submitted or accepted)"),
            "units_with_exemplars": _("Units with accepted exemplars"),
            "units_with_quota": _("Yearly quota obligations"),
            "units_met": _("Obligations met"),
            "units_behind": _("Obligations not met"),
            "introductions": _("Introductions to the media"),
            "proposals": _("Commendation proposals"),
            "conferred": _("Commendations conferred"),
            "coverage": _("Coverage published"),
            "units_ended": _("Units that ended during the period"),
            "units_began": _("Units that began during the period"),
        }
    return {
        "accepted": _("Accepted exemplars"),
        "submitted": _("Exemplars sent up (submitted or accepted)"),
        "units_with_exemplars": _("Units with accepted exemplars"),
        "units_with_quota": _("Units with a quota"),
        "units_met": _("Units that met their quota"),
        "units_behind": _("Units behind quota"),
        "introductions": _("Introductions to the media"),
        "proposals": _("Commendation proposals"),
        "conferred": _("Commendations conferred"),
        "coverage": _("Coverage published"),
    }


def by_year_labels() -> dict:
    """The columns of the period review's figures by year (its coverage is in the totals)."""
    return {
        "accepted": _("Accepted"),
        "submitted": _("Sent up"),
        "units_with_quota": _("Units with a quota"),
        "units_met": _("Met the quota"),
        "units_behind": _("Behind quota"),
        "introductions": _("Introduced to the media"),
        "proposals": _("Commendation proposals"),
        "conferred": _("Commendations conferred"),
    }


def change_labels() -> dict:
    """A succession's kind of change, as a trace reads it."""
    from registry.models import UnitSuccession

    return dict(UnitSuccession.Kind.choices)


def area_label(value: str) -> str:
    return _("Provincial departments, boards and bodies") if value == PROVINCIAL_AREA else value


def dimension_labels() -> dict:
    return {
        "by_unit_kind": _("By unit kind"),
        "by_area": _("By district or commune"),
        "by_field": _("By field"),
        "by_subject_kind": _("By subject kind"),
        "by_campaign": _("By movement or campaign"),
    }


def label_of(dimension: str, value: str) -> str:
    """A dimension's row label as shown: codes translated, empty values named."""
    if dimension == "by_subject_kind":
        return str(SubjectKind(value).label) if value in SubjectKind.values else value
    if dimension == "by_area":
        return area_label(value)
    if not value:
        return {
            "by_field": _("No field"),
            "by_campaign": _("Outside any movement or campaign"),
        }.get(dimension, "—")
    return value


# Publishing, reopening -------------------------------------------------------------------


def create(*, year: int, campaign, by) -> Consolidation:
    return _created(
        Consolidation(year=year, campaign=campaign, created_by=by),
        _("The consolidation of this year already exists."),
    )


def _created(consolidation: Consolidation, taken: str) -> Consolidation:
    """Save a new consolidation; ``taken`` is the error when one like it exists already."""
    consolidation.validate_constraints()
    try:
        with transaction.atomic():
            consolidation.save()
    except IntegrityError as error:  # built at the same moment by someone else
        raise ValidationError(taken) from error
    return consolidation


def create_period_review(*, plan: Plan, by, today: datetime.date | None = None) -> Consolidation:
    """The period review of ``plan``, once per plan, from the plan's last year on (the review
    is written as the period closes; before that, the years still to come count nothing)."""
    today = today or timezone.localdate()
    if today.year < plan.period_to:
        raise ValidationError(
            _("%(plan)s runs until %(year)s: its period review can be prepared from %(year)s on.")
            % {"plan": plan.short_label, "year": plan.period_to}
        )
    return _created(
        Consolidation(
            kind=Consolidation.Kind.PERIOD, plan=plan, year=plan.period_to, created_by=by
        ),
        _("The period review of this plan already exists."),
    )


def _new_version(step) -> ConsolidationVersion:
    consolidation = step.obj
    version = ConsolidationVersion.objects.create(
        consolidation=consolidation,
        number=consolidation.next_version_number(),
        document_number=step.data.get("document_number", "").strip(),
        published_at=timezone.now(),
        published_by=step.by,
        data=snapshot_of(consolidation),
    )
    if consolidation.is_period and consolidation.year != consolidation.plan.period_to:
        # The plan's period was corrected since the review was built: it sorts by its end.
        consolidation.year = consolidation.plan.period_to
        step.fields.add("year")
    return version


def _reopened_version(step) -> ConsolidationVersion:
    version = step.obj.latest_version()
    version.reopened_at = timezone.now()
    version.reopened_by = step.by
    version.reopen_reason = step.reason
    version.save(update_fields=["reopened_at", "reopened_by", "reopen_reason"])
    return version


# The one way a consolidation's status changes. Its history is its versions: who published
# each and when, who reopened it, when and why.
CONSOLIDATION_MOVES = Moves(
    [
        Move(
            "publish",
            gettext_lazy("Publish"),
            frozenset({Consolidation.Status.OPEN}),
            Consolidation.Status.PUBLISHED,
            "reports.publish_consolidation",
            takes_reason=False,
            refusal=gettext_lazy("This consolidation is already published; reopen it first."),
            apply=_new_version,
        ),
        Move(
            "reopen",
            gettext_lazy("Reopen"),
            frozenset({Consolidation.Status.PUBLISHED}),
            Consolidation.Status.OPEN,
            "reports.reopen_consolidation",
            reason_required=True,
            refusal=gettext_lazy("This consolidation is already open."),
            apply=_reopened_version,
        ),
    ],
    reason_message=gettext_lazy("Give the reason for reopening."),
)


def publish(*, consolidation: Consolidation, by, document_number: str = "") -> ConsolidationVersion:
    """Freeze what the consolidation shows now as its next numbered, dated version.

    Raises ``MoveNotAllowed`` when it is published already, ``PermissionDenied``.
    """
    return CONSOLIDATION_MOVES.make(
        consolidation, "publish", by=by, data={"document_number": document_number}
    ).result


def reopen(*, consolidation: Consolidation, by, reason: str) -> ConsolidationVersion:
    """Open a published consolidation again; the reason stays on the version it reopens.

    Raises ``ReasonMissing`` without a reason, ``MoveNotAllowed`` when it is open already,
    ``PermissionDenied``.
    """
    return CONSOLIDATION_MOVES.make(consolidation, "reopen", by=by, reason=reason).result


# Comparing versions ----------------------------------------------------------------------


@dataclass
class Change:
    label: str
    before: int
    after: int

    @property
    def delta(self) -> int:
        return self.after - self.before


def _rows_changed(dimension: str, before: list[dict], after: list[dict]) -> list[Change]:
    old = {row["label"]: row["count"] for row in before}
    new = {row["label"]: row["count"] for row in after}
    changes = [
        Change(label_of(dimension, label), old.get(label, 0), new.get(label, 0))
        for label in sorted(old.keys() | new.keys())
        if old.get(label, 0) != new.get(label, 0)
    ]
    return changes


def _obligations(snapshot: dict) -> dict[tuple, dict]:
    """Each quota obligation of a snapshot by (year, unit code): one year's, or each year's
    of a period review."""
    if is_period(snapshot):
        standings = snapshot["quota_by_year"]
    else:
        standings = [{"year": snapshot["year"], **snapshot["quota"]}]
    return {(q["year"], unit["code"]): unit for q in standings for unit in q["units"]}


def _by_year_changed(before: dict, after: dict) -> list[tuple[int, list[Change]]]:
    """Per year of a period review, the figures that changed."""
    if not (is_period(before) and is_period(after)):
        return []
    labels = by_year_labels()
    old = {row["year"]: row for row in before["by_year"]}
    new = {row["year"]: row for row in after["by_year"]}
    changed = []
    for year in sorted(old.keys() | new.keys()):
        rows = [
            Change(label, old.get(year, {}).get(key, 0), new.get(year, {}).get(key, 0))
            for key, label in labels.items()
        ]
        rows = [change for change in rows if change.delta]
        if rows:
            changed.append((year, rows))
    return changed


def _traced_changed(before: dict, after: dict) -> dict:
    """Units that entered or left a period review's trace of the reform between versions."""
    if not (is_period(before) and is_period(after)):
        return {"added": [], "removed": []}
    old = {u["code"]: u for u in before["reform"]["units"]}
    new = {u["code"]: u for u in after["reform"]["units"]}
    return {
        "added": [new[code]["name"] for code in new if code not in old],
        "removed": [old[code]["name"] for code in old if code not in new],
    }


def compare(before: dict, after: dict) -> dict:
    """What changed from one version's snapshot to another's (two yearly versions, or two of
    a period review: then also year by year)."""
    labels = total_labels(after)
    totals = [
        Change(labels[key], before["totals"].get(key, 0), after["totals"].get(key, 0))
        for key in labels
    ]
    dimensions = [
        (title, _rows_changed(key, before.get(key, []), after.get(key, [])))
        for key, title in dimension_labels().items()
    ]
    old_exemplars = {e["code"]: e for e in before["exemplars"]}
    new_exemplars = {e["code"]: e for e in after["exemplars"]}
    old_quota, new_quota = _obligations(before), _obligations(after)
    period = is_period(after)
    quota_changed = [
        {
            "name": f"{unit['name']} ({key[0]})" if period else unit["name"],
            "before": old_quota[key]["met"],
            "after": unit["met"],
        }
        for key, unit in new_quota.items()
        if key in old_quota and old_quota[key]["met"] != unit["met"]
    ]
    statuses = dict(AwardProposal.Status.choices)

    def proposals(data):
        return {(p["code"], p["award"], p.get("year")): p for p in data["proposals"]}

    old_proposals, new_proposals = proposals(before), proposals(after)
    proposals_changed = []
    for key in [*new_proposals, *(k for k in old_proposals if k not in new_proposals)]:
        old, new = old_proposals.get(key), new_proposals.get(key)
        if (
            old
            and new
            and (old["status"], old["decision_number"])
            == (
                new["status"],
                new["decision_number"],
            )
        ):
            continue
        proposal = new or old
        proposals_changed.append(
            {
                "name": proposal["name"],
                "award": proposal["award"],
                "before": statuses.get(old["status"], old["status"]) if old else "—",
                "after": statuses.get(new["status"], new["status"]) if new else "—",
                "decision_number": new["decision_number"] if new else "",
            }
        )
    return {
        "totals": totals,
        "proposals_changed": proposals_changed,
        "totals_changed": any(change.delta for change in totals),
        "dimensions": [(title, rows) for title, rows in dimensions if rows],
        "added": [new_exemplars[c] for c in new_exemplars if c not in old_exemplars],
        "removed": [old_exemplars[c] for c in old_exemplars if c not in new_exemplars],
        "quota_changed": quota_changed,
        "by_year": _by_year_changed(before, after),
        "traced": _traced_changed(before, after),
    }


def parse_date(value: str) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def proposals_by_status(proposals: list[dict]) -> list[dict]:
    counts = Counter(p["status"] for p in proposals)
    return [
        {"label": str(status.label), "count": counts[status.value]}
        for status in AwardProposal.Status
        if counts[status.value]
    ]
