"""Certificates printed onto an office's pre-printed blanks, and the blank's calibration page.

A certificate is not a Decree 30 document: the blank carries the national title, the
authority, "TẶNG", "BẰNG KHEN" and its decoration, and the portal prints only the texts of
its empty spaces, each at the position measured on the office's own blank
(``CertificateField``). The PDF is laid out by WeasyPrint like every other document, in the
font the project ships (Liberation Serif 2.x, ``static/fonts``, with every Vietnamese
letter), but each line is placed by the portal: a field's text is broken into lines here,
measured with the same font files, so that every line sits exactly on its baseline.

- Fitting (``fit``): a text wraps within the field's width onto the lines the field allows;
  one that needs more is set smaller, half a point at a time, down to three quarters of the
  field's size; one that still does not fit is cut at a word with "…" and reported, so that
  the person printing can shorten it before using a blank.
- The texts of a certificate (``certificate_texts``): the recipient from the exemplar (a
  person's full name with "Ông"/"Bà", position and workplace; a collective's name; a
  household as "Gia đình ông/bà …"), the achievement, the award, the decision's number and
  date, the place and date, the signer, the number in the register.
- The achievement (``achievement_text``): a phrase typed for the whole print if there is one;
  else the first clause of the proposal's reasons when it states the achievement ("Có thành
  tích …", "Đã có …") and fits the field; else the standard phrase "Đã có thành tích xuất
  sắc trong phong trào thi đua năm …" (for a thematic award found through a movement,
  "… trong <the movement>").
- Printing (``certificates_print``): one page per certificate; the print is recorded with
  each certificate's texts, and each award gets its number in the register of the unit that
  keeps the blank for the year of the decision (``DocumentCounter``'s locked increment,
  ``issuing.next_number``); a reprint keeps the number it was given.
- The calibration page (``calibration_pdf``): the sheet's size with a millimetre grid
  (lines and labels every 10 mm, ticks every 5 mm and every millimetre along the edges),
  crosshairs 10 mm in from each corner, and each field's box with its name and a sample
  text, all moved by the printer's shift: printed on plain paper and laid over a blank, it
  shows where the texts will fall.
"""

import datetime
import functools
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from fontTools.ttLib import TTFont

from exemplar_portal.base.dates import decree_day
from registry.enums import Gender, SubjectKind

from .docx import FONT_DIR, FONT_FILES, text_width_mm
from .models import (
    AwardDecision,
    AwardProposal,
    CertificateBlank,
    CertificateEntry,
    CertificateField,
    CertificateNumber,
    CertificatePrint,
)
from .models.certificates import PT_MM
from .pdf import RenderGuard, lay_out

Key = CertificateField.Key
# A text is set smaller, by this step, down to this share of its field's size.
SHRINK_STEP = 0.5
SMALLEST_SHARE = 0.75
ELLIPSIS = "…"
# The register's type in ``DocumentCounter`` (sổ vào sổ): one sequence per unit and year.
REGISTER_TYPE = "SVS"
PDF_TEMPLATE = "reports/pdf/certificates.html"
RENDER_KIND = "certificates"
LANGUAGE = "vi"

# What the calibration page writes in each field's box.
SAMPLES = {
    Key.RECIPIENT_NAME: "Bà Nguyễn Thị Minh Khuê",
    Key.RECIPIENT_TITLE: "Trưởng khoa Nhi, Bệnh viện Đa khoa tỉnh Ninh Bình",
    Key.COLLECTIVE_NAME: "Khoa Hồi sức tích cực - Chống độc, Bệnh viện Đa khoa tỉnh",
    Key.ACHIEVEMENT: (
        "Đã có thành tích xuất sắc trong phong trào thi đua năm 2025, góp phần vào sự "
        "nghiệp xây dựng chủ nghĩa xã hội và bảo vệ Tổ quốc"
    ),
    Key.AWARD_NAME: "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
    Key.DECISION_NUMBER: "2968/QĐ-UBND",
    Key.DECISION_DATE: "ngày 26 tháng 12 năm 2025",
    Key.PLACE_DATE: "{place}, ngày 26 tháng 12 năm 2025",
    Key.SIGNER_POSITION: "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
    Key.SIGNER_NAME: "Trần Song Tùng",
    Key.REGISTER_NUMBER: "125",
}


# Measuring and fitting -------------------------------------------------------------------------


