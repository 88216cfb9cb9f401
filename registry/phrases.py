"""Texts written once and read later by people who chose different languages.

A notification is made when something happens, but each of its readers reads the portal in
their own language: it keeps a ``Phrase`` (the English message id and its parameters) and is
put into words when read, in the reader's language. Parameters are kept as they are (names,
numbers, people's comments) or, for what has a translation (a status, a field, a unit kind,
a date, another message), as a reference that is translated when the phrase is rendered.
"""

import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext


class Phrase:
    """``gettext(msgid) % params``, rendered in the active language.

    Mark the message id for translation where it is written (``gettext_noop``), so that
    ``makemessages`` finds it.
    """

    def __init__(self, msgid: str, **params):
        self.msgid = str(msgid)
        self.params = params

    def render(self) -> str:
        text = gettext(self.msgid)
        if not self.params:
            return text
        return text % {name: _render(value) for name, value in self.params.items()}

    def __str__(self):
        return self.render()

    def to_json(self) -> dict:
        return {
            "msgid": self.msgid,
            "params": {name: _to_json(value) for name, value in self.params.items()},
        }

    @classmethod
    def from_json(cls, data: dict) -> "Phrase":
        return cls(
            data["msgid"],
            **{name: _from_json(value) for name, value in data.get("params", {}).items()},
        )


class Label:
    """Something with a translated name, looked up when rendered: ``kind`` is one of
    ``RENDERERS``; ``value`` is what is stored (a code, a date in ISO form…)."""

    def __init__(self, kind: str, value, *, lower: bool = False):
        if kind not in RENDERERS:
            raise ValueError(f"no renderer for {kind!r}")
        self.kind, self.value, self.lower = kind, value, lower

    def render(self) -> str:
        from django.core.exceptions import ObjectDoesNotExist

        try:
            text = str(RENDERERS[self.kind](self.value))
        except (LookupError, ValueError, ObjectDoesNotExist):
            text = str(self.value)  # the thing is gone or renamed: say what was stored
        return text.lower() if self.lower else text


def status(value) -> Label:
    """An exemplar's status (``ExemplarStatus``)."""
    return Label("status", str(value))


def choice(model, field_name: str, value, *, lower: bool = False) -> Label:
    """The label of a model field's choice, e.g. ``choice(Inspection, "kind", "check")``."""
    return Label("choice", [model._meta.label, field_name, str(value)], lower=lower)


def field(obj) -> Label:
    """A field of the catalogue (``Field``), by its code."""
    return Label("field", obj.code)


def unit_kind(obj) -> Label:
    return Label("unit_kind", obj.code)


def date(day: datetime.date) -> Label:
    """A day, in the reader's date format."""
    return Label("date", day.isoformat())


def text(msgid: str) -> Label:
    """A fixed text of the portal (mark it with ``gettext_noop``)."""
    return Label("text", str(msgid))


def sentences(first, second) -> Phrase:
    """Two phrases (or texts) one after the other, as one."""
    return Phrase(_TWO_SENTENCES, first=first, second=second)


# Not for translation: the same in every language.
_TWO_SENTENCES = "%(first)s %(second)s"


def _status_label(value):
    from .enums import ExemplarStatus

    return ExemplarStatus(value).label


def _choice_label(value):
    from django.apps import apps

    model_label, field_name, stored = value
    model = apps.get_model(model_label)
    return dict(model._meta.get_field(field_name).flatchoices)[stored]


def _field_label(code):
    from .models import Field

    return Field.objects.get(code=code).label


def _unit_kind_label(code):
    from .models import UnitKind

    return UnitKind.objects.get(code=code).label


RENDERERS = {
    "status": _status_label,
    "choice": _choice_label,
    "field": _field_label,
    "unit_kind": _unit_kind_label,
    "date": lambda value: date_format(datetime.date.fromisoformat(value), "SHORT_DATE_FORMAT"),
    "text": gettext,
}


def _render(value):
    if isinstance(value, Phrase | Label):
        return value.render()
    return value


def _to_json(value):
    if isinstance(value, Phrase):
        return {"phrase": value.to_json()}
    if isinstance(value, Label):
        return {"label": value.kind, "value": value.value, "lower": value.lower}
    if isinstance(value, int | float | str) or value is None:
        return value
    return str(value)  # a person, a unit…: its name as it is now


def _from_json(value):
    if isinstance(value, dict) and "phrase" in value:
        return Phrase.from_json(value["phrase"])
    if isinstance(value, dict) and "label" in value:
        return Label(value["label"], value["value"], lower=value.get("lower", False))
    return value
