"""The documents the portal issues, built per Decree 30/2020/NĐ-CP.

Each builder returns a ``layout.Document``: the heading of the issuing body as it was on the
document's date, the type line ("BÁO CÁO", "TỜ TRÌNH") with the subject under it, narrative
text with the figures in numbered tables, the closing sentence kept with the signature, the
recipients, the signer, and the lists as annexes ("Phụ lục … (Kèm theo Báo cáo số …)").
The same ``Document`` becomes the PDF, the DOCX and the xlsx (``reports/issuing.py``).

A document is a draft ("DỰ THẢO", no number) until it is issued: ``Issue`` carries the
registered number, the date and the signer into the builders. Documents are written in
Vietnamese whatever the reader's interface language (``issuing.build`` switches to it).
Who may build which document is decided by the views; the builders read what they are given.
A record's free text always comes in through ``limits.record_text`` (or ``limits.bounded``):
a text beyond the field limit is cut there, with a note pointing to the record on the portal.
"""

import datetime
import re
from dataclasses import dataclass
from operator import itemgetter

from django.db.models import Case, IntegerField, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from exemplar_portal.base.dates import decree_day
from registry import quotas, tracking, workflow
from registry.enums import CriterionKind, SubjectKind
from registry.models import Attachment, Exemplar, Unit, plan_in_force

from .layout import (
    Annex,
    Column,
    Document,
    Facts,
    GroupRow,
    Heading,
    Paragraph,
    Signature,
    Table,
    cell_text,
)
from .limits import bounded, portal_url, record_text

HOME_AFFAIRS_UNIT_CODE = "37-SNV"
# Bodies that are People's Committees: they head their documents with their own name only.
ADMINISTRATIVE_KINDS = frozenset({"province", "district", "commune"})
SUMMARY_WORDS = 60
ARCHIVED = "Lưu: VT, TĐKT"


@dataclass
class Issue:
    """What issuing gives a document: its registered number, date and signer."""

    number: int | None
    date: datetime.date
    signature: Signature


# The issuing body -----------------------------------------------------------------------------


def unit_as_of(unit: Unit, day: datetime.date) -> Unit:
    """The unit as its records read on ``day`` (name, short name, parent), from its history;
    the unit as it is when its history does not reach back that far."""
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))
    try:
        past = unit.history.as_of(moment)
    except Unit.DoesNotExist:
        return unit
    if (past.name, past.short_name, past.parent_id) == (
        unit.name,
        unit.short_name,
        unit.parent_id,
    ):
        return unit
    past.kind = unit.kind
    return past


def is_peoples_committee(unit: Unit) -> bool:
    return unit.kind.code in ADMINISTRATIVE_KINDS


def _plain_name(unit: Unit) -> str:
    """The name without a parenthesised note: "Ban Thi đua - Khen thưởng"."""
    return re.sub(r"\s*\([^)]*\)\s*$", "", unit.name).strip()


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def province_of(unit: Unit) -> Unit:
    while unit.parent_id is not None:
        unit = unit.parent
    return unit


def superior_line(unit: Unit) -> str:
    """The superior body over the issuer: none for People's Committees; "UBND TỈNH NINH BÌNH"
    over a provincial department; the parent body over a board inside it."""
    if is_peoples_committee(unit) or unit.parent is None:
        return ""
    parent = unit.parent
    if is_peoples_committee(parent):
        return f"UBND {parent.name}".upper()
    return _plain_name(parent).upper()


def issuer_lines(unit: Unit) -> str:
    if is_peoples_committee(unit):
        return f"ỦY BAN NHÂN DÂN\n{unit.name.upper()}"
    return _plain_name(unit).upper()


def issuer_name(unit: Unit) -> str:
    """The body in running text: "Sở Nội vụ", "Ủy ban nhân dân xã Gia Vân"."""
    if is_peoples_committee(unit):
        return f"Ủy ban nhân dân {_lower_first(unit.name)}"
    return _plain_name(unit)


def locality(unit: Unit) -> str:
    """Where the body sits, as the place of its documents: a commune writes its own name."""
    if is_peoples_committee(unit) and unit.kind.code != "province":
        return unit.short_name or unit.name
    province = province_of(unit)
    return province.short_name or province.name


def abbreviation(unit: Unit) -> str:
    """The body's abbreviation after the type: "SNV", "UBND" for a People's Committee; made
    of initials when the short name is not itself an abbreviation ("Hội LHPN" → "HLHPN")."""
    if is_peoples_committee(unit):
        return "UBND"
    short = (unit.short_name or "").replace(" ", "")
    if short and short.upper() == short:
        return short
    words = (unit.short_name or "").split()
    if not any(len(word) > 1 and word.isupper() for word in words):
        words = _plain_name(unit).split()
    return "".join(word if word.isupper() else word[0].upper() for word in words)


DOC_TYPES = {"BC": "BÁO CÁO", "TTr": "TỜ TRÌNH", "BB": "BIÊN BẢN"}


def issuing_body(unit: Unit, day: datetime.date, doc_type: str) -> dict:
    """The heading fields of ``layout.Document`` for ``unit`` as it was on ``day``."""
    unit = unit_as_of(unit, day)
    return {
        "superior": superior_line(unit),
        "issuer": issuer_lines(unit),
        "issuer_name": issuer_name(unit),
        "place": locality(unit),
        "doc_type": doc_type,
        "type_name": DOC_TYPES[doc_type],
        "symbol": f"{doc_type}-{abbreviation(unit)}",
    }


def home_affairs() -> Unit | None:
    return (
        Unit.objects.select_related("kind", "parent__kind")
        .filter(code=HOME_AFFAIRS_UNIT_CODE)
        .first()
    )


def head_position(unit: Unit) -> list[str]:
    """The signature lines of a body's head, for a draft whose unit has no signer yet."""
    if is_peoples_committee(unit):
        return ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    if unit.kind.code == "department" and _plain_name(unit).startswith("Sở"):
        return ["GIÁM ĐỐC"]
    return ["THỦ TRƯỞNG"]


def signature_of(signer, unit: Unit) -> Signature:
    if signer is None:
        return Signature(lines=head_position(unit), name="")
    return Signature(lines=signer.signature_lines, name=signer.full_name)


def draft_issue(unit: Unit, signer=None) -> Issue:
    """A draft dated today, signed by the given signer or the unit's default one."""
    from .models import default_signer

    signer = signer or default_signer(unit)
    return Issue(number=None, date=timezone.localdate(), signature=signature_of(signer, unit))


def _document(
    *, unit: Unit, issue: Issue, kind: str, year: int, doc_type: str = "BC", **fields
) -> Document:
    """A document of ``unit``, a report ("BC") unless ``doc_type`` says otherwise."""
    return Document(
        kind=kind,
        year=year,
        date=issue.date,
        number=issue.number,
        signature=issue.signature,
        **issuing_body(unit, issue.date, doc_type),
        **fields,
    )


def signoff_day(moment) -> str:
    """The day of a unit head's sign-off as a document writes it: "05/03/2026"; empty for
    none."""
    if moment is None:
        return ""
    return f"{timezone.localtime(moment).date():%d/%m/%Y}"


def summary(text: str) -> str:
    return Truncator(" ".join(text.split())).words(SUMMARY_WORDS)


def describe_subject(exemplar: Exemplar) -> str:
    """What identifies the subject, without personal data (no address, no birth year)."""
    if exemplar.subject_kind == SubjectKind.INDIVIDUAL:
        return ", ".join(part for part in (exemplar.position, exemplar.workplace) if part)
    if exemplar.subject_kind == SubjectKind.COLLECTIVE:
        if exemplar.member_count:
            return _("Head: %(head)s; %(count)s members") % {
                "head": exemplar.head_name or "—",
                "count": exemplar.member_count,
            }
        return exemplar.head_name
    return ""


def _implementing(citation: str, illustrative: bool) -> Paragraph:
    """The report's opening line citing the plan it implements."""
    if illustrative:
        return Paragraph(
            _("Implementing %(plan)s (an illustrative plan, not one the province issued);")
            % {"plan": citation}
        )
    return Paragraph(_("Implementing %(plan)s;") % {"plan": citation})


def _plan_paragraph(year: int) -> Paragraph | None:
    plan = plan_in_force(year)
    if plan is None:
        return None
    return _implementing(plan.citation, plan.illustrative)


