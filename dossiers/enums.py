"""Choices and the state machine of award dossiers. Labels are English msgids translated to Vietnamese."""

from django.db import models
from django.utils.translation import pgettext_lazy


class RoundKind(models.TextChoices):
    CAMPAIGN = "campaign", pgettext_lazy("round kind", "Campaign review (sơ kết/tổng kết)")
    SCHOOL_YEAR = "school_year", pgettext_lazy("round kind", "School-year titles")
    ONE_OFF = "one_off", pgettext_lazy("round kind", "One-off proposal")


class DossierState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("dossier state", "Draft")
    SENT = "sent", pgettext_lazy("dossier state", "Sent")
    RECEIVED = "received", pgettext_lazy("dossier state", "Received")
    UNDER_APPRAISAL = "under_appraisal", pgettext_lazy("dossier state", "Under appraisal")
    RETURNED = "returned", pgettext_lazy("dossier state", "Returned for amendment")
    RESENT = "resent", pgettext_lazy("dossier state", "Resent")
    APPRAISED = "appraised", pgettext_lazy("dossier state", "Appraised")
    FORWARDED = "forwarded", pgettext_lazy("dossier state", "Forwarded upward")
    REFUSED = "refused", pgettext_lazy("dossier state", "Refused")
    CLOSED = "closed", pgettext_lazy("dossier state", "Closed with a result")


S = DossierState

# The only moves a dossier may make; ``dossiers.services.transition`` checks it.
# After appraisal the council of the receiving level votes (``councils``) and its head decides
# (``decisions``); a forwarded dossier gets its result from the level above. Either way the
# dossier ends CLOSED once every nominee has a result.
TRANSITIONS: dict[str, set[str]] = {
    S.DRAFT: {S.SENT},
    S.SENT: {S.RECEIVED, S.RETURNED, S.REFUSED},
    S.RECEIVED: {S.UNDER_APPRAISAL, S.RETURNED, S.REFUSED},
    S.UNDER_APPRAISAL: {S.RETURNED, S.APPRAISED, S.REFUSED},
    S.RETURNED: {S.RESENT},
    S.RESENT: {S.RECEIVED, S.UNDER_APPRAISAL, S.RETURNED, S.REFUSED},
    S.APPRAISED: {S.FORWARDED, S.CLOSED},
    S.FORWARDED: {S.CLOSED},
    S.REFUSED: set(),
    S.CLOSED: set(),
}

# The sender may change the dossier only in these states.
EDITABLE_STATES = (S.DRAFT, S.RETURNED)
# Waiting for the receiving level (its queue, its legal clocks).
AT_RECEIVER_STATES = (S.SENT, S.RECEIVED, S.UNDER_APPRAISAL, S.RESENT)
# Sent at least once: the receiving level sees it.
VISIBLE_TO_RECEIVER = tuple(s for s in DossierState if s != S.DRAFT)
# Not counted in duplicate and quota checks.
DEAD_STATES = (S.REFUSED,)
# Appraised and waiting for the council and the decision of the receiving level.
AWAITING_DECISION_STATES = (S.APPRAISED,)

STATE_COLOURS = {
    S.DRAFT: "secondary",
    S.SENT: "primary",
    S.RECEIVED: "info",
    S.UNDER_APPRAISAL: "warning",
    S.RETURNED: "danger",
    S.RESENT: "primary",
    S.APPRAISED: "success",
    S.FORWARDED: "dark",
    S.REFUSED: "dark",
    S.CLOSED: "success",
}


class ComponentKind(models.TextChoices):
    PROPOSAL = "proposal", pgettext_lazy("component", "Proposal (tờ trình)")
    LIST = "list", pgettext_lazy("component", "List of nominees")
    MINUTES = "minutes", pgettext_lazy("component", "Minutes of the unit's council")
    REPORT = "report", pgettext_lazy("component", "Achievement report")
    EVIDENCE = "evidence", pgettext_lazy("component", "Evidence")
    OTHER = "other", pgettext_lazy("component", "Other component")


class EvidenceKind(models.TextChoices):
    INITIATIVE = "initiative", pgettext_lazy("evidence", "Initiative recognition")
    GOOD_TEACHER = "good_teacher", pgettext_lazy("evidence", "Good-teacher certificate")
    CONTEST = "contest", pgettext_lazy("evidence", "Contest result")
    TASK_RATING = "task_rating", pgettext_lazy("evidence", "Excellent task rating confirmation")
    OTHER = "other", pgettext_lazy("evidence", "Other evidence")


class AppraisalResult(models.TextChoices):
    PENDING = "pending", pgettext_lazy("appraisal", "Not appraised yet")
    QUALIFIED = "qualified", pgettext_lazy("appraisal", "Qualified")
    NOT_QUALIFIED = "not_qualified", pgettext_lazy("appraisal", "Not qualified")


class Verdict(models.TextChoices):
    """The engine's verdict frozen at sending (same values as ``awards.enums.Verdict``)."""

    ELIGIBLE = "eligible", pgettext_lazy("verdict", "Eligible")
    NOT_ELIGIBLE = "not_eligible", pgettext_lazy("verdict", "Not eligible")
    MISSING = "missing", pgettext_lazy("verdict", "Evidence missing")


class CouncilResult(models.TextChoices):
    """What the council of the receiving level concluded on a nominee (written by ``councils``)."""

    PENDING = "pending", pgettext_lazy("council result", "Not voted yet")
    APPROVED = "approved", pgettext_lazy("council result", "Approved by the council")
    NOT_APPROVED = "not_approved", pgettext_lazy("council result", "Not approved by the council")
