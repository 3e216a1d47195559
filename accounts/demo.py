"""Demo second factors: every demo account whose role requires one gets an authenticator and
recovery codes, so that the demo stays easy to try. ``manage.py demo_logins`` prints, beside each
of those accounts, the authenticator key (to type into an app) and an unused recovery code.

Idempotent: an account that has its devices keeps them (and its unused recovery codes).
"""

import base64

from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import services
from accounts.policy import second_factor_required
from units.demo import DEMO_USERNAMES
from units.models import User


def _say(stdout, text):
    if stdout is not None:
        stdout.write(text)


def load(*, stdout=None) -> None:
    made = 0
    for user in User.objects.filter(username__in=DEMO_USERNAMES).select_related("unit"):
        if not second_factor_required(user):
            continue
        if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            TOTPDevice.objects.create(user=user, name=services.TOTP_DEVICE_NAME, confirmed=True)
            made += 1
        if not StaticToken.objects.filter(device__user=user).exists():
            services.recovery_codes_replace(user=user)
    _say(stdout, f"Demo second factors: {made} created.")


def second_factor_hint(user) -> dict | None:
    """{"secret": base32 key, "recovery_code": an unused code} for a demo account with devices."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        return None
    token = StaticToken.objects.filter(device__in=StaticDevice.objects.filter(user=user)).order_by("pk").first()
    return {
        "secret": base64.b32encode(device.bin_key).decode(),
        "recovery_code": token.token if token else "",
        "url": device.config_url,
    }


def load_province(province, *, stdout=None) -> None:
    """Authenticators for the generated province's accounts whose role requires one (the Sở's
    officer): ``manage.py totp_code`` and the benchmark read the code from the device."""
    from units.demo import province_prefix

    made = 0
    users = User.objects.filter(
        username__startswith=f"{province_prefix(province)}.", unit__depth__lte=province.depth + 1
    )
    for user in users.select_related("unit"):
        if second_factor_required(user) and not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            TOTPDevice.objects.create(user=user, name=services.TOTP_DEVICE_NAME, confirmed=True)
            made += 1
    _say(stdout, f"Province second factors: {made} created.")
