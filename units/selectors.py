"""Every read of units, people and accounts that a user can see goes through here.

The scope: a user sees their own unit and, when a role reaches down
(``SUBTREE_ROLES``), every unit below it. System administrators see all.
An object outside the scope is simply absent from these querysets, so views
that fetch through them answer 404.
"""

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from common.text import fold
from units.models import AuditLog, Cluster, ImportBatch, Notification, Person, PersonTransfer, Unit, UnitEvent, User


def inherited_units(unit_id: int) -> QuerySet[Unit]:
    """The units merged (or split) into ``unit_id``, and the units merged into those: two generations
    of predecessors as one subquery, so a scope built on it costs no query of its own."""
    return Unit.objects.filter(
        Q(successor_events__unit_id=unit_id) | Q(successor_events__unit__successor_events__unit_id=unit_id)
    )


def unit_scope_q(user: User, *, prefix: str = "") -> Q:
    """A Q object restricting any model with a unit path at ``prefix`` to the user's scope.

    The scope follows the 2025 mergers: a unit's account also sees what it inherited (the units
    merged into it, with their subtrees for subtree roles: Vĩnh Long's Sở sees Bến Tre's schools).
    The inherited units are read first (``inherited_paths``: one query, kept on the user for the
    request), so the scope is plain path prefixes and ids, which the database answers from its index
    on the path, for the user's own subtree only. A scope that stays lazy (a subquery over the unit
    events tested on every row) makes the database read every unit of the country: at national scale
    (46,000 units) the Sở's people count took 150 ms that way, 37 ms with prefixes, and the
    province's units 27 ms, 2 ms with prefixes.
    """
    if not user.is_authenticated:
        return Q(pk__in=[])
    if user.is_superuser:
        return Q()
    if user.unit_id is None:
        return Q(pk__in=[])
    paths = inherited_paths(user)
    if user.sees_subtree:
        scope = Q(**{f"{prefix}path__startswith": user.unit.path})
        for path in paths:
            scope |= Q(**{f"{prefix}path__startswith": path})
        return scope
    return Q(**{f"{prefix}pk": user.unit_id}) | Q(**{f"{prefix}path__in": paths})


def inherited_paths(user: User) -> list[str]:
    """Paths of the units the user's unit inherited through mergers; one query, kept on the user
    object for the request (the predicates in ``units.rules`` ask it only when the plain path
    comparison fails)."""
    if not user.is_authenticated or user.unit_id is None:
        return []
    cached = getattr(user, "_inherited_paths", None)
    if cached is None:
        cached = user._inherited_paths = list(inherited_units(user.unit_id).values_list("path", flat=True))
    return cached


def visible_units(user: User) -> QuerySet[Unit]:
    return Unit.objects.filter(unit_scope_q(user))


def unit_subtree(unit: Unit, *, include_self: bool = True) -> QuerySet[Unit]:
    """The unit and everything below it, in one query at any depth."""
    qs = Unit.objects.filter(path__startswith=unit.path)
    return qs if include_self else qs.exclude(pk=unit.pk)


