"""Every read of the catalogue and the award history, scoped to what the user sees.

The fact loaders (``people_facts``, ``unit_facts``, ``load_catalogue``) turn rows into
the plain dataclasses of ``awards.eligibility`` with a fixed number of queries,
whatever the number of people: the engine then works in Python only.
"""

import datetime
import heapq
import itertools
from collections import defaultdict

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce

from awards.eligibility import (
    AwardSpec,
    Catalogue,
    InitiativeFact,
    PeriodFact,
    PersonFacts,
    RecordFact,
    RestrictionFact,
    RuleSpec,
    UnitFacts,
    cyclic_gc_paused,
)
from awards.enums import AwardKind, Subject
from awards.models import (
    Award,
    AwardRecord,
    AwardRule,
    BaseSalary,
    Decision,
    Initiative,
    Restriction,
    ServicePeriod,
    TaskRatingRecord,
)
from common.dates import school_year_label
from common.text import fold
from units.enums import ImportKind
from units.models import ImportBatch, Person, Unit, User
from units.selectors import import_batches, unit_predecessors, unit_scope_q


def decision_number_key(number: str) -> str:
    """ "123/QĐ-SGDĐT" and "123/qd-sgddt " compare equal."""
    return fold(number).replace(" ", "")


# --------------------------------------------------------------------------- catalogue


def award_list(*, kind: str = "", query: str = "") -> QuerySet[Award]:
    qs = Award.objects.annotate(rule_count=Count("rules"))
    if kind:
        qs = qs.filter(kind=kind)
    if query:
        qs = qs.filter(Q(name_search__contains=fold(query)) | Q(code__iexact=query.strip()))
    return qs.order_by("position", "code")


def award_get(code: str) -> Award:
    return Award.objects.prefetch_related(
        Prefetch("rules", queryset=AwardRule.objects.select_related("scope").order_by("position", "valid_from", "id"))
    ).get(code=code)


def award_choices(
    *, subject: str = "", judged_only: bool = False, on_date: datetime.date | None = None
) -> QuerySet[Award]:
    """Awards given to ``subject`` (individual or collective; both when empty), in catalogue order.

    ``judged_only`` leaves out state honours, which no unit proposes or registers for here.
    ``on_date`` leaves out the forms that did not exist that day: the Giấy khen của Chủ tịch UBND
    cấp huyện (``GK_HUYEN``) ended with the district level on 30/6/2025.
    """
    qs = Award.objects.all()
    if on_date is not None:
        qs = qs.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on_date)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=on_date)
        )
    if subject:
        qs = qs.filter(subject__in=[subject, Subject.BOTH])
    if judged_only:
        qs = qs.exclude(kind=AwardKind.STATE)
    return qs.order_by("position", "code")


def award_code_choices(*, subject: str = "", judged_only: bool = False) -> list[tuple[str, str]]:
    """``(code, name)`` pairs for a select; ``judged_only`` leaves out state honours (not judged here)."""
    return list(award_choices(subject=subject, judged_only=judged_only).values_list("code", "name"))


def visible_rules(user: User, award: Award) -> list[AwardRule]:
    """The award's rules the user may read: national ones, and local ones of their unit's
    line (a scope above their unit, or below it for those who see their subtree).

    ``award`` comes from ``award_get`` (rules and scopes prefetched): no query here.
    """
    unit_path = user.unit.path if user.unit_id else ""
    return [
        rule
        for rule in award.rules.all()
        if rule.scope_id is None
        or user.is_superuser
        or unit_path.startswith(rule.scope.path)
        or (user.sees_subtree and unit_path and rule.scope.path.startswith(unit_path))
    ]


