"""A proposal's dossier (hồ sơ đề nghị khen thưởng, Law 2022 Art. 84): the parts its award
form requires of the exemplar's subject, what of each is there, and the dossier as one zip.

The parts are data (``AwardDossierPart``, seeded from ``reports/data``). What can stand for a
part follows from the kind of document it is, read from its code:

- the submission letter ("to-trinh…"): a signed scan uploaded on the proposal, or the
  proposing unit's issued letter whose list names the proposal (its letter of the year to
  Home Affairs issued after the proposal was made, or Home Affairs' own letter to the chair
  issued while the proposal stood agreed);
- the achievement report ("bao-cao…"): a signed scan, or the report issued for this
  proposal; its draft can always be downloaded, but a draft does not make the part present;
- the council's minutes ("bien-ban…"): a signed scan, or the issued minutes of a council
  meeting that considered the proposal;
- any other part (a proof: "chung-nhan…"): signed scans only, as many as the case needs.

The letter, the report and the minutes are one document each: a new scan replaces the one
before (which is kept for the retention period, as every removed file is). A proof part
keeps every scan.

The zip (``write_zip``) is filed the way a receiving office files a dossier (the Central
Emulation and Commendation Board's list: the submission letter with its list, the
achievement reports, the council's minutes, then the proofs): ``zip_name`` is
``HoSo-KhenThuong-<year>-<award code>-<subject>.zip``; its entries are numbered by the part's
place in that order, ``01-To-trinh-05-TTr-SYT.pdf`` (the list as the letter's
``…-Danh-sach.xlsx``), ``02-Bao-cao-thanh-tich-<name>.pdf`` (the signed scan, else the
issued report, else the draft's PDF and DOCX marked ``DU-THAO``),
``03-Bien-ban-hoi-dong-<number>.pdf``, ``04-Chung-nhan-sang-kien-1.pdf``…, files of no part
last (``NN-Tai-lieu-khac-1.pdf``), and ``00-Muc-luc.txt`` lists every part, present or
missing. Every name is ASCII (``exemplar_portal.base.text.ascii_name``), so that any unzip
on Windows reads it.
"""

import datetime
import os
import zipfile
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from exemplar_portal.base.text import ascii_name
from exemplar_portal.base.uploads import UploadRejected
from registry import attachments, file_quota

from . import issuing
from .models import AwardDossierPart, AwardProposal, DossierPart, IssuedDocument, ProposalFile

Kind = IssuedDocument.Kind
LETTER, REPORT, MINUTES, PROOF = "letter", "report", "minutes", "proof"
# The kind of document a part is, by the start of its code; anything else is a proof.
SOURCES = (("to-trinh", LETTER), ("bao-cao", REPORT), ("bien-ban", MINUTES))
# The order a receiving office files the parts in.
FILING_ORDER = {LETTER: 1, REPORT: 2, MINUTES: 3, PROOF: 4}
# The achievement report's part for a subject with no report part in its award's dossier.
REPORT_PARTS = {
    "collective": "bao-cao-tap-the",
    "individual": "bao-cao-ca-nhan",
    "household": "bao-cao-ho-gia-dinh",
}
INDEX_NAME = "00-Muc-luc.txt"
DRAFT_MARK = "DU-THAO"
# The zip is written to memory up to this size, then to a temporary file.
SPOOL_BYTES = 8 * 1024 * 1024


def source_of(part: DossierPart) -> str:
    return next((source for start, source in SOURCES if part.code.startswith(start)), PROOF)


def parts_of(award, subject_kind: str):
    """The rows of ``award``'s dossier for a subject of ``subject_kind``: the required ones
    first, then those where the case calls for it, each in the award's order."""
    return (
        AwardDossierPart.objects.filter(award=award, **{f"for_{subject_kind}s": True})
        .select_related("part__legal_document")
        .order_by("-required", "order", "pk")
    )


