"""Move units from years to days, and quotas and the catalogue under the plan that sets them.

- A unit's first year becomes 1 January, its last year 31 December; a unit whose years meet
  the local government reform (ended in 2025, begun in 2025) gets the reform's days: last day
  30/6/2025, first day 1/7/2025. ``manage.py load_units`` then gives each known unit its
  own days (departments merged on 1/3/2025, the press on 2/5/2025). History rows move too,
  so documents that show a unit as it was keep working.
- Each quota rule joins the plan whose period holds its first year; the yearly deadline of
  30/11 was the portal's own default, not the plan's, so plans start without one. A
  district's 5 are "the locality's" exemplars (plan VI.8), so its rule counts what it
  endorsed for its communes.
- The 2023-2025 plan adopts the published catalogue of those years, which now ends in 2025.
- A sub-board kind without a quota (Ban Thi đua - Khen thưởng under Sở Nội vụ).
- Exemplars already sent to a district keep that district as their first reviewer.
"""

import datetime

from django.db import migrations

REFORM_LAST_DAY = datetime.date(2025, 6, 30)
REFORM_FIRST_DAY = datetime.date(2025, 7, 1)


def _first_day(year):
    if year is None:
        return None
    return REFORM_FIRST_DAY if year == 2025 else datetime.date(year, 1, 1)


def _last_day(year):
    if year is None:
        return None
    return REFORM_LAST_DAY if year == 2025 else datetime.date(year, 12, 31)


def units_to_days(apps, schema_editor):
    for model in ("Unit", "HistoricalUnit"):
        Model = apps.get_model("registry", model)
        for row in Model.objects.exclude(valid_from_year__isnull=True, valid_to__isnull=True):
            Model.objects.filter(pk=row.pk).update(
                valid_from=_first_day(row.valid_from_year), valid_until=_last_day(row.valid_to)
            )


def quotas_to_plans(apps, schema_editor):
    Plan = apps.get_model("registry", "Plan")
    QuotaRule = apps.get_model("registry", "QuotaRule")
    CatalogueVersion = apps.get_model("registry", "CatalogueVersion")
    for rule in QuotaRule.objects.order_by("-valid_from", "-pk"):
        year = rule.valid_from or rule.valid_to
        plan = (
            Plan.objects.filter(period_from__lte=year, period_to__gte=year).first()
            if year
            else Plan.objects.order_by("period_from").first()
        )
        if plan is None or QuotaRule.objects.filter(plan=plan, unit_kind=rule.unit_kind).exists():
            # No plan sets it, or a later rule of the same plan and kind already does.
            rule.delete()
            continue
        rule.plan = plan
        # The plan's district quota is of "the locality's" exemplars (VI.8): those of its
        # communes that it endorsed count too.
        rule.counts_endorsed = rule.unit_kind.code == "district"
        rule.save(update_fields=["plan", "counts_endorsed"])
    for plan in Plan.objects.filter(catalogue__isnull=True):
        version = (
            CatalogueVersion.objects.filter(published=True, valid_from__lte=plan.period_to)
            .order_by("-valid_from")
            .first()
        )
        if version is not None:
            plan.catalogue = version
            plan.save(update_fields=["catalogue"])
            if version.valid_to is None:
                version.valid_to = plan.period_to
                version.save(update_fields=["valid_to"])


def sub_board_kind(apps, schema_editor):
    UnitKind = apps.get_model("registry", "UnitKind")
    UnitKind.objects.get_or_create(
        code="sub-board",
        defaults={"name": "Ban, chi cục trực thuộc sở", "order": 12, "reviews_children": False},
    )


def first_reviewers(apps, schema_editor):
    Exemplar = apps.get_model("registry", "Exemplar")
    Transition = apps.get_model("registry", "Transition")
    sent_to_district = Transition.objects.filter(to_status="submitted_to_district").values(
        "exemplar_id"
    )
    for exemplar in Exemplar.objects.filter(pk__in=sent_to_district).select_related(
        "unit__parent__kind"
    ):
        parent = exemplar.unit.parent
        if parent is not None and parent.kind.reviews_children:
            Exemplar.objects.filter(pk=exemplar.pk).update(reviewer_unit=parent)


def forwards(apps, schema_editor):
    units_to_days(apps, schema_editor)
    quotas_to_plans(apps, schema_editor)
    sub_board_kind(apps, schema_editor)
    first_reviewers(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("registry", "0010_reform")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
