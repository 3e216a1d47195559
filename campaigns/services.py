"""Every write to campaigns. Keyword-only, transactional, logged through ``log_action``."""

import datetime
import unicodedata
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.enums import (
    ACTIVE_STATES,
    CAMPAIGN_TRANSITIONS,
    EDITABLE_STATES,
    CampaignState,
    ExceptionKind,
    ParticipantScope,
    Recurrence,
)
from campaigns.models import (
    Amendment,
    AwardOffer,
    Campaign,
    Criterion,
    Deadline,
    DeadlineException,
    DossierComponent,
    Milestone,
    Phase,
    Subject,
    Submission,
    UpperDocument,
)
from campaigns.selectors import unit_owes
from common.dates import short_date
from common.text import clean, fold
from units.models import Unit, User
from units.services import log_action

CAMPAIGN_FIELDS = (
    "title",
    "kind",
    "number",
    "symbol",
    "issued_on",
    "issued_place",
    "governing_body",
    "signer_name",
    "signer_title",
    "signing_authority",
    "summary",
    "preamble",
    "purpose",
    "requirements",
    "theme",
    "organisation",
    "starts_on",
    "ends_on",
    "participant_scope",
    "participant_kinds",
    "distribution",
    "min_exemplars_per_unit",
    "min_exemplars_issuer",
)


class CampaignError(ValidationError):
    """A refused campaign operation, with a Vietnamese message for the user."""


# Long texts keep their line breaks; single-line fields are NFC-cleaned and trimmed.
MULTILINE_FIELDS = {"preamble", "purpose", "requirements", "organisation", "distribution"}


def _cleaned(values: dict) -> dict:
    cleaned = {}
    for key, value in values.items():
        if isinstance(value, str):
            value = value.replace("\r\n", "\n").strip() if key in MULTILINE_FIELDS else clean(value)
            value = unicodedata.normalize("NFC", value)
        cleaned[key] = value
    return cleaned


def _validate_campaign(campaign: Campaign) -> None:
    if campaign.starts_on and campaign.ends_on and campaign.ends_on < campaign.starts_on:
        raise ValidationError({"ends_on": _("The end of the campaign cannot be before its start.")})
    campaign.full_clean(exclude=["issuer", "parent"])


@transaction.atomic
def campaign_create(*, issuer: Unit, actor: User | None, parent: Campaign | None = None, **fields) -> Campaign:
    values = _cleaned({k: v for k, v in fields.items() if k in CAMPAIGN_FIELDS})
    campaign = Campaign(issuer=issuer, parent=parent, created_by=actor, **values)
    campaign.title_search = fold(campaign.title)
    _validate_campaign(campaign)
    campaign.save()
    log_action(campaign, "campaign.created", actor=actor, unit=issuer)
    return campaign


def _ensure_editable(campaign: Campaign) -> None:
    if campaign.state not in EDITABLE_STATES:
        raise CampaignError(_("A launched campaign can only be changed through a recorded amendment."))


def _apply_fields(campaign: Campaign, fields: dict) -> dict:
    changed = {}
    for key, value in _cleaned(fields).items():
        if key not in CAMPAIGN_FIELDS:
            continue
        old = getattr(campaign, key)
        if old != value:
            changed[key] = [_jsonable(old), _jsonable(value)]
            setattr(campaign, key, value)
    campaign.title_search = fold(campaign.title)
    return changed


def _jsonable(value):
    if isinstance(value, datetime.date | Decimal):
        return str(value)
    return value


@transaction.atomic
def campaign_update(*, campaign: Campaign, actor: User | None, **fields) -> Campaign:
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    _ensure_editable(campaign)
    changed = _apply_fields(campaign, fields)
    if changed:
        _validate_campaign(campaign)
        campaign.save()
        log_action(campaign, "campaign.changed", actor=actor, unit=campaign.issuer, data=changed)
    return campaign


@transaction.atomic
def campaign_amend(*, campaign: Campaign, actor: User | None, reason: str, **fields) -> Amendment:
    """Change a launched campaign; the amendment records every field's old and new value."""
    reason = clean(reason)
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the amendment.")})
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.state == CampaignState.CLOSED:
        raise CampaignError(_("A closed campaign cannot be amended."))
    changed = _apply_fields(campaign, fields)
    if not changed:
        raise CampaignError(_("The amendment changes nothing."))
    _validate_campaign(campaign)
    campaign.save()
    sequence = _next_amendment_sequence(campaign)
    amendment = Amendment.objects.create(
        campaign=campaign, sequence=sequence, reason=reason, changes=changed, decided_by=actor
    )
    if {"starts_on", "ends_on"} & changed.keys():
        for milestone in campaign.milestones.all():
            milestone_expand(milestone=milestone)
    log_action(campaign, "campaign.amended", actor=actor, unit=campaign.issuer, reason=reason, data=changed)
    return amendment


