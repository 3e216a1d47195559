"""Demo data: registrations in every state, a scored pact and exemplars for the seed-plan campaigns.

``campaigns.demo`` calls ``load()`` after loading the plans. Every write goes through the
services, replaying the plan's own dates (``today=``) so that statuses read as they did then.
Idempotent: a campaign that already has registrations (or pacts, or exemplars) is left alone.
A campaign that is absent, or not running, is skipped.
"""

import datetime

from django.db import transaction

from awards.models import Award
from campaigns import demo as campaigns_demo
from campaigns.enums import ACTIVE_STATES
from campaigns.models import Campaign
from campaigns.selectors import campaign_participants
from common.dates import school_year_of
from emulation import services as svc
from emulation.enums import EXEMPLAR_STEPS, RegistrationState
from emulation.models import IndividualRegistration, Pact
from emulation.selectors import registration_deadline
from units.models import Cluster, Person, Unit
from units.services import cluster_create

# (issuer unit code, plan number) of the four seed plans.
SEED_CAMPAIGNS = (
    ("SGDDT-BENTRE", 914),
    ("PGDDT-DONGTRIEU", 1592),
    ("THCS-XUANSON", 672),
    ("SGDDT-HUNGYEN", 1729),
    ("UBND-BANGMAC", 87),
)

# One unit per state, in this order; units after these stay unregistered (the overview shows them).
UNIT_STATES = ("accepted", "submitted", "returned", "resubmitted", "draft")

FALLBACK_WORK_ITEMS = (
    ("Ứng dụng công nghệ thông tin trong quản lý hồ sơ, văn bản", "100", "%"),
    ("Tổ chức chuyên đề đổi mới phương pháp dạy học", "4", "chuyên đề"),
    ("Bồi dưỡng giáo viên đạt chuẩn nghề nghiệp", "95", "%"),
)
INDIVIDUAL_TITLES = (
    ("CSTDCS", ""),
    ("LDTT", ""),
    ("GK_SO", ""),
)
PACT_CRITERIA = (
    ("Hoàn thành kế hoạch năm học đúng tiến độ", "100", "%", 10),
    ("Tỷ lệ học sinh hoàn thành chương trình lớp học", "98", "%", 10),
    ("Xây dựng ít nhất một mô hình, cách làm hay", "1", "mô hình", 5),
)
# (self, cross) per criterion and member: the last member has no cross-score yet.
PACT_SCORES = (
    (("9,5", "9"), ("9", "8,5"), ("5", "4,5")),
    (("10", "9,5"), ("9,5", "9,5"), ("4", "4")),
    (("9", None), ("8,5", None), ("5", None)),
)


def _say(stdout, message: str) -> None:
    if stdout is not None:
        stdout.write(message if message.endswith("\n") else message + "\n")


def _find(code: str, number: int) -> Campaign | None:
    return (
        Campaign.objects.filter(issuer__code__iexact=code, number=number)
        .select_related("issuer")
        .order_by("-id")
        .first()
    )


def load(*, stdout=None) -> None:
    for code, number in SEED_CAMPAIGNS:
        campaign = _find(code, number)
        if campaign is None:
            _say(stdout, f"Đăng ký thi đua: không thấy kế hoạch {number} của {code}, bỏ qua.")
            continue
        if campaign.state not in ACTIVE_STATES:
            _say(stdout, f"Đăng ký thi đua: kế hoạch {campaign.number_symbol} không còn triển khai, bỏ qua.")
            continue
        load_for(campaign, stdout=stdout)


@campaigns_demo.while_running
def load_for(campaign: Campaign, *, stdout=None) -> None:
    """Registrations, pacts and exemplars of one campaign while it runs (the plan loader calls
    this between launching a plan and closing it, so that closed plans have their history too)."""
    with transaction.atomic():
        _load_campaign(campaign, stdout=stdout)