@functools.cache
def baseline_share(bold: bool = False, italic: bool = False) -> float:
    """How far below the top of a line box of zero height its baseline lies, in ems: half the
    font's ascent less its descent (``hhea``), as WeasyPrint lays a line out."""
    font = TTFont(str(FONT_DIR / FONT_FILES[bold, italic]), lazy=True)
    units, hhea = font["head"].unitsPerEm, font["hhea"]
    return (hhea.ascent + hhea.descent) / 2 / units  # descent is negative


@functools.cache
def ascent_share(bold: bool = False, italic: bool = False) -> tuple[float, float]:
    """The font's ascent and descent in ems (both positive)."""
    font = TTFont(str(FONT_DIR / FONT_FILES[bold, italic]), lazy=True)
    units, hhea = font["head"].unitsPerEm, font["hhea"]
    return hhea.ascent / units, -hhea.descent / units


@dataclass
class Fitted:
    """A text broken into the lines of its field, at the size it is set, and whether it had
    to be cut to fit."""

    lines: list[str]
    size: float
    shortened: bool = False


def _wrap(text: str, width: float, size: float, bold: bool, italic: bool) -> list[str]:
    """Words laid greedily onto lines no wider than ``width`` mm; a line break in the text
    starts a new line."""
    lines = []
    for paragraph in text.split("\n"):
        words = paragraph.split()
        if not words:
            continue
        line = words[0]
        for word in words[1:]:
            trial = f"{line} {word}"
            if text_width_mm(trial, size, bold=bold, italic=italic) <= width:
                line = trial
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines


def _cut(text: str, width: float, size: float, bold: bool, italic: bool) -> str:
    """``text`` cut at a word (or, for one long word, a letter) so that it and "…" fit."""

    def fits(candidate):
        return text_width_mm(candidate, size, bold=bold, italic=italic) <= width

    if fits(text):
        return text
    words = text.split()
    while len(words) > 1 and not fits(" ".join(words) + ELLIPSIS):
        words.pop()
    kept = " ".join(words)
    while kept and not fits(kept + ELLIPSIS):
        kept = kept[:-1]
    return kept.rstrip(" ,;:-–") + ELLIPSIS


def fit(
    text: str,
    *,
    width: float,
    size: float,
    max_lines: int = 1,
    bold: bool = False,
    italic: bool = False,
    uppercase: bool = False,
) -> Fitted:
    """``text`` in at most ``max_lines`` lines of ``width`` mm: at ``size`` points if it
    fits, else smaller (by half points, to three quarters of ``size``), else cut."""
    text = (text or "").strip()
    if uppercase:
        text = text.upper()
    if not text:
        return Fitted([], size)
    smallest = size * SMALLEST_SHARE
    current = size
    while True:
        lines = _wrap(text, width, current, bold, italic)
        if len(lines) <= max_lines and all(
            text_width_mm(line, current, bold=bold, italic=italic) <= width for line in lines
        ):
            return Fitted(lines, current)
        if current - SHRINK_STEP < smallest - 1e-9:
            break
        current = round(current - SHRINK_STEP, 2)
    kept, rest = lines[:max_lines], lines[max_lines:]
    if rest:
        kept[-1] = " ".join([kept[-1], *rest])
    kept = [_cut(line, width, current, bold, italic) for line in kept]
    return Fitted(kept, current, shortened=True)


def fit_field(text: str, spec: CertificateField) -> Fitted:
    return fit(
        text,
        width=float(spec.width_mm),
        size=float(spec.font_size),
        max_lines=spec.max_lines,
        bold=spec.bold,
        italic=spec.italic,
        uppercase=spec.uppercase,
    )


def fits_field(text: str, spec: CertificateField | None) -> bool:
    return spec is None or not fit_field(text, spec).shortened


# Placing ---------------------------------------------------------------------------------------


def _mm(value: float) -> str:
    """A length for CSS: a dot for the decimals, whatever the locale."""
    return f"{value:.2f}"


@dataclass
class Line:
    """One line of text as the PDF draws it: its box's left edge and width, the baseline, the
    size in points."""

    text: str
    left: float
    baseline: float
    width: float
    size: float
    bold: bool
    italic: bool
    align: str

    @property
    def style(self) -> str:
        top = self.baseline - self.size * PT_MM * baseline_share(self.bold, self.italic)
        parts = [
            f"left: {_mm(self.left)}mm",
            f"top: {_mm(top)}mm",
            f"width: {_mm(self.width)}mm",
            f"font-size: {self.size:.2f}pt",
            f"text-align: {self.align}",
        ]
        if self.bold:
            parts.append("font-weight: bold")
        if self.italic:
            parts.append("font-style: italic")
        return "; ".join(parts)

    @property
    def origin_x(self) -> float:
        """Where the line's text starts, in mm from the left (as measured here)."""
        used = text_width_mm(self.text, self.size, bold=self.bold, italic=self.italic)
        if self.align == CertificateField.Align.CENTRE:
            return self.left + (self.width - used) / 2
        if self.align == CertificateField.Align.RIGHT:
            return self.left + self.width - used
        return self.left