def report_part(proposal: AwardProposal) -> DossierPart | None:
    """The part a signed achievement report of ``proposal`` is filed under: the report of
    its award's dossier for the exemplar's subject, else the report of that subject."""
    kind = proposal.exemplar.subject_kind
    for row in parts_of(proposal.award, kind):
        if source_of(row.part) == REPORT:
            return row.part
    return DossierPart.objects.filter(code=REPORT_PARTS.get(kind, "")).first()


@dataclass
class Row:
    """One part of the dossier and what of it is there."""

    item: AwardDossierPart
    # Its number in the zip: its place in the filing order (missing parts keep theirs).
    position: int = 0
    scans: list = field(default_factory=list)  # live uploads, newest first
    issued: list = field(default_factory=list)  # issued documents that stand for it

    @property
    def part(self) -> DossierPart:
        return self.item.part

    @property
    def required(self) -> bool:
        return self.item.required

    @property
    def source(self) -> str:
        return source_of(self.part)

    @property
    def single(self) -> bool:
        """Whether the part is one document (a new scan replaces the one before)."""
        return self.source != PROOF

    @property
    def present(self) -> bool:
        return bool(self.scans or self.issued)

    @property
    def missing(self) -> bool:
        return self.required and not self.present

    @property
    def offers_draft(self) -> bool:
        """The achievement report is generated: its draft can be downloaded."""
        return self.source == REPORT

    @property
    def number(self) -> str:
        return f"{self.position:02d}"


@dataclass
class Checklist:
    proposal: AwardProposal
    rows: list[Row]
    # Live files on the proposal that stand for no part of this dossier.
    loose: list = field(default_factory=list)

    @property
    def required(self) -> list[Row]:
        return [row for row in self.rows if row.required]

    @property
    def optional(self) -> list[Row]:
        return [row for row in self.rows if not row.required]

    @property
    def missing(self) -> list[Row]:
        return [row for row in self.rows if row.missing]

    @property
    def present_required(self) -> int:
        return sum(row.present for row in self.required)

    @property
    def complete(self) -> bool:
        return not self.missing

    def row_of(self, part) -> Row | None:
        return next((row for row in self.rows if row.part.pk == getattr(part, "pk", part)), None)

    def in_filing_order(self) -> list[Row]:
        return sorted(self.rows, key=lambda row: row.position)


def checklist(proposal: AwardProposal) -> Checklist:
    """What ``proposal``'s dossier holds, part by part (a few queries, whatever its size)."""
    rows = [Row(item) for item in parts_of(proposal.award, proposal.exemplar.subject_kind)]
    filing = sorted(rows, key=lambda row: (FILING_ORDER[row.source], -row.required))
    for position, row in enumerate(filing, start=1):
        row.position = position
    by_part = {row.part.pk: row for row in rows}
    loose = []
    files = ProposalFile.objects.filter(proposal=proposal).select_related("uploaded_by")
    for scan in files.order_by("-uploaded_at", "-pk"):
        row = by_part.get(scan.part_id)
        (row.scans if row else loose).append(scan)
    issued = covering_documents(proposal)
    for row in rows:
        row.issued = issued.get(row.source, [])
    return Checklist(proposal=proposal, rows=rows, loose=loose)


