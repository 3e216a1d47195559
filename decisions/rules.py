"""Who may do what with award decisions (django-rules), and the actions a page may offer.

The emulation officer of the issuing unit prepares the decision, opens its public disclosure,
revokes; the head (or a leader) of the issuing unit issues it. The units concerned comment on a
disclosed list while its window is open. Templates ask ``allowed_actions``, never the state.
"""

import rules

from decisions import selectors
from decisions.enums import EDITABLE_STATES, TRANSITIONS, DecisionState

S = DecisionState


def _own(user, decision) -> bool:
    return decision is not None and user.is_authenticated and user.unit_id == decision.issuer_unit_id


@rules.predicate
def prepares(user, decision=None):
    """An emulation officer of the issuing unit (any officer's unit when no decision is given)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if decision is None:
        return bool(user.is_officer and user.unit_id)
    return bool(user.is_officer) and _own(user, decision)


@rules.predicate
def issues(user, decision):
    if decision is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return bool(user.is_unit_head or user.is_leader) and _own(user, decision)


@rules.predicate
def reads(user, decision=None):
    if decision is None:
        return selectors.works_on_decisions(user)
    return user.is_authenticated and (
        user.is_superuser or (selectors.works_on_decisions(user) and _own(user, decision))
    )


@rules.predicate
def editable(user, decision):
    return decision is not None and decision.state in EDITABLE_STATES


@rules.predicate
def issued_in_force(user, decision):
    return decision is not None and decision.state == S.ISSUED and not decision.is_revoked


@rules.predicate
def comments(user, decision):
    """An account of a unit concerned while the disclosure window is open."""
    if decision is None or not user.is_authenticated or not selectors.disclosure_open(decision):
        return False
    return user.is_superuser or selectors.user_is_concerned(user, decision)


@rules.predicate
def records_outside_results(user, dossier=None):
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if dossier is None:
        return bool(user.is_officer and user.unit_id)
    return bool(user.is_officer) and user.unit_id == dossier.receiver_id


rules.add_perm("decisions.view_decisions", reads)
rules.add_perm("decisions.view_decision", reads)
rules.add_perm("decisions.open_decision", prepares)
rules.add_perm("decisions.prepare_decision", prepares)
rules.add_perm("decisions.edit_decision", prepares & editable)
rules.add_perm("decisions.issue_decision", issues)
rules.add_perm("decisions.revoke_decision", prepares & issued_in_force)
rules.add_perm("decisions.comment_disclosure", comments)
rules.add_perm("decisions.record_outside_result", records_outside_results)


def allowed_actions(decision, user) -> set[str]:
    """What ``user`` may do to ``decision`` now: "edit", "disclose", "withdraw", "issue", "cancel",
    "revoke"."""
    actions: set[str] = set()
    if decision is None or not user.is_authenticated:
        return actions
    nexts = TRANSITIONS.get(decision.state, ())
    if prepares(user, decision):
        if decision.state in EDITABLE_STATES:
            actions.add("edit")
        if S.DISCLOSED in nexts:
            actions.add("disclose")
        if S.DRAFT in nexts:
            actions.add("withdraw")
        if S.CANCELLED in nexts:
            actions.add("cancel")
        if issued_in_force(user, decision):
            actions.add("revoke")
    if issues(user, decision) and S.ISSUED in nexts and not selectors.disclosure_open(decision):
        actions.add("issue")
    return actions
