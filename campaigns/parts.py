"""The parts of a plan, registered once: what each part is and what is particular to it.

A plan is entered part by part — upper documents, phases, subjects, criteria, award offers,
dossier components, milestones. Each part is one ``PartSpec`` in ``PARTS``; the code that handles
parts reads the registry instead of naming them:

- ``campaigns.services``: ``part_add`` / ``part_update`` / ``part_delete`` (a draft freely, a launched
  plan by a recorded amendment), the named services built from them (``phase_add``,
  ``milestone_create``, ``award_offer_update``…) and ``campaign_copy`` (next school year, cascade);
- ``campaigns.views`` and ``campaigns.urls``: the plan page's sections and the part screens by slug;
- ``campaigns.templatetags``: the amendment history and the audit log's labels;
- ``PARTS_PREFETCH`` / ``PLAN_PAGE_PREFETCH``: what the plan document and the plan page
  (``selectors.campaign_get``) prefetch.

Hooks hold what is particular to a part; the generic code calls them at fixed points:
``prepare`` (typed values → field values), ``clean`` (refuse with a Vietnamese message; before
``full_clean``), ``after_save``, ``before_delete`` (may refuse; may return what to do once the row is
gone), ``derived`` (values an amendment records beside the fields) and ``copy``.

A new part: its model, a ``PartForm``, the template ``campaigns/parts/<related_name>.html``, one spec
here with its msgids, and its sample values in ``campaigns/tests/test_parts.py``.
"""

import datetime
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import Prefetch
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns import forms, selectors
from campaigns.deadlines import deadline_dates, milestone_dates, milestone_expand
from campaigns.enums import ACTIVE_STATES, BasisWord, Recurrence
from campaigns.models import (
    AwardOffer,
    Campaign,
    Criterion,
    DossierComponent,
    Milestone,
    Phase,
    Subject,
    Submission,
    UpperDocument,
)
from common.dates import short_date
from common.text import clean
from units.enums import PersonRole, UnitKind
from units.models import User


@dataclass
class CopyContext:
    """One copy of a plan: to the next school year (``years=1``) or to a lower unit (``cascade``)."""

    source: Campaign
    target: Campaign
    years: int
    cascade: bool
    # Per part model, the copy of each source row: a copied criterion's parent or a copied
    # milestone's phase is the copy of the original's.
    copies: dict[type[models.Model], dict[int, models.Model]] = field(default_factory=dict)


@dataclass(frozen=True, eq=False)
class PartSpec:
    """One part of a plan: what it is, how it reads, and the hooks for what is particular to it."""

    key: str  # "milestone": the amendment's part, the audit actions, the item keyword of its services
    slug: str  # "moc": its URLs
    model: type[models.Model]
    title: Promise  # the heading of its section on the plan page
    form: type[forms.PartForm]
    fields: tuple[str, ...]  # what its services accept and its amendments record
    audit_labels: Mapping[str, Promise]  # {"added": …, "changed": …, "deleted": …} of the audit log
    multiline: tuple[str, ...] = ()  # texts that keep their line breaks
    coded: Mapping[str, type[models.TextChoices]] = field(default_factory=dict)  # codes shown by label
    prefetch: tuple = ()  # lookups from the campaign reading its rows; empty: the related name
    page_prefetch: tuple = ()  # what its section on the plan page shows besides (links, deadlines)
    prepare: Callable[[dict], dict] | None = None
    clean: Callable[[models.Model, Campaign], None] | None = None
    after_save: Callable[[models.Model, bool], None] | None = None
    before_delete: Callable[[models.Model], Callable[[], None] | None] | None = None
    derived: Callable[[models.Model], dict] | None = None
    derived_fields: Mapping[str, models.Field] = field(default_factory=dict)  # how derived values read
    copy_fields: tuple[str, ...] | None = None  # what a copy takes; None: ``fields``
    shifted: tuple[str, ...] = ()  # dates and years a copy moves by its years
    copy: Callable[["PartSpec", CopyContext], Iterator[tuple]] | None = None  # None: ``copy_items``
    form_kwargs: Callable[[User, Campaign], dict] | None = None  # choices its form offers
    section: Callable[[User, Campaign], dict] | None = None  # what its section shows beside the items

    @property
    def related_name(self) -> str:
        return self.model._meta.get_field("campaign").remote_field.related_name

    @property
    def template(self) -> str:
        return f"campaigns/parts/{self.related_name}.html"

    def items(self, campaign: Campaign):
        return getattr(campaign, self.related_name)

    def model_field(self, key: str) -> models.Field | None:
        """The field a recorded value belongs to (a model field or a derived one), for showing it."""
        if key in self.derived_fields:
            return self.derived_fields[key]
        try:
            return self.model._meta.get_field(key)
        except FieldDoesNotExist:  # an old amendment may name a field that is gone
            return None