@transaction.atomic
def campaign_set_state(*, campaign: Campaign, new_state: str, actor: User | None, reason: str = "") -> Campaign:
    """The only way a campaign changes state. Checks ``CAMPAIGN_TRANSITIONS``, logs who/when/why."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    old_state = campaign.state
    if new_state not in CAMPAIGN_TRANSITIONS.get(old_state, ()):
        raise CampaignError(
            _("A campaign cannot go from “%(old)s” to “%(new)s”.")
            % {"old": CampaignState(old_state).label, "new": CampaignState(new_state).label}
        )
    if new_state == CampaignState.LAUNCHED:
        _check_launchable(campaign)
        campaign.launched_at = timezone.now()
    campaign.state = new_state
    campaign.save(update_fields=["state", "launched_at", "updated_at"])
    log_action(
        campaign,
        "campaign.state_changed",
        actor=actor,
        unit=campaign.issuer,
        reason=clean(reason),
        data={"from": old_state, "to": new_state},
    )
    return campaign


def _check_launchable(campaign: Campaign) -> None:
    missing = []
    if not campaign.number or not campaign.symbol:
        missing.append(_("number and symbol"))
    if not campaign.issued_on:
        missing.append(_("issue date"))
    if not campaign.signer_name:
        missing.append(_("signer"))
    if missing:
        raise CampaignError(_("Before launching, fill in: %(fields)s.") % {"fields": ", ".join(missing)})


# --- Plan content: drafted freely, amended with a recorded reason once launched ---------------------
#
# Every add, change and delete of a plan's parts goes through the functions below and takes an
# optional ``amendment_reason``. On a draft the reason is ignored and the change is logged as it
# always was. On a launched campaign that is not closed the reason is required, and the change
# becomes one ``Amendment`` — its ``changes`` name the part, the action, the item and each field's
# value before and after (dates as dd/mm/yyyy), e.g. {"part": "milestone", "action": "updated",
# "item": "Báo cáo sơ kết", "fields": {"due_on": ["10/12/2024", "15/12/2024"]}} — plus a
# ``campaign.amended`` audit entry with the reason. One call (one form submission) is one amendment,
# however many fields it changes. A closed campaign refuses every change.

PHASE_FIELDS = ("name", "starts_on", "ends_on")
SUBJECT_FIELDS = ("kind", "unit_kind", "person_role", "description")
CRITERION_FIELDS = (
    "parent",
    "number",
    "title",
    "body",
    "subject_kind",
    "person_role",
    "target_value",
    "target_unit",
    "target_year",
    "phase",
)
AWARD_OFFER_FIELDS = ("name", "award", "occasion", "quota")
DOSSIER_COMPONENT_FIELDS = ("name", "is_required")
UPPER_DOCUMENT_FIELDS = ("number_symbol", "issued_on", "issuer_name", "summary", "linked_campaign")
MILESTONE_FIELDS = (
    "phase",
    "deliverable",
    "title",
    "description",
    "recurrence",
    "due_on",
    "due_month",
    "due_day",
    "owed_by_kinds",
    "is_individual",
    "recipient",
    "figures",
)
PARTICIPANT_FIELDS = ("participant_scope", "participant_kinds", "participant_units")


def _next_order(qs) -> int:
    return (qs.aggregate(m=Max("order"))["m"] or 0) + 1


def _begin_change(campaign: Campaign, amendment_reason: str | None) -> tuple[Campaign, str]:
    """Lock the campaign for a change to its parts.

    Returns the fresh campaign and "" for a draft, or the cleaned reason when the change is an
    amendment of a launched campaign. Refuses a closed campaign and an amendment without reason.
    """
    campaign = Campaign.objects.select_for_update(of=("self",)).select_related("issuer").get(pk=campaign.pk)
    if campaign.state in EDITABLE_STATES:
        return campaign, ""
    if campaign.state == CampaignState.CLOSED:
        raise CampaignError(_("A closed campaign cannot be amended."))
    reason = clean(amendment_reason or "")
    if not reason:
        raise ValidationError({"amendment_reason": _("The campaign is launched: give the reason for this amendment.")})
    return campaign, reason


def _next_amendment_sequence(campaign: Campaign) -> int:
    """The next number; the caller holds the campaign's row lock."""
    return (Amendment.objects.filter(campaign=campaign).aggregate(m=Max("sequence"))["m"] or 0) + 1


def _part_value(value):
    """A value as the audit log of a draft stores it (ISO dates, names of related rows)."""
    if hasattr(value, "_meta"):
        return str(value)
    return _jsonable(value)


def _shown(key: str, value):
    """A value as an amendment shows it: dates dd/mm/yyyy, decimals with a comma, names of related rows."""
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, datetime.date):
        return short_date(value)
    if isinstance(value, Decimal):
        return f"{value.normalize():f}".replace(".", ",")
    if hasattr(value, "_meta"):
        return str(value)
    if key == "figures":
        return [f"{f['label']} | {f['unit']}" if f.get("unit") else f["label"] for f in value]
    return value


def _set_fields(item, fields: dict, allowed: tuple[str, ...], *, multiline: tuple[str, ...] = ()) -> dict:
    """Copy the allowed fields onto ``item``; returns {field: (old, new)} of what changed."""
    changed = {}
    for key in allowed:
        if key not in fields:
            continue
        value = fields[key]
        if isinstance(value, str):
            value = value.replace("\r\n", "\n").strip() if key in multiline else clean(value)
        if value is None and key in ("unit_kind", "person_role", "subject_kind"):
            value = ""
        old = getattr(item, key)
        if old != value:
            changed[key] = (old, value)
            setattr(item, key, value)
    return changed


def _item_fields(item, allowed: tuple[str, ...]) -> dict:
    """{field: value} of an item's filled-in fields (an item added or deleted by an amendment)."""
    return {key: getattr(item, key) for key in allowed if _shown(key, getattr(item, key)) is not None}


def _log_part(campaign: Campaign, action: str, *, actor: User | None, item, changed: dict | None = None) -> None:
    data = {"item": str(item), "id": item.pk}
    if changed:
        data["changes"] = {key: [_part_value(old), _part_value(new)] for key, (old, new) in changed.items()}
    log_action(campaign, action, actor=actor, unit=campaign.issuer, data=data)