@dataclass
class Placed:
    """A field's text on the sheet: its lines, and the box they take."""

    spec: CertificateField
    fitted: Fitted
    lines: list[Line] = field(default_factory=list)


def place(spec: CertificateField, text: str, offset: tuple[float, float]) -> Placed:
    """The lines of ``text`` at ``spec``'s position, moved by the printer's ``offset``."""
    fitted = fit_field(text, spec)
    spacing = spec.spacing(fitted.size)
    left = float(spec.x_mm) + offset[0]
    first = float(spec.y_mm) + offset[1]
    lines = [
        Line(
            text=line,
            left=left,
            baseline=first + index * spacing,
            width=float(spec.width_mm),
            size=fitted.size,
            bold=spec.bold,
            italic=spec.italic,
            align=spec.align,
        )
        for index, line in enumerate(fitted.lines)
    ]
    return Placed(spec, fitted, lines)


def box_of(spec: CertificateField, offset: tuple[float, float]) -> dict:
    """The box a field's text may take at its full size, for the calibration page."""
    size_mm = float(spec.font_size) * PT_MM
    ascent, descent = ascent_share(spec.bold, spec.italic)
    top = float(spec.y_mm) + offset[1] - ascent * size_mm
    bottom = (
        float(spec.y_mm) + offset[1] + (spec.max_lines - 1) * spec.spacing() + descent * size_mm
    )
    return {
        "left": _mm(float(spec.x_mm) + offset[0]),
        "top": _mm(top),
        "width": _mm(float(spec.width_mm)),
        "height": _mm(bottom - top),
        "label_top": _mm(top - 3.2),
        "baseline": _mm(float(spec.y_mm) + offset[1]),
    }


# What a certificate says -----------------------------------------------------------------------


def day_words(day: datetime.date) -> str:
    """ "ngày 26 tháng 12 năm 2025", as Decree 30 writes the day and month."""
    d, m = decree_day(day)
    return f"ngày {d} tháng {m} năm {day.year}"


def _honorific(gender: str) -> str:
    return {Gender.MALE: "ông", Gender.FEMALE: "bà"}.get(gender, "")


_HOUSEHOLD_PREFIX = re.compile(r"^\s*(hộ gia đình|gia đình|hộ)\s+", re.IGNORECASE)
_HONORIFIC = re.compile(r"^(ông|bà)\s+", re.IGNORECASE)


def recipient_name(exemplar) -> str:
    """A person "Bà Đinh Thị Ngọc Lan" (without "Ông"/"Bà" where the gender is not
    recorded); a household "Gia đình ông Đinh Thanh Khải"; a collective, nothing (its name
    is ``collective_name``)."""
    if exemplar.subject_kind == SubjectKind.INDIVIDUAL:
        honorific = _honorific(exemplar.gender)
        name = exemplar.full_name.strip()
        return f"{honorific.capitalize()} {name}" if honorific else name
    if exemplar.subject_kind == SubjectKind.HOUSEHOLD:
        head = _HOUSEHOLD_PREFIX.sub("", exemplar.household_head.strip())
        found = _HONORIFIC.match(head)
        if found:
            return f"Gia đình {found.group(1).lower()} {head[found.end() :]}"
        honorific = _honorific(exemplar.gender)
        return f"Gia đình {honorific} {head}" if honorific else f"Gia đình {head}"
    return ""


def recipient_title(exemplar) -> str:
    """A person's position and workplace (else their unit); a household's address."""
    if exemplar.subject_kind == SubjectKind.INDIVIDUAL:
        workplace = exemplar.workplace.strip() or exemplar.unit.name
        return ", ".join(part for part in (exemplar.position.strip(), workplace) if part)
    if exemplar.subject_kind == SubjectKind.HOUSEHOLD:
        return exemplar.household_address.strip()
    return ""


_CLAUSE_END = re.compile(r"[;:]|\.(\s|$)")
_STATES_ACHIEVEMENT = re.compile(r"^(đã\s+)?có\s+", re.IGNORECASE)


