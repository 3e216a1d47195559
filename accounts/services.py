"""Writes about logins: the second factor (TOTP authenticator and recovery codes)."""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from units.services import log_action

RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "Ứng dụng xác thực"
RECOVERY_DEVICE_NAME = "Mã dự phòng"


def new_recovery_code() -> str:
    """Ten characters a person can type: lowercase letters and digits without 0/o, 1/l."""
    alphabet = "abcdefghijkmnpqrstuvwxyz23456789"
    return "".join(secrets.choice(alphabet) for _ in range(10))


@transaction.atomic
def totp_device_start(*, user) -> TOTPDevice:
    """A fresh, unconfirmed authenticator for ``user`` (any earlier unconfirmed one is dropped)."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)


@transaction.atomic
def recovery_codes_replace(*, user, codes: list[str] | None = None) -> list[str]:
    """New recovery codes for ``user`` (the old ones stop working); each code works once."""
    codes = codes or [new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    log_action(user, "auth.recovery_codes_replaced", actor=user, unit=user.unit)
    return codes


def totp_device_confirm(*, request, device: TOTPDevice, token: str) -> list[str]:
    """Confirm the authenticator with a code it shows; the session passes the second factor.

    Returns the recovery codes, shown once. The code is checked outside the transaction so that a
    wrong code's throttling (django-otp saves it on the device) is never rolled back.
    """
    user = request.user
    device = TOTPDevice.objects.get(pk=device.pk, user=user)
    if not device.verify_token(token.strip().replace(" ", "")):
        raise ValidationError(_("The code is wrong or has expired; enter the code the app shows now."))
    return _totp_device_enable(request=request, device=device)


@transaction.atomic
def _totp_device_enable(*, request, device: TOTPDevice) -> list[str]:
    user = request.user
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    codes = recovery_codes_replace(user=user)
    log_action(user, "auth.second_factor_enabled", actor=user, unit=user.unit)
    otp_login(request, device)
    return codes


def second_factor_verify(*, request, token: str) -> None:
    """Pass the second factor with an authenticator code or a recovery code (used up).

    Not one transaction: a failure is recorded (audit log, django-otp's throttling on the devices)
    and then refused; rolling back would forget both."""
    user = request.user
    device = match_token(user, token.strip().replace(" ", "").lower())
    if device is None:
        log_action(user, "auth.second_factor_failed", actor=user, unit=user.unit)
        raise ValidationError(_("The code is wrong or has expired."))
    otp_login(request, device)
    kind = "recovery_code" if isinstance(device, StaticDevice) else "totp"
    log_action(user, "auth.second_factor_passed", actor=user, unit=user.unit, data={"with": kind})
