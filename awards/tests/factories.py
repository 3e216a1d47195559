"""factory_boy factories for the award history. They call the services, so decisions,
derived keys and the audit trail are written exactly as in production.

The catalogue (awards and their national rules) is data loaded by a migration: a test
picks an award by its code (``catalogue_award("LDTT")``), it never builds one.
"""

import datetime

import factory

from awards import services
from awards.enums import TaskRating
from awards.models import Award, AwardRecord, TaskRatingRecord


def catalogue_award(code: str) -> Award:
    """The award of the legal catalogue with this code (``LDTT``, ``CSTDCS``, …)."""
    return Award.objects.get(code=code)


class AwardRecordFactory(factory.Factory):
    """A title or award of a person (``person=``) or of a collective (``unit=`` only).

    ``code`` names the award; the decision defaults to one of the Sở dated 1 June
    after the school year, numbered after the year.
    """

    class Meta:
        model = AwardRecord

    class Params:
        code = "LDTT"

    award = factory.LazyAttribute(lambda o: catalogue_award(o.code))
    person = None
    unit = None
    school_year = 2024
    decision_number = factory.LazyAttribute(lambda o: f"{100 + o.school_year % 100}/QĐ-SGDĐT")
    decision_date = factory.LazyAttribute(lambda o: datetime.date(o.school_year + 1, 6, 1))
    issuer = "Sở GD&ĐT Thử nghiệm"

    @classmethod
    def _create(cls, model_class, **kwargs):
        return services.award_record_create(actor=None, **kwargs)


class TaskRatingFactory(factory.Factory):
    """The task rating of a person (in their unit) or, with ``unit=`` only, of the unit itself."""

    class Meta:
        model = TaskRatingRecord

    person = None
    unit = factory.LazyAttribute(lambda o: o.person.unit if o.person is not None else None)
    school_year = 2024
    rating = TaskRating.GOOD

    @classmethod
    def _create(cls, model_class, **kwargs):
        return services.task_rating_set(actor=None, **kwargs)
