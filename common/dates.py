"""Date formats of official documents (Nghị định 30/2020/NĐ-CP, Phụ lục I)."""

import datetime


def official_date(value: datetime.date, place: str = "") -> str:
    """ "Bến Tre, ngày 05 tháng 02 năm 2024": day below 10 and months 1–2 zero-padded."""
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    text = f"ngày {value.day:02d} tháng {month} năm {value.year}"
    return f"{place}, {text}" if place else text


def short_date(value: datetime.date | None) -> str:
    """dd/mm/yyyy as written in forms and tables."""
    return value.strftime("%d/%m/%Y") if value else ""


def school_year_label(start_year: int) -> str:
    return f"{start_year}–{start_year + 1}"


def school_year_of(value: datetime.date, *, start_month: int = 9) -> int:
    """The first year of the school year containing ``value`` (Sept–Aug by default)."""
    return value.year if value.month >= start_month else value.year - 1


def body_date(value: datetime.date) -> str:
    """ "01/5/2024", "17/01/2026": the day and months 1–2 zero-padded, as in the date line."""
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    return f"{value.day:02d}/{month}/{value.year}"


def yearly_date(day: int, month: int) -> str:
    month_text = f"{month:02d}" if month <= 2 else str(month)
    return f"{day:02d}/{month_text}"
