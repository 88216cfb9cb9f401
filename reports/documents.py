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
    # More tables for the xlsx workbook, each (title, headers, rows).
    sheets: list = field(default_factory=list)


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


def heading(
    unit: Unit | None, *, kind: str = "BC", day: datetime.date | None = None, number: str = ""
) -> dict:
    """The heading block; ``number`` is the registered number, when there is one."""
    if unit is None:
        return {"superior": "", "issuer": "", "number": "", "place_date": ""}
    return {
        "superior": body_name(unit.parent),
        "issuer": body_name(unit),
        "number": _("No.: %(number)s") % {"number": number} if number else number_line(unit, kind),
        "place_date": place_date(unit, day),
    }


def home_affairs() -> Unit | None:
    return (
        Unit.objects.select_related("kind", "parent__kind")
        .filter(code=HOME_AFFAIRS_UNIT_CODE)
        .first()
    )


def pdf_context(document: Document) -> dict:
    """What the templates of ``templates/reports/pdf/`` read."""
    return {
        "document": document,
        "national_title": NATIONAL_TITLE,
        "motto": MOTTO,
        **document.extra,
    }


def summary(text: str) -> str:
    return Truncator(" ".join(text.split())).words(SUMMARY_WORDS)


def describe_subject(exemplar: Exemplar) -> str:
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
                describe_subject(exemplar),
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
    return Document(
        **heading(home_affairs()),
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


# (a) The yearly consolidated report ----------------------------------------------------------


def _iso_date(value: str) -> datetime.date | str:
    return datetime.date.fromisoformat(value) if value else ""


def consolidated_report(*, consolidation, snapshot: dict, version=None) -> Document:
    """The consolidation as the report Home Affairs signs: from a published version's frozen
    snapshot, or from the live one while it is being prepared."""
    from campaigns.models import Coverage

    from . import consolidation as consolidating
    from .models import AwardProposal, MediaIntroduction

    year = snapshot["year"]
    labels = consolidating.total_labels()
    totals = [(labels[key], snapshot["totals"].get(key, 0)) for key in labels]
    dimensions = [
        (
            title,
            [
                (consolidating.label_of(key, row["label"]), row["count"])
                for row in snapshot.get(key, [])
            ],
        )
        for key, title in consolidating.dimension_labels().items()
    ]
    by_unit = [
        [
            n,
            row["name"],
            row["kind"],
            consolidating.area_label(row["area"]),
            row["accepted"],
            *(row[kind.value] for kind in SubjectKind),
        ]
        for n, row in enumerate(snapshot["by_unit"], start=1)
    ]
    quota = [
        [
            n,
            unit["name"],
            unit["kind"],
            unit["district"],
            unit["minimum"],
            unit["accepted"],
            _("Met") if unit["met"] else _("Behind"),
        ]
        for n, unit in enumerate(snapshot["quota"]["units"], start=1)
    ]
    occasions = dict(MediaIntroduction.Occasion.choices)
    introductions = [
        [
            n,
            row["name"],
            row["unit"],
            row["outlet"],
            _iso_date(row["date"]),
            str(occasions.get(row["occasion"], row["occasion"])),
            row["angle"],
        ]
        for n, row in enumerate(snapshot["introductions"], start=1)
    ]
    statuses = dict(AwardProposal.Status.choices)
    proposal_kinds = dict(AwardProposal.Kind.choices)
    proposals = [
        [
            n,
            row["name"],
            row["unit"],
            row["award"],
            str(proposal_kinds.get(row["kind"], row["kind"])),
            str(statuses.get(row["status"], row["status"])),
            " ".join(
                part
                for part in (
                    row["decision_number"],
                    _iso_date(row["decision_date"]).strftime("%d/%m/%Y")
                    if row["decision_date"]
                    else "",
                )
                if part
            ),
        ]
        for n, row in enumerate(snapshot["proposals"], start=1)
    ]
    coverage_kinds = dict(Coverage.Kind.choices)
    coverage = [
        [
            n,
            row["title"],
            row["outlet"],
            str(coverage_kinds.get(row["kind"], row["kind"])),
            _iso_date(row["date"]),
            ", ".join(row["exemplars"]),
        ]
        for n, row in enumerate(snapshot["coverage"], start=1)
    ]
    # The annex lists collectives, then individuals, then households, numbered throughout;
    # the PDF shows each kind under its own heading row, the xlsx in a column.
    kinds = list(SubjectKind)
    rank = {kind.value: i for i, kind in enumerate(kinds)}
    ordered = sorted(snapshot["exemplars"], key=lambda row: rank.get(row["subject_kind"], 99))
    exemplars = []
    annex_groups = []
    for n, row in enumerate(ordered, start=1):
        label = str(SubjectKind(row["subject_kind"]).label)
        exemplars.append([n, row["name"], label, row["position"], row["unit"], row["field"]])
        if not annex_groups or annex_groups[-1]["label"] != label:
            annex_groups.append({"label": label, "rows": []})
        annex_groups[-1]["rows"].append(exemplars[-1])
    headers = {
        "exemplars": [
            _("No."),
            _("Name"),
            _("Subject kind"),
            _("Position, workplace"),
            _("Unit"),
            _("Field"),
        ],
        "by_unit": [
            _("No."),
            _("Unit"),
            _("Unit kind"),
            _("District or commune"),
            _("Accepted"),
            *(kind.label for kind in SubjectKind),
        ],
        "quota": [
            _("No."),
            _("Unit"),
            _("Unit kind"),
            _("District"),
            _("Minimum"),
            _("Accepted"),
            _("Result"),
        ],
        "introductions": [
            _("No."),
            _("Exemplar"),
            _("Unit"),
            _("Media outlet"),
            _("Date"),
            _("Occasion"),
            _("Angle"),
        ],
        "proposals": [
            _("No."),
            _("Exemplar"),
            _("Unit"),
            _("Award form"),
            _("Kind"),
            _("Status"),
            _("Decision"),
        ],
        "coverage": [
            _("No."),
            _("Title"),
            _("Media outlet"),
            _("Kind"),
            _("Published on"),
            _("Exemplars"),
        ],
    }
    if snapshot["campaign"]:
        subtitle = _("on advanced exemplars in %(year)s – %(campaign)s") % {
            "year": year,
            "campaign": snapshot["campaign"],
        }
    else:
        subtitle = _("on advanced exemplars in %(year)s") % {"year": year}
    day = timezone.localtime(version.published_at).date() if version else None
    suffix = f"-v{version.number}" if version else "-du-thao"
    campaign_part = f"-{consolidation.campaign.code}" if consolidation.campaign_id else ""
    sections = {
        "by_unit": _("By unit"),
        "quota": _("Quota compliance"),
        "introductions": _("Introductions to the media"),
        "proposals": _("Commendation proposals"),
        "coverage": _("Coverage published"),
    }
    return Document(
        **heading(home_affairs(), day=day, number=version.document_number if version else ""),
        title=_("CONSOLIDATED REPORT"),
        subtitle=subtitle,
        headers=headers["exemplars"],
        rows=exemplars,
        filename=f"bao-cao-tong-hop-{year}{campaign_part}{suffix}",
        recipients=[
            _("Provincial People's Committee (to report)"),
            _("Provincial Emulation and Commendation Council"),
            _("Archived"),
        ],
        signer_title=_("DIRECTOR"),
        extra={
            "year": year,
            "version": version,
            "consolidation": consolidation,
            "totals": totals,
            "dimensions": [(title, rows) for title, rows in dimensions if rows],
            "annex_groups": annex_groups,
            "annex_headers": [_("No."), _("Name, position, workplace"), _("Unit"), _("Field")],
            "quota_by_kind": snapshot["quota"]["by_kind"],
            "behind": snapshot["quota"]["behind"],
            "headers": headers,
            "tables": {
                "by_unit": by_unit,
                "quota": quota,
                "introductions": introductions,
                "proposals": proposals,
                "coverage": coverage,
            },
        },
        sheets=[
            (_("Summary"), [_("Figure"), _("Number")], [list(row) for row in totals]),
            *(
                (title, [_("Group"), _("Accepted")], [list(row) for row in rows])
                for title, rows in dimensions
            ),
            *(
                (sections[key], headers[key], table)
                for key, table in (
                    ("by_unit", by_unit),
                    ("quota", quota),
                    ("introductions", introductions),
                    ("proposals", proposals),
                    ("coverage", coverage),
                )
            ),
        ],
    )


# (e) The commendation proposal list with a submission letter (tờ trình) draft ----------------


def proposal_list(*, proposals, unit: Unit | None, year: int, to_province: bool) -> Document:
    """The proposals of ``year`` still to be decided (neither refused at the appraisal nor
    conferred yet) as the annex of a submission letter: from Home Affairs to the chair of the
    Provincial People's Committee (``to_province``), or from a unit to the Department of Home
    Affairs."""
    from .models import AwardProposal

    proposals = list(
        proposals.filter(year=year)
        .exclude(status__in=[AwardProposal.Status.NOT_AGREED, AwardProposal.Status.CONFERRED])
        .select_related("exemplar__unit", "award", "proposing_unit")
        .order_by("award__order", "award__name", "exemplar__subject_key", "pk")
    )
    groups = []
    rows = []
    for proposal in proposals:
        if not groups or groups[-1]["award"] != proposal.award.name:
            groups.append({"award": proposal.award.name, "rows": []})
        exemplar = proposal.exemplar
        row = [
            len(rows) + 1,
            exemplar.subject_name,
            exemplar.get_subject_kind_display(),
            describe_subject(exemplar) or exemplar.unit.name,
            proposal.award.name,
            proposal.get_kind_display(),
            proposal.proposing_unit.name,
            summary(proposal.reasons),
        ]
        rows.append(row)
        groups[-1]["rows"].append(row)
    awards = [(group["award"], len(group["rows"])) for group in groups]
    if to_province:
        addressee = _("The Chair of the Provincial People's Committee")
        signer = _("DIRECTOR")
        recipients = [
            _("As above"),
            _("Provincial Emulation and Commendation Council"),
            _("Archived"),
        ]
    else:
        addressee = _("The Department of Home Affairs (Emulation and Rewards Board)")
        signer = _("HEAD OF THE UNIT")
        recipients = [_("As above"), _("Archived")]
    return Document(
        **heading(unit, kind="TTr"),
        title=_("SUBMISSION"),
        subtitle=_("Proposal for commendation of advanced exemplars, %(year)s") % {"year": year},
        headers=[
            _("No."),
            _("Name"),
            _("Subject kind"),
            _("Position, workplace"),
            _("Award form"),
            _("Kind"),
            _("Proposing unit"),
            _("Summary of achievements"),
        ],
        rows=rows,
        filename=f"to-trinh-de-nghi-khen-thuong-{year}"
        + (f"-{unit.code}" if unit is not None and not to_province else ""),
        recipients=recipients,
        signer_title=signer,
        extra={
            "year": year,
            "addressee": addressee,
            "issuer_name": unit.name if unit is not None else "",
            "groups": groups,
            "awards": awards,
            "count": len(rows),
        },
    )


# The leaders' dashboard, printable ------------------------------------------------------------


# The colours of the series, as the screen's charts draw them first.
BAR_COLOURS = ("#1f4e79", "#c55a11", "#7f7f7f", "#548235")


def _bar_segments(values, peak: int, stacked: bool) -> list[dict]:
    """The rectangles of one bar in a 100 × 8 box: a stacked bar puts each series after the
    previous one; otherwise each series gets its own thin line, all from zero."""
    segments, x = [], 0.0
    height = 8 / max(len(values), 1)
    for i, (value, fill) in enumerate(zip(values, BAR_COLOURS, strict=False)):
        width = round(100 * value / peak, 1)
        if stacked:
            segments.append({"x": x, "y": 0, "width": width, "height": 8, "fill": fill})
            x = round(x + width, 1)
        else:
            segments.append(
                {"x": 0, "y": round(i * height, 2), "width": width, "height": height, "fill": fill}
            )
    return segments


def dashboard_document(dashboard) -> Document:
    """The dashboard's figures and the table of every chart, with a bar drawn in CSS (the PDF
    runs no script): the printable version of the leaders' dashboard."""
    figures = [
        [
            figure.label,
            f"{figure.value}/{figure.total}" if figure.total is not None else figure.value,
            "" if figure.previous is None else figure.previous,
            "" if figure.change is None else figure.change,
        ]
        for figure in dashboard.figures
    ]
    charts = []
    for chart in dashboard.charts:
        measure = sum if chart.stacked else max
        peak = max((measure(bar.values) for bar in chart.bars), default=0) or 1
        charts.append(
            {
                "title": chart.title,
                "series": chart.series,
                "keys": list(zip(chart.series, BAR_COLOURS, strict=False)),
                "note": chart.note,
                "empty": chart.empty,
                "rows": [
                    {
                        "label": bar.label,
                        "values": bar.values,
                        "bars": _bar_segments(bar.values, peak, chart.stacked),
                    }
                    for bar in chart.bars
                ],
            }
        )
    return Document(
        **heading(home_affairs()),
        title=_("OVERVIEW OF ADVANCED EXEMPLARS"),
        subtitle=_("in %(year)s, against %(previous)s")
        % {"year": dashboard.year, "previous": dashboard.previous_year},
        headers=[_("Figure"), str(dashboard.year), str(dashboard.previous_year), _("Change")],
        rows=figures,
        filename=f"tong-quan-dien-hinh-{dashboard.year}",
        recipients=[_("Provincial leaders (for information)"), _("Archived")],
        signer_title=_("DIRECTOR"),
        extra={"charts": charts, "year": dashboard.year},
        sheets=[
            (
                chart["title"],
                [_("Group"), *chart["series"]],
                [[row["label"], *row["values"]] for row in chart["rows"]],
            )
            for chart in charts
        ],
    )
