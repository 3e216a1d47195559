"""Demo data: the seed plans in their units' trees, in realistic states, with deliverables.

``load()`` is called by ``manage.py seed_demo`` after the unit tree exists. It finds each
issuer by unit code, builds the plan with ``campaigns.seed_plans.build_plan``, launches it and
moves it through its lifecycle as far as today's date (``timezone.localdate()``) says, then
makes the units' deliverables show every per-unit status. It is idempotent: a plan whose issuer
already has a campaign with that number is left alone, and so is a plan whose unit is missing.

How states follow the dates (the same rule for every plan):

- before its start: launched; from its start: in progress;
- a sơ kết date in the past: through mid-term review, back to in progress while the period runs;
- after its end: final review; more than six months after its end: closed.

On 2026-11-21 that gives Bến Tre and Hưng Yên closed, Xuân Sơn and the Phòng's plan in progress,
and Bằng Mạc (school year 2025–2026, ended 31/5/2026) in final review.

How deliverables are spread (per past deadline, over the owing units in name order):

- the latest past deadline of an active campaign, if under 60 days old: extended, on time,
  late, missing in turn, so that an extension still running shows;
- other past deadlines: on time, late, on time, excused, missing, shifted by one per deadline
  so that a unit does not get the same status every time;
- deadlines still ahead are left alone: not yet due.
"""

import datetime
import io
from collections.abc import Callable

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from campaigns import selectors, services
from campaigns.enums import ACTIVE_STATES, CampaignState, SubmissionStatus
from campaigns.models import Campaign, Deadline, Submission
from campaigns.seed_plans import PLANS, SCHOOL_KIND_VALUES, build_plan
from common.dates import official_date, short_date
from units.models import Unit

# The Phòng's plan first: Xuân Sơn's plan implements it.
LOAD_ORDER = ("dongtrieu_1592", "xuanson_672", "bentre_914", "hungyen_1729", "bangmac_87")
PARENT_PLAN = {"xuanson_672": "dongtrieu_1592"}

# A campaign cannot be launched without a signer; the scan of 87/KH-UBND does not show the name
# and the text of 1592/KH-PGD&ĐT is not in the seeds. We do not invent a person.
UNKNOWN_SIGNER = "(chưa rõ họ tên người ký)"

CLOSE_AFTER = datetime.timedelta(days=183)
RECENT = datetime.timedelta(days=60)
EXTENSION = datetime.timedelta(days=14)

PAST_PATTERN = (
    SubmissionStatus.ON_TIME,
    SubmissionStatus.LATE,
    SubmissionStatus.ON_TIME,
    SubmissionStatus.EXCUSED,
    SubmissionStatus.MISSING,
)
RECENT_PATTERN = (
    SubmissionStatus.EXTENDED,
    SubmissionStatus.ON_TIME,
    SubmissionStatus.LATE,
    SubmissionStatus.MISSING,
)
STATE_REASONS = {
    CampaignState.LAUNCHED: "Ban hành và phát động kế hoạch.",
    CampaignState.IN_PROGRESS: "Các cơ quan, đơn vị triển khai thực hiện.",
    CampaignState.MIDTERM_REVIEW: "Sơ kết theo kế hoạch.",
    CampaignState.FINAL_REVIEW: "Tổng kết, xét khen thưởng.",
    CampaignState.CLOSED: "Hoàn thành tổng kết, khen thưởng.",
}
EXCUSE_REASON = "Đơn vị đang sắp xếp, sáp nhập theo chủ trương; được miễn báo cáo kỳ này."
EXTENSION_REASON = "Đơn vị bị ảnh hưởng của mưa lũ, xin gia hạn nộp."
LATE_NOTE = "Báo cáo gửi chậm do đơn vị thay đổi cán bộ phụ trách thi đua, khen thưởng."
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def load(*, stdout=None) -> dict[str, Campaign]:
    """Load the seed plans that are not there yet; returns every seed campaign found or made, by key."""
    today = timezone.localdate()

    def write(message: str) -> None:
        if stdout is not None:
            stdout.write(message + "\n")

    campaigns: dict[str, Campaign] = {}
    for key in LOAD_ORDER:
        campaign = _load_plan(
            key, today=today, parent=campaigns.get(PARENT_PLAN.get(key, "")), write=write, stdout=stdout
        )
        if campaign is not None:
            campaigns[key] = campaign
    return campaigns


# What other apps do with a plan while it runs (registrations, pacts, exemplars): they hook in
# here (``while_running``) so that a plan closed by now still has its history, without this
# module naming the apps built on it.
_WHILE_RUNNING: list[Callable[..., None]] = []


