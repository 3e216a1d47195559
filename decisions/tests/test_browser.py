"""Issue 10 (decision part) in a real browser: Phòng A's officer drafts the decision from the nominees
its council approved, discloses nothing, and the head issues it; the page shows the register number.

Dated on the real today (a frozen clock would expire the browser's session cookie).
"""

import pytest
from django.utils import timezone

from decisions.models import AwardDecision
from decisions.tests.factories import approved_dossier, colleague, phong_head
from tests.browser import DESKTOP, PHONE, chromium, go, log_in, new_page, requires_browser, shoot

pytestmark = [pytest.mark.browser, requires_browser, pytest.mark.django_db(transaction=True)]


def _menu(page, group: str, entry: str) -> None:
    toggler = page.locator(".navbar-toggler")
    if toggler.is_visible():
        toggler.click()
        page.locator("#mainnav").wait_for(state="visible")
    page.locator("#mainnav").get_by_role("button", name=group).click()
    go(page, page.locator("#mainnav").get_by_role("link", name=entry, exact=True))


def test_officer_drafts_and_head_issues_in_the_browser(world, live_server):
    approved_dossier(world, people=[world.person_a1, colleague(world)])
    phong_head(world)
    with chromium() as browser:
        officer = new_page(browser, viewport=PHONE)
        log_in(officer, live_server, "officer_pa")
        _menu(officer, "Xét khen thưởng", "Quyết định khen thưởng")
        go(officer, officer.get_by_role("link", name="Lập quyết định"))
        # Every approved nominee is ticked at first.
        assert officer.locator("input[name=nominees]:checked").count() == 2
        go(officer, officer.get_by_role("button", name="Lập dự thảo"))
        assert officer.locator("#lines tbody tr").count() == 2
        assert officer.get_by_role("link", name="Ban hành quyết định").count() == 0  # the officer does not issue
        shoot(officer, "decisions-draft")

        head = new_page(browser, viewport=DESKTOP)
        log_in(head, live_server, "head_pa")
        decision = AwardDecision.objects.get()
        head.goto(f"{live_server.url}/quyet-dinh/{decision.pk}/")
        go(head, head.get_by_role("link", name="Ban hành quyết định"))
        head.fill("input[name=signer_name]", "Lê Văn Trưởng")
        go(head, head.get_by_role("button", name="Ban hành", exact=True))
        assert "Quyết định 01/QĐ-PGDĐTA" in head.locator("h1").inner_text()
        assert "1.404.000 đ" in head.locator("body").inner_text()
        shoot(head, "decisions-issued")
    decision.refresh_from_db()
    assert (decision.state, decision.dated) == ("issued", timezone.localdate())
