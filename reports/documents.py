"""The data of the printable documents (PDF and xlsx), laid out per Decree 30/2020/NĐ-CP.

Each builder returns a ``Document``: the heading block (issuing body and its superior), the
number and place-date lines, the title, the table (``headers``/``rows``, the same in the PDF
and in the xlsx), the recipients and the signer. Who may build which document is decided by
the views (``reports/rules/documents.py``); the builders read only what they are given.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from registry import tracking
from registry.enums import SubjectKind
from registry.models import Attachment, Exemplar, Unit

HOME_AFFAIRS_UNIT_CODE = "37-SNV"
# The national title and motto are prescribed verbatim by Decree 30/2020/NĐ-CP (appendix I):
# a document carries them in Vietnamese whatever the reader's interface language.
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
# Bodies that sign as a People's Committee ("UBND TỈNH NINH BÌNH").
ADMINISTRATIVE_KINDS = frozenset({"province", "district", "commune"})
SUMMARY_WORDS = 60


@dataclass
class Document:
    superior: str
    issuer: str
    number: str
    place_date: str
    title: str
    subtitle: str
    headers: list[str]
    rows: list[list]
    filename: str
    recipients: list[str] = field(default_factory=list)
    signer_title: str = ""
    extra: dict = field(default_factory=dict)


def body_name(unit: Unit | None) -> str:
    if unit is None:
        return ""
    if unit.kind.code in ADMINISTRATIVE_KINDS:
        return f"UBND {unit.name}".upper()
    return unit.name.upper()


def province_of(unit: Unit) -> Unit:
    while unit.parent_id is not None:
        unit = unit.parent
    return unit


def place_date(unit: Unit, day: datetime.date | None = None) -> str:
    """ "Ninh Bình, ngày 05 tháng 02 năm 2026": days below 10 and months below 3 take a 0."""
    day = day or timezone.localdate()
    province = province_of(unit)
    place = province.short_name or province.name
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return _("%(place)s, day %(day)s month %(month)s year %(year)s") % {
        "place": place,
        "day": f"{day.day:02d}",
        "month": month,
        "year": day.year,
    }


def number_line(unit: Unit, kind: str) -> str:
    """ "Số:      /BC-SNV": the number is written by the office that registers the document."""
    abbreviation = unit.short_name if unit.short_name and unit.short_name.isupper() else ""
    symbol = f"{kind}-{abbreviation}" if abbreviation else kind
    return _("No.: %(spaces)s/%(symbol)s") % {"spaces": "\u00a0" * 8, "symbol": symbol}


def heading(unit: Unit) -> dict:
    return {
        "superior": body_name(unit.parent),
        "issuer": body_name(unit),
        "number": number_line(unit, "BC"),
        "place_date": place_date(unit),
    }


def summary(text: str) -> str:
    return Truncator(" ".join(text.split())).words(SUMMARY_WORDS)


def _describe(exemplar: Exemplar) -> str:
    """What identifies the subject, without personal data (no address, no birth year)."""
    if exemplar.subject_kind == SubjectKind.INDIVIDUAL:
        return ", ".join(part for part in (exemplar.position, exemplar.workplace) if part)
    if exemplar.subject_kind == SubjectKind.COLLECTIVE:
        if exemplar.member_count:
            return _("Head: %(head)s; %(count)s members") % {
                "head": exemplar.head_name or "…",
                "count": exemplar.member_count,
            }
        return exemplar.head_name
    return ""


# (b) A unit's exemplars of a year ------------------------------------------------------------


def unit_exemplars(*, unit: Unit, year: int) -> Document:
    """The accepted and submitted exemplars of ``unit`` in ``year``, by subject kind."""
    kinds = list(SubjectKind)
    order = Case(
        *(When(subject_kind=kind, then=Value(i)) for i, kind in enumerate(kinds)),
        output_field=IntegerField(),
    )
    exemplars = (
        Exemplar.objects.filter(unit=unit, year=year, status__in=tracking.SUBMITTED_STATUSES)
        .select_related("field")
        .annotate(kind_order=order)
        .order_by("kind_order", "subject_key", "pk")
    )
    groups = []
    rows = []
    for kind in kinds:
        members = [e for e in exemplars if e.subject_kind == kind]
        if not members:
            continue
        lines = []
        for exemplar in members:
            row = [
                len(rows) + 1,
                exemplar.subject_name,
                kind.label,
                _describe(exemplar),
                exemplar.field.name if exemplar.field else "",
                summary(exemplar.achievements),
                exemplar.get_status_display(),
            ]
            rows.append(row)
            lines.append(row)
        groups.append({"label": kind.label, "rows": lines})
    return Document(
        **heading(unit),
        title=_("LIST OF ADVANCED EXEMPLARS"),
        subtitle=_("put forward by %(unit)s in %(year)s") % {"unit": unit.name, "year": year},
        headers=[
            _("No."),
            _("Name"),
            _("Subject kind"),
            _("Position, workplace"),
            _("Field"),
            _("Summary of achievements"),
            _("Status"),
        ],
        rows=rows,
        filename=f"danh-sach-dien-hinh-{unit.code}-{year}",
        recipients=[_("Department of Home Affairs (Emulation and Rewards Board)"), _("Archived")],
        signer_title=_("HEAD OF THE UNIT"),
        extra={"groups": groups, "unit": unit, "year": year},
    )


# (c) One exemplar's profile ------------------------------------------------------------------


def first_photo(exemplar: Exemplar) -> Attachment | None:
    return exemplar.attachments.filter(kind=Attachment.Kind.PHOTO).order_by("uploaded_at").first()


def exemplar_profile(*, exemplar: Exemplar, personal_data: bool) -> Document:
    """The exemplar's particulars and achievement report; personal data only if allowed."""
    particulars = [
        (_("Name"), exemplar.subject_name),
        (_("Subject kind"), exemplar.get_subject_kind_display()),
    ]
    if exemplar.subject_kind == SubjectKind.INDIVIDUAL:
        particulars += [
            (_("Gender"), exemplar.get_gender_display()),
            (_("Position"), exemplar.position),
            (_("Workplace"), exemplar.workplace),
        ]
        if personal_data:
            particulars.append((_("Year of birth"), exemplar.birth_year or ""))
    elif exemplar.subject_kind == SubjectKind.COLLECTIVE:
        particulars += [
            (_("Head of the collective"), exemplar.head_name),
            (_("Number of members"), exemplar.member_count or ""),
        ]
    else:
        particulars.append((_("Household members"), exemplar.household_members or ""))
        if personal_data:
            particulars.append((_("Address of the household"), exemplar.household_address))
    particulars += [
        (_("Unit"), exemplar.unit.name),
        (_("Field"), exemplar.field.name if exemplar.field else ""),
        (_("Year"), exemplar.year),
        (_("Status"), exemplar.get_status_display()),
    ]
    if personal_data:
        particulars += [
            (_("Contact person"), exemplar.contact_name),
            (_("Contact phone"), exemplar.contact_phone),
            (_("Contact e-mail"), exemplar.contact_email),
        ]
    particulars = [(label, value) for label, value in particulars if value not in ("", None)]
    evidence = list(
        exemplar.evidence.select_related("criterion").order_by(
            "criterion__kind", "criterion__number"
        )
    )
    report = [
        (_("Achievements"), exemplar.achievements),
        (_("New model, good practice"), exemplar.new_model),
    ]
    rows = [[label, value] for label, value in particulars]
    rows += [[label, text] for label, text in report if text]
    rows += [[_("Criterion %(number)s") % {"number": e.criterion.number}, e.text] for e in evidence]
    return Document(
        **heading(exemplar.unit),
        title=_("PROFILE OF AN ADVANCED EXEMPLAR"),
        subtitle=exemplar.subject_name,
        headers=[_("Information"), _("Content")],
        rows=rows,
        filename=f"ho-so-dien-hinh-{exemplar.code}",
        recipients=[_("Department of Home Affairs (Emulation and Rewards Board)"), _("Archived")],
        signer_title=_("HEAD OF THE UNIT"),
        extra={
            "exemplar": exemplar,
            "particulars": particulars,
            "report": [(label, text) for label, text in report if text],
            "evidence": evidence,
            "photo": first_photo(exemplar),
        },
    )


