"""Writing plans: the next plan as a copy of the current one.

A province issues a plan every few years, and the next one mostly repeats the last: the
same quotas, the same catalogue, the same way of counting. Copying saves retyping it, but
only what can still apply is copied: a quota rule of a unit kind that no longer exists
(districts, after 2025) stays behind, and nothing of the issued document (its number and
date) is carried over, since the new plan is not issued yet.
"""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from .models import Plan, QuotaRule, UnitKind

YEAR = re.compile(r"\b(19[4-9]\d|20\d\d|2100)\b")


def next_period(plan: Plan) -> tuple[int, int]:
    """The period right after ``plan``'s, of the same length."""
    length = plan.period_to - plan.period_from + 1
    return plan.period_to + 1, plan.period_to + length


def shift_years(text: str, plan: Plan, first: int, last: int) -> str:
    """``text`` with the plan's first and last years replaced by the new ones ("giai đoạn
    2023 - 2025" → "giai đoạn 2026 - 2028"); other years are left as they are. One pass, so
    a replaced year is never replaced again."""
    mapping = {str(plan.period_from): str(first), str(plan.period_to): str(last)}
    return YEAR.sub(lambda match: mapping.get(match.group(1), match.group(1)), text)


def overlapping_plan(first: int, last: int, *, exclude=None) -> Plan | None:
    plans = Plan.objects.filter(Q(period_from__lte=last), Q(period_to__gte=first))
    if exclude is not None:
        plans = plans.exclude(pk=exclude.pk)
    return plans.order_by("period_from").first()


def plan_copy(*, plan: Plan, by) -> Plan:
    """Create the plan of the period after ``plan``'s, as a draft to complete.

    The new plan has the same length, subject (its years moved on), issuer, catalogue,
    deadline and way of counting quotas, no number or date, and the quota rules of the unit
    kinds still in force in its first year. Raises ``ValidationError`` when a plan already
    covers any of its years. Side effects: the plan and its rules, each with a history entry
    naming ``by``.
    """
    first, last = next_period(plan)
    with transaction.atomic():
        # Locks the plans, so two people copying at once do not both create one.
        list(Plan.objects.select_for_update().filter(period_to__gte=first))
        existing = overlapping_plan(first, last)
        if existing is not None:
            raise ValidationError(
                _(
                    "%(plan)s already covers some of the years %(first)s - %(last)s: the copy "
                    "would overlap it. Open that plan instead."
                )
                % {"plan": existing.short_label, "first": first, "last": last}
            )
        reason = _("Copied from %(plan)s") % {"plan": plan.short_label}
        kept = {f.attname: getattr(plan, f.attname) for f in Plan._meta.concrete_fields}
        title = shift_years(plan.title, plan, first, last)
        copy = Plan(
            **{**kept, **NOT_COPIED, "title": title, "period_from": first, "period_to": last}
        )
        _save_copy(copy, by, reason)
        kinds_in_force = set(UnitKind.objects.active_in(first).values_list("pk", flat=True))
        for rule in plan.quota_rules.select_related("unit_kind").order_by("unit_kind__order"):
            if rule.unit_kind_id in kinds_in_force:
                source = shift_years(rule.source, plan, first, last)
                kept = {"minimum": rule.minimum, "counts_endorsed": rule.counts_endorsed}
                new_rule = QuotaRule(plan=copy, unit_kind=rule.unit_kind, source=source, **kept)
                _save_copy(new_rule, by, reason)
    return copy


# A copy takes every field of its plan but these: its own, and what a new plan starts without.
NOT_COPIED = {"id": None, "number": "", "signed_on": None, "note": ""}


def _save_copy(row, by, reason) -> None:
    row.full_clean()
    row._history_user = by
    row._change_reason = reason
    row.save()
    # The reason belongs to this entry only, not to the caller's next save.
    del row._change_reason
