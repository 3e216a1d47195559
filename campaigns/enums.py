"""States and choices of campaigns, with the transition tables their one state function uses."""

from django.db import models
from django.utils.translation import pgettext_lazy


class CampaignKind(models.TextChoices):
    REGULAR = "regular", pgettext_lazy("campaign kind", "Regular")
    PERIODIC = "periodic", pgettext_lazy("campaign kind", "Periodic")
    THEMATIC = "thematic", pgettext_lazy("campaign kind", "Thematic")
    PEAK = "peak", pgettext_lazy("campaign kind", "Peak")


class CampaignState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("campaign state", "Draft")
    LAUNCHED = "launched", pgettext_lazy("campaign state", "Launched")
    IN_PROGRESS = "in_progress", pgettext_lazy("campaign state", "In progress")
    MIDTERM_REVIEW = "midterm_review", pgettext_lazy("campaign state", "Mid-term review")
    FINAL_REVIEW = "final_review", pgettext_lazy("campaign state", "Final review")
    CLOSED = "closed", pgettext_lazy("campaign state", "Closed")


CAMPAIGN_TRANSITIONS: dict[str, tuple[str, ...]] = {
    CampaignState.DRAFT: (CampaignState.LAUNCHED,),
    CampaignState.LAUNCHED: (CampaignState.IN_PROGRESS, CampaignState.CLOSED),
    CampaignState.IN_PROGRESS: (CampaignState.MIDTERM_REVIEW, CampaignState.FINAL_REVIEW),
    CampaignState.MIDTERM_REVIEW: (CampaignState.IN_PROGRESS, CampaignState.FINAL_REVIEW),
    CampaignState.FINAL_REVIEW: (CampaignState.CLOSED, CampaignState.IN_PROGRESS),
    CampaignState.CLOSED: (),
}
# How each state shows (Bootstrap colours; ``common.status``).
CAMPAIGN_STATE_COLOURS = {
    CampaignState.DRAFT: "secondary",
    CampaignState.LAUNCHED: "success",
    CampaignState.IN_PROGRESS: "success",
    CampaignState.MIDTERM_REVIEW: "success",
    CampaignState.FINAL_REVIEW: "success",
    CampaignState.CLOSED: "dark",
}
# Once launched, the plan's content changes only through a recorded amendment.
EDITABLE_STATES = (CampaignState.DRAFT,)
ACTIVE_STATES = (
    CampaignState.LAUNCHED,
    CampaignState.IN_PROGRESS,
    CampaignState.MIDTERM_REVIEW,
    CampaignState.FINAL_REVIEW,
)


class ParticipantScope(models.TextChoices):
    SUBTREE = "subtree", pgettext_lazy("participant scope", "The issuer's whole subtree")
    KINDS = "kinds", pgettext_lazy("participant scope", "Some unit kinds in the subtree")
    LIST = "list", pgettext_lazy("participant scope", "A chosen list of units")


class SubjectKind(models.TextChoices):
    COLLECTIVE = "collective", pgettext_lazy("subject", "Collective")
    INDIVIDUAL = "individual", pgettext_lazy("subject", "Individual")


class BasisWord(models.TextChoices):
    """How the plan names an upper document: the ground it rests on, or the plan it carries out."""

    BASED_ON = "based_on", pgettext_lazy("upper document", "Pursuant to")
    IMPLEMENTING = "implementing", pgettext_lazy("upper document", "Implementing")


class PortalSection(models.TextChoices):
    """The sections the portal writes from a plan's parts, placed under one of the plan's own items."""

    SUBJECTS = "subjects", pgettext_lazy("portal section", "Subjects")
    PERIOD = "period", pgettext_lazy("portal section", "Period and phases")
    AWARDS = "awards", pgettext_lazy("portal section", "Award forms and dossier")
    DEADLINES = "deadlines", pgettext_lazy("portal section", "Deadlines")


class DeliverableKind(models.TextChoices):
    """What a milestone asks for."""

    PLAN = "plan", pgettext_lazy("deliverable", "Unit plan")
    REGISTRATION = "registration", pgettext_lazy("deliverable", "Emulation registration")
    MIDTERM_REPORT = "midterm_report", pgettext_lazy("deliverable", "Mid-term review report")
    FINAL_REPORT = "final_report", pgettext_lazy("deliverable", "Final review report")
    ANNUAL_REPORT = "annual_report", pgettext_lazy("deliverable", "Annual report")
    AWARD_DOSSIER = "award_dossier", pgettext_lazy("deliverable", "Award dossiers")
    CONFERENCE = "conference", pgettext_lazy("deliverable", "Conference")
    OTHER = "other", pgettext_lazy("deliverable", "Other")


class Recurrence(models.TextChoices):
    ONCE = "once", pgettext_lazy("recurrence", "Once")
    YEARLY = "yearly", pgettext_lazy("recurrence", "Every year")
    # A yearly duty with no fixed date ("at least 01 exemplar a year"): due by the end of each year.
    YEARLY_TARGET = "target", pgettext_lazy("recurrence", "Every year, no fixed date (a yearly target)")


class SubmissionStatus(models.TextChoices):
    """Where a unit stands on one deadline; computed, never stored."""

    NOT_DUE = "not_due", pgettext_lazy("submission status", "Not yet due")
    ON_TIME = "on_time", pgettext_lazy("submission status", "Submitted on time")
    LATE = "late", pgettext_lazy("submission status", "Submitted late")
    MISSING = "missing", pgettext_lazy("submission status", "Missing")
    EXCUSED = "excused", pgettext_lazy("submission status", "Excused")
    EXTENDED = "extended", pgettext_lazy("submission status", "Extended")


OWING_STATUSES = (SubmissionStatus.NOT_DUE, SubmissionStatus.MISSING, SubmissionStatus.EXTENDED)
SUBMISSION_STATUS_COLOURS = {
    SubmissionStatus.NOT_DUE: "light",
    SubmissionStatus.ON_TIME: "success",
    SubmissionStatus.LATE: "warning",
    SubmissionStatus.MISSING: "danger",
    SubmissionStatus.EXCUSED: "secondary",
    SubmissionStatus.EXTENDED: "info",
}


class ExceptionKind(models.TextChoices):
    EXCUSED = "excused", pgettext_lazy("deadline exception", "Excused")
    EXTENDED = "extended", pgettext_lazy("deadline exception", "Extended")