def load_catalogue() -> Catalogue:
    """Every award and every rule (national and local), in two queries."""
    awards = {
        a.code: AwardSpec(
            code=a.code,
            name=a.name,
            kind=a.kind,
            subject=a.subject,
            valid_from=a.valid_from,
            valid_to=a.valid_to,
            legal_basis=a.legal_basis,
            ended_by=a.ended_by,
            suggest=a.suggest,
            position=a.position,
        )
        for a in Award.objects.order_by("position", "code")
    }
    rules: dict[str, list[RuleSpec]] = defaultdict(list)
    for r in AwardRule.objects.select_related("award", "scope").order_by("position", "valid_from", "id"):
        rules[r.award.code].append(
            RuleSpec(
                award_code=r.award.code,
                kind=r.kind,
                params=r.params,
                description=r.description,
                citation=r.citation,
                valid_from=r.valid_from,
                valid_to=r.valid_to,
                scope_path=r.scope.path if r.scope_id else "",
                scope_name=r.scope.name if r.scope_id else "",
                applies_to=r.applies_to,
                confirmed=r.citation_confirmed,
                id=r.pk,
                position=r.position,
            )
        )
    return Catalogue(awards=awards, rules=dict(rules))


def overlapping_rules(
    *, award: Award, kind: str, scope: Unit | None, applies_to: str, valid_from, valid_to, exclude_pk=None
) -> QuerySet[AwardRule]:
    """Rules of the same award, kind, scope and subject whose validity overlaps [from, to]."""
    qs = AwardRule.objects.filter(award=award, kind=kind, scope=scope, applies_to=applies_to)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    qs = qs.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=valid_from))
    if valid_to is not None:
        qs = qs.filter(valid_from__lte=valid_to)
    return qs


# --------------------------------------------------------------------------- facts


def people_facts(people: QuerySet[Person]) -> dict[int, PersonFacts]:
    """Facts of every person in ``people`` (in its order), in six queries."""
    ids = people.values("pk")
    facts = {
        pk: PersonFacts(id=pk, name=name, unit_id=unit_id, unit_path=path, sector_start_year=start)
        for pk, name, unit_id, path, start in people.values_list(
            "pk", "full_name", "unit_id", "unit__path", "sector_start_year"
        )
    }
    if not facts:
        return facts
    for person_id, code, year, award_type, number, date, pk in (
        AwardRecord.objects.in_force()
        .filter(person__in=ids)
        .order_by("school_year", "id")
        .values_list(
            "person_id", "award__code", "school_year", "award_type", "decision__number", "decision__date", "pk"
        )
    ):
        facts[person_id].records.append(RecordFact(code, year, award_type, number, date, pk))
    for person_id, year, rating in TaskRatingRecord.objects.filter(person__in=ids).values_list(
        "person_id", "school_year", "rating"
    ):
        facts[person_id].ratings[year] = rating
    for person_id, kind, start, end, level in Restriction.objects.filter(person__in=ids).values_list(
        "person_id", "kind", "start", "end", "level"
    ):
        facts[person_id].restrictions.append(RestrictionFact(kind, start, end, level))
    for row in (
        Initiative.objects.filter(person__in=ids)
        .order_by("school_year", "id")
        .values_list(
            "person_id",
            "title",
            "effect_scope",
            "school_year",
            "used_for_id",
            "used_for__award__name",
            "used_for__school_year",
            "pk",
        )
    ):
        person_id, title, scope, year, used_id, used_name, used_year, pk = row
        used = f"{used_name} {school_year_label(used_year)}" if used_id else ""
        facts[person_id].initiatives.append(InitiativeFact(title, scope, year, used, used_id, pk))
    for person_id, kind, start, end in ServicePeriod.objects.filter(person__in=ids).values_list(
        "person_id", "kind", "start", "end"
    ):
        facts[person_id].periods.append(PeriodFact(kind, start, end))
    return facts


def person_facts(person: Person) -> PersonFacts:
    return people_facts(Person.objects.filter(pk=person.pk))[person.pk]


def unit_members(unit: Unit) -> QuerySet[Person]:
    return Person.objects.filter(unit=unit, is_active=True).order_by("name_sort", "pk")


