"""Issue 9 in a real browser: a school clerk builds a dossier from the suggestions on a phone, the
head sends it, the Phòng returns it, the clerk amends and the head resends, the Phòng appraises it.

Dated around the real today (a frozen clock would expire the browser's session cookie).
"""

import datetime

import pytest
from django.utils import timezone

from awards import services as award_services
from common.dates import school_year_of
from dossiers import services
from dossiers.enums import DossierState, RoundKind
from dossiers.models import Dossier
from dossiers.tests.factories import award, pdf_upload
from tests.browser import PHONE, READY, chromium, go, log_in, new_page, requires_browser, shoot
from units.tests.factories import PersonFactory, UserFactory

pytestmark = [pytest.mark.browser, requires_browser, pytest.mark.django_db(transaction=True)]


def _menu(page, group: str, entry: str) -> None:
    toggler = page.locator(".navbar-toggler")
    if toggler.is_visible():
        toggler.click()
        page.locator("#mainnav").wait_for(state="visible")
    page.locator("#mainnav").get_by_role("button", name=group).click()
    go(page, page.locator("#mainnav").get_by_role("link", name=entry, exact=True))


def test_dossier_from_suggestions_to_appraisal_in_the_browser(world, live_server, tmp_path):
    today = timezone.localdate()
    year = school_year_of(today - datetime.timedelta(days=120))
    teachers = [PersonFactory(unit=world.school_a1, full_name=name) for name in ("Phạm Thị Hoa", "Đỗ Văn Minh")]
    for person in teachers:
        award_services.task_rating_set(person=person, unit=person.unit, school_year=year, rating="good", actor=None)
    services.round_create(
        organiser=world.phong_a,
        kind=RoundKind.SCHOOL_YEAR,
        title=f"Danh hiệu thi đua năm học {year}–{year + 1}",
        school_year=year,
        opens_on=today - datetime.timedelta(days=3),
        deadline=today + datetime.timedelta(days=30),
        awards=[award("LDTT")],
        actor=None,
    )
    UserFactory(username="head_a1", unit=world.school_a1, is_unit_head=True)
    report = tmp_path / "bao-cao-da-ky.pdf"
    report.write_bytes(pdf_upload().read())

    with chromium() as browser:
        clerk = new_page(browser, viewport=PHONE)
        log_in(clerk, live_server, "clerk_a1")
        _menu(clerk, "Xét khen thưởng", "Đợt khen thưởng")
        go(clerk, clerk.get_by_role("link", name=f"Danh hiệu thi đua năm học {year}–{year + 1}"))
        go(clerk, clerk.get_by_role("button", name="Lập hồ sơ cho đơn vị"))
        # Confirm, not type: both teachers are ticked by the engine.
        assert clerk.locator("input[name=pick]:checked").count() == 2
        shoot(clerk, "dossier-suggestions-phone")
        go(clerk, clerk.get_by_role("button", name="Xác nhận các trường hợp đã chọn"))
        dossier = Dossier.objects.get(unit=world.school_a1)
        assert clerk.locator(".nominee").count() == 2
        go(clerk, clerk.get_by_role("link", name="Biên bản và kết quả bỏ phiếu"))
        clerk.fill("input[name=meeting_date]", (today - datetime.timedelta(days=1)).strftime("%d/%m/%Y"))
        clerk.press("input[name=meeting_date]", "Tab")  # typed as dd/mm/yyyy, then left: the picker closes
        clerk.fill("input[name=members]", "7")
        clerk.fill("input[name=present]", "7")
        clerk.fill("input[name=secretary]", "Phạm Thị Thu Hà")
        clerk.fill("input[name=chair]", "Nguyễn Thị Tuyết Mai")
        for field in clerk.locator("input[type=number][name^=for_], input[type=number][name^=total_]").all():
            field.fill("7")
        go(clerk, clerk.get_by_role("button", name="Lưu"))
        for nominee in dossier.nominees.all():
            clerk.goto(f"{live_server.url}/ho-so/{dossier.pk}/tai-len/?nominee={nominee.pk}", wait_until=READY)
            clerk.set_input_files("input[name=file]", str(report))
            go(clerk, clerk.get_by_role("button", name="Lưu"))
        assert clerk.get_by_role("button", name="Gửi hồ sơ").count() == 0  # the clerk prepares, the head sends
        shoot(clerk, "dossier-detail-phone")

        head = new_page(browser, viewport=PHONE)
        log_in(head, live_server, "head_a1")
        head.goto(f"{live_server.url}/ho-so/{dossier.pk}/", wait_until=READY)
        go(head, head.get_by_role("button", name="Gửi hồ sơ"))
        assert head.locator("#state").inner_text() == "Đã gửi"

        officer = new_page(browser)
        log_in(officer, live_server, "officer_pa")
        _menu(officer, "Xét khen thưởng", "Hồ sơ chờ thẩm định")
        go(officer, officer.locator("#queue").get_by_role("link", name="Trường Tiểu học Thử A1"))
        go(officer, officer.get_by_role("button", name="Tiếp nhận"))
        go(officer, officer.get_by_role("link", name="Trả lại để bổ sung"))
        officer.fill("textarea[name=reason]", "Bổ sung số liệu thành tích")
        go(officer, officer.get_by_role("button", name="Trả lại"))
        assert officer.locator("#state").inner_text() == "Trả lại để bổ sung"

        clerk.goto(f"{live_server.url}/ho-so/{dossier.pk}/", wait_until=READY)
        assert "Bổ sung số liệu thành tích" in clerk.locator("#transitions").inner_text()
        go(clerk, clerk.get_by_role("link", name="Sửa, minh chứng").first)
        clerk.fill("input[name=achievement]", "Hoàn thành tốt nhiệm vụ; 98% học sinh lên lớp")
        go(clerk, clerk.get_by_role("button", name="Lưu").first)

        head.goto(f"{live_server.url}/ho-so/{dossier.pk}/", wait_until=READY)
        go(head, head.get_by_role("button", name="Gửi lại"))
        assert head.locator("#state").inner_text() == "Đã gửi lại"

        officer.goto(f"{live_server.url}/ho-so/{dossier.pk}/", wait_until=READY)
        assert "98% học sinh lên lớp" in officer.locator("#diff").inner_text()
        shoot(officer, "dossier-resent-diff")
        go(officer, officer.get_by_role("button", name="Bắt đầu thẩm định"))
        for index in range(2):
            go(officer, officer.get_by_role("button", name="Ghi kết quả").nth(index))
        shoot(officer, "dossier-appraisal")
        go(officer, officer.get_by_role("button", name="Hoàn thành thẩm định"))

    dossier.refresh_from_db()
    assert dossier.state == DossierState.APPRAISED
    assert sorted(dossier.nominees.values_list("appraisal", flat=True)) == ["qualified", "qualified"]
