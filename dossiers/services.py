"""Every write to award rounds and dossiers, and every guard.

Keyword-only, transactional, validated with Vietnamese messages (English msgids),
logged. ``transition`` is the one function that writes ``Dossier.state``; sending
freezes each nominee's verdict and generates the documents in the same transaction,
so the dossier is saved whole or not at all.
"""

import datetime
import hashlib
import logging
import os

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.models import Award, Initiative, Restriction
from campaigns.models import Campaign
from common.dates import short_date
from common.queue import send_after_commit
from common.text import clean
from common.uploads import DOCX, JPEG, PDF, PNG, XLSX, sniff_deliverable
from common.workdays import working_days_between
from dossiers import documents, rules, selectors
from dossiers.enums import (
    AT_RECEIVER_STATES,
    EDITABLE_STATES,
    TRANSITIONS,
    AppraisalResult,
    ComponentKind,
    CouncilResult,
    DossierState,
    RoundKind,
    Verdict,
)
from dossiers.models import (
    AwardRound,
    Dossier,
    DossierDocument,
    DossierTransition,
    EvidenceItem,
    Holiday,
    LegalClock,
    Nominee,
    ReturnComment,
    RoundAward,
)
from units.models import Person, Unit, User
from units.services import log_action, notify, register_take

logger = logging.getLogger(__name__)
EMAIL_TASK = "dossiers.tasks.send_event_email"  # enqueued by name: services never import tasks
S = DossierState

EXTENSIONS = {".pdf": PDF, ".docx": DOCX, ".xlsx": XLSX, ".png": PNG, ".jpg": JPEG, ".jpeg": JPEG}


# --------------------------------------------------------------------------- rounds


@transaction.atomic
def round_create(
    *,
    organiser: Unit,
    kind: str,
    title: str,
    school_year: int,
    opens_on: datetime.date,
    actor: User | None,
    deadline: datetime.date | None = None,
    campaign: Campaign | None = None,
    occasion: str = "",
    awards: list[Award] | None = None,
    quotas: dict[int, int] | None = None,
) -> AwardRound:
    """A round; a campaign round takes its awards and quotas from the campaign's award offers."""
    if deadline is not None and deadline < opens_on:
        raise ValidationError({"deadline": _("The deadline cannot be before the round opens.")})
    award_round = AwardRound(
        organiser=organiser,
        kind=kind,
        title=clean(title),
        school_year=school_year,
        opens_on=opens_on,
        deadline=deadline,
        campaign=campaign,
        occasion=clean(occasion),
    )
    award_round.full_clean()
    award_round.save()
    quotas = quotas or {}
    chosen: dict[int, RoundAward] = {}
    if campaign is not None and kind == RoundKind.CAMPAIGN:
        for offer in campaign.award_offers.select_related("award"):
            award = selectors.award_for_offer(offer)
            if award is None or award.pk in chosen:
                continue
            chosen[award.pk] = RoundAward(round=award_round, award=award, offer=offer, quota=offer.quota)
    for award in awards or []:
        if award.pk not in chosen:
            chosen[award.pk] = RoundAward(round=award_round, award=award, quota=quotas.get(award.pk))
    RoundAward.objects.bulk_create(chosen.values())
    log_action(award_round, "dossiers.round_created", actor=actor, unit=organiser)
    return award_round


# --------------------------------------------------------------------------- dossier


def _default_place(unit: Unit) -> str:
    place = Campaign.objects.filter(issuer=unit).exclude(issued_place="").values_list("issued_place", flat=True).first()
    return place or ""


@transaction.atomic
def dossier_create(
    *, award_round: AwardRound, unit: Unit, actor: User | None, dated: datetime.date | None = None
) -> Dossier:
    if not unit.path.startswith(award_round.organiser.path):
        raise ValidationError(_("This unit is not under the unit that organises the round."))
    receiver = selectors.receiver_for(unit)
    if receiver is None:
        raise ValidationError(_("This unit has no managing unit in the tree to send a dossier to."))
    dossier = Dossier(
        round=award_round,
        unit=unit,
        receiver=receiver,
        dated=dated or timezone.localdate(),
        symbol=f"TTr-{(unit.short_name or unit.code).replace(' ', '')}",
        place=_default_place(unit),
        signer_name=unit.head_name,
        signer_title=unit.head_title,
        summary=f"Về việc đề nghị xét tặng {award_round.title[:1].lower()}{award_round.title[1:]}",
        created_by=actor if actor is not None and actor.is_authenticated else None,
    )
    dossier.full_clean()
    dossier.save()
    log_action(dossier, "dossiers.created", actor=actor, unit=unit)
    return dossier


def _require_editable(dossier: Dossier, actor: User | None) -> None:
    if dossier.state not in EDITABLE_STATES:
        raise ValidationError(
            _("This dossier has been sent (%(state)s): it can be changed only after it is returned for amendment.")
            % {"state": dossier.get_state_display()}
        )
    if actor is not None and not rules.prepares(actor, dossier):
        raise PermissionDenied


@transaction.atomic
def dossier_update(*, dossier: Dossier, actor: User | None, **fields) -> Dossier:
    dossier = Dossier.objects.select_for_update(of=("self",)).get(pk=dossier.pk)
    _require_editable(dossier, actor)
    allowed = {"dated", "place", "signer_name", "signer_title", "summary"}
    for name, value in fields.items():
        if name not in allowed:
            raise TypeError(name)
        setattr(dossier, name, clean(value) if isinstance(value, str) else value)
    dossier.full_clean()
    dossier.save(update_fields=list(fields))
    log_action(dossier, "dossiers.updated", actor=actor, unit=dossier.unit, data={"fields": sorted(fields)})
    return dossier


def _verdict_of(dossier: Dossier, nominee: Nominee):
    judgements = selectors.judge_nominees(dossier, [nominee])
    return judgements.get(nominee.pk or id(nominee))


