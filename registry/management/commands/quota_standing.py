from django.utils.translation import gettext as _

from exemplar_portal.base.commands import PortalCommand
from registry import quotas


class Command(PortalCommand):
    help = (
        "List each unit that owes a quota in a year, once, with its minimum, what counts "
        "toward it and its standing, under the plan in force (text or JSON)."
    )
    year_help = "Default: the current year."
    prints_json = True

    def handle(self, *args, year, json=False, **options):
        standing = quotas.standing(year)
        rows = [_row(row) for row in standing.rows]
        met = sum(1 for row in rows if row["standing"] == "met")
        counts = {"count": len(rows), "met": met, "behind": len(rows) - met}
        if json:
            self.write_json(
                {
                    "year": year,
                    "plan": standing.plan.short_label if standing.plan else None,
                    **counts,
                    "obligations": rows,
                    "unattributed": [
                        {
                            "code": unit.code,
                            "accepted": tally.accepted,
                            "submitted": tally.submitted,
                        }
                        for unit, tally in standing.unattributed
                    ],
                }
            )
            return
        if standing.plan is None:
            self.stdout.write(
                self.style.WARNING(
                    _("No plan covers %(year)s: no unit owes a quota.") % {"year": year}
                )
            )
            return
        self.stdout.write(str(standing.plan.short_label))
        for row in rows:
            inherited = ", ".join(row["inherited_from"])
            self.stdout.write(
                f"{row['code']}\t{row['kind']}\t{row['name']}\t{row['accepted']}/{row['minimum']}"
                f"\t{row['standing']}" + (f"\t← {inherited}" if inherited else "")
            )
        self.stdout.write(
            self.style.SUCCESS(
                _("%(count)d obligations in %(year)s: %(met)d met, %(behind)d behind.")
                % {"year": year, **counts}
            )
        )


def _row(row: quotas.QuotaProgress) -> dict:
    return {
        "code": row.unit.code,
        "name": row.unit.name,
        "kind": row.unit.kind.code,
        "minimum": row.minimum,
        "accepted": row.accepted,
        "submitted": row.submitted,
        "own": row.own.accepted,
        "inherited": row.inherited.accepted,
        "endorsed": row.endorsed.accepted,
        "inherited_from": [unit.code for unit in row.predecessors],
        "standing": "met" if row.met else ("overdue" if row.overdue else "behind"),
        "deadline": row.deadline.isoformat() if row.deadline else None,
    }