def _act_day(campaign: Campaign) -> datetime.date:
    """A day when registering was still open: before the registration deadline, else early in the plan."""
    deadline = registration_deadline(campaign)
    day = deadline.due_on - datetime.timedelta(days=7) if deadline else campaign.starts_on + datetime.timedelta(days=14)
    return min(max(day, campaign.starts_on), campaign.ends_on)


def _load_campaign(campaign: Campaign, *, stdout=None) -> None:
    # A school's own plan (Xuân Sơn) has no unit below it: only its exemplars are loaded.
    participants = list(campaign_participants(campaign))
    day = _act_day(campaign)
    if participants and not campaign.unit_registrations.exists():
        _load_registrations(campaign, participants, day)
    if participants and not campaign.pacts.exists():
        _load_pact(campaign, participants, day)
    if not campaign.exemplars.exists():
        _load_exemplars(campaign, participants, day)
    _say(
        stdout,
        f"Đăng ký thi đua {campaign.number_symbol}: {campaign.unit_registrations.count()} đơn vị, "
        f"{campaign.individual_registrations.count()} cá nhân, {campaign.pacts.count()} giao ước, "
        f"{campaign.exemplars.count()} điển hình.",
    )


def _work_items(campaign: Campaign):
    targets = [c for c in campaign.criteria.order_by("order", "id") if c.is_target][:3]
    if targets:
        return [(c.title[:500], c.target_value, c.target_unit, c) for c in targets]
    return [(title, value, unit, None) for title, value, unit in FALLBACK_WORK_ITEMS]


def _load_registrations(campaign: Campaign, participants: list[Unit], day: datetime.date) -> None:
    items = _work_items(campaign)
    review_day = day + datetime.timedelta(days=3)
    later = day + datetime.timedelta(days=5)
    for unit, state in zip(participants, UNIT_STATES, strict=False):
        registration = svc.registration_create(
            campaign=campaign, unit=unit, actor=None, aimed_award=Award.objects.get(code="TTLDTT"), today=day
        )
        for title, value, target_unit, criterion in items:
            svc.work_item_add(
                registration=registration,
                actor=None,
                title=title,
                criterion=criterion,
                starts_on=max(day, campaign.starts_on),
                ends_on=campaign.ends_on,
                target_value=value,
                target_unit=target_unit,
            )
        _load_individuals(campaign, unit, day)
        if state == "draft":
            continue
        svc.registration_submit(registration=registration, actor=None, today=day)
        if IndividualRegistration.objects.filter(campaign=campaign, unit=unit, state="draft").exists():
            svc.individuals_forward(
                campaign=campaign, unit=unit, actor=None, note="Danh sách đăng ký đầu năm", today=day
            )
        sent = list(campaign.individual_registrations.filter(unit=unit, state=RegistrationState.SUBMITTED))
        if state == "accepted":
            svc.registration_review(registration=registration, accept=True, actor=None, today=review_day)
        elif state in ("returned", "resubmitted"):
            svc.registration_review(
                registration=registration,
                accept=False,
                actor=None,
                comment="Đề nghị ghi rõ thời điểm bắt đầu, kết thúc và chỉ tiêu định lượng của từng đầu việc.",
                today=review_day,
            )
        # People: accepted where the unit is accepted or resubmitted; one sent back where it was returned.
        for index, person_registration in enumerate(sent):
            if state in ("accepted", "resubmitted"):
                svc.registration_review(registration=person_registration, accept=True, actor=None, today=review_day)
            elif state == "returned" and index == 0:
                svc.registration_review(
                    registration=person_registration,
                    accept=False,
                    actor=None,
                    comment="Bổ sung sáng kiến hoặc đề tài được công nhận.",
                    today=review_day,
                )
        if state == "resubmitted":
            svc.registration_submit(registration=registration, actor=None, today=later)


def _load_individuals(campaign: Campaign, unit: Unit, day: datetime.date) -> None:
    people = Person.objects.filter(unit=unit, is_active=True).order_by("name_sort", "pk")[: len(INDIVIDUAL_TITLES)]
    year = school_year_of(day)
    year = min(max(year, school_year_of(campaign.starts_on)), school_year_of(campaign.ends_on))
    for person, (title, detail) in zip(people, INDIVIDUAL_TITLES, strict=False):
        svc.individual_register(
            campaign=campaign,
            person=person,
            actor=None,
            aimed_award=Award.objects.get(code=title),
            aimed_detail=detail,
            school_year=year,
            today=day,
        )


