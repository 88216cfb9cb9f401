"""Quotas, follow-up and the annual registration of new factors: reads and writes.

- Quota progress (plan VI.7-VI.8): for a unit and a year, the minimum of the quota rule,
  how many exemplars were sent up (``SUBMITTED_STATUSES``) and accepted, and the deadline
  (``QuotaRule.deadline_day``/``deadline_month``, data like the minimum).
- Units behind quota: every active unit whose accepted exemplars are fewer than its minimum,
  counted in SQL (one query whatever the number of units), and the reminders sent to them.
- Follow-up (plan II.3): dated assessments of accepted exemplars, and the accepted exemplars
  nobody followed up in the last twelve months.
- Registration and nurturing (plan II, III.2): a unit's new factors of a year with the
  latest nurturing note of each.

Who may do what is in ``registry/rules.py``; which rows a user reaches is
``selectors.unit_scope_filter``.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FilteredRelation,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    When,
)
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import override

from .enums import ExemplarStatus as S
from .enums import Role
from .models import Exemplar, FollowUp, Notification, NurturingNote, QuotaRule, Unit, User
from .selectors import unit_scope_filter
from .tasks import send_portal_mail

# Sent up and not sent back: what counts as "submitted" towards the quota.
SUBMITTED_STATUSES = frozenset({S.SUBMITTED_TO_DISTRICT, S.UNDER_REVIEW, S.ACCEPTED})
# Who hears about their unit's quota.
UNIT_STAFF_ROLES = (Role.UNIT_EDITOR, Role.UNIT_HEAD)


# Quota progress ---------------------------------------------------------------------------


@dataclass(frozen=True)
class QuotaProgress:
    """Where a unit stands against its quota in one year.

    ``minimum`` is ``None`` when no quota rule applies to the unit's kind in that year; such
    a unit is neither met nor behind.
    """

    unit: Unit
    year: int
    minimum: int | None
    submitted: int
    accepted: int
    deadline: datetime.date | None
    today: datetime.date

    @property
    def has_rule(self) -> bool:
        return self.minimum is not None

    @property
    def met(self) -> bool:
        return self.has_rule and self.accepted >= self.minimum

    @property
    def behind(self) -> bool:
        return self.has_rule and self.accepted < self.minimum

    @property
    def remaining(self) -> int:
        """Accepted exemplars still missing to reach the minimum."""
        return max((self.minimum or 0) - self.accepted, 0)

    @property
    def overdue(self) -> bool:
        """Behind, and the deadline has passed."""
        return self.behind and self.deadline is not None and self.today > self.deadline

    @property
    def days_left(self) -> int | None:
        if self.deadline is None:
            return None
        return (self.deadline - self.today).days

    @property
    def percent(self) -> int:
        """Accepted as a share of the minimum, for a progress bar (0-100)."""
        if not self.minimum:
            return 100 if self.has_rule else 0
        return min(100, round(100 * self.accepted / self.minimum))


def _rules_in(year: int) -> QuerySet:
    # Overlapping rules are refused by ``QuotaRule.clean``; the latest start wins regardless.
    return QuotaRule.objects.active_in(year).order_by(F("valid_from").desc(nulls_last=True), "-pk")


def quota_progress(*, unit: Unit, year: int, today: datetime.date | None = None) -> QuotaProgress:
    """The unit's quota in ``year``: minimum, submitted, accepted, deadline (two queries)."""
    rule = _rules_in(year).filter(unit_kind_id=unit.kind_id).first()
    counts = Exemplar.objects.filter(unit=unit, year=year).aggregate(
        submitted=Count("pk", filter=Q(status__in=SUBMITTED_STATUSES)),
        accepted=Count("pk", filter=Q(status=S.ACCEPTED)),
    )
    return QuotaProgress(
        unit=unit,
        year=year,
        minimum=rule.minimum if rule else None,
        submitted=counts["submitted"],
        accepted=counts["accepted"],
        deadline=rule.deadline_for(year) if rule else None,
        today=today or timezone.localdate(),
    )


