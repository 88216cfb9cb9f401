"""The yearly consolidation: what it counts, publishing, reopening and comparing versions.

``build_snapshot`` reads registry and campaigns (never writes them) and returns plain data
(JSON-ready): the accepted exemplars of the year, optionally of one campaign, counted by unit,
unit kind, district, field, subject kind and campaign; quota compliance of every unit a quota
rule covers; the exemplars introduced to the media, the commendation proposals and the
coverage of the year. Choice values are kept as codes (their labels are translated when
shown); names are kept as they read at the time, so a published version never changes.
"""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import Coverage
from registry import tracking
from registry.enums import ExemplarStatus, SubjectKind
from registry.models import Exemplar

from .documents import describe_subject
from .models import (
    AwardProposal,
    Consolidation,
    ConsolidationVersion,
    MediaIntroduction,
)

SNAPSHOT_FORMAT = 1
PROVINCIAL_AREA = "__province__"


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
    units = []
    for unit in tracking.quota_standing(year):
        units.append(
            {
                "code": unit.code,
                "name": unit.name,
                "kind": unit.kind.name,
                "district": unit.district_name or "",
                "minimum": unit.minimum,
                "submitted": unit.submitted,
                "accepted": unit.accepted,
                "met": unit.accepted >= unit.minimum,
            }
        )
    by_kind: dict[str, dict] = {}
    for unit in units:
        row = by_kind.setdefault(unit["kind"], {"label": unit["kind"], "total": 0, "met": 0})
        row["total"] += 1
        row["met"] += unit["met"]
    return {
        "units": units,
        "by_kind": list(by_kind.values()),
        "behind": [unit["name"] for unit in units if not unit["met"]],
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
            "kind": p.kind,
            "proposing_unit": p.proposing_unit.name,
            "status": p.status,
            "decision_number": p.decision_number,
            "decision_date": p.decision_date.isoformat() if p.decision_date else "",
        }
        for p in proposals.select_related("exemplar__unit", "award", "proposing_unit").order_by(
            "award__order", "award__name", "exemplar__subject_key", "pk"
        )
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


def build_snapshot(*, year: int, campaign=None) -> dict:
    """Everything a consolidation shows, as plain data."""
    exemplars = _exemplars(year, campaign)
    submitted = Exemplar.objects.filter(year=year, status__in=tracking.SUBMITTED_STATUSES)
    if campaign is not None:
        submitted = submitted.filter(campaign=campaign)
    quota = _quota(year)
    proposals = _proposals(year, campaign)
    introductions = _introductions(year, campaign)
    coverage = _coverage(year, campaign)
    by_subject_kind = Counter(e["subject_kind"] for e in exemplars)
    return {
        "format": SNAPSHOT_FORMAT,
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
        "by_unit_kind": _tally(exemplars, "unit_kind"),
        "by_area": _tally(exemplars, "area"),
        "by_field": _tally(exemplars, "field"),
        "by_subject_kind": [
            {"label": kind.value, "count": by_subject_kind[kind.value]}
            for kind in SubjectKind
            if by_subject_kind[kind.value]
        ],
        "by_campaign": _tally(exemplars, "campaign"),
        "quota": quota,
        "introductions": introductions,
        "proposals": proposals,
        "coverage": coverage,
        "exemplars": exemplars,
    }


# Labels -----------------------------------------------------------------------------------


def total_labels() -> dict:
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
    consolidation = Consolidation(year=year, campaign=campaign, created_by=by)
    consolidation.validate_constraints()
    try:
        with transaction.atomic():
            consolidation.save()
    except IntegrityError as error:  # built at the same moment by someone else
        raise ValidationError(_("The consolidation of this year already exists.")) from error
    return consolidation


@transaction.atomic
def publish(*, consolidation: Consolidation, by, document_number: str = "") -> ConsolidationVersion:
    """Freeze what the consolidation shows now as its next numbered, dated version."""
    consolidation = Consolidation.objects.select_for_update().get(pk=consolidation.pk)
    if not consolidation.is_open:
        raise ValidationError(_("This consolidation is already published; reopen it first."))
    version = ConsolidationVersion.objects.create(
        consolidation=consolidation,
        number=consolidation.next_version_number(),
        document_number=document_number.strip(),
        published_at=timezone.now(),
        published_by=by,
        data=build_snapshot(year=consolidation.year, campaign=consolidation.campaign),
    )
    consolidation.status = Consolidation.Status.PUBLISHED
    consolidation.save(update_fields=["status", "updated_at"])
    return version


@transaction.atomic
def reopen(*, consolidation: Consolidation, by, reason: str) -> ConsolidationVersion:
    """Open a published consolidation again; the reason stays on the version it reopens."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give the reason for reopening."))
    consolidation = Consolidation.objects.select_for_update().get(pk=consolidation.pk)
    if consolidation.is_open:
        raise PermissionDenied
    version = consolidation.latest_version()
    version.reopened_at = timezone.now()
    version.reopened_by = by
    version.reopen_reason = reason
    version.save(update_fields=["reopened_at", "reopened_by", "reopen_reason"])
    consolidation.status = Consolidation.Status.OPEN
    consolidation.save(update_fields=["status", "updated_at"])
    return version


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


def compare(before: dict, after: dict) -> dict:
    """What changed from one version's snapshot to another's."""
    labels = total_labels()
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
    old_quota = {u["code"]: u for u in before["quota"]["units"]}
    new_quota = {u["code"]: u for u in after["quota"]["units"]}
    quota_changed = [
        {"name": unit["name"], "before": old_quota[code]["met"], "after": unit["met"]}
        for code, unit in new_quota.items()
        if code in old_quota and old_quota[code]["met"] != unit["met"]
    ]
    statuses = dict(AwardProposal.Status.choices)

    def proposals(data):
        return {(p["code"], p["award"]): p for p in data["proposals"]}

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
