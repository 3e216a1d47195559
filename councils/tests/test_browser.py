"""Issue 10 in a real browser on phones: three members vote by secret ballot, each on their own
phone, and the secretary closes the session; the nominee's result is recorded.

Dated around the real today (a frozen clock would expire the browser's session cookie).
"""

import pytest
from django.utils import timezone

from councils import services
from councils.enums import SessionState
from councils.tests.factories import council_of, members_of, nominees_for
from dossiers.enums import CouncilResult
from tests.browser import PHONE, READY, chromium, go, log_in, new_page, requires_browser, shoot

pytestmark = [pytest.mark.browser, requires_browser, pytest.mark.django_db(transaction=True)]


def _to_session(page, live_server, title):
    page.goto(f"{live_server.url}/hoi-dong/", wait_until=READY)
    go(page, page.locator("#open-sessions").get_by_role("link", name=title))


def test_three_members_vote_on_phones_and_the_secretary_closes(world, live_server):
    council = council_of(world, size=3)
    nominees_for(world)
    session = services.session_create(
        council=council, title="Phiên họp cuối năm", date=timezone.localdate(), place="Phòng họp 1", actor=None
    )
    services.agenda_build(session=session, actor=None)
    services.session_open(session=session, actor=None)
    members = members_of(council)
    choices = ["Đồng ý", "Đồng ý", "Không đồng ý"]

    with chromium() as browser:
        for i, (member, choice) in enumerate(zip(members, choices, strict=True)):
            phone = new_page(browser, viewport=PHONE)
            log_in(phone, live_server, member.user.username)
            _to_session(phone, live_server, "Phiên họp cuối năm")
            go(phone, phone.locator("#vote"))
            # Big radio buttons: the label is what a thumb presses.
            phone.get_by_text(choice, exact=True).click()
            if i == 0:
                shoot(phone, "councils-ballot-phone")
            go(phone, phone.get_by_role("button", name="Gửi phiếu bầu"))
            assert "Phiếu bầu của bạn đã được ghi nhận" in phone.content()
            assert phone.locator("#vote").count() == 0
            phone.context.close()

        secretary = new_page(browser, viewport=PHONE)
        log_in(secretary, live_server, members[1].user.username)
        _to_session(secretary, live_server, "Phiên họp cuối năm")
        assert "đã nhận 3 phiếu" in secretary.content()
        go(secretary, secretary.get_by_role("link", name="Kết thúc phiên họp"))
        go(secretary, secretary.get_by_role("button", name="Lưu"))
        assert secretary.locator("[data-testid=state]").inner_text().strip() == "Đã kết thúc"
        assert secretary.locator("[data-testid=agree]").inner_text().strip() == "2/3"
        shoot(secretary, "councils-closed-phone")

    session.refresh_from_db()
    item = session.items.get()
    item.nominee.refresh_from_db()
    assert (session.state, item.agree, item.disagree) == (SessionState.CLOSED, 2, 1)
    # 2/3 = 66.7 % < 80 % of all members: not approved.
    assert item.nominee.council_result == CouncilResult.NOT_APPROVED
