"""Keeping a subject's history of commendation: what a record must meet (one check for the
forms and the import alike), and the import of records from before the portal.

A record is checked against the subject's other records, over all its yearly rows: an award
is held once for a year (a form and the forms it continues counted as one, and not where
the portal conferred it already), a year has one task rating, an initiative is recorded once.

The import reads one sheet, a row per record with a "kind" column, through the checks the
spreadsheet imports of the registry use on every file (``registry.spreadsheets``: the
upload's type, size and contents, the header matched to the columns in Vietnamese or English,
the cells read as dates, numbers and choices). A history is a few dozen rows, so it is read
and written in the request: every row is checked first and, if any has an error, nothing is
written and each row says what is wrong; otherwise all are written in one transaction.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from exemplar_portal.base.text import fold
from registry.models import Exemplar
from registry.spreadsheets.reading import read_sheet
from registry.spreadsheets.safety import check_spreadsheet
from registry.spreadsheets.widgets import (
    ChoiceWidget,
    DateWidget,
    IntegerWidget,
    NaturalKeyWidget,
    TextWidget,
)

from .models import AwardForm, AwardProposal, Initiative, PriorAward, TaskRating, subject_rows
from .models.history import Source

FIRST_YEAR = 1945


def year_problem(year) -> str:
    """Why ``year`` cannot be a year of the subject's history, or ""."""
    this_year = timezone.localdate().year
    if year is None:
        return _("Give the year.")
    if not FIRST_YEAR <= year <= this_year:
        return _("Give a year from %(first)s to %(last)s.") % {
            "first": FIRST_YEAR,
            "last": this_year,
        }
    return ""


def problems(model, exemplar, values: dict, *, leaving_out=None) -> dict[str, str]:
    """What is wrong with a record of ``model`` for ``exemplar``'s subject with ``values``
    (field → value), field by field ("__all__" for the record as a whole); ``leaving_out``:
    the record being changed."""
    found = {}
    year = values.get("year")
    if message := year_problem(year):
        found["year"] = message
    day = values.get("document_date")
    if day and day > timezone.localdate():
        found["document_date"] = _("A document is recorded once it is issued.")
    if found.get("year"):
        return found
    rows = subject_rows(exemplar).values("pk")
    others = model.objects.filter(exemplar__in=rows).exclude(pk=getattr(leaving_out, "pk", None))
    if model is PriorAward:
        found.update(_award_problems(exemplar, values, others, rows))
    elif model is TaskRating:
        if others.filter(year=year).exists():
            found["year"] = _("A rating is already recorded for %(year)s.") % {"year": year}
    elif model is Initiative:
        title = fold(values.get("title") or "")
        if any(fold(t) == title for t in others.filter(year=year).values_list("title", flat=True)):
            found["title"] = _("This initiative is already recorded for %(year)s.") % {"year": year}
    return found


def _award_problems(exemplar, values, others, rows) -> dict[str, str]:
    from .conditions import Law

    award, year = values.get("award"), values["year"]
    if award is None:
        return {}
    if not award.applies_to(exemplar.subject_kind):
        return {
            "award": _("“%(award)s” is not conferred on a %(subject)s.")
            % {"award": award, "subject": exemplar.get_subject_kind_display().lower()}
        }
    if not award.is_active_in(year):
        return {
            "award": _(
                "“%(award)s” is not in force in %(year)s: choose the form of the law then in force."
            )
            % {"award": award, "year": year}
        }
    same = Law.load().same(award.pk)
    if others.filter(award__in=same, year=year).exists():
        return {"award": _("This award is already recorded for %(year)s.") % {"year": year}}
    conferred = AwardProposal.objects.filter(
        exemplar__in=rows, award__in=same, year=year, status=AwardProposal.Status.CONFERRED
    ).first()
    if conferred is not None:
        return {
            "award": _(
                "The portal conferred this award for %(year)s already (decision %(number)s)."
            )
            % {"year": year, "number": conferred.decision_number}
        }
    return {}


# The import -------------------------------------------------------------------------------

