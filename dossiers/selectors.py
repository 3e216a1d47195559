"""Every read of award rounds and dossiers, scoped to what the user may see.

Scope: the proposing unit's own accounts see its dossiers; the receiving unit's
accounts see the dossiers sent to it (never drafts); administrators see all. An
object outside the scope is absent from these querysets, so views answer 404.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from awards import selectors as award_selectors
from awards.eligibility import judge, suggest_for_unit
from awards.enums import RuleKind
from awards.models import Award, AwardRecord, AwardRule, Initiative, TaskRatingRecord
from campaigns.models import AwardOffer
from common.text import fold
from common.workdays import add_working_days, working_days_between
from dossiers.enums import DEAD_STATES, VISIBLE_TO_RECEIVER, DossierState
from dossiers.models import (
    AwardRound,
    Dossier,
    DossierDocument,
    DossierTransition,
    EvidenceItem,
    Holiday,
    LegalClock,
    Nominee,
    ReturnComment,
    RoundAward,
    RoundExtension,
    SendDelegation,
)
from units.enums import SCHOOL_KINDS
from units.models import Person, Unit, User
from units.selectors import unit_ancestors

DEFAULT_RETURN_DAYS = 5
DEFAULT_APPRAISAL_DAYS = 20


# --------------------------------------------------------------------------- campaign offers


def award_for_offer(offer: AwardOffer) -> Award | None:
    """The catalogue award of a campaign's award offer, when the plan names one."""
    return offer.award


# --------------------------------------------------------------------------- scope


def dossier_scope_q(user: User, *, prefix: str = "") -> Q:
    if not user.is_authenticated:
        return Q(pk__in=[])
    if user.is_superuser:
        return Q()
    if user.unit_id is None:
        return Q(pk__in=[])
    return Q(**{f"{prefix}unit_id": user.unit_id}) | Q(
        **{f"{prefix}receiver_id": user.unit_id, f"{prefix}state__in": VISIBLE_TO_RECEIVER}
    )


def visible_dossiers(user: User) -> QuerySet[Dossier]:
    return Dossier.objects.filter(dossier_scope_q(user))


def receiver_for(unit: Unit) -> Unit | None:
    """The unit that manages the sender in the tree (school → Phòng or xã; Phòng → Sở …)."""
    if unit.depth <= 1:
        return None
    return Unit.objects.filter(path=unit.path[: -Unit.steplen]).first()


def can_delegate_send(user: User, unit: Unit, on: datetime.date | None = None) -> bool:
    on = on or timezone.localdate()
    return (
        SendDelegation.objects.filter(unit=unit, user=user)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=on))
        .exists()
    )


# --------------------------------------------------------------------------- rounds


