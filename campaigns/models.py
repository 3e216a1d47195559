"""Campaigns (phong trào thi đua): the plan, its phases, criteria, milestones and what units submit.

A ``Campaign`` changes state only through ``campaigns.services.campaign_set_state``; once
launched its content changes only through recorded amendments (``Amendment`` rows): the main part
through ``campaign_amend``, its parts through the part services given an ``amendment_reason``.
Milestones are rules ("before 10/11 every year"); ``Deadline`` rows are their concrete
dates, expanded by ``campaigns.deadlines.milestone_expand``. Per-unit status, deliverables,
exceptions and reminders all refer to a ``Deadline``.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from awards.models import Award
from campaigns.enums import (
    BasisWord,
    CampaignKind,
    CampaignState,
    DeliverableKind,
    ExceptionKind,
    ParticipantScope,
    PortalSection,
    Recurrence,
    SubjectKind,
)
from common.dates import short_date
from units.models import Unit


class Campaign(models.Model):
    issuer = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="campaigns", verbose_name=_("issuer"))
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="implementations",
        verbose_name=_("implements campaign"),
        help_text=_("The upper campaign this plan implements, when it is in the portal."),
    )
    title = models.CharField(_("title"), max_length=500)
    kind = models.CharField(_("kind"), max_length=20, choices=CampaignKind.choices, default=CampaignKind.REGULAR)
    state = models.CharField(
        _("state"), max_length=20, choices=CampaignState.choices, default=CampaignState.DRAFT, editable=False
    )
    # Document identity (Nghị định 30/2020): "Số: 914/KH-SGD&ĐT".
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    symbol = models.CharField(_("symbol"), max_length=60, blank=True, help_text=_("e.g. KH-SGD&ĐT"))
    issued_on = models.DateField(_("issue date"), null=True, blank=True)
    issued_place = models.CharField(_("place of issue"), max_length=120, blank=True)
    governing_body = models.CharField(
        _("governing body"), max_length=255, blank=True, help_text=_("Cơ quan chủ quản, printed above the issuer.")
    )
    signer_name = models.CharField(_("signer"), max_length=120, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=120, blank=True)
    signing_authority = models.CharField(
        _("signing authority"), max_length=120, blank=True, help_text=_("e.g. KT. GIÁM ĐỐC")
    )
    summary = models.CharField(_("summary"), max_length=500, blank=True, help_text=_("Trích yếu of the plan."))
    preamble = models.TextField(_("preamble"), blank=True)
    purpose = models.TextField(_("purpose"), blank=True)
    requirements = models.TextField(_("requirements"), blank=True)
    theme = models.CharField(_("theme or motto"), max_length=500, blank=True)
    organisation = models.TextField(_("organisation and implementation"), blank=True)
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"))
    participant_scope = models.CharField(
        _("participants"), max_length=10, choices=ParticipantScope.choices, default=ParticipantScope.SUBTREE
    )
    participant_kinds = models.JSONField(_("participating unit kinds"), default=list, blank=True)
    participant_units = models.ManyToManyField(
        Unit, blank=True, related_name="listed_campaigns", verbose_name=_("participating units")
    )
    distribution = models.TextField(_("distribution list"), blank=True, help_text=_("Nơi nhận, one per line."))
    min_exemplars_per_unit = models.PositiveSmallIntegerField(_("minimum exemplars per unit a year"), default=0)
    min_exemplars_issuer = models.PositiveSmallIntegerField(_("minimum exemplars for the issuer"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    launched_at = models.DateTimeField(null=True, blank=True, editable=False)
    title_search = models.CharField(max_length=500, editable=False, db_index=True)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ("-starts_on", "-id")
        constraints = [models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="period")]

    def __str__(self):
        return self.title

    @property
    def number_symbol(self) -> str:
        """ "914/KH-SGD&ĐT"; numbers below 10 get a leading zero (NĐ 30/2020)."""
        if not self.number:
            return f"   /{self.symbol}" if self.symbol else ""
        return f"{self.number:02d}/{self.symbol}" if self.symbol else f"{self.number:02d}"


class UpperDocument(models.Model):
    """A document this plan implements (căn cứ / thực hiện)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="upper_documents")
    basis = models.CharField(_("the plan reads"), max_length=12, choices=BasisWord.choices, default=BasisWord.BASED_ON)
    number_symbol = models.CharField(_("number and symbol"), max_length=80)
    issued_on = models.DateField(_("issue date"), null=True, blank=True)
    issuer_name = models.CharField(_("issuer"), max_length=255, blank=True)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    linked_campaign = models.ForeignKey(
        Campaign, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("in the portal")
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("upper document")
        verbose_name_plural = _("upper documents")
        ordering = ("order", "id")

    def __str__(self):
        return self.number_symbol


class Phase(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="phases")
    name = models.CharField(_("name"), max_length=255)
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ("order", "starts_on", "id")

    def __str__(self):
        return self.name


class Subject(models.Model):
    """Who the campaign addresses: collectives by unit kind, individuals by role."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="subjects")
    kind = models.CharField(_("kind"), max_length=12, choices=SubjectKind.choices)
    unit_kind = models.CharField(_("unit kind"), max_length=40, blank=True)
    person_role = models.CharField(_("person role"), max_length=20, blank=True)
    description = models.CharField(_("description"), max_length=500)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("subject")
        verbose_name_plural = _("subjects")
        ordering = ("order", "id")

    def __str__(self):
        return self.description


class Criterion(models.Model):
    """A numbered content item or criterion, nested as in the plan ("2.1.1"); may be a quantified target."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="criteria")
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="children")
    number = models.CharField(_("number"), max_length=20, blank=True, help_text=_("e.g. 2.1.1"))
    title = models.TextField(_("heading"))  # no limit: a plan's item can be a long paragraph
    body = models.TextField(_("text"), blank=True)
    subject_kind = models.CharField(_("applies to"), max_length=12, choices=SubjectKind.choices, blank=True)
    person_role = models.CharField(_("person role"), max_length=20, blank=True)
    target_value = models.DecimalField(_("target value"), max_digits=14, decimal_places=3, null=True, blank=True)
    target_unit = models.CharField(_("target unit"), max_length=60, blank=True, help_text=_("e.g. %, trường"))
    target_year = models.PositiveSmallIntegerField(_("target year"), null=True, blank=True)
    phase = models.ForeignKey(Phase, on_delete=models.SET_NULL, null=True, blank=True, related_name="criteria")
    portal_section = models.CharField(
        _("the portal's section printed here"),
        max_length=12,
        choices=PortalSection.choices,
        blank=True,
        help_text=_(
            "The plan's own item under which the printed plan puts a section the portal writes from the plan's "
            "parts. Once one is placed, a plan with its own parts prints only the sections placed."
        ),
    )
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ("order", "id")

    def __str__(self):
        return f"{self.number} {self.title}".strip()

    @property
    def is_target(self) -> bool:
        return self.target_value is not None