def _check_nominee(dossier: Dossier, nominee: Nominee, *, judgement) -> None:
    """Every guard on one nominee (its dossier's other nominees and the round's included)."""
    award = nominee.award
    if nominee.person_id:
        if nominee.person.unit_id != dossier.unit_id and not nominee.source_id:
            raise ValidationError(
                _("%(name)s does not work in the proposing unit.") % {"name": nominee.person.full_name}
            )
        if not award.is_individual:
            raise ValidationError(_("%(award)s is not awarded to individuals.") % {"award": award.name})
    else:
        if not nominee.collective.path.startswith(dossier.unit.path):
            raise ValidationError(_("%(name)s is not within the proposing unit.") % {"name": nominee.collective.name})
        if not award.is_collective:
            raise ValidationError(_("%(award)s is not awarded to collectives.") % {"award": award.name})
    allowed = list(dossier.round.awards.values_list("award_id", flat=True))
    if allowed and award.pk not in allowed:
        raise ValidationError(_("%(award)s is not offered in this round.") % {"award": award.name})
    same = selectors.round_nominees(dossier.round).filter(award=award)
    same = same.filter(person=nominee.person) if nominee.person_id else same.filter(collective=nominee.collective)
    if nominee.pk:
        same = same.exclude(pk=nominee.pk)
    if nominee.source_id:
        same = same.exclude(pk=nominee.source_id)
    clash = same.select_related("dossier__unit").first()
    if clash is not None:
        raise ValidationError(
            _("%(name)s is already proposed for %(award)s in this round (dossier of %(unit)s).")
            % {"name": nominee.name, "award": award.name, "unit": clash.dossier.unit.name}
        )
    if nominee.initiative_id:
        initiative = Initiative.objects.select_related("used_for__award").get(pk=nominee.initiative_id)
        if initiative.person_id != nominee.person_id:
            raise ValidationError(_("The initiative belongs to someone else."))
        if initiative.used_for_id:
            raise ValidationError(
                _("The initiative “%(title)s” has already grounded an award (%(used)s); an initiative counts once.")
                % {"title": initiative.title, "used": initiative.used_for}
            )
        reused = selectors.round_nominees(dossier.round).filter(initiative=initiative)
        if nominee.pk:
            reused = reused.exclude(pk=nominee.pk)
        if nominee.source_id:
            reused = reused.exclude(pk=nominee.source_id)
        if reused.exists():
            raise ValidationError(
                _("The initiative “%(title)s” is already used by another proposal in this round.")
                % {"title": initiative.title}
            )
    if judgement is not None and judgement.verdict != Verdict.ELIGIBLE and not clean(nominee.justification):
        reasons = "; ".join(f"{r.label}{': ' + r.detail if r.detail else ''}" for r in judgement.reasons)
        raise ValidationError(
            _(
                "%(name)s is judged “%(verdict)s” for %(award)s (%(reasons)s): keep the proposal only with a "
                "written justification."
            )
            % {"name": nominee.name, "verdict": judgement.verdict_label, "award": award.name, "reasons": reasons}
        )


def _check_quota(dossier: Dossier, *, award: Award, reason: str, adding: int = 0) -> None:
    meter = selectors.quota_meters(dossier, extra={award.pk: adding} if adding else None).get(award.pk)
    if meter is None or meter.cap is None or meter.used <= meter.cap:
        return
    if meter.allows_reason and clean(reason):
        return
    figures = {
        "award": award.name,
        "cap": meter.cap,
        "used": meter.used,
        "over": meter.over,
        "source": meter.source,
    }
    if meter.allows_reason:
        raise ValidationError(
            _(
                "Over the quota of %(award)s: %(used)s proposed for a quota of %(cap)s (%(over)s over, %(source)s). "
                "The rule allows it only with a written reason."
            )
            % figures
        )
    raise ValidationError(
        _("Over the quota of %(award)s: %(used)s proposed for a quota of %(cap)s (%(over)s over, %(source)s).")
        % figures
    )


def _apply_judgement(nominee: Nominee, judgement) -> None:
    if judgement is None:
        nominee.verdict, nominee.verdict_data = Verdict.MISSING, {}
        return
    nominee.verdict = judgement.verdict
    nominee.verdict_data = selectors.judgement_to_dict(judgement)


@transaction.atomic
def nominee_add(
    *,
    dossier: Dossier,
    actor: User | None,
    award: Award,
    achievement: str,
    person: Person | None = None,
    collective: Unit | None = None,
    justification: str = "",
    quota_reason: str = "",
    initiative: Initiative | None = None,
) -> Nominee:
    dossier = Dossier.objects.select_for_update(of=("self",)).select_related("unit", "round").get(pk=dossier.pk)
    _require_editable(dossier, actor)
    if (person is None) == (collective is None):
        raise ValidationError(_("Choose a person or a collective."))
    nominee = Nominee(
        dossier=dossier,
        person=person,
        collective=collective,
        award=award,
        achievement=clean(achievement),
        justification=clean(justification),
        quota_reason=clean(quota_reason),
        initiative=initiative,
        position=(dossier.nominees.aggregate(m=Max("position"))["m"] or 0) + 1,
    )
    if not nominee.achievement:
        raise ValidationError({"achievement": _("Write the achievement in one line.")})
    judgement = _verdict_of(dossier, nominee)
    _check_nominee(dossier, nominee, judgement=judgement)
    _check_quota(dossier, award=award, reason=nominee.quota_reason, adding=1)
    _apply_judgement(nominee, judgement)
    nominee.full_clean()
    nominee.save()
    log_action(
        dossier,
        "dossiers.nominee_added",
        actor=actor,
        unit=dossier.unit,
        data={"nominee": nominee.pk, "award": award.code, "verdict": nominee.verdict},
    )
    return nominee


@transaction.atomic
def nominees_confirm(
    *, dossier: Dossier, actor: User | None, picks: list[tuple[str, int, str]], achievement: str
) -> list[Nominee]:
    """Add the suggestions the user confirmed: ("person"|"unit", id, award code); all or nothing."""
    awards = {a.code: a for a in Award.objects.filter(code__in={code for _k, _i, code in picks})}
    added = []
    for kind, pk, code in picks:
        award = awards.get(code)
        if award is None:
            raise ValidationError(_("Unknown award."))
        if kind == "person":
            person = Person.objects.filter(pk=pk, unit=dossier.unit).first()
            if person is None:
                raise ValidationError(_("%(name)s does not work in the proposing unit.") % {"name": pk})
            added.append(nominee_add(dossier=dossier, actor=actor, award=award, person=person, achievement=achievement))
        else:
            unit = Unit.objects.filter(pk=pk, path__startswith=dossier.unit.path).first()
            if unit is None:
                raise ValidationError(_("Unknown unit."))
            added.append(
                nominee_add(dossier=dossier, actor=actor, award=award, collective=unit, achievement=achievement)
            )
    return added


