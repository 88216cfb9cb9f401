"""The yearly consolidated PDF of 2,000 accepted exemplars, timed in a process of its own.

Run by ``tests/bench.py`` (``make bench``) as ``python -m tests.bench_pdf``, so that the peak
memory it prints is the rendering process's own, as for the "documents" worker (restarted
after each render). Its database is a fresh throwaway one: a temporary SQLite file, or, when
``DATABASE_URL`` names a PostgreSQL server, a database ``bench_pdf_<pid>`` created on that
server and dropped at the end (the dashboard's data elsewhere is never touched).

Prints ``bench consolidated_pdf_s``, ``bench pdf_pages_per_s`` and ``bench pdf_peak_mb``, and
before them ``bench pdf_memory_growth_kb`` (what the process keeps of each one-page render,
after a warm-up: 276 KB when each render made its own font configuration, 19 KB now).
"""

import os
import random
import resource
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

EXEMPLARS = 2000


def bench(name: str, value: float, unit: str, size: str) -> None:
    print(f"bench {name} {value:.3f} {unit}  ({size})", flush=True)


@contextmanager
def throwaway_database():
    """Point ``DATABASE_URL`` at a fresh database for the duration of the block."""
    url = os.environ.get("DATABASE_URL", "")
    scheme = urlsplit(url).scheme
    if scheme.startswith("postgres"):
        import psycopg

        name = f"bench_pdf_{os.getpid()}"
        parts = urlsplit(url)
        server = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
        try:
            with psycopg.connect(server, autocommit=True) as admin:
                admin.execute(f'CREATE DATABASE "{name}"')
        except psycopg.Error as error:
            # No right to create databases: SQLite it is (the size line says so).
            print(f"bench_pdf: no throwaway PostgreSQL database ({error}); SQLite instead.")
            name = None
        if name is None:
            with _sqlite():
                yield
            return
        os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{name}"))
        try:
            yield
        finally:
            from django.db import connections

            connections.close_all()
            with psycopg.connect(server, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    else:
        with _sqlite():
            yield


@contextmanager
def _sqlite():
    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as folder:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(folder) / 'bench_pdf.sqlite3'}"
        yield


def _exemplars(year: int, author):
    """``EXEMPLARS`` accepted exemplars of ``year`` over the loaded units, made as
    ``generate_scale_data`` makes them (names, positions, fields, review steps)."""
    from registry.enums import ExemplarStatus
    from registry.models import CatalogueVersion, Exemplar, Field, FollowUp, Transition, Unit
    from reports.management.commands import generate_scale_data as scale

    units = list(
        Unit.objects.exclude(kind__code="province")
        .select_related("kind", "parent__kind")
        .order_by("code")
    )
    by_year = {year: [u for u in units if u.is_active_in(year)] or units}
    fields = list(Field.objects.all())
    version = CatalogueVersion.objects.order_by("pk").first()
    command = scale.Command()
    rng = random.Random(2026)  # noqa: S311 - reproducible sample data
    rows = []
    for n in range(EXEMPLARS):
        exemplar = command.exemplar(rng, n, year, by_year, year + 1, fields, version, author)
        exemplar.status = ExemplarStatus.ACCEPTED
        via_district = bool(exemplar.unit.parent_id and exemplar.unit.parent.kind.reviews_children)
        at, exemplar._steps = exemplar.created_at, []
        for action, before, after in scale.steps(ExemplarStatus.ACCEPTED, via_district):
            at += scale.datetime.timedelta(days=rng.randrange(3, 40))
            exemplar._steps.append((action, before, after, at))
        exemplar.status_changed_at = at
        rows.append(exemplar)
    with scale.dates_as_given(
        Exemplar._meta.get_field("created_at"),
        Exemplar._meta.get_field("updated_at"),
        Transition._meta.get_field("at"),
        FollowUp._meta.get_field("created_at"),
    ):
        Exemplar.objects.bulk_create(rows, batch_size=500)
        command.related(rng, rows, author, year + 1)
    return rows


