"""Accounts and facts for a load run, written to a JSON plan that the locustfile reads.

    python -m tests.load.seed --out plan.json [--editors 40 --heads 10 ...]

Run by ``tests/load/run.py`` against the run's own database after ``load_demo`` and
``generate_scale_data``. Besides the demo accounts (``registry/demo.py``) it makes more
accounts of each role, so that two hundred simulated people are not all the same dozen:
editors and heads of the units that hold the most exemplars, Home Affairs staff, media
editors, leaders and administrators, all with the demo password. It also records the
import's header row (in Vietnamese, as the template has it) and the size of the data.
"""

import argparse
import json
import os
import sys
from pathlib import Path


def import_header() -> list[dict]:
    """The exemplar import's columns: key and header label, in Vietnamese as the template."""
    from django.utils import translation

    from registry.spreadsheets.kinds import KINDS

    with translation.override("vi"):
        return [
            {"key": key, "label": str(label)}
            for key, label in KINDS["exemplars"].resource.import_columns()
        ]


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--editors", type=int, default=40)
    parser.add_argument("--heads", type=int, default=10)
    parser.add_argument("--home-affairs", type=int, default=5)
    parser.add_argument("--media", type=int, default=3)
    parser.add_argument("--leaders", type=int, default=3)
    parser.add_argument("--administrators", type=int, default=2)
    args = parser.parse_args(argv)

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "exemplar_portal.settings")
    import django

    django.setup()

    from django.contrib.auth.hashers import make_password
    from django.db.models import Count
    from django.utils import timezone, translation

    from registry.demo import ACCOUNTS, DEMO_PASSWORD
    from registry.enums import Role
    from registry.models import Exemplar, Field, Unit, User

    today = timezone.localdate()
    busiest = [
        row["unit"]
        for row in Exemplar.objects.filter(unit__in=Unit.objects.active_on(today))
        .exclude(unit__kind__code="province")
        .values("unit")
        .annotate(n=Count("id"))
        .order_by("-n", "unit")[: max(args.editors, args.heads)]
    ]
    units = Unit.objects.in_bulk(busiest)
    busiest = [units[pk] for pk in busiest]
    if not busiest:
        raise SystemExit("No unit holds exemplars: run generate_scale_data first.")

    def fixed(code):
        return Unit.objects.get(code=code)

    wanted = []  # (username, full name, role, unit)
    for n in range(args.editors):
        unit = busiest[n % len(busiest)]
        wanted.append((f"tai.canbo.{n:03d}", f"Cán bộ thử tải {n}", Role.UNIT_EDITOR, unit))
    for n in range(args.heads):
        unit = busiest[n % len(busiest)]
        wanted.append((f"tai.lanhdao.{n:03d}", f"Lãnh đạo thử tải {n}", Role.UNIT_HEAD, unit))
    for prefix, count, role, code in [
        ("tai.tdkt", args.home_affairs, Role.HOME_AFFAIRS, "37-SNV-TDKT"),
        ("tai.bientap", args.media, Role.MEDIA, "37-BPTTH"),
        ("tai.lanhdaotinh", args.leaders, Role.LEADER, "37"),
        ("tai.quantri", args.administrators, Role.ADMINISTRATOR, "37-SNV"),
    ]:
        unit = fixed(code)
        for n in range(count):
            wanted.append((f"{prefix}.{n:03d}", f"{role.label} thử tải {n}", role, unit))

    # One hash for all: hashing two hundred passwords one by one takes minutes.
    password = make_password(DEMO_PASSWORD)
    User.objects.bulk_create(
        [
            User(
                username=username,
                full_name=full_name,
                role=role,
                unit=unit,
                password=password,
                email=f"{username}@ninhbinh.example",
                # As User.save() sets it; bulk_create does not call save().
                is_staff=role == Role.ADMINISTRATOR,
            )
            for username, full_name, role, unit in wanted
        ],
        ignore_conflicts=True,
    )

    accounts = [
        {"username": a.username, "role": str(a.role), "unit": a.unit_code} for a in ACCOUNTS
    ] + [
        {"username": username, "role": str(role), "unit": unit.code}
        for username, _name, role, unit in wanted
    ]
    # Accounts of units that no longer exist cannot make new records: they only read.
    ended = set(
        Unit.objects.filter(code__in={a["unit"] for a in accounts})
        .exclude(pk__in=Unit.objects.active_on(today))
        .values_list("code", flat=True)
    )
    for account in accounts:
        account["unit_ended"] = account["unit"] in ended

    with translation.override("vi"):
        field_names = list(Field.objects.values_list("name", flat=True))

    plan = {
        "password": DEMO_PASSWORD,
        "accounts": accounts,
        "import_header": import_header(),
        "field_names": field_names,
        "year": today.year,
        "data": {
            "exemplars": Exemplar.objects.count(),
            "units": Unit.objects.count(),
            "users": User.objects.count(),
        },
    }
    args.out.write_text(json.dumps(plan, ensure_ascii=False, indent=1), encoding="utf-8")
    print(
        f"{len(wanted)} load accounts; {plan['data']['exemplars']} exemplars, "
        f"{plan['data']['units']} units."
    )


if __name__ == "__main__":
    main()