def _audit(added: Promise, changed: Promise, deleted: Promise) -> dict[str, Promise]:
    return {"added": added, "changed": changed, "deleted": deleted}


def raw_value(value):
    """A value as amendments and the audit log store it: JSON, unformatted, empty as None.

    Dates ISO, decimals as plain strings ("99.5"), related rows as their id and the name they had
    then (a deleted phase still reads in the history). ``amendment_tags`` formats them when shown.
    """
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, models.Model):
        return {"id": value.pk, "name": str(value)}
    if isinstance(value, list | tuple):
        return [raw_value(v) for v in value]
    return value


# --- The generic copy rule ----------------------------------------------------------------------


def shift_year(value: datetime.date | None, years: int) -> datetime.date | None:
    if value is None:
        return None
    try:
        return value.replace(year=value.year + years)
    except ValueError:
        return value.replace(year=value.year + years, day=28)


def copy_items(spec: PartSpec, ctx: CopyContext) -> Iterator[tuple[models.Model, models.Model]]:
    """(original, unsaved copy) for every row of the part: its ``copy_fields`` and order, the
    ``shifted`` dates and years moved, links to other parts pointed at their copies. Lazy: the
    caller saves each copy before the next is made, so a child finds its parent's copy."""
    for item in spec.items(ctx.source).all():
        values = {"order": item.order}
        for key in spec.copy_fields if spec.copy_fields is not None else spec.fields:
            model_field = spec.model._meta.get_field(key)
            if model_field.is_relation:
                old_id = getattr(item, model_field.attname)
                copies = ctx.copies.get(model_field.related_model)
                values[model_field.attname] = old_id if copies is None else getattr(copies.get(old_id), "pk", None)
                continue
            value = getattr(item, key)
            if key in spec.shifted and value is not None:
                value = shift_year(value, ctx.years) if isinstance(value, datetime.date) else value + ctx.years
            values[key] = value
        yield item, spec.model(campaign=ctx.target, **values)


# --- Upper documents ---------------------------------------------------------------------------------


def _upper_document_clean(document: UpperDocument, campaign: Campaign) -> None:
    if document.linked_campaign_id is not None and document.linked_campaign_id == campaign.pk:
        raise ValidationError({"linked_campaign": _("A plan cannot implement itself.")})


def _upper_document_copy(spec: PartSpec, ctx: CopyContext):
    """A lower unit's plan implements the upper plan itself; a next year's plan keeps the same documents."""
    if not ctx.cascade:
        yield from copy_items(spec, ctx)
        return
    source = ctx.source
    yield (
        None,
        UpperDocument(
            campaign=ctx.target,
            number_symbol=source.number_symbol,
            issued_on=source.issued_on,
            issuer_name=source.issuer.name,
            summary=source.summary or source.title,
            linked_campaign=source,
            basis=BasisWord.IMPLEMENTING,
        ),
    )


def _upper_document_form_kwargs(user: User, campaign: Campaign) -> dict:
    return {"linkable": selectors.linkable_campaigns(user, campaign)}


def _upper_document_section(user: User, campaign: Campaign) -> dict:
    ids = [d.linked_campaign_id for d in campaign.upper_documents.all()]
    return {"linked_visible": selectors.visible_campaign_ids(user, ids)}


# --- Phases ------------------------------------------------------------------------------------------


def _phase_clean(phase: Phase, campaign: Campaign) -> None:
    """Inside the campaign, in order; the milestones inside a changed phase must still fit."""
    if not phase.starts_on or not phase.ends_on:
        raise ValidationError({"starts_on": _("Give the start and the end of the phase.")})
    if phase.ends_on < phase.starts_on:
        raise ValidationError({"ends_on": _("The end of the phase cannot be before its start.")})
    if phase.starts_on < campaign.starts_on or phase.ends_on > campaign.ends_on:
        raise ValidationError({"starts_on": _("The phase must lie inside the campaign period.")})
    if phase.pk is None:
        return
    for milestone in phase.milestones.all():
        milestone.campaign, milestone.phase = campaign, phase
        try:
            _milestone_clean(milestone, campaign)
        except ValidationError as exc:
            raise ValidationError(
                {"starts_on": _("The milestone “%(title)s” would no longer fit in this phase.") % {"title": milestone}}
            ) from exc


def _phase_after_save(phase: Phase, created: bool) -> None:
    if not created:
        for milestone in phase.milestones.select_related("campaign"):
            milestone_expand(milestone=milestone)


def _phase_before_delete(phase: Phase) -> Callable[[], None]:
    """Its milestones stay, now over the whole campaign."""
    milestones = list(phase.milestones.select_related("campaign"))

    def then() -> None:
        for milestone in milestones:
            milestone.phase = None
            milestone_expand(milestone=milestone)

    return then


