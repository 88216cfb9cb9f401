"""The days that change a count of working days: public holidays (Labour Code 2019 Art.
112), the days off the government moves each year (ngày nghỉ bù, hoán đổi) and the
Saturdays worked in exchange (ngày làm bù).

Reference data, seeded by a data migration from ``reports/data/holidays.py`` and kept by
administrators in the admin as each year's schedule is announced. Every row names the
announcement it rests on. Only days that change the count are needed: a weekday off, or a
weekend day worked; a holiday on a weekend may be recorded and changes nothing.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

SATURDAY = 5


class DayOffQuerySet(models.QuerySet):
    def between(self, start, end):
        """The rows from ``start`` to ``end``, both included, in date order."""
        return self.filter(date__range=(start, end)).order_by("date")


class DayOff(models.Model):
    """A public holiday, a day off moved onto a working day, or a working day moved onto
    a weekend, for the staff of state agencies working Monday to Friday."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Public holiday")
        MOVED_OFF = "moved_off", _("Day off moved onto a working day")
        MOVED_WORK = "moved_work", _("Working day moved onto a weekend")

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    name = models.CharField(
        _("name"), max_length=200, help_text=_("For example Tết Nguyên đán, Nghỉ bù Quốc khánh.")
    )
    source = models.CharField(
        _("announced by"),
        max_length=300,
        help_text=_("The law or the official announcement, with its number and date."),
    )
    history = HistoricalRecords()

    objects = DayOffQuerySet.as_manager()

    class Meta:
        ordering = ["date"]
        verbose_name = _("public holiday or moved day")
        verbose_name_plural = _("public holidays and moved days")

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.name}"

    @property
    def on_weekend(self) -> bool:
        return self.date.weekday() >= SATURDAY

    @property
    def short_date(self) -> str:
        """The day as announcements write it: 30/4."""
        return f"{self.date.day}/{self.date.month}"

    def clean(self):
        super().clean()
        if self.date is None:
            return
        if self.kind == self.Kind.MOVED_WORK and not self.on_weekend:
            raise ValidationError(
                {"date": _("A working day is moved onto a Saturday or a Sunday.")}
            )
        if self.kind == self.Kind.MOVED_OFF and self.on_weekend:
            raise ValidationError(
                {"date": _("A day off is moved onto a working day, Monday to Friday.")}
            )