def while_running(loader: Callable[..., None]) -> Callable[..., None]:
    """Register ``loader(campaign, stdout=...)`` to run once a demo plan is in progress."""
    if loader not in _WHILE_RUNNING:
        _WHILE_RUNNING.append(loader)
    return loader


def _load_plan(key: str, *, today: datetime.date, parent: Campaign | None, write, stdout=None) -> Campaign | None:
    spec = PLANS[key]
    fields = spec["campaign"]
    label = f"{fields['number']}/{fields['symbol']}"
    issuer = Unit.objects.filter(code=spec["issuer_code"]).first()
    if issuer is None:
        write(f"Skipped plan {label}: no unit with code {spec['issuer_code']}.")
        return None
    existing = Campaign.objects.filter(issuer=issuer, number=fields["number"]).first()
    if existing is not None:
        write(f"Plan {label} is already loaded.")
        return existing
    with transaction.atomic():
        campaign = build_plan(key, issuer=issuer, parent=parent)
        if not campaign.signer_name:
            campaign = services.campaign_update(
                campaign=campaign, actor=None, signer_name=_signer_name(campaign, issuer)
            )
        made = 0
        for state in states_for(campaign, spec, today):
            if state == CampaignState.CLOSED:
                # Units submitted while the plan ran; a closed plan takes no more.
                made = _add_deliverables(campaign, today)
            campaign = services.campaign_set_state(
                campaign=campaign, new_state=state, actor=None, reason=STATE_REASONS[state]
            )
            if state == CampaignState.IN_PROGRESS:
                # Registrations happen while the plan runs; a plan closed by now still has them.
                for loader in _WHILE_RUNNING:
                    loader(campaign, stdout=stdout)
        if campaign.state in ACTIVE_STATES:
            made = _add_deliverables(campaign, today)
    write(f"Loaded plan {label} ({campaign.state}): {made} deliverables and exceptions.")
    return campaign


def _signer_name(campaign: Campaign, issuer: Unit) -> str:
    # The head signs in person only without "KT."/"TL."; then the unit's head is the signer.
    if not campaign.signing_authority and issuer.head_name:
        return issuer.head_name
    return UNKNOWN_SIGNER


def states_for(campaign: Campaign, spec: dict, today: datetime.date) -> list[str]:
    """The transitions that bring a fresh draft to the state its dates say on ``today``."""
    states = [CampaignState.LAUNCHED]
    if today < campaign.starts_on:
        return states
    states.append(CampaignState.IN_PROGRESS)
    midterm = [m["due_on"] for m in spec["milestones"] if m.get("review") == "midterm"]
    if midterm and min(midterm) < today:
        states.append(CampaignState.MIDTERM_REVIEW)
        if today <= campaign.ends_on:
            states.append(CampaignState.IN_PROGRESS)
    if today > campaign.ends_on:
        states.append(CampaignState.FINAL_REVIEW)
        if today > campaign.ends_on + CLOSE_AFTER:
            states.append(CampaignState.CLOSED)
    return states


def _add_deliverables(campaign: Campaign, today: datetime.date) -> int:
    participants = list(selectors.campaign_participants(campaign))
    deadlines = (
        Deadline.objects.filter(milestone__campaign=campaign, due_on__lt=today)
        .select_related("milestone")
        .order_by("due_on", "milestone__order", "id")
    )
    past = list(deadlines)
    latest = past[-1].due_on if past else None
    recent_open = campaign.state in ACTIVE_STATES and latest is not None and today - latest <= RECENT
    made = 0
    for index, deadline in enumerate(past):
        kinds = deadline.milestone.owed_by_kinds
        owing = [unit for unit in participants if not kinds or unit.kind in kinds]
        for position, unit in enumerate(owing):
            if recent_open and deadline.due_on == latest:
                status = RECENT_PATTERN[position % len(RECENT_PATTERN)]
            else:
                status = PAST_PATTERN[(index + position) % len(PAST_PATTERN)]
            made += _make_status(status, campaign=campaign, deadline=deadline, unit=unit, today=today)
    return made


