"""The downloadable templates: a workbook whose first sheet is the header row to fill, then
the instructions (what each column takes, with an example) and the lists of allowed values;
or, for CSV, the header line alone.

Choice columns get a drop-down of their allowed values; text columns are formatted as text
so that Excel keeps a phone number's leading 0, and date columns too, so that a spreadsheet
set to another country's conventions does not read 01/07/2025 as 7 January.
"""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from exemplar_portal.base.exports import csv_bytes, xlsx_text

from ..enums import Gender, Role, SubjectKind
from ..models import EmulationBloc, Field, Unit, UnitKind, UnitSuccession
from .kinds import ImportKind
from .resources import DateWidget, IntegerWidget, TextWidget
from .safety import limit

REQUIRED_FILL = PatternFill("solid", fgColor="FFF2CC")
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")


def template_csv(spec: ImportKind) -> bytes:
    return csv_bytes(headers=[label for _key, label in _columns(spec)], rows=[])


def template_workbook(spec: ImportKind, user) -> bytes:
    workbook = Workbook()
    data = workbook.active
    data.title = str(spec.resource.data_sheet_title)
    instructions = workbook.create_sheet(_("Instructions"))
    lists = workbook.create_sheet(_("Lists"))
    ranges = _write_lists(lists, _lists(spec, user))
    _write_data_sheet(data, spec, ranges)
    _write_instructions(instructions, spec)
    workbook.active = 0
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _columns(spec):
    return [(key, str(label)) for key, label in spec.resource.import_columns()]


def _write_data_sheet(sheet, spec: ImportKind, ranges: dict[str, str]) -> None:
    fields = spec.resource.fields
    last_row = limit("IMPORT_MAX_ROWS") + 1
    for position, (key, label) in enumerate(_columns(spec), start=1):
        cell = sheet.cell(row=1, column=position, value=label)
        cell.font = BOLD
        help_ = spec.help.get(key)
        cell.fill = REQUIRED_FILL if help_ and help_.required else HEADER_FILL
        letter = get_column_letter(position)
        sheet.column_dimensions[letter].width = max(14, min(40, len(label) + 4))
        widget = fields[key].widget
        if isinstance(widget, (TextWidget, DateWidget)):
            sheet.column_dimensions[letter].number_format = "@"
        if key in ranges:
            _drop_down(sheet, f"{letter}2:{letter}{last_row}", ranges[key])
        elif isinstance(widget, IntegerWidget):
            validation = DataValidation(
                type="whole", operator="between", formula1="0", formula2="9999999"
            )
            validation.error = _("Enter a whole number.")
            validation.showErrorMessage = True
            sheet.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}{last_row}")
    sheet.freeze_panes = "A2"


def _drop_down(sheet, cells: str, source: str) -> None:
    validation = DataValidation(type="list", formula1=source, allow_blank=True)
    # A warning, not a stop: the import also accepts codes and unaccented spellings.
    validation.errorStyle = "warning"
    validation.error = _("Choose a value from the list (see the “Lists” sheet).")
    validation.showErrorMessage = True
    sheet.add_data_validation(validation)
    validation.add(cells)


def _lists(spec: ImportKind, user) -> list[tuple[tuple[str, ...], str, list[str]]]:
    """(column keys, title, values) of the allowed values the template lists."""
    yes_no = [_("Yes"), _("No")]
    if spec.kind == "exemplars":
        units = Unit.objects.restrict(user).order_by("code")
        return [
            (("subject_kind",), _("Subject"), [str(label) for _c, label in SubjectKind.choices]),
            (("gender",), _("Gender"), [str(label) for _c, label in Gender.choices]),
            (("field",), _("Field"), [f.name for f in Field.objects.all()]),
            (("unit",), _("Unit code"), [u.code for u in units]),
            ((), _("Unit name"), [u.name for u in units]),
            (("is_new_factor", "publication_consent"), _("Yes or no"), yes_no),
        ]
    if spec.kind == "units":
        return [
            (("kind",), _("Unit kind"), [k.name for k in UnitKind.objects.all()]),
            (("bloc",), _("Emulation bloc"), [b.name for b in EmulationBloc.objects.all()]),
        ]
    if spec.kind == "successions":
        units = Unit.objects.order_by("code")
        return [
            (
                ("kind",),
                _("Kind of change"),
                [str(label) for _c, label in UnitSuccession.Kind.choices],
            ),
            (("takes_over_work",), _("Yes or no"), yes_no),
            (("predecessor", "successor"), _("Unit code"), [u.code for u in units]),
            ((), _("Unit"), [u.label for u in units]),
        ]
    return [
        (("role",), _("Role"), [str(label) for _c, label in Role.choices]),
        (("is_active",), _("Yes or no"), yes_no),
    ]


def _write_lists(sheet, lists) -> dict[str, str]:
    """Write each list in a column; return the drop-down source of each column key."""
    ranges = {}
    for column, (keys, title, values) in enumerate(lists, start=1):
        letter = get_column_letter(column)
        sheet.cell(row=1, column=column, value=str(title)).font = BOLD
        for row, value in enumerate(values, start=2):
            sheet.cell(row=row, column=column, value=xlsx_text(value))
        sheet.column_dimensions[letter].width = 36
        source = f"{quote_sheetname(sheet.title)}!${letter}$2:${letter}${max(len(values), 1) + 1}"
        ranges.update(dict.fromkeys(keys, source))
    sheet.freeze_panes = "A2"
    return ranges


def _write_instructions(sheet, spec: ImportKind) -> None:
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 24
    sheet.column_dimensions["C"].width = 60
    sheet.column_dimensions["D"].width = 30
    title = sheet.cell(
        row=1,
        column=1,
        value=_("How to fill in the “%(sheet)s” sheet") % {"sheet": spec.resource.data_sheet_title},
    )
    title.font = Font(bold=True, size=14)
    row = 3
    for note in spec.notes:
        cell = sheet.cell(row=row, column=1, value=f"• {note}")
        cell.alignment = WRAP
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
        sheet.row_dimensions[row].height = 32
        row += 1
    row += 1
    for position, header in enumerate(
        [_("Spreadsheet column"), _("Required"), _("How to write it"), _("Example")], start=1
    ):
        cell = sheet.cell(row=row, column=position, value=header)
        cell.font = BOLD
        cell.fill = HEADER_FILL
    for key, label in _columns(spec):
        row += 1
        help_ = spec.help.get(key)
        values = [label, "", "", ""]
        if help_ is not None:
            values = [label, str(help_.required), str(help_.how), help_.example]
        for position, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=position, value=xlsx_text(value) if value else None)
            cell.alignment = WRAP
        if help_ and help_.required:
            sheet.cell(row=row, column=1).fill = REQUIRED_FILL