def round_scope_q(user: User) -> Q:
    """Rounds organised by the user's unit, a unit above it, or (for subtree roles) a unit below it."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    if user.is_superuser:
        return Q()
    if user.unit_id is None:
        return Q(pk__in=[])
    path = user.unit.path
    above = [path[:i] for i in range(Unit.steplen, len(path) + 1, Unit.steplen)]
    q = Q(organiser__path__in=above)
    if user.sees_subtree:
        q |= Q(organiser__path__startswith=path)
    return q


def round_list(user: User) -> QuerySet[AwardRound]:
    return (
        AwardRound.objects.filter(round_scope_q(user))
        .select_related("organiser", "campaign")
        .annotate(dossier_count=Count("dossiers", filter=dossier_scope_q(user, prefix="dossiers__"), distinct=True))
        .order_by("-school_year", "-opens_on", "-id")
    )


def organiser_campaigns(user: User):
    from campaigns.models import Campaign

    if not user.is_authenticated or user.unit_id is None:
        return Campaign.objects.none()
    return Campaign.objects.filter(issuer_id=user.unit_id).order_by("-starts_on", "-id")


def round_get(user: User, pk: int) -> AwardRound:
    return (
        AwardRound.objects.filter(round_scope_q(user))
        .select_related("organiser", "campaign")
        .prefetch_related(Prefetch("awards", queryset=RoundAward.objects.select_related("award")))
        .get(pk=pk)
    )


def round_dossiers(user: User, award_round: AwardRound) -> QuerySet[Dossier]:
    return (
        visible_dossiers(user)
        .filter(round=award_round)
        .select_related("unit", "receiver")
        .annotate(nominee_count=Count("nominees"))
        .order_by("unit__name_sort", "id")
    )


def round_deadline_for(award_round: AwardRound, unit: Unit) -> datetime.date | None:
    extension = RoundExtension.objects.filter(round=award_round, unit=unit).first()
    if extension is not None:
        return extension.until
    return award_round.deadline


# --------------------------------------------------------------------------- dossier


NOMINEE_RELATED = ("person", "collective", "award", "initiative", "appraised_by")


def dossier_queryset(user: User) -> QuerySet[Dossier]:
    return visible_dossiers(user).select_related("round", "round__organiser", "unit", "receiver", "forwarded_to")


def dossier_get(user: User, pk: int) -> Dossier:
    """The dossier with everything its page shows, in a fixed number of queries."""
    return (
        dossier_queryset(user)
        .prefetch_related(
            Prefetch(
                "nominees",
                queryset=Nominee.objects.select_related(*NOMINEE_RELATED)
                .prefetch_related(
                    Prefetch("documents", queryset=DossierDocument.objects.select_related("evidence")),
                    Prefetch("comments", queryset=ReturnComment.objects.order_by("id")),
                )
                .order_by("award__position", "position", "id"),
            ),
            Prefetch("documents", queryset=DossierDocument.objects.select_related("evidence", "nominee")),
            Prefetch("transitions", queryset=DossierTransition.objects.select_related("actor")),
            Prefetch("comments", queryset=ReturnComment.objects.select_related("nominee").order_by("id")),
            Prefetch("round__awards", queryset=RoundAward.objects.select_related("award")),
        )
        .get(pk=pk)
    )


def nominee_get(user: User, pk: int) -> Nominee:
    return (
        Nominee.objects.filter(dossier__in=visible_dossiers(user))
        .select_related("dossier", "dossier__unit", "dossier__round", "dossier__receiver", *NOMINEE_RELATED)
        .get(pk=pk)
    )


def document_get(user: User, pk: int) -> DossierDocument:
    return (
        DossierDocument.objects.filter(dossier__in=visible_dossiers(user))
        .select_related("dossier", "evidence", "nominee")
        .get(pk=pk)
    )


def round_nominees(award_round: AwardRound, *, exclude_dossier: Dossier | None = None) -> QuerySet[Nominee]:
    """Nominees of every live dossier of the round (duplicate and quota checks)."""
    qs = Nominee.objects.filter(dossier__round=award_round).exclude(dossier__state__in=DEAD_STATES)
    if exclude_dossier is not None:
        qs = qs.exclude(dossier=exclude_dossier)
    return qs


def unit_members(unit: Unit) -> QuerySet[Person]:
    return Person.objects.filter(unit=unit, is_active=True).order_by("name_sort", "pk")


def round_award_choices(award_round: AwardRound) -> QuerySet[Award]:
    codes = list(award_round.awards.values_list("award_id", flat=True))
    qs = Award.objects.filter(pk__in=codes) if codes else Award.objects.filter(suggest=True)
    return qs.order_by("position", "code")


def campaign_components(dossier: Dossier):
    """The components the round's campaign lists (empty for a school-year or one-off round)."""
    campaign = dossier.round.campaign
    if campaign is None:
        return []
    return campaign.dossier_components.order_by("order", "id")


def free_initiatives(person: Person) -> QuerySet[Initiative]:
    return Initiative.objects.filter(person=person).order_by("-school_year", "id")


def evidence_wallet(person: Person) -> QuerySet[EvidenceItem]:
    return EvidenceItem.objects.filter(person=person).select_related("initiative")


