"""Generate a realistic volume of exemplars to measure the portal at scale.

    manage.py generate_scale_data                  # 200,000 exemplars over ten years
    manage.py generate_scale_data --exemplars 20000 --units 200 --reset

Exemplars are spread over the last ``--years`` years and ``--units`` existing units (load the
units first: ``manage.py load_units``), with Vietnamese names, the review steps that led to
their status (``Transition``) and follow-ups of the accepted ones. Rows are written with
``bulk_create`` in batches, so it runs on SQLite and PostgreSQL alike. Generated exemplars
carry codes starting with ``QM``: a second run does nothing unless ``--reset`` deletes them
first. No history rows are written (these are not changes anybody made).
"""

import datetime
import random
from contextlib import contextmanager

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from registry.enums import ExemplarStatus as S
from registry.enums import Gender, Reach, Role, SubjectKind
from registry.models import CatalogueVersion, Exemplar, Field, FollowUp, Transition, Unit, User

# Generated codes start "QM0": "0" is not in the alphabet of real codes
# (``registry.models.exemplars._public_code``), so no record made in the portal is ever
# taken for a generated one (and deleted by --reset).
PREFIX = "QM0"
BATCH = 5000
FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Vũ",
    "Đinh",
    "Bùi",
    "Đỗ",
    "Ngô",
    "Dương",
    "Lại",
    "Tạ",
    "Mai",
    "Quách",
    "Lương",
    "Hà",
]
MIDDLE_MALE = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân", "Ngọc", "Thanh"]
MIDDLE_FEMALE = ["Thị", "Thu", "Ngọc", "Thanh", "Minh", "Hồng", "Phương"]
GIVEN_MALE = [
    "Anh",
    "Bình",
    "Cường",
    "Dũng",
    "Hải",
    "Hiếu",
    "Hùng",
    "Khánh",
    "Long",
    "Nam",
    "Phong",
    "Quân",
    "Sơn",
    "Thắng",
    "Tùng",
]
GIVEN_FEMALE = [
    "Hạnh",
    "Hoa",
    "Hương",
    "Lan",
    "Liên",
    "Linh",
    "Mai",
    "Ngân",
    "Nhung",
    "Oanh",
    "Phượng",
    "Thảo",
    "Trang",
    "Yến",
]
POSITIONS = [
    "Trưởng thôn",
    "Bí thư chi bộ",
    "Giáo viên",
    "Điều dưỡng",
    "Kỹ sư nông nghiệp",
    "Công nhân",
    "Chủ tịch Hội Nông dân xã",
    "Cán bộ văn hóa - xã hội",
    "Chiến sĩ công an xã",
]
COLLECTIVES = [
    "Tổ dân phố số {n}",
    "Chi hội Phụ nữ thôn {n}",
    "Hợp tác xã nông nghiệp số {n}",
    "Tổ tự quản an ninh trật tự số {n}",
    "Khoa Nội tổng hợp {n}",
    "Tổ Toán - Tin, Trường THCS số {n}",
    "Đội thanh niên tình nguyện số {n}",
]
ACHIEVEMENTS = [
    "Vận động nhân dân hiến đất, góp công làm đường giao thông nông thôn.",
    "Mô hình trồng lúa hữu cơ liên kết bao tiêu, thu nhập tăng gấp đôi.",
    "Nhiều năm liền hoàn thành xuất sắc nhiệm vụ, được nhân dân tin yêu.",
    "Sáng kiến cải cách thủ tục hành chính rút ngắn thời gian giải quyết hồ sơ.",
    "Giúp đỡ hộ nghèo thoát nghèo bền vững, xây nhà đại đoàn kết.",
]
# Final status of an exemplar, by weight: a past year and the current year.
PAST = {
    S.ACCEPTED: 55,
    S.REFUSED: 8,
    S.RETURNED: 4,
    S.UNDER_REVIEW: 3,
    S.DRAFT: 25,
    S.RETURNED_BY_DISTRICT: 5,
}
CURRENT = {
    S.DRAFT: 35,
    S.SUBMITTED_TO_DISTRICT: 10,
    S.UNDER_REVIEW: 20,
    S.ACCEPTED: 25,
    S.RETURNED: 5,
    S.REFUSED: 3,
    S.RETURNED_BY_DISTRICT: 2,
}


