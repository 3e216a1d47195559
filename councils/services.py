"""Every write of the councils and every guard.

Keyword-only, transactional, refused with Vietnamese messages (English msgids), logged.
``transition`` is the one function that writes ``Session.state``. A ballot writes a receipt
(who voted, not how) and increments the agenda items' counters in the same transaction; no
log, notice or row ever holds a member's choice.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from common.text import clean
from common.uploads import JPEG, PDF, PNG, sniff_deliverable
from councils import law, selectors
from councils.enums import TRANSITIONS, Attendance, FileKind, ItemResult, MemberRole, SessionState
from councils.models import (
    AgendaItem,
    BallotReceipt,
    Council,
    CouncilMember,
    Session,
    SessionAct,
    SessionAttendance,
    SessionFile,
    SessionTransition,
)
from dossiers.enums import CouncilResult
from dossiers.services import nominee_council_result_set
from units.models import Unit, User
from units.services import log_action, register_take

S = SessionState
SCAN_TYPES = (PDF, PNG, JPEG)


def _actor(actor):
    return actor if actor is not None and actor.is_authenticated else None


# --------------------------------------------------------------------------- councils and members


@transaction.atomic
def council_create(
    *, unit: Unit, school_year: int, name: str, actor: User | None, quorum_percent: int | None = None
) -> Council:
    if Council.objects.filter(unit=unit, school_year=school_year).exists():
        raise ValidationError({"school_year": _("This unit already has a council for that school year.")})
    council = Council(
        unit=unit, school_year=school_year, name=clean(name), quorum_percent=quorum_percent, created_by=_actor(actor)
    )
    _check_quorum(quorum_percent)
    council.full_clean()
    council.save()
    log_action(council, "councils.created", actor=actor, unit=unit, data={"name": council.name})
    return council


def _check_quorum(percent: int | None) -> None:
    if percent is not None and not 50 < percent <= 100:
        raise ValidationError(
            {"quorum_percent": _("The quorum is a share of members above 50 and at most 100 per cent.")}
        )


@transaction.atomic
def council_update(*, council: Council, name: str, quorum_percent: int | None, actor: User | None) -> Council:
    _check_quorum(quorum_percent)
    council.name, council.quorum_percent = clean(name), quorum_percent
    council.full_clean()
    council.save(update_fields=["name", "quorum_percent"])
    log_action(council, "councils.updated", actor=actor, unit=council.unit)
    return council


@transaction.atomic
def member_add(*, council: Council, user: User, role: str, actor: User | None, title: str = "") -> CouncilMember:
    """Seat an account of the unit (or of a unit below it) on the council."""
    if not user.is_active or user.unit_id is None or not user.unit.path.startswith(council.unit.path):
        raise ValidationError(
            {"user": _("Only an active account of this unit or of a unit under it can sit on its council.")}
        )
    if not (user.is_council_member or user.is_unit_head or user.is_leader or user.is_officer):
        # The role is what shows the councils menu and the ballot to the account.
        raise ValidationError(
            {
                "user": _("Give %(name)s the council-member role on the Accounts page first.")
                % {"name": user.full_name or user.username}
            }
        )
    if council.members.filter(user=user).exists():
        raise ValidationError(
            {"user": _("%(name)s already sits on this council.") % {"name": user.full_name or user.username}}
        )
    if role == MemberRole.CHAIR and council.members.filter(role=MemberRole.CHAIR).exists():
        raise ValidationError({"role": _("The council already has a chair.")})
    if council.sessions.filter(state=S.OPEN).exists():
        raise ValidationError(_("The council is voting: its members change after the session closes."))
    member = CouncilMember(council=council, user=user, role=MemberRole(role), title=clean(title))
    member.full_clean()
    member.save()
    SessionAttendance.objects.bulk_create(
        [SessionAttendance(session=s, member=member) for s in council.sessions.filter(state=S.DRAFT)]
    )
    log_action(council, "councils.member_added", actor=actor, unit=council.unit, data={"name": member.name})
    return member


@transaction.atomic
def member_remove(*, member: CouncilMember, actor: User | None) -> None:
    council = member.council
    if council.sessions.filter(state=S.OPEN).exists():
        raise ValidationError(_("The council is voting: its members change after the session closes."))
    if member.attendances.exclude(session__state=S.DRAFT).exists():
        raise ValidationError(
            _("%(name)s sat in a session that was held; the seat stays on its record.") % {"name": member.name}
        )
    name = member.name
    member.attendances.all().delete()
    member.delete()
    log_action(council, "councils.member_removed", actor=actor, unit=council.unit, data={"name": name})


def composition_problems(council: Council, members: list[CouncilMember]) -> list[str]:
    """Why this council cannot vote yet (empty: it can)."""
    problems = []
    if sum(1 for m in members if m.role == MemberRole.CHAIR) != 1:
        problems.append(_("The council needs exactly one chair."))
    if not any(m.role == MemberRole.SECRETARY for m in members):
        problems.append(_("The council needs at least one secretary."))
    if law.is_school(council.unit) and len(members) % 2 == 0:
        problems.append(
            _("A school council has an odd number of members (%(citation)s); this one has %(count)s.")
            % {"citation": law.ODD_SIZE_CITATION, "count": len(members)}
        )
    return problems


# --------------------------------------------------------------------------- sessions


@transaction.atomic
def session_create(*, council: Council, title: str, date, place: str, actor: User | None) -> Session:
    session = Session(council=council, title=clean(title), date=date, place=clean(place), created_by=_actor(actor))
    session.full_clean()
    session.save()
    SessionAttendance.objects.bulk_create([SessionAttendance(session=session, member=m) for m in council.members.all()])
    log_action(session, "councils.session_created", actor=actor, unit=council.unit, data={"title": session.title})
    return session


def _locked(session: Session) -> Session:
    return Session.objects.select_for_update(of=("self",)).select_related("council__unit").get(pk=session.pk)


@transaction.atomic
def agenda_build(*, session: Session, actor: User | None, nominees=None) -> int:
    """Put every qualified nominee sent to this unit, appraised and still without a result, on the agenda
    (or only those of ``nominees`` among them).

    Each item copies its rule now (secret or open, threshold over all members, citation), so a
    later change of the catalogue does not change a session under way. Returns how many were added.
    """
    session = _locked(session)
    if session.state != S.DRAFT:
        raise ValidationError(_("The agenda is set before the session opens."))
    position = session.items.count()
    added = 0
    pending = selectors.pending_nominees(session.council)
    if nominees is not None:
        pending = pending.filter(pk__in=[n.pk for n in nominees])
    for nominee in pending:
        threshold, citation = law.threshold_of(nominee.award)
        position += 1
        AgendaItem.objects.create(
            session=session,
            nominee=nominee,
            award=nominee.award,
            position=position,
            secret=nominee.award.secret_ballot,
            threshold=threshold,
            citation=citation,
        )
        added += 1
    if not added:
        raise ValidationError(_("No appraised nominee is waiting for this council."))
    log_action(session, "councils.agenda_built", actor=actor, unit=session.council.unit, data={"count": added})
    return added


@transaction.atomic
def attendance_set(*, session: Session, statuses: dict[int, str], actor: User | None) -> None:
    """Record who is present ({member id: status}); a ballot already cast fixes its member's attendance."""
    session = _locked(session)
    _require_secretary(session, actor)
    if session.state == S.CLOSED:
        raise ValidationError(_("A closed session cannot be changed; record a correction instead."))
    receipts = dict(session.receipts.values_list("member_id", "written"))
    for row in session.attendances.select_related("member__user"):
        status = statuses.get(row.member_id, row.status)
        if row.member_id in receipts:
            written = receipts[row.member_id]
            if written and status == Attendance.PRESENT:
                raise ValidationError(_("%(name)s voted in writing as an absent member.") % {"name": row.member.name})
            if not written and status == Attendance.ABSENT:
                raise ValidationError(_("%(name)s has voted in the session.") % {"name": row.member.name})
        if status != row.status:
            row.status = Attendance(status)
            row.save(update_fields=["status"])
    log_action(session, "councils.attendance_set", actor=actor, unit=session.council.unit)