# --- Criteria ----------------------------------------------------------------------------------------


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


def _criterion_prepare(values: dict) -> dict:
    if "target_value" in values:
        values["target_value"] = parse_target_value(values["target_value"])
    return values


def _parent_by_number(campaign: Campaign, number: str) -> Criterion | None:
    """ "2.1.1" sits under "2.1" when the plan already has it (entering a plan top-down)."""
    number = (number or "").strip().rstrip(".")
    if "." not in number:
        return None
    prefix = number.rsplit(".", 1)[0]
    return campaign.criteria.filter(number__in=[prefix, f"{prefix}."]).order_by("order", "id").first()


def _criterion_clean(criterion: Criterion, campaign: Campaign) -> None:
    parent = criterion.parent
    if parent is not None and parent.campaign_id != campaign.pk:
        raise ValidationError({"parent": _("The parent criterion belongs to another campaign.")})
    ancestor = parent
    while ancestor is not None:
        if criterion.pk is not None and ancestor.pk == criterion.pk:
            raise ValidationError({"parent": _("A criterion cannot sit under itself or one of its own items.")})
        ancestor = ancestor.parent
    if criterion.pk is None and parent is None:
        criterion.parent = _parent_by_number(campaign, criterion.number)


def _criterion_section(user: User, campaign: Campaign) -> dict:
    return {"criteria": selectors.criteria_tree(campaign)}


# --- Milestones --------------------------------------------------------------------------------------


def _milestone_clean(milestone: Milestone, campaign: Campaign) -> None:
    """A one-off date inside the campaign (and its phase), or a yearly day that falls inside it."""
    if milestone.recurrence == Recurrence.ONCE:
        milestone.due_month = milestone.due_day = None
    elif milestone.recurrence == Recurrence.YEARLY_TARGET:  # no date: due by the end of each year
        milestone.due_on = milestone.due_month = milestone.due_day = None
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
    elif milestone.recurrence == Recurrence.YEARLY:
        try:
            datetime.date(2024, milestone.due_month or 0, milestone.due_day or 0)
        except (TypeError, ValueError):
            errors["due_day"] = _("Give a valid day and month for a yearly deadline.")
    if errors:
        raise ValidationError(errors)
    if not milestone_dates(milestone):
        raise ValidationError({"due_day": _("This yearly deadline never falls inside the campaign period.")})


def _milestone_after_save(milestone: Milestone, created: bool) -> None:
    milestone_expand(milestone=milestone)


def _milestone_before_delete(milestone: Milestone) -> None:
    if Submission.objects.filter(deadline__milestone=milestone).exists():
        raise ValidationError(_("Units have already submitted against this milestone; it cannot be deleted."))


def _milestone_derived(milestone: Milestone) -> dict:
    return {"deadlines": deadline_dates(milestone)}


def _milestone_copy(spec: PartSpec, ctx: CopyContext):
    """A lower unit's plan does not copy the upper deadlines: those stay the ones units owe.
    A one-off milestone whose moved date leaves the new period is not copied."""
    if ctx.cascade:
        return
    target = ctx.target
    for item, new in copy_items(spec, ctx):
        if new.recurrence == Recurrence.ONCE and not (target.starts_on <= new.due_on <= target.ends_on):
            continue
        yield item, new


def _milestone_form_kwargs(user: User, campaign: Campaign) -> dict:
    return {"recipients": selectors.deliverable_recipients(campaign)}


def _milestone_section(user: User, campaign: Campaign) -> dict:
    unit = user.unit
    can_submit = unit is not None and user.has_perm("campaigns.submit_for_unit", unit)
    return {
        "can_view_status": user.has_perm("campaigns.view_status", campaign),
        "owed": {m.pk for m in campaign.milestones.all() if selectors.unit_owes(m, unit)} if can_submit else set(),
        "accepts_submissions": campaign.state in ACTIVE_STATES,
    }


# --- The registry, in the order of the plan page -----------------------------------------------------