def unit_member_choices(unit: Unit) -> list[tuple[int, str]]:
    """``(pk, full name)`` of the unit's active members, in name order."""
    return list(unit_members(unit).values_list("pk", "full_name"))


def unit_members_by_pk(unit: Unit, pks) -> list[Person]:
    """The unit's active members among ``pks``, in name order (others are ignored)."""
    return list(unit_members(unit).filter(pk__in=pks))


def unit_award_counts(unit: Unit, school_year: int) -> dict[str, int]:
    """Records of each award in the unit (its people and itself) for one school year."""
    return dict(
        AwardRecord.objects.in_force()
        .filter(unit=unit, school_year=school_year)
        .values("award__code")
        .annotate(n=Count("id"))
        .values_list("award__code", "n")
    )


def unit_lineages(units: list[Unit]) -> dict[int, list[int]]:
    """Each unit's id followed by its merge/split predecessors' ids, for many units at once.

    One query per generation of predecessors, whatever the number of units (the batch
    counterpart of ``units.selectors.unit_predecessors``).
    """
    lineages = {u.pk: [u.pk] for u in units}
    frontier = {u.pk: {u.pk} for u in units}  # unit -> ids whose predecessors are still to find
    while any(frontier.values()):
        wanted = set().union(*frontier.values())
        edges: dict[int, set[int]] = defaultdict(set)
        for successor, predecessor in Unit.objects.filter(successor_events__unit_id__in=wanted).values_list(
            "successor_events__unit_id", "pk"
        ):
            edges[successor].add(predecessor)
        for unit_id, ids in frontier.items():
            found = {p for i in ids for p in edges.get(i, ())} - set(lineages[unit_id])
            lineages[unit_id].extend(sorted(found))
            frontier[unit_id] = found
    return lineages


def units_facts(units: list[Unit], *, school_year: int, with_members: bool = True) -> dict[int, UnitFacts]:
    """Facts of many units (their own history with merge predecessors, members' facts,
    the year's award counts) in a fixed number of queries, whatever the number of units
    and people: the batch loader of province-wide suggestions."""
    with cyclic_gc_paused():
        return _units_facts(units, school_year=school_year, with_members=with_members)


def _units_facts(units: list[Unit], *, school_year: int, with_members: bool) -> dict[int, UnitFacts]:
    facts = {u.pk: UnitFacts(id=u.pk, name=u.name, path=u.path) for u in units}
    if not facts:
        return facts
    lineages = unit_lineages(units)
    heirs: dict[int, list[int]] = defaultdict(list)  # lineage member -> units whose history includes it
    for unit_id, lineage in lineages.items():
        for member in lineage:
            heirs[member].append(unit_id)
    for owner, code, year, award_type, number, date, pk in (
        AwardRecord.objects.in_force()
        .filter(person__isnull=True, unit_id__in=list(heirs))
        .order_by("school_year", "id")
        .values_list("unit_id", "award__code", "school_year", "award_type", "decision__number", "decision__date", "pk")
    ):
        for unit_id in heirs[owner]:
            facts[unit_id].records.append(RecordFact(code, year, award_type, number, date, pk))
    ratings = TaskRatingRecord.objects.filter(person__isnull=True, unit_id__in=list(heirs)).values_list(
        "unit_id", "school_year", "rating"
    )
    # A unit's own rating wins over a predecessor's for the same year: apply its own last.
    for owner, year, rating in sorted(ratings, key=lambda row: row[0] in facts):
        for unit_id in heirs[owner]:
            if owner == unit_id or year not in facts[unit_id].ratings:
                facts[unit_id].ratings[year] = rating
    for unit_id, kind, start, end, level in Restriction.objects.filter(
        person__isnull=True, unit_id__in=list(facts)
    ).values_list("unit_id", "kind", "start", "end", "level"):
        facts[unit_id].restrictions.append(RestrictionFact(kind, start, end, level))
    if with_members:
        members = Person.objects.filter(unit_id__in=list(facts), is_active=True).order_by("name_sort", "pk")
        for person in people_facts(members).values():
            facts[person.unit_id].members.append(person)
    for unit_id, code, n in (
        AwardRecord.objects.in_force()
        .filter(unit_id__in=list(facts), school_year=school_year)
        .values("unit_id", "award__code")
        .annotate(n=Count("id"))
        .values_list("unit_id", "award__code", "n")
    ):
        facts[unit_id].award_counts[code] = n
    return facts