def transition(*, session: Session, to: str, actor: User | None, reason: str = "") -> SessionTransition:
    """The one function that changes a session's state: checks the table, saves, logs who, when, why."""
    current = session.state
    if to not in TRANSITIONS.get(current, ()):
        raise ValidationError(
            _("A session that is “%(from)s” cannot become “%(to)s”.")
            % {"from": SessionState(current).label, "to": SessionState(to).label}
        )
    now = timezone.now()
    session.state = to
    fields = ["state"]
    stamp = {S.OPEN: "opened_at", S.CLOSED: "closed_at"}.get(to)
    if stamp:
        setattr(session, stamp, now)
        fields.append(stamp)
    session.save(update_fields=fields)
    record = SessionTransition.objects.create(
        session=session, from_state=current, to_state=to, actor=_actor(actor), reason=clean(reason), created_at=now
    )
    log_action(
        session,
        "councils.state_changed",
        actor=actor,
        reason=reason,
        unit=session.council.unit,
        data={"from": current, "to": to},
    )
    return record


def _quorum_check(session: Session, percent: int) -> None:
    members = session.attendances.count()
    present = session.attendances.filter(status=Attendance.PRESENT).count()
    if not law.quorum_met(present=present, members=members, percent=percent):
        raise ValidationError(
            _("Below quorum: %(present)s of %(members)s members are present; the rule is %(percent)s%% (%(citation)s).")
            % {
                "present": present,
                "members": members,
                "percent": percent,
                "citation": law.default_quorum(session.council.unit)[1],
            }
        )


