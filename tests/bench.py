"""`make bench`: performance figures, one per line as `bench NAME VALUE UNIT`.

Runs against a throwaway SQLite database (or DATABASE_URL when set) filled with a
realistic volume of units, so the figures say how pages scale with the data. The yearly
consolidated PDF is rendered by ``tests/bench_pdf.py`` in a process and a database of its
own (its peak memory is the render's); the dashboard is measured over every unit of the
database and over the province's own units.
"""

import datetime
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
    bench("load_units_s", time.perf_counter() - started, "s", "172 units and their successions")

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

    from exemplar_portal.base.text import fold
    from registry.enums import ExemplarStatus
    from registry.models import CatalogueVersion, Exemplar, Field

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

    started = time.perf_counter()
    response = client.get(reverse("registry:exemplar_list"), {"export": "xlsx"})
    assert response.status_code == 200
    bench("export_10k_xlsx_s", time.perf_counter() - started, "s", size)

    spreadsheet_imports(user, communes)
    consolidated_pdf()
    dashboard(user)


def _peak_reset() -> bool:
    """Start a new peak of resident memory (Linux: /proc/self/clear_refs)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _import_workbook(user, communes, rows: int) -> bytes:
    """The exemplar template filled in as a unit would in Excel: ``rows`` exemplars."""
    import io

    from openpyxl import load_workbook

    from registry.spreadsheets.kinds import EXEMPLARS
    from registry.spreadsheets.templates import template_workbook

    book = load_workbook(io.BytesIO(template_workbook(EXEMPLARS, user)))
    sheet = book.worksheets[0]
    keys = [key for key, _label in EXEMPLARS.resource.import_columns()]
    for n in range(rows):
        values = {
            "unit": communes[n % len(communes)].code,
            "year": 2025,
            "subject_kind": "Cá nhân",
            "full_name": f"Trần Văn Nhập Khẩu {n}",
            "gender": "Nam" if n % 2 else "Nữ",
            "birth_year": 1960 + n % 40,
            "position": "Trưởng thôn",
            "workplace": "Ủy ban nhân dân xã",
            "field": "Nông nghiệp",
            "is_new_factor": "Không",
            "achievements": "Vận động nhân dân hiến đất làm đường giao thông nông thôn, "
            "xây dựng mô hình sản xuất lúa hữu cơ cho thu nhập cao.",
            "new_model": "Mô hình “Cánh đồng lớn” liên kết với doanh nghiệp bao tiêu.",
            "contact_name": "Đinh Thị Liên",
            "contact_phone": "0912345678",
            "contact_email": "lien.dt@ninhbinh.gov.vn",
            "publication_consent": "Có",
        }
        sheet.append([values.get(key) for key in keys])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _bulk_create_floor(data: bytes, communes, user) -> float:
    """Reading the file with openpyxl and a plain ``bulk_create`` of its rows (rolled back):
    the least an import of these rows can cost."""
    import io

    from django.db import transaction
    from openpyxl import load_workbook

    from registry.models import CatalogueVersion, Exemplar, Field
    from registry.spreadsheets.kinds import EXEMPLARS

    keys = [key for key, _label in EXEMPLARS.resource.import_columns()]
    units = {unit.code: unit for unit in communes}
    fields = {field.name: field for field in Field.objects.all()}
    version = CatalogueVersion.objects.get(code="2023-2025")
    started = time.perf_counter()
    with transaction.atomic():
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        rows = book.worksheets[0].iter_rows(min_row=2, values_only=True)
        Exemplar.objects.bulk_create(
            [
                Exemplar(
                    unit=units[row["unit"]],
                    year=row["year"],
                    subject_kind="individual",
                    full_name=row["full_name"],
                    gender="male" if row["gender"] == "Nam" else "female",
                    birth_year=row["birth_year"],
                    position=row["position"],
                    workplace=row["workplace"],
                    field=fields[row["field"]],
                    catalogue_version=version,
                    achievements=row["achievements"],
                    new_model=row["new_model"],
                    contact_name=row["contact_name"],
                    contact_phone=row["contact_phone"],
                    contact_email=row["contact_email"],
                    publication_consent=True,
                    created_by=user,
                )
                for row in (dict(zip(keys, values, strict=False)) for values in rows)
            ],
            batch_size=500,
        )
        elapsed = time.perf_counter() - started
        transaction.set_rollback(True)
    return elapsed


def spreadsheet_imports(user, communes, rows: int = 10_000) -> None:
    """An exemplar import of ``rows`` rows by Home Affairs, end to end: the check (reading
    the file, validating every row) and the confirmation (validating again, writing the
    exemplars and their history), each through the background task as in production."""
    import logging

    from django.core.files.uploadedfile import SimpleUploadedFile

    from registry.models import Exemplar, ImportJob
    from registry.spreadsheets import service

    # The task backend logs each task's start and end; the figures are what counts here.
    logging.getLogger("django_tasks").setLevel(logging.WARNING)
    size = f"{rows} rows"
    data = _import_workbook(user, communes, rows)
    floor = _bulk_create_floor(data, communes, user)
    before = Exemplar.objects.count()

    measured_peak = _peak_reset()
    started = time.perf_counter()
    job = service.start_import(
        kind="exemplars", upload=SimpleUploadedFile("bench.xlsx", data), user=user
    )
    checked = time.perf_counter()
    assert job.in_background
    job.refresh_from_db()
    assert job.status == ImportJob.Status.READY, (job.status, job.message, job.report["errors"])
    service.confirm_import(job=job, user=user)
    finished = time.perf_counter()
    peak = _peak_mb()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert Exemplar.objects.count() == before + rows
    assert Exemplar.history.filter(history_change_reason__isnull=False).count() >= rows

    confirm = finished - checked
    bench("import_check_s", checked - started, "s", size)
    bench("import_confirm_s", confirm, "s", size)
    bench("import_rows_per_s", rows / (finished - started), "rows/s", size)
    bench("import_bulk_create_floor_s", floor, "s", size)
    bench("import_vs_bulk_create_ratio", confirm / floor, "x", size)
    peak_size = size if measured_peak else f"{size}, whole run"
    bench("import_peak_mb", peak, "MB", peak_size)


def consolidated_pdf() -> None:
    """The yearly consolidated PDF of 2,000 accepted exemplars (``tests/bench_pdf.py``), in a
    process of its own with its own throwaway database, so that its peak memory is the
    render's, as in the "documents" worker."""
    import subprocess

    root = Path(__file__).resolve().parent.parent
    subprocess.run([sys.executable, "-m", "tests.bench_pdf"], cwd=root, check=True)