# (d) Quota compliance of a year --------------------------------------------------------------


def quota_compliance(*, year: int, user) -> Document:
    """Units behind their quota in ``year`` (named), with the count per unit kind."""
    behind = tracking.units_behind_quota(year=year, user=user)
    by_kind = tracking.behind_quota_summary(year=year, behind=behind)["by_kind"]
    rows = []
    for unit in behind:
        rows.append(
            [
                len(rows) + 1,
                unit.name,
                unit.kind.name,
                unit.district_name or "",
                unit.minimum,
                unit.submitted,
                unit.accepted,
                unit.minimum - unit.accepted,
                datetime.date(year, unit.deadline_month, unit.deadline_day),
            ]
        )
    home_affairs = (
        Unit.objects.select_related("kind", "parent__kind")
        .filter(code=HOME_AFFAIRS_UNIT_CODE)
        .first()
    )
    head = (
        heading(home_affairs)
        if home_affairs
        else {"superior": "", "issuer": "", "number": "", "place_date": ""}
    )
    return Document(
        **head,
        title=_("REPORT ON QUOTA COMPLIANCE"),
        subtitle=_("of advanced exemplars in %(year)s") % {"year": year},
        headers=[
            _("No."),
            _("Unit"),
            _("Unit kind"),
            _("District"),
            _("Minimum"),
            _("Sent up"),
            _("Accepted"),
            _("Still to be accepted"),
            _("Deadline"),
        ],
        rows=rows,
        filename=f"bao-cao-chi-tieu-{year}",
        recipients=[_("Provincial People's Committee (to report)"), _("Archived")],
        signer_title=_("DIRECTOR"),
        extra={"by_kind": by_kind, "year": year, "behind_count": len(rows)},
    )
