"""Logins: lockout per account and per address and its end; the audit trail; the second factor;
password change and reset by email (a real SMTP server on loopback); idle sessions; CSP."""

import base64
import datetime
import email
import email.policy
import io
import re
import socket
import threading

import pytest
import time_machine
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import demo as accounts_demo
from units import demo as units_demo
from units.models import AuditLog, User

pytestmark = pytest.mark.django_db
PASSWORD = "Mật-khẩu-đúng-2025"
LOGIN = "/dang-nhap/"
T0 = datetime.datetime(2026, 3, 2, 8, 0, tzinfo=datetime.UTC)
TWO_FACTOR = ["admin", "officer:education_department"]


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


@pytest.fixture
def accounts(world):
    for user in world.users.values():
        if user is not None:
            user.set_password(PASSWORD)
            user.email = f"{user.username}@truong.edu.vn"
            user.save()
    return world.users


def _post_login(client, username, password=PASSWORD, address="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def _actions(*names):
    return list(AuditLog.objects.filter(action__in=names).order_by("id").values_list("action", "data"))


# --- Throttling -----------------------------------------------------------------------


def test_an_account_is_locked_after_five_failures_and_opens_again_after_the_cool_off(accounts, client, settings):
    settings.AXES_FAILURE_LIMIT = 5
    with time_machine.travel(T0, tick=False):
        for _attempt in range(4):
            response = _post_login(client, "clerk_a1", "sai-mat-khau")
            assert response.status_code == 200 and "chính xác" in response.content.decode()
        locked = _post_login(client, "clerk_a1", "sai-mat-khau")
        assert locked.status_code == 429
        text = locked.content.decode()
        # 08:00 UTC is 15:00 in Hà Nội; locked for 15 minutes.
        assert "Hãy thử lại sau 15:15 ngày 02/03/2026 (khoảng 15 phút nữa)" in text
        # Even the right password is refused while locked.
        assert _post_login(client, "clerk_a1").status_code == 429
    with time_machine.travel(T0 + datetime.timedelta(minutes=16), tick=False):
        response = _post_login(client, "clerk_a1")
        assert (response.status_code, response["Location"]) == (302, reverse("units:home"))
    failed = _actions("auth.login_failed")
    assert len(failed) == 6 and failed[0][1] == {"username": "clerk_a1", "ip": "10.0.0.1"}
    assert [a for a, _d in _actions("auth.locked_out")] != []
    assert _actions("auth.login")[-1][0] == "auth.login"


def test_one_address_is_locked_across_accounts(accounts, client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    with time_machine.travel(T0, tick=False):
        for name in ("khong-co-1", "khong-co-2", "khong-co-3"):
            _post_login(client, name, "doan-mo", address="203.0.113.9")
        # The right password of a real account, from the same address: still refused.
        assert _post_login(client, "head_a2", address="203.0.113.9").status_code == 429
        # Another address is not concerned.
        assert _post_login(client, "head_a2", address="198.51.100.7").status_code == 302
    unknown = AuditLog.objects.filter(action="auth.login_failed", data__username="khong-co-1").get()
    assert (unknown.content_type.model, unknown.actor) == ("contenttype", None)


def test_one_account_is_locked_across_addresses(accounts, client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    with time_machine.travel(T0, tick=False):
        for address in ("10.1.0.1", "10.2.0.2", "10.3.0.3"):
            _post_login(client, "officer_pa", "sai", address=address)
        assert _post_login(client, "officer_pa", address="10.4.0.4").status_code == 429


def test_login_and_logout_are_in_the_audit_log(accounts, client):
    user = accounts["school_clerk"]
    _post_login(client, "clerk_a1")
    client.post(reverse("logout"))
    entries = list(AuditLog.objects.filter(action__startswith="auth.").order_by("id"))
    assert [(e.action, e.actor_id, e.object_id, e.unit_id) for e in entries] == [
        ("auth.login", user.pk, str(user.pk), user.unit_id),
        ("auth.logout", user.pk, str(user.pk), user.unit_id),
    ]


# --- Second factor ------------------------------------------------------------------------


def _current_code(device: TOTPDevice) -> str:
    device.refresh_from_db()
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):0{device.digits}d}"


def test_a_so_officer_must_set_up_a_second_factor_before_anything_opens(accounts, client, settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = TWO_FACTOR
    response = _post_login(client, "officer_so")
    assert response.status_code == 302
    home = client.get(reverse("units:home"))
    assert home["Location"] == f"{reverse('accounts:setup')}?next=/"
    page = client.get(home["Location"])
    text = page.content.decode()
    assert "Vai trò của bạn bắt buộc xác thực hai bước" in text and 'src="data:image/svg+xml;base64,' in text
    device = TOTPDevice.objects.get(user=accounts["so_officer"], confirmed=False)
    secret = re.search(r'data-testid="totp-secret">([A-Z2-7 ]+)<', text).group(1).replace(" ", "")
    assert base64.b32decode(secret) == device.bin_key
    with time_machine.travel(timezone.now(), tick=False) as clock:
        wrong = client.post(reverse("accounts:setup"), {"token": "000000", "next": "/"})
        assert "Mã không đúng hoặc đã hết hạn" in wrong.content.decode()
        clock.shift(datetime.timedelta(seconds=5))  # django-otp's wait after a wrong code
        done = client.post(reverse("accounts:setup"), {"token": _current_code(device), "next": "/"})
    codes = re.findall(r"<li>([a-z2-9]{10})</li>", done.content.decode())
    assert len(codes) == 10 and len(set(codes)) == 10
    assert client.get(reverse("units:home")).status_code == 200
    assert [a for a, _d in _actions("auth.second_factor_enabled")] == ["auth.second_factor_enabled"]


def test_the_next_login_asks_for_the_code_and_a_recovery_code_works_once(accounts, client, settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = TWO_FACTOR
    user = accounts["so_officer"]
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    from accounts.services import recovery_codes_replace

    [code, *_rest] = recovery_codes_replace(user=user, codes=["abcdefgh23", "zyxwvuts98"])
    _post_login(client, "officer_so")
    assert client.get(reverse("units:unit-list"))["Location"].startswith(reverse("accounts:verify"))
    with time_machine.travel(timezone.now(), tick=False) as clock:
        bad = client.post(reverse("accounts:verify"), {"token": "123456", "next": "/don-vi/"})
        assert "Mã không đúng hoặc đã hết hạn." in bad.content.decode()
        clock.shift(datetime.timedelta(seconds=5))  # django-otp's wait after a wrong code
        ok = client.post(reverse("accounts:verify"), {"token": code.upper(), "next": "/don-vi/"})
    assert ok["Location"] == "/don-vi/"
    assert client.get(reverse("units:unit-list")).status_code == 200
    assert list(StaticToken.objects.filter(device__user=user).values_list("token", flat=True)) == ["zyxwvuts98"]
    client.post(reverse("logout"))
    _post_login(client, "officer_so")
    again = client.post(reverse("accounts:verify"), {"token": code, "next": "/"})
    assert "Mã không đúng hoặc đã hết hạn." in again.content.decode()
    assert [d["with"] for _a, d in _actions("auth.second_factor_passed")] == ["recovery_code"]


def test_a_clerk_is_not_asked_but_may_turn_it_on(accounts, client, settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = TWO_FACTOR
    _post_login(client, "clerk_a1")
    assert client.get(reverse("units:home")).status_code == 200
    security = client.get(reverse("accounts:security")).content.decode()
    assert "Đang tắt. Bạn có thể bật" in security
    client.get(reverse("accounts:setup"))
    device = TOTPDevice.objects.get(user=accounts["school_clerk"])
    first = client.post(reverse("accounts:setup"), {"token": _current_code(device)})
    old_codes = re.findall(r"<li>([a-z2-9]{10})</li>", first.content.decode())
    assert "Đang bật" in client.get(reverse("accounts:security")).content.decode()
    # New recovery codes replace the old ones, which stop working.
    new_codes = re.findall(r"<li>([a-z2-9]{10})</li>", client.post(reverse("accounts:recovery-codes")).content.decode())
    assert len(new_codes) == 10 and not set(new_codes) & set(old_codes)
    stored = set(StaticToken.objects.filter(device__user=accounts["school_clerk"]).values_list("token", flat=True))
    assert stored == set(new_codes)
    client.post(reverse("logout"))
    _post_login(client, "clerk_a1")
    assert client.get(reverse("units:home"))["Location"].startswith(reverse("accounts:verify"))


def test_demo_logins_prints_how_to_pass_the_second_factor(db, settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = TWO_FACTOR
    units_demo.load()
    accounts_demo.load()
    accounts_demo.load()  # idempotent: the same devices and codes
    out = io.StringIO()
    call_command("demo_logins", url="http://127.0.0.1:18000/", stdout=out)
    lines = out.getvalue().splitlines()
    quantri = next(i for i, line in enumerate(lines) if line.startswith("quantri "))
    hint = lines[quantri + 1]
    device = TOTPDevice.objects.get(user__username="quantri")
    assert base64.b32encode(device.bin_key).decode() in hint
    token = StaticToken.objects.filter(device__user__username="quantri").order_by("pk").first().token
    assert f"recovery code {token}" in hint
    assert TOTPDevice.objects.filter(user__username="bentre.tdkt").count() == 1
    assert not TOTPDevice.objects.filter(user__username="xuanson.vanthu").exists()
    clerk = next(i for i, line in enumerate(lines) if line.startswith("xuanson.vanthu "))
    assert "second factor" not in lines[clerk + 1]
    with_qr = io.StringIO()
    call_command("demo_logins", url="http://127.0.0.1:18000/", qr=True, stdout=with_qr)
    assert "█" in with_qr.getvalue() and "█" not in out.getvalue()
    code = io.StringIO()
    call_command("totp_code", "quantri", stdout=code)
    assert code.getvalue().strip() == _current_code(device)


# --- Passwords ----------------------------------------------------------------------------


class Inbox:
    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append((tuple(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_inbox():
    inbox = Inbox()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
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


def test_password_reset_by_email_then_the_new_password_works(accounts, client, smtp_inbox):
    page = client.get(LOGIN).content.decode()
    assert f'href="{reverse("password_reset")}">Quên mật khẩu?' in page
    response = client.post(reverse("password_reset"), {"email": "clerk_a1@truong.edu.vn"})
    assert response["Location"] == reverse("password_reset_done")
    [(recipients, message)] = smtp_inbox.messages
    assert recipients == ("clerk_a1@truong.edu.vn",)
    assert message["Subject"].strip() == "Đặt mật khẩu mới cho Cổng thi đua – khen thưởng"
    text = message.get_body(("plain",)).get_content()
    assert "Có yêu cầu đặt mật khẩu mới cho tài khoản clerk_a1" in text
    link = re.search(r"http://testserver(/mat-khau/dat-lai/\S+/)", text).group(1)
    form_url = client.get(link)["Location"]  # Django moves the token into the session
    new_password = "Mới-hơn-2026!"
    done = client.post(form_url, {"new_password1": new_password, "new_password2": new_password})
    assert done["Location"] == reverse("password_reset_complete")
    # The link works once; the old password no more, the new one does.
    assert 'data-testid="invalid-link"' in client.get(link, follow=True).content.decode()
    assert _post_login(client, "clerk_a1").status_code == 200
    assert _post_login(client, "clerk_a1", new_password)["Location"] == reverse("units:home")


def test_an_unknown_address_gets_the_same_page_and_no_mail(accounts, client, smtp_inbox):
    response = client.post(reverse("password_reset"), {"email": "ai-do@example.vn"})
    assert (response["Location"], smtp_inbox.messages) == (reverse("password_reset_done"), [])


def test_password_change_keeps_the_session_and_the_new_password_works(accounts, client):
    _post_login(client, "head_a2")
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "Đổi-rồi-2026!", "new_password2": "Đổi-rồi-2026!"},
    )
    assert response["Location"] == reverse("password_change_done")
    assert "Mật khẩu của bạn đã được đổi." in client.get(reverse("password_change_done")).content.decode()
    assert User.objects.get(username="head_a2").check_password("Đổi-rồi-2026!")


# --- Sessions and headers -----------------------------------------------------------------


def test_a_session_ends_after_the_idle_time_and_each_visit_pushes_it_forward(accounts, client, settings):
    settings.SESSION_COOKIE_AGE = 30 * 60
    with time_machine.travel(T0, tick=False) as clock:
        _post_login(client, "clerk_a1")
        clock.shift(datetime.timedelta(minutes=25))
        assert client.get(reverse("units:home")).status_code == 200  # renews: 30 more minutes
        clock.shift(datetime.timedelta(minutes=25))
        assert client.get(reverse("units:home")).status_code == 200
        clock.shift(datetime.timedelta(minutes=31))
        response = client.get(reverse("units:home"))
        assert (response.status_code, response["Location"]) == (302, f"{LOGIN}?next=/")
    assert timezone.now() > T0


def test_pages_carry_a_content_security_policy_without_inline_script(accounts, client):
    response = client.get(LOGIN)
    policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert policy["script-src"] == "'self'" and policy["default-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'"
    assert "<script>" not in response.content.decode()


def test_behind_a_proxy_the_address_is_the_one_the_proxy_saw(accounts, client, settings):
    settings.PORTAL_TRUSTED_PROXIES = 1
    settings.AXES_FAILURE_LIMIT = 2
    with time_machine.travel(T0, tick=False):
        # The client forges a first entry; the proxy (REMOTE_ADDR 10.0.0.2) appends the real address.
        for forged in ("1.1.1.1", "2.2.2.2"):
            client.post(
                LOGIN,
                {"username": f"khong-co-{forged}", "password": "x"},
                REMOTE_ADDR="10.0.0.2",
                HTTP_X_FORWARDED_FOR=f"{forged}, 203.0.113.50",
            )
        blocked = client.post(
            LOGIN,
            {"username": "head_a2", "password": PASSWORD},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="9.9.9.9, 203.0.113.50",
        )
        other = client.post(
            LOGIN,
            {"username": "head_a2", "password": PASSWORD},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="203.0.113.51",
        )
    assert (blocked.status_code, other.status_code) == (429, 302)
    assert {d["ip"] for _a, d in _actions("auth.login_failed")} == {"203.0.113.50"}


def test_wrong_codes_are_recorded_and_slow_down_the_next_try(accounts, client, settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = TWO_FACTOR
    user = accounts["so_officer"]
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    with time_machine.travel(T0, tick=False) as clock:
        _post_login(client, "officer_so")
        for _attempt in range(2):
            client.post(reverse("accounts:verify"), {"token": "000000"})
        # Two failures: django-otp waits 2^(2-1) = 2 s before it checks a code again, even a right one.
        refused = client.post(reverse("accounts:verify"), {"token": _current_code(device), "next": "/"})
        assert "Mã không đúng hoặc đã hết hạn." in refused.content.decode()
        clock.shift(datetime.timedelta(seconds=5))
        accepted = client.post(reverse("accounts:verify"), {"token": _current_code(device), "next": "/"})
        assert accepted["Location"] == "/"
    assert [a for a, _d in _actions("auth.second_factor_failed")] == ["auth.second_factor_failed"] * 3
    device.refresh_from_db()
    assert device.throttling_failure_count == 0  # a success clears it
