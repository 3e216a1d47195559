"""Every read of the councils, scoped to the user and prefetched.

A council and its sessions are seen by its members and by the officers, heads and leaders of
its unit; anyone else gets nothing (the views answer 404).
"""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from campaigns.models import Campaign
from councils.enums import MemberRole, SessionState
from councils.models import AgendaItem, Council, CouncilMember, Session, SessionAttendance, SessionFile
from dossiers.enums import AppraisalResult, CouncilResult, DossierState
from dossiers.models import Nominee
from units.models import User


def _manages_q(user: User, prefix: str) -> Q:
    """Councils of the user's own unit, for its officers, heads and leaders."""
    if not (user.is_officer or user.is_unit_head or user.is_leader) or user.unit_id is None:
        return Q(pk__in=[])
    return Q(**{f"{prefix}unit_id": user.unit_id})


def council_queryset(user: User) -> QuerySet[Council]:
    qs = Council.objects.select_related("unit")
    if not user.is_authenticated:
        return qs.none()
    if user.is_superuser:
        return qs
    seat = CouncilMember.objects.filter(council=OuterRef("pk"), user=user)
    return qs.filter(_manages_q(user, "") | Q(Exists(seat)))


def council_list(user: User) -> QuerySet[Council]:
    return council_queryset(user).annotate(member_count=Count("members", distinct=True))


def council_get(user: User, pk: int) -> Council:
    return (
        council_queryset(user)
        .prefetch_related(
            Prefetch("members", queryset=CouncilMember.objects.select_related("user__unit")),
            Prefetch("sessions", queryset=Session.objects.order_by("-date", "-id")),
        )
        .get(pk=pk)
    )


def session_queryset(user: User) -> QuerySet[Session]:
    qs = Session.objects.select_related("council__unit")
    if not user.is_authenticated:
        return qs.none()
    if user.is_superuser:
        return qs
    seat = CouncilMember.objects.filter(council=OuterRef("council_id"), user=user)
    return qs.filter(_manages_q(user, "council__") | Q(Exists(seat)))


def session_get(user: User, pk: int) -> Session:
    return (
        session_queryset(user)
        .select_related("minutes_entry", "count_entry")
        .prefetch_related(
            Prefetch(
                "items",
                queryset=AgendaItem.objects.select_related(
                    "award", "nominee__person", "nominee__collective", "nominee__dossier__unit"
                ),
            ),
            Prefetch(
                "attendances", queryset=SessionAttendance.objects.select_related("member__user").order_by("member_id")
            ),
            "receipts",
            "acts__actor",
            "files",
            "transitions__actor",
        )
        .get(pk=pk)
    )


def member_get(user: User, pk: int) -> CouncilMember:
    return CouncilMember.objects.select_related("council__unit", "user").get(pk=pk, council__in=council_queryset(user))


def item_get(user: User, pk: int) -> AgendaItem:
    return AgendaItem.objects.select_related(
        "session__council__unit", "nominee__person", "nominee__collective", "award"
    ).get(pk=pk, session__in=session_queryset(user))


def file_get(user: User, pk: int) -> SessionFile:
    return SessionFile.objects.select_related("session").get(pk=pk, session__in=session_queryset(user))


def seat_of(user: User, council: Council) -> CouncilMember | None:
    if not user.is_authenticated:
        return None
    return CouncilMember.objects.filter(council=council, user=user).select_related("user").first()


def is_secretary(user: User, council: Council) -> bool:
    return (
        user.is_authenticated
        and CouncilMember.objects.filter(council=council, user=user, role=MemberRole.SECRETARY).exists()
    )


def has_council(user: User) -> bool:
    """Whether the councils menu shows: a seat on a council, or a unit whose councils the user manages."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.is_officer or user.is_unit_head or user.is_leader:
        return True  # they manage or read their unit's councils (the list may be empty)
    if not user.is_council_member:
        return False  # members are seated from accounts with the council role: no query on every page
    return CouncilMember.objects.filter(user=user).exists()


def pending_nominees(council: Council) -> QuerySet[Nominee]:
    """The nominees this council votes on: found qualified in a dossier sent to its unit for its
    school year, appraised, without a council result, and not on the agenda of another session
    still to be held."""
    on_agenda = AgendaItem.objects.filter(nominee=OuterRef("pk")).exclude(session__state=SessionState.CLOSED)
    return (
        Nominee.objects.filter(
            dossier__receiver=council.unit,
            dossier__round__school_year=council.school_year,
            dossier__state=DossierState.APPRAISED,
            appraisal=AppraisalResult.QUALIFIED,
            council_result=CouncilResult.PENDING,
        )
        .exclude(Exists(on_agenda))
        .select_related("award", "person", "collective", "dossier__unit")
        .order_by("dossier__unit__name_sort", "award__position", "position", "id")
    )


SEATABLE = Q(is_council_member=True) | Q(is_unit_head=True) | Q(is_leader=True) | Q(is_officer=True)


def member_candidates(council: Council) -> QuerySet[User]:
    """Active accounts of the council's unit and the units under it, not yet on the council, that hold the
    council-member role (or lead or run the unit: heads, leaders and officers sit as chair or secretary)."""
    return (
        User.objects.filter(is_active=True, unit__path__startswith=council.unit.path)
        .filter(SEATABLE)
        .exclude(council_seats__council=council)
        .select_related("unit")
        .order_by("unit__depth", "full_name", "username")
    )


def my_open_sessions(user: User) -> QuerySet[Session]:
    """The sessions voting now in which the user has a seat (the ballot page's list)."""
    if not user.is_authenticated:
        return Session.objects.none()
    return Session.objects.filter(state=SessionState.OPEN, council__members__user=user).select_related("council")


def place_name(unit) -> str:
    """The địa danh of the unit's documents: the place its campaigns are issued at, else its name."""
    place = Campaign.objects.filter(issuer=unit).exclude(issued_place="").values_list("issued_place", flat=True).first()
    return place or unit.name