def _amend_part(
    campaign: Campaign, *, actor: User | None, reason: str, part: str, action: str, item, changed: dict
) -> Amendment:
    """Record one amendment of a launched campaign's part; ``changed`` is {field: (old, new)}."""
    if not changed and action == "updated":
        raise CampaignError(_("The amendment changes nothing."))
    change = {
        "part": part,
        "action": action,
        "item": str(item),
        "fields": {key: [_shown(key, old), _shown(key, new)] for key, (old, new) in changed.items()},
    }
    sequence = _next_amendment_sequence(campaign)
    amendment = Amendment.objects.create(
        campaign=campaign, sequence=sequence, reason=reason, changes=change, decided_by=actor
    )
    log_action(
        campaign,
        "campaign.amended",
        actor=actor,
        unit=campaign.issuer,
        reason=reason,
        data={"amendment": sequence, **change},
    )
    return amendment


def _added(item, allowed: tuple[str, ...]) -> dict:
    return {key: (None, value) for key, value in _item_fields(item, allowed).items()}


def _deleted(item, allowed: tuple[str, ...]) -> dict:
    return {key: (value, None) for key, value in _item_fields(item, allowed).items()}


def _validate_phase_dates(campaign: Campaign, starts_on, ends_on) -> None:
    if not starts_on or not ends_on:
        raise ValidationError({"starts_on": _("Give the start and the end of the phase.")})
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("The end of the phase cannot be before its start.")})
    if starts_on < campaign.starts_on or ends_on > campaign.ends_on:
        raise ValidationError({"starts_on": _("The phase must lie inside the campaign period.")})


@transaction.atomic
def phase_add(
    *, campaign: Campaign, actor: User | None, name: str, starts_on, ends_on, amendment_reason: str = ""
) -> Phase:
    campaign, reason = _begin_change(campaign, amendment_reason)
    _validate_phase_dates(campaign, starts_on, ends_on)
    phase = Phase.objects.create(
        campaign=campaign, name=clean(name), starts_on=starts_on, ends_on=ends_on, order=_next_order(campaign.phases)
    )
    _finish_add(campaign, actor=actor, reason=reason, part="phase", item=phase, allowed=PHASE_FIELDS)
    return phase


@transaction.atomic
def subject_add(
    *, campaign: Campaign, actor: User | None, kind: str, description: str, amendment_reason: str = "", **extra
) -> Subject:
    campaign, reason = _begin_change(campaign, amendment_reason)
    subject = Subject(
        campaign=campaign,
        kind=kind,
        description=clean(description),
        unit_kind=extra.get("unit_kind") or "",
        person_role=extra.get("person_role") or "",
        order=_next_order(campaign.subjects),
    )
    subject.full_clean()
    subject.save()
    _finish_add(campaign, actor=actor, reason=reason, part="subject", item=subject, allowed=SUBJECT_FIELDS)
    return subject


def parse_target_value(raw) -> Decimal | None:
    """Accepts "99,5", "99.5", "344"; refuses anything that is not a number."""
    if raw in (None, ""):
        return None
    if isinstance(raw, int | float | Decimal):
        return Decimal(str(raw))
    text = clean(str(raw)).replace(" ", "").rstrip("%")
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    try:
        return Decimal(text)
    except ArithmeticError as exc:
        raise ValidationError({"target_value": _("The target must be a number, e.g. 344 or 99,5.")}) from exc


def _parent_by_number(campaign: Campaign, number: str) -> Criterion | None:
    """ "2.1.1" sits under "2.1" when the plan already has it (entering a plan top-down)."""
    number = (number or "").strip().rstrip(".")
    if "." not in number:
        return None
    prefix = number.rsplit(".", 1)[0]
    return campaign.criteria.filter(number__in=[prefix, f"{prefix}."]).order_by("order", "id").first()


@transaction.atomic
def criterion_add(
    *,
    campaign: Campaign,
    actor: User | None,
    title: str,
    parent: Criterion | None = None,
    amendment_reason: str = "",
    **fields,
) -> Criterion:
    campaign, reason = _begin_change(campaign, amendment_reason)
    if parent is not None and parent.campaign_id != campaign.pk:
        raise ValidationError({"parent": _("The parent criterion belongs to another campaign.")})
    target_value = parse_target_value(fields.pop("target_value", None))
    body = (fields.pop("body", "") or "").strip()
    fields = {k: clean(v) if isinstance(v, str) else v for k, v in fields.items()}
    if parent is None:
        parent = _parent_by_number(campaign, fields.get("number", ""))
    criterion = Criterion(
        campaign=campaign,
        parent=parent,
        title=clean(title),
        body=body,
        target_value=target_value,
        order=_next_order(campaign.criteria),
        **fields,
    )
    criterion.full_clean()
    criterion.save()
    _finish_add(campaign, actor=actor, reason=reason, part="criterion", item=criterion, allowed=CRITERION_FIELDS)
    return criterion


@transaction.atomic
def award_offer_add(
    *, campaign: Campaign, actor: User | None, name: str, amendment_reason: str = "", **fields
) -> AwardOffer:
    campaign, reason = _begin_change(campaign, amendment_reason)
    offer = AwardOffer(
        campaign=campaign,
        name=clean(name),
        order=_next_order(campaign.award_offers),
        **{k: clean(v) if isinstance(v, str) else v for k, v in fields.items()},
    )
    offer.full_clean()
    offer.save()
    _finish_add(campaign, actor=actor, reason=reason, part="award_offer", item=offer, allowed=AWARD_OFFER_FIELDS)
    return offer


