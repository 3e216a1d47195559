"""Every write to registrations, pacts and exemplars. Keyword-only, transactional, logged.

Registrations (a unit's and a person's) change state only through ``registration_set_state``
(``REGISTRATION_TRANSITIONS``); exemplars move through their five steps only through
``exemplar_advance`` (``EXEMPLAR_TRANSITIONS``). ``today`` parameters default to the local
date; only demo data replaying history passes them.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.enums import AwardKind, Subject
from awards.models import Award
from campaigns.enums import ACTIVE_STATES, SubjectKind
from campaigns.models import Campaign, Criterion
from campaigns.parts import parse_target_value
from campaigns.selectors import takes_part
from common.dates import school_year_of, short_date
from common.numbers import decimal_text
from common.text import clean
from common.uploads import sniff_deliverable
from emulation.enums import (
    EXEMPLAR_TRANSITIONS,
    REGISTRATION_EDITABLE_STATES,
    REGISTRATION_PENDING_STATES,
    REGISTRATION_TRANSITIONS,
    ExemplarStep,
    RegistrationState,
)
from emulation.models import (
    Exemplar,
    ExemplarStepRecord,
    IndividualRegistration,
    Pact,
    PactTarget,
    RegistrationForward,
    UnitRegistration,
    WorkItem,
)
from emulation.selectors import registration_window
from units.models import Cluster, Person, Unit, User
from units.notifications import announce
from units.services import log_action

# --- Shared checks ---------------------------------------------------------------------------


def _ensure_open_campaign(campaign: Campaign) -> None:
    if campaign.state not in ACTIVE_STATES:
        raise ValidationError(_("This campaign is not open: registrations are taken only while it runs."))


def _ensure_before_deadline(
    campaign: Campaign, unit: Unit, *, today: datetime.date, school_year: int | None = None
) -> None:
    window = registration_window(campaign, unit, today=today, school_year=school_year)
    if not window.is_open:
        raise ValidationError(
            _(
                "The registration deadline (%(date)s) has passed. Registering now needs an extension "
                "from the issuing unit."
            )
            % {"date": short_date(window.due_on)}
        )


def _ensure_participant(campaign: Campaign, unit: Unit) -> None:
    if not takes_part(campaign, unit):
        raise ValidationError(_("This unit does not take part in the campaign."))


_number = decimal_text  # kept as the local name the messages below use


def _moment(today: datetime.date | None) -> datetime.datetime:
    """Now, or 09:00 local time on a replayed day (demo data)."""
    if today is None:
        return timezone.now()
    return timezone.make_aware(datetime.datetime.combine(today, datetime.time(9, 0)))


def _jsonable(value):
    return str(value) if isinstance(value, datetime.date | Decimal) else value


# --- The one state function ------------------------------------------------------------------


@transaction.atomic
def registration_set_state(
    *,
    registration: UnitRegistration | IndividualRegistration,
    new_state: str,
    actor: User | None,
    reason: str = "",
    forward: RegistrationForward | None = None,
    at: datetime.datetime | None = None,
) -> UnitRegistration | IndividualRegistration:
    """The only way a registration (a unit's or a person's) changes state.

    Checks ``REGISTRATION_TRANSITIONS``; a return needs comments; returned → submitted is a
    resubmission and is counted. Saves with ``update_fields`` and logs who, when and why.
    """
    model = type(registration)
    registration = model.objects.select_for_update().get(pk=registration.pk)
    old_state = registration.state
    reason = clean(reason)
    if new_state not in REGISTRATION_TRANSITIONS.get(old_state, ()):
        raise ValidationError(
            _("A registration cannot go from “%(old)s” to “%(new)s”.")
            % {"old": RegistrationState(old_state).label, "new": RegistrationState(new_state).label}
        )
    now = at or timezone.now()
    fields = ["state", "updated_at"]
    if new_state == RegistrationState.SUBMITTED:
        if registration.submitted_at is None:  # the first submission dates it against the deadline
            registration.submitted_at = now
            fields.append("submitted_at")
        if old_state == RegistrationState.RETURNED:
            registration.resubmission_count += 1
            fields.append("resubmission_count")
        if forward is not None:
            registration.forward = forward
            fields.append("forward")
    elif new_state == RegistrationState.RETURNED:
        if not reason:
            raise ValidationError({"comment": _("Write the comments the unit should act on.")})
        registration.return_comment = reason
        registration.decided_at, registration.decided_by = now, actor
        fields += ["return_comment", "decided_at", "decided_by"]
    elif new_state == RegistrationState.ACCEPTED:
        registration.decided_at, registration.decided_by = now, actor
        fields += ["decided_at", "decided_by"]
    registration.state = new_state
    registration.save(update_fields=fields)
    log_action(
        registration,
        "registration.state_changed",
        actor=actor,
        unit=registration.unit,
        reason=reason,
        data={"from": old_state, "to": new_state, "resubmission": registration.resubmission_count},
    )
    # Individuals sent together are announced once, as their forward (``individuals_forward``).
    if new_state in (RegistrationState.RETURNED, RegistrationState.ACCEPTED) or (
        new_state == RegistrationState.SUBMITTED and forward is None
    ):
        announce(f"registration.{new_state}", registration, actor=actor)
    return registration


# --- Unit registrations ----------------------------------------------------------------------


def _registrable(award: Award, subject: str) -> bool:
    """A title one may register for: the catalogue's, for this kind of subject, not a state honour."""
    return award.subject in (subject, Subject.BOTH) and award.kind != AwardKind.STATE