def _cluster(campaign: Campaign, participants: list[Unit], day: datetime.date) -> Cluster | None:
    existing = (
        Cluster.objects.filter(organiser__path__startswith=campaign.issuer.path)
        .exclude(pacts__campaign=campaign)
        .order_by("-school_year", "id")
        .first()
    )
    if existing is not None:
        return existing
    members = participants[:3]
    if len(members) < 2:
        return None
    year = school_year_of(day)
    return Cluster.objects.filter(organiser=campaign.issuer, name="Cụm thi đua số 1", school_year=year).first() or (
        cluster_create(
            organiser=campaign.issuer,
            name="Cụm thi đua số 1",
            school_year=year,
            head_unit=members[0],
            members=members,
            actor=None,
        )
    )


def _load_pact(campaign: Campaign, participants: list[Unit], day: datetime.date) -> None:
    cluster = _cluster(campaign, participants, day)
    if cluster is None or Pact.objects.filter(cluster=cluster, campaign=campaign).exists():
        return
    pact = svc.pact_create(
        cluster=cluster,
        campaign=campaign,
        actor=None,
        title=f"Giao ước thi đua {cluster.name} — {campaign.number_symbol}",
        signed_on=day,
        note="Ký kết tại hội nghị triển khai phong trào.",
    )
    scoring_day = min(day + datetime.timedelta(days=180), campaign.ends_on)
    members = list(cluster.members.order_by("name_sort"))
    for member, scores in zip(members, PACT_SCORES, strict=False):
        for (criterion, value, unit, max_score), (self_score, cross_score) in zip(PACT_CRITERIA, scores, strict=True):
            target = svc.pact_target_add(
                pact=pact,
                member=member,
                actor=None,
                criterion=criterion,
                target_value=value,
                target_unit=unit,
                max_score=max_score,
            )
            svc.pact_self_score(
                target=target,
                actor=None,
                score=self_score,
                evidence="Báo cáo sơ kết và biên bản kiểm tra",
                today=scoring_day,
            )
            if cross_score is not None:
                svc.pact_cross_score(target=target, actor=None, score=cross_score, note="Đối chiếu minh chứng")


def _load_exemplars(campaign: Campaign, participants: list[Unit], day: datetime.date) -> None:
    year = min(max(day.year, campaign.starts_on.year), campaign.ends_on.year)
    builders = [
        (campaign.issuer, f"Mô hình điển hình cấp {campaign.issuer.short_name or campaign.issuer.name} {n}")
        for n in (1, 2, 3)
    ]
    builders += [(unit, f"Tập thể tiêu biểu: {unit.name}") for unit in participants[:3]]
    for index, (unit, title) in enumerate(builders):
        person = Person.objects.filter(unit__path__startswith=unit.path, is_active=True).order_by("name_sort").first()
        individual = index % 2 == 1 and person is not None
        exemplar = svc.exemplar_create(
            campaign=campaign,
            unit=unit,
            actor=None,
            subject_kind="individual" if individual else "collective",
            person=person if individual else None,
            title=f"{person.full_name}: gương người tốt, việc tốt" if individual else title,
            description="Được lựa chọn, biểu dương sau khi đăng ký nội dung thi đua.",
            year=year,
            built_on=day,
        )
        # Spread the exemplars over the five steps: 1, 2, 3, 4, 5, 1…
        for offset, step in enumerate(EXEMPLAR_STEPS[1 : index % len(EXEMPLAR_STEPS) + 1], start=1):
            exemplar = svc.exemplar_advance(
                exemplar=exemplar, new_step=step, on_date=day + datetime.timedelta(days=30 * offset), actor=None
            )


# --- The generated province (``seed_demo --scale province``) ---------------------------------