@transaction.atomic
def dossier_component_add(
    *, campaign: Campaign, actor: User | None, name: str, is_required=True, amendment_reason: str = ""
) -> DossierComponent:
    campaign, reason = _begin_change(campaign, amendment_reason)
    component = DossierComponent(
        campaign=campaign, name=clean(name), is_required=is_required, order=_next_order(campaign.dossier_components)
    )
    component.full_clean()
    component.save()
    _finish_add(
        campaign, actor=actor, reason=reason, part="dossier_component", item=component, allowed=DOSSIER_COMPONENT_FIELDS
    )
    return component


@transaction.atomic
def upper_document_add(
    *, campaign: Campaign, actor: User | None, number_symbol: str, amendment_reason: str = "", **fields
) -> UpperDocument:
    campaign, reason = _begin_change(campaign, amendment_reason)
    if fields.get("linked_campaign") is not None and fields["linked_campaign"].pk == campaign.pk:
        raise ValidationError({"linked_campaign": _("A plan cannot implement itself.")})
    document = UpperDocument.objects.create(
        campaign=campaign,
        number_symbol=clean(number_symbol),
        order=_next_order(campaign.upper_documents),
        **{k: clean(v) if isinstance(v, str) else v for k, v in fields.items()},
    )
    _finish_add(
        campaign, actor=actor, reason=reason, part="upper_document", item=document, allowed=UPPER_DOCUMENT_FIELDS
    )
    return document


# --- Milestones and deadlines --------------------------------------------------------------


def milestone_dates(milestone: Milestone) -> list[datetime.date]:
    """Concrete due dates: the one-off date, or the yearly day in every year of the period.

    A yearly milestone runs over its phase when it has one, else over the campaign.
    """
    campaign = milestone.campaign
    if milestone.recurrence == Recurrence.ONCE:
        return [milestone.due_on] if milestone.due_on else []
    start, end = (
        (milestone.phase.starts_on, milestone.phase.ends_on)
        if milestone.phase_id
        else (campaign.starts_on, campaign.ends_on)
    )
    dates = []
    for year in range(start.year, end.year + 1):
        try:
            day = datetime.date(year, milestone.due_month, milestone.due_day)
        except ValueError:  # 29/2 in a common year falls on 28/2
            day = datetime.date(year, milestone.due_month, milestone.due_day - 1)
        if start <= day <= end:
            dates.append(day)
    return dates


def _validate_milestone(milestone: Milestone) -> None:
    campaign = milestone.campaign
    if milestone.recurrence == Recurrence.ONCE:
        milestone.due_month = milestone.due_day = None
    else:
        milestone.due_on = None
    if milestone.phase_id and milestone.phase.campaign_id != campaign.pk:
        raise ValidationError({"phase": _("The phase belongs to another campaign.")})
    errors = {}
    if milestone.recurrence == Recurrence.ONCE:
        if not milestone.due_on:
            errors["due_on"] = _("Give the due date.")
        elif not (campaign.starts_on <= milestone.due_on <= campaign.ends_on):
            errors["due_on"] = _("The deadline %(date)s lies outside the campaign period (%(start)s – %(end)s).") % {
                "date": short_date(milestone.due_on),
                "start": short_date(campaign.starts_on),
                "end": short_date(campaign.ends_on),
            }
        elif milestone.phase_id and not (milestone.phase.starts_on <= milestone.due_on <= milestone.phase.ends_on):
            errors["due_on"] = _("The deadline lies outside its phase.")
    else:
        try:
            datetime.date(2024, milestone.due_month or 0, milestone.due_day or 0)
        except (TypeError, ValueError):
            errors["due_day"] = _("Give a valid day and month for a yearly deadline.")
    if errors:
        raise ValidationError(errors)
    milestone.full_clean()
    if not milestone_dates(milestone):
        raise ValidationError({"due_day": _("This yearly deadline never falls inside the campaign period.")})


def _deadline_dates(milestone: Milestone) -> list[str]:
    return [short_date(d.due_on) for d in milestone.deadlines.order_by("due_on")]


@transaction.atomic
def milestone_create(*, campaign: Campaign, actor: User | None, amendment_reason: str = "", **fields) -> Milestone:
    """Add a milestone and its deadlines: freely to a draft, by a recorded amendment once launched."""
    campaign, reason = _begin_change(campaign, amendment_reason)
    milestone = Milestone(campaign=campaign, order=_next_order(campaign.milestones), **fields)
    milestone.title = clean(milestone.title)
    _validate_milestone(milestone)
    milestone.save()
    milestone_expand(milestone=milestone)
    if reason:
        changed = _added(milestone, MILESTONE_FIELDS)
        changed["deadlines"] = ([], _deadline_dates(milestone))
        _amend_part(
            campaign, actor=actor, reason=reason, part="milestone", action="added", item=milestone, changed=changed
        )
    else:
        log_action(
            campaign, "campaign.milestone_added", actor=actor, unit=campaign.issuer, data={"title": milestone.title}
        )
    return milestone