@transaction.atomic
def registration_create(
    *,
    campaign: Campaign,
    unit: Unit,
    actor: User | None,
    aimed_award: Award | None = None,
    note: str = "",
    today: datetime.date | None = None,
) -> UnitRegistration:
    """Open the unit's (draft) registration. Refused twice, outside the campaign or after the deadline."""
    today = today or timezone.localdate()
    _ensure_open_campaign(campaign)
    _ensure_participant(campaign, unit)
    if UnitRegistration.objects.filter(campaign=campaign, unit=unit).exists():
        raise ValidationError(_("This unit has already registered for this campaign."))
    _ensure_before_deadline(campaign, unit, today=today)
    if aimed_award is not None and not _registrable(aimed_award, Subject.COLLECTIVE):
        raise ValidationError({"aimed_award": _("Choose a title from the list.")})
    registration = UnitRegistration(
        campaign=campaign, unit=unit, aimed_award=aimed_award, note=note.strip(), created_by=actor
    )
    registration.full_clean()
    registration.save()
    log_action(registration, "registration.created", actor=actor, unit=unit, data={"campaign": campaign.pk})
    return registration


def _ensure_editable(registration) -> None:
    if registration.state not in REGISTRATION_EDITABLE_STATES:
        raise ValidationError(_("Only a draft or a returned registration can be changed."))


@transaction.atomic
def work_item_add(
    *,
    registration: UnitRegistration,
    actor: User | None,
    title: str,
    starts_on: datetime.date | None,
    ends_on: datetime.date | None,
    criterion: Criterion | None = None,
    target_value=None,
    target_unit: str = "",
    note: str = "",
) -> WorkItem:
    """Add a work item: dates inside the campaign period, end not before start, a numeric target."""
    registration = UnitRegistration.objects.select_for_update().select_related("campaign").get(pk=registration.pk)
    _ensure_editable(registration)
    campaign = registration.campaign
    errors = {}
    title = clean(title)
    if not title:
        errors["title"] = _("Name the work item.")
    if starts_on is None:
        errors["starts_on"] = _("Give the start date.")
    if ends_on is None:
        errors["ends_on"] = _("Give the end date.")
    if starts_on and ends_on:
        if ends_on < starts_on:
            errors["ends_on"] = _("The work item cannot end before it starts.")
        elif starts_on < campaign.starts_on or ends_on > campaign.ends_on:
            errors["starts_on"] = _("The work item must lie inside the campaign period (%(start)s – %(end)s).") % {
                "start": short_date(campaign.starts_on),
                "end": short_date(campaign.ends_on),
            }
    if criterion is not None and criterion.campaign_id != campaign.pk:
        errors["criterion"] = _("The criterion belongs to another campaign.")
    try:
        value = parse_target_value(target_value)
    except ValidationError as exc:
        errors.update(exc.message_dict)
        value = None
    if errors:
        raise ValidationError(errors)
    item = WorkItem(
        registration=registration,
        title=title,
        criterion=criterion,
        starts_on=starts_on,
        ends_on=ends_on,
        target_value=value,
        target_unit=clean(target_unit),
        note=note.strip(),
        order=(registration.work_items.aggregate(m=Max("order"))["m"] or 0) + 1,
    )
    item.full_clean()
    item.save()
    log_action(
        registration,
        "registration.work_item_added",
        actor=actor,
        unit=registration.unit,
        data={"title": item.title, "starts_on": str(starts_on), "ends_on": str(ends_on), "target": _jsonable(value)},
    )
    return item