def reasons_clause(reasons: str) -> str:
    """The first clause of a proposal's reasons when it states the achievement ("Có thành
    tích …", "Đã có …"), as a certificate words it ("Đã có …"); else ""."""
    text = " ".join((reasons or "").split())
    clause = _CLAUSE_END.split(text, maxsplit=1)[0].strip().rstrip(".,;: ")
    found = _STATES_ACHIEVEMENT.match(clause)
    if not found or len(clause) <= found.end():
        return ""
    return f"Đã có {clause[found.end() :]}"


def standard_achievement(proposal: AwardProposal) -> str:
    """ "Đã có thành tích xuất sắc trong phong trào thi đua năm 2025"; for a thematic award
    of an exemplar found through a movement, "… trong <the movement>"."""
    campaign = getattr(proposal.exemplar, "campaign", None)
    if proposal.track.code == "thematic" and campaign is not None:
        name = campaign.name.strip()
        return f"Đã có thành tích xuất sắc trong {name[:1].lower()}{name[1:]}"
    return f"Đã có thành tích xuất sắc trong phong trào thi đua năm {proposal.year}"


def achievement_text(proposal: AwardProposal, spec: CertificateField | None, typed="") -> str:
    """What the certificate says of the achievement: the phrase typed for the print, else
    the reasons' first clause if it fits the field, else the standard phrase."""
    if typed.strip():
        return " ".join(typed.split())
    clause = reasons_clause(proposal.reasons)
    if clause and fits_field(clause, spec):
        return clause
    return standard_achievement(proposal)


def signer_defaults(decision: AwardDecision) -> tuple[str, str]:
    """The signer's name and position as a certificate prints them, read from the decision
    ("Phạm Quang Ngọc – Chủ tịch UBND tỉnh Ninh Bình"; a position alone leaves the name
    empty): the position without the body ("Chủ tịch"), which the blank carries."""
    text = " ".join(decision.signer.split())
    name, position = "", text
    for dash in (" – ", " - ", " — "):
        if dash in text:
            name, position = (part.strip() for part in text.split(dash, 1))
            break
    position = re.split(r"\s+(?:Ủy ban|UBND|Sở|Ban|Bộ|Hội)\b", position, maxsplit=1)[0]
    return name, position


def register_text(number: CertificateNumber | None, blank: CertificateBlank) -> str:
    return f"{number.number}{blank.number_suffix}" if number else ""


def certificate_texts(
    proposal: AwardProposal,
    *,
    blank: CertificateBlank,
    decision: AwardDecision,
    signer_name: str = "",
    signer_position: str = "",
    achievement: str = "",
    number: CertificateNumber | None = None,
) -> dict[str, str]:
    """Each field's text on ``proposal``'s certificate (only the fields the blank has)."""
    specs = {spec.key: spec for spec in blank.fields.all()}
    exemplar = proposal.exemplar
    collective = exemplar.subject_kind == SubjectKind.COLLECTIVE
    texts = {
        Key.RECIPIENT_NAME: recipient_name(exemplar),
        Key.RECIPIENT_TITLE: recipient_title(exemplar),
        Key.COLLECTIVE_NAME: exemplar.collective_name.strip() if collective else "",
        Key.ACHIEVEMENT: achievement_text(proposal, specs.get(Key.ACHIEVEMENT), achievement),
        Key.AWARD_NAME: proposal.award.name,
        Key.DECISION_NUMBER: decision.number,
        Key.DECISION_DATE: day_words(decision.date),
        Key.PLACE_DATE: f"{blank.place}, {day_words(decision.date)}",
        Key.SIGNER_POSITION: signer_position.strip(),
        Key.SIGNER_NAME: signer_name.strip(),
        Key.REGISTER_NUMBER: register_text(number, blank),
    }
    return {str(key): text for key, text in texts.items() if key in specs}


# Printing --------------------------------------------------------------------------------------


def printable_proposals(decision: AwardDecision, user):
    """The awards of ``decision`` that ``user`` reaches, in the decision's order."""
    return (
        AwardProposal.objects.restrict(user)
        .filter(decision=decision)
        .select_related("exemplar__unit", "exemplar__campaign", "award", "track")
        .order_by("award__order", "exemplar__subject_key", "pk")
    )


def blanks_to_print(user, proposals) -> list[CertificateBlank]:
    """The blanks in use that ``user`` may print on and that serve one of ``proposals``'
    awards."""
    awards = {p.award_id for p in proposals}
    blanks = (
        CertificateBlank.objects.restrict(user)
        .serving(awards)
        .select_related("unit")
        .prefetch_related("fields", "award_forms")
        .order_by("name", "pk")
    )
    return [b for b in blanks if user.has_perm("reports.print_certificateblank", b)]


