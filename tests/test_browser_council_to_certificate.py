"""Issue 10's "done when", in a real browser: the council of the level that received the dossiers
holds its session and its three members vote on their phones; the secretary closes it and the
biên bản prints; the officer drafts the decision and the head issues it; the nominee's history
shows the award; the certificate's QR code opens the public verification page, without a login.

Dated around the real today (a frozen clock would expire the browser's session cookie).
"""

import subprocess

import pytest
from django.utils import timezone

from awards.models import AwardRecord
from certificates.tests.factories import qr_texts
from councils import services as council_services
from councils.tests.factories import council_of, members_of, nominees_for
from decisions.tests.factories import phong_head
from tests.browser import DESKTOP, PHONE, READY, chromium, go, log_in, new_page, requires_browser, shoot

pytestmark = [pytest.mark.browser, requires_browser, pytest.mark.django_db(transaction=True)]


def _text(pdf: bytes) -> str:
    out = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True, timeout=60)
    return " ".join(out.stdout.decode().split())


def test_the_council_votes_on_phones_the_head_issues_and_the_certificate_verifies(world, live_server, settings):
    settings.PORTAL_BASE_URL = live_server.url
    council = council_of(world, size=3)
    dossier = nominees_for(world)  # Nguyễn Thị Lan of Trường Tiểu học Thử A1, proposed as CSTĐCS
    session = council_services.session_create(
        council=council, title="Phiên họp xét danh hiệu", date=timezone.localdate(), place="Phòng họp 1", actor=None
    )
    council_services.agenda_build(session=session, actor=None)
    council_services.session_open(session=session, actor=None)
    members = members_of(council)
    phong_head(world)

    with chromium() as browser:
        # Each member votes on their own phone: the secret ballot, one submit.
        for member in members:
            phone = new_page(browser, viewport=PHONE)
            log_in(phone, live_server, member.user.username)
            phone.goto(f"{live_server.url}/hoi-dong/", wait_until=READY)
            go(phone, phone.locator("#open-sessions").get_by_role("link", name="Phiên họp xét danh hiệu"))
            go(phone, phone.locator("#vote"))
            phone.get_by_text("Đồng ý", exact=True).click()
            go(phone, phone.get_by_role("button", name="Gửi phiếu bầu"))
            assert "Phiếu bầu của bạn đã được ghi nhận" in phone.content()
            phone.context.close()

        # The secretary closes the session on a phone and prints both minutes.
        secretary = new_page(browser, viewport=PHONE)
        log_in(secretary, live_server, members[1].user.username)
        secretary.goto(f"{live_server.url}/hoi-dong/phien-hop/{session.pk}/", wait_until=READY)
        go(secretary, secretary.get_by_role("link", name="Kết thúc phiên họp"))
        go(secretary, secretary.get_by_role("button", name="Lưu"))
        assert secretary.locator("[data-testid=agree]").inner_text().strip() == "3/3"
        shoot(secretary, "10-council-closed")
        minutes = secretary.request.get(
            f"{live_server.url}/hoi-dong/phien-hop/{session.pk}/van-ban/bien-ban-hop.pdf"
        ).body()
        secretary.context.close()

        # The officer drafts the decision from what the council approved; the head issues it.
        officer = new_page(browser, viewport=DESKTOP)
        log_in(officer, live_server, "officer_pa")
        officer.goto(f"{live_server.url}/quyet-dinh/lap-moi/", wait_until=READY)
        assert officer.locator("input[name=nominees]:checked").count() == 1
        go(officer, officer.get_by_role("button", name="Lập dự thảo"))
        decision_url = officer.url
        head = new_page(browser, viewport=DESKTOP)
        log_in(head, live_server, "head_pa")
        head.goto(decision_url, wait_until=READY)
        go(head, head.get_by_role("link", name="Ban hành quyết định"))
        head.fill("input[name=signer_name]", "Lê Văn Trưởng")
        go(head, head.get_by_role("button", name="Ban hành", exact=True))
        # One register per unit and year: the two biên bản took 01 and 02, the decision takes 03.
        assert "Quyết định 03/QĐ-PGDĐTA" in head.locator("h1").inner_text()
        shoot(head, "10-decision-issued")

        # The nominee's history shows the award; the certificate prints with its QR code.
        officer.goto(f"{live_server.url}/khen-thuong/ca-nhan/{world.person_a1.pk}/", wait_until=READY)
        history = officer.locator("main").inner_text()
        officer.goto(decision_url, wait_until=READY)
        go(officer, officer.get_by_test_id("certificates-link"))
        link = officer.get_by_role("link", name="Giấy khen (PDF)").first
        certificate = officer.request.get(f"{live_server.url}{link.get_attribute('href')}").body()
        shoot(officer, "10-certificates")

        # Anyone with a phone scans it: the verification page opens without a login.
        [scanned] = qr_texts(certificate)
        public = new_page(browser, viewport=PHONE)
        public.goto(scanned, wait_until=READY)
        verification = public.locator("main").inner_text()
        shoot(public, "10-verification")

    record = AwardRecord.objects.get(person=world.person_a1, decision__number="03/QĐ-PGDĐTA")
    assert record.award.code == "CSTDCS"
    assert "Chiến sĩ thi đua cơ sở" in history and "03/QĐ-PGDĐTA" in history
    minutes_text = _text(minutes)
    assert "BIÊN BẢN" in minutes_text and "Nguyễn Thị Lan" in minutes_text
    certificate_text = _text(certificate)
    assert "CHIẾN SĨ THI ĐUA CƠ SỞ" in certificate_text and "Nguyễn Thị Lan" in certificate_text
    assert scanned.startswith(f"{live_server.url}/xac-minh/")
    assert "Nguyễn Thị Lan" in verification and "03/QĐ-PGDĐTA" in verification
    dossier.refresh_from_db()
    assert dossier.state == "closed"
