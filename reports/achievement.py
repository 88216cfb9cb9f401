"""Achievement reports (báo cáo thành tích) in the official forms, prefilled from the exemplar.

The form set is data (``FORMS``): which form a collective, an individual or a household
reports on, under which decree, in force from when to when, and what was checked of it.

- Decree 98/2023/NĐ-CP (31/12/2023, in force 01/01/2024), Appendix I: Mẫu số 02 "Báo cáo
  thành tích đề nghị khen thưởng cho tập thể" and Mẫu số 03 "… cho cá nhân" (the numbers and
  subjects checked against secondary sources, /tmp/issue16/legal.md §10; the sections — I.
  sơ lược lý lịch or đặc điểm tình hình, II. thành tích đạt được, III. các hình thức đã được
  khen thưởng, the head's certification and the certification of the level that submits —
  against a published step-by-step guide to the form, not the decree's own text).
- Decree 152/2025/NĐ-CP (14/6/2025) replaced it from 01/7/2025 (its Art. 59); its appendix
  lists eleven achievement reports, among them "khen thưởng công trạng cho tập thể" and
  "… cho cá nhân" (titles read on a published list of the appendix; their numbers were not
  found, so none is printed). Their sections are taken to be those of Decree 98's forms.
- No household form was found under either decree: the household's report follows Mẫu số 03
  (the individual's), labelled for a household, as the household's head reports for it.

A form is chosen by the report's date. The sections' headings are the form's own wording,
printed in Vietnamese like the national title. The report is issued by the exemplar's unit
(``reports/issuing.py``): the unit head certifies and proposes; the unit edits the DOCX,
has it signed and uploads the scan on the proposal (``ProposalFile``).
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from registry.enums import SubjectKind
from registry.models import Exemplar

from .documents import (
    Issue,
    _document,
    achievement_texts,
    draft_issue,
    evidence_table,
    filled,
    issuer_name,
    particulars,
)
from .layout import Column, Document, Facts, Heading, Paragraph, Signature, Table
from .models import AwardProposal, PriorAward, subject_rows


@dataclass(frozen=True)
class OfficialForm:
    number: str  # "Mẫu số 03"; "" where the number was not found
    title: str
    source: str
    valid_from: datetime.date
    valid_to: datetime.date | None
    about: str  # heading of section I
    checked: str  # what was checked of it, and where


ND98 = "Phụ lục I Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ"
ND152 = "Phụ lục Nghị định số 152/2025/NĐ-CP ngày 14/6/2025 của Chính phủ"
ND98_DAYS = (datetime.date(2024, 1, 1), datetime.date(2025, 6, 30))
ND152_DAYS = (datetime.date(2025, 7, 1), None)
BACKGROUND = "I. SƠ LƯỢC LÝ LỊCH"
SITUATION = "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH"
HOUSEHOLD = "I. SƠ LƯỢC VỀ HỘ GIA ĐÌNH"
SECTIONS_CHECKED = "Mục I-III và phần xác nhận: theo hướng dẫn lập mẫu đã công bố."
NOT_FOUND = "Không tìm thấy mẫu riêng cho hộ gia đình; lập theo Mẫu số 03 (cá nhân)."

FORMS = {
    SubjectKind.COLLECTIVE: [
        OfficialForm(
            "Mẫu số 02",
            "Báo cáo thành tích đề nghị khen thưởng cho tập thể",
            ND98,
            *ND98_DAYS,
            SITUATION,
            SECTIONS_CHECKED,
        ),
        OfficialForm(
            "",
            "Báo cáo thành tích đề nghị khen thưởng công trạng cho tập thể",
            ND152,
            *ND152_DAYS,
            SITUATION,
            "Tên mẫu theo danh mục phụ lục đã công bố; số mẫu chưa xác minh.",
        ),
    ],
    SubjectKind.INDIVIDUAL: [
        OfficialForm(
            "Mẫu số 03",
            "Báo cáo thành tích đề nghị khen thưởng cho cá nhân",
            ND98,
            *ND98_DAYS,
            BACKGROUND,
            SECTIONS_CHECKED,
        ),
        OfficialForm(
            "",
            "Báo cáo thành tích đề nghị khen thưởng công trạng cho cá nhân",
            ND152,
            *ND152_DAYS,
            BACKGROUND,
            "Tên mẫu theo danh mục phụ lục đã công bố; số mẫu chưa xác minh.",
        ),
    ],
    SubjectKind.HOUSEHOLD: [
        OfficialForm(
            "Mẫu số 03",
            "Báo cáo thành tích đề nghị khen thưởng cho hộ gia đình",
            ND98,
            *ND98_DAYS,
            HOUSEHOLD,
            NOT_FOUND,
        ),
        OfficialForm(
            "",
            "Báo cáo thành tích đề nghị khen thưởng công trạng cho hộ gia đình",
            ND152,
            *ND152_DAYS,
            HOUSEHOLD,
            NOT_FOUND,
        ),
    ],
}


def form_for(subject_kind: str, day: datetime.date) -> OfficialForm:
    """The form in force on ``day`` for ``subject_kind`` (the earliest before any)."""
    forms = FORMS[SubjectKind(subject_kind)]
    for form in forms:
        if form.valid_from <= day and (form.valid_to is None or day <= form.valid_to):
            return form
    return forms[0]


def same_subject(exemplar: Exemplar):
    """The exemplar's records of every year: the same subject in the same unit."""
    return subject_rows(exemplar)


