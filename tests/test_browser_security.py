"""In a real browser: the Content-Security-Policy blocks nothing of ours (htmx, Bootstrap, our
script and styles all work), and a Sở officer passes the second factor set up on the spot."""

import base64
import re

import pytest
from django_otp.oath import totp

from tests.browser import READY, chromium_page, log_in, requires_browser

pytestmark = [pytest.mark.browser, requires_browser, pytest.mark.django_db(transaction=True)]


def _csp_watch(page) -> list[str]:
    problems: list[str] = []
    page.on(
        "console",
        lambda m: problems.append(m.text) if "Content Security Policy" in m.text or "Refused" in m.text else None,
    )
    page.on("pageerror", lambda e: problems.append(str(e)))
    return problems


def test_a_so_officer_sets_up_the_second_factor_under_the_csp(world, live_server, settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = ["admin", "officer:education_department"]
    with chromium_page() as page:
        problems = _csp_watch(page)
        log_in(page, live_server, "officer_so")
        assert "/tai-khoan/xac-thuc-hai-buoc/cai-dat/" in page.url
        secret = page.get_by_test_id("totp-secret").inner_text().replace(" ", "")
        assert page.locator("img[alt='Mã QR cho ứng dụng xác thực']").evaluate("i => i.naturalWidth") > 0
        code = totp(base64.b32decode(secret))
        page.fill("input[name=token]", f"{code:06d}")
        with page.expect_navigation(wait_until=READY):
            page.click("main button[type=submit]")
        codes = page.get_by_test_id("recovery-codes").inner_text().split()
        assert len(codes) == 10 and all(re.fullmatch(r"[a-z2-9]{10}", c) for c in codes)
        with page.expect_navigation(wait_until=READY):
            page.get_by_role("link", name="Tiếp tục").click()
        assert page.locator("h1").first.inner_text() == "Việc cần làm"  # the to-do page (issue 11)
        # Bootstrap's script runs: the account menu opens.
        page.locator(".navbar .dropdown-toggle").last.click()
        assert page.get_by_role("link", name="Mật khẩu và xác thực hai bước").is_visible()
        # htmx runs: the people search updates the table without a page load.
        page.goto(f"{live_server.url}/ca-nhan/", wait_until=READY)
        assert page.evaluate("typeof window.htmx") == "object"
        with page.expect_response(lambda r: "/ca-nhan/?q=" in r.url):
            page.fill("input[name=q]", "Lan")
        page.wait_for_function("document.querySelector('[data-testid=result-count]').innerText.startsWith('1 ')")
        assert "Nguyễn Thị Lan" in page.locator("table").inner_text()
    assert problems == []