@transaction.atomic
def nominee_update(
    *,
    nominee: Nominee,
    actor: User | None,
    achievement: str,
    justification: str = "",
    quota_reason: str = "",
    initiative: Initiative | None = None,
) -> Nominee:
    dossier = Dossier.objects.select_for_update(of=("self",)).select_related("unit", "round").get(pk=nominee.dossier_id)
    _require_editable(dossier, actor)
    nominee = Nominee.objects.select_related("person", "collective", "award", "initiative").get(pk=nominee.pk)
    nominee.achievement = clean(achievement)
    nominee.justification = clean(justification)
    nominee.quota_reason = clean(quota_reason)
    nominee.initiative = initiative
    if not nominee.achievement:
        raise ValidationError({"achievement": _("Write the achievement in one line.")})
    judgement = _verdict_of(dossier, nominee)
    _check_nominee(dossier, nominee, judgement=judgement)
    _check_quota(dossier, award=nominee.award, reason=nominee.quota_reason)
    _apply_judgement(nominee, judgement)
    nominee.full_clean()
    nominee.save()
    log_action(dossier, "dossiers.nominee_changed", actor=actor, unit=dossier.unit, data={"nominee": nominee.pk})
    return nominee


@transaction.atomic
def nominee_remove(*, nominee: Nominee, actor: User | None) -> None:
    dossier = Dossier.objects.select_for_update(of=("self",)).get(pk=nominee.dossier_id)
    _require_editable(dossier, actor)
    log_action(
        dossier,
        "dossiers.nominee_removed",
        actor=actor,
        unit=dossier.unit,
        data={"nominee": nominee.pk, "name": nominee.name},
    )
    nominee.delete()


@transaction.atomic
def minutes_set(
    *,
    dossier: Dossier,
    actor: User | None,
    meeting_date: datetime.date,
    members: int,
    present: int,
    chair: str,
    secretary: str,
    votes: dict[int, tuple[int, int]],
) -> Dossier:
    """The biên bản of the unit's council: the meeting and each nominee's vote."""
    dossier = Dossier.objects.select_for_update(of=("self",)).get(pk=dossier.pk)
    _require_editable(dossier, actor)
    if present > members:
        raise ValidationError(_("More members present than the council has."))
    if meeting_date > dossier.dated:
        raise ValidationError(_("The council meeting cannot be after the dossier date."))
    dossier.minutes_date, dossier.minutes_members, dossier.minutes_present = meeting_date, members, present
    dossier.minutes_chair, dossier.minutes_secretary = clean(chair), clean(secretary)
    dossier.save(
        update_fields=["minutes_date", "minutes_members", "minutes_present", "minutes_chair", "minutes_secretary"]
    )
    nominees = {n.pk: n for n in dossier.nominees.select_related("award")}
    for pk, (votes_for, votes_total) in votes.items():
        nominee = nominees.get(pk)
        if nominee is None:
            continue
        if votes_for > votes_total or votes_total > members:
            raise ValidationError(
                _("The votes of %(name)s do not add up: %(for)s for out of %(total)s cast, %(members)s members.")
                % {"name": nominee.name, "for": votes_for, "total": votes_total, "members": members}
            )
        nominee.votes_for, nominee.votes_total = votes_for, votes_total
        nominee.save(update_fields=["votes_for", "votes_total"])
    log_action(dossier, "dossiers.minutes_set", actor=actor, unit=dossier.unit)
    return dossier


# --------------------------------------------------------------------------- files


def _sniff(upload, name: str) -> str:
    content_type = sniff_deliverable(upload)
    extension = os.path.splitext(name.lower())[1]
    expected = EXTENSIONS.get(extension)
    if expected is None or expected != content_type:
        raise ValidationError(
            _("The file “%(name)s” is not what its name says: its content is %(kind)s.")
            % {"name": name, "kind": {PDF: "PDF", DOCX: "Word", XLSX: "Excel", PNG: "PNG", JPEG: "JPEG"}[content_type]}
        )
    return content_type


@transaction.atomic
def document_upload(
    *, dossier: Dossier, actor: User | None, kind: str, upload, nominee: Nominee | None = None, component=None
) -> DossierDocument:
    dossier = Dossier.objects.select_for_update(of=("self",)).get(pk=dossier.pk)
    _require_editable(dossier, actor)
    if kind not in ComponentKind.values or kind in (ComponentKind.PROPOSAL, ComponentKind.LIST):
        raise ValidationError(_("This component is generated by the portal and cannot be uploaded."))
    if nominee is not None and nominee.dossier_id != dossier.pk:
        raise ValidationError(_("The nominee is not in this dossier."))
    if kind == ComponentKind.REPORT and nominee is None:
        raise ValidationError(_("An achievement report belongs to one nominee."))
    name = clean(os.path.basename(upload.name))[:200]
    content_type = _sniff(upload, name)
    if kind == ComponentKind.REPORT:
        # The signed report replaces an earlier upload of the same nominee.
        DossierDocument.objects.filter(dossier=dossier, nominee=nominee, kind=kind).delete()
    document = DossierDocument(
        dossier=dossier,
        nominee=nominee,
        kind=kind,
        component=component,
        name=name,
        content_type=content_type,
        size=upload.size,
        created_by=actor if actor is not None and actor.is_authenticated else None,
    )
    document.file.save(name, upload, save=False)
    document.save()
    log_action(dossier, "dossiers.document_uploaded", actor=actor, unit=dossier.unit, data={"kind": kind, "name": name})
    return document


@transaction.atomic
def evidence_add(
    *,
    person: Person,
    actor: User | None,
    kind: str,
    title: str,
    issued_by: str = "",
    reference: str = "",
    issued_on: datetime.date | None = None,
    initiative: Initiative | None = None,
    upload=None,
) -> EvidenceItem:
    """An item of the person's evidence wallet, uploaded once and attached in later years."""
    item = EvidenceItem(
        person=person,
        kind=kind,
        title=clean(title),
        issued_by=clean(issued_by),
        reference=clean(reference),
        issued_on=issued_on,
        initiative=initiative,
        created_by=actor if actor is not None and actor.is_authenticated else None,
    )
    if upload is not None:
        name = clean(os.path.basename(upload.name))[:200]
        item.content_type = _sniff(upload, name)
        item.file.save(name, upload, save=False)
    item.full_clean()
    item.save()
    log_action(person, "dossiers.evidence_added", actor=actor, unit=person.unit, data={"item": item.pk})
    return item