def unit_facts(unit: Unit, *, school_year: int, with_members: bool = True) -> UnitFacts:
    """One unit's facts; the same fixed number of queries for 10 or 300 members."""
    return units_facts([unit], school_year=school_year, with_members=with_members)[unit.pk]


# --------------------------------------------------------------------------- history pages


def person_history(person: Person) -> dict:
    """Everything recorded about a person, wherever they worked at the time."""
    return {
        "records": list(
            AwardRecord.objects.filter(person=person)
            .select_related("award", "decision", "unit")
            .prefetch_related("initiatives_used")
            .order_by("-school_year", "award__position", "id")
        ),
        "ratings": list(TaskRatingRecord.objects.filter(person=person).select_related("unit")),
        "restrictions": list(Restriction.objects.filter(person=person)),
        "initiatives": list(Initiative.objects.filter(person=person).select_related("used_for__award", "unit")),
        "periods": list(ServicePeriod.objects.filter(person=person)),
    }


def unit_history(unit: Unit) -> dict:
    """A unit's collective history including its predecessors, and its people's awards while there."""
    predecessors = unit_predecessors(unit)
    lineage = [unit.pk, *(u.pk for u in predecessors)]
    return {
        "predecessors": predecessors,
        "collective": list(
            AwardRecord.objects.filter(person__isnull=True, unit_id__in=lineage)
            .select_related("award", "decision", "unit")
            .prefetch_related("initiatives_used")
            .order_by("-school_year", "award__position", "id")
        ),
        "individual": list(
            AwardRecord.objects.filter(person__isnull=False, unit_id__in=lineage)
            .select_related("award", "decision", "person", "unit")
            .prefetch_related("initiatives_used")
            .order_by("-school_year", "award__position", "person__name_sort", "id")[:500]
        ),
        "ratings": list(
            TaskRatingRecord.objects.filter(person__isnull=True, unit_id__in=lineage).select_related("unit")
        ),
        "restrictions": list(Restriction.objects.filter(person__isnull=True, unit=unit)),
    }


def history_scope_q(user: User) -> Q:
    """Records of units the user sees, and records of people now in those units."""
    return unit_scope_q(user, prefix="unit__") | unit_scope_q(user, prefix="person__unit__")


def _history_filtered(
    user: User, *, unit: Unit | None, award: str, year: int | None, decision: str
) -> QuerySet[AwardRecord]:
    """The records in the user's scope that pass every filter but the name."""
    if user.is_superuser or user.sees_subtree:
        qs = AwardRecord.objects.filter(history_scope_q(user))
    else:
        # One school's records are a few hundred: read first, as two indexed lookups (the unit's
        # records, its people's), the name and the order then apply to those. One filter with "the
        # record's unit or its person's unit" is an OR across two joined tables, which the database
        # answers by scanning every record in the country. (For a subtree the id list grows to
        # thousands and costs more than that scan.)
        ids = set(AwardRecord.objects.filter(unit_scope_q(user, prefix="unit__")).values_list("pk", flat=True))
        ids |= set(AwardRecord.objects.filter(unit_scope_q(user, prefix="person__unit__")).values_list("pk", flat=True))
        qs = AwardRecord.objects.filter(pk__in=sorted(ids))
    if unit is not None:
        paths = Q(unit__path__startswith=unit.path)
        for predecessor in unit_predecessors(unit):
            paths |= Q(unit=predecessor)
        qs = qs.filter(paths)
    if award:
        qs = qs.filter(award__code=award)
    if year:
        qs = qs.filter(school_year=year)
    if decision:
        qs = qs.filter(decision__number_key__contains=decision_number_key(decision))
    return qs


