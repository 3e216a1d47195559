"""Every write to the catalogue and the award history. Keyword-only, transactional,
validated with Vietnamese messages, logged in the audit trail."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.eligibility import EVALUATORS
from awards.enums import AwardKind, AwardType, RecordSource, RestrictionKind, Subject
from awards.models import (
    Award,
    AwardRecord,
    AwardRule,
    Decision,
    Initiative,
    Restriction,
    ServicePeriod,
    TaskRatingRecord,
)
from awards.selectors import decision_number_key, overlapping_rules
from common.dates import school_year_label, short_date
from common.text import clean, fold
from units.models import Person, Unit, User
from units.services import log_action

# --------------------------------------------------------------------------- rules


@transaction.atomic
def rule_create(
    *,
    award: Award,
    kind: str,
    params: dict,
    description: str,
    document: str,
    valid_from: datetime.date,
    actor: User | None,
    article: str = "",
    clause: str = "",
    valid_to: datetime.date | None = None,
    scope: Unit | None = None,
    applies_to: str = Subject.BOTH,
    citation_confirmed: bool = True,
) -> AwardRule:
    """Add a versioned rule; refuses one whose validity overlaps a rule of the same
    award, kind, scope and subject (close the old one first)."""
    Award.objects.select_for_update().get(pk=award.pk)  # serialise overlap checks per award
    if kind not in EVALUATORS:
        raise ValidationError({"kind": _("Unknown rule kind.")})
    if not isinstance(params, dict):
        raise ValidationError({"params": _("The parameters must be a JSON object.")})
    if valid_to is not None and valid_to < valid_from:
        raise ValidationError({"valid_to": _("The end of validity cannot be before its start.")})
    clash = overlapping_rules(
        award=award, kind=kind, scope=scope, applies_to=applies_to, valid_from=valid_from, valid_to=valid_to
    ).first()
    if clash is not None:
        raise ValidationError(
            _(
                "A rule of the same kind for this award and scope is already valid from %(start)s "
                "to %(end)s (%(citation)s); validity periods may not overlap."
            )
            % {
                "start": short_date(clash.valid_from),
                "end": short_date(clash.valid_to) if clash.valid_to else _("open-ended"),
                "citation": clash.citation,
            }
        )
    rule = AwardRule(
        award=award,
        kind=kind,
        params=params,
        description=clean(description),
        document=clean(document),
        article=clean(article),
        clause=clean(clause),
        valid_from=valid_from,
        valid_to=valid_to,
        scope=scope,
        applies_to=applies_to,
        citation_confirmed=citation_confirmed,
        position=500,
        created_by=actor if actor is not None and actor.is_authenticated else None,
    )
    rule.full_clean()
    rule.save()
    log_action(rule, "award_rule.created", actor=actor, unit=scope, data={"award": award.code, "kind": kind})
    return rule


# --------------------------------------------------------------------------- decisions and awards


SIGNING_FIELDS = ("officer_title", "signing_authority", "signer_name", "place")


def _actor(actor: User | None) -> User | None:
    return actor if actor is not None and actor.is_authenticated else None


def decision_get_or_create(
    *,
    number: str,
    date: datetime.date,
    issuer: str,
    actor: User | None,
    issuer_unit: Unit | None = None,
    source: str = RecordSource.PORTAL,
    signing: dict | None = None,
) -> Decision:
    """The decision with this number of this issuer in this year, or a new one.

    ``signing`` (officer_title, signing_authority, signer_name, place) is how a new decision is
    signed, for the documents and certificates printed from it.

    Several recipients share one decision; the same number with another date is a
    different decision reusing the number, which is refused.
    """
    number, issuer = clean(number), clean(issuer)
    if not number or not issuer or date is None:
        raise ValidationError(_("The decision number, date and issuer are required."))
    key = {"issuer_key": fold(issuer), "number_key": decision_number_key(number), "year": date.year}
    existing = Decision.objects.select_for_update().filter(**key).first()
    if existing is not None:
        if existing.date != date:
            raise ValidationError(
                _(
                    "Decision number %(number)s of %(issuer)s is already used in %(year)s "
                    "by the decision of %(date)s; a number cannot be reused in the same year."
                )
                % {"number": number, "issuer": issuer, "year": date.year, "date": short_date(existing.date)}
            )
        return existing
    decision = Decision(number=number, date=date, issuer=issuer, issuer_unit=issuer_unit, source=source, **key)
    for name in SIGNING_FIELDS:
        setattr(decision, name, clean((signing or {}).get(name, "")))
    decision.created_by = _actor(actor)
    decision.full_clean(exclude=["year", "number_key", "issuer_key"])
    decision.save()
    return decision


@transaction.atomic
def decision_create(
    *,
    number: str,
    date: datetime.date,
    issuer: str,
    actor: User | None,
    issuer_unit: Unit | None = None,
    source: str = RecordSource.PORTAL,
    signing: dict | None = None,
) -> Decision:
    """A new decision; refuses a number the issuer already used that year."""
    number, issuer = clean(number), clean(issuer)
    if Decision.objects.filter(
        issuer_key=fold(issuer), number_key=decision_number_key(number), year=date.year
    ).exists():
        raise ValidationError(
            _("Decision number %(number)s of %(issuer)s is already used in %(year)s.")
            % {"number": number, "issuer": issuer, "year": date.year}
        )
    return decision_get_or_create(
        number=number,
        date=date,
        issuer=issuer,
        actor=actor,
        issuer_unit=issuer_unit,
        source=source,
        signing=signing,
    )


def _validate_record(
    *, award: Award, person: Person | None, unit: Unit, school_year: int, decision: Decision, award_type: str
) -> None:
    errors = []
    if person is not None and not award.is_individual:
        errors.append(_("%(award)s is awarded to collectives only.") % {"award": award.name})
    if person is None and not award.is_collective:
        errors.append(_("%(award)s is awarded to individuals only.") % {"award": award.name})
    if decision.date < datetime.date(school_year, 9, 1) and award_type == AwardType.MERIT:
        errors.append(
            _("The decision of %(date)s is dated before the school year %(year)s it recognises.")
            % {"date": short_date(decision.date), "year": school_year_label(school_year)}
        )
    if school_year > timezone.localdate().year:
        errors.append(_("The school year cannot be in the future."))
    if award.valid_to is not None and decision.date > award.valid_to:
        errors.append(
            _("%(award)s no longer exists after %(end)s (%(basis)s); a decision of %(date)s cannot give it.")
            % {
                "award": award.name,
                "end": short_date(award.valid_to),
                "basis": award.ended_by or "—",
                "date": short_date(decision.date),
            }
        )
    started = person.sector_start_year if person is not None else None
    if started and (decision.date.year < started or school_year + 1 < started):
        errors.append(
            _("%(name)s joined the sector in %(start)s; an award dated %(date)s is before that.")
            % {"name": person.full_name, "start": started, "date": short_date(decision.date)}
        )
    if award.kind == AwardKind.TITLE:
        same = AwardRecord.objects.in_force().filter(award=award, school_year=school_year)
        same = same.filter(person=person) if person is not None else same.filter(person__isnull=True, unit=unit)
        if same.exists():
            errors.append(
                _("%(award)s for %(year)s is already recorded for this recipient.")
                % {"award": award.name, "year": school_year_label(school_year)}
            )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def award_record_create(
    *,
    award: Award,
    school_year: int,
    decision_number: str,
    decision_date: datetime.date,
    issuer: str,
    actor: User | None,
    person: Person | None = None,
    unit: Unit | None = None,
    award_type: str = AwardType.MERIT,
    achievement: str = "",
    initiatives: Iterable[Initiative] = (),
    issuer_unit: Unit | None = None,
    source: str = RecordSource.PORTAL,
    cash_amount: int | None = None,
) -> AwardRecord:
    """Record a title or award of a person (``unit`` = their unit at the time,
    defaulting to the current one) or of a collective (``person`` empty), with the cash reward
    paid with it (``awards.selectors.cash_amount`` on the decision date) when there is one."""
    if person is None and unit is None:
        raise ValidationError(_("Choose a person or a unit."))
    unit = unit if unit is not None else person.unit
    decision = decision_get_or_create(
        number=decision_number, date=decision_date, issuer=issuer, actor=actor, issuer_unit=issuer_unit, source=source
    )
    _validate_record(
        award=award, person=person, unit=unit, school_year=school_year, decision=decision, award_type=award_type
    )
    record = AwardRecord(
        award=award,
        person=person,
        unit=unit,
        school_year=school_year,
        award_type=award_type,
        decision=decision,
        achievement=clean(achievement),
        cash_amount=cash_amount,
        source=source,
        created_by=_actor(actor),
    )
    record.full_clean(validate_constraints=False)
    if AwardRecord.objects.filter(
        decision=decision, award=award, **({"person": person} if person else {"person__isnull": True, "unit": unit})
    ).exists():
        raise ValidationError(_("This decision already grants this award to this recipient."))
    record.save()
    for initiative in initiatives:
        initiative_use(initiative=initiative, record=record, actor=actor)
    log_action(
        record,
        "award_record.created",
        actor=actor,
        unit=unit,
        data={"award": award.code, "person": person.pk if person else None, "decision": decision.number},
    )
    return record


@transaction.atomic
def award_records_confirm(
    *,
    award: Award,
    people: Iterable[Person],
    school_year: int,
    decision_number: str,
    decision_date: datetime.date,
    issuer: str,
    actor: User | None,
) -> list[AwardRecord]:
    """Record one decision for several people at once (confirming suggestions)."""
    return [
        award_record_create(
            award=award,
            person=person,
            school_year=school_year,
            decision_number=decision_number,
            decision_date=decision_date,
            issuer=issuer,
            actor=actor,
        )
        for person in people
    ]


# --------------------------------------------------------------------------- ratings, restrictions, leave


@transaction.atomic
def task_rating_set(
    *, unit: Unit, school_year: int, rating: str, actor: User | None, person: Person | None = None, note: str = ""
) -> TaskRatingRecord:
    """Set the year's rating of a person (or of the unit itself); one per year."""
    if school_year > timezone.localdate().year:
        raise ValidationError(_("The school year cannot be in the future."))
    if person is not None and person.sector_start_year and school_year + 1 < person.sector_start_year:
        raise ValidationError(
            _("%(name)s joined the sector in %(start)s, after the school year %(year)s.")
            % {"name": person.full_name, "start": person.sector_start_year, "year": school_year_label(school_year)}
        )
    lookup = {"person": person} if person is not None else {"person__isnull": True, "unit": unit}
    record = TaskRatingRecord.objects.select_for_update().filter(school_year=school_year, **lookup).first()
    old = record.rating if record else None
    if record is None:
        record = TaskRatingRecord(person=person, unit=unit, school_year=school_year, created_by=_actor(actor))
    record.rating = rating
    record.note = clean(note)
    record.full_clean(validate_constraints=False)
    record.save()
    log_action(record, "task_rating.set", actor=actor, unit=unit, data={"from": old, "to": rating})
    return record