@transaction.atomic
def evidence_attach(*, nominee: Nominee, item: EvidenceItem, actor: User | None) -> DossierDocument:
    dossier = Dossier.objects.select_for_update(of=("self",)).get(pk=nominee.dossier_id)
    _require_editable(dossier, actor)
    if item.person_id != nominee.person_id:
        raise ValidationError(_("This evidence belongs to someone else."))
    existing = DossierDocument.objects.filter(nominee=nominee, evidence=item).first()
    if existing is not None:
        return existing
    document = DossierDocument.objects.create(
        dossier=dossier,
        nominee=nominee,
        kind=ComponentKind.EVIDENCE,
        name=item.file.name.rsplit("/", 1)[-1] if item.file else item.title[:200],
        content_type=item.content_type,
        evidence=item,
        created_by=actor if actor is not None and actor.is_authenticated else None,
    )
    log_action(dossier, "dossiers.evidence_attached", actor=actor, unit=dossier.unit, data={"item": item.pk})
    return document


# --------------------------------------------------------------------------- the state machine


def transition(*, dossier: Dossier, to: str, actor: User | None, reason: str = "", when=None) -> DossierTransition:
    """The one function that changes a dossier's state: checks the table, saves, logs."""
    current = dossier.state
    if to not in TRANSITIONS.get(current, set()):
        raise ValidationError(
            _("A dossier that is “%(from)s” cannot become “%(to)s”.")
            % {"from": DossierState(current).label, "to": DossierState(to).label}
        )
    now = when or timezone.now()
    dossier.state = to
    dossier.state_changed_at = now
    fields = ["state", "state_changed_at"]
    stamp = {
        S.SENT: "sent_at",
        S.RESENT: "sent_at",
        S.RECEIVED: "received_at",
        S.RETURNED: "returned_at",
        S.APPRAISED: "appraised_at",
    }.get(to)
    if stamp:
        setattr(dossier, stamp, now)
        fields.append(stamp)
    dossier.save(update_fields=fields)
    record = DossierTransition.objects.create(
        dossier=dossier,
        from_state=current,
        to_state=to,
        actor=actor if actor is not None and actor.is_authenticated else None,
        reason=clean(reason),
        created_at=now,
    )
    log_action(
        dossier,
        "dossiers.state_changed",
        actor=actor,
        reason=reason,
        unit=dossier.unit,
        data={"from": current, "to": to},
    )
    return record


def _locked(dossier: Dossier) -> Dossier:
    return (
        Dossier.objects.select_for_update(of=("self",))
        .select_related("unit", "receiver", "round", "round__campaign")
        .get(pk=dossier.pk)
    )


def snapshot(dossier: Dossier) -> dict:
    """What the sender can change, keyed for the return-and-resend diff."""
    nominees = {}
    for n in dossier.nominees.select_related("person", "collective", "award", "initiative"):
        nominees[str(n.pk)] = {
            "name": n.name,
            "award": n.award.name,
            "achievement": n.achievement,
            "justification": n.justification,
            "quota_reason": n.quota_reason,
            "initiative": n.initiative.title if n.initiative_id else "",
            "votes": f"{n.votes_for}/{n.votes_total}" if n.votes_total else "",
        }
    files = {}
    for d in dossier.documents.filter(generated=False):
        files[str(d.pk)] = {
            "name": d.name,
            "kind": d.get_kind_display(),
            "nominee": d.nominee.name if d.nominee_id else "",
        }
    return {
        "nominees": nominees,
        "files": files,
        "minutes": f"{short_date(dossier.minutes_date)} {dossier.minutes_present}/{dossier.minutes_members}"
        if dossier.minutes_date
        else "",
    }


FIELD_LABELS = {
    "achievement": "Thành tích",
    "justification": "Giải trình",
    "quota_reason": "Lý do vượt chỉ tiêu",
    "initiative": "Sáng kiến",
    "votes": "Kết quả bỏ phiếu",
}


def diff(before: dict, after: dict) -> list[dict]:
    """What changed between the return and now: nominees added/removed/changed, files, minutes."""
    changes = []
    old, new = before.get("nominees", {}), after.get("nominees", {})
    for key in new.keys() - old.keys():
        changes.append({"what": "nominee_added", "name": new[key]["name"], "award": new[key]["award"]})
    for key in old.keys() - new.keys():
        changes.append({"what": "nominee_removed", "name": old[key]["name"], "award": old[key]["award"]})
    for key in sorted(old.keys() & new.keys(), key=int):
        for field, label in FIELD_LABELS.items():
            if old[key].get(field, "") != new[key].get(field, ""):
                changes.append(
                    {
                        "what": "nominee_changed",
                        "name": new[key]["name"],
                        "award": new[key]["award"],
                        "field": label,
                        "before": old[key].get(field, ""),
                        "after": new[key].get(field, ""),
                    }
                )
    old_files, new_files = before.get("files", {}), after.get("files", {})
    for key in new_files.keys() - old_files.keys():
        changes.append(
            {
                "what": "file_added",
                "name": new_files[key]["name"],
                "kind": new_files[key]["kind"],
                "nominee": new_files[key]["nominee"],
            }
        )
    for key in old_files.keys() - new_files.keys():
        changes.append(
            {
                "what": "file_removed",
                "name": old_files[key]["name"],
                "kind": old_files[key]["kind"],
                "nominee": old_files[key]["nominee"],
            }
        )
    if before.get("minutes", "") != after.get("minutes", ""):
        changes.append(
            {"what": "minutes_changed", "before": before.get("minutes", ""), "after": after.get("minutes", "")}
        )
    return changes