@transaction.atomic
def work_item_delete(*, item: WorkItem, actor: User | None) -> None:
    registration = UnitRegistration.objects.select_for_update().get(pk=item.registration_id)
    _ensure_editable(registration)
    log_action(
        registration, "registration.work_item_deleted", actor=actor, unit=registration.unit, data={"title": item.title}
    )
    item.delete()


@transaction.atomic
def registration_submit(
    *, registration: UnitRegistration, actor: User | None, today: datetime.date | None = None
) -> UnitRegistration:
    """Send the unit's registration upward (first time, or again after it was returned)."""
    registration = UnitRegistration.objects.select_related("campaign", "unit").get(pk=registration.pk)
    _ensure_open_campaign(registration.campaign)
    if not registration.work_items.exists():
        raise ValidationError(_("Register at least one work item before sending."))
    if registration.state == RegistrationState.DRAFT:
        _ensure_before_deadline(registration.campaign, registration.unit, today=today or timezone.localdate())
    return registration_set_state(
        registration=registration, new_state=RegistrationState.SUBMITTED, actor=actor, at=_moment(today)
    )


@transaction.atomic
def registration_review(
    *, registration, accept: bool, actor: User | None, comment: str = "", today: datetime.date | None = None
):
    """The issuer accepts, or returns with comments, a submitted registration (unit or individual)."""
    new_state = RegistrationState.ACCEPTED if accept else RegistrationState.RETURNED
    return registration_set_state(
        registration=registration, new_state=new_state, actor=actor, reason=comment, at=_moment(today)
    )


# --- Individual registrations ----------------------------------------------------------------


@transaction.atomic
def individual_register(
    *,
    campaign: Campaign,
    person: Person,
    actor: User | None,
    aimed_award: Award | None,
    aimed_detail: str = "",
    note: str = "",
    school_year: int | None = None,
    today: datetime.date | None = None,
) -> IndividualRegistration:
    """A person's (draft) registration, kept by their unit until it forwards the list."""
    today = today or timezone.localdate()
    school_year = school_year or school_year_of(today)
    unit = person.unit
    _ensure_open_campaign(campaign)
    _ensure_participant(campaign, unit)
    errors = {}
    if not person.is_active:
        errors["person"] = _("This person is no longer active.")
    if aimed_award is None or not _registrable(aimed_award, Subject.INDIVIDUAL):
        errors["aimed_award"] = _("Choose a title from the list.")
    if not (school_year_of(campaign.starts_on) <= school_year <= school_year_of(campaign.ends_on)):
        errors["school_year"] = _("The school year lies outside the campaign period.")
    if errors:
        raise ValidationError(errors)
    if IndividualRegistration.objects.filter(campaign=campaign, person=person, school_year=school_year).exists():
        raise ValidationError(
            {"person": _("%(name)s has already registered for this school year.") % {"name": person.full_name}}
        )
    _ensure_before_deadline(campaign, unit, today=today, school_year=school_year)
    registration = IndividualRegistration(
        campaign=campaign,
        person=person,
        unit=unit,
        school_year=school_year,
        aimed_award=aimed_award,
        aimed_detail=clean(aimed_detail),
        note=note.strip(),
        created_by=actor,
    )
    registration.full_clean()
    registration.save()
    log_action(
        registration,
        "registration.created",
        actor=actor,
        unit=unit,
        data={"campaign": campaign.pk, "person": person.pk, "title": aimed_award.code},
    )
    return registration