@transaction.atomic
def restriction_create(
    *,
    unit: Unit,
    kind: str,
    start: datetime.date,
    actor: User | None,
    person: Person | None = None,
    end: datetime.date | None = None,
    level: str = "",
    decision_number: str = "",
    note: str = "",
) -> Restriction:
    if end is not None and end < start:
        raise ValidationError({"end": _("The end cannot be before the start.")})
    if kind == RestrictionKind.DISCIPLINE and not level:
        raise ValidationError({"level": _("Choose the level of the disciplinary measure.")})
    if kind != RestrictionKind.DISCIPLINE:
        level = ""
    restriction = Restriction(
        person=person,
        unit=unit,
        kind=kind,
        level=level,
        start=start,
        end=end,
        decision_number=clean(decision_number),
        note=clean(note),
        created_by=_actor(actor),
    )
    restriction.full_clean()
    restriction.save()
    log_action(restriction, "restriction.created", actor=actor, unit=unit, data={"kind": kind, "level": level})
    return restriction


@transaction.atomic
def service_period_create(
    *, person: Person, kind: str, start: datetime.date, end: datetime.date, actor: User | None, note: str = ""
) -> ServicePeriod:
    if end < start:
        raise ValidationError({"end": _("The end cannot be before the start.")})
    period = ServicePeriod(person=person, kind=kind, start=start, end=end, note=clean(note), created_by=_actor(actor))
    period.full_clean()
    period.save()
    log_action(period, "service_period.created", actor=actor, unit=person.unit, data={"kind": kind})
    return period