def missing_components(dossier: Dossier, nominees: list[Nominee]) -> list[str]:
    """Required components not in the dossier yet (tờ trình and danh sách are generated at sending)."""
    missing = []
    if not nominees:
        missing.append(_("at least one nominee"))
    if not dossier.minutes_date:
        missing.append(_("the minutes of the unit's council (meeting and votes)"))
    else:
        unvoted = [n.name for n in nominees if n.votes_total is None]
        if unvoted:
            missing.append(_("the votes in the minutes for %(names)s") % {"names": ", ".join(unvoted)})
    reports = set(
        DossierDocument.objects.filter(dossier=dossier, kind=ComponentKind.REPORT).values_list("nominee_id", flat=True)
    )
    without = [n.name for n in nominees if n.pk not in reports]
    if without:
        missing.append(_("the signed achievement report of %(names)s") % {"names": ", ".join(without)})
    campaign = dossier.round.campaign
    if campaign is not None:
        uploaded = set(
            DossierDocument.objects.filter(dossier=dossier, component__isnull=False).values_list(
                "component_id", flat=True
            )
        )
        for component in campaign.dossier_components.filter(is_required=True):
            folded = component.name.lower()
            if any(word in folded for word in ("tờ trình", "báo cáo thành tích", "biên bản", "danh sách")):
                continue  # generated, entered in the minutes form, or one per nominee (checked above)
            if component.pk not in uploaded:
                missing.append(component.name)
    return missing


@transaction.atomic
def dossier_send(*, dossier: Dossier, actor: User | None, today: datetime.date | None = None) -> Dossier:
    """Send (or resend after a return): guards, frozen verdicts, number, documents and the state, together."""
    dossier = _locked(dossier)
    if actor is not None and not rules.sends(actor, dossier):
        raise PermissionDenied(_("Only the head of the unit, or someone the head delegated to, sends a dossier."))
    if dossier.state not in (S.DRAFT, S.RETURNED):
        raise ValidationError(_("A dossier that is “%(from)s” cannot be sent.") % {"from": dossier.get_state_display()})
    today = today or timezone.localdate()
    due = selectors.round_deadline_for(dossier.round, dossier.unit)
    if due is not None and today > due and dossier.state == S.DRAFT:
        raise ValidationError(
            _("The round's deadline was %(date)s and the unit has no extension: the dossier can no longer be sent.")
            % {"date": short_date(due)}
        )
    nominees = list(dossier.nominees.select_related("person", "collective", "award", "initiative"))
    missing = missing_components(dossier, nominees)
    if missing:
        raise ValidationError(_("The dossier is incomplete; missing: %(list)s.") % {"list": "; ".join(missing)})
    judgements = selectors.judge_nominees(dossier, nominees)
    now = timezone.now()
    for nominee in nominees:
        judgement = judgements.get(nominee.pk)
        _check_nominee(dossier, nominee, judgement=judgement)
        _apply_judgement(nominee, judgement)
        nominee.verdict_frozen_at = now
        nominee.appraisal, nominee.appraisal_reasons, nominee.checklist = AppraisalResult.PENDING, "", []
        nominee.save(
            update_fields=[
                "verdict",
                "verdict_data",
                "verdict_frozen_at",
                "appraisal",
                "appraisal_reasons",
                "checklist",
            ]
        )
    for award_id in {n.award_id for n in nominees}:
        award = next(n.award for n in nominees if n.award_id == award_id)
        reasons = " ".join(n.quota_reason for n in nominees if n.award_id == award_id)
        _check_quota(dossier, award=award, reason=reasons)
    if dossier.number is None:
        # The unit's one register numbers every document it issues (NĐ 30/2020 Điều 15).
        entry = register_take(
            unit=dossier.unit,
            symbol=dossier.symbol,
            actor=actor,
            summary=_("Proposal: %s") % dossier.round.title,
            year=today.year,
        )
        dossier.number, dossier.number_year = entry.number, entry.year
        dossier.save(update_fields=["number", "number_year"])
    _generate_documents(dossier, nominees, actor=actor)
    if dossier.state == S.RETURNED:
        dossier.resend_diff = diff(dossier.return_snapshot, snapshot(dossier))
        dossier.save(update_fields=["resend_diff"])
        transition(dossier=dossier, to=S.RESENT, actor=actor, reason=_("Resent after amendment."))
    else:
        transition(dossier=dossier, to=S.SENT, actor=actor)
    _notify(dossier, "sent", users=selectors.unit_accounts(dossier.receiver, roles=("is_officer",)))
    return dossier


def _generate_documents(dossier: Dossier, nominees: list[Nominee], *, actor) -> None:
    DossierDocument.objects.filter(dossier=dossier, generated=True).delete()
    for which in ("proposal", "list", "minutes"):
        for fmt in ("pdf", "docx"):
            data = documents.dossier_document(dossier, nominees, which, fmt)
            name = documents.document_filename(dossier, which, fmt)
            document = DossierDocument(
                dossier=dossier,
                kind=documents.KIND_OF[which],
                name=name,
                content_type=PDF if fmt == "pdf" else DOCX,
                size=len(data),
                generated=True,
                created_by=actor if actor is not None and actor.is_authenticated else None,
            )
            document.file.save(name, ContentFile(data), save=False)
            document.save()


def _require_appraiser(dossier: Dossier, actor: User | None) -> None:
    if actor is not None and not rules.appraises(actor, dossier):
        raise PermissionDenied


@transaction.atomic
def dossier_receive(*, dossier: Dossier, actor: User | None) -> Dossier:
    dossier = _locked(dossier)
    _require_appraiser(dossier, actor)
    transition(dossier=dossier, to=S.RECEIVED, actor=actor)
    _notify(dossier, "received")
    return dossier


@transaction.atomic
def appraisal_start(*, dossier: Dossier, actor: User | None) -> Dossier:
    dossier = _locked(dossier)
    _require_appraiser(dossier, actor)
    if dossier.state in (S.SENT, S.RESENT):
        transition(dossier=dossier, to=S.RECEIVED, actor=actor)
        _notify(dossier, "received")
    transition(dossier=dossier, to=S.UNDER_APPRAISAL, actor=actor)
    for nominee in dossier.nominees.select_related("person", "collective", "award", "initiative"):
        nominee.checklist = checklist(nominee)
        nominee.save(update_fields=["checklist"])
    return dossier