@transaction.atomic
def individual_delete(*, registration: IndividualRegistration, actor: User | None) -> None:
    if registration.state != RegistrationState.DRAFT:
        raise ValidationError(_("Only a registration that has not been sent can be deleted."))
    log_action(
        registration.campaign,
        "registration.individual_deleted",
        actor=actor,
        unit=registration.unit,
        data={"person": registration.person_id, "school_year": registration.school_year},
    )
    registration.delete()


@transaction.atomic
def individuals_forward(
    *, campaign: Campaign, unit: Unit, actor: User | None, note: str = "", today: datetime.date | None = None
) -> RegistrationForward:
    """Send every registration waiting at the unit (drafts and returned ones) upward in one step."""
    moment = _moment(today)
    today = today or timezone.localdate()
    _ensure_open_campaign(campaign)
    pending = list(
        IndividualRegistration.objects.select_for_update()
        .filter(campaign=campaign, unit=unit, state__in=REGISTRATION_PENDING_STATES)
        .order_by("pk")
    )
    if not pending:
        raise ValidationError(_("There is no registration waiting to be sent."))
    for school_year in sorted({r.school_year for r in pending if r.state == RegistrationState.DRAFT}):
        _ensure_before_deadline(campaign, unit, today=today, school_year=school_year)
    forward = RegistrationForward.objects.create(
        campaign=campaign,
        unit=unit,
        forwarded_by=actor,
        forwarded_at=moment,
        count=len(pending),
        note=note.strip(),
    )
    for registration in pending:
        registration_set_state(
            registration=registration, new_state=RegistrationState.SUBMITTED, actor=actor, forward=forward, at=moment
        )
    log_action(
        campaign, "registration.forwarded", actor=actor, unit=unit, data={"forward": forward.pk, "count": len(pending)}
    )
    announce("registration.forwarded", forward, actor=actor)
    return forward


# --- Pacts -----------------------------------------------------------------------------------


@transaction.atomic
def pact_create(
    *,
    cluster: Cluster,
    actor: User | None,
    title: str,
    signed_on: datetime.date | None,
    campaign: Campaign | None = None,
    note: str = "",
) -> Pact:
    title = clean(title)
    errors = {}
    if not title:
        errors["title"] = _("Give the pact a title.")
    if signed_on is None:
        errors["signed_on"] = _("Give the signing date.")
    if campaign is not None and not cluster.organiser.path.startswith(campaign.issuer.path):
        errors["campaign"] = _("The cluster is not part of this campaign.")
    if errors:
        raise ValidationError(errors)
    duplicate = Pact.objects.filter(cluster=cluster, campaign=campaign)
    if duplicate.exists():
        raise ValidationError(_("This cluster already has a pact for this campaign or school year."))
    pact = Pact(
        cluster=cluster, campaign=campaign, title=title, signed_on=signed_on, note=note.strip(), created_by=actor
    )
    pact.full_clean()
    pact.save()
    log_action(pact, "pact.created", actor=actor, unit=cluster.head_unit, data={"cluster": cluster.pk})
    return pact


def _parse_score(raw, *, field: str) -> Decimal | None:
    try:
        return parse_target_value(raw)
    except ValidationError as exc:
        raise ValidationError({field: _("The score must be a number, e.g. 8 or 8,5.")}) from exc