# --------------------------------------------------------------------------- initiatives


@transaction.atomic
def initiative_create(
    *,
    person: Person,
    title: str,
    effect_scope: str,
    school_year: int,
    recognised_by: str,
    decision_number: str,
    decision_date: datetime.date,
    actor: User | None,
    kind: str = "initiative",
    unit: Unit | None = None,
) -> Initiative:
    """Record a recognised initiative; the same initiative cannot be claimed twice."""
    title = clean(title)
    title_search = fold(title)
    same = Q(person=person)
    if clean(decision_number):
        same |= Q(decision_number__iexact=clean(decision_number))
    twin = Initiative.objects.filter(same, title_search=title_search).select_related("person").first()
    if twin is not None:
        raise ValidationError(
            _("The initiative “%(title)s” is already recorded for %(name)s (decision %(number)s); it counts once.")
            % {"title": title, "name": twin.person.full_name, "number": twin.decision_number}
        )
    if person.sector_start_year and decision_date.year < person.sector_start_year:
        raise ValidationError(
            _("%(name)s joined the sector in %(start)s; a recognition dated %(date)s is before that.")
            % {"name": person.full_name, "start": person.sector_start_year, "date": short_date(decision_date)}
        )
    initiative = Initiative(
        person=person,
        unit=unit or person.unit,
        kind=kind,
        title=title,
        title_search=title_search,
        effect_scope=effect_scope,
        school_year=school_year,
        recognised_by=clean(recognised_by),
        decision_number=clean(decision_number),
        decision_date=decision_date,
        created_by=_actor(actor),
    )
    initiative.full_clean(validate_constraints=False)
    initiative.save()
    log_action(initiative, "initiative.created", actor=actor, unit=initiative.unit)
    return initiative