UPPER_DOCUMENT = PartSpec(
    key="upper_document",
    slug="can-cu",
    model=UpperDocument,
    title=gettext_lazy("Upper documents implemented"),
    form=forms.UpperDocumentForm,
    fields=("basis", "number_symbol", "issued_on", "issuer_name", "summary", "linked_campaign"),
    audit_labels=_audit(
        gettext_lazy("Upper document added"),
        gettext_lazy("Upper document changed"),
        gettext_lazy("Upper document deleted"),
    ),
    page_prefetch=("upper_documents__linked_campaign",),
    clean=_upper_document_clean,
    copy=_upper_document_copy,
    form_kwargs=_upper_document_form_kwargs,
    section=_upper_document_section,
)
PHASE = PartSpec(
    key="phase",
    slug="giai-doan",
    model=Phase,
    title=gettext_lazy("Phases"),
    form=forms.PhaseForm,
    fields=("name", "starts_on", "ends_on"),
    audit_labels=_audit(gettext_lazy("Phase added"), gettext_lazy("Phase changed"), gettext_lazy("Phase deleted")),
    clean=_phase_clean,
    after_save=_phase_after_save,
    before_delete=_phase_before_delete,
    shifted=("starts_on", "ends_on"),
)
SUBJECT = PartSpec(
    key="subject",
    slug="doi-tuong",
    model=Subject,
    title=gettext_lazy("Subjects"),
    form=forms.SubjectForm,
    fields=("kind", "unit_kind", "person_role", "description"),
    audit_labels=_audit(
        gettext_lazy("Subject added"), gettext_lazy("Subject changed"), gettext_lazy("Subject deleted")
    ),
    coded={"unit_kind": UnitKind, "person_role": PersonRole},
)
CRITERION = PartSpec(
    key="criterion",
    slug="tieu-chi",
    model=Criterion,
    title=gettext_lazy("Content and criteria"),
    form=forms.CriterionForm,
    fields=(
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
        "portal_section",
    ),
    audit_labels=_audit(
        gettext_lazy("Criterion added"), gettext_lazy("Criterion changed"), gettext_lazy("Criterion deleted")
    ),
    multiline=("body",),
    coded={"person_role": PersonRole},
    prefetch=(Prefetch("criteria", queryset=Criterion.objects.select_related("phase")),),
    prepare=_criterion_prepare,
    clean=_criterion_clean,
    shifted=("target_year",),
    section=_criterion_section,
)
AWARD_OFFER = PartSpec(
    key="award_offer",
    slug="khen-thuong",
    model=AwardOffer,
    title=gettext_lazy("Award forms and quotas"),
    form=forms.AwardOfferForm,
    fields=("name", "award", "occasion", "quota"),
    audit_labels=_audit(
        gettext_lazy("Award form added"), gettext_lazy("Award form changed"), gettext_lazy("Award form deleted")
    ),
    copy_fields=("name", "award", "occasion"),  # a new year's quota is decided anew
)
DOSSIER_COMPONENT = PartSpec(
    key="dossier_component",
    slug="ho-so",
    model=DossierComponent,
    title=gettext_lazy("Dossier components"),
    form=forms.DossierComponentForm,
    fields=("name", "is_required"),
    audit_labels=_audit(
        gettext_lazy("Dossier component added"),
        gettext_lazy("Dossier component changed"),
        gettext_lazy("Dossier component deleted"),
    ),
)
MILESTONE = PartSpec(
    key="milestone",
    slug="moc",
    model=Milestone,
    title=gettext_lazy("Milestones and deadlines"),
    form=forms.MilestoneForm,
    fields=(
        "phase",
        "deliverable",
        "title",
        "description",
        "recurrence",
        "due_on",
        "due_month",
        "due_day",
        "owed_by_kinds",
        "owed_by_issuer",
        "is_individual",
        "recipient",
        "figures",
    ),
    audit_labels=_audit(
        gettext_lazy("Milestone added"), gettext_lazy("Milestone changed"), gettext_lazy("Milestone deleted")
    ),
    multiline=("description",),
    coded={"owed_by_kinds": UnitKind},
    prefetch=(Prefetch("milestones", queryset=Milestone.objects.select_related("phase", "recipient")),),
    page_prefetch=("milestones__deadlines",),
    clean=_milestone_clean,
    after_save=_milestone_after_save,
    before_delete=_milestone_before_delete,
    derived=_milestone_derived,
    derived_fields={"deadlines": models.DateField(gettext_lazy("Concrete deadlines"))},
    shifted=("due_on",),
    copy=_milestone_copy,
    form_kwargs=_milestone_form_kwargs,
    section=_milestone_section,
)

# Phases come before the parts that point at them (criteria, milestones): a copy follows this order.
PARTS: tuple[PartSpec, ...] = (UPPER_DOCUMENT, PHASE, SUBJECT, CRITERION, AWARD_OFFER, DOSSIER_COMPONENT, MILESTONE)
PARTS_BY_SLUG: dict[str, PartSpec] = {spec.slug: spec for spec in PARTS}
PARTS_BY_KEY: dict[str, PartSpec] = {spec.key: spec for spec in PARTS}
# What reading a plan's parts needs (the plan document), and what the plan page needs besides.
PARTS_PREFETCH: tuple = tuple(lookup for spec in PARTS for lookup in (spec.prefetch or (spec.related_name,)))
PLAN_PAGE_PREFETCH: tuple = PARTS_PREFETCH + tuple(lookup for spec in PARTS for lookup in spec.page_prefetch)