def steps(status, via_district: bool) -> list[tuple[str, str, str]]:
    """The workflow moves (action, from, to) that lead from draft to ``status``."""
    if status == S.DRAFT:
        return []
    sent = S.SUBMITTED_TO_DISTRICT if via_district else S.UNDER_REVIEW
    path = [("submit", S.DRAFT, sent)]
    if status in (S.SUBMITTED_TO_DISTRICT, S.RETURNED_BY_DISTRICT) and not via_district:
        return path
    if status == S.SUBMITTED_TO_DISTRICT:
        return path
    if status == S.RETURNED_BY_DISTRICT:
        return [*path, ("district_return", sent, S.RETURNED_BY_DISTRICT)]
    if via_district:
        path.append(("endorse", sent, S.UNDER_REVIEW))
    final = {S.ACCEPTED: "accept", S.REFUSED: "refuse", S.RETURNED: "return"}
    if status in final:
        path.append((final[status], S.UNDER_REVIEW, status))
    return path


@contextmanager
def dates_as_given(*fields):
    """Let ``bulk_create`` keep the dates set on the rows (``auto_now``/``auto_now_add``)."""
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, now, add in saved:
            f.auto_now, f.auto_now_add = now, add


class Command(BaseCommand):
    help = "Generate realistic exemplars at scale (default 200,000 over ten years) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--exemplars", type=int, default=200_000)
        parser.add_argument("--units", type=int, default=200)
        parser.add_argument("--years", type=int, default=10)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--reset", action="store_true", help="Delete earlier generated rows first."
        )

    def handle(self, *args, exemplars, units, years, seed, reset, **options):
        existing = Exemplar.objects.filter(code__startswith=PREFIX)
        if reset:
            self.delete(existing)
        elif existing.exists():
            self.stdout.write(
                f"{existing.count()} generated exemplars already exist; --reset replaces them."
            )
            return
        chosen = list(
            Unit.objects.exclude(kind__code="province")
            .select_related("kind", "parent__kind")
            .order_by("code")[:units]
        )
        if not chosen:
            raise CommandError("No unit: run `manage.py load_units` first.")
        version = CatalogueVersion.objects.order_by("pk").first()
        fields = list(Field.objects.all())
        if version is None or not fields:
            raise CommandError("No catalogue: run the migrations first.")
        author = self.author(chosen)
        this_year = timezone.localdate().year
        # Each year's exemplars go to the units that existed that year.
        by_year = {
            year: [u for u in chosen if u.is_active_in(year)] or chosen
            for year in range(this_year - years + 1, this_year + 1)
        }
        first = this_year - years + 1

        def year_of(n: int) -> int:
            # Records come in year after year, as they would over a decade of use.
            return first + n * years // exemplars

        rng = random.Random(seed)  # noqa: S311 - reproducible sample data, not secrets
        made = 0
        with dates_as_given(
            Exemplar._meta.get_field("created_at"),
            Exemplar._meta.get_field("updated_at"),
            Transition._meta.get_field("at"),
            FollowUp._meta.get_field("created_at"),
        ):
            while made < exemplars:
                size = min(BATCH, exemplars - made)
                with transaction.atomic():
                    rows = [
                        self.exemplar(
                            rng,
                            made + n,
                            year_of(made + n),
                            by_year,
                            this_year,
                            fields,
                            version,
                            author,
                        )
                        for n in range(size)
                    ]
                    Exemplar.objects.bulk_create(rows, batch_size=1000)
                    self.related(rng, rows, author, this_year)
                made += size
                if options.get("verbosity", 1) > 1:
                    self.stdout.write(f"{made} exemplars")
        self.stdout.write(
            f"{made} exemplars generated over {years} years across {len(chosen)} units."
        )
        if connection.vendor == "postgresql":
            # After a bulk load the planner's statistics are those of the empty tables until
            # autovacuum comes by; refresh them, as after any bulk load.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

    def delete(self, existing):
        ids = existing.values("pk")
        for model in (FollowUp, Transition):
            model.objects.filter(exemplar__in=ids)._raw_delete(model.objects.db)
        existing._raw_delete(existing.db)

    def author(self, units) -> User:
        unit = Unit.objects.filter(code__endswith="-SNV").first() or units[0]
        user, _ = User.objects.get_or_create(
            username="du-lieu-quy-mo",
            defaults={
                "full_name": "Dữ liệu thử quy mô",
                "role": Role.HOME_AFFAIRS,
                "unit": unit,
                "is_active": False,
            },
        )
        return user

    def exemplar(self, rng, n, year, by_year, this_year, fields, version, author) -> Exemplar:
        unit = rng.choice(by_year[year])
        weights = CURRENT if year == this_year else PAST
        status = rng.choices(list(weights), weights=list(weights.values()))[0]
        via_district = bool(unit.parent_id and unit.parent.kind.reviews_children)
        if not via_district and status in (S.SUBMITTED_TO_DISTRICT, S.RETURNED_BY_DISTRICT):
            status = S.UNDER_REVIEW
        kind = rng.choices(
            [SubjectKind.INDIVIDUAL, SubjectKind.COLLECTIVE, SubjectKind.HOUSEHOLD], [70, 20, 10]
        )[0]
        female = rng.random() < 0.5
        name = " ".join(
            [
                rng.choice(FAMILY),
                rng.choice(MIDDLE_FEMALE if female else MIDDLE_MALE),
                rng.choice(GIVEN_FEMALE if female else GIVEN_MALE),
            ]
        )
        created = timezone.make_aware(
            datetime.datetime(year, 1, 5, 8) + datetime.timedelta(days=rng.randrange(240))
        )
        values = {
            "individual": {
                "full_name": name,
                "gender": Gender.FEMALE if female else Gender.MALE,
                "birth_year": year - rng.randrange(22, 65),
                "position": rng.choice(POSITIONS),
                "workplace": unit.name,
            },
            "collective": {
                "collective_name": rng.choice(COLLECTIVES).format(n=rng.randrange(1, 30)),
                "head_name": name,
                "member_count": rng.randrange(5, 80),
            },
            "household": {
                "household_head": name,
                "household_address": f"Thôn {rng.randrange(1, 20)}, {unit.name}",
                "household_members": rng.randrange(2, 8),
            },
        }[kind]
        exemplar = Exemplar(
            code=f"{PREFIX}{n:07d}",
            unit=unit,
            year=year,
            subject_kind=kind,
            field=rng.choice(fields),
            catalogue_version=version,
            achievements=rng.choice(ACHIEVEMENTS),
            publication_consent=rng.random() < 0.8,
            is_new_factor=rng.random() < 0.15,
            status=status,
            # Sent through the district: it is the reviewer recorded at sending.
            reviewer_unit=unit.parent if via_district and status != S.DRAFT else None,
            created_by=author,
            created_at=created,
            updated_at=created,
            **values,
        )
        exemplar.derive_search_fields()
        exemplar._steps, at = [], created
        for action, before, after in steps(status, via_district):
            at += datetime.timedelta(days=rng.randrange(3, 40), hours=rng.randrange(8))
            exemplar._steps.append((action, before, after, at))
        exemplar.status_changed_at = at if exemplar._steps else None
        return exemplar

    def related(self, rng, rows, author, this_year):
        transitions, follow_ups = [], []
        for exemplar in rows:
            for action, before, after, at in exemplar._steps:
                transitions.append(
                    Transition(
                        exemplar=exemplar,
                        action=action,
                        from_status=before,
                        to_status=after,
                        by=author,
                        at=at,
                        comment=""
                        if action in ("submit", "endorse", "accept")
                        else "Đề nghị bổ sung minh chứng về hiệu quả mô hình.",
                    )
                )
            if exemplar.status == S.ACCEPTED and exemplar.year < this_year:
                at = exemplar.status_changed_at
                for later in range(1, min(3, this_year - exemplar.year + 1)):
                    day = at.date().replace(day=1) + datetime.timedelta(days=365 * later)
                    follow_ups.append(
                        FollowUp(
                            exemplar=exemplar,
                            date=min(day, timezone.localdate()),
                            by=author,
                            created_at=at,
                            effectiveness="Mô hình được duy trì, nhân rộng ra các thôn lân cận.",
                            reach=rng.choice([r.value for r in Reach]),
                        )
                    )
        Transition.objects.bulk_create(transitions, batch_size=2000)
        FollowUp.objects.bulk_create(follow_ups, batch_size=2000)
