"""Every write to the unit registry. Keyword-only, transactional, logged.

Derived columns (search and sort keys) are filled here, never in ``save()``.
"""

import datetime
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from common.text import clean, fold, person_sort_key, sort_key
from units.enums import UnitEventKind
from units.models import (
    AuditLog,
    Cluster,
    Notification,
    Person,
    PersonTransfer,
    RegisterEntry,
    Unit,
    UnitEvent,
    User,
)

UNIT_FIELDS = (
    "kind",
    "name",
    "short_name",
    "code",
    "address",
    "phone",
    "email",
    "head_name",
    "head_title",
    "active_from",
    "active_to",
)
PERSON_FIELDS = (
    "role",
    "full_name",
    "gender",
    "birth_date",
    "position",
    "qualifications",
    "sector_start_year",
    "national_id",
    "email",
    "phone",
)


def log_action(obj, action: str, *, actor: User | None, reason: str = "", data: dict | None = None, unit=None):
    """Append to the audit trail. Called by services inside their transaction."""
    return AuditLog.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        unit=unit,
        reason=reason,
        data=data or {},
    )


def _clean_text_fields(values: dict) -> dict:
    return {key: clean(value) if isinstance(value, str) else value for key, value in values.items()}


def _fill_unit_keys(unit: Unit) -> None:
    unit.name_search = fold(unit.name)
    unit.name_sort = sort_key(unit.name)


def keys_refresh(obj: Unit | Person) -> None:
    """Fill the search and sort keys of a unit or person saved outside these services (the stock
    admin), so the portal's search finds it however it was made."""
    if isinstance(obj, Unit):
        _fill_unit_keys(obj)
    else:
        _fill_person_keys(obj)


def _validate_unit(unit: Unit, *, exclude: Iterable[str] = ()) -> None:
    if unit.active_from and unit.active_to and unit.active_to < unit.active_from:
        raise ValidationError({"active_to": _("The end of activity cannot be before its start.")})
    unit.full_clean(exclude=["path", "depth", "numchild", *exclude])


@transaction.atomic
def unit_create(*, parent: Unit | None, actor: User | None, **fields) -> Unit:
    values = _clean_text_fields({key: fields.get(key) for key in UNIT_FIELDS if key in fields})
    values["code"] = values.get("code", "").upper()
    probe = Unit(**values, path="0", depth=1)
    _fill_unit_keys(probe)
    _validate_unit(probe)
    values["name_search"], values["name_sort"] = probe.name_search, probe.name_sort
    unit = (
        Unit.objects.add_child(parent, create_kwargs=values)
        if parent is not None
        else Unit.objects.add_root(create_kwargs=values)
    )
    log_action(unit, "unit.created", actor=actor, unit=unit, data={"parent": parent.pk if parent else None})
    return unit


@transaction.atomic
def unit_update(*, unit: Unit, actor: User | None, reason: str = "", **fields) -> Unit:
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    changed = {}
    for key, value in _clean_text_fields(fields).items():
        if key not in UNIT_FIELDS:
            continue
        if key == "code":
            value = value.upper()
        if getattr(unit, key) != value:
            changed[key] = [str(getattr(unit, key) or ""), str(value or "")]
            setattr(unit, key, value)
    if not changed:
        return unit
    old_name = changed.get("name", [None])[0]
    _fill_unit_keys(unit)
    _validate_unit(unit)
    unit.save()
    if old_name is not None:
        UnitEvent.objects.create(
            unit=unit,
            kind=UnitEventKind.RENAMED,
            date=timezone.localdate(),
            old_name=old_name,
            new_name=unit.name,
            created_by=actor,
            note=reason,
        )
    log_action(unit, "unit.changed", actor=actor, unit=unit, reason=reason, data=changed)
    return unit


@transaction.atomic
def unit_rename(*, unit: Unit, new_name: str, date: datetime.date, actor: User | None, decision: str = "") -> Unit:
    new_name = clean(new_name)
    if not new_name:
        raise ValidationError({"new_name": _("The new name is required.")})
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    old_name = unit.name
    unit.name = new_name
    _fill_unit_keys(unit)
    unit.save(update_fields=["name", "name_search", "name_sort", "updated_at"])
    UnitEvent.objects.create(
        unit=unit,
        kind=UnitEventKind.RENAMED,
        date=date,
        old_name=old_name,
        new_name=new_name,
        decision=clean(decision),
        created_by=actor,
    )
    log_action(unit, "unit.renamed", actor=actor, unit=unit, data={"old": old_name, "new": new_name})
    return unit