def checklist(nominee: Nominee) -> list[dict]:
    """The appraisal checklist of one nominee, built from the catalogue, the law and the dossier."""
    dossier = nominee.dossier
    items = []
    has_report = DossierDocument.objects.filter(nominee=nominee, kind=ComponentKind.REPORT).exists()
    items.append({"label": "Báo cáo thành tích có chữ ký", "ok": has_report, "citation": "Luật 06/2022/QH15 Điều 84"})
    items.append(
        {
            "label": "Biên bản họp xét, kết quả bỏ phiếu",
            "ok": nominee.votes_total is not None and dossier.minutes_date is not None,
            "detail": f"{nominee.votes_for}/{nominee.votes_total}" if nominee.votes_total else "",
            "citation": "Luật 06/2022/QH15 Điều 84",
        }
    )
    for result in nominee.verdict_data.get("results", []):
        items.append(
            {
                "label": result["label"],
                "ok": result["outcome"] in ("pass", "info"),
                "detail": result["detail"],
                "citation": result["citation"],
            }
        )
    meter = selectors.quota_meters(dossier).get(nominee.award_id)
    if meter is not None and meter.cap is not None:
        items.append(
            {
                "label": "Chỉ tiêu",
                "ok": meter.used <= meter.cap or bool(nominee.quota_reason),
                "detail": f"{meter.used}/{meter.cap}",
                "citation": meter.source,
            }
        )
    if nominee.person_id:
        today = timezone.localdate()
        running = Restriction.objects.filter(person=nominee.person, start__lte=today).exclude(end__lt=today).exists()
        items.append(
            {
                "label": "Không đang bị kỷ luật, xem xét kỷ luật, thanh tra, khiếu nại",
                "ok": not running,
                "citation": "Nghị định 152/2025/NĐ-CP Điều 4 khoản 4",
            }
        )
    if nominee.initiative_id:
        nominee.initiative.refresh_from_db()
        items.append(
            {
                "label": "Sáng kiến chưa dùng làm căn cứ khen thưởng khác",
                "ok": nominee.initiative.used_for_id is None,
                "detail": nominee.initiative.title,
                "citation": "CV 5007/BNV-TĐKT/2023 mục III.5.c",
            }
        )
    for component in nominee.award.dossier_components or []:
        folded = component.lower()
        if not folded.startswith("xác nhận"):
            continue  # tờ trình, báo cáo, biên bản: checked above
        has_proof = (
            bool(nominee.initiative_id)
            or DossierDocument.objects.filter(nominee=nominee, kind=ComponentKind.EVIDENCE).exists()
        )
        items.append({"label": component, "ok": has_proof, "citation": nominee.award.legal_basis})
    items.append(
        {
            "label": "Một thành tích chỉ đề nghị một hình thức",
            "ok": not selectors.round_nominees(dossier.round)
            .filter(person=nominee.person, collective=nominee.collective, achievement=nominee.achievement)
            .exclude(pk=nominee.pk)
            .exists(),
            "citation": "Luật 06/2022/QH15 Điều 5",
        }
    )
    return items


@transaction.atomic
def nominee_appraise(*, nominee: Nominee, actor: User | None, result: str, reasons: str = "") -> Nominee:
    dossier = _locked(nominee.dossier)
    _require_appraiser(dossier, actor)
    if dossier.state != S.UNDER_APPRAISAL:
        raise ValidationError(_("Start the appraisal before marking nominees."))
    if result not in (AppraisalResult.QUALIFIED, AppraisalResult.NOT_QUALIFIED):
        raise ValidationError(_("Choose qualified or not qualified."))
    if result == AppraisalResult.NOT_QUALIFIED and not clean(reasons):
        raise ValidationError(_("Write why the nominee does not qualify."))
    nominee = Nominee.objects.select_related("person", "collective", "award", "initiative", "dossier").get(
        pk=nominee.pk
    )
    nominee.appraisal, nominee.appraisal_reasons = result, clean(reasons)
    nominee.checklist = checklist(nominee)
    nominee.appraised_by = actor if actor is not None and actor.is_authenticated else None
    nominee.save(update_fields=["appraisal", "appraisal_reasons", "checklist", "appraised_by"])
    log_action(
        dossier,
        "dossiers.nominee_appraised",
        actor=actor,
        unit=dossier.receiver,
        data={"nominee": nominee.pk, "result": result},
    )
    return nominee


@transaction.atomic
def dossier_return(
    *, dossier: Dossier, actor: User | None, reason: str, comments: list[tuple[Nominee | None, str, str]] = ()
) -> Dossier:
    """Return for amendment with comments on nominees and components; the snapshot keeps what was returned."""
    dossier = _locked(dossier)
    _require_appraiser(dossier, actor)
    comments = [(n, c, clean(t)) for n, c, t in comments if clean(t)]
    if not clean(reason) and not comments:
        raise ValidationError(_("Say what must be amended."))
    record = transition(dossier=dossier, to=S.RETURNED, actor=actor, reason=reason)
    for nominee, component, text in comments:
        if nominee is not None and nominee.dossier_id != dossier.pk:
            raise ValidationError(_("The nominee is not in this dossier."))
        ReturnComment.objects.create(
            dossier=dossier, transition=record, nominee=nominee, component=component, text=text
        )
    dossier.return_snapshot = snapshot(dossier)
    dossier.resend_diff = []
    dossier.save(update_fields=["return_snapshot", "resend_diff"])
    _notify(dossier, "returned", extra={"reason": clean(reason), "comments": [t for _n, _c, t in comments]})
    return dossier


@transaction.atomic
def dossier_appraise(*, dossier: Dossier, actor: User | None, reason: str = "") -> Dossier:
    dossier = _locked(dossier)
    _require_appraiser(dossier, actor)
    pending = [
        n.name
        for n in dossier.nominees.select_related("person", "collective")
        if n.appraisal == AppraisalResult.PENDING
    ]
    if pending:
        raise ValidationError(
            _("Mark every nominee first; not appraised yet: %(names)s.") % {"names": ", ".join(pending)}
        )
    transition(dossier=dossier, to=S.APPRAISED, actor=actor, reason=reason)
    _notify(dossier, "appraised")
    return dossier