def _kind_counts(exemplars) -> str:
    counts = [(kind, sum(1 for e in exemplars if e.subject_kind == kind)) for kind in SubjectKind]
    return ", ".join(f"{n} {str(kind.label).lower()}" for kind, n in counts if n)


def _sum(header: str, width: float) -> Column:
    """A column of numbers summed in the totals row."""
    return Column(header, numeric=True, total=True, width=width)


def _no(width: float = 5) -> Column:
    return Column(_("No."), width=width)


def _numbered(items, cells) -> list:
    """One row per item, numbered from 1: ``[1, *cells(item)]``."""
    return [[n, *cells(item)] for n, item in enumerate(items, start=1)]


def _grouped(groups, cells, heading=lambda label, count: f"{label} ({count})") -> list:
    """The rows of ``(label, members)`` groups, each under its heading row ("Cá nhân (3)"),
    numbered throughout; a group with no members is left out."""
    rows: list = []
    number = 0
    for label, members in groups:
        if members:
            rows.append(GroupRow(heading(label, len(members))))
        for member in members:
            number += 1
            rows.append([number, *cells(member)])
    return rows


def _list_annex(title: str, table: Table) -> list[Annex]:
    """The list as the document's one annex, in landscape; none when it has no rows."""
    return [Annex(title=title, blocks=[table], landscape=True)] if table.data_rows else []


def _listing(sheet: str, columns: list, rows: list, *, totals: bool = False) -> Table:
    """A list in small print, with a totals row under the summed columns (``totals``)."""
    return Table(
        columns=columns,
        rows=rows,
        sheet=sheet,
        small=True,
        totals_label=_("Total") if totals else "",
    )


# A unit's exemplars of a year: a report with the list as its annex ----------------------------


def unit_exemplars(*, unit: Unit, year: int, issue: Issue | None = None) -> Document:
    """The unit's report of its exemplars submitted or accepted in ``year``."""
    issue = issue or draft_issue(unit)
    kinds = list(SubjectKind)
    order = Case(
        *(When(subject_kind=kind, then=Value(i)) for i, kind in enumerate(kinds)),
        output_field=IntegerField(),
    )
    exemplars = list(
        workflow.with_head_signoff(
            Exemplar.objects.filter(unit=unit, year=year, status__in=tracking.SUBMITTED_STATUSES)
        )
        .select_related("field")
        .annotate(kind_order=order)
        .order_by("kind_order", "subject_key", "pk")
    )
    # Where the unit's head signed off what it sent, each line carries the day.
    signed = any(e.head_signed_off_at for e in exemplars)
    rows = _grouped(
        ((kind.label, [e for e in exemplars if e.subject_kind == kind]) for kind in kinds),
        lambda exemplar: [
            exemplar.subject_name,
            describe_subject(exemplar),
            exemplar.field.name if exemplar.field else "",
            summary(exemplar.achievements),
            exemplar.get_status_display(),
            *([signoff_day(exemplar.head_signed_off_at)] if signed else []),
        ],
    )
    accepted = sum(1 for e in exemplars if e.status == "accepted")
    body = [p for p in [_plan_paragraph(year)] if p]
    if exemplars:
        body.append(
            Paragraph(
                ngettext(
                    "In %(year)s %(unit)s found and put forward %(count)s advanced exemplar "
                    "(%(kinds)s), of which %(accepted)s has been accepted by the Department "
                    "of Home Affairs.",
                    "In %(year)s %(unit)s found and put forward %(count)s advanced exemplars "
                    "(%(kinds)s), of which %(accepted)s have been accepted by the Department "
                    "of Home Affairs.",
                    len(exemplars),
                )
                % {
                    "year": year,
                    "unit": issuer_name(unit),
                    "count": len(exemplars),
                    "kinds": _kind_counts(exemplars),
                    "accepted": accepted,
                }
            )
        )
        body.append(Paragraph(_("The list of exemplars, with their achievements, is annexed.")))
    else:
        body.append(
            Paragraph(
                _("In %(year)s %(unit)s has put forward no advanced exemplar yet.")
                % {"year": year, "unit": issuer_name(unit)}
            )
        )
    columns = [
        _no(),
        Column(_("Name"), width=15 if signed else 16),
        Column(_("Position, workplace"), width=16 if signed else 18),
        Column(_("Field"), width=11),
        Column(_("Summary of achievements"), width=30 if signed else 38),
        Column(_("Status"), width=12),
    ]
    if signed:
        columns.append(Column(_("Signed off by the unit head on"), width=11))
    table = _listing(_("Exemplars"), columns, rows)
    annexes = _list_annex(_("LIST OF ADVANCED EXEMPLARS OF %(year)s") % {"year": year}, table)
    return _document(
        unit=unit,
        issue=issue,
        kind="unit_exemplars",
        year=year,
        subject=_("Advanced exemplars found and built in %(year)s") % {"year": year},
        addressee=[_("To: The Department of Home Affairs")],
        body=body,
        closing=_("%(unit)s respectfully reports to the Department of Home Affairs./.")
        % {"unit": issuer_name(unit)},
        recipients=[_("The Department of Home Affairs (Emulation and Rewards Board)"), "Lưu: VT"],
        filename=f"bao-cao-dien-hinh-{unit.code}-{year}",
        annexes=annexes,
        extra={"unit": unit},
    )


# One exemplar's achievements ----------------------------------------------------------------


def first_photo(exemplar: Exemplar) -> Attachment | None:
    return exemplar.attachments.filter(kind=Attachment.Kind.PHOTO).order_by("uploaded_at").first()


def criterion_label(criterion) -> str:
    """ "Tiêu chuẩn chung 4", "Tiêu chuẩn lĩnh vực Y tế 4": the two kinds apart."""
    if criterion.kind == CriterionKind.GENERAL:
        return _("General criterion %(number)s") % {"number": criterion.number}
    field = criterion.field.name if criterion.field_id else ""
    return _("Criterion of the field %(field)s, no. %(number)s") % {
        "field": field,
        "number": criterion.number,
    }


def particulars(exemplar: Exemplar, *, personal_data: bool) -> list[tuple[str, str]]:
    """Who the subject is, by its kind (label, value); personal data only if the reader may
    see it."""
    name_label = {
        SubjectKind.INDIVIDUAL: _("Full name"),
        SubjectKind.COLLECTIVE: _("Name of the collective"),
        SubjectKind.HOUSEHOLD: _("Household"),
    }[SubjectKind(exemplar.subject_kind)]
    pairs = [
        (name_label, exemplar.subject_name),
        (_("Subject kind"), exemplar.get_subject_kind_display()),
    ]
    if exemplar.subject_kind == SubjectKind.INDIVIDUAL:
        pairs += [
            (_("Gender"), exemplar.get_gender_display()),
            (_("Position"), exemplar.position),
            (_("Workplace"), exemplar.workplace),
        ]
        if personal_data:
            pairs.append((_("Year of birth"), exemplar.birth_year or ""))
    elif exemplar.subject_kind == SubjectKind.COLLECTIVE:
        pairs += [
            (_("Head of the collective"), exemplar.head_name),
            (_("Number of members"), exemplar.member_count or ""),
        ]
    else:
        pairs.append((_("Household members"), exemplar.household_members or ""))
        if personal_data:
            pairs.append((_("Address of the household"), exemplar.household_address))
    pairs.append((_("Unit"), exemplar.unit.name))
    pairs.append((_("Field"), exemplar.field.name if exemplar.field else ""))
    return pairs


def filled(pairs) -> list[tuple[str, str]]:
    return [(label, value) for label, value in pairs if value not in ("", None)]


def achievement_texts(exemplar: Exemplar, *, number_from: int = 1) -> list:
    """The exemplar's achievements and new model, each under a numbered heading of level 2
    from ``number_from``; a sentence when it has neither."""
    report = [
        (_("Achievements"), record_text(exemplar, "achievements")),
        (_("New model, good practice"), record_text(exemplar, "new_model")),
    ]
    report = [(label, text) for label, text in report if text.strip()]
    body: list = []
    for n, (label, text) in enumerate(report, start=number_from):
        body.append(Heading(f"{n}. {label}", level=2))
        body += [Paragraph(part) for part in re.split(r"\n\s*\n", text.strip()) if part.strip()]
    return body or [Paragraph(_("No achievements recorded."))]