def covering_documents(proposal: AwardProposal) -> dict[str, list[IssuedDocument]]:
    """The issued documents (ready, newest first) that stand for ``proposal``'s letter,
    report and minutes."""
    unit = proposal.proposing_unit
    about = issuing.about
    wanted = Q(
        kind=Kind.PROPOSALS_TO_HOME_AFFAIRS,
        about=about({"unit": unit.code, "year": proposal.year}),
        issued_at__gte=proposal.created_at,
    )
    wanted |= Q(kind=Kind.PROPOSALS_TO_PROVINCE, unit=unit, about=about({"year": proposal.year}))
    wanted |= Q(
        kind=Kind.ACHIEVEMENT_REPORT,
        about=about({"exemplar": proposal.exemplar.code, "proposal": proposal.pk}),
    )
    meetings = [about({"meeting": pk}) for pk in proposal.meetings.values_list("pk", flat=True)]
    if meetings:
        wanted |= Q(kind=Kind.COUNCIL_MINUTES, about__in=meetings)
    found: dict[str, list[IssuedDocument]] = {LETTER: [], REPORT: [], MINUTES: []}
    documents = IssuedDocument.objects.filter(wanted, status=IssuedDocument.Status.READY)
    for document in documents.select_related("unit").order_by("-issued_at", "-pk"):
        if document.kind == Kind.PROPOSALS_TO_PROVINCE and not _agreed_at(
            proposal, document.issued_at
        ):
            continue
        source = {
            Kind.ACHIEVEMENT_REPORT: REPORT,
            Kind.COUNCIL_MINUTES: MINUTES,
        }.get(document.kind, LETTER)
        found[source].append(document)
    return found


def _agreed_at(proposal: AwardProposal, moment: datetime.datetime) -> bool:
    """Whether ``proposal`` stood agreed at ``moment`` (Home Affairs' letter to the chair
    lists the proposals agreed when it is issued)."""
    try:
        return proposal.history.as_of(moment).status == AwardProposal.Status.AGREED
    except AwardProposal.DoesNotExist:
        return False


# What a reader is told ------------------------------------------------------------------------


def missing_reason(checklist: Checklist, outcome: str) -> str:
    """The appraisal notes that return ``checklist``'s proposal for its missing parts
    (``outcome``: needs more or not agreed), naming each part; "" when none is missing."""
    missing = checklist.missing
    if not missing:
        return ""
    names = "; ".join(f"{row.part.name} ({row.part.source})" for row in missing)
    if outcome == AwardProposal.Status.NOT_AGREED:
        return _(
            "Not agreed: the dossier lacks the required parts: %(parts)s. A dossier without "
            "them cannot be considered."
        ) % {"parts": names}
    return _(
        "The dossier lacks the required parts: %(parts)s. Please add them on the dossier page "
        "and send the proposal again."
    ) % {"parts": names}


# Uploads --------------------------------------------------------------------------------------


def part_problem(checklist: Checklist, part) -> str:
    """Why ``part`` takes no file on ``checklist``'s proposal; "" when it does."""
    if part is None or checklist.row_of(part) is None:
        return _(
            "This part is not in the dossier of %(award)s for this exemplar; choose one of the "
            "parts listed."
        ) % {"award": checklist.proposal.award.name}
    return ""


def add_files(*, proposal: AwardProposal, part: DossierPart, uploads, caption: str, by) -> list:
    """Store ``uploads`` on ``proposal`` as scans of ``part`` (all or none,
    ``file_quota.store_batch``); for a part that is one document, the scan before is
    removed (kept for the retention period).

    Side effects: the files and their rows; a line of the proposal's history per file added
    or replaced. Raises ``UploadRejected`` (a part not in this dossier, a file refused, no
    room), and then nothing is written.
    """
    dossier = checklist(proposal)
    problem = part_problem(dossier, part)
    if problem:
        raise UploadRejected(problem, code="not_a_part")
    row = dossier.row_of(part)
    if row.single and len(uploads) > 1:
        raise UploadRejected(
            _("This part is one document: choose one file (a scan of several pages as one PDF)."),
            code="one_file",
        )
    with transaction.atomic():
        earlier = list(
            ProposalFile.objects.select_for_update().filter(proposal=proposal, part=part)
        )
        rows = file_quota.store_batch(
            uploads,
            record=proposal,
            kept=lambda: ProposalFile.objects.filter(proposal=proposal).exclude(
                pk__in=[scan.pk for scan in earlier] if row.single else []
            ),
            unit=ProposalFile.quota_unit(proposal),
            store=lambda checked: ProposalFile.from_upload(
                checked, uploaded_by=by, caption=caption, proposal=proposal, part=part
            ),
        )
        added = _("File added to “%(part)s”: %(name)s")
        ProposalFile.record_changed(
            proposal, [added % {"part": part.name, "name": r.original_name} for r in rows]
        )
        if row.single:
            for scan in earlier:
                attachments.remove(attachment=scan, by=by)
    return rows