def _number_for(proposal: AwardProposal, blank: CertificateBlank, year: int):
    """``proposal``'s number in the register of ``blank``'s unit: the one it was given, else
    the next of the year (the row is locked by the caller)."""
    from .issuing import next_number

    found = CertificateNumber.objects.filter(unit=blank.unit_id, proposal=proposal).first()
    if found is not None:
        return found
    number = next_number(unit=blank.unit, year=year, doc_type=REGISTER_TYPE)
    return CertificateNumber.objects.create(
        unit=blank.unit, year=year, number=number, proposal=proposal
    )


def certificates_print(
    *,
    blank: CertificateBlank,
    decision: AwardDecision,
    proposals,
    by,
    signer_name: str = "",
    signer_position: str = "",
    achievement: str = "",
) -> CertificatePrint:
    """Record the certificates of ``proposals`` printed on ``blank``: the print, each
    certificate's texts and, where the blank has the field, each award's number in its
    unit's register (taken in this transaction, in the order of the certificates; a failure
    leaves neither the print nor the numbers). Refuses an award of another decision or one
    the blank does not serve."""
    proposals = list(proposals)
    if not proposals:
        raise ValidationError(_("Choose at least one award to print."))
    served = set(blank.award_forms.values_list("pk", flat=True))
    for proposal in proposals:
        if proposal.decision_id != decision.pk:
            raise ValidationError(
                _("%(award)s is not conferred by this decision.") % {"award": proposal}
            )
        if proposal.award_id not in served:
            raise ValidationError(
                _("The blank “%(blank)s” is not for %(award)s (%(name)s).")
                % {"blank": blank, "award": proposal.award, "name": proposal.exemplar}
            )
    numbered = blank.numbers_certificates
    with transaction.atomic():
        # Two people printing the same awards at once: the second waits, then finds the
        # numbers the first gave.
        locked = {
            p.pk: p
            for p in AwardProposal.objects.select_for_update()
            .filter(pk__in=[p.pk for p in proposals])
            .order_by("pk")
        }
        run = CertificatePrint(
            blank=blank,
            decision=decision,
            signer_name=signer_name.strip(),
            signer_position=signer_position.strip(),
            achievement=" ".join(achievement.split()),
            offset_x_mm=blank.offset_x_mm,
            offset_y_mm=blank.offset_y_mm,
            printed_by=by,
        )
        run._history_user = by
        run.save()
        for order, proposal in enumerate(proposals):
            number = (
                _number_for(locked[proposal.pk], blank, decision.date.year) if numbered else None
            )
            texts = certificate_texts(
                proposal,
                blank=blank,
                decision=decision,
                signer_name=signer_name,
                signer_position=signer_position,
                achievement=achievement,
                number=number,
            )
            CertificateEntry.objects.create(
                print_run=run, proposal=proposal, number=number, texts=texts, order=order
            )
    return run


def shortened(blank: CertificateBlank, texts: dict[str, str]) -> list[str]:
    """The labels of the fields whose text had to be cut to fit."""
    return [
        spec.get_key_display()
        for spec in blank.fields.all()
        if texts.get(spec.key) and fit_field(texts[spec.key], spec).shortened
    ]


# The PDF ---------------------------------------------------------------------------------------


def _offset(blank: CertificateBlank, offset=None) -> tuple[float, float]:
    if offset is None:
        offset = (blank.offset_x_mm, blank.offset_y_mm)
    return float(offset[0] or 0), float(offset[1] or 0)


def sheet_lines(blank: CertificateBlank, texts: dict[str, str], offset=None) -> list[Line]:
    """Every line of one certificate, in the order of the blank's fields."""
    moved = _offset(blank, offset)
    lines = []
    for spec in blank.fields.all():
        text = texts.get(spec.key, "")
        if text:
            lines += place(spec, text, moved).lines
    return lines


def _render(context: dict) -> bytes:
    with translation.override(LANGUAGE), RenderGuard.for_kind(RENDER_KIND):
        html = render_to_string(PDF_TEMPLATE, context)
        return lay_out(html).write_pdf()


def _sheet(blank: CertificateBlank) -> dict:
    width, height = blank.size_mm
    return {"width": _mm(float(width)), "height": _mm(float(height))}