KINDS = {
    "prior_award": (PriorAward, gettext_lazy("Award held")),
    "task_rating": (TaskRating, gettext_lazy("Task completion rating")),
    "initiative": (Initiative, gettext_lazy("Initiative")),
}
# The words offices write for each kind, rating and level (matched without accents).
KIND_ALIASES = {
    "danh hieu": "prior_award",
    "khen thuong": "prior_award",
    "hinh thuc khen thuong": "prior_award",
    "danh hieu, hinh thuc khen thuong da co": "prior_award",
    "xep loai": "task_rating",
    "danh gia": "task_rating",
    "muc do hoan thanh nhiem vu": "task_rating",
    "sang kien": "initiative",
}
RATING_ALIASES = {
    "hoan thanh xuat sac nhiem vu": "excellent",
    "hoan thanh tot nhiem vu": "good",
    "hoan thanh nhiem vu": "completed",
    "khong hoan thanh nhiem vu": "not_completed",
}
LEVEL_ALIASES = {
    "co so": "grassroots",
    "cap co so": "grassroots",
    "tinh": "province",
    "cap tinh": "province",
    "bo, ban, nganh, tinh": "province",
    "toan quoc": "national",
    "cap toan quoc": "national",
}
# (key, header) of each column, in the template's order.
COLUMNS = [
    ("kind", gettext_lazy("kind of record")),
    ("exemplar", gettext_lazy("exemplar code")),
    ("year", gettext_lazy("year")),
    ("award", gettext_lazy("award code")),
    ("rating", gettext_lazy("rating")),
    ("title", gettext_lazy("title of the initiative")),
    ("level", gettext_lazy("level of the initiative")),
    ("document_number", gettext_lazy("document number")),
    ("document_date", gettext_lazy("document date")),
    ("document_issuer", gettext_lazy("issued by")),
    ("note", gettext_lazy("note")),
]
SHEET_TITLE = gettext_lazy("History")
# Which columns a kind of record needs.
NEEDS = {
    "prior_award": ("award", "document_number", "document_issuer"),
    "task_rating": ("rating",),
    "initiative": ("title", "level"),
}


@dataclass
class RowReport:
    number: int  # the sheet's row number (the header is row 1)
    kind: str = ""
    label: str = ""
    errors: list[tuple[str, str]] = field(default_factory=list)  # (column, message)


@dataclass
class ImportReport:
    rows: list[RowReport]
    written: bool = False

    @property
    def error_rows(self) -> int:
        return sum(1 for row in self.rows if row.errors)

    @property
    def ok(self) -> bool:
        return self.error_rows == 0


def column_label(key: str) -> str:
    return str(dict(COLUMNS)[key]).capitalize() if key in dict(COLUMNS) else ""


class _Cells:
    """The widgets a row's cells are read with (one set per import)."""

    def __init__(self, user):
        self.kind = ChoiceWidget(
            [(key, label) for key, (_model, label) in KINDS.items()],
            required=True,
            aliases=KIND_ALIASES,
        )
        self.exemplars: dict[str, Exemplar] = {}
        self.award = NaturalKeyWidget(
            lambda: AwardForm.objects.all(),
            not_found=gettext_lazy(
                "No award form has the code or name “%(value)s” (see the award forms' catalogue)."
            ),
        )
        self.rating = ChoiceWidget(TaskRating.Rating.choices, aliases=RATING_ALIASES)
        self.level = ChoiceWidget(Initiative.Level.choices, aliases=LEVEL_ALIASES)
        self.year = IntegerWidget()
        self.day = DateWidget()
        self.text = TextWidget()


def read(upload, user) -> tuple[list[dict], list[int]]:
    """The rows of ``upload`` (key → cell) and their sheet numbers; raises
    ``SpreadsheetRejected`` for a file that cannot be read."""
    checked = check_spreadsheet(upload)
    sheet = read_sheet(checked, columns=COLUMNS, ignored=[], sheet_title=SHEET_TITLE)
    return [dict(zip(sheet.keys, row, strict=True)) for row in sheet.rows], sheet.numbers


def import_rows(rows: list[dict], numbers: list[int], *, user) -> ImportReport:
    """Check every row, then write all of them in one transaction, or none where any row has
    an error (the report says which and why)."""
    cells = _Cells(user)
    # The exemplars the file names, in the user's reach, read in one query.
    codes = {str(row.get("exemplar") or "").strip().upper() for row in rows} - {""}
    cells.exemplars = {
        exemplar.code: exemplar
        for exemplar in Exemplar.objects.restrict(user)
        .filter(code__in=codes)
        .select_related("unit")
    }
    checked: list[tuple[RowReport, type, Exemplar, dict]] = []
    seen: dict[tuple, int] = {}
    for number, row in zip(numbers, rows, strict=True):
        report, model, exemplar, values = _check_row(row, number, cells, user)
        if not report.errors:
            key = _key(model, exemplar, values)
            if key in seen:
                report.errors.append(
                    ("", _("The same record as row %(row)s of this file.") % {"row": seen[key]})
                )
            else:
                seen[key] = number
        checked.append((report, model, exemplar, values))
    result = ImportReport([report for report, *_rest in checked])
    if not result.ok:
        return result
    with transaction.atomic():
        for _report, model, exemplar, values in checked:
            record = model(exemplar=exemplar, recorded_by=user, source=Source.IMPORTED, **values)
            record._history_user = user
            record._change_reason = _("Imported from a spreadsheet")
            record.save()
    result.written = True
    return result