def _district_of_unit(prefix: str = "") -> dict:
    """The reviewing district of a unit (its parent when the parent reviews its children)."""
    reviews = Q(**{f"{prefix}parent__kind__reviews_children": True})
    return {
        "district_code": Case(When(reviews, then=F(f"{prefix}parent__code")), default=None),
        "district_name": Case(When(reviews, then=F(f"{prefix}parent__name")), default=None),
    }


def quota_standing(year: int) -> QuerySet:
    """Active units of ``year`` that a quota rule covers, with their counts (one query).

    The minimum and the deadline come from the quota rule of the unit's kind (subqueries),
    the submitted and accepted counts from ``Count`` with a filter.
    """
    rule = _rules_in(year).filter(unit_kind=OuterRef("kind"))
    return (
        Unit.objects.active_in(year)
        .select_related("kind", "parent")
        .annotate(
            # The join takes the year's exemplars only, not every year's (the counts of a
            # province with ten years of records stay quick).
            year_exemplars=FilteredRelation("exemplars", condition=Q(exemplars__year=year)),
            minimum=Subquery(rule.values("minimum")[:1]),
            deadline_month=Subquery(rule.values("deadline_month")[:1]),
            deadline_day=Subquery(rule.values("deadline_day")[:1]),
            submitted=Count(
                "year_exemplars", filter=Q(year_exemplars__status__in=SUBMITTED_STATUSES)
            ),
            accepted=Count("year_exemplars", filter=Q(year_exemplars__status=S.ACCEPTED)),
            **_district_of_unit(),
        )
        .filter(minimum__isnull=False)
        .order_by(
            "kind__order", "kind__name", F("district_name").asc(nulls_first=True), "name", "pk"
        )
    )


def _behind_quota(year: int) -> QuerySet:
    """Active units of ``year`` with fewer accepted exemplars than their minimum (one
    query: the counts compared in ``HAVING``)."""
    return quota_standing(year).filter(accepted__lt=F("minimum"))


def units_behind_quota(
    *,
    year: int,
    user,
    query: str = "",
    kind=None,
    district_code: str = "",
) -> QuerySet:
    """Units behind their quota in ``year`` among those ``user`` reaches, filtered.

    Ordered by unit kind, then (communes) by district, then by name. Each row carries
    ``minimum``, ``submitted``, ``accepted``, ``deadline_day``/``deadline_month`` and
    ``district_code``/``district_name``. The query count does not grow with the units.
    """
    units = _behind_quota(year).filter(unit_scope_filter(user))
    if query:
        # Searched apart, so that the search never mixes with the counts' GROUP BY.
        units = units.filter(pk__in=Unit.objects.search(query).values("pk"))
    if kind is not None:
        units = units.filter(kind=kind)
    if district_code:
        units = units.filter(parent__code=district_code, parent__kind__reviews_children=True)
    return units


def behind_quota_summary(*, year: int, behind: QuerySet) -> dict:
    """How many units are behind, per unit kind and per district (three queries).

    ``behind`` is a result of ``units_behind_quota``; ``active`` counts the units of the
    kind that a quota rule covers in ``year``, so a line reads "3 of 12".
    """
    ids = behind.values("pk")
    by_kind = list(
        Unit.objects.filter(pk__in=ids)
        .values("kind_id", "kind__code", "kind__name", "kind__order")
        .annotate(behind=Count("pk"))
        .order_by("kind__order", "kind__name")
    )
    active = dict(
        Unit.objects.active_in(year)
        .filter(kind_id__in=[row["kind_id"] for row in by_kind])
        .values("kind_id")
        .annotate(n=Count("pk"))
        .values_list("kind_id", "n")
    )
    for row in by_kind:
        row["active"] = active.get(row["kind_id"], 0)
    by_district = list(
        Unit.objects.filter(pk__in=ids)
        .annotate(**_district_of_unit())
        .filter(district_code__isnull=False)
        .values("district_code", "district_name")
        .annotate(behind=Count("pk"))
        .order_by("district_name")
    )
    return {"by_kind": by_kind, "by_district": by_district}


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


def _reminder_prefix() -> str:
    return _("Quota reminder:")


