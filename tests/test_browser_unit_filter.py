"""In a real browser: the people list's unit filter suggests units as one types (accents or not) and a
pick filters the list, under the CSP (issue 14)."""

import pytest

from tests.browser import READY, chromium_page, log_in, requires_browser

pytestmark = [pytest.mark.browser, requires_browser, pytest.mark.django_db(transaction=True)]


def test_a_phong_officer_picks_a_unit_by_typing_part_of_its_name(world, live_server):
    with chromium_page() as page:
        problems: list[str] = []
        page.on("console", lambda m: problems.append(m.text) if "Refused" in m.text else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        log_in(page, live_server, world.users["phong_officer"].username)
        page.goto(f"{live_server.url}/ca-nhan/", wait_until=READY)
        page.fill("input[name=unit_name]", "thcs thu")
        suggestion = page.get_by_test_id("suggest-unit")
        suggestion.first.wait_for()
        assert suggestion.all_inner_texts() == ["Trường THCS Thử A2 (" + world.school_a2.code + ")"]
        with page.expect_response(lambda r: "/ca-nhan/?" in r.url and f"unit={world.school_a2.pk}" in r.url):
            suggestion.first.click()
        page.wait_for_function("document.querySelector('[data-testid=result-count]').innerText.startsWith('1 ')")
        assert "Trần Văn Bình" in page.locator("table").inner_text()
        assert page.input_value("input[name=unit_name]") == "Trường THCS Thử A2"
        assert f"unit={world.school_a2.pk}" in page.url  # the filter is kept in the address
    assert problems == []