# A unit's registration state by its position among the participants; every sixth unit never registers.
PROVINCE_UNIT_STATES = ("accepted", "submitted", "accepted", "returned", "draft", None)
PROVINCE_PERSON_STATES = ("accepted", "submitted", "draft", "returned")


def load_province(province: Unit, *, stdout=None) -> None:
    """Unit and individual registrations in every state (bulk), a scored pact and exemplars for each
    launched plan of the generated province. Idempotent: a plan with registrations is left alone."""
    from django.utils import timezone

    for campaign in campaigns_demo.province_campaigns(province).select_related("issuer"):
        if campaign.unit_registrations.exists():
            _say(stdout, f"Province registrations of {campaign.number_symbol} already there.")
            continue
        participants = list(campaign_participants(campaign))
        day = _act_day(campaign)
        with transaction.atomic():
            units, people = _bulk_registrations(campaign, participants, day, timezone)
            _load_pact(campaign, participants, day)
            _load_exemplars(campaign, participants, day)
        _say(stdout, f"Province registrations {campaign.number_symbol}: {units} units, {people} people.")


def _bulk_registrations(campaign: Campaign, participants: list[Unit], day: datetime.date, timezone) -> tuple[int, int]:
    from emulation.models import UnitRegistration, WorkItem

    award = Award.objects.get(code="TTLDTT")
    titles = {code: Award.objects.get(code=code) for code, _detail in INDIVIDUAL_TITLES}
    at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    decided = at + datetime.timedelta(days=3)
    registrations = []
    for position, unit in enumerate(participants):
        state = PROVINCE_UNIT_STATES[position % len(PROVINCE_UNIT_STATES)]
        if state is None:
            continue
        registrations.append(
            UnitRegistration(
                campaign=campaign,
                unit=unit,
                aimed_award=award,
                state=state,
                submitted_at=at if state != "draft" else None,
                decided_at=decided if state in ("accepted", "returned") else None,
                return_comment="Đề nghị ghi rõ chỉ tiêu định lượng của từng đầu việc." if state == "returned" else "",
            )
        )
    UnitRegistration.objects.bulk_create(registrations, batch_size=1000)
    saved = UnitRegistration.objects.filter(campaign=campaign).only("pk")
    items = [
        WorkItem(
            registration=registration,
            title=title,
            starts_on=max(day, campaign.starts_on),
            ends_on=campaign.ends_on,
            target_value=value,
            target_unit=target_unit,
            order=order,
        )
        for registration in saved
        for order, (title, value, target_unit) in enumerate(FALLBACK_WORK_ITEMS)
    ]
    WorkItem.objects.bulk_create(items, batch_size=2000)
    # Three teachers of every registered school register for a title.
    registered = {r.unit_id for r in registrations}
    year = min(max(school_year_of(day), school_year_of(campaign.starts_on)), school_year_of(campaign.ends_on))
    people = []
    counts: dict[int, int] = {}
    for person in (
        Person.objects.filter(unit_id__in=registered, is_active=True, role="teacher")
        .order_by("unit_id", "pk")
        .only("pk", "unit_id")
    ):
        n = counts.get(person.unit_id, 0)
        if n >= len(INDIVIDUAL_TITLES):
            continue
        counts[person.unit_id] = n + 1
        state = PROVINCE_PERSON_STATES[(person.unit_id + n) % len(PROVINCE_PERSON_STATES)]
        people.append(
            IndividualRegistration(
                campaign=campaign,
                person_id=person.pk,
                unit_id=person.unit_id,
                school_year=year,
                aimed_award=titles[INDIVIDUAL_TITLES[n][0]],
                state=state,
                submitted_at=at if state != "draft" else None,
                decided_at=decided if state in ("accepted", "returned") else None,
                return_comment="Bổ sung sáng kiến hoặc đề tài được công nhận." if state == "returned" else "",
            )
        )
    IndividualRegistration.objects.bulk_create(people, batch_size=2000)
    return len(registrations), len(people)