def _day_bounds(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    return start, start + datetime.timedelta(days=1)


def send_quota_reminders(*, year: int, dry_run: bool = False) -> ReminderReport:
    """Remind every unit behind its quota in ``year`` (at most once a day per unit).

    Side effects (unless ``dry_run``): one ``Notification`` for each active editor and head
    of the unit, and one e-mail each queued with ``send_portal_mail``. A unit whose staff
    already got a quota reminder today is skipped; so is a unit with nobody to remind.
    Messages are written in Vietnamese, the portal's language.
    """
    report = ReminderReport(year=year, dry_run=dry_run)
    today = timezone.localdate()
    start, end = _day_bounds(today)
    units = list(_behind_quota(year))
    report.behind = len(units)
    staff = {}
    for user in User.objects.filter(
        unit__in=units, role__in=UNIT_STAFF_ROLES, is_active=True
    ).order_by("pk"):
        staff.setdefault(user.unit_id, []).append(user)
    with override("vi"):
        prefix = _reminder_prefix()
        reminded_today = set(
            Notification.objects.filter(
                recipient__unit__in=units,
                recipient__role__in=UNIT_STAFF_ROLES,
                kind=Notification.Kind.QUOTA_REMINDER,
                created_at__gte=start,
                created_at__lt=end,
            ).values_list("recipient__unit_id", flat=True)
        )
        link = settings.PORTAL["BASE_URL"].rstrip("/") + reverse(
            "registry:registration", kwargs={"code": "CODE"}
        )
        for unit in units:
            deadline = datetime.date(year, unit.deadline_month, unit.deadline_day)
            facts = {
                "unit": unit.name,
                "year": year,
                "accepted": unit.accepted,
                "minimum": unit.minimum,
                "submitted": unit.submitted,
                "deadline": date_format(deadline, "SHORT_DATE_FORMAT"),
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
            message = (
                prefix
                + " "
                + _(
                    "%(unit)s, year %(year)s: %(accepted)s accepted of at least %(minimum)s "
                    "exemplars (%(submitted)s sent). Deadline: %(deadline)s."
                )
                % facts
            )[:500]
            report.reminded.append(unit.code)
            report.people += len(recipients)
            report.lines.append(
                _("%(unit)s: %(accepted)s / %(minimum)s, reminded %(people)s people.")
                % {**facts, "people": len(recipients)}
            )
            if dry_run:
                continue
            with transaction.atomic():
                Notification.objects.bulk_create(
                    [
                        Notification(
                            recipient=user, message=message, kind=Notification.Kind.QUOTA_REMINDER
                        )
                        for user in recipients
                    ]
                )
            body = "\n\n".join(
                [
                    message,
                    _(
                        "Please register, complete and send the unit's exemplars to the "
                        "Department of Home Affairs before the deadline."
                    ),
                    _("Open it in the portal: %(link)s")
                    % {"link": link.replace("CODE", unit.code)},
                ]
            )
            for user in recipients:
                if user.email:
                    send_portal_mail.enqueue(subject=message[:150], body=body, to=[user.email])
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
        Exemplar.objects.visible_to(user)
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
def follow_up_create(*, exemplar, by, values: dict) -> FollowUp:
    """Record one follow-up of an accepted exemplar.

    Side effects: one ``FollowUp`` row and its history entry. Raises ``PermissionDenied``
    unless ``by`` may follow the exemplar up (``registry.follow_up_exemplar``).
    """
    if not by.has_perm("registry.follow_up_exemplar", exemplar):
        raise PermissionDenied
    follow_up = FollowUp(exemplar=exemplar, by=by, **values)
    follow_up.full_clean()
    follow_up.save()
    return follow_up


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


@transaction.atomic
def nurturing_note_create(*, exemplar, by, values: dict) -> NurturingNote:
    """Record support given to a new factor and what it still has to fix.

    Side effects: one ``NurturingNote`` row and its history entry. Raises
    ``PermissionDenied`` unless ``by`` may nurture the exemplar (``registry.nurture_exemplar``).
    """
    if not by.has_perm("registry.nurture_exemplar", exemplar):
        raise PermissionDenied
    note = NurturingNote(exemplar=exemplar, by=by, **values)
    note.full_clean()
    note.save()
    return note