@transaction.atomic
def dossier_forward(*, dossier: Dossier, actor: User | None, reason: str = "") -> Dossier:
    """The receiving level does not decide these awards: its qualified nominees go up in the
    receiving level's own dossier of the round (a draft gathering its units' nominees, addressed to
    the unit above it), with their frozen verdicts and signed reports. At the top of the tree the
    packet leaves the portal (decided by UBND tỉnh, the ministry…)."""
    dossier = _locked(dossier)
    _require_appraiser(dossier, actor)
    upper_unit = selectors.receiver_for(dossier.receiver)
    transition(dossier=dossier, to=S.FORWARDED, actor=actor, reason=reason)
    dossier.forwarded_to = upper_unit
    dossier.save(update_fields=["forwarded_to"])
    if upper_unit is not None:
        gathering = (
            Dossier.objects.filter(round=dossier.round, unit=dossier.receiver, state=S.DRAFT).order_by("id").first()
        )
        if gathering is None:
            gathering = dossier_create(award_round=dossier.round, unit=dossier.receiver, actor=actor)
        position = gathering.nominees.aggregate(m=Max("position"))["m"] or 0
        for nominee in dossier.nominees.filter(appraisal=AppraisalResult.QUALIFIED).select_related(
            "person", "collective", "award", "initiative"
        ):
            position += 1
            copy = Nominee(
                dossier=gathering,
                person=nominee.person,
                collective=nominee.collective,
                award=nominee.award,
                achievement=nominee.achievement,
                justification=nominee.justification,
                quota_reason=nominee.quota_reason,
                initiative=nominee.initiative,
                verdict=nominee.verdict,
                verdict_data=nominee.verdict_data,
                source=nominee,
                position=position,
            )
            _check_nominee(gathering, copy, judgement=None)
            copy.save()
            for document in nominee.documents.all():
                DossierDocument.objects.create(
                    dossier=gathering,
                    nominee=copy,
                    kind=document.kind,
                    name=document.name,
                    file=document.file.name,
                    content_type=document.content_type,
                    size=document.size,
                    evidence=document.evidence,
                    created_by=document.created_by,
                )
        log_action(gathering, "dossiers.gathered", actor=actor, unit=gathering.unit, data={"from": dossier.pk})
    _notify(dossier, "forwarded")
    return dossier


@transaction.atomic
def dossier_refuse(*, dossier: Dossier, actor: User | None, notice: str) -> Dossier:
    dossier = _locked(dossier)
    _require_appraiser(dossier, actor)
    if not clean(notice):
        raise ValidationError(_("A refusal needs a written notice."))
    dossier.refusal_notice = clean(notice)
    # The refusal is an official notice of the receiving level: numbered in its register.
    dossier.refusal_entry = register_take(
        unit=dossier.receiver,
        symbol=f"TB-{dossier.receiver.short_name or 'TĐKT'}",
        actor=actor,
        summary=_("Notice: dossier of %(unit)s not accepted") % {"unit": dossier.unit.name},
    )
    dossier.save(update_fields=["refusal_notice", "refusal_entry"])
    transition(dossier=dossier, to=S.REFUSED, actor=actor, reason=notice)
    _notify(dossier, "refused", extra={"reason": clean(notice)})
    return dossier


# --------------------------------------------------------------------------- legal clocks and holidays
# Configurable per level (issue 9): a unit's own row overrides its ancestors'; ``scope=None`` is nationwide.


@transaction.atomic
def legal_clock_set(
    *, unit: Unit | None, return_days: int, appraisal_days: int, remind_days_before: int, actor: User | None
) -> LegalClock:
    """Set the working-day limits of the receiving ``unit`` (None: nationwide default)."""
    errors = {}
    for field, value, top in (
        ("return_days", return_days, 60),
        ("appraisal_days", appraisal_days, 120),
        ("remind_days_before", remind_days_before, 30),
    ):
        if value is None or not 1 <= value <= top:
            errors[field] = _("Enter a number of working days from 1 to %(top)d.") % {"top": top}
    if not errors and remind_days_before >= appraisal_days:
        errors["remind_days_before"] = _("The reminder must come before the appraisal limit.")
    if errors:
        raise ValidationError(errors)
    clock, _created = LegalClock.objects.update_or_create(
        scope=unit,
        defaults={
            "return_days": return_days,
            "appraisal_days": appraisal_days,
            "remind_days_before": remind_days_before,
        },
    )
    log_action(
        clock,
        "dossiers.clock_set",
        actor=actor,
        unit=unit,
        data={"return_days": return_days, "appraisal_days": appraisal_days, "remind": remind_days_before},
    )
    return clock


@transaction.atomic
def holiday_add(*, unit: Unit | None, date: datetime.date, name: str, actor: User | None) -> Holiday:
    """A day off the clocks skip for ``unit`` and the units below it (None: nationwide)."""
    name = clean(name)
    if not name:
        raise ValidationError({"name": _("Name the holiday.")})
    if date is None:
        raise ValidationError({"date": _("Enter the date.")})
    if Holiday.objects.filter(date=date, scope=unit).exists():
        raise ValidationError({"date": _("%(date)s is already a holiday here.") % {"date": short_date(date)}})
    holiday = Holiday.objects.create(date=date, name=name, scope=unit)
    log_action(holiday, "dossiers.holiday_added", actor=actor, unit=unit, data={"date": str(date), "name": name})
    return holiday


@transaction.atomic
def holiday_remove(*, holiday: Holiday, actor: User | None) -> None:
    log_action(
        holiday,
        "dossiers.holiday_removed",
        actor=actor,
        unit=holiday.scope,
        data={"date": str(holiday.date), "name": holiday.name},
    )
    holiday.delete()


# --------------------------------------------------------------------------- results (councils, decisions)
# The council of the receiving level (``councils``) and the decision of its head or of a level
# above (``decisions``) write a nominee's outcome through these; the dossier closes when every
# nominee has one.


@transaction.atomic
def nominee_council_result_set(*, nominee: Nominee, result: str, actor: User | None, when=None) -> Nominee:
    """Record what the council concluded on a qualified nominee of an appraised dossier."""
    nominee = Nominee.objects.select_for_update().select_related("dossier").get(pk=nominee.pk)
    if nominee.dossier.state not in (S.APPRAISED, S.FORWARDED):
        raise ValidationError(_("Only the nominees of an appraised dossier go before the council."))
    if nominee.appraisal != AppraisalResult.QUALIFIED:
        raise ValidationError(_("%(name)s was not found qualified at appraisal.") % {"name": nominee.name})
    if nominee.award_record_id is not None:
        raise ValidationError(_("%(name)s already has a decision.") % {"name": nominee.name})
    nominee.council_result, nominee.council_result_at = CouncilResult(result), when or timezone.now()
    nominee.save(update_fields=["council_result", "council_result_at"])
    log_action(
        nominee.dossier,
        "dossiers.council_result",
        actor=actor,
        unit=nominee.dossier.unit,
        data={"name": nominee.name, "result": nominee.council_result},
    )
    return nominee


