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

    from registry.enums import ExemplarStatus
    from registry.models import CatalogueVersion, Exemplar, Field
    from registry.text import fold

    version = CatalogueVersion.objects.get(code="2023-2025")
    fields = list(Field.objects.all())
    communes = list(Unit.objects.filter(kind__code="commune")[:200])
    statuses = [ExemplarStatus.DRAFT, ExemplarStatus.UNDER_REVIEW, ExemplarStatus.ACCEPTED]
    rows = []
    for n in range(extra_units):
        name = f"Nguyễn Thị Thử Nghiệm {n}"
        rows.append(
            Exemplar(
                code=f"B{n:09d}",
                unit=communes[n % len(communes)],
                year=2025,
                full_name=name,
                field=fields[n % len(fields)],
                catalogue_version=version,
                created_by=user,
                status=statuses[n % 3],
                subject_key=fold(name),
                search_text=fold(name),
            )
        )
    Exemplar.objects.bulk_create(rows, batch_size=2000)
    size = f"{extra_units} exemplars"
    ms, n = measure(reverse("registry:exemplar_list"), {})
    bench("exemplar_list_ms", ms, "ms", size)
    bench("exemplar_list_queries", n, "queries", size)
    ms, n = measure(reverse("registry:exemplar_list"), {"q": "nguyen thi thu nghiem 777"})
    bench("exemplar_search_ms", ms, "ms", size)
    ms, n = measure(reverse("registry:review_queue"), {})
    bench("review_queue_ms", ms, "ms", size)
    bench("review_queue_queries", n, "queries", size)


if __name__ == "__main__":
    main()