def evidence_table(exemplar: Exemplar) -> Table | None:
    """The exemplar's evidence against each criterion, or None without any."""
    evidence = list(
        exemplar.evidence.select_related("criterion__field").order_by(
            "criterion__kind", "criterion__number"
        )
    )
    if not evidence:
        return None
    page = portal_url(exemplar.get_absolute_url())
    return Table(
        columns=[Column(_("Criterion"), width=28), Column(_("Evidence"), width=72)],
        rows=[
            [criterion_label(item.criterion), record_text(item, "text", url=page)]
            for item in evidence
        ],
        sheet=_("Criteria"),
    )


def exemplar_profile(
    *, exemplar: Exemplar, personal_data: bool, issue: Issue | None = None
) -> Document:
    """The unit's report on one exemplar's achievements (its profile); personal data only if
    the reader may see it."""
    unit = exemplar.unit
    issue = issue or draft_issue(unit)
    found = particulars(exemplar, personal_data=personal_data)
    found += [(_("Year"), exemplar.year), (_("Status"), exemplar.get_status_display())]
    signoff = workflow.head_signoff(exemplar)
    if signoff is not None:
        found.append((_("Signed off by the unit head on"), signoff_day(signoff.at)))
    if personal_data:
        found += [
            (_("Contact person"), exemplar.contact_name),
            (_("Contact phone"), exemplar.contact_phone),
            (_("Contact e-mail"), exemplar.contact_email),
        ]
    found = filled(found)
    photo = first_photo(exemplar)
    facts = Facts(pairs=found)
    attachment_ids = []
    if photo is not None:
        from .pdf import attachment_url

        facts.photo_url = attachment_url(photo)
        facts.photo_caption = photo.caption
        try:
            with photo.file.open("rb") as file:
                facts.photo_bytes = file.read()
        except OSError:
            facts.photo_bytes = b""
        attachment_ids.append(photo.pk)
    body: list = [Heading(_("I. Particulars")), facts, Heading(_("II. Achievements"))]
    body += achievement_texts(exemplar)
    table = evidence_table(exemplar)
    if table is not None:
        body += [Heading(_("III. Against the criteria")), table]
    return _document(
        unit=unit,
        issue=issue,
        kind="exemplar_profile",
        year=exemplar.year,
        subject=_("Achievements of the advanced exemplar %(name)s")
        % {"name": exemplar.subject_name},
        body=body,
        closing=_("%(unit)s confirms the achievements reported above./.")
        % {"unit": issuer_name(unit)},
        recipients=[_("The Department of Home Affairs (Emulation and Rewards Board)"), "Lưu: VT"],
        filename=f"bao-cao-thanh-tich-{exemplar.code}",
        attachment_ids=attachment_ids,
        extra={"exemplar": exemplar, "particulars_table": found},
    )


# Quota compliance of a year -------------------------------------------------------------------


def _quota_basis_sentence(plan, year: int) -> str:
    if plan.quota_basis == plan.QuotaBasis.REFERENCE_DATE:
        return _(
            "Under the plan, the units in force on %(day)s owe the quota of %(year)s, each "
            "once; a unit that carried on from units ended during the year counts what they "
            "achieved that year."
        ) % {"day": plan.reference_date(year).strftime("%d/%m/%Y"), "year": year}
    return _(
        "Under the plan, every unit in force during %(year)s owes its quota, unless a unit "
        "that took over its work was also in force that year."
    ) % {"year": year}


def quota_compliance(*, year: int, issue: Issue | None = None) -> Document:
    """Home Affairs' report on how many units met their quota, with the units behind it in
    an annex table by unit kind."""
    unit = home_affairs()
    issue = issue or draft_issue(unit)
    year_standing = quotas.standing(year)
    standing = year_standing.rows
    behind = [row for row in standing if row.behind]
    kinds: dict[str, dict] = {}
    for row in standing:
        kind = row.unit.kind
        entry = kinds.setdefault(kind.name, {"total": 0, "met": 0, "order": kind.order})
        entry["total"] += 1
        entry["met"] += row.met
    summary_rows = [
        [n, name, entry["total"], entry["met"], entry["total"] - entry["met"]]
        for n, (name, entry) in enumerate(
            sorted(kinds.items(), key=lambda item: item[1]["order"]), start=1
        )
    ]
    body = [p for p in [_plan_paragraph(year)] if p]
    if standing:
        body.append(
            Paragraph(
                _(
                    "By %(day)s, %(met)s of the %(total)s units with a quota in %(year)s had "
                    "the minimum number of advanced exemplars accepted; %(behind)s units are "
                    "still behind."
                )
                % {
                    "day": issue.date.strftime("%d/%m/%Y"),
                    "met": len(standing) - len(behind),
                    "total": len(standing),
                    "year": year,
                    "behind": len(behind),
                }
            )
        )
        heirs = [row for row in standing if row.predecessors]
        if heirs:
            body.append(Paragraph(_quota_basis_sentence(year_standing.plan, year)))
            body.append(
                Paragraph(
                    _("Units that count the results of units ended during the year: %(list)s.")
                    % {
                        "list": "; ".join(
                            _("%(unit)s (from %(predecessors)s)")
                            % {
                                "unit": row.unit.name,
                                "predecessors": ", ".join(u.label for u in row.predecessors),
                            }
                            for row in heirs
                        )
                    }
                )
            )
        body.append(Heading(_("Results by unit kind"), level=2))
        body.append(
            Table(
                columns=[
                    Column(_("No."), width=6),
                    Column(_("Unit kind"), width=40),
                    _sum(_("Units with a quota"), 18),
                    _sum(_("Met the quota"), 18),
                    _sum(_("Behind quota"), 18),
                ],
                rows=summary_rows,
                totals_label=_("Total"),
                sheet=_("By unit kind"),
            )
        )
        if behind:
            body.append(Paragraph(_("The units behind their quota are listed in the annex.")))
    elif year_standing.plan is None:
        body.append(
            Paragraph(
                _("No plan covers %(year)s: no quota applies in that year.") % {"year": year},
                style="plain",
            )
        )
    else:
        body.append(
            Paragraph(_("No quota rule applies to %(year)s.") % {"year": year}, style="plain")
        )
    rows = _grouped(
        (
            (name, [row for row in behind if row.unit.kind.name == name])
            for name, _entry in sorted(kinds.items(), key=lambda i: i[1]["order"])
        ),
        lambda member: [
            member.unit.label,
            member.district_name or "",
            member.minimum,
            member.submitted,
            member.accepted,
            member.remaining,
            member.deadline or "—",
        ],
    )
    annexes = _list_annex(
        _("UNITS BEHIND THEIR QUOTA IN %(year)s") % {"year": year},
        _listing(
            _("Units behind quota"),
            [
                _no(),
                Column(_("Unit"), width=30),
                Column(_("District"), width=15),
                _sum(_("Minimum"), 9),
                _sum(_("Sent up"), 9),
                _sum(_("Accepted"), 9),
                _sum(_("Still to be accepted"), 11),
                Column(_("Deadline"), width=12),
            ],
            rows,
            totals=True,
        ),
    )
    return _document(
        unit=unit,
        issue=issue,
        kind="quota_compliance",
        year=year,
        subject=_("Quota compliance in finding advanced exemplars, %(year)s") % {"year": year},
        addressee=[_("To: The Provincial People's Committee")],
        body=body,
        closing=_(
            "The Department of Home Affairs respectfully reports to the Provincial People's "
            "Committee./."
        ),
        recipients=[
            _("The Provincial People's Committee (to report)"),
            _("The units behind quota"),
            ARCHIVED,
        ],
        filename=f"bao-cao-chi-tieu-{year}",
        annexes=annexes,
    )


# The yearly report of the consolidation -------------------------------------------------------


def _exemplar_page(code: str) -> str:
    return portal_url(reverse("registry:exemplar_detail", kwargs={"code": code}))


def _iso_date(value: str) -> datetime.date | str:
    return datetime.date.fromisoformat(value) if value else ""


def _narrative(text: str) -> list[Paragraph]:
    return [Paragraph(part.strip()) for part in re.split(r"\n\s*\n|\n", text or "") if part.strip()]


def _accepted_table(snapshot: dict) -> Table:
    """The accepted exemplars: collectives, then individuals, then households, each group
    under its own row, numbered throughout; a period review adds the year of each."""
    with_year = snapshot.get("kind") == "period"
    rows = _grouped(
        (
            (
                kind.label,
                [row for row in snapshot["exemplars"] if row["subject_kind"] == kind.value],
            )
            for kind in SubjectKind
        ),
        lambda row: [
            row["name"],
            row["position"],
            row["unit"],
            row["field"],
            *([str(row["year"])] if with_year else []),
        ],
    )
    columns = [
        _no(7),
        Column(_("Name"), width=25),
        Column(_("Position, workplace"), width=28),
        Column(_("Unit"), width=24),
        Column(_("Field"), width=16),
    ]
    if with_year:
        columns.append(Column(_("Year"), width=8))
    return _listing(_("Accepted exemplars"), columns, rows)


