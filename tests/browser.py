"""Playwright driving Debian's chromium (never a downloaded browser) for end-to-end tests."""

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connections

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
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
# Screenshots of the key screens go here (outside the repository), to be looked at by a person.
SHOTS_DIR = Path(os.environ.get("E2E_SHOTS_DIR", "/tmp/e2e-shots"))


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
def chromium():
    """One headless browser; open a context per user with ``new_page``."""
    from playwright.sync_api import sync_playwright

    # Playwright runs an event loop in this thread; the ORM calls the test makes around it are
    # ordinary synchronous calls, so Django's async-safety guard is relaxed for the test only.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                yield browser
            finally:
                browser.close()
                # ORM calls made while Playwright's loop runs get their own connection (Django keys
                # connections by context there); close it, or PostgreSQL cannot drop the test database.
                connections.close_all()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def new_page(browser, *, viewport=None):
    """A fresh context (its own cookies: one user) with one page; timeouts short enough to fail fast."""
    context = browser.new_context(viewport=viewport or DESKTOP, locale="vi-VN", accept_downloads=True)
    context.set_default_timeout(10_000)
    return context.new_page()


@contextmanager
def chromium_page(*, viewport=None):
    with chromium() as browser:
        yield new_page(browser, viewport=viewport)


# Pages count as loaded once their DOM, stylesheets and (deferred) scripts are in: waiting for
# the icon font as well ("load") or for half a second of quiet ("networkidle") only costs time.
READY = "domcontentloaded"


def log_in(page, live_server, username, password="matkhau-demo-1"):
    page.goto(f"{live_server.url}/dang-nhap/", wait_until=READY)
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation(wait_until=READY):
        page.click("button[type=submit]")


def go(page, target) -> None:
    """Click a link or a button that loads another page, and wait for that page."""
    with page.expect_navigation(wait_until=READY):
        target.click()


def shoot(page, name: str, *, full_page: bool = True) -> Path:
    """Save a screenshot of the page as it is now under ``SHOTS_DIR``."""
    SHOTS_DIR.mkdir(parents=True, exist_ok=True)
    path = SHOTS_DIR / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