def dashboard(user) -> None:
    """The leaders' dashboard over generated exemplars (``generate_scale_data``: ten years,
    ~200 units). ``DASHBOARD_BENCH_EXEMPLARS`` sets how many (default 200,000); the size
    printed is every exemplar in the database. The ratio compares the page's aggregates
    (``reports.dashboard.build_dashboard``) with the same figures in one raw SQL statement."""
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils import timezone

    from registry.models import Exemplar, Unit
    from reports.dashboard import build_dashboard, raw_sql_aggregates

    wanted = int(os.environ.get("DASHBOARD_BENCH_EXEMPLARS", "200000"))
    started = time.perf_counter()
    call_command("generate_scale_data", exemplars=wanted, reset=True, stdout=open(os.devnull, "w"))  # noqa: SIM115
    generated = time.perf_counter() - started
    with connection.cursor() as cursor:
        # Fresh bulk-loaded rows: statistics for the planner and (PostgreSQL) the visibility
        # map for index-only scans, as a live database has them.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    exemplars = Exemplar.objects.count()
    bench("generate_scale_data_s", generated, "s", f"{wanted} generated")

    # The latest year a plan covers (quotas apply only under a plan), this year at most.
    from registry.models import Plan

    latest = Plan.objects.order_by("-period_to").values_list("period_to", flat=True).first()
    year = min(timezone.localdate().year, latest or timezone.localdate().year)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    url = reverse("reports:dashboard")

    def median_ms(run, times=10):
        run()
        timings = []
        for _ in range(times):
            t = time.perf_counter()
            run()
            timings.append(time.perf_counter() - t)
        return statistics.median(timings) * 1000

    def page():
        assert client.get(url, {"year": year}).status_code == 200

    def measure(prefix: str, units: int) -> None:
        size = f"{exemplars} exemplars, {units} units, {connection.vendor}"
        with CaptureQueriesContext(connection) as queries:
            page()
        bench(f"{prefix}_queries", len(queries), "queries", size)
        bench(f"{prefix}_ms", median_ms(page), "ms", size)
        orm = median_ms(lambda: build_dashboard(user=user, year=year))
        raw = median_ms(lambda: raw_sql_aggregates(year))
        bench(f"{prefix}_aggregates_ms", orm, "ms", size)
        bench(f"{prefix}_raw_sql_ms", raw, "ms", size)
        bench(f"{prefix}_vs_raw_sql_ratio", orm / raw, "x", size)

    # The province as it is (its own units, ~200 with the generated ones): the test
    # communes added above for the unit list closed for the while.
    test_units = Unit.objects.filter(code__startswith="B-")
    assert not test_units.filter(valid_until__isnull=False).exists()
    test_units.update(valid_until=datetime.date(year - 20, 12, 31))
    try:
        measure("dashboard", Unit.objects.active_in(year).count())
    finally:
        test_units.update(valid_until=None)
    # A stress figure: the 10,000 test communes open too, every one of them behind quota.
    measure("dashboard_10k_units", Unit.objects.active_in(year).count())


if __name__ == "__main__":
    main()