def _behind_table(snapshot: dict) -> Table | None:
    """The units behind their quota, grouped by unit kind, with totals; None if none is."""
    units = snapshot["quota"]["units"]
    rows = _grouped(
        (
            (row["label"], [u for u in units if u["kind"] == row["label"] and not u["met"]])
            for row in snapshot["quota"]["by_kind"]
        ),
        lambda member: [member["name"], member["district"], *_shortfall(member)],
    )
    if not rows:
        return None
    return _listing(
        _("Units behind quota"),
        [
            _no(7),
            Column(_("Unit"), width=38),
            Column(_("District"), width=19),
            _sum(_("Minimum"), 12),
            _sum(_("Accepted"), 12),
            _sum(_("Missing"), 12),
        ],
        rows,
        totals=True,
    )


def _shortfall(member: dict) -> list:
    """A unit's minimum, what was accepted and what is missing."""
    return [member["minimum"], member["accepted"], member["minimum"] - member["accepted"]]


def _units_table(snapshot: dict, sheet: str, kind_width, figures: list, values) -> Table | None:
    """The accepted exemplars of each unit: its name, kind and area, then the summed
    ``figures`` columns showing ``values(row)``; None when no unit has any."""
    from .consolidation import area_label

    if not snapshot["by_unit"]:
        return None
    return _listing(
        sheet,
        [
            _no(),
            Column(_("Unit"), width=30),
            Column(_("Unit kind"), width=kind_width),
            Column(_("District or commune"), width=17),
            *figures,
        ],
        _numbered(
            snapshot["by_unit"],
            lambda row: [row["name"], row["kind"], area_label(row["area"]), *values(row)],
        ),
        totals=True,
    )


def _by_unit_table(snapshot: dict) -> Table | None:
    return _units_table(
        snapshot,
        _("By unit"),
        18,
        [_sum(_("Accepted"), 8), *(_sum(str(kind.label), 8) for kind in SubjectKind)],
        lambda row: [row["accepted"], *(row[kind.value] for kind in SubjectKind)],
    )


def _by_unit_and_year_table(snapshot: dict) -> Table | None:
    return _units_table(
        snapshot,
        _("By unit and year"),
        17,
        [*(_sum(str(year), 7) for year in snapshot["years"]), _sum(_("Total"), 8)],
        lambda row: [*row["by_year"], row["accepted"]],
    )


def _decision(row: dict) -> str:
    day = _iso_date(row["decision_date"])
    return " ".join(part for part in (row["decision_number"], cell_text(day)) if part)


def _snapshot_list(snapshot: dict, key: str, sheet: str, columns: list) -> Table | None:
    """The snapshot's list ``key`` as a numbered table, one column per ``(header, width,
    cell)`` where ``cell(row)`` is what it shows; None when the list is empty."""
    if not snapshot[key]:
        return None
    return _listing(
        sheet,
        [_no(), *(Column(header, width=width) for header, width, _cell in columns)],
        _numbered(snapshot[key], lambda row: [cell(row) for _header, _width, cell in columns]),
    )


def _choice(choices, key: str):
    """A cell showing the label of the choice the row stores under ``key``."""
    labels = dict(choices)
    return lambda row: str(labels.get(row[key], row[key]))


def _proposals_table(snapshot: dict) -> Table | None:
    from .models import AwardProposal, AwardTrack

    return _snapshot_list(
        snapshot,
        "proposals",
        _("Commendation proposals"),
        [
            (_("Exemplar"), 20, itemgetter("name")),
            (_("Unit"), 18, itemgetter("unit")),
            (_("Award form"), 20, itemgetter("award")),
            # A published snapshot names the track by its code (the kind of older versions).
            (_("Kind"), 10, _choice(AwardTrack.objects.values_list("code", "name"), "kind")),
            (_("Status"), 12, _choice(AwardProposal.Status.choices, "status")),
            (_("Decision"), 15, _decision),
        ],
    )


def _introductions_table(snapshot: dict) -> Table | None:
    from .models import MediaIntroduction

    return _snapshot_list(
        snapshot,
        "introductions",
        _("Introductions to the media"),
        [
            (_("Exemplar"), 18, itemgetter("name")),
            (_("Unit"), 16, itemgetter("unit")),
            (_("Media outlet"), 16, itemgetter("outlet")),
            (_("Date"), 10, lambda row: _iso_date(row["date"])),
            (_("Occasion"), 12, _choice(MediaIntroduction.Occasion.choices, "occasion")),
            (_("Angle"), 23, lambda row: bounded(row["angle"], url=_exemplar_page(row["code"]))),
        ],
    )


def _coverage_table(snapshot: dict) -> Table | None:
    from campaigns.models import Coverage

    return _snapshot_list(
        snapshot,
        "coverage",
        _("Coverage published"),
        [
            (_("Title"), 30, itemgetter("title")),
            (_("Media outlet"), 18, itemgetter("outlet")),
            (_("Kind"), 12, _choice(Coverage.Kind.choices, "kind")),
            (_("Published on"), 10, lambda row: _iso_date(row["date"])),
            (_("Exemplars"), 25, lambda row: ", ".join(row["exemplars"])),
        ],
    )


def _figure_tables(snapshot: dict, after_key_figures: list | None = None) -> list:
    """Table 1 of the key figures, then the tables given as ``(title, table)`` (the period
    review's year by year), then one numbered table per dimension with its totals."""
    from . import consolidation as consolidating

    labels = consolidating.total_labels(snapshot)
    blocks: list = [
        Paragraph(_("Table 1. Key figures"), style="centre"),
        Table(
            columns=[
                _no(8),
                Column(_("Figure"), width=67),
                Column(_("Number"), numeric=True, width=25),
            ],
            rows=[
                [n, labels[key], snapshot["totals"].get(key, 0)]
                for n, key in enumerate(labels, start=1)
            ],
            sheet=_("Key figures"),
        ),
    ]
    number = 1
    for title, table in after_key_figures or []:
        number += 1
        blocks += [
            Paragraph(
                _("Table %(number)s. %(title)s") % {"number": number, "title": title},
                style="centre",
            ),
            table,
        ]
    for key, title in consolidating.dimension_labels().items():
        rows = snapshot.get(key, [])
        if not rows:
            continue
        number += 1
        blocks += [
            Paragraph(
                _("Table %(number)s. Accepted exemplars %(dimension)s")
                % {"number": number, "dimension": _lower_first(str(title))},
                style="centre",
            ),
            Table(
                columns=[
                    _no(8),
                    Column(_("Group"), width=67),
                    _sum(_("Accepted"), 25),
                ],
                rows=[
                    [n, consolidating.label_of(key, row["label"]), row["count"]]
                    for n, row in enumerate(rows, start=1)
                ],
                totals_label=_("Total"),
                sheet=str(title),
            ),
        ]
    return blocks


class _Annexes:
    """The annexes of a report, numbered in Roman figures as they are added, so that the
    text can cite each one's number. The lists are taken by key from the report's ``tables``
    and the titles filled in with ``fill`` (the report's year, or its period)."""

    ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")

    def __init__(self, tables: dict, fill: dict):
        self.annexes: list[Annex] = []
        self.tables = tables
        self.fill = fill

    def add(self, title: str, blocks: list, landscape: bool = False) -> str:
        number = self.ROMAN[len(self.annexes)]
        self.annexes.append(
            Annex(title=title % self.fill, blocks=blocks, number=number, landscape=landscape)
        )
        return number

    def table(self, key: str, title: str, landscape: bool = False) -> str | None:
        """One list as an annex of its own; none when the report has no such list or it has
        no rows, so that the text cites no empty annex."""
        table = self.tables[key]
        if table is None or not table.data_rows:
            return None
        return self.add(title, [table], landscape)

    def parts(self, title: str, parts: list[tuple[str, str]]) -> str | None:
        """Several lists in one landscape annex, each under its own heading; none when the
        report has none of them. The headings are numbered as written, so a part that is
        missing leaves its number out rather than renumbering the rest."""
        blocks: list = []
        for heading, key in parts:
            if self.tables[key] is not None:
                blocks += [Heading(heading, level=2), self.tables[key]]
        return self.add(title, blocks, landscape=True) if blocks else None

    def media(self, title: str) -> str | None:
        """The annex of how the exemplars were publicised: introduced to the media, then the
        coverage published."""
        return self.parts(
            title,
            [
                (_("1. Exemplars introduced to the media"), "introductions"),
                (_("2. Coverage published"), "coverage"),
            ],
        )

    @staticmethod
    def cite(number: str | None) -> str:
        return _(" (Annex %(number)s)") % {"number": number} if number else ""


