"""Award dossiers (hồ sơ đề nghị khen thưởng): rounds, dossiers, nominees, components,
the evidence wallet, the transition log, return comments and the legal clocks.

Every write goes through ``dossiers.services``; every read through ``dossiers.selectors``.
The state field is written only by ``services.transition``.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.models import Award, AwardRecord, Initiative
from campaigns.models import AwardOffer, Campaign, DossierComponent
from common.dates import school_year_label
from dossiers.enums import (
    AppraisalResult,
    ComponentKind,
    CouncilResult,
    DossierState,
    EvidenceKind,
    RoundKind,
    Verdict,
)
from units.models import Person, Unit


class AwardRound(models.Model):
    """A call for proposals: a campaign's sơ kết/tổng kết, the yearly school-year titles, or one-off."""

    organiser = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="award_rounds", verbose_name=_("organising unit")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=RoundKind.choices)
    title = models.CharField(_("title"), max_length=500)
    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="award_rounds",
        verbose_name=_("campaign"),
    )
    occasion = models.CharField(_("occasion"), max_length=120, blank=True, help_text=_("e.g. sơ kết, tổng kết"))
    school_year = models.PositiveSmallIntegerField(_("school year (first year)"))
    opens_on = models.DateField(_("opens on"))
    deadline = models.DateField(_("dossier deadline"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("award round")
        verbose_name_plural = _("award rounds")
        ordering = ("-school_year", "-opens_on", "-id")

    def __str__(self):
        return self.title

    @property
    def school_year_label(self) -> str:
        return school_year_label(self.school_year)


class RoundAward(models.Model):
    """An award the round offers, with its quota per proposing unit (from the campaign's offer)."""

    round = models.ForeignKey(AwardRound, on_delete=models.CASCADE, related_name="awards")
    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="+", verbose_name=_("award"))
    offer = models.ForeignKey(AwardOffer, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    quota = models.PositiveIntegerField(_("quota per unit"), null=True, blank=True)
    over_quota_with_reason = models.BooleanField(_("may exceed the quota with a reason"), default=False)

    class Meta:
        verbose_name = _("award of a round")
        verbose_name_plural = _("awards of a round")
        constraints = [models.UniqueConstraint(fields=["round", "award"], name="unique_award_per_round")]

    def __str__(self):
        return f"{self.round_id}: {self.award_id}"


class RoundExtension(models.Model):
    """A later deadline granted to one unit."""

    round = models.ForeignKey(AwardRound, on_delete=models.CASCADE, related_name="extensions")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+", verbose_name=_("unit"))
    until = models.DateField(_("extended until"))
    reason = models.CharField(_("reason"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("deadline extension")
        verbose_name_plural = _("deadline extensions")
        constraints = [models.UniqueConstraint(fields=["round", "unit"], name="one_extension_per_unit")]

    def __str__(self):
        return f"{self.unit_id} → {self.until}"


class Dossier(models.Model):
    round = models.ForeignKey(AwardRound, on_delete=models.PROTECT, related_name="dossiers", verbose_name=_("round"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="dossiers", verbose_name=_("proposing unit"))
    receiver = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="received_dossiers", verbose_name=_("receiving unit")
    )
    state = models.CharField(
        _("state"), max_length=20, choices=DossierState.choices, default=DossierState.DRAFT, editable=False
    )
    dated = models.DateField(_("dossier date"))
    number = models.PositiveIntegerField(_("number"), null=True, blank=True, editable=False)
    # Numbers run from 01 each calendar year, per issuer and symbol (NĐ 30/2020 Điều 15).
    number_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    symbol = models.CharField(_("symbol"), max_length=60, blank=True)
    place = models.CharField(_("place"), max_length=120, blank=True)
    signer_name = models.CharField(_("signer"), max_length=120, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=120, blank=True)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    # Biên bản of the unit's own council meeting (the in-portal council of issue 10 fills it too).
    minutes_date = models.DateField(_("council meeting date"), null=True, blank=True)
    minutes_members = models.PositiveSmallIntegerField(_("council members"), null=True, blank=True)
    minutes_present = models.PositiveSmallIntegerField(_("members present"), null=True, blank=True)
    minutes_chair = models.CharField(_("chair"), max_length=120, blank=True)
    minutes_secretary = models.CharField(_("secretary"), max_length=120, blank=True)
    # Clocks
    sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    received_at = models.DateTimeField(null=True, blank=True, editable=False)
    returned_at = models.DateTimeField(null=True, blank=True, editable=False)
    appraised_at = models.DateTimeField(null=True, blank=True, editable=False)
    state_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Reminders already sent: the due date of the legal clock reminded about, the day of the deadline one.
    clock_reminded_for = models.DateField(null=True, blank=True, editable=False)
    deadline_reminded_on = models.DateField(null=True, blank=True, editable=False)
    # What the dossier looked like when returned, and what changed when it was resent.
    return_snapshot = models.JSONField(default=dict, blank=True, editable=False)
    resend_diff = models.JSONField(default=list, blank=True, editable=False)
    refusal_notice = models.TextField(_("refusal notice"), blank=True)
    # The receiving level's numbered notice (thông báo) that carries the refusal.
    refusal_entry = models.ForeignKey(
        "units.RegisterEntry", on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    forwarded_to = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("forwarded to")
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("award dossier")
        verbose_name_plural = _("award dossiers")
        ordering = ("-created_at", "-id")
        indexes = [models.Index(fields=["receiver", "state"]), models.Index(fields=["unit", "state"])]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "symbol", "number_year", "number"],
                condition=Q(number__isnull=False),
                name="unique_dossier_number",
            )
        ]

    def __str__(self):
        return f"{self.unit} · {self.round}"

    @property
    def number_symbol(self) -> str:
        if not self.number:
            return f"   /{self.symbol}" if self.symbol else ""
        return f"{self.number:02d}/{self.symbol}" if self.symbol else f"{self.number:02d}"


class Nominee(models.Model):
    """A person or a collective proposed for one award, with the engine's verdict frozen at sending."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="nominees")
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="nominations", verbose_name=_("person")
    )
    collective = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="nominations", verbose_name=_("collective")
    )
    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="+", verbose_name=_("award"))
    achievement = models.CharField(_("achievement"), max_length=500)
    justification = models.TextField(_("justification"), blank=True)
    quota_reason = models.TextField(_("reason for exceeding the quota"), blank=True)
    initiative = models.ForeignKey(
        Initiative, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("initiative")
    )
    # Live verdict while drafting, frozen (with each rule's citation) when the dossier is sent.
    verdict = models.CharField(_("verdict"), max_length=16, choices=Verdict.choices, blank=True)
    verdict_data = models.JSONField(default=dict, blank=True)
    verdict_frozen_at = models.DateTimeField(null=True, blank=True)
    # Biên bản: the unit council's vote on this nominee.
    votes_for = models.PositiveSmallIntegerField(_("votes for"), null=True, blank=True)
    votes_total = models.PositiveSmallIntegerField(_("votes cast"), null=True, blank=True)
    # Appraisal by the receiving level.
    appraisal = models.CharField(
        _("appraisal"), max_length=16, choices=AppraisalResult.choices, default=AppraisalResult.PENDING
    )
    appraisal_reasons = models.TextField(_("appraisal reasons"), blank=True)
    checklist = models.JSONField(default=list, blank=True)
    appraised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The receiving level's council (``councils`` writes it when a session closes) ...
    council_result = models.CharField(
        _("council result"), max_length=16, choices=CouncilResult.choices, default=CouncilResult.PENDING
    )
    council_result_at = models.DateTimeField(null=True, blank=True, editable=False)
    # ... and the award it led to, once a decision is issued or a result from above recorded.
    award_record = models.OneToOneField(
        AwardRecord,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="nominee",
        editable=False,
        verbose_name=_("award record"),
    )
    position = models.PositiveIntegerField(default=0)
    # A nominee gathered into the receiving level's own dossier keeps a link to where it came from.
    source = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="forwarded_as", editable=False
    )

    class Meta:
        verbose_name = _("nominee")
        verbose_name_plural = _("nominees")
        ordering = ("award__position", "position", "id")
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, collective__isnull=True)
                | Q(person__isnull=True, collective__isnull=False),
                name="nominee_person_xor_collective",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return self.person.full_name if self.person_id else self.collective.name


class EvidenceItem(models.Model):
    """An item of the person's evidence wallet, kept across years and attached to dossiers."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("person"))
    kind = models.CharField(_("kind"), max_length=16, choices=EvidenceKind.choices)
    title = models.CharField(_("title"), max_length=500)
    issued_by = models.CharField(_("issued by"), max_length=255, blank=True)
    reference = models.CharField(_("number"), max_length=60, blank=True)
    issued_on = models.DateField(_("date"), null=True, blank=True)
    initiative = models.ForeignKey(
        Initiative, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("initiative")
    )
    file = models.FileField(_("file"), upload_to="evidence/%Y/", blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("evidence item")
        verbose_name_plural = _("evidence wallet")
        ordering = ("-issued_on", "-id")

    def __str__(self):
        return self.title


def document_upload_to(instance, filename):
    return f"dossiers/{instance.dossier_id}/{filename}"


class DossierDocument(models.Model):
    """A component file: generated (tờ trình, danh sách), uploaded (signed reports) or attached evidence."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="documents")
    nominee = models.ForeignKey(Nominee, on_delete=models.CASCADE, null=True, blank=True, related_name="documents")
    kind = models.CharField(_("component"), max_length=12, choices=ComponentKind.choices)
    component = models.ForeignKey(
        DossierComponent,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("campaign component"),
    )
    name = models.CharField(_("file name"), max_length=255)
    file = models.FileField(_("file"), upload_to=document_upload_to, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    generated = models.BooleanField(default=False)
    evidence = models.ForeignKey(
        EvidenceItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attachments",
        verbose_name=_("evidence item"),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("dossier document")
        verbose_name_plural = _("dossier documents")
        ordering = ("kind", "id")

    def __str__(self):
        return self.name


class DossierTransition(models.Model):
    """The log of state changes: who, when, why, from, to."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(max_length=20, choices=DossierState.choices)
    to_state = models.CharField(max_length=20, choices=DossierState.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("dossier transition")
        verbose_name_plural = _("dossier transitions")
        ordering = ("created_at", "id")

    def __str__(self):
        return f"{self.from_state} → {self.to_state}"


class ReturnComment(models.Model):
    """What the receiving level asks to amend, on a nominee, a component or the whole dossier."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="comments")
    transition = models.ForeignKey(DossierTransition, on_delete=models.CASCADE, related_name="comments")
    nominee = models.ForeignKey(Nominee, on_delete=models.SET_NULL, null=True, blank=True, related_name="comments")
    component = models.CharField(_("component"), max_length=12, choices=ComponentKind.choices, blank=True)
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("return comment")
        verbose_name_plural = _("return comments")
        ordering = ("id",)

    def __str__(self):
        return self.text[:60]


class SendDelegation(models.Model):
    """The unit head lets another account of the unit send dossiers."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="send_delegations")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("sending delegation")
        verbose_name_plural = _("sending delegations")
        constraints = [models.UniqueConstraint(fields=["unit", "user"], name="one_delegation_per_user")]

    def __str__(self):
        return f"{self.user_id} @ {self.unit_id}"


class Holiday(models.Model):
    """A public holiday (Tết, 30/4, 1/5, Quốc khánh…) skipped by the legal clocks; ``scope`` empty = nationwide."""

    date = models.DateField(_("date"))
    name = models.CharField(_("name"), max_length=120)
    scope = models.ForeignKey(Unit, on_delete=models.CASCADE, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("public holiday")
        verbose_name_plural = _("public holidays")
        ordering = ("date",)
        constraints = [models.UniqueConstraint(fields=["date", "scope"], name="unique_holiday")]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.name}"


class LegalClock(models.Model):
    """Working-day limits at a receiving level; ``scope`` empty = the default for every level."""

    scope = models.OneToOneField(Unit, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    return_days = models.PositiveSmallIntegerField(_("working days to return an incomplete dossier"), default=5)
    appraisal_days = models.PositiveSmallIntegerField(_("working days to finish the appraisal"), default=20)
    remind_days_before = models.PositiveSmallIntegerField(_("remind this many working days before"), default=2)

    class Meta:
        verbose_name = _("legal clock")
        verbose_name_plural = _("legal clocks")

    def __str__(self):
        return f"{self.scope_id or '*'}: {self.return_days}/{self.appraisal_days}"