def _make_status(status, *, campaign: Campaign, deadline: Deadline, unit: Unit, today: datetime.date) -> int:
    figures = _demo_figures(deadline, unit)
    if status == SubmissionStatus.ON_TIME:
        submission = services.submission_create(
            deadline=deadline, unit=unit, actor=None, file=_report_file(campaign, deadline, unit), figures=figures
        )
        submitted = _local(deadline.due_on - datetime.timedelta(days=2), 9)
    elif status == SubmissionStatus.LATE:
        submission = services.submission_create(
            deadline=deadline, unit=unit, actor=None, note=LATE_NOTE, figures=figures
        )
        submitted = min(_local(deadline.due_on + datetime.timedelta(days=5), 10), timezone.now())
    elif status == SubmissionStatus.EXCUSED:
        services.deadline_excuse(deadline=deadline, unit=unit, reason=EXCUSE_REASON, actor=None)
        return 1
    elif status == SubmissionStatus.EXTENDED:
        services.deadline_extend(
            deadline=deadline, unit=unit, new_due_on=today + EXTENSION, reason=EXTENSION_REASON, actor=None
        )
        return 1
    else:  # missing: nothing was sent
        return 0
    # The service stamps a submission with the current time. Demo history needs it on its
    # real day, and demo code must not travel in time, so the stamp is moved afterwards.
    Submission.objects.filter(pk=submission.pk).update(submitted_at=submitted)
    return 1


def _demo_figures(deadline: Deadline, unit: Unit) -> dict:
    """Figures a unit plausibly reports when its milestone asks for some: a count over its own schools
    (a Phòng a few dozen, a school itself 0 or 1) and a share near 100 % (left out by a school when
    optional: a high school has no preschool class); fixed by the unit's code."""
    seed = sum(map(ord, unit.code or unit.name))
    values = {}
    for figure in deadline.milestone.figures:
        if (figure.get("unit") or "").strip() == "%":
            if unit.kind not in SCHOOL_KIND_VALUES or figure.get("required", True):
                values[figure["key"]] = round(97 + (seed % 30) / 10, 1)
        elif unit.kind in SCHOOL_KIND_VALUES:
            values[figure["key"]] = seed % 2
        else:
            values[figure["key"]] = 40 + seed % 60
    return values


def _local(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=timezone.get_current_timezone())


def _report_file(campaign: Campaign, deadline: Deadline, unit: Unit) -> SimpleUploadedFile:
    """A short Word report of the unit, as a clerk would upload it."""
    from docx import Document  # heavy import, only when demo data is made

    document = Document()
    document.add_paragraph(unit.name.upper())
    document.add_heading(deadline.milestone.title, level=1)
    document.add_paragraph(
        f"Thực hiện Kế hoạch số {campaign.number_symbol} {official_date(campaign.issued_on)} của "
        f"{campaign.issuer.name}, {unit.name} báo cáo kết quả thực hiện đến ngày {short_date(deadline.due_on)}."
    )
    document.add_paragraph("Đơn vị đã triển khai đầy đủ các nội dung của kế hoạch; kết quả cụ thể như sau: …")
    buffer = io.BytesIO()
    document.save(buffer)
    name = f"{deadline.milestone.deliverable}-{deadline.due_on:%Y-%m-%d}.docx"
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=DOCX_TYPE)


# --- The generated province (``seed_demo --scale province``) ---------------------------------

# (number, kind, title, days since start, days until end, milestones)
# Milestones: (deliverable, title, recurrence, days from today for a one-off / (month, day) yearly)
PROVINCE_PLANS = (
    (
        101,
        "regular",
        "Kế hoạch tổ chức phong trào thi đua “Dạy tốt – Học tốt” giai đoạn 2025–2027",
        420,
        400,
        (
            ("registration", "Đăng ký danh hiệu thi đua", "once", -390),
            ("plan", "Kế hoạch thực hiện của đơn vị", "once", -370),
            ("annual_report", "Báo cáo tổng kết năm học", "yearly", (5, 31)),
            ("midterm_report", "Báo cáo sơ kết học kỳ I", "once", -20),
            ("final_report", "Báo cáo tổng kết giai đoạn", "once", 390),
        ),
    ),
    (
        102,
        "thematic",
        "Kế hoạch phát động thi đua chuyên đề “Chuyển đổi số trong nhà trường”",
        150,
        200,
        (
            ("registration", "Đăng ký tham gia chuyên đề", "once", -130),
            ("other", "Báo cáo số liệu chuyển đổi số hằng quý", "once", -60),
            ("other", "Báo cáo số liệu chuyển đổi số quý sau", "once", -8),
            ("final_report", "Báo cáo kết quả chuyên đề", "once", 150),
        ),
    ),
)
PROVINCE_FIGURES = [{"key": "so_lop", "label": "Số lớp", "unit": "lớp"}]


def province_so(province: Unit) -> Unit:
    return Unit.objects.get(code=f"{province.code}-SGD")


def province_campaigns(province: Unit):
    """The generated province's launched campaigns (those ``load_province`` made)."""
    return Campaign.objects.filter(
        issuer=province_so(province), number__in=[plan[0] for plan in PROVINCE_PLANS]
    ).order_by("number")