def unit_list(user: User, *, query: str = "", kind: str = "", parent: Unit | None = None) -> QuerySet[Unit]:
    qs = visible_units(user)
    if query:
        folded = fold(query)
        qs = qs.filter(Q(name_search__contains=folded) | Q(code__iexact=query.strip()))
    if kind:
        qs = qs.filter(kind=kind)
    if parent is not None:
        qs = qs.filter(path__startswith=parent.path, depth=parent.depth + 1)
    # A count per unit shown (a correlated subquery), not a join of every person in scope before the page is cut.
    active_people = (
        Person.objects.filter(unit=OuterRef("pk"), is_active=True)
        .order_by()
        .values("unit")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return qs.annotate(people_count=Coalesce(Subquery(active_people), 0)).order_by("name_sort")


def unit_get(user: User, pk: int) -> Unit:
    """Raises Unit.DoesNotExist outside the user's scope."""
    return visible_units(user).get(pk=pk)


def unit_children(unit: Unit) -> QuerySet[Unit]:
    return Unit.objects.filter(path__startswith=unit.path, depth=unit.depth + 1).order_by("name_sort")


def unit_ancestors(unit: Unit) -> list[Unit]:
    """From the root down to the parent, in one query."""
    steplen = Unit.steplen
    paths = [unit.path[:i] for i in range(steplen, len(unit.path), steplen)]
    return list(Unit.objects.filter(path__in=paths).order_by("depth"))


def unit_predecessors(unit: Unit) -> list[Unit]:
    """Every unit this one descends from through merges and splits, nearest first.

    Award history follows a unit through these links. One query per generation.
    """
    seen: dict[int, Unit] = {}
    frontier = [unit.pk]
    while frontier:
        found = list(
            Unit.objects.filter(successor_events__unit_id__in=frontier).exclude(pk__in=[*seen, unit.pk]).distinct()
        )
        frontier = [u.pk for u in found if u.pk not in seen]
        for predecessor in found:
            seen[predecessor.pk] = predecessor
    return list(seen.values())


def unit_events(unit: Unit) -> QuerySet:
    return unit.events.prefetch_related("predecessors").select_related("created_by")


def unit_successor_events(unit: Unit) -> QuerySet[UnitEvent]:
    """Merges and splits that name this unit as a predecessor ("merged into …")."""
    return UnitEvent.objects.filter(predecessors=unit).select_related("unit").order_by("date", "id")


def unit_visible_children(user: User, unit: Unit) -> QuerySet[Unit]:
    return (
        unit_children(unit)
        .filter(unit_scope_q(user))
        .annotate(people_count=Count("people", filter=Q(people__is_active=True)))
    )


def unit_people(unit: Unit) -> QuerySet[Person]:
    """People working in this very unit (not below it), in Vietnamese name order."""
    return Person.objects.filter(unit=unit, is_active=True).order_by("name_sort", "pk")


def unit_clusters(unit: Unit) -> QuerySet[Cluster]:
    """Clusters the unit organises, heads or belongs to."""
    return (
        Cluster.objects.filter(Q(organiser=unit) | Q(members=unit))
        .distinct()
        .select_related("organiser", "head_unit", "deputy_unit")
        .order_by("-school_year", "name")
    )


def unit_choices(user: User, *, exclude_subtree_of: Unit | None = None) -> QuerySet[Unit]:
    """Visible units for a select box: light columns, Vietnamese order."""
    qs = visible_units(user)
    if exclude_subtree_of is not None:
        qs = qs.exclude(path__startswith=exclude_subtree_of.path)
    return qs.only("pk", "name", "code", "path", "depth", "kind").order_by("name_sort")


def unit_restructure_choices(user: User, *, around: Unit) -> QuerySet[Unit]:
    """Units the user may merge into or split from ``around``: below the user's own unit,
    and neither ``around`` nor one of its ancestors."""
    steplen = Unit.steplen
    lineage = [around.path[:i] for i in range(steplen, len(around.path) + 1, steplen)]
    qs = unit_choices(user).exclude(path__in=lineage)
    return qs if user.is_superuser else qs.exclude(pk=user.unit_id)


def unit_export_rows(user: User, *, query: str = "", kind: str = "") -> list[tuple[Unit, str]]:
    """(unit, parent code) in tree order, parents before children: two queries."""
    units = list(unit_list(user, query=query, kind=kind).order_by("path"))
    steplen = Unit.steplen
    parent_paths = {u.path[:-steplen] for u in units if u.depth > 1}
    codes = dict(Unit.objects.filter(path__in=parent_paths).values_list("path", "code"))
    return [(u, codes.get(u.path[:-steplen], "") if u.depth > 1 else "") for u in units]


def person_list(
    user: User,
    *,
    query: str = "",
    unit: Unit | None = None,
    role: str = "",
    include_inactive: bool = False,
) -> QuerySet[Person]:
    qs = Person.objects.filter(unit_scope_q(user, prefix="unit__")).select_related("unit")
    if not include_inactive:
        qs = qs.filter(is_active=True)
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    if role:
        qs = qs.filter(role=role)
    if query:
        qs = qs.filter(name_search__contains=fold(query))
    return qs.order_by("name_sort", "pk")


def person_get(user: User, pk: int) -> Person:
    return (
        Person.objects.filter(unit_scope_q(user, prefix="unit__"))
        .select_related("unit")
        .prefetch_related("transfers__from_unit", "transfers__to_unit")
        .get(pk=pk)
    )


def person_transfers(person: Person) -> QuerySet[PersonTransfer]:
    return person.transfers.select_related("from_unit", "to_unit", "created_by").order_by("date", "id")


def cluster_list(user: User, *, school_year: int | None = None) -> QuerySet[Cluster]:
    """Clusters the user organises or belongs to (through any visible unit)."""
    # Membership as a subquery and the member count as a correlated count: a join to the members
    # with DISTINCT and GROUP BY over every column of three units costs more than the few clusters.
    scope = Unit.objects.filter(unit_scope_q(user)).values("pk")
    memberships = Cluster.members.through.objects.filter(unit__in=scope).values("cluster_id")
    qs = Cluster.objects.filter(Q(organiser__in=scope) | Q(pk__in=memberships))
    if school_year:
        qs = qs.filter(school_year=school_year)
    member_count = (
        Cluster.members.through.objects.filter(cluster_id=OuterRef("pk"))
        .order_by()
        .values("cluster_id")
        .annotate(n=Count("unit_id"))
        .values("n")
    )
    return (
        qs.select_related("organiser", "head_unit", "deputy_unit")
        .annotate(member_count=Coalesce(Subquery(member_count), 0))
        .order_by("-school_year", "name")
    )


def cluster_get(user: User, pk: int) -> Cluster:
    return (
        cluster_list(user).prefetch_related(Prefetch("members", queryset=Unit.objects.order_by("name_sort"))).get(pk=pk)
    )


def cluster_members(cluster: Cluster) -> QuerySet[Unit]:
    return cluster.members.order_by("name_sort")


def import_batches(user: User) -> QuerySet[ImportBatch]:
    """An import is private to the account that uploaded it: nobody else finds it (404)."""
    if not user.is_authenticated:
        return ImportBatch.objects.none()
    return ImportBatch.objects.filter(user=user).order_by("-created_at", "-id")


def accounts_for_unit(unit: Unit, *, roles: list[str]) -> QuerySet[User]:
    """Active accounts of a unit holding any of the given AccountRole values."""
    q = Q()
    for role in roles:
        q |= Q(**{User.ROLE_FIELDS[role]: True})
    return User.objects.filter(q, unit=unit, is_active=True)


def audit_log_for(obj) -> QuerySet[AuditLog]:
    from django.contrib.contenttypes.models import ContentType

    return AuditLog.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).select_related("actor")


