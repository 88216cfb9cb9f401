"""Writes of the registry. Each service names its side effects in its docstring."""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction

from .data import units as unit_data
from .models import Unit, UnitKind


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    links: list[str] = field(default_factory=list)
    unchanged_links: int = 0

    @property
    def total(self) -> int:
        return len(self.created) + len(self.updated) + self.unchanged


def _province_names(province) -> tuple[str, str]:
    """Full and short name: "Tỉnh Ninh Bình"/"Ninh Bình", "Thành phố Hà Nội"/"Hà Nội"."""
    from vietnam_provinces import VietNamDivisionType

    for prefix in ("Thành phố ", "Tỉnh "):
        if province.name.startswith(prefix):
            return province.name, province.name[len(prefix) :]
    if province.division_type == VietNamDivisionType.THANH_PHO_TRUNG_UONG:
        return f"Thành phố {province.name}", province.name
    return f"Tỉnh {province.name}", province.name


def _commune_short_name(name: str) -> str:
    for prefix in ("Xã ", "Phường ", "Đặc khu "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def _upsert(report: LoadReport, code: str, **values) -> Unit:
    """Create the unit with ``code`` or bring its fields to ``values``; record which."""
    unit = Unit.objects.filter(code=code).first()
    if unit is None:
        unit = Unit(code=code, **values)
        unit.full_clean()
        unit.save()
        report.created.append(code)
        return unit
    changed = [name for name, value in values.items() if getattr(unit, name) != value]
    if changed:
        for name in changed:
            setattr(unit, name, values[name])
        unit.full_clean()
        unit.save()
        report.updated.append(code)
    else:
        report.unchanged += 1
    return unit


def _link(report: LoadReport, predecessor: Unit, successor: Unit, **values) -> None:
    """Create or update the succession ``predecessor`` → ``successor`` (matched by the pair)."""
    from .models import UnitSuccession

    link = UnitSuccession.objects.filter(predecessor=predecessor, successor=successor).first()
    if link is None:
        link = UnitSuccession(predecessor=predecessor, successor=successor, **values)
    elif all(getattr(link, name) == value for name, value in values.items()):
        report.unchanged_links += 1
        return
    else:
        for name, value in values.items():
            setattr(link, name, value)
    link.full_clean()
    link.save()
    report.links.append(f"{predecessor.code} → {successor.code}")


def load_successions(report: LoadReport, units: dict[str, Unit], rows) -> None:
    for predecessor, successor, kind, effective_on, basis, takes_over, note in rows:
        _link(
            report,
            units[predecessor],
            units[successor],
            kind=kind,
            effective_on=effective_on,
            legal_basis=basis,
            takes_over_work=takes_over,
            note=note,
        )


@transaction.atomic
def units_load_province(*, province_code: str) -> LoadReport:
    """Load a province, its communes and wards, its provincial bodies and the successions
    between them.

    Creates or updates ``Unit`` and ``UnitSuccession`` rows matched by code (so running it
    twice changes nothing), each change recorded in the history. Raises ``ValueError`` for an
    unknown province code. Units absent from the source are left alone: a unit that ceased to
    exist is closed by setting its last day, never deleted.
    """
    from vietnam_provinces import Province, ProvinceCode, Ward

    try:
        province = Province.from_code(ProvinceCode(int(province_code)))
    except (ValueError, KeyError) as exc:
        raise ValueError(province_code) from exc
    kinds = {kind.code: kind for kind in UnitKind.objects.all()}
    code = str(int(province.code))
    report = LoadReport()

    full_name, short = _province_names(province)
    root = _upsert(
        report,
        code,
        name=full_name,
        short_name=short,
        kind=kinds["province"],
        parent=None,
    )
    specific = unit_data.PROVINCE_SPECIFIC.get(code, {})
    bodies = [*unit_data.PROVINCIAL_BODIES, *specific.get("bodies", [])]
    loaded: dict[str, Unit] = {}
    for suffix, name, short_name, kind, valid_from, valid_until, parent in bodies:
        loaded[suffix] = _upsert(
            report,
            f"{code}-{suffix}",
            name=f"{name} {short}" if name.endswith(" tỉnh") else name,
            short_name=short_name,
            kind=kinds[kind],
            parent=loaded[parent] if parent else root,
            valid_from=valid_from,
            valid_until=valid_until,
        )
    load_successions(
        report, loaded, [*unit_data.PROVINCIAL_SUCCESSIONS, *specific.get("successions", [])]
    )
    districts: dict[str, Unit] = {}
    for district_code, name, short_name, valid_from, valid_until in specific.get("districts", []):
        districts[district_code] = _upsert(
            report,
            district_code,
            name=name,
            short_name=short_name,
            kind=kinds["district"],
            parent=root,
            valid_from=valid_from,
            valid_until=valid_until,
            end_basis=unit_data.DISTRICTS_END_BASIS
            if valid_until == unit_data.day_before(unit_data.TWO_LEVELS)
            else "",
        )
    load_successions(report, districts, specific.get("district_successions", []))
    for ward in Ward.iter_by_province(province.code):
        _upsert(
            report,
            str(int(ward.code)),
            name=ward.name,
            short_name=_commune_short_name(ward.name),
            kind=kinds["commune"],
            parent=root,
            valid_from=unit_data.COMMUNES_VALID_FROM,
            valid_until=None,
        )
    return report


class StaleEditError(Exception):
    """The exemplar changed since the user opened the form."""


def _save_evidence(exemplar, evidence: dict[int, str]) -> None:
    from .models import CriterionEvidence

    allowed = set(exemplar.criteria().values_list("pk", flat=True))
    for criterion_id, text in evidence.items():
        if criterion_id not in allowed:
            continue
        text = (text or "").strip()
        row = CriterionEvidence.objects.filter(exemplar=exemplar, criterion_id=criterion_id)
        if text:
            updated = row.first()
            if updated is None:
                CriterionEvidence.objects.create(
                    exemplar=exemplar, criterion_id=criterion_id, text=text
                )
            elif updated.text != text:
                updated.text = text
                updated.save()
        else:
            for old in row:
                old.delete()


@transaction.atomic
def exemplar_create(*, unit, by, values: dict, evidence: dict[int, str], creation_token=None):
    """Create a draft exemplar of ``unit`` with its criteria evidence.

    A repeated ``creation_token`` (the same form sent twice) returns the first record
    instead of making a second. Side effects: history rows for the exemplar and evidence.
    """
    from .models import CatalogueVersion, Exemplar

    if creation_token is not None:
        existing = Exemplar.objects.filter(creation_token=creation_token, unit=unit).first()
        if existing is not None:
            return existing
    version = CatalogueVersion.for_year(values["year"])
    if version is None:
        # A year no plan covers has no criteria to judge against (the form refuses it
        # first; this guards every other caller).
        from django.core.exceptions import ValidationError

        from .exemplar_validation import no_plan_message

        raise ValidationError({"year": no_plan_message(values["year"])})
    exemplar = Exemplar(
        **values,
        unit=unit,
        created_by=by,
        catalogue_version=version,
        creation_token=creation_token,
    )
    exemplar.full_clean(exclude=["created_by", "catalogue_version", "creation_token"])
    exemplar._history_user = by
    try:
        with transaction.atomic():
            exemplar.save()
    except IntegrityError:
        # The same form sent twice at once: the other request saved first (its row became
        # visible when it committed); this one answers with that record.
        existing = (
            Exemplar.objects.filter(creation_token=creation_token, unit=unit).first()
            if creation_token is not None
            else None
        )
        if existing is None:
            raise
        return existing
    _save_evidence(exemplar, evidence)
    return exemplar


@transaction.atomic
def exemplar_update(*, exemplar, by, values: dict, evidence: dict[int, str], expected_version: int):
    """Change an editable exemplar's content; the status never changes here.

    Raises ``StaleEditError`` when someone saved or moved it after ``expected_version``.
    Side effects: version + 1, history rows.
    """
    from .models import Exemplar

    locked = Exemplar.objects.select_for_update().get(pk=exemplar.pk)
    if locked.version != expected_version or not locked.is_editable:
        raise StaleEditError
    for name, value in values.items():
        setattr(locked, name, value)
    if "year" in values or "field" in values:
        from .models import CatalogueVersion

        locked.catalogue_version = CatalogueVersion.for_year(locked.year) or (
            locked.catalogue_version
        )
    locked.version += 1
    locked.full_clean()
    locked._history_user = by
    locked.save()
    _save_evidence(locked, evidence)
    return locked


def attachment_add(*, exemplar, upload, caption: str, by):
    """Check ``upload`` by its content and attach it to ``exemplar`` (one file of
    ``registry.attachments.attach``, which names the side effects). Raises
    ``UploadRejected``."""
    from .attachments import attach

    return attach(exemplar=exemplar, uploads=[upload], caption=caption, by=by)[0]
