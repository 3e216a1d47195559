"""Every write to campaigns. Keyword-only, transactional, logged through ``log_action``."""

import datetime
import unicodedata
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns import parts
from campaigns.deadlines import milestone_expand
from campaigns.enums import (
    ACTIVE_STATES,
    CAMPAIGN_TRANSITIONS,
    EDITABLE_STATES,
    CampaignState,
    ExceptionKind,
    ParticipantScope,
)
from campaigns.models import Amendment, Campaign, Deadline, DeadlineException, Submission
from campaigns.outline import parse as parse_outline
from campaigns.parts import CopyContext, PartSpec, raw_value
from campaigns.selectors import unit_owes
from common.text import clean, fold
from units.models import Unit, User
from units.notifications import announce
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


def _text(value: str, *, multiline: bool) -> str:
    """A long text keeps its line breaks; a single line is cleaned (NFC, trimmed, spaces collapsed)."""
    if multiline:
        return unicodedata.normalize("NFC", value.replace("\r\n", "\n").strip())
    return clean(value)


def _cleaned(values: dict) -> dict:
    return {
        key: _text(value, multiline=key in MULTILINE_FIELDS) if isinstance(value, str) else value
        for key, value in values.items()
    }


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
            changed[key] = [raw_value(old), raw_value(value)]
            setattr(campaign, key, value)
    campaign.title_search = fold(campaign.title)
    return changed


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
    announce("campaign.amended", campaign, actor=actor)
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
    if new_state == CampaignState.LAUNCHED:
        announce("campaign.launched", campaign, actor=actor)
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


# --- A plan's parts: drafted freely, amended with a recorded reason once launched ------------------
#
# Every part (``campaigns.parts.PARTS``) is added, changed and deleted by the three functions below,
# which take an optional ``amendment_reason``. On a draft the reason is ignored and the change is
# logged (``campaign.<part>_added`` / ``_changed`` / ``_deleted``). On a launched campaign that is not
# closed the reason is required, and the change becomes one ``Amendment`` — its ``changes`` name the
# part, the action, the item and each field's raw value before and after (``parts.raw_value``), e.g.
# {"part": "milestone", "action": "updated", "item": "Báo cáo sơ kết", "fields": {"due_on":
# ["2024-12-10", "2024-12-15"], "deadlines": [["2024-12-10"], ["2024-12-15"]]}} — plus a
# ``campaign.amended`` audit entry with the reason. One call (one form submission) is one amendment,
# however many fields it changes. A closed campaign refuses every change.

AUDIT_VERBS = {"added": "added", "updated": "changed", "deleted": "deleted"}
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


def _part_change(*, part: str, action: str, item, changed: dict) -> dict:
    return {
        "part": part,
        "action": action,
        "item": str(item),
        "fields": {key: [raw_value(old), raw_value(new)] for key, (old, new) in changed.items()},
    }


def _amend_part(
    campaign: Campaign,
    *,
    actor: User | None,
    reason: str,
    part: str,
    action: str,
    item,
    changed: dict,
    batch: list | None = None,
) -> Amendment | None:
    """Record one amendment of a launched campaign's part; ``changed`` is {field: (old, new)}.

    With ``batch`` (a list), the change is only collected there, for ``_amend_batch`` to record
    the whole submission (a pasted outline) as one amendment.
    """
    if not changed and action == "updated":
        raise CampaignError(_("The amendment changes nothing."))
    change = _part_change(part=part, action=action, item=item, changed=changed)
    if batch is not None:
        batch.append(change)
        return None
    return _amendment_record(campaign, actor=actor, reason=reason, change=change)


def _amend_batch(campaign: Campaign, *, actor: User | None, reason: str, changes: list[dict]) -> Amendment:
    """Several items added in one submission: one amendment, ``{"part", "action", "items": [change, …]}``."""
    first = changes[0]
    change = {"part": first["part"], "action": first["action"], "items": changes}
    return _amendment_record(campaign, actor=actor, reason=reason, change=change)


def _amendment_record(campaign: Campaign, *, actor: User | None, reason: str, change: dict) -> Amendment:
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
    announce("campaign.amended", campaign, actor=actor)
    return amendment


def _record(
    spec: PartSpec, campaign: Campaign, action: str, item, changed: dict, *, actor, reason: str, batch=None
) -> None:
    """An amendment on a launched plan; on a draft, a log entry (none for a change of nothing)."""
    if reason:
        _amend_part(
            campaign, actor=actor, reason=reason, part=spec.key, action=action, item=item, changed=changed, batch=batch
        )
        return
    if action == "updated" and not changed:
        return
    data = {"item": str(item), "id": item.pk}
    if action == "updated":
        data["changes"] = {key: [raw_value(old), raw_value(new)] for key, (old, new) in changed.items()}
    log_action(campaign, f"campaign.{spec.key}_{AUDIT_VERBS[action]}", actor=actor, unit=campaign.issuer, data=data)