def notifications_for(user: User, *, unread_only: bool = False) -> QuerySet[Notification]:
    qs = Notification.objects.filter(user=user)
    return qs.filter(read_at__isnull=True) if unread_only else qs


def unread_notification_count(user: User) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


# --------------------------------------------------------------------------- accounts


def account_list(user: User, *, query: str = "", unit: Unit | None = None, active: bool | None = None):
    """Accounts of the units the user manages (an officer: their subtree; an administrator: all)."""
    if not user.is_authenticated or not (user.is_superuser or user.is_officer):
        return User.objects.none()
    qs = User.objects.filter(Q(unit_scope_q(user, prefix="unit__")) if not user.is_superuser else Q())
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    if active is not None:
        qs = qs.filter(is_active=active)
    if query:
        folded = fold(query)
        qs = qs.filter(
            Q(username__icontains=query.strip())
            | Q(email__icontains=query.strip())
            | Q(full_name__icontains=query.strip())
            | Q(unit__name_search__contains=folded)
        )
    return qs.select_related("unit").order_by("unit__name_sort", "username")


def account_get(user: User, pk: int) -> User:
    return account_list(user).get(pk=pk)


def unit_picker(user: User, *, query: str, limit: int = 15) -> list[Unit]:
    """Units matching a typed name or code, for the search-as-you-type picker (not a select of all)."""
    query = (query or "").strip()
    if not query:
        return []
    folded = fold(query)
    qs = visible_units(user).filter(Q(name_search__contains=folded) | Q(code__icontains=query))
    return list(qs.only("pk", "name", "code", "path", "depth", "kind").order_by("depth", "name_sort")[:limit])


def people_without_account(user: User, *, query: str = "", unit: Unit | None = None) -> QuerySet[Person]:
    """Active people in scope who hold no account yet: the bulk account page."""
    return person_list(user, query=query, unit=unit).filter(account__isnull=True)


def accounts_with_roles(units, *, roles: list[str]) -> QuerySet[User]:
    """Active accounts of any of ``units`` (a queryset or list) holding any of the roles: who hears
    of an event (``units.notifications``)."""
    q = Q()
    for role in roles:
        q |= Q(**{User.ROLE_FIELDS[role]: True})
    return User.objects.filter(q, unit__in=units, is_active=True).order_by("pk")