@transaction.atomic
def initiative_use(*, initiative: Initiative, record: AwardRecord, actor: User | None) -> Initiative:
    """Mark an initiative as the basis of an award; an initiative grounds one award only."""
    initiative = (
        Initiative.objects.select_for_update(of=("self",)).select_related("used_for__award").get(pk=initiative.pk)
    )
    if initiative.person_id != record.person_id:
        raise ValidationError(_("The initiative belongs to another person."))
    if initiative.used_for_id is not None and initiative.used_for_id != record.pk:
        raise ValidationError(
            _("The initiative “%(title)s” was already used for %(award)s %(year)s; it counts once.")
            % {
                "title": initiative.title,
                "award": initiative.used_for.award.name,
                "year": initiative.used_for.school_year_label,
            }
        )
    initiative.used_for = record
    initiative.save(update_fields=["used_for"])
    log_action(initiative, "initiative.used", actor=actor, unit=initiative.unit, data={"record": record.pk})
    return initiative


# --------------------------------------------------------------------------- Excel import


@dataclass
class ImportRow:
    """One validated row of a history workbook, ready to write."""

    row: int
    award: Award
    school_year: int
    award_type: str
    decision_number: str
    decision_date: datetime.date
    issuer: str
    unit: Unit
    person: Person | None = None