def _values(spec: PartSpec, fields: dict) -> dict:
    """The fields a part's service was given, cleaned: texts trimmed, an empty choice as ""."""
    unknown = sorted(set(fields) - set(spec.fields))
    if unknown:
        raise TypeError(f"{spec.key} has no field {', '.join(unknown)}")
    if spec.prepare is not None:
        fields = spec.prepare(dict(fields))
    values = {}
    for key, value in fields.items():
        if isinstance(value, str):
            value = _text(value, multiline=key in spec.multiline)
        elif value is None:
            model_field = spec.model._meta.get_field(key)
            if isinstance(model_field, models.CharField | models.TextField) and not model_field.null:
                value = ""
        values[key] = value
    return values


def _filled(spec: PartSpec, item) -> dict:
    """{field: value} of an item's filled-in fields (an item added or deleted by an amendment)."""
    return {key: getattr(item, key) for key in spec.fields if raw_value(getattr(item, key)) is not None}


def _check(spec: PartSpec, item, campaign: Campaign) -> None:
    item.campaign = campaign
    if spec.clean is not None:
        spec.clean(item, campaign)
    item.full_clean()


@transaction.atomic
def part_add(
    spec: PartSpec,
    *,
    campaign: Campaign,
    actor: User | None,
    amendment_reason: str = "",
    _batch: list | None = None,
    **fields,
):
    """Add an item of a part: freely to a draft, by a recorded amendment once launched.

    ``_batch`` (for ``criteria_import``) collects the amendment's change instead of recording it.
    """
    campaign, reason = _begin_change(campaign, amendment_reason)
    item = spec.model(campaign=campaign, order=_next_order(spec.items(campaign)), **_values(spec, fields))
    _check(spec, item, campaign)
    item.save()
    if spec.after_save is not None:
        spec.after_save(item, True)
    changed = {key: (None, value) for key, value in _filled(spec, item).items()}
    if reason and spec.derived is not None:
        changed.update({key: (None, value) for key, value in spec.derived(item).items()})
    _record(spec, campaign, "added", item, changed, actor=actor, reason=reason, batch=_batch)
    return item


@transaction.atomic
def part_update(spec: PartSpec, *, item, actor: User | None, amendment_reason: str = "", **fields):
    """Change an item of a part; ``spec.derived`` values (a milestone's deadlines) are recorded too."""
    campaign, reason = _begin_change(item.campaign, amendment_reason)
    derive = spec.derived if reason else None  # a draft's log records the fields only
    before = derive(item) if derive is not None else {}
    changed = {}
    for key, value in _values(spec, fields).items():
        old = getattr(item, key)
        if old != value:
            changed[key] = (old, value)
            setattr(item, key, value)
    _check(spec, item, campaign)
    item.save()
    if spec.after_save is not None:
        spec.after_save(item, False)
    if derive is not None:
        after = derive(item)
        changed.update({key: (before[key], value) for key, value in after.items() if value != before[key]})
    _record(spec, campaign, "updated", item, changed, actor=actor, reason=reason)
    return item


@transaction.atomic
def part_delete(spec: PartSpec, *, item, actor: User | None, amendment_reason: str = "") -> None:
    """Delete an item of a part (``spec.before_delete`` may refuse); recorded while it still has its values."""
    campaign, reason = _begin_change(item.campaign, amendment_reason)
    item.campaign = campaign
    then = spec.before_delete(item) if spec.before_delete is not None else None
    changed = {key: (value, None) for key, value in _filled(spec, item).items()}
    _record(spec, campaign, "deleted", item, changed, actor=actor, reason=reason)
    item.delete()
    if then is not None:
        then()


def _item_argument(spec: PartSpec, fields: dict):
    if spec.key not in fields:
        raise TypeError(f"give the {spec.key} to change as {spec.key}=…")
    return fields.pop(spec.key)


def _named_services(spec: PartSpec, *, add_name: str = "") -> tuple[Callable, Callable, Callable]:
    """``<part>_add(campaign=…)``, ``<part>_update(<part>=item, …)``, ``<part>_delete(<part>=item)``:
    the generic services under the names their callers (seed, demo, other apps, tests) know."""

    def add(*, campaign: Campaign, actor: User | None, amendment_reason: str = "", **fields):
        return part_add(spec, campaign=campaign, actor=actor, amendment_reason=amendment_reason, **fields)

    def update(*, actor: User | None, amendment_reason: str = "", **fields):
        item = _item_argument(spec, fields)
        return part_update(spec, item=item, actor=actor, amendment_reason=amendment_reason, **fields)

    def delete(*, actor: User | None, amendment_reason: str = "", **fields):
        item = _item_argument(spec, fields)
        if fields:
            raise TypeError(f"{spec.key}_delete takes no {', '.join(fields)}")
        return part_delete(spec, item=item, actor=actor, amendment_reason=amendment_reason)

    for function, verb in ((add, "add"), (update, "update"), (delete, "delete")):
        function.__name__ = function.__qualname__ = (add_name if function is add else "") or f"{spec.key}_{verb}"
        function.__doc__ = f"``part_{verb}`` of the {spec.key} part (``campaigns.parts.{spec.key.upper()}``)."
    return add, update, delete


