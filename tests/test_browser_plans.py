"""Issue 12, in a real browser: an officer enters a plan's content by pasting its outline, and the one
date input reads and writes dd/mm/yyyy through its picker on a phone and on a desktop.

Dates are around the real today (a frozen clock would expire the browser's session cookie).
"""

import datetime
import re

import pytest
from django.utils import timezone

from campaigns.models import Criterion
from campaigns.tests.factories import CampaignFactory
from tests.browser import DESKTOP, PHONE, READY, chromium, go, log_in, new_page, requires_browser, shoot

pytestmark = [pytest.mark.browser, requires_browser, pytest.mark.django_db(transaction=True)]

OUTLINE = """II. NHIỆM VỤ VÀ GIẢI PHÁP
1. Nhiệm vụ
a) Đối với tập thể
- Mỗi đơn vị xây dựng ít nhất 05 điển hình tiên tiến trong một năm;
2. Giải pháp"""


def test_officer_pastes_an_outline_previews_and_saves_the_tree(world, live_server):
    today = timezone.localdate()
    campaign = CampaignFactory(
        issuer=world.phong_a, starts_on=today, ends_on=today + datetime.timedelta(days=300), title="Kế hoạch dán dàn ý"
    )
    with chromium() as browser:
        page = new_page(browser)
        log_in(page, live_server, "officer_pa")
        page.goto(f"{live_server.url}/phong-trao/{campaign.pk}/", wait_until=READY)
        go(page, page.get_by_test_id("criteria-outline-link"))
        page.fill("textarea[name=text]", "1. Mục đích\n2.1. Sai chỗ")
        go(page, page.get_by_role("button", name="Xem trước"))
        assert "Dòng 2: mục “2.1” phải nằm dưới mục “2”, nhưng mục phía trên là “1”." in page.content()
        page.fill("textarea[name=text]", OUTLINE)
        go(page, page.get_by_role("button", name="Xem trước"))
        items = page.get_by_test_id("outline-item").all_inner_texts()
        shoot(page, "12-outline-preview")
        assert len(items) == 5
        go(page, page.get_by_test_id("save-outline"))
        shoot(page, "12-outline-saved")
    rows = list(Criterion.objects.filter(campaign=campaign).values_list("number", "parent__number"))
    assert rows == [("II", None), ("1", "II"), ("a)", "1"), ("-", "a)"), ("2", "II")]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_date_picker_reads_and_writes_dd_mm_yyyy(world, live_server, viewport):
    with chromium() as browser:
        page = new_page(browser, viewport=viewport)
        log_in(page, live_server, "officer_pa")
        page.goto(f"{live_server.url}/phong-trao/tao-moi/", wait_until=READY)
        field = page.locator("input[name=starts_on]")
        assert field.get_attribute("type") == "text"
        field.fill("05/09/2024")
        field.press("Tab")  # typed, then left: the picker reads it as day/month/year
        picked = page.evaluate(
            "() => { const d = document.querySelector('input[name=starts_on]')._flatpickr.selectedDates[0];"
            " return [d.getDate(), d.getMonth() + 1, d.getFullYear()]; }"
        )
        assert picked == [5, 9, 2024]
        page.evaluate(
            "() => { document.querySelectorAll('input[data-date-picker]').forEach(i => i._flatpickr.close());"
            " const fp = document.querySelector('input[name=starts_on]')._flatpickr;"
            " fp.calendarContainer.id = 'starts-on-calendar'; fp.open(); }"
        )
        calendar = page.locator("#starts-on-calendar.open")
        calendar.wait_for()
        shoot(page, f"12-date-picker-{viewport['width']}", full_page=False)
        day = calendar.locator(".flatpickr-day:not(.prevMonthDay):not(.nextMonthDay)", has_text=re.compile(r"^12$"))
        day.click()
        value = field.input_value()
    assert value == "12/09/2024"
