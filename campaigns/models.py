"""Campaigns (phong trào thi đua): the plan, its phases, criteria, milestones and what units submit.

A ``Campaign`` changes state only through ``campaigns.services.campaign_set_state``; once
launched its content changes only through recorded amendments (``Amendment`` rows): the main part
through ``campaign_amend``, its parts through the part services given an ``amendment_reason``.
Milestones are rules ("before 10/11 every year"); ``Deadline`` rows are their concrete
dates, expanded by ``campaigns.services.milestone_expand``. Per-unit status, deliverables,
exceptions and reminders all refer to a ``Deadline``.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from campaigns.enums import (
    CampaignKind,
    CampaignState,
    CollectiveTitle,
    DeliverableKind,
    DispatchStatus,
    ExceptionKind,
    ExemplarStep,
    IndividualTitle,
    ParticipantScope,
    Recurrence,
    RegistrationState,
    ReminderKind,
    SubjectKind,
)
from units.models import Cluster, Person, Unit


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
    title = models.CharField(_("heading"), max_length=500)
    body = models.TextField(_("text"), blank=True)
    subject_kind = models.CharField(_("applies to"), max_length=12, choices=SubjectKind.choices, blank=True)
    person_role = models.CharField(_("person role"), max_length=20, blank=True)
    target_value = models.DecimalField(_("target value"), max_digits=14, decimal_places=3, null=True, blank=True)
    target_unit = models.CharField(_("target unit"), max_length=60, blank=True, help_text=_("e.g. %, trường"))
    target_year = models.PositiveSmallIntegerField(_("target year"), null=True, blank=True)
    phase = models.ForeignKey(Phase, on_delete=models.SET_NULL, null=True, blank=True, related_name="criteria")
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
    """An award form the plan offers, with its quota (names are data; the awards app maps them)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="award_offers")
    name = models.CharField(_("award form"), max_length=255)
    award_code = models.CharField(_("catalogue code"), max_length=40, blank=True)
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
        return f"{self.milestone} — {self.due_on:%d/%m/%Y}"


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


# --- Registration (đăng ký thi đua), pacts (giao ước), exemplars (điển hình tiên tiến) ------------
#
# Registrations change state only through ``campaigns.services_registration.registration_set_state``
# (table: ``REGISTRATION_TRANSITIONS``); exemplars move through their five steps only through
# ``exemplar_advance`` (table: ``EXEMPLAR_TRANSITIONS``).


