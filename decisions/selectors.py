"""Every read of award decisions: scoped to the user (outside the scope → 404), prefetched.

A decision is seen by the officers, heads and leaders of its issuing unit only. While its list
is publicly disclosed, the accounts of the units concerned (the nominees' units) see that list.
"""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from decisions.enums import HOLDING_STATES, DecisionState
from decisions.models import AwardDecision, DecisionLine, DecisionTransition, DisclosureComment
from dossiers.enums import AppraisalResult, CouncilResult, DossierState
from dossiers.models import Dossier, Nominee
from dossiers.selectors import nominee_awarded_in_chain
from units.models import Unit, User

LINE_RELATED = (
    "award",
    "nominee__person__unit",
    "nominee__collective",
    "nominee__dossier__unit",
    "nominee__dossier__round",
    "nominee__award_record",
)
NOMINEE_RELATED = ("person__unit", "collective", "award", "dossier__unit", "dossier__round")


def works_on_decisions(user: User) -> bool:
    """Officers, heads and leaders of a unit prepare, issue or read its decisions."""
    return user.is_authenticated and (
        user.is_superuser or (user.unit_id is not None and (user.is_officer or user.is_unit_head or user.is_leader))
    )


def decision_scope_q(user: User, *, prefix: str = "") -> Q:
    if not user.is_authenticated:
        return Q(pk__in=[])
    if user.is_superuser:
        return Q()
    if not works_on_decisions(user):
        return Q(pk__in=[])
    return Q(**{f"{prefix}issuer_unit_id": user.unit_id})


def decision_list(user: User, *, state: str = "") -> QuerySet[AwardDecision]:
    """The user's unit's decisions with their number of lines and cash total: one query."""
    qs = (
        AwardDecision.objects.filter(decision_scope_q(user))
        .select_related("issuer_unit", "decision")
        .annotate(line_count=Count("lines"), cash_total=Sum("lines__cash_amount"))
        .order_by("-created_at", "-id")
    )
    if state in DecisionState.values:
        qs = qs.filter(state=state)
    return qs


def _lines() -> Prefetch:
    return Prefetch("lines", queryset=DecisionLine.objects.select_related(*LINE_RELATED))


def decision_get(user: User, pk: int) -> AwardDecision:
    """The decision with everything its page shows, in a fixed number of queries."""
    return (
        AwardDecision.objects.filter(decision_scope_q(user))
        .select_related("issuer_unit", "decision", "register_entry")
        .prefetch_related(
            _lines(),
            Prefetch("comments", queryset=DisclosureComment.objects.select_related("author", "unit")),
            Prefetch("transitions", queryset=DecisionTransition.objects.select_related("actor")),
        )
        .get(pk=pk)
    )


def decision_for_document(decision: AwardDecision) -> AwardDecision:
    """The same decision reloaded for printing (services call it after writing)."""
    return (
        AwardDecision.objects.select_related("issuer_unit", "decision").prefetch_related(_lines()).get(pk=decision.pk)
    )


def line_get(decision: AwardDecision, pk: int) -> DecisionLine:
    return decision.lines.select_related(*LINE_RELATED).get(pk=pk)


def candidates(unit: Unit) -> QuerySet[Nominee]:
    """The nominees the unit's council approved on dossiers sent to the unit, not awarded yet and
    not on another decision of the unit (a draft, a disclosed list or an issued decision)."""
    return (
        Nominee.objects.filter(
            dossier__receiver=unit,
            dossier__state=DossierState.APPRAISED,
            appraisal=AppraisalResult.QUALIFIED,
            council_result=CouncilResult.APPROVED,
            award_record__isnull=True,
        )
        .exclude(decision_lines__decision__state__in=HOLDING_STATES)
        .select_related(*NOMINEE_RELATED)
        .order_by("award__position", "dossier__unit__name_sort", "position", "id")
    )


def nominee_taken(nominee: Nominee, *, other_than: AwardDecision | None = None) -> bool:
    """Whether another decision in progress or issued already lists the nominee."""
    lines = DecisionLine.objects.filter(nominee=nominee, decision__state__in=HOLDING_STATES)
    if other_than is not None:
        lines = lines.exclude(decision=other_than)
    return lines.exists()


def awarded_elsewhere(nominee: Nominee) -> bool:
    return nominee_awarded_in_chain(nominee)