# What the yearly report and the period review share: both are Home Affairs' reports to the
# Provincial People's Committee on the same consolidation, and differ only in the span they
# cover (a year, or the plan's years) and in the lists that span calls for.


def _report_narrative(consolidation, narrative: dict | None) -> dict:
    """The narrative given (a published version's, as it was frozen), else the one being
    written on the consolidation."""
    narrative = narrative or {
        name: getattr(consolidation, name) for name in consolidation.NARRATIVE_FIELDS
    }
    page = portal_url(consolidation.get_absolute_url())
    return {name: bounded(text or "", url=page) for name, text in narrative.items()}


def _outreach_tables(snapshot: dict) -> dict:
    """The lists of the commendations proposed and of the exemplars' publicity."""
    return {
        "proposals": _proposals_table(snapshot),
        "introductions": _introductions_table(snapshot),
        "coverage": _coverage_table(snapshot),
    }


def _outreach_paragraphs(totals: dict, *, media_annex, proposals_annex) -> list[Paragraph]:
    """The sentence on publicity and commendations closing part I, when either has an
    annex to cite."""
    if not (proposals_annex or media_annex):
        return []
    cite = _Annexes.cite
    return [
        Paragraph(
            _(
                "Exemplars introduced to the media: %(introductions)s; articles and "
                "programmes published: %(coverage)s%(media_annex)s. Commendations proposed: "
                "%(proposals)s, conferred: %(conferred)s%(proposals_annex)s."
            )
            % {
                "introductions": totals.get("introductions", 0),
                "coverage": totals.get("coverage", 0),
                "media_annex": cite(media_annex),
                "proposals": totals.get("proposals", 0),
                "conferred": totals.get("conferred", 0),
                "proposals_annex": cite(proposals_annex),
            }
        )
    ]


def _narrative_sections(narrative: dict) -> list:
    """Parts II to IV, each under its heading with what was written for it; the heading
    stands even when nothing was, as the report's outline is fixed."""
    blocks: list = []
    for heading, key in (
        (_("II. SHORTCOMINGS AND THEIR CAUSES"), "shortcomings"),
        (_("III. TASKS AHEAD"), "tasks_ahead"),
        (_("IV. PROPOSALS AND RECOMMENDATIONS"), "proposals_text"),
    ):
        blocks.append(Heading(heading))
        blocks += _narrative(narrative.get(key, ""))
    return blocks


def _report_extra(consolidation, snapshot: dict, tables: dict) -> dict:
    """What the consolidation's web page shows of the report's figures, so that the page and
    the report cannot disagree."""
    from . import consolidation as consolidating

    totals = snapshot["totals"]
    labels = consolidating.total_labels(snapshot)
    return {
        "consolidation": consolidation,
        "totals": [(labels[key], totals.get(key, 0)) for key in labels],
        "dimensions": [
            (
                title,
                [
                    (consolidating.label_of(key, row["label"]), row["count"])
                    for row in snapshot.get(key, [])
                ],
            )
            for key, title in consolidating.dimension_labels().items()
            if snapshot.get(key)
        ],
        "tables": {key: table for key, table in tables.items() if table is not None},
        "quota_by_kind": snapshot["quota"]["by_kind"],
        "behind": snapshot["quota"]["behind"],
    }


def _home_affairs_report(
    *, issue: Issue | None, version, filename: str, annexes: _Annexes, **fields
) -> Document:
    """A report from Home Affairs to the Provincial People's Committee, sent to the same
    bodies; a published version's number goes into its label and its file name, so that
    each version downloads under a name of its own."""
    unit = home_affairs()
    return _document(
        unit=unit,
        issue=issue or draft_issue(unit),
        addressee=[_("To: The Provincial People's Committee")],
        recipients=[
            _("The Provincial People's Committee (to report)"),
            _("The Provincial Emulation and Commendation Council"),
            _("The agencies, units and localities"),
            ARCHIVED,
        ],
        filename=filename + (f"-v{version.number}" if version else ""),
        annexes=annexes.annexes,
        version=_("Consolidation version %(number)s") % {"number": version.number}
        if version
        else _("Live consolidation"),
        **fields,
    )


def consolidated_report(
    *, consolidation, snapshot: dict, version=None, narrative=None, issue: Issue | None = None
) -> Document:
    """The yearly report Home Affairs signs: the narrative it wrote (results, shortcomings and
    causes, tasks ahead, proposals), the figures in numbered tables, and the lists as annexes;
    from a published version's frozen snapshot, or the live one while it is prepared. A period
    review's snapshot makes the period review's report (``period_review_report``)."""
    from . import consolidation as consolidating

    if consolidating.is_period(snapshot):
        return period_review_report(
            consolidation=consolidation,
            snapshot=snapshot,
            version=version,
            narrative=narrative,
            issue=issue,
        )
    narrative = _report_narrative(consolidation, narrative)
    year, totals = snapshot["year"], snapshot["totals"]
    tables = {
        "exemplars": _accepted_table(snapshot),
        "behind": _behind_table(snapshot),
        "by_unit": _by_unit_table(snapshot),
        **_outreach_tables(snapshot),
    }
    annexes = _Annexes(tables, {"year": year})
    accepted_annex = annexes.table("exemplars", _("ADVANCED EXEMPLARS ACCEPTED IN %(year)s"))
    behind_annex = annexes.table("behind", _("UNITS BEHIND THEIR QUOTA IN %(year)s"))
    by_unit_annex = annexes.table("by_unit", _("ACCEPTED EXEMPLARS BY UNIT IN %(year)s"), True)
    proposals_annex = annexes.table(
        "proposals", _("COMMENDATION PROPOSALS FOR THE EXEMPLARS OF %(year)s"), True
    )
    media_annex = annexes.media(_("PUBLICISING THE EXEMPLARS IN %(year)s"))
    cite = _Annexes.cite
    if snapshot["campaign"]:
        scope = _("in %(campaign)s") % {"campaign": snapshot["campaign"]}
    else:
        scope = _("in the province")
    body: list = [p for p in [_plan_paragraph(year)] if p]
    body += [
        Paragraph(
            _(
                "The Department of Home Affairs reports the results of finding, building and "
                "publicising advanced exemplars %(scope)s in %(year)s as follows:"
            )
            % {"scope": scope, "year": year}
        ),
        Heading(_("I. RESULTS ACHIEVED")),
        Paragraph(
            _(
                "In %(year)s the agencies, units and localities sent up %(submitted)s "
                "exemplars; the Department of Home Affairs accepted %(accepted)s%(annex)s. "
                "%(met)s of the %(with_quota)s units with a quota met it; %(behind)s are "
                "behind%(behind_annex)s."
            )
            % {
                "year": year,
                "submitted": totals.get("submitted", 0),
                "accepted": totals.get("accepted", 0),
                "annex": cite(accepted_annex),
                "met": totals.get("units_met", 0),
                "with_quota": totals.get("units_with_quota", 0),
                "behind": totals.get("units_behind", 0),
                "behind_annex": cite(behind_annex),
            }
        ),
        *_narrative(narrative.get("results", "")),
        *_figure_tables(snapshot),
    ]
    if by_unit_annex:
        body.append(
            Paragraph(
                _("The results of each unit are in Annex %(number)s.") % {"number": by_unit_annex}
            )
        )
    body += _outreach_paragraphs(totals, media_annex=media_annex, proposals_annex=proposals_annex)
    body += _narrative_sections(narrative)
    campaign_part = f"-{consolidation.campaign.code}" if consolidation.campaign_id else ""
    return _home_affairs_report(
        issue=issue,
        version=version,
        kind="consolidated_report",
        year=year,
        subject=_("Results of finding, building and publicising advanced exemplars in %(year)s")
        % {"year": year}
        + (f" – {snapshot['campaign']}" if snapshot["campaign"] else ""),
        body=body,
        closing=_(
            "The above is the report of the Department of Home Affairs on the results of "
            "finding, building and publicising advanced exemplars in %(year)s./."
        )
        % {"year": year},
        filename=f"bao-cao-dien-hinh-{year}{campaign_part}",
        annexes=annexes,
        extra=_report_extra(consolidation, snapshot, tables),
    )


