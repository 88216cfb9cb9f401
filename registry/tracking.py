"""Quotas, follow-up and the annual registration of new factors: reads and writes.

- Quota progress (plan VI.7-VI.8): for a unit and a year, the minimum the plan in force
  sets, how many exemplars were sent up (``SUBMITTED_STATUSES``) and accepted, and the
  plan's deadline; who owes a quota in a reform year is ``registry.quotas``.
- Units behind quota: every obligation of the year not yet met, and the reminders sent.
- Follow-up (plan II.3): dated assessments of accepted exemplars, and the accepted exemplars
  nobody followed up in the last twelve months.
- Registration and nurturing (plan II, III.2): a unit's new factors of a year with the
  latest nurturing note of each.

Who may do what is in ``registry/rules.py``; which rows a user reaches is
``selectors.unit_scope_filter``.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import (
    Exists,
    F,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
)
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override

from . import phrases, quotas
from .enums import ExemplarStatus as S
from .enums import Role
from .models import Exemplar, FollowUp, Notification, NurturingNote, Unit, User
from .notifications import notify
from .phrases import Phrase
from .quotas import QuotaProgress
from .selectors import unit_ids_in_scope

# Sent up and not sent back: what counts as "submitted" (the quota rule's own definition).
SUBMITTED_STATUSES = quotas.SUBMITTED_STATUSES
# Who hears about their unit's quota.
UNIT_STAFF_ROLES = (Role.UNIT_EDITOR, Role.UNIT_HEAD)


# Quota progress (the rule itself is ``registry.quotas``) ------------------------------------


def quota_progress(*, unit: Unit, year: int, today: datetime.date | None = None) -> QuotaProgress:
    """The unit's quota in ``year``: minimum, what counts toward it, the plan's deadline."""
    return quotas.progress(unit=unit, year=year, today=today)


def quota_standing(year: int, *, today: datetime.date | None = None) -> list[QuotaProgress]:
    """Every obligation of ``year``, each once, in report order (see ``registry.quotas``)."""
    return quotas.standing(year, today=today).rows


def filter_obligations(
    rows: list[QuotaProgress],
    *,
    user,
    query: str = "",
    kind=None,
    district_code: str = "",
) -> list[QuotaProgress]:
    """The obligations of units ``user`` reaches, narrowed by a search, a kind, a district."""
    scope = unit_ids_in_scope(user)
    found = set(Unit.objects.search(query).values_list("pk", flat=True)) if query else None
    return [
        row
        for row in rows
        if (scope is None or row.unit.pk in scope)
        and (found is None or row.unit.pk in found)
        and (kind is None or row.unit.kind_id == kind.pk)
        and (not district_code or row.district_code == district_code)
    ]


def units_behind_quota(
    *, year: int, user, today: datetime.date | None = None, **filters
) -> list[QuotaProgress]:
    """Obligations of ``year`` not yet met among the units ``user`` reaches, filtered
    (``filters``: those of ``filter_obligations``).

    Ordered by unit kind, then (communes) by reviewing district, then by name.
    """
    rows = filter_obligations(quota_standing(year, today=today), user=user, **filters)
    return [row for row in rows if row.behind]


def behind_quota_summary(
    *, year: int, behind: list[QuotaProgress], rows: list[QuotaProgress] | None = None
) -> dict:
    """How many units are behind, per unit kind and per district.

    ``active`` counts the units of the kind that owe a quota in ``year`` (among ``rows`` when
    given, e.g. those a user reaches), so a line reads "3 of 12".
    """
    owing = quotas.kind_totals(quota_standing(year) if rows is None else rows)
    kinds: dict[int, dict] = {}
    districts: dict[str, dict] = {}
    for row in behind:
        kind = row.unit.kind
        entry = kinds.setdefault(
            kind.pk,
            {
                "kind_id": kind.pk,
                "kind__code": kind.code,
                "kind__name": kind.label,
                "kind__order": kind.order,
                "behind": 0,
                "active": owing.get(kind.pk, 0),
            },
        )
        entry["behind"] += 1
        if row.district_code:
            district = districts.setdefault(
                row.district_code,
                {
                    "district_code": row.district_code,
                    "district_name": row.district_name,
                    "behind": 0,
                },
            )
            district["behind"] += 1
    return {
        "by_kind": sorted(kinds.values(), key=lambda e: (e["kind__order"], e["kind__name"])),
        "by_district": sorted(districts.values(), key=lambda e: e["district_name"]),
    }


# Reminders --------------------------------------------------------------------------------


@dataclass
class ReminderReport:
    year: int
    dry_run: bool
    behind: int = 0
    reminded: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    nobody: list[str] = field(default_factory=list)
    people: int = 0
    lines: list[str] = field(default_factory=list)


def _day_bounds(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    return start, start + datetime.timedelta(days=1)


def send_quota_reminders(*, year: int, dry_run: bool = False) -> ReminderReport:
    """Remind every unit behind its quota in ``year`` (at most once a day per unit).

    Side effects (unless ``dry_run``): one ``Notification`` for each active editor and head
    of the unit, and one e-mail each queued with ``send_portal_mail``, as each unit's
    reminders commit (``notifications.notify``). A unit whose staff
    already got a quota reminder today is skipped; so is a unit with nobody to remind.
    Each person reads the reminder in their own language.
    """
    report = ReminderReport(year=year, dry_run=dry_run)
    today = timezone.localdate()
    start, end = _day_bounds(today)
    rows = quotas.standing(year).behind
    units = [row.unit for row in rows]
    report.behind = len(rows)
    staff = {}
    for user in User.objects.filter(
        unit__in=units, role__in=UNIT_STAFF_ROLES, is_active=True
    ).order_by("pk"):
        staff.setdefault(user.unit_id, []).append(user)
    with override("vi"):
        reminded_today = set(
            Notification.objects.filter(
                recipient__unit__in=units,
                recipient__role__in=UNIT_STAFF_ROLES,
                kind=Notification.Kind.QUOTA_REMINDER,
                created_at__gte=start,
                created_at__lt=end,
            ).values_list("recipient__unit_id", flat=True)
        )
        path = reverse("registry:registration", kwargs={"code": "CODE"})
        for row in rows:
            unit = row.unit
            facts = {
                "unit": unit.name,
                "year": year,
                "accepted": row.accepted,
                "minimum": row.minimum,
                "submitted": row.submitted,
                "deadline": date_format(row.deadline, "SHORT_DATE_FORMAT")
                if row.deadline
                else _("none set by the plan"),
            }
            recipients = staff.get(unit.pk, [])
            if unit.pk in reminded_today:
                report.already.append(unit.code)
                report.lines.append(_("%(unit)s: already reminded today.") % facts)
                continue
            if not recipients:
                report.nobody.append(unit.code)
                report.lines.append(_("%(unit)s: no editor or head to remind.") % facts)
                continue
            report.reminded.append(unit.code)
            report.people += len(recipients)
            report.lines.append(
                _("%(unit)s: %(accepted)s / %(minimum)s, reminded %(people)s people.")
                % {**facts, "people": len(recipients)}
            )
            if dry_run:
                continue
            # Each person reads the reminder in their own language (``registry.phrases``).
            message = phrases.sentences(
                phrases.text(gettext_noop("Quota reminder:")),
                Phrase(
                    gettext_noop(
                        "%(unit)s, year %(year)s: %(accepted)s accepted of at least "
                        "%(minimum)s exemplars (%(submitted)s sent). Deadline: %(deadline)s."
                    ),
                    **{
                        **facts,
                        "deadline": phrases.date(row.deadline)
                        if row.deadline
                        else phrases.text(gettext_noop("none set by the plan")),
                    },
                ),
            )
            with transaction.atomic():
                notify(
                    recipients,
                    message=message,
                    url=path.replace("CODE", unit.code),
                    kind=Notification.Kind.QUOTA_REMINDER,
                    details=[
                        Phrase(
                            gettext_noop(
                                "Please register, complete and send the unit's exemplars to "
                                "the Department of Home Affairs before the deadline."
                            )
                        )
                    ],
                )
    return report


# Follow-up --------------------------------------------------------------------------------


def twelve_months_before(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def follow_up_gaps(
    *,
    user,
    today: datetime.date | None = None,
    query: str = "",
    year: int | None = None,
    unit_kind=None,
) -> QuerySet:
    """Accepted exemplars the user reaches with no follow-up in the last twelve months.

    Each row carries ``last_follow_up`` (the date of the latest one, or ``None``); those
    never followed up come first, then the longest waiting.
    """
    cutoff = twelve_months_before(today or timezone.localdate())
    follow_ups = FollowUp.objects.filter(exemplar=OuterRef("pk"))
    exemplars = (
        Exemplar.objects.restrict(user)
        .filter(status=S.ACCEPTED)
        .exclude(Exists(follow_ups.filter(date__gte=cutoff)))
        .annotate(last_follow_up=Subquery(follow_ups.order_by("-date").values("date")[:1]))
        .select_related("unit", "unit__kind", "field")
    )
    if query:
        exemplars = exemplars.search(query)
    if year:
        exemplars = exemplars.filter(year=year)
    if unit_kind is not None:
        exemplars = exemplars.filter(unit__kind=unit_kind)
    return exemplars.order_by(F("last_follow_up").asc(nulls_first=True), "status_changed_at", "pk")


def exemplar_follow_ups(*, exemplar) -> QuerySet:
    return exemplar.follow_ups.select_related("by").order_by("-date", "-pk")


def exemplar_nurturing_notes(*, exemplar) -> QuerySet:
    return exemplar.nurturing_notes.select_related("by").order_by("-date", "-pk")


@transaction.atomic
def _note_create(model, permission: str, *, exemplar, by, values: dict):
    """One ``model`` row about ``exemplar`` by ``by`` and its history entry, if ``by`` has
    ``permission`` on the exemplar (else ``PermissionDenied``)."""
    if not by.has_perm(permission, exemplar):
        raise PermissionDenied
    note = model(exemplar=exemplar, by=by, **values)
    note.full_clean()
    note.save()
    return note


def follow_up_create(*, exemplar, by, values: dict) -> FollowUp:
    """Record one follow-up of an accepted exemplar.

    Side effects: one ``FollowUp`` row and its history entry. Raises ``PermissionDenied``
    unless ``by`` may follow the exemplar up (``registry.follow_up_exemplar``).
    """
    permission = "registry.follow_up_exemplar"
    return _note_create(FollowUp, permission, exemplar=exemplar, by=by, values=values)


# Registration and nurturing ---------------------------------------------------------------


def registration_list(*, unit, year: int, query: str = "", status: str = "") -> QuerySet:
    """The unit's new factors registered for ``year``, each with its nurturing notes.

    ``latest_notes`` on each row holds the notes newest first (``latest_notes.0`` is the
    latest); the notes of a page come in one query.
    """
    exemplars = (
        Exemplar.objects.filter(unit=unit, year=year, is_new_factor=True)
        .select_related("field")
        .prefetch_related(
            Prefetch(
                "nurturing_notes",
                queryset=NurturingNote.objects.order_by("-date", "-pk"),
                to_attr="latest_notes",
            )
        )
    )
    if query:
        exemplars = exemplars.search(query)
    if status:
        exemplars = exemplars.filter(status=status)
    return exemplars.order_by("search_text", "pk")


def nurturing_note_create(*, exemplar, by, values: dict) -> NurturingNote:
    """Record support given to a new factor and what it still has to fix.

    Side effects: one ``NurturingNote`` row and its history entry. Raises
    ``PermissionDenied`` unless ``by`` may nurture the exemplar (``registry.nurture_exemplar``).
    """
    permission = "registry.nurture_exemplar"
    return _note_create(NurturingNote, permission, exemplar=exemplar, by=by, values=values)