@transaction.atomic
def session_open(*, session: Session, actor: User | None) -> Session:
    """Open the vote: the council is well formed, the agenda set and enough members present."""
    session = _locked(session)
    if session.state != S.DRAFT:
        raise ValidationError(_("Only a session being prepared can be opened."))
    members = list(session.council.members.all())
    problems = composition_problems(session.council, members)
    if problems:
        raise ValidationError(problems)
    if not session.items.exists():
        raise ValidationError(_("The agenda is empty."))
    percent, _citation = law.quorum_of(session.council)
    _quorum_check(session, percent)
    session.quorum_percent = percent
    session.save(update_fields=["quorum_percent"])
    transition(session=session, to=S.OPEN, actor=actor)
    return session


# --------------------------------------------------------------------------- voting


def _require_secretary(session: Session, actor: User | None) -> None:
    if actor is None or actor.is_superuser:
        return
    if not session.council.members.filter(user=actor, role=MemberRole.SECRETARY).exists():
        raise PermissionDenied


def _cast(*, session: Session, member: CouncilMember, choices: dict[int, bool], written: bool, actor) -> BallotReceipt:
    """The ballot of one member: a receipt, then each secret item's counter incremented with F().

    The member's row is locked first, so two submissions of the same member queue and the
    second finds the receipt; the unique constraint is the last guard.
    """
    session = _locked(session)
    if session.state != S.OPEN:
        raise ValidationError(
            _("The vote is not open: the session is “%(state)s”.") % {"state": session.get_state_display()}
        )
    CouncilMember.objects.select_for_update().filter(pk=member.pk).first()
    if BallotReceipt.objects.filter(session=session, member=member).exists():
        raise ValidationError(_("%(name)s has already voted in this session.") % {"name": member.name})
    items = list(session.items.filter(secret=True).values_list("pk", flat=True))
    if not items:
        raise ValidationError(_("This session has no secret ballot."))
    if set(choices) != set(items) or any(not isinstance(v, bool) for v in choices.values()):
        raise ValidationError(_("Mark agree or disagree for every nominee on the ballot."))
    try:
        with transaction.atomic():
            receipt = BallotReceipt.objects.create(session=session, member=member, written=written)
    except IntegrityError as exc:
        raise ValidationError(_("%(name)s has already voted in this session.") % {"name": member.name}) from exc
    for pk, agree in choices.items():
        field = "agree" if agree else "disagree"
        AgendaItem.objects.filter(pk=pk).update(**{field: F(field) + 1})
    # Who voted and whether in writing; never what.
    log_action(session, "councils.ballot_cast", actor=actor, unit=session.council.unit, data={"written": written})
    return receipt


@transaction.atomic
def ballot_submit(*, session: Session, user: User, choices: dict[int, bool]) -> BallotReceipt:
    """A member's own ballot, from the phone."""
    member = selectors.seat_of(user, session.council)
    if member is None:
        raise ValidationError(_("Only the members of this council vote in its sessions."))
    attendance = session.attendances.filter(member=member).first()
    if attendance is not None and attendance.status == Attendance.ABSENT:
        raise ValidationError(_("You are recorded as absent: the secretary enters your written vote."))
    return _cast(session=session, member=member, choices=choices, written=False, actor=user)


@transaction.atomic
def written_ballot_enter(
    *, session: Session, member: CouncilMember, choices: dict[int, bool], actor: User | None
) -> BallotReceipt:
    """An absent member's written vote, entered by the secretary and marked written."""
    _require_secretary(session, actor)
    if member.council_id != session.council_id:
        raise ValidationError(_("Only the members of this council vote in its sessions."))
    attendance = session.attendances.filter(member=member).first()
    if attendance is None or attendance.status != Attendance.ABSENT:
        raise ValidationError(_("A written vote is for a member recorded as absent."))
    return _cast(session=session, member=member, choices=choices, written=True, actor=actor)


@transaction.atomic
def open_count_set(*, item: AgendaItem, agree: int, disagree: int, actor: User | None) -> AgendaItem:
    """The show of hands on an award without secret ballot, counted by the secretary."""
    session = _locked(item.session)
    _require_secretary(session, actor)
    if session.state != S.OPEN:
        raise ValidationError(
            _("The vote is not open: the session is “%(state)s”.") % {"state": session.get_state_display()}
        )
    item = AgendaItem.objects.select_for_update().get(pk=item.pk)
    if item.secret:
        raise ValidationError(_("This nominee is voted by secret ballot: the counts come from the ballots."))
    members = session.attendances.count()
    if agree < 0 or disagree < 0 or agree + disagree > members:
        raise ValidationError(
            _("Agree and disagree together cannot exceed the %(members)s members of the council.")
            % {"members": members}
        )
    item.agree, item.disagree, item.counted = agree, disagree, True
    item.save(update_fields=["agree", "disagree", "counted"])
    log_action(
        session,
        "councils.open_count",
        actor=actor,
        unit=session.council.unit,
        data={"name": item.nominee.name, "agree": agree, "disagree": disagree},
    )
    return item


