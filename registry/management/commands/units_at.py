from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from exemplar_portal.base.commands import PortalCommand, day
from registry.models import Unit, UnitKind


class Command(PortalCommand):
    help = "List the units in force on a date (optionally of one kind), as text or JSON."
    prints_json = True

    def add_arguments(self, parser):
        parser.add_argument("date", type=day, help="The day, as 2025-07-01 or 01/07/2025.")
        parser.add_argument("--kind", default="", help="A unit kind code, e.g. commune.")
        super().add_arguments(parser)

    def handle(self, *args, date, kind="", json=False, **options):
        units = Unit.objects.active_on(date).select_related("kind", "parent")
        if kind:
            if not UnitKind.objects.filter(code=kind).exists():
                codes = ", ".join(UnitKind.objects.values_list("code", flat=True))
                raise CommandError(
                    _("Unknown unit kind: %(kind)s (known: %(codes)s).")
                    % {"kind": kind, "codes": codes}
                )
            units = units.filter(kind__code=kind)
        units = list(units.order_by("kind__order", "name", "code"))
        if json:
            self.write_json(_data(date, units))
            return
        for unit in units:
            self.stdout.write(f"{unit.code}\t{unit.kind.code}\t{unit.name}\t{unit.period_display}")
        self.stdout.write(
            self.style.SUCCESS(
                _("%(count)d units in force on %(day)s.")
                % {"count": len(units), "day": date.strftime("%d/%m/%Y")}
            )
        )


def _data(day, units) -> dict:
    return {
        "date": day.isoformat(),
        "count": len(units),
        "units": [
            {
                "code": unit.code,
                "name": unit.name,
                "kind": unit.kind.code,
                "parent": unit.parent.code if unit.parent_id else None,
                "valid_from": unit.valid_from.isoformat() if unit.valid_from else None,
                "valid_until": unit.valid_until.isoformat() if unit.valid_until else None,
            }
            for unit in units
        ],
    }