@transaction.atomic
def milestone_expand(*, milestone: Milestone) -> list[Deadline]:
    """Make the Deadline rows match the milestone's dates, moving rows rather than replacing them.

    A moved date (an amendment) moves its Deadline row: the one-off deadline, or for a yearly
    milestone the deadline of the same year. Submissions, exceptions and the reminder log stay
    with the row, so a unit that already submitted is judged against the new date and does not
    owe the deadline a second time. Reminders are keyed on (deadline, unit, recipient, offset,
    effective due date), so the new date gets a fresh reminder series and pending reminders for
    the old date are never sent (the planner only reminds about dates the milestone has).
    A date that no longer exists at all (a shorter period) loses its row unless units submitted
    against it; such a row is kept, with its submissions, and no longer reminded about.
    """
    wanted = sorted(set(milestone_dates(milestone)))
    existing = sorted(milestone.deadlines.all(), key=lambda d: d.due_on)
    unmatched_rows = [d for d in existing if d.due_on not in wanted]
    unmatched_dates = [day for day in wanted if day not in {d.due_on for d in existing}]

    def same_slot(row: Deadline, day: datetime.date) -> bool:
        return milestone.recurrence == Recurrence.ONCE or row.due_on.year == day.year

    to_create = []
    for day in unmatched_dates:
        row = next((r for r in unmatched_rows if same_slot(r, day)), None)
        if row is None:
            to_create.append(Deadline(milestone=milestone, due_on=day))
            continue
        unmatched_rows.remove(row)
        Deadline.objects.filter(pk=row.pk).update(due_on=day)
    for row in unmatched_rows:
        if not row.submissions.exists():
            row.delete()
    Deadline.objects.bulk_create(to_create, ignore_conflicts=True)
    return list(milestone.deadlines.order_by("due_on"))


@transaction.atomic
def deadline_excuse(*, deadline: Deadline, unit: Unit, reason: str, actor: User | None) -> DeadlineException:
    return _deadline_exception(deadline=deadline, unit=unit, kind=ExceptionKind.EXCUSED, reason=reason, actor=actor)


@transaction.atomic
def deadline_extend(
    *, deadline: Deadline, unit: Unit, new_due_on: datetime.date, reason: str, actor: User | None
) -> DeadlineException:
    if new_due_on <= deadline.due_on:
        raise ValidationError({"new_due_on": _("The new date must be after the original deadline.")})
    return _deadline_exception(
        deadline=deadline, unit=unit, kind=ExceptionKind.EXTENDED, reason=reason, actor=actor, new_due_on=new_due_on
    )


def _deadline_exception(*, deadline, unit, kind, reason, actor, new_due_on=None) -> DeadlineException:
    reason = clean(reason)
    if not reason:
        raise ValidationError({"reason": _("Give the reason.")})
    exception, _created = DeadlineException.objects.update_or_create(
        deadline=deadline,
        unit=unit,
        defaults={"kind": kind, "reason": reason, "new_due_on": new_due_on, "granted_by": actor},
    )
    log_action(
        deadline.milestone.campaign,
        f"deadline.{kind}",
        actor=actor,
        unit=unit,
        reason=reason,
        data={"deadline": deadline.pk, "unit": unit.pk, "new_due_on": str(new_due_on or "")},
    )
    return exception


@transaction.atomic
def submission_create(
    *,
    deadline: Deadline,
    unit: Unit,
    actor: User | None,
    file=None,
    figures: dict | None = None,
    note: str = "",
) -> Submission:
    """Submit (or resubmit) a deliverable. Earlier versions stay; the new one gets the next number.

    Refused for a campaign that does not take submissions (a draft or a closed one) and for a unit
    that does not owe the deadline: the screens hide those cases, the service forbids them.
    """
    milestone = deadline.milestone
    # The guard reads the campaign as stored, not a copy the caller may hold from before a change.
    campaign = (
        Campaign.objects.select_related("issuer").prefetch_related("participant_units").get(pk=milestone.campaign_id)
    )
    milestone.campaign = campaign
    if campaign.state not in ACTIVE_STATES:
        raise ValidationError(
            _("This campaign does not take submissions now (it is “%(state)s”).")
            % {"state": CampaignState(campaign.state).label}
        )
    if not unit_owes(milestone, unit):
        raise ValidationError(_("%(unit)s does not owe this deadline.") % {"unit": unit.name})
    figures = figures or {}
    missing = [f["label"] for f in milestone.figures if f.get("required", True) and f["key"] not in figures]
    if missing:
        raise ValidationError({"figures": _("Fill in the figures: %(names)s.") % {"names": ", ".join(missing)}})
    if file is None and not figures and not clean(note):
        raise ValidationError({"file": _("Attach the file or fill in the figures.")})
    for attempt in range(3):
        version = (Submission.objects.filter(deadline=deadline, unit=unit).aggregate(m=Max("version"))["m"] or 0) + 1
        try:
            with transaction.atomic():
                submission = Submission.objects.create(
                    deadline=deadline,
                    unit=unit,
                    version=version,
                    file=file or "",
                    original_name=getattr(file, "name", "")[:255] if file else "",
                    content_type=getattr(file, "content_type", "") or "" if file else "",
                    size=getattr(file, "size", 0) or 0 if file else 0,
                    figures=figures,
                    note=clean(note),
                    submitted_by=actor,
                    submitted_at=timezone.now(),
                )
            break
        except IntegrityError:  # two clerks submitting at once: take the next version
            if attempt == 2:
                raise
    log_action(
        milestone.campaign,
        "submission.created",
        actor=actor,
        unit=unit,
        data={"deadline": deadline.pk, "version": submission.version},
    )
    return submission


# --- Copy and cascade ----------------------------------------------------------------------------


def _shift_year(value: datetime.date | None, years: int) -> datetime.date | None:
    if value is None:
        return None
    try:
        return value.replace(year=value.year + years)
    except ValueError:
        return value.replace(year=value.year + years, day=28)