@transaction.atomic
def session_close(*, session: Session, actor: User | None, close_ballots: bool = False, reason: str = "") -> Session:
    """Close the session: quorum, ballots and counts complete; judge each item over all members,
    write each nominee's council result, number both biên bản in the unit's register."""
    session = _locked(session)
    _require_secretary(session, actor)
    if session.state != S.OPEN:
        raise ValidationError(_("Only a session that is voting can be closed."))
    _quorum_check(session, session.quorum_percent or law.quorum_of(session.council)[0])
    items = list(session.items.select_related("nominee", "award"))
    if any(i.secret for i in items):
        voted = set(session.receipts.values_list("member_id", flat=True))
        missing = [
            a.member.name
            for a in session.attendances.select_related("member__user")
            if a.status == Attendance.PRESENT and a.member_id not in voted
        ]
        if missing and not close_ballots:
            raise ValidationError(
                _("Ballots still missing from: %(names)s. Wait for them or close the ballot box explicitly.")
                % {"names": ", ".join(missing)}
            )
        if missing and not clean(reason):
            raise ValidationError(_("Say why the ballot box is closed before every present member voted."))
        session.ballots_closed_early = bool(missing)
    uncounted = [i.nominee.name for i in items if not i.secret and not i.counted]
    if uncounted:
        raise ValidationError(_("Record the show of hands for: %(names)s.") % {"names": ", ".join(uncounted)})
    members = session.attendances.count()
    for item in items:
        ok = law.approved(agree=item.agree, members=members, threshold=item.threshold)
        item.result = ItemResult.APPROVED if ok else ItemResult.NOT_APPROVED
        item.save(update_fields=["result"])
        nominee_council_result_set(
            nominee=item.nominee,
            result=CouncilResult.APPROVED if ok else CouncilResult.NOT_APPROVED,
            actor=actor,
        )
    unit = session.council.unit
    symbol = f"BB-{(unit.short_name or unit.code).replace(' ', '')}"
    session.minutes_entry = register_take(
        unit=unit, symbol=symbol, actor=actor, summary=f"Biên bản họp xét thi đua, khen thưởng: {session.title}"
    )
    if any(i.secret for i in items):
        session.count_entry = register_take(
            unit=unit, symbol=symbol, actor=actor, summary=f"Biên bản kiểm phiếu: {session.title}"
        )
    session.save(update_fields=["minutes_entry", "count_entry", "ballots_closed_early"])
    transition(session=session, to=S.CLOSED, actor=actor, reason=reason)
    return session


# --------------------------------------------------------------------------- after the session


@transaction.atomic
def act_record(*, session: Session, text: str, reason: str, actor: User | None) -> SessionAct:
    """A correction of a closed session, recorded as a new act beside the unchanged record."""
    session = _locked(session)
    if session.state != S.CLOSED:
        raise ValidationError(
            _("A correction is recorded on a closed session; before that, change the session itself.")
        )
    if not clean(text) or not clean(reason):
        raise ValidationError(_("Say what is corrected and why."))
    act = SessionAct.objects.create(
        session=session, text=clean(text), reason=clean(reason), actor=_actor(actor), created_at=timezone.now()
    )
    log_action(session, "councils.act_recorded", actor=actor, reason=act.reason, unit=session.council.unit)
    return act


@transaction.atomic
def file_upload(*, session: Session, kind: str, upload, actor: User | None) -> SessionFile:
    """The signed scan of a biên bản, judged by its bytes (PDF, PNG or JPEG)."""
    session = _locked(session)
    if session.state != S.CLOSED:
        raise ValidationError(_("The signed biên bản is uploaded after the session closes."))
    content_type = sniff_deliverable(upload)
    if content_type not in SCAN_TYPES:
        raise ValidationError(_("Upload the signed scan as PDF, PNG or JPEG."))
    record = SessionFile(
        session=session,
        kind=FileKind(kind),
        name=upload.name,
        content_type=content_type,
        uploaded_by=_actor(actor),
    )
    record.file.save(upload.name, upload, save=False)
    record.save()
    log_action(session, "councils.file_uploaded", actor=actor, unit=session.council.unit, data={"name": record.name})
    return record
