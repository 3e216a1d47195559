"""Builders for council tests; they go through the real services."""

from councils import services
from councils.enums import Attendance, MemberRole
from councils.models import Council, Session
from dossiers.tests.factories import appraised_dossier, good_year, school_year_round
from units.tests.factories import PersonFactory, UserFactory

SCHOOL_YEAR = 2025


def council_of(world, *, unit=None, size: int = 5, prefix: str = "tv") -> Council:
    """A council of ``unit`` (Phòng A by default): member 0 chairs, member 1 is the secretary."""
    unit = unit or world.phong_a
    council = services.council_create(
        unit=unit, school_year=SCHOOL_YEAR, name=f"Hội đồng Thi đua – Khen thưởng {unit.name}", actor=None
    )
    for i in range(size):
        user = UserFactory(
            username=f"{prefix}_{unit.pk}_{i}", full_name=f"Thành viên {i + 1:02d}", unit=unit, is_council_member=True
        )
        role = MemberRole.CHAIR if i == 0 else MemberRole.SECRETARY if i == 1 else MemberRole.MEMBER
        services.member_add(council=council, user=user, role=role, actor=None)
    return council


def members_of(council) -> list:
    return list(council.members.select_related("user").order_by("id"))


def secretary_of(council):
    return council.members.get(role=MemberRole.SECRETARY).user


def nominees_for(world, *, count: int = 1, code: str = "CSTDCS", award_round=None):
    """An appraised dossier of school A1 with ``count`` qualified nominees of ``code``."""
    people = [world.person_a1] + [
        PersonFactory(unit=world.school_a1, full_name=f"Giáo viên {i:02d}") for i in range(1, count)
    ]
    for person in people:
        good_year(person, rating="excellent")
    return appraised_dossier(world, people=people, code=code, award_round=award_round)


def session_of(council, *, actor=None, date=None) -> Session:
    import datetime

    session = services.session_create(
        council=council,
        title="Phiên họp xét danh hiệu năm học 2025–2026",
        date=date or datetime.date(2026, 12, 1),
        place="Phòng họp số 1",
        actor=actor,
    )
    services.agenda_build(session=session, actor=actor)
    return session


def open_session(world, *, size: int = 5, count: int = 1, code: str = "CSTDCS", absent: int = 0):
    """Council of Phòng A with ``size`` members, ``count`` nominees on the agenda, the last ``absent``
    members marked absent, the vote open."""
    council = council_of(world, size=size)
    nominees_for(world, count=count, code=code)
    session = session_of(council)
    if absent:
        services.attendance_set(
            session=session,
            statuses={m.pk: Attendance.ABSENT for m in members_of(council)[size - absent :]},
            actor=None,
        )
    services.session_open(session=session, actor=None)
    session.refresh_from_db()
    return council, session


def two_kinds_round(world):
    return school_year_round(world.phong_a, codes=("LDTT", "CSTDCS"))