def _named(folded: str) -> tuple[QuerySet, list[int]]:
    """The people (a subquery) and the units (ids: a handful) whose folded names contain ``folded``;
    on PostgreSQL both ``LIKE '%…%'`` are served by trigram indexes (``units`` migration 0006)."""
    people = Person.objects.filter(name_search__contains=folded).values("pk")
    return people, list(Unit.objects.filter(name_search__contains=folded).values_list("pk", flat=True))


_RECORD_ORDER = ("sort_name", "-school_year", "award__position", "id")


def history_search(
    user: User,
    *,
    query: str = "",
    unit: Unit | None = None,
    award: str = "",
    year: int | None = None,
    decision: str = "",
) -> QuerySet[AwardRecord]:
    """Award records by name (diacritic-insensitive), unit, award, school year and decision number,
    in Vietnamese name order: every match, for the export and the history of one person or unit.
    The search page reads one page at a time through ``history_search_ids``.
    """
    qs = _history_filtered(user, unit=unit, award=award, year=year, decision=decision)
    if query:
        people, named_units = _named(fold(query))
        qs = qs.filter(Q(person__in=people) | Q(person__isnull=True, unit__in=named_units))
    return (
        qs.select_related("award", "decision", "person", "unit")
        .prefetch_related("initiatives_used")
        .annotate(sort_name=Coalesce(F("person__name_sort"), F("unit__name_sort")))
        .order_by(*_RECORD_ORDER)
    )


class RecordIds:
    """The ids of a name search's records in ``history_search``'s order, for a paginator: sliced
    and counted without sorting every match.

    People's records and units' (collective) records are two queries, each ordered by its own name
    column, which the database reads in index order and stops after the page: one query ordered by
    "the person's or else the unit's name" must first sort every match of a common name ("Nguyễn",
    "Thị": thousands in a province). A page's ids are the two streams merged (sort keys are plain
    ASCII strings: Python orders them as the database does). ``capped_count`` counts up to a cap.
    """

    _KEY = ("pk", "sort_name", "school_year", "award__position")

    def __init__(self, personal: QuerySet[AwardRecord], collective: QuerySet[AwardRecord]):
        self.personal = personal.annotate(sort_name=F("person__name_sort")).order_by(*_RECORD_ORDER)
        self.collective = collective.annotate(sort_name=F("unit__name_sort")).order_by(*_RECORD_ORDER)

    def capped_count(self, cap: int) -> int:
        found = self.personal.order_by().values("pk")[: cap + 1].count()
        if found <= cap:
            found += self.collective.order_by().values("pk")[: cap + 1 - found].count()
        return found

    def __getitem__(self, key: slice) -> list[int]:
        stop = key.stop
        streams = [list(qs.values_list(*self._KEY)[:stop]) for qs in (self.personal, self.collective)]
        merged = heapq.merge(*streams, key=lambda row: (row[1], -row[2], row[3], row[0]))
        return [row[0] for row in itertools.islice(merged, key.start, stop)]


def history_search_ids(
    user: User,
    *,
    query: str = "",
    unit: Unit | None = None,
    award: str = "",
    year: int | None = None,
    decision: str = "",
) -> RecordIds:
    """``history_search``'s records as ``RecordIds`` (the search page pages over these, then reads
    its twenty rows with ``award_records_in_order``)."""
    qs = _history_filtered(user, unit=unit, award=award, year=year, decision=decision)
    personal, collective = qs.filter(person__isnull=False), qs.filter(person__isnull=True)
    if query:
        people, named_units = _named(fold(query))
        personal, collective = personal.filter(person__in=people), collective.filter(unit__in=named_units)
    return RecordIds(personal, collective)


