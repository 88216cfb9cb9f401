"""The media outlets of Ninh Bình (province 37) that carry coverage of exemplars, for
``manage.py load_outlets``.

Since 2025 the provincial newspaper and the provincial radio and television station are one
body, "Báo và Phát thanh, Truyền hình Ninh Bình" (unit 37-BPTTH): its staff log the coverage
of both its newspaper and its radio and television channel. Each department's web portal is
kept by the department itself. The plan names no provincial magazine or periodical
publication, so none is loaded; units add theirs in the administration.

A website is given only where it is certain; the others stay blank for the administrators.
"""

from dataclasses import dataclass

from django.db import transaction


@dataclass(frozen=True)
class OutletData:
    name: str
    kind: str  # MediaOutlet.Kind
    unit_code: str
    website: str = ""


OUTLETS = [
    OutletData("Báo Ninh Bình", "newspaper", "37-BPTTH", "https://baoninhbinh.org.vn"),
    OutletData("Phát thanh - Truyền hình Ninh Bình", "broadcaster", "37-BPTTH"),
    OutletData(
        "Cổng thông tin điện tử tỉnh Ninh Bình",
        "unit_portal",
        "37-VP-UBND",
        "https://ninhbinh.gov.vn",
    ),
    OutletData("Trang thông tin điện tử Sở Nội vụ", "unit_portal", "37-SNV"),
    OutletData("Trang thông tin điện tử Sở Y tế", "unit_portal", "37-SYT"),
    OutletData("Trang thông tin điện tử Sở Giáo dục và Đào tạo", "unit_portal", "37-SGDDT"),
]


@dataclass
class OutletLoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    missing_units: tuple[str, ...] = ()


@transaction.atomic
def load_outlets(outlets=OUTLETS) -> OutletLoadReport:
    """Create the outlets, or bring their kind, unit and website back to the data.

    Matched by name, so running it again changes nothing. An outlet whose unit is not
    loaded is skipped and reported. What administrators set beyond the data (a website the
    data leaves blank, an outlet made inactive) is kept.
    """
    from registry.models import Unit

    from ..models import MediaOutlet

    report = OutletLoadReport()
    units = Unit.objects.in_bulk([o.unit_code for o in outlets], field_name="code")
    missing = []
    for data in outlets:
        unit = units.get(data.unit_code)
        if unit is None:
            missing.append(data.unit_code)
            continue
        outlet = MediaOutlet.objects.filter(name=data.name).first()
        if outlet is None:
            MediaOutlet.objects.create(
                name=data.name, kind=data.kind, unit=unit, website=data.website
            )
            report.created += 1
            continue
        wanted = {"kind": data.kind, "unit_id": unit.pk}
        if data.website:
            wanted["website"] = data.website
        changed = {k: v for k, v in wanted.items() if getattr(outlet, k) != v}
        if changed:
            for field, value in changed.items():
                setattr(outlet, field, value)
            outlet.save()
            report.updated += 1
        else:
            report.unchanged += 1
    report.missing_units = tuple(dict.fromkeys(missing))
    return report