@transaction.atomic
def pact_target_add(
    *,
    pact: Pact,
    member: Unit,
    actor: User | None,
    criterion: str,
    max_score,
    target_value=None,
    target_unit: str = "",
) -> PactTarget:
    errors = {}
    criterion = clean(criterion)
    if not criterion:
        errors["criterion"] = _("Describe the criterion.")
    if not pact.cluster.members.filter(pk=member.pk).exists():
        errors["member"] = _("This unit is not a member of the cluster.")
    try:
        value = parse_target_value(target_value)
    except ValidationError as exc:
        errors.update(exc.message_dict)
        value = None
    maximum = _parse_score(max_score, field="max_score") if max_score not in (None, "") else None
    if maximum is None or maximum <= 0:
        errors["max_score"] = _("The maximum score must be a number above zero.")
    if errors:
        raise ValidationError(errors)
    target = PactTarget(
        pact=pact,
        member=member,
        criterion=criterion,
        target_value=value,
        target_unit=clean(target_unit),
        max_score=maximum,
        order=(pact.targets.aggregate(m=Max("order"))["m"] or 0) + 1,
    )
    target.full_clean()
    target.save()
    log_action(pact, "pact.target_added", actor=actor, unit=member, data={"target": target.pk, "criterion": criterion})
    return target


def _check_evidence_file(upload) -> None:
    """Evidence is judged by its bytes, with the same rule as deliverables."""
    try:
        sniff_deliverable(upload)
    except ValidationError as exc:
        raise ValidationError({"evidence_file": exc.messages}) from exc


def _validate_score(raw, target: PactTarget, *, field: str) -> Decimal:
    score = _parse_score(raw, field=field) if raw not in (None, "") else None
    if score is None:
        raise ValidationError({field: _("Give the score.")})
    if not (0 <= score <= target.max_score):
        raise ValidationError(
            {field: _("The score must be between 0 and %(max)s.") % {"max": _number(target.max_score)}}
        )
    return score


@transaction.atomic
def pact_self_score(
    *,
    target: PactTarget,
    actor: User | None,
    score,
    evidence: str,
    evidence_file=None,
    today: datetime.date | None = None,
) -> PactTarget:
    """The member scores its own target, with evidence; closed once the head unit has cross-scored."""
    today = today or timezone.localdate()
    target = PactTarget.objects.select_for_update().select_related("pact", "member").get(pk=target.pk)
    if target.pact.signed_on > today:
        raise ValidationError(_("The pact has not been signed yet."))
    if target.cross_score is not None:
        raise ValidationError(_("The head unit has already cross-scored this target."))
    value = _validate_score(score, target, field="self_score")
    evidence = evidence.strip()
    if not evidence:
        raise ValidationError({"self_evidence": _("Describe the evidence for the score.")})
    if evidence_file is not None:
        _check_evidence_file(evidence_file)
    target.self_score, target.self_evidence = value, evidence
    target.self_scored_by, target.self_scored_at = actor, timezone.now()
    fields = ["self_score", "self_evidence", "self_scored_by", "self_scored_at"]
    if evidence_file is not None:
        target.evidence_name = clean(evidence_file.name)[:255]
        target.evidence_file.save(evidence_file.name, evidence_file, save=False)
        fields += ["evidence_file", "evidence_name"]
    target.save(update_fields=fields)
    log_action(
        target.pact,
        "pact.self_scored",
        actor=actor,
        unit=target.member,
        data={"target": target.pk, "score": str(value)},
    )
    return target


@transaction.atomic
def pact_cross_score(*, target: PactTarget, actor: User | None, score, note: str = "") -> PactTarget:
    """The head unit's score for a member's target, given after the member's own."""
    target = PactTarget.objects.select_for_update().select_related("pact", "member").get(pk=target.pk)
    if target.self_score is None:
        raise ValidationError(_("The member has not scored this target yet."))
    value = _validate_score(score, target, field="cross_score")
    target.cross_score, target.cross_note = value, note.strip()
    target.cross_scored_by, target.cross_scored_at = actor, timezone.now()
    target.save(update_fields=["cross_score", "cross_note", "cross_scored_by", "cross_scored_at"])
    log_action(
        target.pact,
        "pact.cross_scored",
        actor=actor,
        unit=target.member,
        data={"target": target.pk, "score": str(value)},
    )
    return target