class AwardOffer(models.Model):
    """An award form the plan offers, with its quota. ``name`` is the plan's own wording; ``award`` is the
    catalogue's title or form it grants, when the plan names one (one vocabulary of titles: the catalogue's)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="award_offers")
    name = models.CharField(_("award form"), max_length=255)
    award = models.ForeignKey(
        Award,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("title or award form"),
        help_text=_("The catalogue's title or award form this offer grants, when the plan names one."),
    )
    occasion = models.CharField(_("occasion"), max_length=120, blank=True, help_text=_("e.g. sơ kết, tổng kết"))
    quota = models.PositiveIntegerField(_("quota"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("award offered")
        verbose_name_plural = _("awards offered")
        ordering = ("order", "id")

    def __str__(self):
        return self.name


class DossierComponent(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="dossier_components")
    name = models.CharField(_("component"), max_length=500)
    is_required = models.BooleanField(_("required"), default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("dossier component")
        verbose_name_plural = _("dossier components")
        ordering = ("order", "id")

    def __str__(self):
        return self.name


class Amendment(models.Model):
    """A recorded change to a launched campaign: what changed, who, when and why."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="amendments")
    sequence = models.PositiveSmallIntegerField(_("amendment number"))
    reason = models.TextField(_("reason"))
    changes = models.JSONField(_("changes"), default=dict)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        ordering = ("sequence",)
        constraints = [models.UniqueConstraint(fields=["campaign", "sequence"], name="unique_amendment_sequence")]

    def __str__(self):
        return f"{self.campaign_id} #{self.sequence}"


