"""Dates as Vietnamese official documents write them (Decree 30/2020/NĐ-CP)."""

import datetime


def decree_day(day: datetime.date) -> tuple[str, str]:
    """Day and month as Decree 30 writes them: a day below 10 and the months 1 and 2 take
    a leading zero ("05", "02"; "3", "12")."""
    return f"{day.day:02d}", (f"{day.month:02d}" if day.month < 3 else str(day.month))


def short_date(day: datetime.date) -> str:
    """ "05/3/2026", "05/02/2026": the date of a document cited in another's text."""
    d, m = decree_day(day)
    return f"{d}/{m}/{day.year}"