@transaction.atomic
def unit_merge(
    *,
    sources: list[Unit],
    into: Unit,
    date: datetime.date,
    actor: User | None,
    decision: str = "",
    move_people: bool = True,
) -> UnitEvent:
    """Merge ``sources`` into ``into`` (an existing or newly created unit).

    The sources are closed (``active_to``) but kept, linked as predecessors, so every
    record that points at them (awards, reports) stays reachable from ``into``.
    """
    if not sources:
        raise ValidationError(_("Choose at least one unit to merge."))
    if any(source.pk == into.pk for source in sources):
        raise ValidationError(_("A unit cannot be merged into itself."))
    event = UnitEvent.objects.create(
        unit=into, kind=UnitEventKind.MERGED, date=date, decision=clean(decision), created_by=actor
    )
    event.predecessors.set(sources)
    for source in sources:
        Unit.objects.filter(pk=source.pk).update(active_to=date - datetime.timedelta(days=1))
        if move_people:
            for person in Person.objects.filter(unit=source, is_active=True):
                person_transfer(person=person, to_unit=into, date=date, decision=decision, actor=actor)
        log_action(source, "unit.merged_away", actor=actor, unit=source, data={"into": into.pk})
    log_action(into, "unit.merged", actor=actor, unit=into, data={"sources": [s.pk for s in sources]})
    return event


@transaction.atomic
def unit_split(
    *, source: Unit, parts: list[Unit], date: datetime.date, actor: User | None, decision: str = "", close_source=True
) -> list[UnitEvent]:
    """Record that ``parts`` came out of ``source``; each part keeps ``source`` as predecessor."""
    events = []
    for part in parts:
        event = UnitEvent.objects.create(
            unit=part, kind=UnitEventKind.SPLIT, date=date, decision=clean(decision), created_by=actor
        )
        event.predecessors.set([source])
        events.append(event)
    if close_source:
        Unit.objects.filter(pk=source.pk).update(active_to=date - datetime.timedelta(days=1))
    log_action(source, "unit.split", actor=actor, unit=source, data={"parts": [p.pk for p in parts]})
    return events


@transaction.atomic
def unit_move(*, unit: Unit, new_parent: Unit, date: datetime.date, actor: User | None, decision: str = "") -> Unit:
    """Move a unit (and its subtree) under another parent, e.g. a school from a Phòng to a xã."""
    if new_parent.path.startswith(unit.path):
        raise ValidationError(_("A unit cannot be moved under itself or its own subtree."))
    old_parent = Unit.objects.get_parent(unit)
    Unit.objects.move(unit, new_parent, pos="last-child")
    unit.refresh_from_db()
    UnitEvent.objects.create(
        unit=unit,
        kind=UnitEventKind.MOVED,
        date=date,
        decision=clean(decision),
        note=f"{old_parent} → {new_parent}" if old_parent else str(new_parent),
        created_by=actor,
    )
    log_action(unit, "unit.moved", actor=actor, unit=unit, data={"from": old_parent and old_parent.pk})
    return unit


def _fill_person_keys(person: Person) -> None:
    person.name_search = fold(person.full_name)
    person.name_sort = person_sort_key(person.full_name)


def _validate_person(person: Person) -> None:
    errors = {}
    if person.national_id and (not person.national_id.isdigit() or len(person.national_id) not in (9, 12)):
        errors["national_id"] = _("The national ID number must have 9 or 12 digits.")
    today = timezone.localdate()
    if person.birth_date and person.birth_date > today:
        errors["birth_date"] = _("The date of birth cannot be in the future.")
    if person.sector_start_year and not (1950 <= person.sector_start_year <= today.year):
        errors["sector_start_year"] = _("The year joined the sector must be between 1950 and this year.")
    if person.sector_start_year and person.birth_date and person.sector_start_year < person.birth_date.year + 15:
        errors["sector_start_year"] = _("The year joined the sector is too early for the date of birth.")
    if errors:
        raise ValidationError(errors)
    person.full_clean()


@transaction.atomic
def person_create(*, unit: Unit, actor: User | None, **fields) -> Person:
    values = _clean_text_fields({key: fields[key] for key in PERSON_FIELDS if key in fields})
    person = Person(unit=unit, **values)
    _fill_person_keys(person)
    _validate_person(person)
    person.save()
    log_action(person, "person.created", actor=actor, unit=unit)
    return person