def print_pdf(run: CertificatePrint, entries=None) -> bytes:
    """The certificates of a print (or of ``entries`` of it): one page each, the texts
    recorded, at the blank's positions with the print's printer shift."""
    blank = run.blank
    entries = list(run.entries.all() if entries is None else entries)
    offset = (run.offset_x_mm, run.offset_y_mm)
    pages = [{"lines": sheet_lines(blank, entry.texts, offset)} for entry in entries]
    return _render({"title": str(run), "sheet": _sheet(blank), "pages": pages})


def _path(segments) -> str:
    """SVG path data drawing each segment (x1, y1, x2, y2)."""
    return " ".join(f"M{x1:g} {y1:g}L{x2:g} {y2:g}" for x1, y1, x2, y2 in segments)


def _grid(width: float, height: float) -> dict:
    """The millimetre grid: lines every 10 mm, ticks every 5 mm and every millimetre along
    the four edges, labels every 10 mm along the top and the left, and crosshairs 10 mm in
    from each corner."""
    lines, ticks, labels = [], [], []
    for x in range(0, int(width) + 1):
        if x % 10 == 0:
            lines.append((x, 0, x, height))
            if 0 < x < width:
                labels.append({"left": _mm(x - 5), "top": _mm(5.5), "text": str(x)})
        length = 4 if x % 5 == 0 else 1.5
        ticks += [(x, 0, x, length), (x, height - length, x, height)]
    for y in range(0, int(height) + 1):
        if y % 10 == 0:
            lines.append((0, y, width, y))
            if 0 < y < height:
                labels.append({"left": _mm(5), "top": _mm(y - 1.2), "text": str(y), "side": 1})
        length = 4 if y % 5 == 0 else 1.5
        ticks += [(0, y, length, y), (width - length, y, width, y)]
    corners = [(cx, cy) for cy in (10, height - 10) for cx in (10, width - 10)]
    crosses = []
    for cx, cy in corners:
        crosses += [(cx - 6, cy, cx + 6, cy), (cx, cy - 6, cx, cy + 6)]
    return {
        "grid_path": _path(lines),
        "tick_path": _path(ticks),
        "cross_path": _path(crosses),
        "labels": labels,
        "corners": [
            {
                "x": f"{cx:g}",
                "y": f"{cy:g}",
                "left": _mm(cx + 1.5 if cx < width / 2 else cx - 21.5),
                "top": _mm(cy + 2.5),
                "text": f"{cx:g}; {cy:g}",
                "end": cx > width / 2,
            }
            for cx, cy in corners
        ],
    }


def sample_texts(blank: CertificateBlank) -> dict[str, str]:
    """The calibration page's texts: a person's certificate. A collective's name usually
    takes the person's place: its box is drawn, its sample only where no person's name is
    placed."""
    keys = {spec.key for spec in blank.fields.all()}
    return {
        str(key): text.format(place=blank.place) if key == Key.PLACE_DATE else text
        for key, text in SAMPLES.items()
        if not (key == Key.COLLECTIVE_NAME and Key.RECIPIENT_NAME in keys)
    }


def calibration_pdf(blank: CertificateBlank, offset=None) -> bytes:
    """The blank's calibration page: its size, the grid, the corner crosshairs, each field's
    box with its name and a sample text, everything moved by the printer's shift."""
    moved = _offset(blank, offset)
    width, height = (float(side) for side in blank.size_mm)
    samples = sample_texts(blank)
    with translation.override(LANGUAGE):
        boxes = [
            {
                **box_of(spec, moved),
                "label": f"{spec.get_key_display()} · {float(spec.font_size):g} pt",
            }
            for spec in blank.fields.all()
        ]
        note = _(
            "Calibration page – %(blank)s – %(width)s × %(height)s mm – printer shift: "
            "%(x)s mm across, %(y)s mm down. Print on plain paper at 100%% (no fitting to "
            "the page) and lay it over a blank."
        ) % {
            "blank": blank.name,
            "width": f"{width:g}",
            "height": f"{height:g}",
            "x": f"{moved[0]:g}",
            "y": f"{moved[1]:g}",
        }
    return _render(
        {
            "title": str(blank),
            "sheet": _sheet(blank),
            "pages": [{"lines": sheet_lines(blank, samples, moved)}],
            "calibration": {
                **_grid(width, height),
                "shift": {"left": _mm(moved[0]), "top": _mm(moved[1])},
                "view": f"0 0 {width:g} {height:g}",
                "boxes": boxes,
                "note": note,
                "note_top": _mm(18),
            },
        }
    )
