"""`make bench`: performance figures, one per line as `bench NAME VALUE UNIT`.

Runs against a throwaway SQLite database (or DATABASE_URL when set) filled with a
realistic volume of units, so the figures say how pages scale with the data.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def _setup():
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "exemplar_portal.settings_test")
    if "DATABASE_URL" not in os.environ:
        path = Path(tempfile.mkdtemp()) / "bench.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    import django

    django.setup()


def bench(name: str, value: float, unit: str, size: str) -> None:
    print(f"bench {name} {value:.3f} {unit}  ({size})", flush=True)


def main(extra_units: int = 10_000) -> None:
    _setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from registry.enums import Role
    from registry.models import Unit, UnitKind, User

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("load_units", stdout=open(os.devnull, "w"))  # noqa: SIM115
    bench("load_units_s", time.perf_counter() - started, "s", "171 units")

    province = Unit.objects.get(code="37")
    commune = UnitKind.objects.get(code="commune")
    Unit.objects.bulk_create(
        [
            Unit(
                code=f"B-{n}",
                name=f"Xã Thử Nghiệm Hiệu Năng {n}",
                kind=commune,
                parent=province,
                search_text=f"xa thu nghiem hieu nang {n}",
            )
            for n in range(extra_units)
        ],
        batch_size=2000,
    )
    total = Unit.objects.count()
    size = f"{total} units"
    user = User.objects.create(
        username="bench",
        full_name="Bench",
        role=Role.HOME_AFFAIRS,
        unit=Unit.objects.get(code="37-SNV"),
    )
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)

    def measure(path, params):
        timings = []
        for _ in range(10):
            t = time.perf_counter()
            response = client.get(path, params)
            timings.append(time.perf_counter() - t)
            assert response.status_code == 200
        with CaptureQueriesContext(connection) as queries:
            client.get(path, params)
        return statistics.median(timings) * 1000, len(queries)

    ms, n = measure(reverse("registry:unit_list"), {})
    bench("unit_list_ms", ms, "ms", size)
    bench("unit_list_queries", n, "queries", size)
    ms, n = measure(reverse("registry:unit_list"), {"q": "hieu nang 99"})
    bench("unit_search_ms", ms, "ms", size)
    bench("unit_search_queries", n, "queries", size)
    ms, n = measure(reverse("registry:home"), {})
    bench("home_province_overview_ms", ms, "ms", size)
    bench("home_province_overview_queries", n, "queries", size)


if __name__ == "__main__":
    main()
