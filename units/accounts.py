"""Accounts: create, deactivate, invite (every write to ``User`` outside Django's own login).

An officer gives clerk and head accounts in their subtree; a system administrator gives any
role anywhere (``units.rules``). A new account has no password: it gets an email invitation
with a link carrying Django's password-reset token (``default_token_generator``), which stops
working once the password is set. Mail leaves only after the transaction commits.
"""

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _

from common.emails import send_email
from common.text import clean, fold
from units import rules
from units.enums import AccountRole
from units.models import Person, Unit, User
from units.services import log_action

INVITATION_EMAIL = "account_invitation"


def grantable_roles(actor: User, unit: Unit | None) -> list[AccountRole]:
    """The roles ``actor`` may give to an account of ``unit``."""
    return rules.grantable_roles(actor, unit)


def _check_grant(*, actor: User, unit: Unit, roles: Iterable[str]) -> list[AccountRole]:
    roles = [AccountRole(role) for role in roles]
    if not roles:
        raise ValidationError({"roles": _("Choose at least one role.")})
    allowed = grantable_roles(actor, unit)
    if not allowed:
        raise ValidationError({"unit": _("You may not create accounts for %(unit)s.") % {"unit": unit.name}})
    refused = [str(role.label) for role in roles if role not in allowed]
    if refused:
        raise ValidationError({"roles": _("You may not give these roles: %(roles)s.") % {"roles": ", ".join(refused)}})
    return roles


def username_for(full_name: str) -> str:
    """A free username from a Vietnamese name: "Nguyễn Thị Lan" → "lan.nt" (then "lan.nt2", …)."""
    words = [w for w in fold(full_name).replace("-", " ").split() if w.isalnum()]
    initials = "".join(w[0] for w in words[:-1])
    base = (words[-1] + (f".{initials}" if initials else "")) if words else "taikhoan"
    taken = set(User.objects.filter(username__startswith=base).values_list("username", flat=True))
    if base not in taken:
        return base
    n = 2
    while f"{base}{n}" in taken:
        n += 1
    return f"{base}{n}"


@transaction.atomic
def account_create(
    *,
    actor: User,
    unit: Unit,
    full_name: str,
    email: str,
    roles: Iterable[str],
    username: str = "",
    person: Person | None = None,
) -> User:
    """A new active account without a password; the invitation is mailed after commit."""
    roles = _check_grant(actor=actor, unit=unit, roles=roles)
    full_name, email = clean(full_name), clean(email).lower()
    username = clean(username).lower() or username_for(full_name)
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("The username %(name)s is taken.") % {"name": username}})
    if not email:
        raise ValidationError({"email": _("An email address is needed to send the invitation.")})
    if User.objects.filter(email__iexact=email, is_active=True).exists():
        raise ValidationError({"email": _("An active account already uses this email address.")})
    if person is not None and (person.unit_id != unit.pk or User.objects.filter(person=person).exists()):
        raise ValidationError({"person": _("This person already has an account or works in another unit.")})
    user = User(username=username, full_name=full_name, email=email, unit=unit, person=person, is_active=True)
    for role in roles:
        setattr(user, User.ROLE_FIELDS[role], True)
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    log_action(
        user, "account.created", actor=actor, unit=unit, data={"username": username, "roles": [r.value for r in roles]}
    )
    transaction.on_commit(lambda: account_send_invitation(user=user))
    return user


@transaction.atomic
def accounts_create_for_people(
    *, actor: User, people: Iterable[Person], roles: Iterable[str]
) -> tuple[list[User], list[tuple[Person, str]]]:
    """One account per person (generated username, the person's email), each invited.

    Returns (created accounts, [(person, why not)]): a person without email or with an
    account already is skipped with the reason, the others are created.
    """
    created, skipped = [], []
    for person in people:
        try:
            with transaction.atomic():
                created.append(
                    account_create(
                        actor=actor,
                        unit=person.unit,
                        full_name=person.full_name,
                        email=person.email,
                        roles=roles,
                        person=person,
                    )
                )
        except ValidationError as exc:
            skipped.append((person, " ".join(exc.messages)))
    return created, skipped