@transaction.atomic
def nominee_award_record_set(*, nominee: Nominee, record, actor: User | None) -> Nominee:
    """Link a nominee to the award record its decision wrote, and close its dossier once all have a result."""
    nominee = Nominee.objects.select_for_update().select_related("dossier").get(pk=nominee.pk)
    if nominee.award_record_id is not None and nominee.award_record_id != record.pk:
        raise ValidationError(_("%(name)s already has a decision.") % {"name": nominee.name})
    nominee.award_record = record
    nominee.save(update_fields=["award_record"])
    dossier_close_if_done(dossier=nominee.dossier, actor=actor)
    # A nominee forwarded upward was decided above: the dossiers it came from close with it.
    source = nominee.source
    while source is not None:
        dossier_close_if_done(dossier=source.dossier, actor=actor)
        source = source.source
    return nominee


def nominee_has_result(nominee: Nominee) -> bool:
    """Whether nothing more will happen to this nominee: not qualified, not approved, or awarded
    (here, or above through the copy forwarded upward)."""
    return (
        nominee.appraisal == AppraisalResult.NOT_QUALIFIED
        or nominee.council_result == CouncilResult.NOT_APPROVED
        or nominee.award_record_id is not None
        or selectors.nominee_awarded_in_chain(nominee)
    )


@transaction.atomic
def dossier_close_if_done(*, dossier: Dossier, actor: User | None) -> bool:
    """Close an appraised or forwarded dossier once every nominee has a result; True if it closed."""
    dossier = _locked(dossier)
    if dossier.state not in (S.APPRAISED, S.FORWARDED):
        return False
    if not all(nominee_has_result(n) for n in dossier.nominees.all()):
        return False
    transition(dossier=dossier, to=S.CLOSED, actor=actor, reason=_("Every nominee has a result."))
    return True


# --------------------------------------------------------------------------- reminders


@transaction.atomic
def reminders_run(*, today: datetime.date | None = None) -> dict[str, int]:
    """Remind the appraising officers before a legal clock runs out, and the sender before the
    round's deadline (a draft not sent yet). Each reminder is sent once (per due date)."""
    today = today or timezone.localdate()
    sent = {"clock": 0, "deadline": 0}
    by_receiver: dict[int, list[Dossier]] = {}
    for dossier in (
        Dossier.objects.select_for_update(of=("self",))
        .filter(state__in=AT_RECEIVER_STATES)
        .select_related("unit", "receiver", "round")
    ):
        by_receiver.setdefault(dossier.receiver_id, []).append(dossier)
    for dossiers in by_receiver.values():
        receiver = dossiers[0].receiver
        holidays = selectors.holidays_for(receiver)
        limits = selectors.clock_for(receiver)
        remind_days = selectors.remind_days_for(receiver)
        officers = selectors.unit_accounts(receiver, roles=("is_officer",))
        for dossier in dossiers:
            clock = selectors.dossier_clock(dossier, holidays=holidays, limits=limits, today=today)
            if clock is None or clock.left < 0 or clock.left > remind_days or dossier.clock_reminded_for == clock.due:
                continue
            dossier.clock_reminded_for = clock.due
            dossier.save(update_fields=["clock_reminded_for"])
            _notify(dossier, "clock", users=officers, extra={"reason": f"Hạn {short_date(clock.due)}"})
            sent["clock"] += 1
    for dossier in (
        Dossier.objects.select_for_update(of=("self",))
        .filter(state=S.DRAFT, deadline_reminded_on__isnull=True, round__deadline__isnull=False)
        .select_related("unit", "receiver", "round")
    ):
        due = selectors.round_deadline_for(dossier.round, dossier.unit)
        if due is None or due < today:
            continue
        if working_days_between(today, due, selectors.holidays_for(dossier.unit)) > selectors.remind_days_for(
            dossier.receiver
        ):
            continue
        dossier.deadline_reminded_on = today
        dossier.save(update_fields=["deadline_reminded_on"])
        _notify(dossier, "deadline", extra={"reason": f"Hạn gửi hồ sơ {short_date(due)}"})
        sent["deadline"] += 1
    return sent


# --------------------------------------------------------------------------- notifications


EVENT_TITLES = {
    "sent": "Hồ sơ đề nghị khen thưởng mới: {unit}",
    "received": "Hồ sơ của {unit} đã được tiếp nhận",
    "returned": "Hồ sơ của {unit} được trả lại để bổ sung",
    "appraised": "Hồ sơ của {unit} đã được thẩm định",
    "forwarded": "Hồ sơ của {unit} đã được chuyển lên cấp trên",
    "refused": "Hồ sơ của {unit} không được chấp nhận",
    "clock": "Sắp hết hạn xử lý hồ sơ của {unit}",
    "deadline": "Sắp hết hạn gửi hồ sơ đề nghị khen thưởng của {unit}",
}


def _notify(dossier: Dossier, event: str, *, users: list[User] | None = None, extra: dict | None = None) -> None:
    """Bell now (in the transaction), email after commit through the task queue."""
    users = users if users is not None else selectors.unit_accounts(dossier.unit)
    if not users:
        return
    url = reverse("dossiers:dossier-detail", args=[dossier.pk])
    title = EVENT_TITLES[event].format(unit=dossier.unit.name)
    body = (extra or {}).get("reason", "")
    comments = (extra or {}).get("comments", [])
    if comments:
        body = "\n".join([body, *[f"- {c}" for c in comments]]).strip()
    notify(users=users, title=title, body=body, url=url)
    recipients = [u.pk for u in users if u.email]
    if recipients:
        send_after_commit(
            EMAIL_TASK, (dossier.pk, event, recipients, body), what=f"the dossier email ({dossier.pk}, {event})"
        )


def email_send(*, dossier_id: int, event: str, user_ids: list[int], body: str = "") -> int:
    from common.emails import send_email

    dossier = Dossier.objects.select_related("unit", "receiver", "round").get(pk=dossier_id)
    sent = 0
    for user in User.objects.filter(pk__in=user_ids):
        sent += send_email(
            name="dossier_event",
            to=[user.email],
            context={
                "dossier": dossier,
                "title": EVENT_TITLES[event].format(unit=dossier.unit.name),
                "body": body,
                "url": reverse("dossiers:dossier-detail", args=[dossier.pk]),
                "user": user,
            },
        )
    return sent


def checksum(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
