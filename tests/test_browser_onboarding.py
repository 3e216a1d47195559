"""A new Sở is set up in the portal's own screens: a system administrator creates it and its officer;
the officer's invitation arrives at a real SMTP server on loopback; the officer chooses a password,
logs in, sets up the second factor its role requires, and enters its first plan by pasting the
plan's outline. No visit to the stock admin."""

import base64
import re
import time

import pytest
from aiosmtpd.controller import Controller
from django.test import override_settings
from django_otp.oath import totp

from campaigns.models import Campaign
from tests.browser import READY, chromium, go, log_in, new_page, requires_browser, shoot
from units.models import Unit, User
from units.tests.factories import UserFactory
from units.tests.test_notifications import Inbox, _free_port

pytestmark = [pytest.mark.browser, requires_browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def smtp_inbox():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=controller.port,
        EMAIL_USE_TLS=False,
        EMAIL_USE_SSL=False,
        EMAIL_HOST_USER="",
        EMAIL_HOST_PASSWORD="",
    ):
        yield inbox
    controller.stop()


OUTLINE = """I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
a) Động viên cán bộ, giáo viên thi đua đổi mới sáng tạo;
2. Yêu cầu
II. NỘI DUNG THI ĐUA
1. Đối với tập thể
- Hoàn thành xuất sắc nhiệm vụ năm học;
2. Đối với cá nhân"""


def _code_from(secret_text: str) -> str:
    """The code an authenticator app shows for the key printed on the set-up page."""
    key = base64.b32decode(secret_text.replace(" ", ""))
    return f"{totp(key, step=30, t0=0, digits=6, drift=0):06d}"


def test_admin_sets_up_a_new_so_and_its_officer_who_accepts_the_invitation(live_server, smtp_inbox, settings):
    settings.PORTAL_BASE_URL = live_server.url
    # As in production, a Sở officer needs a second factor (the test settings otherwise need none).
    settings.TWO_FACTOR_REQUIRED_ROLES = ["officer:education_department"]
    UserFactory(username="quantri", is_superuser=True, is_staff=True)
    with chromium() as browser:
        admin = new_page(browser)
        log_in(admin, live_server, "quantri")
        admin.goto(f"{live_server.url}/don-vi/", wait_until=READY)
        go(admin, admin.get_by_role("link", name="Thêm đơn vị cấp cao nhất"))
        admin.select_option("select[name=kind]", "education_department")
        admin.fill("input[name=name]", "Sở Giáo dục và Đào tạo tỉnh Đắk Lắk")
        admin.fill("input[name=short_name]", "SGDĐT")
        admin.fill("input[name=code]", "SGDDT-DAKLAK")
        go(admin, admin.get_by_role("button", name="Tạo"))
        assert admin.locator("h1").first.inner_text() == "Sở Giáo dục và Đào tạo tỉnh Đắk Lắk"

        admin.goto(f"{live_server.url}/tai-khoan/them/", wait_until=READY)
        admin.fill("#id_unit_query", "dak lak")
        admin.locator("[data-testid=pick-unit]").first.click()
        assert (
            admin.locator("[data-testid=chosen-unit]").inner_text()
            == "Sở Giáo dục và Đào tạo tỉnh Đắk Lắk (SGDDT-DAKLAK)"
        )
        admin.fill("input[name=full_name]", "Nguyễn Văn Hưng")
        admin.fill("input[name=email]", "hung@daklak.example.vn")
        admin.check("input[name=roles][value=officer]")
        go(admin, admin.get_by_role("button", name="Tạo và gửi thư mời"))
        assert "Đã tạo tài khoản hung.nv" in admin.locator(".alert-success").inner_text()

        received = smtp_inbox.wait_for(1)
        assert [rcpts for rcpts, _m in received] == [("hung@daklak.example.vn",)]
        message = received[0][1]
        assert message["Subject"].strip() == (
            "Tài khoản của anh/chị trên cổng thi đua, khen thưởng (Sở Giáo dục và Đào tạo tỉnh Đắk Lắk)"
        )
        link = re.search(r"http://\S+/kich-hoat-tai-khoan/\S+/", message.get_body(("plain",)).get_content()).group(0)

        officer = new_page(browser)
        officer.goto(link, wait_until=READY)
        officer.fill("input[name=new_password1]", "Buon-Ma-Thuot-2026")
        officer.fill("input[name=new_password2]", "Buon-Ma-Thuot-2026")
        go(officer, officer.get_by_role("button", name="Lưu mật khẩu"))
        assert officer.url.endswith("/dang-nhap/")
        log_in(officer, live_server, "hung.nv", password="Buon-Ma-Thuot-2026")
        # The role requires a second factor: the officer scans the key and types the app's code.
        assert "/tai-khoan/" in officer.url and officer.get_by_test_id("totp-secret").is_visible()
        if time.time() % 30 > 27:  # not on the edge of a 30-second step
            time.sleep(4)
        officer.fill("input[name=token]", _code_from(officer.get_by_test_id("totp-secret").inner_text()))
        go(officer, officer.get_by_role("button", name="Xác nhận"))
        assert len(officer.get_by_test_id("recovery-codes").locator("li").all()) >= 5
        go(officer, officer.get_by_role("link", name="Tiếp tục"))
        assert "Sở Giáo dục và Đào tạo tỉnh Đắk Lắk" in officer.locator("main").inner_text()

        # Its first plan: the heading fields, then the content pasted as the outline it was written in.
        officer.goto(f"{live_server.url}/phong-trao/tao-moi/", wait_until=READY)
        officer.fill("[name=title]", "Phong trào thi đua “Đổi mới, sáng tạo trong dạy và học” năm học 2026–2027")
        officer.fill("[name=governing_body]", "UBND TỈNH ĐẮK LẮK")
        for name, value in (("starts_on", "01/09/2026"), ("ends_on", "31/05/2027")):
            officer.fill(f"[name={name}]", value)
            officer.press(f"[name={name}]", "Escape")
        go(officer, officer.get_by_role("button", name="Lưu"))
        go(officer, officer.get_by_test_id("criteria-outline-link"))
        officer.fill("textarea[name=text]", OUTLINE)
        go(officer, officer.get_by_role("button", name="Xem trước"))
        assert len(officer.get_by_test_id("outline-item").all()) == 8
        go(officer, officer.get_by_test_id("save-outline"))
        shoot(officer, "12-new-so-first-plan")
    account = User.objects.get(username="hung.nv")
    assert (account.unit, account.is_officer) == (Unit.objects.get(code="SGDDT-DAKLAK"), True)
    plan = Campaign.objects.get(issuer__code="SGDDT-DAKLAK")
    tree = list(plan.criteria.order_by("order").values_list("number", "parent__number"))
    assert tree == [
        ("I", None),
        ("1", "I"),
        ("a)", "1"),
        ("2", "I"),
        ("II", None),
        ("1", "II"),
        ("-", "1"),
        ("2", "II"),
    ]