def _key(model, exemplar, values) -> tuple:
    subject = (exemplar.unit_id, exemplar.subject_kind, exemplar.subject_key)
    if model is PriorAward:
        from .conditions import Law

        return ("award", *subject, Law.load().root(values["award"].pk), values["year"])
    if model is TaskRating:
        return ("rating", *subject, values["year"])
    return ("initiative", *subject, fold(values["title"]), values["year"])


def _check_row(row, number, cells, user):
    report = RowReport(number)
    errors = report.errors

    def read_cell(key, widget):
        try:
            return widget.clean(row.get(key))
        except ValueError as error:
            errors.append((column_label(key), str(error)))
            return None

    kind = read_cell("kind", cells.kind)
    code = str(row.get("exemplar") or "").strip()
    exemplar = cells.exemplars.get(code.upper())
    if not code:
        errors.append((column_label("exemplar"), _("Give the exemplar's code.")))
    elif exemplar is None:
        errors.append(
            (
                column_label("exemplar"),
                _("No exemplar you reach has the code “%(value)s”.") % {"value": code},
            )
        )
    year = read_cell("year", cells.year)
    report.kind = str(KINDS[kind][1]) if kind in KINDS else ""
    if not kind:
        return report, None, exemplar, {}
    model = KINDS[kind][0]
    values = {
        "year": year,
        "document_number": read_cell("document_number", cells.text),
        "document_date": read_cell("document_date", cells.day),
        "document_issuer": read_cell("document_issuer", cells.text),
        "note": read_cell("note", cells.text),
    }
    if kind == "prior_award":
        values["award"] = read_cell("award", cells.award)
    elif kind == "task_rating":
        values["rating"] = read_cell("rating", cells.rating)
    else:
        values["title"] = read_cell("title", cells.text)
        values["level"] = read_cell("level", cells.level)
    for key in NEEDS[kind]:
        if not values.get(key) and not any(c == column_label(key) for c, _m in errors):
            errors.append((column_label(key), _("Required for this kind of record.")))
    if year is not None and (message := year_problem(year)):
        errors.append((column_label("year"), message))
    elif year is None and not any(c == column_label("year") for c, _m in errors):
        errors.append((column_label("year"), _("Give the year.")))
    if exemplar is not None:
        report.label = str(exemplar)
        if not user.has_perm("reports.keep_subject_history", exemplar):
            errors.append(
                (column_label("exemplar"), _("You may not keep this exemplar's history."))
            )
    if exemplar is not None and not errors:
        for name, message in problems(model, exemplar, values).items():
            column = {"year": "year", "award": "award", "title": "title"}.get(name, name)
            errors.append((column_label(column), message))
    for key in ("document_number", "document_issuer", "note", "title"):
        if key in values and values[key] is None:
            values[key] = ""
    return report, model, exemplar, values


def template_rows(code: str = "ABCDEFGH23") -> list[list]:
    """Three example rows for the template, about the exemplar of ``code``."""
    return [
        [
            str(KINDS["prior_award"][1]),
            code,
            2023,
            "chien-si-thi-dua-co-so-2003",
            "",
            "",
            "",
            "125/QĐ-SYT",
            datetime.date(2024, 1, 10).strftime("%d/%m/%Y"),
            "Giám đốc Sở Y tế tỉnh Ninh Bình",
            "",
        ],
        [
            str(KINDS["task_rating"][1]),
            code,
            2023,
            "",
            str(TaskRating.Rating.EXCELLENT.label),
            "",
            "",
            "98/QĐ-SYT",
            "25/12/2023",
            "Sở Y tế tỉnh Ninh Bình",
            "",
        ],
        [
            str(KINDS["initiative"][1]),
            code,
            2023,
            "",
            "",
            "Bảng kiểm chăm sóc người bệnh suy tim sau xuất viện",
            str(Initiative.Level.GRASSROOTS.label),
            "36/QĐ-HĐSK",
            "20/11/2023",
            "Hội đồng sáng kiến Sở Y tế",
            "",
        ],
    ]