# The period review of a plan ------------------------------------------------------------------


def _day(value: str) -> str:
    return datetime.date.fromisoformat(value).strftime("%d/%m/%Y") if value else ""


def _by_year_table(snapshot: dict) -> Table:
    """The figures of each year of the period, with the period's totals."""
    from . import consolidation as consolidating

    labels = consolidating.by_year_labels()
    return _listing(
        _("By year"),
        [Column(_("Year"), width=10), *(_sum(label, 11) for label in labels.values())],
        [[str(row["year"]), *(row.get(key, 0) for key in labels)] for row in snapshot["by_year"]],
        totals=True,
    )


def _behind_by_year_table(snapshot: dict) -> Table | None:
    """The obligations not met, year by year; None when every one was met."""
    rows = _grouped(
        (
            (standing["year"], [unit for unit in standing["units"] if not unit["met"]])
            for standing in snapshot["quota_by_year"]
        ),
        lambda member: [member["name"], member["kind"], member["district"], *_shortfall(member)],
        heading=lambda year, count: _("Year %(year)s (%(count)s)") % {"year": year, "count": count},
    )
    if not rows:
        return None
    return _listing(
        _("Obligations not met"),
        [
            _no(6),
            Column(_("Unit"), width=30),
            Column(_("Unit kind"), width=17),
            Column(_("District"), width=17),
            _sum(_("Minimum"), 10),
            _sum(_("Accepted"), 10),
            _sum(_("Missing"), 10),
        ],
        rows,
        totals=True,
    )


def _succession_text(link: dict, *, forward: bool) -> str:
    """ "Sở Tài chính (Sáp nhập, từ 01/03/2025, Nghị định số 45/2025/NĐ-CP …)"."""
    from . import consolidation as consolidating

    changes = consolidating.change_labels()
    parts = [
        str(changes.get(link["change"], link["change"])),
        _("from %(day)s") % {"day": _day(link["effective_on"])},
        link["legal_basis"],
    ]
    if forward and link["takes_over_work"]:
        parts.append(_("takes over its work"))
    return f"{link['name']} ({'; '.join(part for part in parts if part)})"


def _reform_table(snapshot: dict) -> Table | None:
    """The units that ended or began during the period: the days they were in force in it
    and the units they passed their work to, or took it from."""
    units = snapshot["reform"]["units"]
    if not units:
        return None
    rows: list = []
    number = 0
    groups = (
        (_("Units that ended during the period"), [u for u in units if u["ended"]], True),
        (
            _("Units that began during the period"),
            [u for u in units if u["began"] and not u["ended"]],
            False,
        ),
    )
    for title, members, ended in groups:
        if members:
            rows.append(GroupRow(f"{title} ({len(members)})"))
        if not ended:
            # New units with no recorded predecessor trace nothing: one line per kind and
            # first day says how many (129 communes and wards began on 1/7/2025).
            untraced: dict[tuple, int] = {}
            for unit in [u for u in members if not u["predecessors"]]:
                key = (unit["kind"], unit["valid_from"], unit["days"])
                untraced[key] = untraced.get(key, 0) + 1
            members = [u for u in members if u["predecessors"]]
        for unit in members:
            number += 1
            if ended:
                links = [_succession_text(link, forward=True) for link in unit["successors"]]
                trace = _("Carried on by: %(units)s") % {"units": "; ".join(links)} if links else ""
                if not links and unit["end_basis"]:
                    trace = _("Ended under %(basis)s") % {"basis": unit["end_basis"]}
            else:
                links = [_succession_text(link, forward=False) for link in unit["predecessors"]]
                trace = (
                    _("Carries on from: %(units)s") % {"units": "; ".join(links)} if links else ""
                )
            in_force = "{} – {}".format(
                _day(unit["valid_from"]) or "…", _day(unit["valid_until"]) or _("now")
            )
            rows.append([number, unit["name"], unit["kind"], in_force, unit["days"], trace or "—"])
        if not ended:
            for (kind, valid_from, days), count in untraced.items():
                number += 1
                rows.append(
                    [
                        number,
                        _("%(count)s units, without a recorded predecessor") % {"count": count},
                        kind,
                        "{} – {}".format(_day(valid_from) or "…", _("now")),
                        days,
                        _("Listed on the portal's unit pages."),
                    ]
                )
    return _listing(
        _("Units reorganised"),
        [
            _no(5),
            Column(_("Unit"), width=22),
            Column(_("Unit kind"), width=13),
            Column(_("In force"), width=14),
            Column(_("Days in force in the period"), numeric=True, width=9),
            Column(_("Successions (legal basis, effective date)"), width=37),
        ],
        rows,
    )


def _inherited_table(snapshot: dict) -> Table | None:
    """Year by year, the units that counted toward their quota what units that ended had
    achieved that year."""
    rows = snapshot["reform"]["inherited"]
    if not rows:
        return None
    return _listing(
        _("Results carried over"),
        [
            _no(6),
            Column(_("Year"), width=8),
            Column(_("Unit counting the results"), width=30),
            Column(_("Units that ended, whose results it counted"), width=40),
            _sum(_("Accepted exemplars counted"), 16),
        ],
        _numbered(
            rows,
            lambda row: [
                str(row["year"]),
                row["name"],
                "; ".join(row["predecessors"]),
                row["accepted"],
            ],
        ),
        totals=True,
    )


def _period_plan_paragraph(consolidation, snapshot: dict) -> Paragraph:
    """The plan the review is of, cited as it reads now (its number and date may have been
    entered after the version was published)."""
    plan = consolidation.plan
    citation = plan.citation if plan is not None else snapshot["plan"]["citation"]
    illustrative = plan.illustrative if plan is not None else snapshot["plan"]["illustrative"]
    return _implementing(citation, illustrative)