def load_province(province: Unit, *, stdout=None) -> None:
    """Two launched plans of the province's Sở (one-off and yearly deadlines), and for every past
    deadline each owing unit on time, late, missing, excused or extended, in bulk.
    Idempotent: a plan whose number the Sở already used is left alone."""
    today = timezone.localdate()
    so = province_so(province)
    for number, kind, title, since, until, milestones in PROVINCE_PLANS:
        if Campaign.objects.filter(issuer=so, number=number).exists():
            if stdout is not None:
                stdout.write(f"Province plan {number} is already loaded.\n")
            continue
        with transaction.atomic():
            campaign = services.campaign_create(
                issuer=so,
                actor=None,
                title=title,
                kind=kind,
                number=number,
                symbol="KH-SGDĐT",
                issued_on=today - datetime.timedelta(days=since + 5),
                issued_place="Thử nghiệm",
                signer_name="Nguyễn Văn Thử",
                signer_title="GIÁM ĐỐC",
                starts_on=today - datetime.timedelta(days=since),
                ends_on=today + datetime.timedelta(days=until),
            )
            for deliverable, label, recurrence, when in milestones:
                dates = (
                    {"due_month": when[0], "due_day": when[1]}
                    if recurrence == "yearly"
                    else {"due_on": today + datetime.timedelta(days=when)}
                )
                services.milestone_create(
                    campaign=campaign,
                    actor=None,
                    deliverable=deliverable,
                    title=label,
                    recurrence=recurrence,
                    figures=PROVINCE_FIGURES if deliverable in ("annual_report", "other") else [],
                    **dates,
                )
            campaign = services.campaign_set_state(
                campaign=campaign, new_state=CampaignState.LAUNCHED, actor=None, reason=STATE_REASONS["launched"]
            )
            campaign = services.campaign_set_state(
                campaign=campaign,
                new_state=CampaignState.IN_PROGRESS,
                actor=None,
                reason=STATE_REASONS["in_progress"],
            )
            made = _bulk_deliverables(campaign, today)
        if stdout is not None:
            stdout.write(f"Province plan {number}/KH-SGDĐT: {made} deliverables and exceptions.\n")


def _bulk_deliverables(campaign: Campaign, today: datetime.date) -> int:
    """The statuses of ``_add_deliverables``, written with bulk inserts (no files, no log rows)."""
    from campaigns.enums import ExceptionKind
    from campaigns.models import DeadlineException

    participants = list(selectors.campaign_participants(campaign))
    past = list(
        Deadline.objects.filter(milestone__campaign=campaign, due_on__lt=today)
        .select_related("milestone")
        .order_by("due_on", "milestone__order", "id")
    )
    latest = past[-1].due_on if past else None
    submissions, exceptions = [], []
    for index, deadline in enumerate(past):
        kinds = deadline.milestone.owed_by_kinds
        owing = [unit for unit in participants if not kinds or unit.kind in kinds]
        for position, unit in enumerate(owing):
            if today - deadline.due_on <= RECENT and deadline.due_on == latest:
                status = RECENT_PATTERN[position % len(RECENT_PATTERN)]
            else:
                status = PAST_PATTERN[(index + position) % len(PAST_PATTERN)]
            if status in (SubmissionStatus.ON_TIME, SubmissionStatus.LATE):
                on_time = status == SubmissionStatus.ON_TIME
                when = _local(deadline.due_on + datetime.timedelta(days=-2 if on_time else 5), 9)
                submissions.append(
                    Submission(
                        deadline=deadline,
                        unit=unit,
                        version=1,
                        figures={"so_lop": 10 + position % 30} if deadline.milestone.figures else {},
                        note="" if on_time else LATE_NOTE,
                        submitted_at=min(when, timezone.now()),
                    )
                )
            elif status == SubmissionStatus.EXCUSED:
                exceptions.append(
                    DeadlineException(deadline=deadline, unit=unit, kind=ExceptionKind.EXCUSED, reason=EXCUSE_REASON)
                )
            elif status == SubmissionStatus.EXTENDED:
                exceptions.append(
                    DeadlineException(
                        deadline=deadline,
                        unit=unit,
                        kind=ExceptionKind.EXTENDED,
                        new_due_on=today + EXTENSION,
                        reason=EXTENSION_REASON,
                    )
                )
    Submission.objects.bulk_create(submissions, batch_size=2000)
    DeadlineException.objects.bulk_create(exceptions, batch_size=2000)
    return len(submissions) + len(exceptions)
