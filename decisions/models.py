"""Quyết định khen thưởng prepared in the portal: the draft of the issuing unit's officer, its
public disclosure to the units concerned, and its issuing by the head, which writes an
``awards.Decision`` and one ``AwardRecord`` per line. Every write goes through
``decisions.services``; every read through ``decisions.selectors``.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from awards.models import Award, Decision
from common.dates import school_year_label
from decisions.enums import DecisionState
from dossiers.models import Nominee
from units.models import RegisterEntry, Unit


class AwardDecision(models.Model):
    """A decision granting titles and awards to the nominees the unit's council approved.

    The number comes from the unit's document register when the head issues it (NĐ 30/2020
    Điều 15: numbered after signing, one series per issuer and calendar year); until then it is
    a draft without a number.
    """

    issuer_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="award_decisions", verbose_name=_("issuing unit")
    )
    school_year = models.PositiveSmallIntegerField(_("school year (first year)"))
    state = models.CharField(
        _("state"), max_length=12, choices=DecisionState.choices, default=DecisionState.DRAFT, editable=False
    )
    summary = models.CharField(_("summary"), max_length=500)
    bases = models.TextField(_("legal bases"), help_text=_("One per line."))
    executors = models.TextField(
        _("who carries it out"), blank=True, help_text=_("Article 3: the units and people who carry out the decision.")
    )
    distribution = models.TextField(_("recipients"), blank=True, help_text=_("One per line."))
    signing_authority = models.CharField(
        _("signing authority"), max_length=120, blank=True, help_text=_("e.g. KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC")
    )
    officer_title = models.CharField(_("deciding officer's title"), max_length=255, blank=True)
    signer_name = models.CharField(_("signer"), max_length=120, blank=True)
    place = models.CharField(_("place"), max_length=120, blank=True)
    dated = models.DateField(_("decision date"), null=True, blank=True, editable=False)
    register_entry = models.OneToOneField(
        RegisterEntry, on_delete=models.PROTECT, null=True, blank=True, editable=False, related_name="+"
    )
    number_symbol = models.CharField(_("number and symbol"), max_length=60, blank=True, editable=False)
    decision = models.OneToOneField(
        Decision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="award_decision",
        verbose_name=_("decision in the award history"),
    )
    # The public-disclosure window (công khai) before issuing.
    disclosure_days = models.PositiveSmallIntegerField(_("disclosure days"), null=True, blank=True, editable=False)
    disclosure_opened_at = models.DateTimeField(null=True, blank=True, editable=False)
    disclosure_ends_at = models.DateTimeField(_("disclosure ends"), null=True, blank=True, editable=False)
    state_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("award decision")
        verbose_name_plural = _("award decisions")
        ordering = ("-created_at", "-id")
        indexes = [models.Index(fields=["issuer_unit", "state"])]

    def __str__(self):
        return self.number_symbol or self.summary

    @property
    def school_year_label(self) -> str:
        return school_year_label(self.school_year)

    @property
    def is_revoked(self) -> bool:
        return self.decision_id is not None and self.decision.revoked_at is not None


class DecisionLine(models.Model):
    """One nominee granted one award by the decision, with the cash reward paid with it."""

    decision = models.ForeignKey(AwardDecision, on_delete=models.CASCADE, related_name="lines")
    nominee = models.ForeignKey(Nominee, on_delete=models.PROTECT, related_name="decision_lines")
    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="+", verbose_name=_("award"))
    cash_amount = models.PositiveIntegerField(_("cash reward (đồng)"), null=True, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("decision line")
        verbose_name_plural = _("decision lines")
        ordering = ("award__position", "position", "id")
        constraints = [models.UniqueConstraint(fields=["decision", "nominee"], name="one_line_per_nominee")]

    def __str__(self):
        return f"{self.nominee} — {self.award}"


class DecisionTransition(models.Model):
    """The log of state changes: who, when, why, from, to."""

    decision = models.ForeignKey(AwardDecision, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(max_length=12, choices=DecisionState.choices)
    to_state = models.CharField(max_length=12, choices=DecisionState.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("decision transition")
        verbose_name_plural = _("decision transitions")
        ordering = ("created_at", "id")

    def __str__(self):
        return f"{self.from_state} → {self.to_state}"


class DisclosureComment(models.Model):
    """A comment of a unit concerned on the publicly disclosed list."""

    decision = models.ForeignKey(AwardDecision, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("disclosure comment")
        verbose_name_plural = _("disclosure comments")
        ordering = ("created_at", "id")

    def __str__(self):
        return self.text[:60]