def period_review_report(
    *, consolidation, snapshot: dict, version=None, narrative=None, issue: Issue | None = None
) -> Document:
    """The period review Home Affairs signs ("Báo cáo tổng kết thực hiện Kế hoạch … giai đoạn
    2023 - 2025"): the yearly report's parts over the plan's years, with the figures year by
    year, the units traced through the reform and each year's obligations not met."""
    from . import consolidation as consolidating

    narrative = _report_narrative(consolidation, narrative)
    totals = snapshot["totals"]
    period = snapshot["plan"]["period"]
    plan = consolidation.plan
    citation = plan.citation if plan is not None else snapshot["plan"]["citation"]
    tables = {
        "by_year": _by_year_table(snapshot),
        "exemplars": _accepted_table(snapshot),
        "behind": _behind_by_year_table(snapshot),
        "reform": _reform_table(snapshot),
        "inherited": _inherited_table(snapshot),
        "by_unit": _by_unit_and_year_table(snapshot),
        **_outreach_tables(snapshot),
    }
    annexes = _Annexes(tables, {"period": period})
    accepted_annex = annexes.table(
        "exemplars", _("ADVANCED EXEMPLARS ACCEPTED IN THE PERIOD %(period)s"), True
    )
    behind_annex = annexes.table(
        "behind", _("QUOTA OBLIGATIONS NOT MET IN THE PERIOD %(period)s"), True
    )
    reform_annex = annexes.parts(
        _("UNITS REORGANISED IN THE PERIOD %(period)s"),
        [
            (_("1. Units that ended or began"), "reform"),
            (_("2. Results counted for the units that carried on"), "inherited"),
        ],
    )
    by_unit_annex = annexes.table(
        "by_unit", _("ACCEPTED EXEMPLARS BY UNIT AND YEAR, %(period)s"), True
    )
    proposals_annex = annexes.table(
        "proposals", _("COMMENDATION PROPOSALS IN THE PERIOD %(period)s"), True
    )
    media_annex = annexes.media(_("PUBLICISING THE EXEMPLARS IN THE PERIOD %(period)s"))
    cite = _Annexes.cite
    body: list = [
        _period_plan_paragraph(consolidation, snapshot),
        Paragraph(
            _(
                "The Department of Home Affairs reports the review of the plan's "
                "implementation in the period %(period)s as follows:"
            )
            % {"period": period}
        ),
        Heading(_("I. RESULTS ACHIEVED")),
        Paragraph(
            _(
                "In the period %(period)s the agencies, units and localities sent up "
                "%(submitted)s exemplars; the Department of Home Affairs accepted "
                "%(accepted)s%(annex)s, from %(units)s units. Of the %(obligations)s yearly "
                "quota obligations, %(met)s were met and %(behind)s were not%(behind_annex)s."
            )
            % {
                "period": period,
                "submitted": totals.get("submitted", 0),
                "accepted": totals.get("accepted", 0),
                "annex": cite(accepted_annex),
                "units": totals.get("units_with_exemplars", 0),
                "obligations": totals.get("units_with_quota", 0),
                "met": totals.get("units_met", 0),
                "behind": totals.get("units_behind", 0),
                "behind_annex": cite(behind_annex),
            }
        ),
        *_narrative(narrative.get("results", "")),
        *_figure_tables(
            snapshot, after_key_figures=[(_("Results year by year"), tables["by_year"])]
        ),
    ]
    if reform_annex:
        body.append(
            Paragraph(
                _(
                    "As the apparatus was reorganised, %(ended)s units ended and %(began)s "
                    "began during the period%(annex)s. Each unit owed each year's quota once; "
                    "what a unit that ended had achieved in its last year counted for the unit "
                    "that took over its work."
                )
                % {
                    "ended": totals.get("units_ended", 0),
                    "began": totals.get("units_began", 0),
                    "annex": cite(reform_annex),
                }
            )
        )
    if by_unit_annex:
        body.append(
            Paragraph(
                _("The results of each unit, year by year, are in Annex %(number)s.")
                % {"number": by_unit_annex}
            )
        )
    body += _outreach_paragraphs(totals, media_annex=media_annex, proposals_annex=proposals_annex)
    body += _narrative_sections(narrative)
    subject = _("Review of the implementation of %(plan)s") % {"plan": citation}
    if period not in citation:
        subject += _(" in the period %(period)s") % {"period": period}
    first, last = snapshot["years"][0], snapshot["years"][-1]
    by_year_labels = consolidating.by_year_labels()
    return _home_affairs_report(
        issue=issue,
        version=version,
        kind="period_review",
        year=snapshot["year"],
        subject=subject,
        body=body,
        closing=_(
            "The above is the review by the Department of Home Affairs of the plan's "
            "implementation in the period %(period)s./."
        )
        % {"period": period},
        filename=f"bao-cao-tong-ket-{first}-{last}",
        annexes=annexes,
        # The review's page also shows the figures year by year and the units traced
        # through the reform.
        extra={
            **_report_extra(consolidation, snapshot, tables),
            "by_year_labels": list(by_year_labels.values()),
            "by_year": [
                (row["year"], [row.get(key, 0) for key in by_year_labels])
                for row in snapshot["by_year"]
            ],
            "by_year_totals": [
                sum(row.get(key, 0) for row in snapshot["by_year"]) for key in by_year_labels
            ],
            "reform": snapshot["reform"],
        },
    )


# The commendation submission (tờ trình) -------------------------------------------------------


