"""Every login, logout, failed login and lockout goes to the audit log (``units.services.log_action``).

The entry is about the account (its content type and id). A failed login for a name that is no
account is recorded about the accounts table itself (the user model's content type, see
``_subject``) with the name that was tried, so that guessing is visible too.
"""

import time

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.contrib.contenttypes.models import ContentType
from django.dispatch import receiver

from accounts.ip import client_ip
from accounts.middleware import SESSION_RENEWED_KEY, SESSION_SECOND_FACTOR_KEY
from accounts.policy import second_factor_step
from units.services import log_action


def _address(request) -> str:
    return client_ip(request)


def _subject(username: str):
    """The account called ``username``, or the accounts table's content type when there is none."""
    User = get_user_model()
    user = User.objects.filter(**{User.USERNAME_FIELD: username}).first() if username else None
    return user if user is not None else ContentType.objects.get_for_model(User)


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_SECOND_FACTOR_KEY] = second_factor_step(user)
        request.session[SESSION_RENEWED_KEY] = int(time.time())
    log_action(user, "auth.login", actor=user, unit=user.unit, data={"ip": _address(request)})


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        log_action(user, "auth.logout", actor=user, unit=user.unit, data={"ip": _address(request)})


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:150]
    subject = _subject(username)
    log_action(
        subject,
        "auth.login_failed",
        actor=None,
        unit=getattr(subject, "unit", None),
        data={"username": username, "ip": _address(request)},
    )


@receiver(user_locked_out)
def _locked_out(sender, request, username, ip_address, **kwargs):
    subject = _subject(username or "")
    log_action(
        subject,
        "auth.locked_out",
        actor=None,
        unit=getattr(subject, "unit", None),
        data={"username": username or "", "ip": ip_address or ""},
    )