class Milestone(models.Model):
    """What is due, from whom, to whom, and when — once or every year."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="milestones")
    phase = models.ForeignKey(Phase, on_delete=models.SET_NULL, null=True, blank=True, related_name="milestones")
    deliverable = models.CharField(_("what is due"), max_length=20, choices=DeliverableKind.choices)
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    recurrence = models.CharField(_("recurrence"), max_length=10, choices=Recurrence.choices, default=Recurrence.ONCE)
    due_on = models.DateField(_("due date"), null=True, blank=True, help_text=_("For a one-off deadline."))
    due_month = models.PositiveSmallIntegerField(_("month"), null=True, blank=True)
    due_day = models.PositiveSmallIntegerField(_("day"), null=True, blank=True)
    owed_by_kinds = models.JSONField(
        _("owed by unit kinds"), default=list, blank=True, help_text=_("Empty: every participating unit.")
    )
    is_individual = models.BooleanField(_("individuals submit through their unit"), default=False)
    owed_by_issuer = models.BooleanField(
        _("the issuer's own duty"),
        default=False,
        help_text=_(
            "A duty of the issuing unit itself (e.g. its review conference), tracked for it, not for the units below."
        ),
    )
    recipient = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("submitted to")
    )
    figures = models.JSONField(
        _("figures asked for"), default=list, blank=True, help_text=_('[{"key": "...", "label": "...", "unit": "..."}]')
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ("order", "id")

    def __str__(self):
        return self.title

    @property
    def is_yearly_target(self) -> bool:
        return self.recurrence == Recurrence.YEARLY_TARGET


class Deadline(models.Model):
    """One concrete due date of a milestone (a yearly milestone has one per year)."""

    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="deadlines")
    due_on = models.DateField(_("due date"), db_index=True)

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        ordering = ("due_on", "id")
        constraints = [models.UniqueConstraint(fields=["milestone", "due_on"], name="unique_deadline_date")]

    def __str__(self):
        return f"{self.milestone} — {short_date(self.due_on)}"


class DeadlineException(models.Model):
    """An excuse or an extension for one unit on one deadline."""

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="exceptions")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="deadline_exceptions")
    kind = models.CharField(_("kind"), max_length=10, choices=ExceptionKind.choices)
    new_due_on = models.DateField(_("new due date"), null=True, blank=True)
    reason = models.TextField(_("reason"))
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("deadline exception")
        verbose_name_plural = _("deadline exceptions")
        constraints = [models.UniqueConstraint(fields=["deadline", "unit"], name="one_exception_per_unit")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.unit_id}"


def deliverable_upload_to(instance, filename):
    return f"deliverables/{instance.deadline_id}/{instance.unit_id}/v{instance.version}/{filename}"


class Submission(models.Model):
    """What a unit submitted against a deadline. Versioned: a resubmission is a new row."""

    deadline = models.ForeignKey(Deadline, on_delete=models.PROTECT, related_name="submissions")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="submissions")
    version = models.PositiveSmallIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to=deliverable_upload_to, blank=True, max_length=500)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    content_type = models.CharField(max_length=120, blank=True)
    size = models.PositiveIntegerField(default=0)
    figures = models.JSONField(_("figures"), default=dict, blank=True)
    note = models.TextField(_("note"), blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(_("submitted at"), db_index=True)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ("deadline", "unit", "-version")
        constraints = [
            models.UniqueConstraint(fields=["deadline", "unit", "version"], name="unique_submission_version")
        ]

    def __str__(self):
        return f"{self.deadline_id}/{self.unit_id} v{self.version}"
