"""Demo award rounds and dossiers: for each seed issuer, the 2025–2026 school-year round with
dossiers in every state (draft, sent, received, under appraisal, returned with comments, resent,
appraised), nominees eligible and not (with a justification), verdicts frozen at sending.

Trường THCS Xuân Sơn's dossier goes to the unit that manages it in the tree (Phòng GD&ĐT thị xã
Đông Triều). Runs after the units and the award history demo. Idempotent: an organiser that
already has the demo round is left alone. Everything goes through the services.
"""

import datetime
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from awards.models import Award
from dossiers import selectors, services
from dossiers.enums import AppraisalResult, ComponentKind, DossierState, RoundKind
from dossiers.models import AwardRound, Holiday, LegalClock, RoundExtension
from units.enums import SCHOOL_KINDS
from units.models import Person, Unit

logger = logging.getLogger(__name__)
D = datetime.date
ISSUER_CODES = ("THCS-XUANSON", "SGDDT-BENTRE", "SGDDT-HUNGYEN", "UBND-BANGMAC", "SGDDT-LANGSON")
ROUND_TITLE = "Danh hiệu thi đua năm học 2025–2026"
ROUND_CODES = ("LDTT", "CSTDCS", "TTLDTT", "TTLDXS")
STATES = ("sent", "draft", "returned", "resent", "appraised", "under_appraisal", "received")
DOSSIER_DATE = D(2026, 6, 2)
SENT_ON = D(2026, 6, 5)
# Vietnamese public holidays 2026 (Tết Bính Ngọ 14–22/02; Giỗ Tổ 26/4 → 27/4; 30/4–1/5; Quốc khánh 1–2/9).
HOLIDAYS_2026 = [
    (D(2026, 1, 1), "Tết Dương lịch"),
    *[(D(2026, 2, day), "Tết Nguyên đán") for day in range(16, 21)],
    (D(2026, 4, 27), "Giỗ Tổ Hùng Vương (nghỉ bù)"),
    (D(2026, 4, 30), "Ngày Giải phóng miền Nam"),
    (D(2026, 5, 1), "Quốc tế Lao động"),
    (D(2026, 9, 1), "Quốc khánh"),
    (D(2026, 9, 2), "Quốc khánh"),
]
PDF = b"%PDF-1.4\n% demo: bao cao thanh tich da ky\n%%EOF\n"


def _say(stdout, message: str) -> None:
    if stdout is not None:
        stdout.write(message)


def _parent(unit: Unit) -> Unit | None:
    return selectors.receiver_for(unit)


def _organiser(issuer: Unit) -> Unit:
    """A school's round is organised by the unit that manages it; any other issuer organises its own."""
    if issuer.kind in SCHOOL_KINDS:
        return _parent(issuer) or issuer
    return issuer


def _senders(organiser: Unit, first: Unit | None) -> list[Unit]:
    children = list(
        Unit.objects.filter(path__startswith=organiser.path, depth=organiser.depth + 1, people__is_active=True)
        .distinct()
        .order_by("name_sort")
    )
    if first is not None and first in children:
        children.remove(first)
        children.insert(0, first)
    return children[: len(STATES)]


def _complete(dossier) -> None:
    nominees = list(dossier.nominees.all())
    services.minutes_set(
        dossier=dossier,
        actor=None,
        meeting_date=dossier.dated - datetime.timedelta(days=3),
        members=9,
        present=9,
        chair=dossier.unit.head_name or "Chủ tịch Hội đồng",
        secretary="Thư ký Hội đồng",
        votes={n.pk: (8, 9) for n in nominees},
    )
    for nominee in nominees:
        services.document_upload(
            dossier=dossier,
            actor=None,
            kind=ComponentKind.REPORT,
            upload=SimpleUploadedFile(f"bao-cao-{nominee.pk}.pdf", PDF, content_type="application/pdf"),
            nominee=nominee,
        )


def _nominate(dossier, *, limit: int = 3) -> int:
    """Eligible people from the suggestions, one not-eligible person kept with a justification."""
    added = 0
    suggestions = selectors.dossier_suggestions(dossier)
    for suggestion in suggestions["eligible"][:limit]:
        candidate = suggestion.candidate
        code = suggestion.judgement.award_code
        kind = "unit" if candidate.is_collective else "person"
        try:
            with transaction.atomic():
                services.nominees_confirm(
                    dossier=dossier,
                    actor=None,
                    picks=[(kind, candidate.id, code)],
                    achievement="Hoàn thành tốt nhiệm vụ năm học 2025–2026",
                )
            added += 1
        except ValidationError:
            continue
    taken = set(dossier.nominees.values_list("person_id", flat=True))
    ldtt = Award.objects.get(code="LDTT")
    for person in Person.objects.filter(unit=dossier.unit, is_active=True).exclude(pk__in=taken).order_by("name_sort"):
        try:
            with transaction.atomic():
                nominee = services.nominee_add(
                    dossier=dossier,
                    actor=None,
                    award=ldtt,
                    person=person,
                    achievement="Hoàn thành nhiệm vụ năm học 2025–2026",
                    justification="Có thời gian nghỉ ốm dài ngày; đơn vị đề nghị xem xét thành tích cả năm.",
                )
                if nominee.verdict == "eligible":
                    raise _Eligible  # only a case the engine finds not eligible is kept here
        except (ValidationError, _Eligible):
            continue
        return added + 1
    return added


