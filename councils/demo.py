"""Demo councils: for each seed issuer whose level receives appraised dossiers (the organisers of
``dossiers.demo``), the 2025–2026 council of that unit with seven members, a closed session whose
tallies fall on both sides of the thresholds, and a session still voting on what is left (with one
more appraised nominee for Chiến sĩ thi đua cơ sở, so that members have a secret ballot to cast).

The unit's emulation officer is the secretary (runs the sessions); its head or leader chairs. Extra
member accounts are made like the other demo accounts (same password). Runs after the dossiers
demo. Idempotent: a unit that already has its 2025 council is left alone. Votes and closing go
through the services, so the results reach the nominees and the biên bản take register numbers.
"""

import datetime
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from awards.models import Award, TaskRatingRecord
from councils import selectors, services
from councils.enums import Attendance, MemberRole
from councils.models import Council
from dossiers import services as dossier_services
from dossiers.demo import DOSSIER_DATE, ISSUER_CODES, ROUND_TITLE, SENT_ON, _complete, _organiser, _senders
from dossiers.enums import AppraisalResult
from dossiers.models import AwardRound, Nominee
from units.demo import DEMO_PASSWORD
from units.models import Unit, User

logger = logging.getLogger(__name__)
SCHOOL_YEAR = 2025
SIZE = 7
CLOSED_ON = datetime.date(2026, 6, 25)
EXTRA_NAMES = ("Nguyễn Văn Hòa", "Trần Thị Mai", "Lê Minh Tuấn", "Phạm Thu Hằng", "Vũ Đức Thắng", "Hoàng Thị Yến")


def _say(stdout, message: str) -> None:
    if stdout is not None:
        stdout.write(message)


