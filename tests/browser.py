"""Playwright driving Debian's chromium (never a downloaded browser) for end-to-end tests."""

import os
import shutil
from contextlib import contextmanager

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Flags that keep headless Chromium off the network and quiet on a machine with no internet.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def browser_available() -> tuple[bool, str]:
    if not os.path.exists(CHROMIUM):
        return False, "Debian chromium is not installed (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False, "playwright is not installed"
    return True, ""


requires_browser = pytest.mark.skipif(not browser_available()[0], reason=browser_available()[1] or "browser")


@contextmanager
def chromium_page(*, viewport=None):
    from playwright.sync_api import sync_playwright

    # Playwright runs an event loop in this thread; the ORM calls the test makes around it are
    # ordinary synchronous calls, so Django's async-safety guard is relaxed for the test only.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900}, locale="vi-VN")
            yield context.new_page()
        finally:
            browser.close()
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def log_in(page, live_server, username, password="matkhau-demo-1"):
    page.goto(f"{live_server.url}/dang-nhap/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
