"""How one cell becomes a value and back: what a person can type in a spreadsheet.

Choices are written as their label ("Cá nhân", "Nữ"), yes/no as "Có"/"Không", days as
dd/mm/yyyy, related rows by a natural key (a unit's code or exact name, a field's code or
name). A widget raises ``ValueError`` with a message for the person who typed the cell;
django-import-export files it under the row and the column.
"""

import datetime
import re

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import widgets

from exemplar_portal.base.text import fold


def _both_languages(text) -> set[str]:
    """``text`` (a lazy translation) folded in Vietnamese and in English."""
    labels = set()
    for language in ("vi", "en"):
        with translation.override(language):
            labels.add(fold(str(text)))
    return labels


class Remembering(widgets.Widget):
    """The cells of a column repeat ("Cá nhân", "Có"): each distinct cell is cleaned once
    per import (each import has its own copy of the widgets)."""

    def clean(self, value, row=None, **kwargs):
        memo = self.__dict__.setdefault("_memo", {})
        if value in memo:
            return memo[value]
        memo[value] = cleaned = self.clean_value(value)
        return cleaned

    def clean_value(self, value):
        raise NotImplementedError


class TextWidget(widgets.Widget):
    """Text as typed, trimmed; a number typed into a text column is kept as its digits."""

    def clean(self, value, row=None, **kwargs):
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value).replace("\r\n", "\n").strip()

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class IntegerWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        if isinstance(value, bool):
            raise ValueError(_("Enter a whole number."))
        if isinstance(value, int):
            return value
        if isinstance(value, float):
            if value.is_integer():
                return int(value)
            raise ValueError(_("Enter a whole number."))
        text = str(value).strip()
        if text.isdigit():
            return int(text)
        raise ValueError(_("Enter a whole number."))

    def render(self, value, obj=None, **kwargs):
        return value


class DateWidget(widgets.Widget):
    """A day written as offices write it: dd/mm/yyyy (or d/m/yyyy); a date cell of the
    spreadsheet reaches here already written that way (``reading.cell_value``)."""

    PATTERN = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
    ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = str(value).strip()
        match = self.PATTERN.match(text)
        if match:
            day, month, year = (int(part) for part in match.groups())
        elif match := self.ISO.match(text):
            year, month, day = (int(part) for part in match.groups())
        else:
            raise ValueError(_("Write the date as dd/mm/yyyy, for example 30/06/2025."))
        try:
            return datetime.date(year, month, day)
        except ValueError:
            raise ValueError(
                _("“%(value)s” is not a day of the calendar.") % {"value": text}
            ) from None

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else value.strftime("%d/%m/%Y")


class YesNoWidget(Remembering):
    """ "Có"/"Không" (or yes/no, x, 1/0); an empty cell is ``empty`` ("Không" by default)."""

    TRUE = {"co", "x", "yes", "y", "true", "1", "dung", "✓"}
    FALSE = {"khong", "no", "n", "false", "0", "sai"}

    def __init__(self, *, empty=False):
        super().__init__()
        self.empty = empty

    def clean_value(self, value):
        if isinstance(value, bool):
            return value
        text = fold("" if value is None else str(value))
        if not text:
            return self.empty
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise ValueError(_("Write “Yes” or “No”."))

    def render(self, value, obj=None, **kwargs):
        return _("Yes") if value else _("No")


class ChoiceWidget(Remembering):
    """A choice written as its label in Vietnamese or English, or as its stored code, or as
    one of ``aliases`` (other words offices use for it; a label wins over an alias)."""

    def __init__(self, choices, *, required=False, aliases=None):
        super().__init__()
        self.choices = choices
        self.required = required
        self.aliases = aliases or {}
        self._by_text = None

    def _lookup(self) -> dict[str, str]:
        if self._by_text is None:
            self._by_text = {}
            for code, label in self.choices:
                self._by_text[fold(code)] = code
                for text in _both_languages(label):
                    self._by_text[text] = code
            for alias, code in self.aliases.items():
                self._by_text.setdefault(fold(alias), code)
        return self._by_text

    def clean_value(self, value):
        text = fold("" if value is None else str(value))
        if not text:
            if self.required:
                raise ValueError(_("This column is required."))
            return ""
        code = self._lookup().get(text)
        if code is None:
            raise ValueError(
                _("“%(value)s” is not one of: %(choices)s.")
                % {"value": value, "choices": ", ".join(str(label) for _, label in self.choices)}
            )
        return code

    def render(self, value, obj=None, **kwargs):
        return str(dict(self.choices).get(value, value or ""))


class NaturalKeyWidget(widgets.Widget):
    """A related row named by its code or its exact name (letter case and spacing aside).

    Every candidate is read once, on the first cell, into two dictionaries; an import of
    ten thousand rows makes one query here, not ten thousand.
    """

    def __init__(self, queryset, *, render_attribute="code", not_found=None, ambiguous=None):
        super().__init__()
        self.queryset = queryset
        self.render_attribute = render_attribute
        # Lazy: widgets are built when the resource class is, and speak the reader's language.
        self.not_found = not_found or gettext_lazy("Nothing has the code or name “%(value)s”.")
        self.ambiguous = ambiguous or gettext_lazy(
            "Several rows are named “%(value)s”: write the code."
        )
        self._by_code = None
        self._by_name = None

    @staticmethod
    def name_key(text: str) -> str:
        return " ".join(str(text).casefold().split())

    def _load(self):
        self._by_code, self._by_name = {}, {}
        for obj in self.queryset():
            self.remember(obj)

    def remember(self, obj) -> None:
        """Make ``obj`` findable (rows created earlier in the same file, for instance)."""
        if self._by_code is None:
            self._load()
        self._by_code[obj.code.casefold()] = obj
        self._by_name.setdefault(self.name_key(obj.name), []).append(obj)

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        if self._by_code is None:
            self._load()
        text = str(value).strip()
        found = self._by_code.get(text.casefold())
        if found is not None:
            return found
        named = self._by_name.get(self.name_key(text), [])
        if len(named) == 1:
            return named[0]
        if named:
            raise ValueError(str(self.ambiguous) % {"value": text})
        raise ValueError(str(self.not_found) % {"value": text})

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else getattr(value, self.render_attribute)
