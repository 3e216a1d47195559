"""Fairness signals on crafted histories (the clock: 01/12/2026, so the last school years ended are
2023–2024, 2024–2025 and 2025–2026 … 2025 is the last: 2023, 2024, 2025)."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from awards.tests.factories import AwardRecordFactory
from campaigns import services as campaign_services
from campaigns.tests.factories import running_campaign
from reports import selectors
from units.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
YEARS = (2023, 2024, 2025)


@pytest.fixture
def history(world):
    """A1: two teachers (one woman), both LĐTT three years running, the woman CSTĐCS too; its head
    (a manager) LĐTT in 2025 only. A2: nobody awarded in five years. B1: LĐTT for one of two people."""
    lan = world.person_a1  # a teacher, made a woman below
    lan.role, lan.gender = "teacher", "female"
    lan.save(update_fields=["role", "gender"])
    nam = PersonFactory(unit=world.school_a1, full_name="Phạm Văn Nam", role="teacher", gender="male")
    head = PersonFactory(unit=world.school_a1, full_name="Võ Thị Hiệu Trưởng", role="manager", gender="female")
    for year in YEARS:
        AwardRecordFactory(person=lan, code="LDTT", school_year=year)
        AwardRecordFactory(person=nam, code="LDTT", school_year=year)
        AwardRecordFactory(person=lan, code="CSTDCS", school_year=year)
    AwardRecordFactory(person=head, code="LDTT", school_year=2025)
    PersonFactory(unit=world.school_b1, full_name="Đỗ Thị Mai", role="teacher", gender="female")
    AwardRecordFactory(person=world.person_b1, code="LDTT", school_year=2025)
    world.extra.update(nam=nam, head=head)
    return world


def test_even_spread_flags_the_unit_where_everyone_gets_ldtt_every_year(history):
    fair = selectors.fairness(history.users["leader"])
    assert fair.years == list(YEARS)
    # A1 has 3 active people: 2 of 3 in 2023 and 2024 (67 %), all 3 in 2025: below 90 % → not flagged.
    assert fair.even_units == []
    history.extra["head"].is_active = False
    history.extra["head"].save(update_fields=["is_active"])
    fair = selectors.fairness(history.users["leader"])
    assert [(u.name, n, shares) for u, n, shares in fair.even_units] == [(history.school_a1.name, 2, [100, 100, 100])]


def test_same_names_never_awarded_roles_and_women(history):
    fair = selectors.fairness(history.users["leader"])
    assert [p.full_name for p in fair.repeat_people] == ["Nguyễn Thị Lan"]
    # A2 has a person and no award in 2021–2025; B1 and A1 have some.
    assert [(u.name, n) for u, n in fair.never_units] == [(history.school_a2.name, 1)]
    assert fair.never_years == [2021, 2022, 2023, 2024, 2025]
    # People: 6 active, 5 teachers (Lan, Nam, Mai, and Bình and Cường as the factory makes them) and the
    # head. Individual awards 2023–2025: 9 to A1's two teachers (3 LĐTT + 3 LĐTT + 3 CSTĐCS), 1 to Cường
    # (B1) and 1 to the head = 11: managers are 17 % of the people and get 9 % of the awards.
    assert fair.roles == [("Cán bộ quản lý", 1, 1, 17, 9), ("Giáo viên", 5, 10, 83, 91)]
    # Women: Lan, Mai and the head, 3 of 6 people; 7 of the 11 awards (Lan's six, the head's one).
    assert fair.women == (50, 64, 7, 11)


def test_fairness_drill_down_follows_the_scope(history):
    fair = selectors.fairness(history.users["leader"], root=history.phong_b)
    assert fair.never_units == [] and fair.repeat_people == []
    assert sum(r[2] for r in fair.roles) == 1
    clerk = selectors.fairness(history.users["school_clerk"])
    assert [p.full_name for p in clerk.repeat_people] == ["Nguyễn Thị Lan"]
    outsider = selectors.fairness(history.users["outsider"])
    assert (outsider.repeat_people, outsider.never_units, outsider.roles) == ([], [], [])


def test_units_always_late(world):
    campaign = running_campaign(world)
    deadlines = []
    for day in (2, 9, 16):
        milestone = campaign_services.milestone_create(
            campaign=campaign,
            actor=None,
            deliverable="annual_report",
            title=f"Báo cáo ngày {day}/11",
            due_on=datetime.date(2026, 11, day),
            amendment_reason="Bổ sung hạn nộp",
        )
        deadlines.append(milestone.deadlines.get())
    # Every unit sends each report on its day except B1 (never) and A2 (late twice, on time once).
    for deadline in deadlines:
        with time_machine.travel(datetime.datetime.combine(deadline.due_on, datetime.time(3, 0), datetime.UTC)):
            for unit in (world.phong_a, world.phong_b, world.school_a1):
                campaign_services.submission_create(deadline=deadline, unit=unit, actor=None, note="Đúng hạn")
            if deadline is deadlines[0]:
                campaign_services.submission_create(deadline=deadline, unit=world.school_a2, actor=None, note="Kịp")
    for deadline in deadlines[1:]:
        campaign_services.submission_create(deadline=deadline, unit=world.school_a2, actor=None, note="Trễ")
    fair = selectors.fairness(world.users["so_officer"])
    # A2: 2 of 3 late = 67 % < 80 %: not flagged; B1 missing 3 of 3.
    assert [(u.name, owed, late) for u, owed, late in fair.late_units] == [(world.school_b1.name, 3, 3)]


def test_fairness_page_explains_each_signal(history, client_for):
    page = client_for(history.users["leader"]).get(reverse("reports:fairness")).content.decode()
    assert "có ít nhất 90% số người" in page and "Nguyễn Thị Lan" in page and history.school_a2.name in page
    officer = client_for(history.users["phong_officer"])
    assert officer.get(reverse("reports:fairness"), {"unit": history.school_b1.pk}).status_code == 404