def proposal_list(
    *, proposals, unit: Unit | None, year: int, to_province: bool, issue: Issue | None = None
) -> Document:
    """A submission letter with the list of proposals as its annex: from Home Affairs to the
    chair of the Provincial People's Committee (``to_province``: the proposals it agreed to at
    the appraisal and that await the chair's decision), or from a unit to the Department of
    Home Affairs (every proposal the unit made for ``year``)."""
    from .models import AwardProposal

    issue = issue or draft_issue(unit)
    proposals = proposals.filter(year=year)
    if to_province:
        proposals = proposals.filter(status=AwardProposal.Status.AGREED)
    proposals = list(
        proposals.select_related("exemplar__unit", "award", "track", "proposing_unit").order_by(
            "award__order", "award__name", "exemplar__subject_key", "pk"
        )
    )
    rows: list = []
    awards: list[tuple[str, int]] = []
    for number, proposal in enumerate(proposals, start=1):
        if not awards or awards[-1][0] != proposal.award.name:
            awards.append((proposal.award.name, 0))
            rows.append(proposal.award.name)
        awards[-1] = (awards[-1][0], awards[-1][1] + 1)
        exemplar = proposal.exemplar
        rows.append(
            [
                number,
                exemplar.subject_name,
                describe_subject(exemplar) or exemplar.unit.name,
                proposal.track.label if to_province else proposal.get_status_display(),
                proposal.proposing_unit.name if to_province else exemplar.unit.name,
                summary(proposal.reasons),
            ]
        )
    counts = dict(awards)
    rows = [GroupRow(f"{row} ({counts[row]})") if isinstance(row, str) else row for row in rows]
    name = issuer_name(unit)
    body = [
        Paragraph(
            _(
                "Pursuant to the Law on Emulation and Commendation of 15 June 2022 and the "
                "documents detailing and guiding its implementation;"
            )
        ),
    ]
    plan = _plan_paragraph(year)
    if plan:
        body.append(plan)
    if to_province:
        addressee = [_("To: The Chair of the Provincial People's Committee")]
        basis = _(
            "On the proposals of the agencies, units and localities and the results of the "
            "appraisal by the Provincial Emulation and Commendation Council's standing body, "
        )
        recipients = [
            _("As above"),
            _("The Provincial Emulation and Commendation Council"),
            ARCHIVED,
        ]
        kind = "proposals_province"
    else:
        addressee = [_("To: The Department of Home Affairs")]
        basis = ""
        recipients = [_("As above"), "Lưu: VT"]
        kind = "proposals_unit"
    if proposals:
        body.append(
            Paragraph(
                basis
                + ngettext(
                    "%(issuer)s respectfully submits for commendation %(count)s advanced "
                    "exemplar of %(year)s, namely:",
                    "%(issuer)s respectfully submits for commendation %(count)s advanced "
                    "exemplars of %(year)s, namely:",
                    len(proposals),
                )
                % {"issuer": name, "count": len(proposals), "year": year}
            )
        )
        body += [Paragraph(f"- {award}: {count}.") for award, count in awards]
        body.append(Paragraph(_("(The list is annexed.)")))
        closing = _("%(issuer)s respectfully submits this for consideration and decision./.") % {
            "issuer": name
        }
    else:
        body.append(
            Paragraph(
                _("%(issuer)s has no proposal for commendation to submit for %(year)s.")
                % {"issuer": name, "year": year}
            )
        )
        closing = _("%(issuer)s respectfully reports./.") % {"issuer": name}
    annexes = _list_annex(
        _("LIST OF PROPOSALS FOR COMMENDATION, %(year)s") % {"year": year},
        _listing(
            _("Proposals"),
            [
                _no(),
                Column(_("Name"), width=17),
                Column(_("Position, workplace"), width=18),
                Column(_("Kind") if to_province else _("Status"), width=10),
                Column(_("Proposing unit") if to_province else _("Unit"), width=15),
                Column(_("Summary of achievements"), width=35),
            ],
            rows,
        ),
    )
    return _document(
        unit=unit,
        issue=issue,
        doc_type="TTr",
        kind=kind,
        year=year,
        subject=_("Proposal for the commendation of advanced exemplars, %(year)s") % {"year": year},
        addressee=addressee,
        body=body,
        closing=closing,
        recipients=recipients,
        filename=f"to-trinh-khen-thuong-{year}" + ("" if to_province else f"-{unit.code}"),
        annexes=annexes,
        extra={"count": len(proposals), "awards": awards},
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


def dashboard_document(dashboard, issue: Issue | None = None) -> Document:
    """The dashboard as Home Affairs' overview report to the provincial leaders: the key
    figures against the previous year, then each chart's table with its bars (drawn in the
    PDF; the PDF runs no script)."""
    unit = home_affairs()
    issue = issue or draft_issue(unit)
    figures = [
        [
            n,
            figure.label,
            f"{figure.value}/{figure.total}" if figure.total is not None else figure.value,
            "" if figure.previous is None else figure.previous,
            ""
            if figure.change is None
            else (f"+{figure.change}" if figure.change > 0 else figure.change),
        ]
        for n, figure in enumerate(dashboard.figures, start=1)
    ]
    body: list = [
        Paragraph(
            _(
                "The Department of Home Affairs reports the main figures on advanced exemplars "
                "in %(year)s, compared with %(previous)s, as follows:"
            )
            % {"year": dashboard.year, "previous": dashboard.previous_year}
        ),
        Heading(_("I. KEY FIGURES")),
        Table(
            columns=[
                Column(_("No."), width=7),
                Column(_("Figure"), width=48),
                Column(str(dashboard.year), numeric=True, width=15),
                Column(str(dashboard.previous_year), numeric=True, width=15),
                Column(_("Change"), numeric=True, width=15),
            ],
            rows=figures,
            sheet=_("Key figures"),
        ),
        Heading(_("II. DETAILS")),
    ]
    for n, chart in enumerate(dashboard.charts, start=1):
        body.append(Heading(f"{n}. {chart.title}", level=2))
        if not chart.bars:
            body.append(Paragraph(str(chart.empty or _("No data for this year.")), style="note"))
            continue
        measure = sum if chart.stacked else max
        peak = max((measure(bar.values) for bar in chart.bars), default=0) or 1
        body.append(
            Table(
                columns=[
                    Column(_("Group"), width=34),
                    *(_sum(str(name), 13) for name in chart.series),
                ],
                rows=[[bar.label, *bar.values] for bar in chart.bars],
                totals_label=_("Total") if chart.stacked or len(chart.series) == 1 else "",
                sheet=str(chart.title),
                small=True,
                bars=[_bar_segments(bar.values, peak, chart.stacked) for bar in chart.bars],
            )
        )
        if len(chart.series) > 1:
            body.append(
                Paragraph(
                    "; ".join(
                        f"{name}: {colour_name}"
                        for name, colour_name in zip(
                            chart.series,
                            [_("dark blue"), _("orange"), _("grey"), _("green")],
                            strict=False,
                        )
                    ),
                    style="note",
                )
            )
        if chart.note:
            body.append(Paragraph(str(chart.note), style="note"))
    return _document(
        unit=unit,
        issue=issue,
        kind="dashboard",
        year=dashboard.year,
        subject=_("Overview of advanced exemplars in %(year)s compared with %(previous)s")
        % {"year": dashboard.year, "previous": dashboard.previous_year},
        addressee=[_("To: The Provincial People's Committee")],
        body=body,
        closing=_(
            "The Department of Home Affairs respectfully reports to the provincial leaders./."
        ),
        recipients=[_("The provincial leaders (for information)"), ARCHIVED],
        filename=f"tong-quan-dien-hinh-{dashboard.year}",
    )


# The minutes of a council meeting (biên bản) ---------------------------------------------------


def _long_day(day: datetime.date) -> str:
    """ "05 tháng 3 năm 2026" (after "ngày")."""
    d, m = decree_day(day)
    return f"{d} tháng {m} năm {day.year}"


def _ballot_line(result) -> str:
    return _(
        "Members counted: %(members)s (recused: %(recused)s), present: %(present)s; agree: "
        "%(agree)s, disagree: %(disagree)s, abstain: %(abstain)s. Result: %(result)s."
    ) % {**vars(result), "result": result.result}


def council_minutes(*, meeting, issue: Issue | None = None) -> Document:
    """The minutes of ``meeting``: who attended, the agenda, each proposal with its votes and
    result under the council's rule, signed by the secretary (left) and the chair (right)."""
    from .councils import outcome

    council = meeting.council
    unit = council.unit
    issue = issue or draft_issue(unit)
    if issue.number is None:  # a draft bears the day of the meeting it records
        issue = Issue(number=None, date=meeting.date, signature=issue.signature)
    members = list(council.members_on(meeting.date))
    present = set(meeting.present.all())
    proposals = list(meeting.proposals.select_related("award", "exemplar__unit"))
    start = f"{meeting.starts_at:%H} giờ {meeting.starts_at:%M}, " if meeting.starts_at else ""
    body = [
        Paragraph(
            _("Time: %(start)sday %(day)s.") % {"start": start, "day": _long_day(meeting.date)}
        ),
        Paragraph(_("Place: %(place)s.") % {"place": meeting.place}),
        Heading(_("I. ATTENDANCE")),
    ]
    for label, member in ((_("Chaired by"), meeting.chair), (_("Secretary"), meeting.secretary)):
        if member:
            who = ", ".join(filter(None, [member.full_name, member.position]))
            body.append(Paragraph(f"- {label}: {who}."))
    body.append(
        Paragraph(
            _("- Members present: %(present)s of %(members)s members of the council.")
            % {"present": len(present & set(members)), "members": len(members)}
        )
    )
    body.append(
        _listing(
            _("Members"),
            [
                _no(),
                Column(_("Full name"), width=25),
                Column(_("Position"), width=35),
                Column(_("Role"), width=15),
                Column(_("Attended"), width=12),
            ],
            _numbered(
                members,
                lambda m: [
                    m.full_name,
                    m.position,
                    m.get_role_display(),
                    _("Present") if m in present else _("Absent"),
                ],
            ),
        )
    )
    rule = _(
        "Quorum: at least %(quorum)s of the members; a proposal passes when %(more)s "
        "%(needed)s of the members agree (%(basis)s)."
    ) % {
        "quorum": f"{council.quorum_numerator}/{council.quorum_denominator}",
        "more": _("more than") if council.pass_more_than else _("at least"),
        "needed": f"{council.pass_numerator}/{council.pass_denominator}",
        "basis": council.basis or _("the council's rules"),
    }
    body += [
        Heading(_("II. AGENDA AND PROCEEDINGS")),
        Paragraph(
            _("The council considered %(count)s proposals for commendation.")
            % {"count": len(proposals)}
        ),
        Paragraph(rule),
    ]
    recusals = {}
    for recusal in meeting.recusals.select_related("member"):
        recusals.setdefault(recusal.proposal_id, []).append(recusal)
    results = []
    for number, proposal in enumerate(proposals, start=1):
        result = outcome(meeting, proposal)
        results.append((proposal, result))
        body.append(
            Heading(f"{number}. {proposal.award.name}: {proposal.exemplar.subject_name}", level=2)
        )
        disclosure, page = proposal.disclosure_or_none, portal_url(proposal.get_absolute_url())
        if disclosure is not None:
            body.append(
                Paragraph(
                    _(
                        "Made public from %(start)s to %(end)s at %(where)s; comments: "
                        "%(comments)s; how they were handled: %(handling)s."
                    )
                    % {
                        "start": f"{disclosure.starts_on:%d/%m/%Y}",
                        "end": f"{disclosure.ends_on:%d/%m/%Y}",
                        "where": disclosure.where,
                        "handling": record_text(disclosure, "handling", url=page) or "-",
                        "comments": record_text(disclosure, "comments", url=page) or _("none"),
                    }
                )
            )
        for recusal in recusals.get(proposal.pk, []):
            body.append(
                Paragraph(
                    _("%(name)s recused (%(reason)s) and did not vote.")
                    % {"name": recusal.member.full_name, "reason": recusal.reason}
                )
            )
        body.append(Paragraph(_ballot_line(result)))
    body += [
        Heading(_("III. CONCLUSION")),
        _listing(
            _("Results"),
            [
                _no(),
                Column(_("Name"), width=22),
                Column(_("Award form"), width=22),
                _sum(_("Agree"), 9),
                _sum(_("Disagree"), 9),
                _sum(_("Abstain"), 9),
                Column(_("Result"), width=14),
            ],
            _numbered(
                results,
                lambda pair: [
                    pair[0].exemplar.subject_name,
                    pair[0].award.name,
                    pair[1].agree,
                    pair[1].disagree,
                    pair[1].abstain,
                    pair[1].result,
                ],
            ),
        ),
    ]
    document = _document(
        unit=unit,
        issue=issue,
        doc_type="BB",
        kind="council_minutes",
        year=meeting.date.year,
        subject=_("Meeting of the %(council)s") % {"council": council.name},
        body=body,
        closing=_("The minutes were read to the meeting and approved by the members present./."),
        recipients=[],
        filename=f"bien-ban-hop-hoi-dong-{meeting.date:%Y-%m-%d}",
        extra={"results": [(p.pk, r.passed) for p, r in results]},
    )
    # The council issues its minutes under its unit, signed by its chair and secretary.
    document.superior = document.issuer.replace("\n", " ")
    if is_peoples_committee(unit):
        document.superior = f"UBND {unit.name}".upper()
    document.issuer = council.name.upper()
    document.symbol = "BB-HĐTĐKT"
    document.signature = _signed(_("CHAIR"), meeting.chair)
    document.cosignature = _signed(_("SECRETARY"), meeting.secretary)
    return document


def _signed(title: str, member) -> Signature:
    return Signature(lines=[title], name=member.full_name if member else "")