@transaction.atomic
def campaign_copy(
    *, source: Campaign, actor: User | None, issuer: Unit | None = None, years: int = 1, parent: Campaign | None = None
) -> Campaign:
    """A draft copy: to the next school year (dates shifted by ``years``), or, with another
    ``issuer`` and ``years=0``, a lower unit's plan implementing ``source`` (cascade)."""
    values = {k: getattr(source, k) for k in CAMPAIGN_FIELDS}
    values.update(number=None, issued_on=None)
    values["starts_on"] = _shift_year(source.starts_on, years)
    values["ends_on"] = _shift_year(source.ends_on, years)
    if issuer is not None and issuer.pk != source.issuer_id:
        values.update(
            signer_name=issuer.head_name,
            signer_title=issuer.head_title,
            signing_authority="",
            governing_body="",
            symbol=f"KH-{issuer.short_name}" if issuer.short_name else "",
            distribution="",
            issued_place="",
        )
    copy = campaign_create(
        issuer=issuer or source.issuer,
        actor=actor,
        parent=parent if parent is not None else source.parent,
        **values,
    )
    if source.participant_scope == "list":
        copy.participant_units.set(source.participant_units.all())
    phase_map = {}
    for phase in source.phases.all():
        phase_map[phase.pk] = Phase.objects.create(
            campaign=copy,
            name=phase.name,
            starts_on=_shift_year(phase.starts_on, years),
            ends_on=_shift_year(phase.ends_on, years),
            order=phase.order,
        )
    for subject in source.subjects.all():
        Subject.objects.create(
            campaign=copy,
            kind=subject.kind,
            unit_kind=subject.unit_kind,
            person_role=subject.person_role,
            description=subject.description,
            order=subject.order,
        )
    criterion_map: dict[int, Criterion] = {}
    for criterion in source.criteria.order_by("order", "id"):
        criterion_map[criterion.pk] = Criterion.objects.create(
            campaign=copy,
            parent=criterion_map.get(criterion.parent_id),
            number=criterion.number,
            title=criterion.title,
            body=criterion.body,
            subject_kind=criterion.subject_kind,
            person_role=criterion.person_role,
            target_value=criterion.target_value,
            target_unit=criterion.target_unit,
            target_year=criterion.target_year and criterion.target_year + years,
            phase=phase_map.get(criterion.phase_id),
            order=criterion.order,
        )
    for offer in source.award_offers.all():
        AwardOffer.objects.create(
            campaign=copy, name=offer.name, award=offer.award, occasion=offer.occasion, order=offer.order
        )
    for component in source.dossier_components.all():
        DossierComponent.objects.create(
            campaign=copy, name=component.name, is_required=component.is_required, order=component.order
        )
    if issuer is not None and issuer.pk != source.issuer_id:
        UpperDocument.objects.create(
            campaign=copy,
            number_symbol=source.number_symbol,
            issued_on=source.issued_on,
            issuer_name=source.issuer.name,
            summary=source.summary or source.title,
            linked_campaign=source,
        )
    else:
        for doc in source.upper_documents.all():
            UpperDocument.objects.create(
                campaign=copy,
                number_symbol=doc.number_symbol,
                issued_on=doc.issued_on,
                issuer_name=doc.issuer_name,
                summary=doc.summary,
                linked_campaign=doc.linked_campaign,
                order=doc.order,
            )
    # A lower unit's plan does not copy the upper deadlines: those stay the ones units owe.
    is_cascade = issuer is not None and issuer.pk != source.issuer_id
    for milestone in [] if is_cascade else source.milestones.all():
        new = Milestone.objects.create(
            campaign=copy,
            phase=phase_map.get(milestone.phase_id),
            deliverable=milestone.deliverable,
            title=milestone.title,
            description=milestone.description,
            recurrence=milestone.recurrence,
            due_on=_shift_year(milestone.due_on, years),
            due_month=milestone.due_month,
            due_day=milestone.due_day,
            owed_by_kinds=milestone.owed_by_kinds,
            is_individual=milestone.is_individual,
            recipient=milestone.recipient,
            figures=milestone.figures,
            order=milestone.order,
        )
        if new.recurrence == Recurrence.ONCE and not (copy.starts_on <= new.due_on <= copy.ends_on):
            new.delete()
            continue
        milestone_expand(milestone=new)
    log_action(copy, "campaign.copied", actor=actor, unit=copy.issuer, data={"source": source.pk, "years": years})
    return copy


def campaign_cascade(*, upper: Campaign, unit: Unit, actor: User | None) -> Campaign:
    """A lower unit's own plan implementing ``upper``, pre-filled from it (a draft)."""
    if not unit.path.startswith(upper.issuer.path) or unit.pk == upper.issuer_id:
        raise CampaignError(_("Only a unit below the issuer can implement this campaign."))
    if upper.implementations.filter(issuer=unit).exists():
        raise CampaignError(_("This unit already has its own plan for this campaign."))
    return campaign_copy(source=upper, actor=actor, issuer=unit, years=0, parent=upper)


# --- Changing and deleting a plan's parts (a draft freely, a launched plan by amendment) ------------


def _finish_add(campaign, *, actor, reason, part, item, allowed) -> None:
    """Record an added part: an amendment on a launched plan, a log entry on a draft."""
    if reason:
        _amend_part(
            campaign, actor=actor, reason=reason, part=part, action="added", item=item, changed=_added(item, allowed)
        )
    else:
        _log_part(campaign, f"campaign.{part}_added", actor=actor, item=item)


def _finish_update(campaign, *, actor, reason, part, item, changed) -> None:
    if reason:
        _amend_part(campaign, actor=actor, reason=reason, part=part, action="updated", item=item, changed=changed)
    elif changed:
        _log_part(campaign, f"campaign.{part}_changed", actor=actor, item=item, changed=changed)