@transaction.atomic
def account_deactivate(*, actor: User, account: User, reason: str = "") -> User:
    if account.pk == actor.pk:
        raise ValidationError(_("You cannot deactivate your own account."))
    if not rules.manages_account(actor, account):
        raise ValidationError(_("You may not deactivate this account."))
    User.objects.filter(pk=account.pk).update(is_active=False)
    account.is_active = False
    log_action(account, "account.deactivated", actor=actor, unit=account.unit, reason=clean(reason))
    return account


@transaction.atomic
def account_update(*, actor: User, account: User, full_name: str, email: str, roles: Iterable[str]) -> User:
    """Change an account's name, email and roles (exactly the roles chosen, all grantable by ``actor``)."""
    if account.pk == actor.pk:
        raise ValidationError(_("Ask another administrator or officer to change your own roles."))
    if not rules.manages_account(actor, account):
        raise ValidationError(_("You may not change this account."))
    roles = _check_grant(actor=actor, unit=account.unit, roles=roles)
    full_name, email = clean(full_name), clean(email).lower()
    if not full_name:
        raise ValidationError({"full_name": _("Enter the full name.")})
    if not email:
        raise ValidationError({"email": _("An email address is needed to send the invitation.")})
    if User.objects.filter(email__iexact=email, is_active=True).exclude(pk=account.pk).exists():
        raise ValidationError({"email": _("An active account already uses this email address.")})
    before = sorted(r.value for r in account.roles)
    account.full_name, account.email = full_name, email
    for role, field in User.ROLE_FIELDS.items():
        if role != AccountRole.ADMIN:
            setattr(account, field, role in roles)
    account.save(update_fields=["full_name", "email", *(f for r, f in User.ROLE_FIELDS.items() if r != "admin")])
    log_action(
        account,
        "account.updated",
        actor=actor,
        unit=account.unit,
        data={"roles_before": before, "roles": sorted(r.value for r in roles)},
    )
    return account


@transaction.atomic
def account_reactivate(*, actor: User, account: User) -> User:
    """Let a deactivated account log in again; one that never set a password gets a new invitation."""
    if account.is_active:
        raise ValidationError(_("This account is already active."))
    if not rules.manages_account(actor, account):
        raise ValidationError(_("You may not change this account."))
    if account.email and User.objects.filter(email__iexact=account.email, is_active=True).exists():
        raise ValidationError(_("An active account already uses this email address."))
    User.objects.filter(pk=account.pk).update(is_active=True)
    account.is_active = True
    log_action(account, "account.reactivated", actor=actor, unit=account.unit)
    if not account.has_usable_password() and account.email:
        transaction.on_commit(lambda: account_send_invitation(user=account))
    return account


def invitation_path(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("units:account-activate", args=[uid, default_token_generator.make_token(user)])


def account_send_invitation(*, user: User, connection=None) -> int:
    """Mail the set-password link; a token made now stops working once a password is set."""
    url = settings.PORTAL_BASE_URL.rstrip("/") + invitation_path(user)
    context = {"account": user, "unit": user.unit, "url": url, "username": user.username}
    return send_email(name=INVITATION_EMAIL, to=[user.email], context=context, connection=connection)


def invited_account(uidb64: str, token: str) -> User | None:
    """The account a link names, if the link still holds (unused, not expired, account active)."""
    try:
        user = User.objects.get(pk=int(force_str(urlsafe_base64_decode(uidb64))), is_active=True)
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        return None
    return user if default_token_generator.check_token(user, token) else None


@transaction.atomic
def account_set_password(*, account: User, password: str) -> User:
    """The invited person chose a password (already validated by ``SetPasswordForm``)."""
    account.set_password(password)
    account.save(update_fields=["password"])
    log_action(account, "account.password_set", actor=account, unit=account.unit)
    return account
