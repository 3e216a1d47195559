"""Working-day arithmetic for legal clocks (no models, no database).

A working day is Monday to Friday and not a holiday. Callers pass the holidays as a
set of dates (Tết, Giỗ Tổ Hùng Vương, 30/4, 1/5, Quốc khánh… as configured per level),
so the same functions serve every app and every level.
"""

import datetime
from collections.abc import Collection

ONE_DAY = datetime.timedelta(days=1)


def is_working_day(day: datetime.date, holidays: Collection[datetime.date] = ()) -> bool:
    return day.weekday() < 5 and day not in holidays


def add_working_days(start: datetime.date, days: int, holidays: Collection[datetime.date] = ()) -> datetime.date:
    """The date ``days`` working days after ``start`` (``start`` itself is day 0).

    "Within 5 working days of receipt" on Friday 10/01 ends on Friday 17/01; a Tết week in
    between pushes it by the length of the holiday.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    left = days
    while left:
        day += ONE_DAY
        if is_working_day(day, holidays):
            left -= 1
    return day


def working_days_between(start: datetime.date, end: datetime.date, holidays: Collection[datetime.date] = ()) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end`` <= ``start``)."""
    if end <= start:
        return 0
    count = 0
    day = start
    while day < end:
        day += ONE_DAY
        if is_working_day(day, holidays):
            count += 1
    return count