class UnitRegistration(models.Model):
    """A unit's registration for a campaign: the title it aims for and its work items."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="unit_registrations")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="campaign_registrations")
    state = models.CharField(
        _("state"), max_length=12, choices=RegistrationState.choices, default=RegistrationState.DRAFT, editable=False
    )
    aimed_title = models.CharField(_("title aimed for"), max_length=20, choices=CollectiveTitle.choices, blank=True)
    note = models.TextField(_("note"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, editable=False)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    return_comment = models.TextField(_("comments when returned"), blank=True, editable=False)
    resubmission_count = models.PositiveSmallIntegerField(_("resubmissions"), default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("unit registration")
        verbose_name_plural = _("unit registrations")
        constraints = [models.UniqueConstraint(fields=["campaign", "unit"], name="one_registration_per_unit")]

    def __str__(self):
        return f"{self.unit} — {self.campaign}"


class WorkItem(models.Model):
    """One registered work item (đầu việc) with its dates and an optional numeric target."""

    registration = models.ForeignKey(UnitRegistration, on_delete=models.CASCADE, related_name="work_items")
    title = models.CharField(_("work item"), max_length=500)
    criterion = models.ForeignKey(
        Criterion, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("criterion")
    )
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"))
    target_value = models.DecimalField(_("target value"), max_digits=14, decimal_places=3, null=True, blank=True)
    target_unit = models.CharField(_("target unit"), max_length=60, blank=True)
    note = models.TextField(_("note"), blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("work item")
        verbose_name_plural = _("work items")
        ordering = ("order", "id")
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="work_item_period")
        ]

    def __str__(self):
        return self.title


class RegistrationForward(models.Model):
    """A unit sending its collected individual registrations upward in one step."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="registration_forwards")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    forwarded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    forwarded_at = models.DateTimeField(_("forwarded at"))
    count = models.PositiveIntegerField(_("registrations"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("forwarded list")
        verbose_name_plural = _("forwarded lists")
        ordering = ("-forwarded_at", "-id")

    def __str__(self):
        return f"{self.unit_id} → {self.campaign_id} ({self.count})"


class IndividualRegistration(models.Model):
    """A person's registration for a title in one school year, collected by their unit."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="individual_registrations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="campaign_registrations")
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="individual_registrations", verbose_name=_("unit")
    )
    school_year = models.PositiveSmallIntegerField(_("school year (first year)"))
    aimed_title = models.CharField(_("title aimed for"), max_length=20, choices=IndividualTitle.choices)
    aimed_detail = models.CharField(
        _("awarded by"),
        max_length=255,
        blank=True,
        help_text=_("For a certificate or diploma: whose, e.g. of the Director."),
    )
    note = models.TextField(_("note"), blank=True)
    state = models.CharField(
        _("state"), max_length=12, choices=RegistrationState.choices, default=RegistrationState.DRAFT, editable=False
    )
    forward = models.ForeignKey(
        RegistrationForward, on_delete=models.SET_NULL, null=True, blank=True, related_name="registrations"
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, editable=False)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    return_comment = models.TextField(_("comments when returned"), blank=True, editable=False)
    resubmission_count = models.PositiveSmallIntegerField(_("resubmissions"), default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("individual registration")
        verbose_name_plural = _("individual registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "person", "school_year"], name="one_individual_registration_per_year"
            )
        ]
        indexes = [models.Index(fields=["campaign", "unit", "state"])]

    def __str__(self):
        return f"{self.person} — {self.get_aimed_title_display()}"

    @property
    def school_year_label(self) -> str:
        return f"{self.school_year}–{self.school_year + 1}"


class Pact(models.Model):
    """An emulation pact (giao ước thi đua) signed by the members of a cluster or block."""

    cluster = models.ForeignKey(Cluster, on_delete=models.PROTECT, related_name="pacts", verbose_name=_("cluster"))
    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pacts",
        verbose_name=_("campaign"),
        help_text=_("Empty: the cluster's pact for its school year."),
    )
    title = models.CharField(_("title"), max_length=500)
    signed_on = models.DateField(_("signed on"))
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("emulation pact")
        verbose_name_plural = _("emulation pacts")
        ordering = ("-signed_on", "-id")
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "campaign"],
                condition=models.Q(campaign__isnull=False),
                name="one_pact_per_cluster_and_campaign",
            ),
            models.UniqueConstraint(
                fields=["cluster"], condition=models.Q(campaign__isnull=True), name="one_yearly_pact_per_cluster"
            ),
        ]

    def __str__(self):
        return self.title


def pact_evidence_upload_to(instance, filename):
    return f"pacts/{instance.pact_id}/{instance.pk}/{filename}"


class PactTarget(models.Model):
    """One member's target in a pact, with its self-score (and evidence) and the head unit's cross-score."""

    pact = models.ForeignKey(Pact, on_delete=models.CASCADE, related_name="targets")
    member = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="pact_targets", verbose_name=_("member"))
    criterion = models.CharField(_("criterion"), max_length=500)
    target_value = models.DecimalField(_("target value"), max_digits=14, decimal_places=3, null=True, blank=True)
    target_unit = models.CharField(_("target unit"), max_length=60, blank=True)
    max_score = models.DecimalField(_("maximum score"), max_digits=7, decimal_places=2)
    order = models.PositiveIntegerField(default=0)
    self_score = models.DecimalField(_("self-score"), max_digits=7, decimal_places=2, null=True, blank=True)
    self_evidence = models.TextField(_("evidence"), blank=True)
    evidence_file = models.FileField(_("evidence file"), upload_to=pact_evidence_upload_to, blank=True, max_length=500)
    evidence_name = models.CharField(_("file name"), max_length=255, blank=True)
    self_scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    self_scored_at = models.DateTimeField(null=True, blank=True)
    cross_score = models.DecimalField(_("cross-score"), max_digits=7, decimal_places=2, null=True, blank=True)
    cross_note = models.TextField(_("cross-scoring note"), blank=True)
    cross_scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cross_scored_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("pact target")
        verbose_name_plural = _("pact targets")
        ordering = ("order", "id")

    def __str__(self):
        return self.criterion


class Exemplar(models.Model):
    """An advanced exemplar (điển hình tiên tiến): a collective or a person, built by ``unit``.

    ``unit`` is the unit that builds and fosters it; the exemplar counts towards that unit's
    yearly minimum. The exemplar itself is ``subject_unit`` (a collective) or ``person``.
    """

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="exemplars")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="exemplars", verbose_name=_("built by"))
    subject_kind = models.CharField(_("exemplar is"), max_length=12, choices=SubjectKind.choices)
    subject_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("collective")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="exemplars", verbose_name=_("person")
    )
    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    step = models.CharField(
        _("step"), max_length=12, choices=ExemplarStep.choices, default=ExemplarStep.BUILD, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("exemplar")
        verbose_name_plural = _("exemplars")
        ordering = ("-year", "id")
        indexes = [models.Index(fields=["campaign", "year", "unit"])]

    def __str__(self):
        return self.title


class ExemplarStepRecord(models.Model):
    """The dated record of one step reached by an exemplar."""

    exemplar = models.ForeignKey(Exemplar, on_delete=models.CASCADE, related_name="step_records")
    step = models.CharField(_("step"), max_length=12, choices=ExemplarStep.choices)
    date = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("exemplar step")
        verbose_name_plural = _("exemplar steps")
        ordering = ("date", "id")
        constraints = [models.UniqueConstraint(fields=["exemplar", "step"], name="one_record_per_exemplar_step")]

    def __str__(self):
        return f"{self.exemplar_id} {self.step} {self.date:%d/%m/%Y}"


class ReminderDispatch(models.Model):
    """One reminder (or one late-units digest) to one person about one deadline, sent at most once.

    The key — kind, deadline, unit, recipient, offset and the unit's effective due date — is unique
    in the database: inserting the row reserves the reminder, so a second beat, a retried task or a
    double run finds it taken. A worker then claims it (``pending``/``failed`` → ``sending``) in its
    own transaction before the mail goes out and marks it ``sent`` once the mail server accepted it.
    ``unit`` is the owing unit for a reminder and the unit above (whose officers are told) for a
    digest. Statuses change only in ``campaigns.reminders`` (see ``DISPATCH_TRANSITIONS``).
    """

    kind = models.CharField(_("kind"), max_length=12, choices=ReminderKind.choices, default=ReminderKind.REMINDER)
    deadline = models.ForeignKey(
        Deadline, on_delete=models.CASCADE, related_name="reminder_dispatches", verbose_name=_("deadline")
    )
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+", verbose_name=_("unit"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reminder_dispatches",
        verbose_name=_("recipient"),
    )
    offset = models.SmallIntegerField(_("days before the deadline"), help_text=_("Negative: days overdue."))
    due_on = models.DateField(_("effective due date"))
    scheduled_for = models.DateField(_("scheduled for"))
    late_units = models.JSONField(_("late units"), default=list, blank=True)
    via_digest = models.BooleanField(_("in the daily digest"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=DispatchStatus.choices, default=DispatchStatus.PENDING, editable=False
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    notified_at = models.DateTimeField(_("in-app notice at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reminder dispatch")
        verbose_name_plural = _("reminder dispatches")
        ordering = ("-scheduled_for", "unit_id", "recipient_id", "id")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "deadline", "unit", "recipient", "offset", "due_on"], name="unique_reminder_dispatch"
            )
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="reminder_due_idx")]

    def __str__(self):
        return f"{self.kind} {self.deadline_id}/{self.unit_id} → {self.recipient_id} ({self.offset:+d})"