def _accounts(unit: Unit) -> list[User]:
    """Seven accounts of the unit: its own first (officer, leader, head), then demo members."""
    own = list(
        User.objects.filter(unit=unit, is_active=True)
        .filter(Q(is_officer=True) | Q(is_leader=True) | Q(is_unit_head=True))
        .order_by("-is_officer", "id")[:3]
    )
    stem = unit.code.lower().replace("sgddt-", "").replace("-", "")
    extra = []
    for i, name in enumerate(EXTRA_NAMES[: SIZE - len(own)], start=1):
        username = f"{stem}.hoidong{i}"
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(
                username=username,
                full_name=name,
                unit=unit,
                email=f"{username}@demo.thidua.edu.vn",
                is_council_member=True,
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
        extra.append(user)
    return own + extra


def _council(unit: Unit) -> Council:
    council = services.council_create(
        unit=unit, school_year=SCHOOL_YEAR, name=f"Hội đồng Thi đua – Khen thưởng {unit.name}", actor=None
    )
    accounts = _accounts(unit)
    # The officer takes the minutes; the leader or head (else the first other account) chairs.
    secretary = next((u for u in accounts if u.is_officer), accounts[0])
    chair = next((u for u in accounts if u != secretary and (u.is_leader or u.is_unit_head)), None)
    chair = chair or next(u for u in accounts if u != secretary)
    titles = {secretary.pk: "Chuyên viên phụ trách thi đua, khen thưởng", chair.pk: unit.head_title or "Thủ trưởng"}
    for user in accounts:
        role = MemberRole.SECRETARY if user == secretary else MemberRole.CHAIR if user == chair else MemberRole.MEMBER
        services.member_add(council=council, user=user, role=role, title=titles.get(user.pk, ""), actor=None)
    return council


def _closed_session(council: Council, nominees) -> None:
    """Seven members, one absent who votes in writing; results on both sides of the thresholds."""
    session = services.session_create(
        council=council,
        title="Phiên họp xét danh hiệu thi đua năm học 2025–2026",
        date=CLOSED_ON,
        place="Phòng họp số 1",
        actor=None,
    )
    services.agenda_build(session=session, actor=None, nominees=nominees)
    members = list(council.members.select_related("user").order_by("id"))
    secretary = next(m for m in members if m.role == MemberRole.SECRETARY).user
    absent = members[-1]
    services.attendance_set(session=session, statuses={absent.pk: Attendance.ABSENT}, actor=secretary)
    services.session_open(session=session, actor=secretary)
    items = list(session.items.order_by("position"))
    secret = [item for item in items if item.secret]
    shown = [item for item in items if not item.secret]
    # Secret items: six of seven agree (85,7 %, the absent member's written vote counted): approved.
    if secret:
        for i, member in enumerate(members):
            choices = {item.pk: i != 4 for item in secret}
            if member == absent:
                services.written_ballot_enter(session=session, member=member, choices=choices, actor=secretary)
            else:
                services.ballot_submit(session=session, user=member.user, choices=choices)
    # Shows of hands: the first passes with 6 of 7, the others fail with 3 of 7 (not more than half).
    for item in shown:
        agree = 6 if item == shown[0] else 3
        services.open_count_set(item=item, agree=agree, disagree=SIZE - agree, actor=secretary)
    services.session_close(session=session, actor=secretary)


def _propose(dossier, code: str, count: int) -> int:
    """Up to ``count`` people of the sender rated at least "good" in 2025 and not yet proposed in the
    round, for ``code`` (for Chiến sĩ thi đua cơ sở the proof of the initiative is kept on paper)."""
    taken = Nominee.objects.filter(dossier__round=dossier.round, person__isnull=False).values_list("person_id")
    ratings = TaskRatingRecord.objects.filter(
        person__unit=dossier.unit, person__is_active=True, school_year=2025, rating__in=("excellent", "good")
    ).exclude(person_id__in=taken)
    award = Award.objects.get(code=code)
    added = 0
    for record in ratings.select_related("person").order_by("-rating", "person__name_sort"):
        try:
            with transaction.atomic():
                dossier_services.nominee_add(
                    dossier=dossier,
                    actor=None,
                    award=award,
                    person=record.person,
                    achievement="Hoàn thành xuất sắc nhiệm vụ năm học 2025–2026; sáng kiến cấp cơ sở",
                    justification="Sáng kiến đã được Hội đồng sáng kiến cơ sở công nhận; minh chứng nộp bản giấy.",
                )
            added += 1
        except ValidationError:
            continue
        if added >= count:
            break
    return added


def _appraised(council: Council, code: str, count: int) -> None:
    """An appraised dossier with ``count`` nominees for ``code`` sent to the council's unit (the
    officer found the paper proofs and qualified every nominee)."""
    unit = council.unit
    award_round = AwardRound.objects.filter(organiser=unit, title=ROUND_TITLE).first()
    officer = unit.accounts.filter(is_officer=True).first()
    if award_round is None:
        return
    for sender in _senders(unit, None):
        try:
            with transaction.atomic():
                dossier = dossier_services.dossier_create(
                    award_round=award_round, unit=sender, actor=None, dated=DOSSIER_DATE
                )
                if not _propose(dossier, code, count):
                    raise ValidationError("nobody to propose")
                _complete(dossier)
                dossier_services.dossier_send(dossier=dossier, actor=None, today=SENT_ON)
                dossier_services.dossier_receive(dossier=dossier, actor=officer)
                dossier_services.appraisal_start(dossier=dossier, actor=officer)
                for nominee in dossier.nominees.all():
                    dossier_services.nominee_appraise(nominee=nominee, actor=officer, result=AppraisalResult.QUALIFIED)
                dossier_services.dossier_appraise(dossier=dossier, actor=officer)
            return
        except (ValidationError, PermissionDenied) as exc:
            logger.info("Demo dossier of %s for the council skipped: %s", sender, exc)


def _voting_session(council: Council) -> None:
    session = services.session_create(
        council=council, title="Phiên họp xét bổ sung", date=timezone.localdate(), place="Phòng họp số 2", actor=None
    )
    services.agenda_build(session=session, actor=None)
    services.session_open(session=session, actor=None)


def load(*, stdout=None) -> dict:
    """A council per receiving organiser of the demo rounds; returns {unit code: sessions made}."""
    made = {}
    for code in ISSUER_CODES:
        made.update(_load_issuer(code, stdout=stdout))
    return made


def load_province(province: Unit, *, stdout=None) -> dict:
    """The council of the generated province's first Phòng (where ``dossiers.demo`` sends its round)."""
    return _load_issuer(f"{province.code}-P001", stdout=stdout)


def _load_issuer(code: str, *, stdout=None) -> dict:
    issuer = Unit.objects.filter(code=code).first()
    if issuer is None:
        return {}
    unit = _organiser(issuer)
    if Council.objects.filter(unit=unit, school_year=SCHOOL_YEAR).exists():
        return {}
    try:
        with transaction.atomic():
            council = _council(unit)
            pending = list(selectors.pending_nominees(council))
            if len(pending) < 2:
                _appraised(council, "LDTT", 2 - len(pending))
                pending = list(selectors.pending_nominees(council))
            if not pending:
                raise ValidationError("no appraised nominee")
            # Two Chiến sĩ thi đua cơ sở nominees: one voted in the closed session, one left to vote.
            for _ in range(2):
                _appraised(council, "CSTDCS", 1)
            pending = list(selectors.pending_nominees(council))
            shown = [n for n in pending if not n.award.secret_ballot][:2]
            shown += [n for n in pending if n.award.secret_ballot][:1]
            _closed_session(council, shown)
            sessions = 1
            if selectors.pending_nominees(council).exists():
                _voting_session(council)
                sessions = 2
    except ValidationError as exc:
        logger.info("Demo council of %s skipped: %s", unit, exc)
        return {}
    logins = ", ".join(council.members.values_list("user__username", flat=True))
    _say(stdout, f"Hội đồng TĐKT mẫu: {unit.name}: {sessions} phiên họp; thành viên: {logins}")
    return {unit.code: sessions}