def _finish_delete(campaign, *, actor, reason, part, item, allowed) -> None:
    """Record the deletion; called before the row goes, while it still has its id and values."""
    if reason:
        _amend_part(
            campaign,
            actor=actor,
            reason=reason,
            part=part,
            action="deleted",
            item=item,
            changed=_deleted(item, allowed),
        )
    else:
        _log_part(campaign, f"campaign.{part}_deleted", actor=actor, item=item)


@transaction.atomic
def phase_update(*, phase: Phase, actor: User | None, amendment_reason: str = "", **fields) -> Phase:
    """Change a phase; the milestones inside it must still fit and are re-expanded."""
    campaign, reason = _begin_change(phase.campaign, amendment_reason)
    phase.campaign = campaign
    changed = _set_fields(phase, fields, PHASE_FIELDS)
    _validate_phase_dates(campaign, phase.starts_on, phase.ends_on)
    phase.full_clean()
    milestones = list(phase.milestones.select_related("campaign"))
    for milestone in milestones:
        milestone.phase = phase
        try:
            _validate_milestone(milestone)
        except ValidationError as exc:
            raise ValidationError(
                {"starts_on": _("The milestone “%(title)s” would no longer fit in this phase.") % {"title": milestone}}
            ) from exc
    _finish_update(campaign, actor=actor, reason=reason, part="phase", item=phase, changed=changed)
    phase.save()
    for milestone in milestones:
        milestone_expand(milestone=milestone)
    return phase


@transaction.atomic
def phase_delete(*, phase: Phase, actor: User | None, amendment_reason: str = "") -> None:
    """Remove a phase; its milestones and criteria stay, now over the whole campaign."""
    campaign, reason = _begin_change(phase.campaign, amendment_reason)
    milestones = list(phase.milestones.all())
    _finish_delete(campaign, actor=actor, reason=reason, part="phase", item=phase, allowed=PHASE_FIELDS)
    phase.delete()
    for milestone in milestones:
        milestone.phase = None
        milestone_expand(milestone=milestone)


@transaction.atomic
def subject_update(*, subject: Subject, actor: User | None, amendment_reason: str = "", **fields) -> Subject:
    campaign, reason = _begin_change(subject.campaign, amendment_reason)
    changed = _set_fields(subject, fields, SUBJECT_FIELDS)
    subject.full_clean()
    _finish_update(campaign, actor=actor, reason=reason, part="subject", item=subject, changed=changed)
    subject.save()
    return subject


@transaction.atomic
def subject_delete(*, subject: Subject, actor: User | None, amendment_reason: str = "") -> None:
    campaign, reason = _begin_change(subject.campaign, amendment_reason)
    _finish_delete(campaign, actor=actor, reason=reason, part="subject", item=subject, allowed=SUBJECT_FIELDS)
    subject.delete()


@transaction.atomic
def criterion_update(*, criterion: Criterion, actor: User | None, amendment_reason: str = "", **fields) -> Criterion:
    campaign, reason = _begin_change(criterion.campaign, amendment_reason)
    if "target_value" in fields:
        fields["target_value"] = parse_target_value(fields["target_value"])
    parent = fields.get("parent", criterion.parent)
    ancestor = parent
    while ancestor is not None:
        if ancestor.pk == criterion.pk:
            raise ValidationError({"parent": _("A criterion cannot sit under itself or one of its own items.")})
        ancestor = ancestor.parent
    if parent is not None and parent.campaign_id != campaign.pk:
        raise ValidationError({"parent": _("The parent criterion belongs to another campaign.")})
    changed = _set_fields(criterion, fields, CRITERION_FIELDS, multiline=("body",))
    criterion.full_clean()
    _finish_update(campaign, actor=actor, reason=reason, part="criterion", item=criterion, changed=changed)
    criterion.save()
    return criterion


@transaction.atomic
def criterion_delete(*, criterion: Criterion, actor: User | None, amendment_reason: str = "") -> None:
    """Remove a criterion with the items nested under it."""
    campaign, reason = _begin_change(criterion.campaign, amendment_reason)
    _finish_delete(campaign, actor=actor, reason=reason, part="criterion", item=criterion, allowed=CRITERION_FIELDS)
    criterion.delete()


@transaction.atomic
def award_offer_update(
    *, award_offer: AwardOffer, actor: User | None, amendment_reason: str = "", **fields
) -> AwardOffer:
    campaign, reason = _begin_change(award_offer.campaign, amendment_reason)
    changed = _set_fields(award_offer, fields, AWARD_OFFER_FIELDS)
    award_offer.full_clean()
    _finish_update(campaign, actor=actor, reason=reason, part="award_offer", item=award_offer, changed=changed)
    award_offer.save()
    return award_offer


@transaction.atomic
def award_offer_delete(*, award_offer: AwardOffer, actor: User | None, amendment_reason: str = "") -> None:
    campaign, reason = _begin_change(award_offer.campaign, amendment_reason)
    _finish_delete(
        campaign, actor=actor, reason=reason, part="award_offer", item=award_offer, allowed=AWARD_OFFER_FIELDS
    )
    award_offer.delete()


@transaction.atomic
def dossier_component_update(
    *, dossier_component: DossierComponent, actor: User | None, amendment_reason: str = "", **fields
) -> DossierComponent:
    campaign, reason = _begin_change(dossier_component.campaign, amendment_reason)
    changed = _set_fields(dossier_component, fields, DOSSIER_COMPONENT_FIELDS)
    dossier_component.full_clean()
    _finish_update(
        campaign, actor=actor, reason=reason, part="dossier_component", item=dossier_component, changed=changed
    )
    dossier_component.save()
    return dossier_component