def award_records_in_order(ids: list[int]) -> list[AwardRecord]:
    """The records of ``ids`` in that order, with what a search result shows: a page of a search is
    paged over ids alone (no join the page does not sort by), then its twenty rows are read here."""
    found = (
        AwardRecord.objects.filter(pk__in=ids)
        .select_related("award", "decision", "person", "unit")
        .prefetch_related("initiatives_used")
        .in_bulk()
    )
    return [found[pk] for pk in ids if pk in found]


def visible_person(user: User, pk: int) -> Person:
    """Raises Person.DoesNotExist outside the user's scope."""
    return Person.objects.filter(unit_scope_q(user, prefix="unit__")).select_related("unit").get(pk=pk)


def unit_staff_count(unit: Unit) -> int:
    return Person.objects.filter(unit=unit).count()


def visible_unit(user: User, pk: int) -> Unit:
    return Unit.objects.filter(unit_scope_q(user)).get(pk=pk)


def visible_units_by_code(user: User, code: str) -> Unit | None:
    return Unit.objects.filter(unit_scope_q(user), code__iexact=code.strip()).first()


def base_salary_on(date: datetime.date) -> BaseSalary | None:
    """The base salary in force on ``date`` (the latest one valid from it or before)."""
    return BaseSalary.objects.filter(valid_from__lte=date).order_by("-valid_from").first()


def cash_amount(award: Award, date: datetime.date) -> int | None:
    """The cash reward of ``award`` decided on ``date``: multiplier × base salary, in đồng.

    None when the catalogue gives the award no cash reward or no base salary is known then.
    """
    salary = base_salary_on(date)
    if award.cash_multiplier is None or salary is None:
        return None
    return int((award.cash_multiplier * salary.amount).to_integral_value())


def decision_find(*, issuer: str, number: str, year: int) -> Decision | None:
    return Decision.objects.filter(issuer_key=fold(issuer), number_key=decision_number_key(number), year=year).first()


def initiatives_for(person: Person, *, free_only: bool = False) -> QuerySet[Initiative]:
    qs = Initiative.objects.filter(person=person)
    return qs.filter(used_for__isnull=True) if free_only else qs


def rating_years(*, today: datetime.date | None = None, back: int = 6) -> list[int]:
    from django.utils import timezone

    from common.dates import school_year_of

    current = school_year_of(today or timezone.localdate())
    return list(range(current, current - back, -1))


# --------------------------------------------------------------------------- history import


def awards_by_code() -> dict[str, Award]:
    return {a.code: a for a in Award.objects.all()}


def import_units_by_code(user: User, codes: set[str]) -> dict[str, Unit]:
    """Units in the user's scope among ``codes``."""
    return {u.code: u for u in Unit.objects.filter(unit_scope_q(user), code__in=codes)}


def import_people_by_national_id(user: User, ids: set[str]) -> dict[str, list[Person]]:
    """People in the user's scope holding each national ID (a list: an ID entered twice shows)."""
    found: dict[str, list[Person]] = {}
    people = Person.objects.filter(unit_scope_q(user, prefix="unit__"), national_id__in=ids).select_related("unit")
    for person in people:
        found.setdefault(person.national_id, []).append(person)
    return found


def import_people_by_name(user: User, names: set[str], *, units: list[Unit]) -> dict[tuple, list[Person]]:
    """People in the user's scope by (folded name, birth date) who work in, or left, one of ``units``.

    Their transfers are prefetched: the parser tells which unit each row means.
    """
    found: dict[tuple, list[Person]] = {}
    people = (
        Person.objects.filter(unit_scope_q(user, prefix="unit__"), name_search__in=names)
        .select_related("unit")
        .prefetch_related("transfers")
        .filter(Q(unit__in=units) | Q(transfers__from_unit__in=units))
        .distinct()
    )
    for person in people:
        found.setdefault((person.name_search, person.birth_date), []).append(person)
    return found


def history_import_batches(user: User) -> QuerySet[ImportBatch]:
    """The user's own award-history imports (anyone else's: not found → 404)."""
    return import_batches(user).filter(kind=ImportKind.AWARD_HISTORY)