def years_table(exemplar: Exemplar) -> Table:
    records = same_subject(exemplar).filter(year__lte=exemplar.year).order_by("year")
    return Table(
        columns=[
            Column(_("Year"), width=10),
            Column(_("Status"), width=22),
            Column(_("Achievements"), width=68),
        ],
        rows=[[r.year, r.get_status_display(), r.achievements[:300]] for r in records],
        sheet=_("Achievements"),
    )


def awards_table(exemplar: Exemplar, proposal: AwardProposal | None = None) -> Table | None:
    """The awards the subject already holds: conferred on the portal (not the one the report
    is written for) and recorded as held from before it (``PriorAward``), by year."""
    conferred = (
        AwardProposal.objects.filter(
            exemplar__in=same_subject(exemplar), status=AwardProposal.Status.CONFERRED
        )
        .exclude(pk=proposal.pk if proposal else None)
        .select_related("award")
        .order_by("decision_date", "year")
    )
    rows = [
        [p.year, p.award.name, p.decision_number, p.decision_date, p.award.get_level_display()]
        for p in conferred
    ]
    held = PriorAward.objects.filter(exemplar__in=same_subject(exemplar)).select_related("award")
    rows += [
        [h.year, h.award.name, h.document_number, h.document_date, h.document_issuer] for h in held
    ]
    # By year, the portal's decisions and those from before it together (a stable sort keeps
    # the portal's order within a year).
    rows.sort(key=lambda row: row[0])
    if not rows:
        return None
    return Table(
        columns=[
            Column(_("Year"), width=10),
            Column(_("Award form"), width=30),
            Column(_("Decision number"), width=18),
            Column(_("Decision date"), width=14),
            Column(_("Conferred by"), width=28),
        ],
        rows=rows,
        sheet=_("Awards"),
    )


def achievement_report(
    *,
    exemplar: Exemplar,
    proposal: AwardProposal | None = None,
    personal_data: bool,
    issue: Issue | None = None,
) -> Document:
    """The exemplar's achievement report in the official form in force on its date, for
    ``proposal``'s award if given; certified and proposed by the unit's head."""
    unit = exemplar.unit
    issue = issue or draft_issue(unit)
    form = form_for(exemplar.subject_kind, issue.date)
    cited = f"{form.number}, {form.source}".lstrip(", ")
    texts = achievement_texts(exemplar, number_from=2)
    body: list = [
        Paragraph(f"{cited} – {form.title}", style="note"),
        Heading(form.about),
        Facts(pairs=filled(particulars(exemplar, personal_data=personal_data))),
        Heading("II. THÀNH TÍCH ĐẠT ĐƯỢC"),
        Heading("1. " + _("Achievements by year"), level=2),
        years_table(exemplar),
        *texts,
    ]
    criteria = evidence_table(exemplar)
    if criteria is not None:
        number = 2 + sum(isinstance(block, Heading) for block in texts)
        body += [Heading(f"{number}. " + _("Against the criteria"), level=2), criteria]
    body.append(Heading("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG"))
    awards = awards_table(exemplar, proposal)
    body.append(awards or Paragraph(_("No award recorded on the portal."), style="plain"))
    body += [
        Heading("XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG"),
        Paragraph(_("To be certified on the signed copy."), style="note"),
    ]
    award = proposal.award.name if proposal else ""
    subject = (
        _("Achievements of %(name)s proposed for %(award)s")
        if award
        else _("Achievements of the advanced exemplar %(name)s")
    ) % {"name": exemplar.subject_name, "award": award}
    certify = issue.signature
    return _document(
        unit=unit,
        issue=Issue(
            number=issue.number,
            date=issue.date,
            signature=Signature(lines=["XÁC NHẬN, ĐỀ NGHỊ", *certify.lines], name=certify.name),
        ),
        kind="achievement_report",
        year=proposal.year if proposal else exemplar.year,
        subject=subject,
        body=body,
        closing=_("%(unit)s confirms the achievements reported above./.")
        % {"unit": issuer_name(unit)},
        recipients=[_("The Department of Home Affairs (Emulation and Rewards Board)"), "Lưu: VT"],
        filename=f"bao-cao-thanh-tich-mau-{exemplar.code}",
        extra={"exemplar": exemplar, "form": form},
    )