@transaction.atomic
def person_update(*, person: Person, actor: User | None, **fields) -> Person:
    person = Person.objects.select_for_update().get(pk=person.pk)
    changed = {}
    for key, value in _clean_text_fields(fields).items():
        if key in PERSON_FIELDS and getattr(person, key) != value:
            changed[key] = [str(getattr(person, key) or ""), str(value or "")]
            setattr(person, key, value)
    if not changed:
        return person
    _fill_person_keys(person)
    _validate_person(person)
    person.save()
    # National ID values stay out of the audit trail.
    changed.pop("national_id", None) and changed.setdefault("national_id", ["***", "***"])
    log_action(person, "person.changed", actor=actor, unit=person.unit, data=changed)
    return person


@transaction.atomic
def person_transfer(
    *, person: Person, to_unit: Unit, date: datetime.date, actor: User | None, decision: str = "", note: str = ""
) -> PersonTransfer:
    if person.unit_id == to_unit.pk:
        raise ValidationError({"to_unit": _("The person already belongs to this unit.")})
    transfer = PersonTransfer.objects.create(
        person=person,
        from_unit_id=person.unit_id,
        to_unit=to_unit,
        date=date,
        decision=clean(decision),
        note=clean(note),
        created_by=actor,
    )
    Person.objects.filter(pk=person.pk).update(unit=to_unit, updated_at=timezone.now())
    person.unit = to_unit
    log_action(person, "person.transferred", actor=actor, unit=to_unit, data={"from": transfer.from_unit_id})
    return transfer


@transaction.atomic
def person_deactivate(*, person: Person, actor: User | None, reason: str = "") -> Person:
    Person.objects.filter(pk=person.pk).update(is_active=False, updated_at=timezone.now())
    person.is_active = False
    log_action(person, "person.deactivated", actor=actor, unit=person.unit, reason=reason)
    return person


@transaction.atomic
def cluster_create(
    *,
    organiser: Unit,
    name: str,
    school_year: int,
    head_unit: Unit,
    members: list[Unit],
    actor: User | None,
    deputy_unit: Unit | None = None,
    kind: str = "cluster",
) -> Cluster:
    member_ids = {m.pk for m in members}
    if any(not m.path.startswith(organiser.path) or m.pk == organiser.pk for m in members):
        raise ValidationError({"members": _("Members must be units below the organiser.")})
    if head_unit.pk not in member_ids:
        raise ValidationError({"head_unit": _("The head unit must be a member of the cluster.")})
    if deputy_unit is not None and deputy_unit.pk not in member_ids:
        raise ValidationError({"deputy_unit": _("The deputy unit must be a member of the cluster.")})
    if deputy_unit is not None and deputy_unit.pk == head_unit.pk:
        raise ValidationError({"deputy_unit": _("The deputy unit must differ from the head unit.")})
    cluster = Cluster(
        organiser=organiser,
        name=clean(name),
        school_year=school_year,
        head_unit=head_unit,
        deputy_unit=deputy_unit,
        kind=kind,
    )
    cluster.full_clean()
    cluster.save()
    cluster.members.set(members)
    log_action(cluster, "cluster.created", actor=actor, unit=organiser)
    return cluster


def notify(*, users: Iterable[User], title: str, body: str = "", url: str = "") -> list[Notification]:
    return Notification.objects.bulk_create(
        [Notification(user=user, title=clean(title)[:255], body=body, url=url) for user in users]
    )


def notifications_mark_read(*, user: User, ids: Iterable[int] | None = None) -> int:
    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    return qs.update(read_at=timezone.now())


@transaction.atomic
def register_take(
    *, unit: Unit, symbol: str, actor: User | None, summary: str = "", year: int | None = None
) -> RegisterEntry:
    """Take the next number of ``unit``'s document register for ``year`` (default: this year).

    The unit's row is locked for the rest of the transaction, so two documents issued at
    the same moment get consecutive numbers (PostgreSQL); SQLite serialises writers anyway.
    The number is lost if the caller's transaction rolls back, which keeps the series gap-free.
    """
    year = year or timezone.localdate().year
    Unit.objects.select_for_update().filter(pk=unit.pk).first()
    last = RegisterEntry.objects.filter(unit=unit, year=year).aggregate(m=Max("number"))["m"] or 0
    return RegisterEntry.objects.create(
        unit=unit,
        year=year,
        number=last + 1,
        symbol=clean(symbol),
        summary=clean(summary)[:500],
        taken_at=timezone.now(),
        taken_by=actor if actor is not None and actor.is_authenticated else None,
    )
