"""Who must pass a second factor: read from ``settings.TWO_FACTOR_REQUIRED_ROLES``.

Each entry is an account role (``units.enums.AccountRole`` value: ``"admin"``, ``"officer"``…)
or a role at a kind of unit, ``"<role>:<unit kind>"`` (``"officer:education_department"``:
the emulation officers of a Sở). Everyone else may turn the second factor on for themselves.
"""

from django.conf import settings
from django_otp import user_has_device

from units.enums import AccountRole


def second_factor_required(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    unit_kind = user.unit.kind if getattr(user, "unit_id", None) else ""
    for entry in settings.TWO_FACTOR_REQUIRED_ROLES:
        role, _sep, kind = entry.partition(":")
        if role not in AccountRole.values or not user.has_role(AccountRole(role)):
            continue
        if not kind or kind == unit_kind:
            return True
    return False


def second_factor_enabled(user) -> bool:
    """The user has a confirmed authenticator (then every login asks for it, required or not)."""
    return bool(getattr(user, "is_authenticated", False)) and user_has_device(user, confirmed=True)


def second_factor_step(user) -> str:
    """The page a freshly logged-in account must pass, or "" when the password is enough."""
    if second_factor_enabled(user):
        return "accounts:verify"
    if second_factor_required(user):
        return "accounts:setup"
    return ""