# --------------------------------------------------------------------------- eligibility


def judge_nominees(dossier: Dossier, nominees: list[Nominee]) -> dict[int, object]:
    """The engine's judgement of each nominee on the dossier's date (fixed queries for any number)."""
    if not nominees:
        return {}
    catalogue = award_selectors.load_catalogue()
    year = dossier.round.school_year
    unit_facts = award_selectors.unit_facts(dossier.unit, school_year=year)
    people = {p.id: p for p in unit_facts.members}
    missing = [n.person_id for n in nominees if n.person_id and n.person_id not in people]
    if missing:
        people.update(award_selectors.people_facts(Person.objects.filter(pk__in=missing)))
    collectives = [n.collective for n in nominees if n.collective_id and n.collective_id != dossier.unit_id]
    collective_facts = award_selectors.units_facts(collectives, school_year=year) if collectives else {}
    collective_facts[dossier.unit_id] = unit_facts
    results = {}
    for nominee in nominees:
        if nominee.award.code not in catalogue.awards:
            continue
        if nominee.person_id:
            candidate = people[nominee.person_id]
            results[nominee.pk or id(nominee)] = judge(
                catalogue, nominee.award.code, candidate, school_year=year, on_date=dossier.dated, unit=unit_facts
            )
        else:
            candidate = collective_facts[nominee.collective_id]
            results[nominee.pk or id(nominee)] = judge(
                catalogue, nominee.award.code, candidate, school_year=year, on_date=dossier.dated
            )
    return results


def result_to_dict(result) -> dict:
    return {
        "outcome": result.outcome,
        "label": str(result.label),
        "detail": str(result.detail),
        "citation": result.citation,
        "confirmed": result.confirmed,
        "kind": result.kind,
        "scope": result.scope_name,
        "children": [result_to_dict(child) for child in result.children],
    }


def judgement_to_dict(judgement) -> dict:
    return {
        "award": judgement.award_code,
        "award_name": judgement.award_name,
        "verdict": judgement.verdict,
        "school_year": judgement.school_year,
        "on_date": judgement.on_date.isoformat(),
        "results": [result_to_dict(r) for r in judgement.results],
    }


def dossier_suggestions(dossier: Dossier):
    """The engine's suggestions for the proposing unit, restricted to the round's awards,
    without the (person, award) pairs already in the dossier."""
    year = dossier.round.school_year
    facts = award_selectors.unit_facts(dossier.unit, school_year=year)
    result = suggest_for_unit(award_selectors.load_catalogue(), facts, school_year=year, on_date=dossier.dated)
    allowed = set(dossier.round.awards.values_list("award__code", flat=True))
    taken = set(dossier.nominees.values_list("person_id", "collective_id", "award__code"))

    def keep(suggestion) -> bool:
        candidate = suggestion.candidate
        code = suggestion.judgement.award_code
        key = (None, candidate.id, code) if candidate.is_collective else (candidate.id, None, code)
        return (not allowed or code in allowed) and key not in taken

    return {
        "eligible": [s for s in result.people + result.collective if keep(s)],
        "missing": [s for s in result.missing if keep(s)],
    }


# --------------------------------------------------------------------------- who decides

OUTSIDE_LEVELS = ("province", "ministry", "government", "state")
DECIDING_KINDS = {
    "school": SCHOOL_KINDS,
    "commune": ("commune_committee", "commune_culture_office"),
    "district": ("district_committee", "education_office"),
    # Luật 06/2022 Điều 80: heads of provincial agencies (Giám đốc Sở); since 7/2025 also Chủ tịch UBND xã.
    "department": ("education_department", "commune_committee"),
}


def decision_route(award: Award, receiver: Unit | None) -> str:
    """ "here" when the receiving level decides the award (council and decision, issue 10), "above" when
    it appraises and forwards upward in its own dossier, "outside" when the award is decided outside
    the portal (UBND tỉnh, Bộ, Thủ tướng): the packet leaves and the result is recorded when it returns."""
    if award.level in OUTSIDE_LEVELS:
        return "outside"
    if receiver is not None and receiver.kind in DECIDING_KINDS.get(award.level, ()):
        return "here"
    return "above"