def _around(exemplars, year: int, author) -> None:
    """A year's worth of introductions to the media, commendation proposals and coverage."""
    import datetime

    from campaigns.models import Coverage, MediaOutlet
    from reports.models import AwardForm, AwardProposal, MediaIntroduction

    outlets = list(MediaOutlet.objects.order_by("pk"))
    awards = list(AwardForm.objects.order_by("order", "pk"))
    picked = exemplars[::25]  # 80 of them
    MediaIntroduction.objects.bulk_create(
        MediaIntroduction(
            exemplar=e,
            outlet=outlets[n % len(outlets)],
            date=datetime.date(year, 1 + n % 12, 1 + n % 28),
            occasion=MediaIntroduction.Occasion.ROUTINE,
            angle="Giới thiệu mô hình hay, cách làm hiệu quả; liên hệ Văn phòng UBND xã.",
            created_by=author,
        )
        for n, e in enumerate(picked[:40])
    )
    statuses = list(AwardProposal.Status)
    proposals = []
    for n, e in enumerate(picked):
        status = statuses[n % len(statuses)]
        conferred = status == AwardProposal.Status.CONFERRED
        proposals.append(
            AwardProposal(
                exemplar=e,
                award=awards[n % len(awards)],
                year=year,
                proposing_unit=e.unit,
                reasons="Có thành tích xuất sắc trong phong trào thi đua yêu nước.",
                status=status,
                decision_number=f"{100 + n}/QĐ-UBND" if conferred else "",
                decision_date=datetime.date(year, 12, 1) if conferred else None,
                created_by=author,
            )
        )
    AwardProposal.objects.bulk_create(proposals)
    coverage = Coverage.objects.bulk_create(
        Coverage(
            outlet=outlets[n % len(outlets)],
            kind=Coverage.Kind.ARTICLE,
            published_on=datetime.date(year, 1 + n % 12, 15),
            title=f"Điển hình tiên tiến: những tấm gương bình dị mà cao quý (kỳ {n + 1})",
            recorded_by=author,
        )
        for n in range(20)
    )
    for n, item in enumerate(coverage):
        item.exemplars.set(picked[n * 2 : n * 2 + 3])


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "exemplar_portal.settings_test")
    with (
        throwaway_database(),
        tempfile.TemporaryDirectory(prefix="bench-pdf-media-") as media,
    ):
        os.environ["MEDIA_ROOT"] = media
        import django

        django.setup()
        from django.core.management import call_command
        from django.utils import timezone, translation

        quiet = open(os.devnull, "w")  # noqa: SIM115
        call_command("migrate", verbosity=0)
        call_command("load_units", stdout=quiet)
        call_command("load_outlets", stdout=quiet)
        quiet.close()
        with translation.override("vi"):
            _memory_per_render()
            _render(timezone.localdate().year - 1)


def _memory_per_render(warm: int = 20, renders: int = 200) -> None:
    """Resident memory kept per one-page render, as a web worker renders profiles all day."""
    from reports.pdf import lay_out

    def resident() -> int:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

    words = ["Nguyễn Thị Hương", "xuất sắc", "phong trào", "thi đua", "yêu nước", "năm 2025"]
    rng = random.Random(2026)  # noqa: S311 - reproducible text

    def one(n):
        text = " ".join(rng.choice(words) for _ in range(600))
        html = (
            '<link rel="stylesheet" href="/static/css/pdf.css">'
            f"<h1>Hồ sơ số {n}</h1><p><b>{text[:300]}</b></p><p><i>{text}</i></p><p>{text}</p>"
        )
        lay_out(html).write_pdf()

    for n in range(warm):
        one(n)
    before = resident()
    for n in range(renders):
        one(warm + n)
    growth = (resident() - before) / 1024 / renders
    bench("pdf_memory_growth_kb", growth, "KB/render", f"{renders} one-page renders")


def _render(year: int):
    from django.db import connection

    from registry.enums import Role
    from registry.models import Unit, User
    from reports import consolidation, rendering
    from reports.models import DocumentRender

    user = User.objects.create(
        username="bench-pdf",
        full_name="Phạm Thị Hương",
        role=Role.HOME_AFFAIRS,
        unit=Unit.objects.get(code="37-SNV"),
    )
    exemplars = _exemplars(year, user)
    _around(exemplars, year, user)
    made = consolidation.create(year=year, campaign=None, by=user)
    version = consolidation.publish(consolidation=made, by=user, document_number="25/BC-SNV")
    assert version.data["totals"]["accepted"] == EXEMPLARS, version.data["totals"]
    render = DocumentRender.objects.create(version=version, language="vi", requested_by=user)
    started = time.perf_counter()
    rendering.run(render.pk)
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    render.refresh_from_db()
    assert render.status == DocumentRender.Status.DONE, render.error
    size = f"{EXEMPLARS} exemplars, {render.pages} pages, {connection.vendor}"
    bench("consolidated_pdf_s", elapsed, "s", size)
    bench("pdf_pages_per_s", render.pages / elapsed, "pages/s", size)
    bench("pdf_peak_mb", peak, "MB", size)
    return render


if __name__ == "__main__":
    main()
