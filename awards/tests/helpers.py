"""Small builders for award-history tests; they go through the real services."""

import datetime

from awards import services
from awards.models import Award


def award(code: str) -> Award:
    return Award.objects.get(code=code)


def give(recipient=None, code="LDTT", year=2024, *, unit=None, number=None, issuer="Sở GD&ĐT Thử nghiệm", **kwargs):
    """Record ``code`` for a person (or, with ``unit`` only, a collective) in school year ``year``."""
    number = number or f"{100 + year % 100}/QĐ-SGDĐT"
    return services.award_record_create(
        award=award(code),
        person=recipient,
        unit=unit,
        school_year=year,
        decision_number=number,
        decision_date=kwargs.pop("date", datetime.date(year + 1, 6, 1)),
        issuer=issuer,
        actor=None,
        **kwargs,
    )


def rate(person=None, year=2024, rating="good", *, unit=None):
    return services.task_rating_set(
        person=person, unit=unit or person.unit, school_year=year, rating=rating, actor=None
    )
