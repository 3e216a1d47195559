"""Permission predicates of award dossiers (django-rules) and the actions a page may offer.

The clerk and the head of the proposing unit prepare a dossier; only the head (or an
account the head delegated to) sends it. The emulation officers of the receiving unit
receive, return, appraise, forward or refuse it. Leaders read only. Templates never
compare states: they ask ``allowed_actions``.
"""

import rules

from dossiers import selectors
from dossiers.enums import EDITABLE_STATES, TRANSITIONS, DossierState
from units.enums import AccountRole

S = DossierState


def _is(user, role) -> bool:
    return user.is_authenticated and user.has_role(role)


@rules.predicate
def prepares(user, dossier):
    """Clerk or head of the proposing unit."""
    if dossier is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return user.unit_id == dossier.unit_id and (_is(user, AccountRole.CLERK) or _is(user, AccountRole.HEAD))


@rules.predicate
def sends(user, dossier):
    if dossier is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if user.unit_id != dossier.unit_id:
        return False
    return _is(user, AccountRole.HEAD) or selectors.can_delegate_send(user, dossier.unit)


@rules.predicate
def appraises(user, dossier):
    if dossier is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return _is(user, AccountRole.OFFICER) and user.unit_id == dossier.receiver_id


@rules.predicate
def opens_dossiers(user, award_round=None):
    """A clerk or head of a unit below the round's organiser (or of the organiser itself)."""
    if not user.is_authenticated or user.unit_id is None:
        return user.is_authenticated and user.is_superuser
    if not (_is(user, AccountRole.CLERK) or _is(user, AccountRole.HEAD) or user.is_superuser):
        return False
    return award_round is None or user.unit.path.startswith(award_round.organiser.path)


@rules.predicate
def has_queue(user):
    return user.is_authenticated and (user.is_superuser or (_is(user, AccountRole.OFFICER) and user.unit_id))


@rules.predicate
def editable(user, dossier):
    return dossier is not None and dossier.state in EDITABLE_STATES


rules.add_perm("dossiers.view_rounds", rules.is_authenticated)
rules.add_perm("dossiers.open_dossier", opens_dossiers)
rules.add_perm("dossiers.prepare_dossier", prepares)
rules.add_perm("dossiers.edit_dossier", prepares & editable)
rules.add_perm("dossiers.send_dossier", sends)
rules.add_perm("dossiers.appraise_dossier", appraises)
rules.add_perm("dossiers.view_queue", has_queue)
rules.add_perm("dossiers.open_round", has_queue)
rules.add_perm("dossiers.manage_clock", has_queue)

# Action name → (target state, predicate). ``send`` covers the first sending and the resending.
ACTIONS = {
    "receive": (S.RECEIVED, appraises),
    "start_appraisal": (S.UNDER_APPRAISAL, appraises),
    "return": (S.RETURNED, appraises),
    "appraise": (S.APPRAISED, appraises),
    "forward": (S.FORWARDED, appraises),
    "refuse": (S.REFUSED, appraises),
}


def allowed_actions(dossier, user) -> set[str]:
    """What ``user`` may do to ``dossier`` now: "edit", "send", "resend", "mark" and the ACTIONS keys."""
    actions: set[str] = set()
    if dossier is None or not user.is_authenticated:
        return actions
    nexts = TRANSITIONS.get(dossier.state, set())
    if dossier.state in EDITABLE_STATES and prepares(user, dossier):
        actions.add("edit")
    if sends(user, dossier):
        if dossier.state == S.DRAFT:
            actions.add("send")
        elif dossier.state == S.RETURNED:
            actions.add("resend")
    if appraises(user, dossier):
        for name, (target, _predicate) in ACTIONS.items():
            if target in nexts:
                actions.add(name)
        if dossier.state == S.UNDER_APPRAISAL:
            actions.add("mark")
    return actions
