import pytest

from tests.browser import chromium_page, log_in, requires_browser

pytestmark = [pytest.mark.browser, requires_browser, pytest.mark.django_db(transaction=True)]


def test_clerk_logs_in_on_a_phone_and_sees_their_unit_in_vietnamese(world, live_server):
    with chromium_page(viewport={"width": 375, "height": 740}) as page:
        log_in(page, live_server, "clerk_a1")
        assert page.locator("h1").first.inner_text() == "Việc cần làm"  # the to-do page (issue 11)
        assert "Trường Tiểu học Thử A1" in page.locator("main").inner_text()
        # The menu collapses behind the toggler on a phone; the stylesheet came from our own server.
        assert page.locator(".navbar-toggler").is_visible()
        assert page.evaluate("getComputedStyle(document.querySelector('.navbar')).display") == "flex"


def test_wrong_password_shows_the_vietnamese_error(world, live_server):
    with chromium_page() as page:
        log_in(page, live_server, "clerk_a1", password="sai-mat-khau")
        assert page.url.endswith("/dang-nhap/")
        assert (
            page.locator("form .alert")
            .first.inner_text()
            .startswith("Vui lòng điền vào Tên đăng nhập và mật khẩu chính xác.")
        )