# The zip --------------------------------------------------------------------------------------


def zip_name(proposal: AwardProposal) -> str:
    subject = ascii_name(proposal.exemplar.subject_name) or "Ho-so"
    return f"HoSo-KhenThuong-{proposal.year}-{proposal.award.code}-{subject}.zip"


@dataclass
class Entry:
    """A file of the zip: its name and how to read its bytes."""

    name: str
    read: object  # () -> bytes
    what: str  # for the index: "signed scan", "issued document 05/TTr-SYT of 12/12/2025"…


@dataclass
class Filed:
    """What the zip holds of one part, or says of it."""

    row: Row | None
    entries: list = field(default_factory=list)
    notes: list = field(default_factory=list)


def _stored(file_field):
    def read():
        with file_field.open("rb") as stored:
            return stored.read()

    return read


def _extension(file_field) -> str:
    return os.path.splitext(file_field.name)[1].lower() or ".pdf"


def _label(row: Row) -> str:
    return {
        LETTER: "To-trinh",
        REPORT: "Bao-cao-thanh-tich",
        MINUTES: "Bien-ban-hoi-dong",
    }.get(row.source) or ascii_name(row.part.code.removesuffix("-2017").capitalize())


def _issued_what(document: IssuedDocument) -> str:
    return _("issued document no. %(number)s of %(date)s, %(unit)s") % {
        "number": document.number_text,
        "date": document.issued_on.strftime("%d/%m/%Y"),
        "unit": document.unit.name,
    }


def _numbered(names: list[str], count: int) -> list[str]:
    return names if count == 1 else [f"{name}-{index}" for index, name in enumerate(names, 1)]


def filing(checklist: Checklist, *, readable, draft=None) -> list[Filed]:
    """What the zip files for each part, in the filing order. ``readable(issued)`` says
    whether the reader may have an issued document's files (else the index names it and
    leaves it out); ``draft(fmt)`` gives the achievement report's draft in "pdf" or "docx"
    (None: no draft offered)."""
    subject = ascii_name(checklist.proposal.exemplar.subject_name, 40)
    filed = []
    for row in checklist.in_filing_order():
        stem = f"{row.number}-{_label(row)}"
        this = Filed(row)
        if row.source == REPORT and subject:
            stem = f"{stem}-{subject}"
        scans = row.scans[:1] if row.single else row.scans
        if scans:
            numbered = _numbered([stem] * len(scans), len(scans))
            if row.source in (LETTER, MINUTES) and row.issued:
                numbered = [f"{stem}-{ascii_name(row.issued[0].number_text)}"]
            for name, scan in zip(numbered, scans, strict=True):
                what = _("signed scan “%(name)s”, uploaded %(day)s") % {
                    "name": scan.original_name,
                    "day": timezone.localtime(scan.uploaded_at).strftime("%d/%m/%Y"),
                }
                this.entries.append(Entry(name + _extension(scan.file), _stored(scan.file), what))
        else:
            documents = row.issued[:1] if row.source in (LETTER, REPORT) else row.issued
            for document in documents:
                if not readable(document):
                    this.notes.append(
                        _("%(what)s: kept in its register, outside your reach, so not included")
                        % {"what": _issued_what(document)}
                    )
                    continue
                name = stem
                if row.source != REPORT:
                    name = f"{stem}-{ascii_name(document.number_text)}"
                what = _issued_what(document)
                this.entries.append(Entry(f"{name}.pdf", _stored(document.pdf), what))
                if row.source == LETTER and document.xlsx:
                    this.entries.append(
                        Entry(
                            f"{name}-Danh-sach.xlsx",
                            _stored(document.xlsx),
                            _("its list, as a spreadsheet"),
                        )
                    )
            if not row.issued and row.offers_draft and draft is not None:
                made = {fmt: draft(fmt) for fmt in ("pdf", "docx")}
                if None in made.values():
                    this.notes.append(
                        _("its draft could not be prepared here: download it from the proposal")
                    )
                else:
                    for fmt, content in made.items():
                        this.entries.append(
                            Entry(
                                f"{stem}-{DRAFT_MARK}.{fmt}",
                                lambda content=content: content,
                                _("draft generated by the portal, not signed"),
                            )
                        )
        filed.append(this)
    if checklist.loose:
        position = len(checklist.rows) + 1
        stem = f"{position:02d}-Tai-lieu-khac"
        names = _numbered([stem] * len(checklist.loose), len(checklist.loose))
        extra = Filed(None)
        for name, scan in zip(names, checklist.loose, strict=True):
            what = _("file “%(name)s”, of no part of this dossier") % {"name": scan.original_name}
            extra.entries.append(Entry(name + _extension(scan.file), _stored(scan.file), what))
        filed.append(extra)
    return filed