# --------------------------------------------------------------------------- quota


@dataclass
class QuotaMeter:
    award_id: int
    award_name: str
    cap: int | None
    in_dossier: int
    elsewhere: int
    source: str
    allows_reason: bool

    @property
    def used(self) -> int:
        return self.in_dossier + self.elsewhere

    @property
    def over(self) -> int:
        return 0 if self.cap is None else max(self.used - self.cap, 0)

    @property
    def percent(self) -> int:
        if not self.cap:
            return 100 if self.used else 0
        return min(int(self.used * 100 / self.cap), 100)


def quota_meters(dossier: Dossier, *, extra: dict[int, int] | None = None) -> dict[int, QuotaMeter]:
    """Quota per award for the proposing unit: the round's quota (campaign offer) and the
    province's local quota rules (``max`` or ``percent`` of another award), whichever is lower.

    ``extra`` adds nominees not saved yet ({award_id: n}) so a guard can test the next one.
    """
    extra = extra or {}
    counts = defaultdict(int)
    for award_id, n in (
        Nominee.objects.filter(dossier=dossier)
        .values_list("award_id")
        .annotate(n=Count("id"))
        .values_list("award_id", "n")
    ):
        counts[award_id] = n
    elsewhere = defaultdict(int)
    for award_id, n in (
        round_nominees(dossier.round, exclude_dossier=dossier)
        .filter(dossier__unit=dossier.unit)
        .values_list("award_id")
        .annotate(n=Count("id"))
        .values_list("award_id", "n")
    ):
        elsewhere[award_id] = n
    for award_id, n in extra.items():
        counts[award_id] += n
    round_awards = {ra.award_id: ra for ra in dossier.round.awards.all()}
    meters: dict[int, QuotaMeter] = {}
    for ra in round_awards.values():
        if ra.quota is not None:
            meters[ra.award_id] = QuotaMeter(
                ra.award_id,
                ra.award.name,
                ra.quota,
                counts[ra.award_id],
                elsewhere[ra.award_id],
                dossier.round.title,
                ra.over_quota_with_reason,
            )
    path = dossier.unit.path
    scopes = [path[:i] for i in range(Unit.steplen, len(path) + 1, Unit.steplen)]
    rules = AwardRule.objects.filter(kind=RuleKind.QUOTA, scope__path__in=scopes, valid_from__lte=dossier.dated).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=dossier.dated)
    )
    rules = list(rules.select_related("award"))
    if rules:
        base_codes = {r.params.get("of", "LDTT") for r in rules if "max" not in r.params}
        base_awards = dict(Award.objects.filter(code__in=base_codes).values_list("code", "pk"))
        records = dict(
            AwardRecord.objects.filter(unit=dossier.unit, school_year=dossier.round.school_year)
            .values_list("award__code")
            .annotate(n=Count("id"))
            .values_list("award__code", "n")
        )
        for rule in rules:
            if "max" in rule.params:
                cap = int(rule.params["max"])
            else:
                code = rule.params.get("of", "LDTT")
                base_id = base_awards.get(code)
                base = records.get(code, 0) + counts.get(base_id, 0) + elsewhere.get(base_id, 0)
                cap = int(Decimal(base) * Decimal(str(rule.params.get("percent", 0))) / 100)
            current = meters.get(rule.award_id)
            allows = bool(rule.params.get("over_with_reason"))
            if current is None or current.cap is None or cap < current.cap:
                meters[rule.award_id] = QuotaMeter(
                    rule.award_id,
                    rule.award.name,
                    cap,
                    counts[rule.award_id],
                    elsewhere[rule.award_id],
                    rule.citation,
                    allows or (current.allows_reason if current else False),
                )
    return meters


# --------------------------------------------------------------------------- legal clocks