def root_unit(nominee: Nominee) -> Unit:
    """The unit that first proposed the nominee: a person's unit at the time of the achievement
    (the person may have moved since), kept through forwarding upward."""
    while nominee.source_id is not None:
        nominee = nominee.source
    return nominee.dossier.unit


def concerned_units(decision: AwardDecision) -> QuerySet[Unit]:
    """The nominees' units: a person's unit, the collective itself, and the proposing unit."""
    lines = decision.lines.all()
    return Unit.objects.filter(
        Q(pk__in=lines.values("nominee__person__unit"))
        | Q(pk__in=lines.values("nominee__collective"))
        | Q(pk__in=lines.values("nominee__dossier__unit"))
    ).order_by("name_sort")


def _concerned_q(user: User) -> Q:
    return (
        Q(lines__nominee__person__unit_id=user.unit_id)
        | Q(lines__nominee__collective_id=user.unit_id)
        | Q(lines__nominee__dossier__unit_id=user.unit_id)
    )


def disclosures(user: User) -> QuerySet[AwardDecision]:
    """Lists being disclosed that concern the user's unit (or issued by it)."""
    if not user.is_authenticated:
        return AwardDecision.objects.none()
    qs = AwardDecision.objects.filter(state=DecisionState.DISCLOSED)
    if not user.is_superuser:
        if user.unit_id is None:
            return AwardDecision.objects.none()
        qs = qs.filter(_concerned_q(user) | Q(issuer_unit_id=user.unit_id))
    ids = qs.values("pk").distinct()
    return (
        AwardDecision.objects.filter(pk__in=ids)
        .select_related("issuer_unit")
        .annotate(line_count=Count("lines"))
        .order_by("disclosure_ends_at", "id")
    )


def disclosure_get(user: User, pk: int) -> AwardDecision:
    return (
        disclosures(user)
        .prefetch_related(
            _lines(), Prefetch("comments", queryset=DisclosureComment.objects.select_related("author", "unit"))
        )
        .get(pk=pk)
    )


def disclosure_open(decision: AwardDecision, *, now=None) -> bool:
    now = now or timezone.now()
    return (
        decision.state == DecisionState.DISCLOSED
        and decision.disclosure_ends_at is not None
        and now < decision.disclosure_ends_at
    )


def user_is_concerned(user: User, decision: AwardDecision) -> bool:
    return AwardDecision.objects.filter(_concerned_q(user), pk=decision.pk).exists()


# --------------------------------------------------------------------------- results from above


def forwarded_dossiers(user: User) -> QuerySet[Dossier]:
    """The dossiers the user's unit forwarded upward: their results come from above."""
    if not user.is_authenticated or not (user.is_superuser or (user.is_officer and user.unit_id)):
        return Dossier.objects.none()
    qs = Dossier.objects.filter(state=DossierState.FORWARDED)
    if not user.is_superuser:
        qs = qs.filter(receiver_id=user.unit_id)
    return qs.select_related("unit", "round", "forwarded_to").annotate(nominee_count=Count("nominees"))


def forwarded_dossier_get(user: User, pk: int) -> Dossier:
    return forwarded_dossiers(user).get(pk=pk)


def awaiting_result(dossier: Dossier) -> list[Nominee]:
    """The qualified nominees of a forwarded dossier still waiting for their result."""
    nominees = (
        dossier.nominees.filter(appraisal=AppraisalResult.QUALIFIED, award_record__isnull=True)
        .exclude(council_result=CouncilResult.NOT_APPROVED)
        .select_related(*NOMINEE_RELATED)
    )
    return [n for n in nominees if not nominee_awarded_in_chain(n)]


# --------------------------------------------------------------------------- export


@dataclass(frozen=True)
class Totals:
    count: int
    cash: int


def totals(lines) -> Totals:
    return Totals(count=len(lines), cash=sum(line.cash_amount or 0 for line in lines))


def units_with_candidates() -> QuerySet[Unit]:
    """Units holding nominees their council approved and no decision lists yet (the demo's issuers)."""
    waiting = Nominee.objects.filter(
        dossier__state=DossierState.APPRAISED,
        appraisal=AppraisalResult.QUALIFIED,
        council_result=CouncilResult.APPROVED,
        award_record__isnull=True,
    ).exclude(decision_lines__decision__state__in=HOLDING_STATES)
    return Unit.objects.filter(pk__in=waiting.values("dossier__receiver")).order_by("path")