class _Eligible(Exception):
    """Rolls back a trial nomination that turned out eligible."""


def _drive(dossier, state: str, officer) -> None:
    """Take a complete draft to ``state`` through the services."""
    if state == "draft":
        return
    services.dossier_send(dossier=dossier, actor=None, today=SENT_ON)
    if state == "sent":
        return
    services.dossier_receive(dossier=dossier, actor=officer)
    if state == "received":
        return
    if state in ("returned", "resent"):
        first = dossier.nominees.order_by("position").first()
        services.dossier_return(
            dossier=dossier,
            actor=officer,
            reason="Đề nghị bổ sung số liệu thành tích và chữ ký trong biên bản.",
            comments=[
                (first, ComponentKind.REPORT, "Báo cáo thành tích cần nêu rõ số liệu, tỷ lệ học sinh lên lớp."),
                (None, ComponentKind.MINUTES, "Biên bản thiếu chữ ký của thư ký Hội đồng."),
            ],
        )
        if state == "returned":
            return
        services.nominee_update(
            nominee=first,
            actor=None,
            achievement="Hoàn thành tốt nhiệm vụ năm học 2025–2026; 98% học sinh lớp chủ nhiệm lên lớp",
            justification=first.justification,
        )
        services.dossier_send(dossier=dossier, actor=None, today=SENT_ON)
        return
    services.appraisal_start(dossier=dossier, actor=officer)
    if state == "under_appraisal":
        return
    for nominee in dossier.nominees.all():
        if nominee.verdict == "eligible":
            services.nominee_appraise(nominee=nominee, actor=officer, result=AppraisalResult.QUALIFIED)
        else:
            services.nominee_appraise(
                nominee=nominee,
                actor=officer,
                result=AppraisalResult.NOT_QUALIFIED,
                reasons="Không đạt tiêu chuẩn Lao động tiên tiến (Luật Thi đua, khen thưởng Điều 24 khoản 1).",
            )
    services.dossier_appraise(dossier=dossier, actor=officer)


def _calendar() -> None:
    if not Holiday.objects.filter(scope__isnull=True).exists():
        Holiday.objects.bulk_create(Holiday(date=day, name=name) for day, name in HOLIDAYS_2026)
    LegalClock.objects.get_or_create(scope=None, defaults={"return_days": 5, "appraisal_days": 20})


def load(*, stdout=None) -> dict:
    """Rounds and dossiers for every seed issuer found; returns {issuer code: dossiers made}."""
    _calendar()
    made = {}
    awards = list(Award.objects.filter(code__in=ROUND_CODES))
    for code in ISSUER_CODES:
        count = _load_issuer(code, awards, stdout=stdout)
        if count is not None:
            made[code] = count
    return made


def load_province(province: Unit, *, stdout=None) -> dict:
    """The same round, in every dossier state, at the generated province's first Phòng (its schools send)."""
    _calendar()
    code = f"{province.code}-P001"
    count = _load_issuer(code, list(Award.objects.filter(code__in=ROUND_CODES)), stdout=stdout)
    return {} if count is None else {code: count}


def _load_issuer(code: str, awards: list[Award], *, stdout=None) -> int | None:
    """The round of the unit with ``code`` (its manager's for a school) with a dossier in each state;
    None when the unit is missing or its round exists."""
    issuer = Unit.objects.filter(code=code).first()
    if issuer is None:
        return None
    organiser = _organiser(issuer)
    if AwardRound.objects.filter(organiser=organiser, title=ROUND_TITLE).exists():
        return None
    officer = organiser.accounts.filter(is_officer=True).first()
    with transaction.atomic():
        award_round = services.round_create(
            organiser=organiser,
            kind=RoundKind.SCHOOL_YEAR,
            title=ROUND_TITLE,
            school_year=2025,
            opens_on=D(2026, 5, 25),
            deadline=D(2026, 7, 10),
            awards=awards,
            actor=None,
        )
    count = 0
    senders = _senders(organiser, issuer if issuer != organiser else None)
    # Every state in every round: with fewer units than states, a unit sends a second dossier.
    plan = [(senders[i % len(senders)], state) for i, state in enumerate(STATES)] if senders else []
    for sender, state in plan:
        try:
            with transaction.atomic():
                dossier = services.dossier_create(award_round=award_round, unit=sender, actor=None, dated=DOSSIER_DATE)
                if not _nominate(dossier):
                    raise ValidationError("nobody to propose")
                _complete(dossier)
                _drive(dossier, state, officer)
        except (ValidationError, PermissionDenied) as exc:
            logger.info("Demo dossier of %s skipped: %s", sender, exc)
            continue
        count += 1
    if issuer.kind in SCHOOL_KINDS:
        # The school keeps an extension a month past the day the demo is loaded, so that a new
        # user can still propose, print and send its staff for the 2025–2026 titles.
        RoundExtension.objects.get_or_create(
            round=award_round,
            unit=issuer,
            defaults={
                "until": max(award_round.deadline, timezone.localdate() + datetime.timedelta(days=30)),
                "reason": "Gia hạn nộp hồ sơ (dữ liệu mẫu)",
            },
        )
    _say(stdout, f"Hồ sơ khen thưởng mẫu: {organiser.name}: {count} hồ sơ")
    return count


__all__ = ["DossierState", "load", "load_province"]
