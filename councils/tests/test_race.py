"""One vote per member, under two submissions at the same moment, on PostgreSQL."""

import pytest

from councils import services
from councils.models import BallotReceipt
from councils.tests.factories import members_of, open_session
from tests.race import race_outcomes

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_concurrent_ballots_of_one_member_count_once(world):
    council, session = open_session(world, size=3)
    member = members_of(council)[0]
    item = session.items.get()

    results, errors = race_outcomes(
        2, lambda: services.ballot_submit(session=session, user=member.user, choices={item.pk: True})
    )
    assert len(results) == 1
    assert [e.messages for e in errors] == [["Thành viên 01 đã bỏ phiếu trong phiên họp này."]]
    item.refresh_from_db()
    assert (item.agree, item.disagree) == (1, 0)
    assert BallotReceipt.objects.filter(session=session, member=member).count() == 1


def test_a_ballot_racing_the_close_is_either_counted_or_refused(world):
    council, session = open_session(world, size=3)
    members = members_of(council)
    item = session.items.get()
    for member in members[:2]:
        services.ballot_submit(session=session, user=member.user, choices={item.pk: True})
    secretary = members[1].user

    def vote():
        return services.ballot_submit(session=session, user=members[2].user, choices={item.pk: True})

    def close():
        return services.session_close(session=session, actor=secretary, close_ballots=True, reason="Hết giờ")

    works = iter([vote, close])
    results, errors = race_outcomes(2, lambda: next(works)())
    item.refresh_from_db()
    receipts = BallotReceipt.objects.filter(session=session).count()
    # Whatever the order, the tally equals the receipts: nothing counted after the close.
    assert item.agree == receipts
    assert len(results) + len(errors) == 2