upper_document_add, upper_document_update, upper_document_delete = _named_services(parts.UPPER_DOCUMENT)
phase_add, phase_update, phase_delete = _named_services(parts.PHASE)
subject_add, subject_update, subject_delete = _named_services(parts.SUBJECT)
criterion_add, criterion_update, criterion_delete = _named_services(parts.CRITERION)
award_offer_add, award_offer_update, award_offer_delete = _named_services(parts.AWARD_OFFER)
dossier_component_add, dossier_component_update, dossier_component_delete = _named_services(parts.DOSSIER_COMPONENT)
milestone_create, milestone_update, milestone_delete = _named_services(parts.MILESTONE, add_name="milestone_create")


@transaction.atomic
def criteria_import(*, campaign: Campaign, text: str, actor: User | None, amendment_reason: str = "") -> list:
    """The whole tree of criteria from a pasted outline ("1. … 1.1. … a) … - …"), in one step.

    Refuses the whole text, each problem at its line, when the outline is malformed; otherwise
    adds every item after the plan's existing criteria, under its parent, with its marker as written.
    On a launched plan the whole paste is one amendment (one reason, one notice to the participants).
    """
    outline = parse_outline(text)
    if outline.errors:
        raise ValidationError({"text": [str(problem) for problem in outline.errors]})
    campaign, reason = _begin_change(campaign, amendment_reason)
    batch: list[dict] = []
    created: dict[int, models.Model] = {}
    for item in outline.walk():
        created[id(item)] = part_add(
            parts.CRITERION,
            campaign=campaign,
            actor=actor,
            amendment_reason=reason,
            _batch=batch,
            parent=created[id(item.parent)] if item.parent is not None else None,
            number=item.number,
            title=item.title,
            body=item.body,
        )
    if batch:
        _amend_batch(campaign, actor=actor, reason=reason, changes=batch)
    return list(created.values())


# --- Deadlines and submissions ---------------------------------------------------------------------


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
    announce(f"deadline.{kind}", exception, actor=actor)
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
    announce("submission.received", submission, actor=actor)
    return submission


# --- Copy and cascade ----------------------------------------------------------------------------


@transaction.atomic
def campaign_copy(
    *, source: Campaign, actor: User | None, issuer: Unit | None = None, years: int = 1, parent: Campaign | None = None
) -> Campaign:
    """A draft copy: to the next school year (dates shifted by ``years``), or, with another
    ``issuer`` and ``years=0``, a lower unit's plan implementing ``source`` (cascade). Each part is
    copied by its spec's copy rule (``campaigns.parts``)."""
    is_cascade = issuer is not None and issuer.pk != source.issuer_id
    values = {k: getattr(source, k) for k in CAMPAIGN_FIELDS}
    values.update(number=None, issued_on=None)
    values["starts_on"] = parts.shift_year(source.starts_on, years)
    values["ends_on"] = parts.shift_year(source.ends_on, years)
    if is_cascade:
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
    ctx = CopyContext(
        source=source, target=copy, years=years, cascade=is_cascade, copies={spec.model: {} for spec in parts.PARTS}
    )
    for spec in parts.PARTS:
        for original, new in (spec.copy or parts.copy_items)(spec, ctx):
            new.save()
            if original is not None:
                ctx.copies[spec.model][original.pk] = new
            if spec.after_save is not None:
                spec.after_save(new, True)
    log_action(copy, "campaign.copied", actor=actor, unit=copy.issuer, data={"source": source.pk, "years": years})
    return copy


def campaign_cascade(*, upper: Campaign, unit: Unit, actor: User | None) -> Campaign:
    """A lower unit's plan implementing ``upper``, pre-filled from it (a draft)."""
    if not unit.path.startswith(upper.issuer.path) or unit.pk == upper.issuer_id:
        raise CampaignError(_("Only a unit below the issuer can implement this campaign."))
    if upper.implementations.filter(issuer=unit).exists():
        raise CampaignError(_("This unit already has its own plan for this campaign."))
    return campaign_copy(source=upper, actor=actor, issuer=unit, years=0, parent=upper)


# --- Who takes part -------------------------------------------------------------------------------------


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
            (campaign.participant_scope, campaign.participant_kinds, old_units),
            (scope, new_kinds, new_units),
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