# --- Exemplars -------------------------------------------------------------------------------


@transaction.atomic
def exemplar_create(
    *,
    campaign: Campaign,
    unit: Unit,
    actor: User | None,
    subject_kind: str,
    title: str,
    year: int,
    built_on: datetime.date,
    subject_unit: Unit | None = None,
    person: Person | None = None,
    description: str = "",
) -> Exemplar:
    """Record an exemplar at step 1 (built: chosen and praised by the unit's head) on ``built_on``."""
    errors = {}
    title = clean(title)
    if not title:
        errors["title"] = _("Name the exemplar.")
    if unit.pk != campaign.issuer_id and not takes_part(campaign, unit):
        errors["unit"] = _("This unit does not take part in the campaign.")
    if not (campaign.starts_on.year <= year <= campaign.ends_on.year):
        errors["year"] = _("The year lies outside the campaign period.")
    if subject_kind == SubjectKind.INDIVIDUAL:
        if person is None:
            errors["person"] = _("Choose the person.")
        elif not person.unit.path.startswith(unit.path):
            errors["person"] = _("The person must work in the unit or a unit below it.")
        subject_unit = None
    elif subject_kind == SubjectKind.COLLECTIVE:
        subject_unit = subject_unit or unit
        if not subject_unit.path.startswith(unit.path):
            errors["subject_unit"] = _("The collective must be the unit or a unit below it.")
        person = None
    else:
        errors["subject_kind"] = _("Choose a collective or an individual.")
    if built_on is None:
        errors["built_on"] = _("Give the date.")
    if errors:
        raise ValidationError(errors)
    exemplar = Exemplar(
        campaign=campaign,
        unit=unit,
        subject_kind=subject_kind,
        subject_unit=subject_unit,
        person=person,
        title=title,
        description=description.strip(),
        year=year,
        created_by=actor,
    )
    exemplar.full_clean()
    exemplar.save()
    ExemplarStepRecord.objects.create(exemplar=exemplar, step=ExemplarStep.BUILD, date=built_on, recorded_by=actor)
    log_action(exemplar, "exemplar.created", actor=actor, unit=unit, data={"campaign": campaign.pk, "year": year})
    return exemplar


@transaction.atomic
def exemplar_advance(
    *, exemplar: Exemplar, new_step: str, on_date: datetime.date | None, actor: User | None, note: str = ""
) -> Exemplar:
    """The only way an exemplar moves on: to the next step of ``EXEMPLAR_TRANSITIONS``, dated, logged."""
    exemplar = Exemplar.objects.select_for_update().get(pk=exemplar.pk)
    old_step = exemplar.step
    if new_step not in EXEMPLAR_TRANSITIONS.get(old_step, ()):
        raise ValidationError(
            _("Steps go in order: after “%(old)s” comes “%(next)s”.")
            % {
                "old": ExemplarStep(old_step).label,
                "next": ", ".join(str(ExemplarStep(s).label) for s in EXEMPLAR_TRANSITIONS.get(old_step, ()))
                or _("nothing (the process is complete)"),
            }
        )
    if on_date is None:
        raise ValidationError({"on_date": _("Give the date.")})
    previous = exemplar.step_records.filter(step=old_step).first()
    if previous is not None and on_date < previous.date:
        raise ValidationError(
            {
                "on_date": _("The date cannot be before the previous step (%(date)s).")
                % {"date": short_date(previous.date)}
            }
        )
    exemplar.step = new_step
    exemplar.save(update_fields=["step", "updated_at"])
    ExemplarStepRecord.objects.create(
        exemplar=exemplar, step=new_step, date=on_date, note=note.strip(), recorded_by=actor
    )
    log_action(
        exemplar,
        "exemplar.step_changed",
        actor=actor,
        unit=exemplar.unit,
        reason=clean(note),
        data={"from": old_step, "to": new_step, "date": str(on_date)},
    )
    announce("exemplar.advanced", exemplar, actor=actor)
    return exemplar
