"""Builders for dossier tests; they go through the real services (guards, logs, documents)."""

import datetime

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from awards import services as award_services
from awards.models import Award
from dossiers import services
from dossiers.enums import AppraisalResult, ComponentKind, RoundKind
from units.models import Person, Unit, User
from units.tests.factories import PersonFactory, UserFactory

D = datetime.date
# A Wednesday in the 2025–2026 tổng kết period: rounds open, dossiers are dated and sent.
TODAY = D(2026, 5, 20)
DEADLINE = D(2026, 6, 15)
PDF_BYTES = b"%PDF-1.4\n% bao cao thanh tich da ky\n%%EOF\n"


def pdf_upload(name: str = "bao-cao-da-ky.pdf", data: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def award(code: str) -> Award:
    return Award.objects.get(code=code)


def school_year_round(
    organiser: Unit, *, codes=("LDTT", "CSTDCS"), quotas: dict | None = None, deadline=DEADLINE, **kwargs
):
    awards = [award(c) for c in codes]
    return services.round_create(
        organiser=organiser,
        kind=RoundKind.SCHOOL_YEAR,
        title="Danh hiệu thi đua năm học 2025–2026",
        school_year=2025,
        opens_on=D(2026, 5, 1),
        deadline=deadline,
        awards=awards,
        quotas={award(c).pk: n for c, n in (quotas or {}).items()},
        actor=None,
        **kwargs,
    )


def good_year(person: Person, year: int = 2025, rating: str = "good"):
    return award_services.task_rating_set(person=person, unit=person.unit, school_year=year, rating=rating, actor=None)


def head_of(unit: Unit, username: str | None = None) -> User:
    return UserFactory(username=username or f"head_{unit.code}", unit=unit, is_unit_head=True)


def staff(unit: Unit, n: int, *, rated: bool = True) -> list[Person]:
    people = [PersonFactory(unit=unit, full_name=f"Giáo viên Thử {i:03d}") for i in range(n)]
    if rated:
        for person in people:
            good_year(person)
    return people


def dossier_for(unit: Unit, award_round, *, dated=TODAY):
    return services.dossier_create(award_round=award_round, unit=unit, actor=None, dated=dated)


def complete(dossier, *, members: int = 9):
    """Enter the minutes (every nominee voted 8/9) and upload a signed report for each nominee."""
    nominees = list(dossier.nominees.all())
    services.minutes_set(
        dossier=dossier,
        actor=None,
        meeting_date=dossier.dated - datetime.timedelta(days=2),
        members=members,
        present=members,
        chair="Nguyễn Thị Tuyết Mai",
        secretary="Phạm Thị Thu Hà",
        votes={n.pk: (members - 1, members) for n in nominees},
    )
    for nominee in nominees:
        services.document_upload(
            dossier=dossier, actor=None, kind=ComponentKind.REPORT, upload=pdf_upload(), nominee=nominee
        )
    dossier.refresh_from_db()
    return dossier


def ready_dossier(world, *, people=None, code="LDTT", award_round=None):
    """A complete draft of Trường Tiểu học Thử A1 with one LĐTT nominee (rated "good")."""
    award_round = award_round or school_year_round(world.phong_a)
    dossier = dossier_for(world.school_a1, award_round)
    people = people if people is not None else [world.person_a1]
    for person in people:
        if not person.task_ratings.filter(school_year=2025).exists():
            good_year(person)
        services.nominee_add(
            dossier=dossier, actor=None, award=award(code), person=person, achievement="Hoàn thành tốt nhiệm vụ"
        )
    return complete(dossier)


def campaign_offer(campaign, award_obj, *, quota=None):
    """An award offer of a campaign that names the catalogue's award."""
    from campaigns import services as campaign_services

    return campaign_services.award_offer_add(
        campaign=campaign, actor=None, name=award_obj.name, occasion="tổng kết", quota=quota, award=award_obj
    )


def appraised_dossier(world, *, people=None, code="LDTT", award_round=None, officer=None):
    """``ready_dossier`` sent to Phòng A, every nominee found qualified, the dossier appraised:
    what the councils and decisions of the receiving level start from.

    Sent on TODAY (20/05/2026, before the round's deadline) whatever the test's own clock.
    """
    officer = officer or world.users["phong_officer"]
    with time_machine.travel(datetime.datetime(2026, 5, 20, 9, 0, tzinfo=datetime.UTC), tick=False):
        dossier = ready_dossier(world, people=people, code=code, award_round=award_round)
        services.dossier_send(dossier=dossier, actor=None)
        services.appraisal_start(dossier=dossier, actor=officer)
        for nominee in dossier.nominees.all():
            services.nominee_appraise(nominee=nominee, actor=officer, result=AppraisalResult.QUALIFIED)
        services.dossier_appraise(dossier=dossier, actor=officer)
    dossier.refresh_from_db()
    return dossier
