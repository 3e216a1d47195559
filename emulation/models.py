"""Emulation (thi đua) in a campaign: registration, pacts (giao ước) and exemplars (điển hình tiên tiến).

Registrations change state only through ``emulation.services.registration_set_state``
(table: ``REGISTRATION_TRANSITIONS``); exemplars move through their five steps only through
``exemplar_advance`` (table: ``EXEMPLAR_TRANSITIONS``). Tables keep their original names
(``campaigns_*``): the models moved here from ``campaigns`` with their data.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from awards.models import Award
from campaigns.enums import SubjectKind
from campaigns.models import Campaign, Criterion
from common.dates import short_date
from emulation.enums import ExemplarStep, RegistrationState
from units.models import Cluster, Person, Unit


def pact_evidence_upload_to(instance, filename):
    return f"pacts/{instance.pact_id}/{instance.pk}/{filename}"


class RegistrationStates:
    """What a registration's state means for its wording (both kinds share one state machine)."""

    state: str

    @property
    def is_draft(self) -> bool:
        return self.state == RegistrationState.DRAFT

    @property
    def is_returned(self) -> bool:
        return self.state == RegistrationState.RETURNED

    @property
    def awaits_review(self) -> bool:
        return self.state == RegistrationState.SUBMITTED


class UnitRegistration(RegistrationStates, models.Model):
    """A unit's registration for a campaign: the title it aims for and its work items."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="unit_registrations")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="campaign_registrations")
    state = models.CharField(
        _("state"), max_length=12, choices=RegistrationState.choices, default=RegistrationState.DRAFT, editable=False
    )
    aimed_award = models.ForeignKey(
        Award,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("title aimed for"),
        help_text=_("A collective title or award form of the catalogue (optional)."),
    )
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
        db_table = "campaigns_unitregistration"
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
        db_table = "campaigns_workitem"
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
        db_table = "campaigns_registrationforward"
        verbose_name = _("forwarded list")
        verbose_name_plural = _("forwarded lists")
        ordering = ("-forwarded_at", "-id")

    def __str__(self):
        return f"{self.unit_id} → {self.campaign_id} ({self.count})"


class IndividualRegistration(RegistrationStates, models.Model):
    """A person's registration for a title in one school year, collected by their unit."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="individual_registrations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="campaign_registrations")
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="individual_registrations", verbose_name=_("unit")
    )
    school_year = models.PositiveSmallIntegerField(_("school year (first year)"))
    aimed_award = models.ForeignKey(
        Award, on_delete=models.PROTECT, related_name="+", verbose_name=_("title aimed for")
    )
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
        db_table = "campaigns_individualregistration"
        verbose_name = _("individual registration")
        verbose_name_plural = _("individual registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "person", "school_year"], name="one_individual_registration_per_year"
            )
        ]
        indexes = [models.Index(fields=["campaign", "unit", "state"])]

    def __str__(self):
        return f"{self.person} — {self.aimed_award_id}"

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
        db_table = "campaigns_pact"
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
        db_table = "campaigns_pacttarget"
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
        db_table = "campaigns_exemplar"
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
        db_table = "campaigns_exemplarsteprecord"
        verbose_name = _("exemplar step")
        verbose_name_plural = _("exemplar steps")
        ordering = ("date", "id")
        constraints = [models.UniqueConstraint(fields=["exemplar", "step"], name="one_record_per_exemplar_step")]

    def __str__(self):
        return f"{self.exemplar_id} {self.step} {short_date(self.date)}"