def holidays_for(unit: Unit | None) -> set[datetime.date]:
    q = Q(scope__isnull=True)
    if unit is not None:
        path = unit.path
        q |= Q(scope__path__in=[path[:i] for i in range(Unit.steplen, len(path) + 1, Unit.steplen)])
    return set(Holiday.objects.filter(q).values_list("date", flat=True))


def clock_for(unit: Unit | None) -> tuple[int, int]:
    """(return_days, appraisal_days) at a receiving level: its own setting, the nearest
    ancestor's, the default row, or the law's 5 and 20 working days."""
    clocks = {c.scope_id: c for c in LegalClock.objects.select_related("scope")}
    if unit is not None:
        for ancestor in [unit, *reversed(unit_ancestors(unit))]:
            if ancestor.pk in clocks:
                c = clocks[ancestor.pk]
                return c.return_days, c.appraisal_days
    if None in clocks:
        return clocks[None].return_days, clocks[None].appraisal_days
    return DEFAULT_RETURN_DAYS, DEFAULT_APPRAISAL_DAYS


def clock_settings(unit: Unit | None) -> dict:
    """What the clock page shows for ``unit`` (None: nationwide): the limits in force and where they come
    from, the unit's own row if any, and every holiday that applies with the level that set it."""
    own = LegalClock.objects.filter(scope=unit).first()
    return_days, appraisal_days = clock_for(unit)
    paths = [unit.path[:i] for i in range(Unit.steplen, len(unit.path) + 1, Unit.steplen)] if unit else []
    holidays = (
        Holiday.objects.filter(Q(scope__isnull=True) | Q(scope__path__in=paths))
        .select_related("scope")
        .order_by("date", "id")
    )
    holidays = list(holidays)
    for holiday in holidays:  # only the level that set a holiday removes it
        holiday.removable = holiday.scope_id == (unit.pk if unit else None)
    return {
        "own": own,
        "return_days": return_days,
        "appraisal_days": appraisal_days,
        "remind_days": remind_days_for(unit),
        "holidays": holidays,
    }


def own_holiday(unit: Unit | None, pk: int) -> Holiday:
    """A holiday the unit set itself (nationwide ones for a system administrator without a unit)."""
    return Holiday.objects.get(pk=pk, scope=unit)


def remind_days_for(unit: Unit | None) -> int:
    clocks = {c.scope_id: c for c in LegalClock.objects.all()}
    if unit is not None:
        for ancestor in [unit, *reversed(unit_ancestors(unit))]:
            if ancestor.pk in clocks:
                return clocks[ancestor.pk].remind_days_before
    return clocks[None].remind_days_before if None in clocks else 2


@dataclass
class Clock:
    label: str
    started: datetime.date
    due: datetime.date
    elapsed: int  # working days since it started
    left: int  # working days left (negative: overdue)

    @property
    def overdue(self) -> bool:
        return self.left < 0

    @property
    def colour(self) -> str:
        return "danger" if self.left < 0 else ("warning" if self.left <= 2 else "success")


def dossier_clock(
    dossier: Dossier, *, holidays: set, limits: tuple[int, int], today: datetime.date | None = None
) -> Clock | None:
    """The running legal clock: to check completeness (from sending) or to finish the appraisal (from receipt)."""
    today = today or timezone.localdate()
    return_days, appraisal_days = limits
    if dossier.state in (DossierState.SENT, DossierState.RESENT) and dossier.sent_at:
        start = timezone.localdate(dossier.sent_at)
        due = add_working_days(start, return_days, holidays)
        label = "return"
    elif dossier.state in (DossierState.RECEIVED, DossierState.UNDER_APPRAISAL) and dossier.received_at:
        start = timezone.localdate(dossier.received_at)
        due = add_working_days(start, appraisal_days, holidays)
        label = "appraisal"
    else:
        return None
    elapsed = working_days_between(start, today, holidays)
    left = working_days_between(today, due, holidays) if today <= due else -working_days_between(due, today, holidays)
    return Clock(label, start, due, elapsed, left)