class ImportErrors(ValidationError):
    """Per-row errors: ``rows`` maps a workbook row number to its messages."""

    def __init__(self, rows: dict[int, list[str]]):
        self.rows = rows
        super().__init__([f"{row}: {msg}" for row, msgs in sorted(rows.items()) for msg in msgs])


class _DryRun(Exception):
    pass


def history_import_check(*, rows: list[ImportRow], actor: User | None) -> dict[int, list[str]]:
    """Run the import and roll it back: the per-row errors it would raise."""
    try:
        with transaction.atomic():
            history_import(rows=rows, actor=actor)
            raise _DryRun
    except ImportErrors as exc:
        return exc.rows
    except _DryRun:
        return {}


@transaction.atomic
def history_import(*, rows: list[ImportRow], actor: User | None) -> list[AwardRecord]:
    """Write every row or none: any row error rolls the whole import back."""
    errors: dict[int, list[str]] = {}
    created = []
    for row in rows:
        try:
            with transaction.atomic():
                created.append(
                    award_record_create(
                        award=row.award,
                        person=row.person,
                        unit=row.unit,
                        school_year=row.school_year,
                        award_type=row.award_type,
                        decision_number=row.decision_number,
                        decision_date=row.decision_date,
                        issuer=row.issuer,
                        actor=actor,
                        source=RecordSource.IMPORT,
                    )
                )
        except ValidationError as exc:
            errors.setdefault(row.row, []).extend(exc.messages)
    if errors:
        raise ImportErrors(errors)
    return created


# --------------------------------------------------------------------------- revocation (Luật 06/2022 Chương VII)


def _revocation_fields(*, reason: str, number: str, date: datetime.date | None) -> dict:
    reason, number = clean(reason), clean(number)
    errors = {}
    if not reason:
        errors["reason"] = _("Give the reason for the revocation.")
    if not number:
        errors["number"] = _("Give the number of the revoking decision.")
    if date is None:
        errors["date"] = _("Give the date of the revoking decision.")
    if errors:
        raise ValidationError(errors)
    return {"revoked_reason": reason, "revoked_by_number": number, "revoked_by_date": date}


@transaction.atomic
def award_record_revoke(
    *, record: AwardRecord, reason: str, number: str, date: datetime.date | None, actor: User | None
) -> AwardRecord:
    """Revoke one award: the record stays in the history, marked, and stops counting for eligibility."""
    fields = _revocation_fields(reason=reason, number=number, date=date)
    record = AwardRecord.objects.select_for_update().get(pk=record.pk)
    if record.revoked_at is not None:
        raise ValidationError(_("This award has already been revoked."))
    for name, value in fields.items():
        setattr(record, name, value)
    record.revoked_at, record.revoked_by = timezone.now(), _actor(actor)
    record.save(update_fields=[*fields, "revoked_at", "revoked_by"])
    log_action(
        record,
        "award_record.revoked",
        actor=actor,
        unit=record.unit,
        reason=fields["revoked_reason"],
        data={"award": record.award.code, "decision": fields["revoked_by_number"]},
    )
    return record


@transaction.atomic
def decision_revoke(
    *, decision: Decision, reason: str, number: str, date: datetime.date | None, actor: User | None
) -> Decision:
    """Revoke a whole decision: every record it gave that still counts is revoked with it."""
    fields = _revocation_fields(reason=reason, number=number, date=date)
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.revoked_at is not None:
        raise ValidationError(_("This decision has already been revoked."))
    for name, value in fields.items():
        setattr(decision, name, value)
    decision.revoked_at = timezone.now()
    decision.save(update_fields=[*fields, "revoked_at"])
    for record in decision.records.in_force():
        award_record_revoke(record=record, reason=reason, number=number, date=date, actor=actor)
    log_action(
        decision,
        "decision.revoked",
        actor=actor,
        unit=decision.issuer_unit,
        reason=fields["revoked_reason"],
        data={"decision": decision.number, "by": fields["revoked_by_number"]},
    )
    return decision
