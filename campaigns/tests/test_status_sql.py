"""The status rule in SQL (``with_deadline_status``, ``deadline_status_counts``) agrees exactly with
``compute_status`` through ``deadline_statuses``, on SQLite and on PostgreSQL (run this file with
``DATABASE_URL=postgres://…`` too), for several days around the due date."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from campaigns import selectors, services
from campaigns.enums import SubmissionStatus
from campaigns.models import DeadlineException, Submission
from campaigns.tests.factories import CampaignFactory
from units.models import Unit
from units.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
DUE = datetime.date(2025, 5, 10)
TODAYS = [
    datetime.date(2025, 5, 1),
    DUE,
    datetime.date(2025, 5, 11),
    datetime.date(2025, 5, 12),
    datetime.date(2025, 5, 20),
    datetime.date(2025, 5, 25),
    datetime.date(2025, 5, 26),
]


def _at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    """A moment of May 2025, local (Hà Nội) time."""
    return datetime.datetime(2025, 5, day, hour, minute, tzinfo=HANOI)


@pytest.fixture
def crafted(world):
    """A deadline due 10/05/2025 and a unit for every case of the rule, under Phòng A and Phòng B."""
    campaign = CampaignFactory(issuer=world.so)
    milestone = services.milestone_create(
        campaign=campaign, actor=None, deliverable="midterm_report", title="Sơ kết", due_on=DUE
    )
    deadline = milestone.deadlines.get()
    cases = {
        # name: (parent, submissions as local moments in version order, exception, active_from)
        "on_time": ("a", [_at(8, 9)], None, None),
        "late": ("a", [_at(12, 9)], None, None),
        "evening_of_due_day": ("a", [_at(10, 23, 30)], None, None),  # 16:30 UTC: on time
        "early_on_due_day": ("b", [_at(10, 6)], None, None),  # the 9th in UTC
        "just_after_midnight": ("b", [_at(11, 0, 10)], None, None),  # still the 10th in UTC: late
        "resubmitted_late": ("a", [_at(9, 9), _at(15, 9)], None, None),  # the first version counts
        "versions_out_of_order": ("b", [_at(12, 9), _at(9, 9)], None, None),  # by version, not by time
        "excused": ("a", [], ("excused", None), None),
        "excused_but_sent_late": ("b", [_at(13, 9)], ("excused", None), None),
        "extended_running": ("a", [], ("extended", datetime.date(2025, 5, 25)), None),
        "extended_sent_in_time": ("b", [_at(20, 23, 59)], ("extended", datetime.date(2025, 5, 20)), None),
        "extended_sent_after": ("a", [_at(21, 9)], ("extended", datetime.date(2025, 5, 20)), None),
        "extended_past": ("b", [], ("extended", datetime.date(2025, 5, 12)), None),
        "extended_shorter": ("a", [], ("extended", datetime.date(2025, 5, 5)), None),
        "missing": ("a", [], None, None),
        "missing_b": ("b", [], None, None),
        "created_on_due_day": ("b", [], None, DUE),
        "created_after_due_day": ("a", [], None, datetime.date(2025, 6, 1)),
        "created_after_but_sent": ("b", [_at(8, 9)], None, datetime.date(2025, 5, 11)),
    }
    parents = {"a": world.phong_a, "b": world.phong_b}
    units = {}
    for name, (parent, sent, exception, active_from) in cases.items():
        unit = UnitFactory(parent=parents[parent], name=f"Trường {name}")
        if active_from:
            Unit.objects.filter(pk=unit.pk).update(active_from=active_from)
        for version, moment in enumerate(sent, start=1):
            Submission.objects.create(deadline=deadline, unit=unit, version=version, submitted_at=moment)
        if exception:
            DeadlineException.objects.create(
                deadline=deadline, unit=unit, kind=exception[0], new_due_on=exception[1], reason="Lý do"
            )
        units[name] = unit
    return deadline, units


def _candidates(units):
    return Unit.objects.filter(pk__in=[unit.pk for unit in units.values()])


@pytest.mark.parametrize("today", TODAYS, ids=str)
def test_sql_status_agrees_with_compute_status(world, crafted, today):
    deadline, units = crafted
    # The reference reads the local day through ``timezone.localdate``: travel there, the evening before.
    with time_machine.travel(datetime.datetime.combine(today, datetime.time(22), tzinfo=HANOI), tick=False):
        reference = selectors.deadline_statuses(deadline, list(_candidates(units)), today=today)
        sql = list(selectors.with_deadline_status(deadline, _candidates(units), today=today))
        counts = selectors.deadline_status_counts(deadline, _candidates(units), today=today)
        grouped = selectors.deadline_status_counts(
            deadline, _candidates(units), today=today, group_length=len(world.so.path)
        )
        by_phong = selectors.deadline_status_counts(
            deadline, _candidates(units), today=today, group_length=len(world.phong_a.path)
        )
    expected = {s.unit.pk: (s.status.value, s.due_on) for s in reference}
    assert {u.pk: (u.deadline_status, u.effective_due) for u in sql} == expected
    assert len(expected) == len(units) - 2  # the two units created after the due date owe nothing
    assert counts == selectors.status_counts(reference)
    # Grouped by the Phòng holding each school: the same counts, split.
    for phong in (world.phong_a, world.phong_b):
        mine = [s for s in reference if s.unit.path.startswith(phong.path)]
        assert by_phong[phong.path] == selectors.status_counts(mine)
    # Grouped by the Sở's path: one group, every school in it.
    assert grouped == {world.so.path: counts}
    # The rank puts missing, then late units first.
    ranks = [u.status_rank for u in sql]
    assert all(u.status_rank == selectors.STATUS_ORDER[u.deadline_status] for u in sql)
    assert len(ranks) == len(sql)


def test_sql_status_values_on_the_day_after(world, crafted):
    """Hard values for one day, so that the two forms cannot agree on a wrong answer."""
    deadline, units = crafted
    today = datetime.date(2025, 5, 22)
    with time_machine.travel(datetime.datetime(2025, 5, 22, 9, tzinfo=HANOI), tick=False):
        found = {u.pk: u.deadline_status for u in selectors.with_deadline_status(deadline, _candidates(units))}
    names = {unit.pk: name for name, unit in units.items()}
    assert {names[pk]: status for pk, status in found.items()} == {
        "on_time": "on_time",
        "late": "late",
        "evening_of_due_day": "on_time",
        "early_on_due_day": "on_time",
        "just_after_midnight": "late",
        "resubmitted_late": "on_time",
        "versions_out_of_order": "late",
        "excused": "excused",
        "excused_but_sent_late": "late",
        "extended_running": "extended",
        "extended_sent_in_time": "on_time",
        "extended_sent_after": "late",
        "extended_past": "missing",
        "extended_shorter": "missing",
        "missing": "missing",
        "missing_b": "missing",
        "created_on_due_day": "missing",
    }
    assert today > DUE
    counts = selectors.deadline_status_counts(deadline, _candidates(units), today=today)
    assert counts == {
        SubmissionStatus.NOT_DUE: 0,
        SubmissionStatus.ON_TIME: 5,
        SubmissionStatus.LATE: 5,
        SubmissionStatus.MISSING: 5,
        SubmissionStatus.EXCUSED: 1,
        SubmissionStatus.EXTENDED: 1,
    }


def test_sql_status_before_the_due_date_is_not_due(world, crafted):
    deadline, units = crafted
    counts = selectors.deadline_status_counts(deadline, _candidates(units), today=datetime.date(2025, 5, 1))
    # Those not sent, neither excused nor extended, are not yet due; the extensions run.
    assert counts[SubmissionStatus.NOT_DUE] == 3
    assert counts[SubmissionStatus.EXTENDED] == 3
    assert counts[SubmissionStatus.MISSING] == 0
