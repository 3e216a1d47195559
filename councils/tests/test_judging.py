"""Judging over ALL members, in integers: the boundaries of the law's thresholds."""

import pytest

from councils import law, services
from councils.enums import Attendance, ItemResult
from councils.tests.factories import members_of, open_session, secretary_of
from dossiers.enums import CouncilResult

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("agree", "members", "threshold", "expected"),
    [
        (8, 10, 80, True),  # exactly 80 %
        (7, 10, 80, False),  # 70 %
        (799, 1000, 80, False),  # 79.9 % is not 80 %
        (800, 1000, 80, True),
        (9, 10, 90, True),
        (899, 1000, 90, False),
        (4, 5, 80, True),
        (3, 5, 80, False),
        (3, 5, 50, True),  # more than half
        (2, 4, 50, False),  # exactly half is not more than half
        (3, 4, 50, True),
        (0, 0, 80, False),
    ],
)
def test_approved_boundaries(agree, members, threshold, expected):
    assert law.approved(agree=agree, members=members, threshold=threshold) is expected


def test_quorum_two_thirds_and_eighty_per_cent():
    assert law.quorum_met(present=6, members=9, percent=67) is True
    assert law.quorum_met(present=5, members=9, percent=67) is False
    assert law.quorum_met(present=8, members=10, percent=80) is True
    assert law.quorum_met(present=7, members=10, percent=80) is False


def test_default_quorum_by_level(world):
    assert law.default_quorum(world.so)[0] == 80
    assert "86/2025" in law.default_quorum(world.so)[1]
    assert law.default_quorum(world.phong_a)[0] == 67


def _vote(session, member, agree: bool):
    item_ids = list(session.items.filter(secret=True).values_list("pk", flat=True))
    services.ballot_submit(session=session, user=member.user, choices=dict.fromkeys(item_ids, agree))


def test_written_votes_count_and_absent_without_vote_counts_against(world):
    """7 members, CSTĐCS needs 80 % of ALL (6 of 7). Four present agree, one present disagrees,
    one absent agrees in writing, one absent does not vote: 5/7 = 71.4 % → not approved,
    although 5 of the 6 ballots (83 %) agree."""
    council, session = open_session(world, size=7, absent=2)
    members = members_of(council)
    for member in members[:4]:
        _vote(session, member, True)
    _vote(session, members[4], False)
    services.written_ballot_enter(
        session=session,
        member=members[5],
        choices={session.items.get().pk: True},
        actor=secretary_of(council),
    )
    services.session_close(session=session, actor=secretary_of(council))
    item = session.items.get()
    item.nominee.refresh_from_db()
    assert (item.agree, item.disagree, item.result) == (5, 1, ItemResult.NOT_APPROVED)
    assert item.nominee.council_result == CouncilResult.NOT_APPROVED
    assert session.receipts.filter(written=True).count() == 1


def test_written_vote_reaches_the_threshold(world):
    """7 members, one absent: five present agree, one disagrees, the absent agrees in writing:
    6/7 = 85.7 % ≥ 80 % → approved."""
    council, session = open_session(world, size=7, absent=1)
    members = members_of(council)
    for member in members[:5]:
        _vote(session, member, True)
    _vote(session, members[5], False)
    services.written_ballot_enter(
        session=session, member=members[6], choices={session.items.get().pk: True}, actor=secretary_of(council)
    )
    services.session_close(session=session, actor=secretary_of(council))
    item = session.items.get()
    item.nominee.refresh_from_db()
    assert (item.agree, item.result, item.threshold) == (6, ItemResult.APPROVED, 80)
    assert item.citation == law.BALLOT_CITATION
    assert item.nominee.council_result == CouncilResult.APPROVED


def test_exactly_eighty_per_cent_passes_and_one_vote_less_fails(world):
    """5 members: 4 agree = 80 % (approved) on one nominee, 3 = 60 % on the other."""
    council, session = open_session(world, size=5, count=2)
    first, second = session.items.order_by("position")
    for i, member in enumerate(members_of(council)):
        services.ballot_submit(session=session, user=member.user, choices={first.pk: i < 4, second.pk: i < 3})
    services.session_close(session=session, actor=secretary_of(council))
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.agree, first.result) == (4, ItemResult.APPROVED)
    assert (second.agree, second.result) == (3, ItemResult.NOT_APPROVED)


def test_attendance_default_present(world):
    _council, session = open_session(world, size=3)
    assert list(session.attendances.values_list("status", flat=True)) == [Attendance.PRESENT] * 3
