"""Issue 10 in a real browser: the Sở officer prints a whole decision in the background; the page
polls the job with htmx and shows the progress bar, then the download link, without a reload.
Then anyone (not logged in) types the certificate's code on the public page."""

import pytest

from certificates import services
from certificates.models import Certificate, PrintJob
from certificates.tests.factories import many_people, so_decision
from tests.browser import chromium, go, log_in, new_page, requires_browser

pytestmark = [pytest.mark.browser, requires_browser, pytest.mark.django_db(transaction=True)]


def test_print_job_progress_then_download_then_public_verification(world, live_server):
    decision, _records = so_decision(world.so, many_people(world.school_a1, 3))

    with chromium() as browser:
        page = new_page(browser)
        log_in(page, live_server, "officer_so")
        page.goto(f"{live_server.url}/giay-khen/quyet-dinh/{decision.pk}/")
        go(page, page.get_by_role("button", name="In (chạy nền)"))
        job = PrintJob.objects.get(decision=decision)
        card = page.locator(f"#job-{job.pk}")
        assert card.get_by_test_id("progress").inner_text() == "0/3"
        assert card.locator("progress").get_attribute("value") == "0"

        services.print_job_run(job_id=job.pk)  # what the worker does; the open page polls every 2 s

        page.locator(f"#job-{job.pk} [data-testid=download]").wait_for(timeout=15000)
        assert page.locator(f"#job-{job.pk}").get_by_test_id("progress").inner_text() == "3/3"
        with page.expect_download() as download:
            page.locator(f"#job-{job.pk} [data-testid=download]").click()
        assert download.value.path().read_bytes()[:5] == b"%PDF-"

        code = Certificate.objects.filter(record__decision=decision).first().grouped_code
        public = new_page(browser)
        public.goto(f"{live_server.url}/xac-minh/")
        public.get_by_label("Nhập mã in cạnh mã QR").fill(code.lower())
        go(public, public.get_by_role("button", name="Xác minh"))
        assert "đang có hiệu lực" in public.locator("#certificate").inner_text()
