"""Every write and every guard of award decisions.

A decision is drafted by the issuing unit's officer from the nominees its council approved,
may be publicly disclosed to the units concerned for a number of days, and is issued by the head:
issuing takes the number from the unit's document register, writes the ``awards.Decision`` and one
``AwardRecord`` per line (with the cash reward of the decision date), links each nominee (closing
its dossier once every nominee has a result) and tells the units and people concerned — all in one
transaction, or nothing. The state field is written only by ``transition``.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from awards import services as award_services
from awards.selectors import cash_amount
from common.dates import school_year_label, short_date
from common.text import clean
from councils.selectors import place_name
from decisions import selectors
from decisions.enums import EDITABLE_STATES, TRANSITIONS, DecisionState
from decisions.models import AwardDecision, DecisionLine, DecisionTransition, DisclosureComment
from decisions.notifications import UnitNotice
from dossiers import services as dossier_services
from dossiers.enums import AppraisalResult, CouncilResult, DossierState
from dossiers.models import Dossier, Nominee
from units.models import Unit, User
from units.notifications import announce
from units.services import log_action, register_take

S = DecisionState
LAW_BASIS = "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022"
DECREE_BASIS = (
    "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ "
    "quy định chi tiết một số điều của Luật Thi đua, khen thưởng"
)
MAX_DISCLOSURE_DAYS = 30
SIGNING_FIELDS = ("signing_authority", "officer_title", "signer_name", "place")
EDITABLE_FIELDS = (
    "summary",
    "bases",
    "executors",
    "distribution",
    "signing_authority",
    "officer_title",
    "signer_name",
    "place",
)


def _actor(actor: User | None) -> User | None:
    return actor if actor is not None and actor.is_authenticated else None


def _locked(decision: AwardDecision) -> AwardDecision:
    return AwardDecision.objects.select_for_update().select_related("issuer_unit").get(pk=decision.pk)


def _require(perm: str, actor: User | None, decision: AwardDecision | None = None) -> None:
    """Services guard the roles too; ``actor=None`` is the system (demo, tasks)."""
    if actor is not None and not actor.has_perm(perm, decision):
        raise PermissionDenied


@transaction.atomic
def transition(*, decision: AwardDecision, to: str, actor: User | None, reason: str = "") -> DecisionTransition:
    """The one way a decision changes state: checks the table, logs who, when, why."""
    if to not in TRANSITIONS.get(decision.state, ()):
        raise ValidationError(
            _("An award decision cannot go from “%(from)s” to “%(to)s”.")
            % {"from": S(decision.state).label, "to": S(to).label}
        )
    now = timezone.now()
    before = decision.state
    decision.state, decision.state_changed_at = to, now
    decision.save(update_fields=["state", "state_changed_at"])
    log_action(
        decision,
        "decisions.state_changed",
        actor=actor,
        unit=decision.issuer_unit,
        reason=clean(reason),
        data={"from": before, "to": to},
    )
    return DecisionTransition.objects.create(
        decision=decision, from_state=before, to_state=to, actor=_actor(actor), reason=clean(reason), created_at=now
    )


# --------------------------------------------------------------------------- draft


def default_bases(unit: Unit) -> str:
    return "\n".join([LAW_BASIS, DECREE_BASIS, f"Căn cứ kết quả họp Hội đồng Thi đua - Khen thưởng {unit.name}"])


def _check_candidate(nominee: Nominee, unit: Unit, *, decision: AwardDecision | None = None) -> None:
    if nominee.dossier.receiver_id != unit.pk:
        raise ValidationError(_("%(name)s was not proposed to %(unit)s.") % {"name": nominee.name, "unit": unit.name})
    if nominee.appraisal != AppraisalResult.QUALIFIED or nominee.council_result != CouncilResult.APPROVED:
        raise ValidationError(_("The council did not approve %(name)s.") % {"name": nominee.name})
    if nominee.award_record_id is not None or selectors.awarded_elsewhere(nominee):
        raise ValidationError(_("%(name)s has already been awarded.") % {"name": nominee.name})
    if selectors.nominee_taken(nominee, other_than=decision):
        raise ValidationError(_("%(name)s is already on another decision.") % {"name": nominee.name})


@transaction.atomic
def decision_create(*, unit: Unit, nominees, actor: User | None, **fields) -> AwardDecision:
    """A draft decision of ``unit`` listing ``nominees`` (approved by its council, not awarded)."""
    if actor is not None and not (actor.is_superuser or (actor.is_officer and actor.unit_id == unit.pk)):
        raise PermissionDenied
    nominees = list(
        Nominee.objects.select_for_update(of=("self",))
        .select_related("award", "person", "collective", "dossier__round")
        .filter(pk__in=[n.pk for n in nominees])
        .order_by("award__position", "position", "id")
    )
    if not nominees:
        raise ValidationError({"nominees": _("Choose at least one nominee the council approved.")})
    for nominee in nominees:
        _check_candidate(nominee, unit)
    school_year = max(n.dossier.round.school_year for n in nominees)
    decision = AwardDecision(
        issuer_unit=unit,
        school_year=school_year,
        summary=f"Về việc khen thưởng năm học {school_year_label(school_year)}",
        bases=default_bases(unit),
        executors=f"Chánh Văn phòng, Trưởng các phòng có liên quan của {unit.name} và các cá nhân, "
        "tập thể có tên tại Điều 1",
        distribution="Như Điều 3;\nKho bạc Nhà nước",
        officer_title=(unit.head_title or "").upper(),
        signer_name=unit.head_name,
        place=place_name(unit) if place_name(unit) != unit.name else "",
        created_by=_actor(actor),
    )
    for name, value in fields.items():
        if name in EDITABLE_FIELDS and value is not None:
            setattr(decision, name, clean(value))
    decision.full_clean()
    decision.save()
    today = timezone.localdate()
    DecisionLine.objects.bulk_create(
        [
            DecisionLine(
                decision=decision,
                nominee=nominee,
                award=nominee.award,
                cash_amount=cash_amount(nominee.award, today),
                position=index,
            )
            for index, nominee in enumerate(nominees, start=1)
        ]
    )
    log_action(decision, "decisions.created", actor=actor, unit=unit, data={"lines": len(nominees)})
    return decision


@transaction.atomic
def decision_update(*, decision: AwardDecision, actor: User | None, **fields) -> AwardDecision:
    decision = _locked(decision)
    _require("decisions.prepare_decision", actor, decision)
    if decision.state not in EDITABLE_STATES:
        raise ValidationError(_("Only a draft decision can be changed."))
    for name, value in fields.items():
        if name in EDITABLE_FIELDS:
            setattr(decision, name, clean(value))
    decision.full_clean()
    decision.save(update_fields=[name for name in fields if name in EDITABLE_FIELDS])
    log_action(decision, "decisions.updated", actor=actor, unit=decision.issuer_unit)
    return decision


@transaction.atomic
def line_remove(*, line: DecisionLine, actor: User | None) -> None:
    decision = _locked(line.decision)
    _require("decisions.prepare_decision", actor, decision)
    if decision.state not in EDITABLE_STATES:
        raise ValidationError(_("Only a draft decision can be changed."))
    if decision.lines.count() == 1:
        raise ValidationError(_("A decision lists at least one nominee; cancel the draft instead."))
    name = line.nominee.name
    line.delete()
    log_action(decision, "decisions.line_removed", actor=actor, unit=decision.issuer_unit, data={"name": name})


@transaction.atomic
def decision_cancel(*, decision: AwardDecision, actor: User | None, reason: str = "") -> AwardDecision:
    """A draft given up: its nominees are free for another decision."""
    decision = _locked(decision)
    _require("decisions.prepare_decision", actor, decision)
    transition(decision=decision, to=S.CANCELLED, actor=actor, reason=reason)
    return decision


# --------------------------------------------------------------------------- public disclosure


@transaction.atomic
def disclosure_open(*, decision: AwardDecision, days: int, actor: User | None) -> AwardDecision:
    """Publish the list to the units concerned for ``days`` days; they may comment meanwhile."""
    decision = _locked(decision)
    _require("decisions.prepare_decision", actor, decision)
    if not days or days < 1 or days > MAX_DISCLOSURE_DAYS:
        raise ValidationError(
            {"days": _("The disclosure lasts from 1 to %(max)s days.") % {"max": MAX_DISCLOSURE_DAYS}}
        )
    transition(decision=decision, to=S.DISCLOSED, actor=actor, reason=_("%(days)s days") % {"days": days})
    now = timezone.now()
    decision.disclosure_days, decision.disclosure_opened_at = days, now
    decision.disclosure_ends_at = now + datetime.timedelta(days=days)
    decision.save(update_fields=["disclosure_days", "disclosure_opened_at", "disclosure_ends_at"])
    _announce_units("decision.disclosed", decision, actor=actor)
    return decision


@transaction.atomic
def disclosure_withdraw(*, decision: AwardDecision, actor: User | None, reason: str = "") -> AwardDecision:
    """Take the list back to the draft (to correct it); the comments stay."""
    decision = _locked(decision)
    _require("decisions.prepare_decision", actor, decision)
    transition(decision=decision, to=S.DRAFT, actor=actor, reason=reason)
    return decision


@transaction.atomic
def disclosure_comment_add(*, decision: AwardDecision, actor: User, text: str) -> DisclosureComment:
    decision = AwardDecision.objects.select_for_update().get(pk=decision.pk)
    text = clean(text)
    if not text:
        raise ValidationError({"text": _("Write the comment.")})
    if not selectors.disclosure_open(decision):
        raise ValidationError(_("The disclosure of this list is closed."))
    if not actor.has_perm("decisions.comment_disclosure", decision):
        raise PermissionDenied
    comment = DisclosureComment.objects.create(decision=decision, author=actor, unit=actor.unit, text=text)
    log_action(decision, "decisions.commented", actor=actor, unit=actor.unit)
    return comment


def _lines_by_unit(decision: AwardDecision) -> dict[Unit, int]:
    counts: dict[Unit, int] = {}
    for line in decision.lines.select_related("nominee__person__unit", "nominee__collective"):
        nominee = line.nominee
        unit = nominee.collective if nominee.collective_id else nominee.person.unit
        counts[unit] = counts.get(unit, 0) + 1
    return counts


def _announce_units(code: str, decision: AwardDecision, *, actor: User | None) -> None:
    for unit, count in sorted(_lines_by_unit(decision).items(), key=lambda item: item[0].pk):
        announce(code, UnitNotice(decision=decision, unit=unit, count=count), actor=actor)


# --------------------------------------------------------------------------- issuing


def _signing(decision: AwardDecision) -> dict:
    return {name: getattr(decision, name) for name in SIGNING_FIELDS}


@transaction.atomic
def decision_issue(
    *, decision: AwardDecision, actor: User | None, dated: datetime.date | None = None, **signing
) -> AwardDecision:
    """Issue the decision: its number from the unit's register (sequential per calendar year, taken
    now — numbered after signing, NĐ 30/2020 Điều 15), the decision and its award records in the
    history with the cash reward of the decision date, each nominee linked (their dossiers close
    once every nominee has a result), the units and people concerned told. All or nothing."""
    decision = _locked(decision)
    _require("decisions.issue_decision", actor, decision)
    today = timezone.localdate()
    dated = dated or today
    if dated > today:
        raise ValidationError({"dated": _("A decision cannot be dated in the future.")})
    if decision.state == S.DISCLOSED and selectors.disclosure_open(decision):
        raise ValidationError(
            _("The list is publicly disclosed until %(end)s; issue the decision once the disclosure has closed.")
            % {"end": timezone.localtime(decision.disclosure_ends_at).strftime("%H:%M %d/%m/%Y")}
        )
    for name, value in signing.items():
        if name in SIGNING_FIELDS and value is not None:
            setattr(decision, name, clean(value))
    if not decision.signer_name:
        raise ValidationError({"signer_name": _("Give the name of the signer.")})
    transition(decision=decision, to=S.ISSUED, actor=actor)
    unit = decision.issuer_unit
    lines = list(
        decision.lines.select_related(
            "award", "nominee__person__unit", "nominee__collective", "nominee__dossier__round", "nominee__dossier__unit"
        )
    )
    nominees = {
        n.pk: n for n in Nominee.objects.select_for_update(of=("self",)).filter(pk__in=[x.nominee_id for x in lines])
    }
    for line in lines:
        line.nominee.council_result = nominees[line.nominee_id].council_result
        line.nominee.award_record_id = nominees[line.nominee_id].award_record_id
        _check_candidate(line.nominee, unit, decision=decision)
    entry = register_take(
        unit=unit, symbol=f"QĐ-{unit.short_name or unit.code}", actor=actor, summary=decision.summary, year=dated.year
    )
    try:
        award_decision = award_services.decision_create(
            number=entry.number_symbol,
            date=dated,
            issuer=unit.name,
            issuer_unit=unit,
            actor=actor,
            signing=_signing(decision),
        )
    except ValidationError as exc:
        raise ValidationError(
            _(
                "The register gives number %(number)s, but the history already holds a decision %(number)s "
                "of %(year)s: %(reason)s"
            )
            % {"number": entry.number_symbol, "year": dated.year, "reason": " ".join(exc.messages)}
        ) from exc
    for line in lines:
        nominee = line.nominee
        line.cash_amount = cash_amount(line.award, dated)
        line.save(update_fields=["cash_amount"])
        record = award_services.award_record_create(
            award=line.award,
            school_year=nominee.dossier.round.school_year,
            decision_number=entry.number_symbol,
            decision_date=dated,
            issuer=unit.name,
            issuer_unit=unit,
            actor=actor,
            person=nominee.person,
            unit=nominee.collective if nominee.collective_id else selectors.root_unit(nominee),
            achievement=nominee.achievement,
            cash_amount=line.cash_amount,
        )
        dossier_services.nominee_award_record_set(nominee=nominee, record=record, actor=actor)
    decision.dated, decision.register_entry, decision.number_symbol = dated, entry, entry.number_symbol
    decision.decision = award_decision
    decision.save(update_fields=["dated", "register_entry", "number_symbol", "decision", *SIGNING_FIELDS])
    log_action(decision, "decisions.issued", actor=actor, unit=unit, data={"number": entry.number_symbol})
    _announce_units("decision.issued", decision, actor=actor)
    for line in lines:
        if line.nominee.person_id:
            announce("decision.awarded", line, actor=actor)
    return decision


# --------------------------------------------------------------------------- revocation (Luật 06/2022 Chương VII)


@transaction.atomic
def line_revoke(
    *, line: DecisionLine, reason: str, number: str, date: datetime.date | None, actor: User | None
) -> DecisionLine:
    """Revoke the award one line gave: the record stays in the history, marked, and stops counting."""
    decision = AwardDecision.objects.select_related("decision").get(pk=line.decision_id)
    _require("decisions.revoke_decision", actor, decision)
    record = Nominee.objects.select_related("award_record").get(pk=line.nominee_id).award_record
    if record is None or record.decision_id != decision.decision_id:
        raise ValidationError(_("This line has no award record to revoke."))
    award_services.award_record_revoke(record=record, reason=reason, number=number, date=date, actor=actor)
    return line


@transaction.atomic
def decision_revoke(
    *, decision: AwardDecision, reason: str, number: str, date: datetime.date | None, actor: User | None
) -> AwardDecision:
    """Revoke the whole decision: every record it gave that still counts is revoked with it."""
    decision = AwardDecision.objects.select_related("decision").get(pk=decision.pk)
    _require("decisions.revoke_decision", actor, decision)
    if decision.decision_id is None:
        raise ValidationError(_("Only an issued decision can be revoked."))
    award_services.decision_revoke(decision=decision.decision, reason=reason, number=number, date=date, actor=actor)
    return decision


# --------------------------------------------------------------------------- results decided outside the portal


@transaction.atomic
def outside_result_record(
    *,
    dossier: Dossier,
    nominees,
    number: str,
    date: datetime.date | None,
    issuer: str,
    actor: User | None,
) -> list:
    """Record the decision of UBND tỉnh, the ministry or the Prime Minister on nominees of a dossier
    the unit forwarded upward: one award record each in the history (the unit they were proposed
    from), linked to the nominee; the dossier closes once every nominee has a result."""
    if actor is not None and not actor.has_perm("decisions.record_outside_result", dossier):
        raise PermissionDenied
    dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if dossier.state != DossierState.FORWARDED:
        raise ValidationError(_("Results from above are recorded on a dossier forwarded upward."))
    number, issuer = clean(number), clean(issuer)
    errors = {}
    if not number:
        errors["number"] = _("Give the number of the decision.")
    if date is None:
        errors["date"] = _("Give the date of the decision.")
    elif date > timezone.localdate():
        errors["date"] = _("A decision cannot be dated in the future.")
    if not issuer:
        errors["issuer"] = _("Give who issued the decision.")
    waiting = {n.pk: n for n in selectors.awaiting_result(dossier)}
    chosen = [waiting.get(n.pk) for n in nominees]
    if not nominees:
        errors["nominees"] = _("Tick the nominees the decision awarded.")
    elif None in chosen:
        errors["nominees"] = _("Some of the ticked nominees are not waiting for a result.")
    if errors:
        raise ValidationError(errors)
    try:
        award_services.decision_get_or_create(number=number, date=date, issuer=issuer, actor=actor)
    except ValidationError as exc:
        raise ValidationError({"number": exc.messages}) from exc
    records = []
    for nominee in chosen:
        record = award_services.award_record_create(
            award=nominee.award,
            school_year=nominee.dossier.round.school_year,
            decision_number=number,
            decision_date=date,
            issuer=issuer,
            actor=actor,
            person=nominee.person,
            unit=nominee.collective if nominee.collective_id else selectors.root_unit(nominee),
            achievement=nominee.achievement,
            cash_amount=cash_amount(nominee.award, date),
        )
        dossier_services.nominee_award_record_set(nominee=nominee, record=record, actor=actor)
        records.append(record)
    log_action(
        dossier,
        "decisions.outside_result",
        actor=actor,
        unit=dossier.receiver,
        data={"number": number, "issuer": issuer, "date": short_date(date), "count": len(records)},
    )
    return records