@transaction.atomic
def dossier_component_delete(
    *, dossier_component: DossierComponent, actor: User | None, amendment_reason: str = ""
) -> None:
    campaign, reason = _begin_change(dossier_component.campaign, amendment_reason)
    _finish_delete(
        campaign,
        actor=actor,
        reason=reason,
        part="dossier_component",
        item=dossier_component,
        allowed=DOSSIER_COMPONENT_FIELDS,
    )
    dossier_component.delete()


@transaction.atomic
def upper_document_update(
    *, upper_document: UpperDocument, actor: User | None, amendment_reason: str = "", **fields
) -> UpperDocument:
    campaign, reason = _begin_change(upper_document.campaign, amendment_reason)
    if fields.get("linked_campaign") is not None and fields["linked_campaign"].pk == campaign.pk:
        raise ValidationError({"linked_campaign": _("A plan cannot implement itself.")})
    changed = _set_fields(upper_document, fields, UPPER_DOCUMENT_FIELDS)
    upper_document.full_clean()
    _finish_update(campaign, actor=actor, reason=reason, part="upper_document", item=upper_document, changed=changed)
    upper_document.save()
    return upper_document


@transaction.atomic
def upper_document_delete(*, upper_document: UpperDocument, actor: User | None, amendment_reason: str = "") -> None:
    campaign, reason = _begin_change(upper_document.campaign, amendment_reason)
    _finish_delete(
        campaign,
        actor=actor,
        reason=reason,
        part="upper_document",
        item=upper_document,
        allowed=UPPER_DOCUMENT_FIELDS,
    )
    upper_document.delete()


@transaction.atomic
def milestone_update(*, milestone: Milestone, actor: User | None, amendment_reason: str = "", **fields) -> Milestone:
    """Change a milestone; its deadlines are recomputed (see ``milestone_expand`` for a moved date:
    a deadline with submissions stays and the new date is added beside it)."""
    campaign, reason = _begin_change(milestone.campaign, amendment_reason)
    milestone.campaign = campaign
    before = _deadline_dates(milestone)
    changed = _set_fields(milestone, fields, MILESTONE_FIELDS, multiline=("description",))
    _validate_milestone(milestone)
    milestone.save()
    milestone_expand(milestone=milestone)
    if reason:
        after = _deadline_dates(milestone)
        if after != before:
            changed["deadlines"] = (before, after)
    _finish_update(campaign, actor=actor, reason=reason, part="milestone", item=milestone, changed=changed)
    return milestone


@transaction.atomic
def milestone_delete(*, milestone: Milestone, actor: User | None, amendment_reason: str = "") -> None:
    campaign, reason = _begin_change(milestone.campaign, amendment_reason)
    if Submission.objects.filter(deadline__milestone=milestone).exists():
        raise CampaignError(_("Units have already submitted against this milestone; it cannot be deleted."))
    _finish_delete(campaign, actor=actor, reason=reason, part="milestone", item=milestone, allowed=MILESTONE_FIELDS)
    milestone.delete()


@transaction.atomic
def campaign_set_participants(
    *, campaign: Campaign, actor: User | None, scope: str, kinds=(), units=(), amendment_reason: str = ""
) -> Campaign:
    """Who takes part: the issuer's whole subtree, some unit kinds in it, or a chosen list."""
    campaign, reason = _begin_change(campaign, amendment_reason)
    kinds, units = list(kinds or []), list(units or [])
    if scope == ParticipantScope.KINDS and not kinds:
        raise ValidationError({"participant_kinds": _("Choose at least one unit kind.")})
    if scope == ParticipantScope.LIST:
        if not units:
            raise ValidationError({"participant_units": _("Choose at least one unit.")})
        outside = [u.name for u in units if not u.path.startswith(campaign.issuer.path) or u.pk == campaign.issuer_id]
        if outside:
            raise ValidationError(
                {
                    "participant_units": _("These units are not below the issuer: %(names)s.")
                    % {"names": ", ".join(outside)}
                }
            )
    if scope not in ParticipantScope.values:
        raise ValidationError({"participant_scope": _("Choose who takes part.")})
    old_units = sorted(campaign.participant_units.all(), key=lambda u: u.path)
    new_units = sorted(units, key=lambda u: u.path) if scope == ParticipantScope.LIST else []
    new_kinds = kinds if scope == ParticipantScope.KINDS else []
    old = [campaign.participant_scope, campaign.participant_kinds, sorted(u.pk for u in old_units)]
    new = [scope, new_kinds, sorted(u.pk for u in new_units)]
    changed = {
        key: (before, after)
        for key, before, after in zip(
            PARTICIPANT_FIELDS,
            (campaign.participant_scope, campaign.participant_kinds, [u.name for u in old_units]),
            (scope, new_kinds, [u.name for u in new_units]),
            strict=True,
        )
        if before != after
    }
    if reason:
        _amend_part(
            campaign,
            actor=actor,
            reason=reason,
            part="participants",
            action="updated",
            item=campaign,
            changed=changed,
        )
    else:
        log_action(
            campaign, "campaign.participants_changed", actor=actor, unit=campaign.issuer, data={"from": old, "to": new}
        )
    campaign.participant_scope = scope
    campaign.participant_kinds = new_kinds
    campaign.save(update_fields=["participant_scope", "participant_kinds", "updated_at"])
    campaign.participant_units.set(new_units)
    return campaign
