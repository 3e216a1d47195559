"""Who may do what with councils and their sessions (django-rules).

The officers and heads of a unit set up its council and prepare its sessions; leaders read.
Members vote. The secretary runs the session: attendance, written votes of absentees, the
show of hands, closing. Templates ask these rules what to offer; they never compare states.
"""

import rules

from councils import selectors
from councils.enums import SessionState

S = SessionState


def _council(obj):
    return getattr(obj, "council", obj)


@rules.predicate
def creates_councils(user):
    return user.is_authenticated and (user.is_superuser or (user.unit_id and (user.is_officer or user.is_unit_head)))


@rules.predicate
def manages(user, obj):
    """Officer or head of the council's unit (obj: a council or a session)."""
    if obj is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return user.unit_id == _council(obj).unit_id and (user.is_officer or user.is_unit_head)


@rules.predicate
def sits(user, obj):
    return obj is not None and selectors.seat_of(user, _council(obj)) is not None


@rules.predicate
def secretary(user, obj):
    if obj is None or not user.is_authenticated:
        return False
    return user.is_superuser or selectors.is_secretary(user, _council(obj))


@rules.predicate
def draft(user, session):
    return session is not None and session.state == S.DRAFT


@rules.predicate
def voting(user, session):
    return session is not None and session.state == S.OPEN


@rules.predicate
def closed(user, session):
    return session is not None and session.state == S.CLOSED


@rules.predicate
def has_secret_items(user, session):
    return session is not None and any(item.secret for item in session.items.all())


@rules.predicate
def not_voted(user, session):
    seat = selectors.seat_of(user, session.council) if session is not None else None
    return seat is not None and not session.receipts.filter(member=seat).exists()


rules.add_perm("councils.view_councils", rules.is_authenticated)
rules.add_perm("councils.add_council", creates_councils)
rules.add_perm("councils.manage_council", manages)
rules.add_perm("councils.prepare_session", manages & draft)
rules.add_perm("councils.open_session", (manages | secretary) & draft)
rules.add_perm("councils.close_session", secretary & voting)
rules.add_perm("councils.vote", sits & voting & has_secret_items & not_voted)
rules.add_perm("councils.set_attendance", secretary & ~closed)
rules.add_perm("councils.enter_votes", secretary & voting)
rules.add_perm("councils.record_act", (manages | secretary) & closed)

# The permission for each target state of the session machine (``common.status``).
TARGET_PERMISSIONS = {S.OPEN: "councils.open_session", S.CLOSED: "councils.close_session"}


def permission_for(target: str) -> str:
    return TARGET_PERMISSIONS[target]


@rules.predicate
def has_council(user):
    return selectors.has_council(user)


rules.add_perm("councils.menu", has_council)
# For the menu ({% test_rule %}): the predicate alone, without the model backend's permission queries.
rules.add_rule("councils.may_see_menu", has_council)