def index_text(checklist: Checklist, filed: list[Filed], *, by, at: datetime.datetime) -> str:
    """``00-Muc-luc.txt``: the proposal, then every part in the filing order with its
    source and what the zip holds of it, or that it is missing."""
    proposal, exemplar = checklist.proposal, checklist.proposal.exemplar
    lines = [
        _("DOSSIER OF A PROPOSAL FOR COMMENDATION"),
        "",
        _("Award form: %(award)s") % {"award": proposal.award.name},
        _("Exemplar: %(name)s (%(kind)s), %(unit)s")
        % {
            "name": exemplar.subject_name,
            "kind": exemplar.get_subject_kind_display(),
            "unit": exemplar.unit.name,
        },
        _("Achievement year: %(year)s. Proposing unit: %(unit)s. Status: %(status)s.")
        % {
            "year": proposal.year,
            "unit": proposal.proposing_unit.name,
            "status": proposal.get_status_display(),
        },
        _("%(present)s of %(required)s required parts present.")
        % {"present": checklist.present_required, "required": len(checklist.required)},
        _("Prepared on %(at)s by %(by)s.")
        % {"at": timezone.localtime(at).strftime("%d/%m/%Y %H:%M"), "by": by},
        "",
    ]
    for this in filed:
        row = this.row
        if row is None:
            lines.append(_("Other files on the proposal:"))
        else:
            need = _("required") if row.required else _("where the case calls for it")
            form = f", {row.part.official_form}" if row.part.official_form else ""
            lines.append(f"{row.number}. {row.part.name} ({need}{form}; {row.part.source})")
        for entry in this.entries:
            lines.append(f"    - {entry.name}: {entry.what}")
        lines += [f"    - {note}" for note in this.notes]
        if row is not None and not row.present:
            if row.required:
                lines.append("    - " + _("MISSING: required and not yet in the dossier"))
            else:
                lines.append("    - " + _("not in the dossier (only where the case calls for it)"))
        lines.append("")
    return "\r\n".join(lines)


def write_zip(checklist: Checklist, target, *, by, readable, draft=None) -> None:
    """Write the dossier's zip to the binary file ``target``: the index, then each part's
    files in the filing order (``filing``), all in the document language."""
    with translation.override(issuing.DOCUMENT_LANGUAGE):
        filed = filing(checklist, readable=readable, draft=draft)
        index = index_text(checklist, filed, by=by, at=timezone.now())
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(INDEX_NAME, index.encode("utf-8-sig"))
        for this in filed:
            for entry in this.entries:
                archive.writestr(entry.name, entry.read())
