"""Issue 11 in a real browser: the Sở leader lands on the to-do page on a phone, opens the dashboard,
sees the charts drawn by Chart.js (served by the app, no inline script), drills down to Phòng A and
back up by the breadcrumb, and downloads the deadline status as .xlsx on a desktop.

Dated around the real today (a frozen clock would expire the browser's session cookie).
"""

import datetime
import io
from pathlib import Path

import openpyxl
import pytest
import time_machine
from django.utils import timezone

from campaigns import services as campaign_services
from campaigns.tests.factories import CampaignFactory
from dossiers.tests.factories import school_year_round
from tests.browser import DESKTOP, PHONE, READY, chromium, go, log_in, new_page, requires_browser, shoot

pytestmark = [pytest.mark.browser, requires_browser, pytest.mark.django_db(transaction=True)]


def test_leader_dashboard_charts_and_drill_down_in_the_browser(world, live_server):
    today = timezone.localdate()
    campaign = CampaignFactory(
        issuer=world.so, starts_on=today - datetime.timedelta(days=200), ends_on=today + datetime.timedelta(days=400)
    )
    milestone = campaign_services.milestone_create(
        campaign=campaign,
        actor=None,
        deliverable="annual_report",
        title="Báo cáo tháng",
        due_on=today - datetime.timedelta(days=5),
        figures=[{"key": "truong", "label": "Số trường đạt chuẩn quốc gia", "unit": "trường"}],
    )
    campaign_services.criterion_add(
        campaign=campaign, actor=None, title="Số trường đạt chuẩn quốc gia", target_value="344", target_unit="trường"
    )
    school_year_round(world.so, quotas={"LDTT": 2})
    campaign_services.campaign_set_state(campaign=campaign, new_state="launched", actor=None)
    with time_machine.travel(timezone.now() - datetime.timedelta(days=6)):  # A1 on time; the rest missing
        campaign_services.submission_create(
            deadline=milestone.deadlines.get(), unit=world.school_a1, actor=None, figures={"truong": 3}
        )

    with chromium() as browser:
        page = new_page(browser, viewport=PHONE)
        problems = []
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        log_in(page, live_server, "leader_so")
        assert page.locator("h1").inner_text() == "Việc cần làm"
        # Phòng A, Phòng B, A2 and B1 missed the deadline of five days ago.
        assert page.locator('[data-testid="leader-late-count"]').inner_text() == "4"
        go(page, page.get_by_role("link", name="Lượt đơn vị nộp trễ hoặc chưa nộp các hạn trong tháng qua"))
        page.wait_for_function("() => window.Chart && Chart.getChart(document.getElementById('chart-deadlines'))")
        drawn = page.evaluate(
            "() => ['chart-deadlines','chart-coverage','chart-awards','chart-pipeline','chart-targets','chart-quotas']"
            ".map(id => !!Chart.getChart(document.getElementById(id)))"
        )
        assert drawn == [True, True, True, True, True, True]
        # A1's 3 schools of the 344 asked for: 1 %.
        assert page.locator('[data-testid="target-progress"]').inner_text() == "1%"
        shoot(page, "issue11-dashboard-phone")
        go(page, page.locator('[data-testid="drill-link"]', has_text="PGDĐTA"))
        assert page.locator('[data-testid="board-breadcrumb"] .active').inner_text() == "PGDĐTA"
        cells = page.locator('[data-testid="heat-cell"]').all_inner_texts()
        # Rows: Phòng A itself (missing), THCS A2 (missing), TH A1 (on time).
        assert [cell.split("\n")[0] for cell in cells] == ["0/1", "0/1", "1/1"]
        go(page, page.locator('[data-testid="board-breadcrumb"] a', has_text="SGDĐT"))
        assert page.locator("#board").inner_text() == world.so.name
        assert problems == []

        desk = new_page(browser, viewport=DESKTOP)
        log_in(desk, live_server, "leader_so")
        desk.goto(f"{live_server.url}/van-ban/tong-hop/", wait_until=READY)
        with desk.expect_download() as info:
            desk.locator('[data-testid="board-export"]').click()
        book = openpyxl.load_workbook(io.BytesIO(Path(info.value.path()).read_bytes()))
        rows = list(book.worksheets[0].iter_rows(values_only=True))
        assert [r[0] for r in rows[1:]] == [world.so.name, world.phong_a.name, world.phong_b.name]
        assert problems == []