CLOCK_STATES = (DossierState.SENT, DossierState.RESENT, DossierState.RECEIVED, DossierState.UNDER_APPRAISAL)


def running_clocks(receivers, *, today: datetime.date | None = None) -> list[Dossier]:
    """Every dossier whose legal clock runs at one of ``receivers`` (ids or a subquery of them), each with
    its ``clock``: three queries whatever the number of receivers. The limits and holidays of every
    level are read once and resolved by path here, as ``clock_for`` and ``holidays_for`` resolve them."""
    rows = list(
        Dossier.objects.filter(receiver_id__in=receivers, state__in=CLOCK_STATES)
        .select_related("receiver")
        .only("pk", "state", "sent_at", "received_at", "receiver__id", "receiver__path")
    )
    if not rows:
        return []
    settings = {c.scope.path if c.scope_id else None: c for c in LegalClock.objects.select_related("scope")}
    holidays = list(Holiday.objects.values_list("date", "scope__path"))
    per_receiver: dict[int, tuple] = {}
    for dossier in rows:
        receiver = dossier.receiver
        if receiver.pk not in per_receiver:
            paths = [receiver.path[:i] for i in range(Unit.steplen, len(receiver.path) + 1, Unit.steplen)]
            setting = next((settings[p] for p in reversed(paths) if p in settings), settings.get(None))
            limits = (
                (setting.return_days, setting.appraisal_days)
                if setting
                else (DEFAULT_RETURN_DAYS, DEFAULT_APPRAISAL_DAYS)
            )
            days = {day for day, path in holidays if path is None or path in paths}
            per_receiver[receiver.pk] = (limits, days)
        limits, days = per_receiver[receiver.pk]
        dossier.clock = dossier_clock(dossier, holidays=days, limits=limits, today=today)
    return [d for d in rows if d.clock is not None]


# --------------------------------------------------------------------------- queue


QUEUE_PAGE_SIZE = 50


@dataclass
class QueuePage:
    rows: list
    total: int
    number: int
    pages: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages


def _queue_base(user: User, *, state: str, sender: str, award_round: int | None) -> QuerySet[Dossier]:
    if not user.is_authenticated or (user.unit_id is None and not user.is_superuser):
        return Dossier.objects.none()
    qs = Dossier.objects.filter(state__in=VISIBLE_TO_RECEIVER)
    if not user.is_superuser:
        qs = qs.filter(receiver_id=user.unit_id)
    if state:
        qs = qs.filter(state=state)
    if sender:
        qs = qs.filter(unit__name_search__contains=fold(sender))
    if award_round:
        qs = qs.filter(round_id=award_round)
    return qs.order_by("sent_at", "id")


def _with_clocks(user: User, rows: list[Dossier], today) -> list[Dossier]:
    receiver = user.unit if user.unit_id else None
    holidays = holidays_for(receiver)
    limits = clock_for(receiver)
    for dossier in rows:
        dossier.clock = dossier_clock(dossier, holidays=holidays, limits=limits, today=today)
    return rows


def _rows(qs: QuerySet[Dossier]) -> list[Dossier]:
    """The rows with their nominee counts, counted for these rows only (grouping the whole
    filtered queue before the page is cut would read every nominee of every dossier)."""
    rows = list(qs.select_related("unit", "round", "receiver"))
    counts = dict(
        Nominee.objects.filter(dossier_id__in=[d.pk for d in rows])
        .values_list("dossier_id")
        .annotate(n=Count("id"))
        .values_list("dossier_id", "n")
    )
    for dossier in rows:
        dossier.nominee_count = counts.get(dossier.pk, 0)
    return rows


def queue(
    user: User,
    *,
    state: str = "",
    sender: str = "",
    award_round: int | None = None,
    overdue_only: bool = False,
    today: datetime.date | None = None,
    page: int = 1,
    per_page: int = QUEUE_PAGE_SIZE,
) -> QueuePage:
    """One page of the dossiers sent to the user's unit, with their legal clocks.

    A fixed number of queries whatever the number of dossiers: a count and one page of rows
    (the overdue filter first reads the few columns the clock needs for every row)."""
    qs = _queue_base(user, state=state, sender=sender, award_round=award_round)
    if overdue_only:
        light = _with_clocks(user, list(qs.only("pk", "state", "sent_at", "received_at")), today)
        ids = [d.pk for d in light if d.clock and d.clock.overdue]
        total = len(ids)
    else:
        total = qs.count()
    pages = max((total + per_page - 1) // per_page, 1)
    number = min(max(page, 1), pages)
    offset = (number - 1) * per_page
    if overdue_only:
        wanted = ids[offset : offset + per_page]
        order = {pk: i for i, pk in enumerate(wanted)}
        rows = sorted(_rows(Dossier.objects.filter(pk__in=wanted)), key=lambda d: order[d.pk])
    else:
        rows = _rows(qs[offset : offset + per_page])
    return QueuePage(_with_clocks(user, rows, today), total, number, pages)


def queue_all(user: User, *, state: str = "", sender="", award_round=None, overdue_only=False, today=None):
    """Every row of the filtered queue (the Excel export)."""
    rows = _with_clocks(user, _rows(_queue_base(user, state=state, sender=sender, award_round=award_round)), today)
    return [d for d in rows if d.clock and d.clock.overdue] if overdue_only else rows


def queue_count(user: User, *, state: str = "", sender="", award_round=None) -> int:
    """How many rows the filtered queue has before its overdue filter (one COUNT)."""
    return _queue_base(user, state=state, sender=sender, award_round=award_round).count()


def queue_rounds(user: User) -> QuerySet[AwardRound]:
    if user.is_superuser:
        return AwardRound.objects.all()
    return AwardRound.objects.filter(
        dossiers__receiver_id=user.unit_id, dossiers__state__in=VISIBLE_TO_RECEIVER
    ).distinct()


# --------------------------------------------------------------------------- report data


def person_report_data(person: Person) -> dict:
    """What a báo cáo thành tích of a person is drafted from: profile, ratings, initiatives, awards by year."""
    return {
        "person": Person.objects.select_related("unit").get(pk=person.pk),
        "ratings": list(TaskRatingRecord.objects.filter(person=person).order_by("-school_year")),
        "initiatives": list(Initiative.objects.filter(person=person).order_by("-school_year", "id")),
        "records": list(
            AwardRecord.objects.filter(person=person)
            .select_related("award", "decision")
            .order_by("-school_year", "award__position", "id")
        ),
    }


def unit_report_data(unit: Unit) -> dict:
    return {
        "unit": unit,
        "ratings": list(TaskRatingRecord.objects.filter(person__isnull=True, unit=unit).order_by("-school_year")),
        "records": list(
            AwardRecord.objects.filter(person__isnull=True, unit=unit)
            .select_related("award", "decision")
            .order_by("-school_year", "award__position", "id")
        ),
        "members": Person.objects.filter(unit=unit, is_active=True).count(),
    }


def unit_accounts(unit: Unit, *, roles=("is_clerk", "is_unit_head")) -> list[User]:
    q = Q()
    for role in roles:
        q |= Q(**{role: True})
    return list(User.objects.filter(q, unit=unit, is_active=True))


def nominee_awarded_in_chain(nominee: Nominee) -> bool:
    """Whether the same proposal got its award at another level: a copy forwarded upward (decided
    there) or the nominee it was forwarded from (a result from above recorded on the lower dossier)."""
    copies = Nominee.objects.filter(pk=nominee.pk)
    for _level in range(4):  # school → Phòng → Sở → tỉnh/Bộ at most
        copies = Nominee.objects.filter(source__in=copies)
        if copies.filter(award_record__isnull=False).exists():
            return True
    source = nominee.source
    while source is not None:
        if source.award_record_id is not None:
            return True
        source = source.source
    return False
