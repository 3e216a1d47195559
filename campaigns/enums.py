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


class SubmissionStatus(models.TextChoices):
    """Where a unit stands on one deadline; computed, never stored."""

    NOT_DUE = "not_due", pgettext_lazy("submission status", "Not yet due")
    ON_TIME = "on_time", pgettext_lazy("submission status", "Submitted on time")
    LATE = "late", pgettext_lazy("submission status", "Submitted late")
    MISSING = "missing", pgettext_lazy("submission status", "Missing")
    EXCUSED = "excused", pgettext_lazy("submission status", "Excused")
    EXTENDED = "extended", pgettext_lazy("submission status", "Extended")


OWING_STATUSES = (SubmissionStatus.NOT_DUE, SubmissionStatus.MISSING, SubmissionStatus.EXTENDED)


class ExceptionKind(models.TextChoices):
    EXCUSED = "excused", pgettext_lazy("deadline exception", "Excused")
    EXTENDED = "extended", pgettext_lazy("deadline exception", "Extended")


# --- Registration (đăng ký thi đua), pacts (giao ước), exemplars (điển hình tiên tiến) ------------


class RegistrationState(models.TextChoices):
    """Where a unit's or a person's registration stands; changed only by ``registration_set_state``."""

    DRAFT = "draft", pgettext_lazy("registration state", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("registration state", "Submitted")
    ACCEPTED = "accepted", pgettext_lazy("registration state", "Accepted")
    RETURNED = "returned", pgettext_lazy("registration state", "Returned for changes")


REGISTRATION_TRANSITIONS: dict[str, tuple[str, ...]] = {
    RegistrationState.DRAFT: (RegistrationState.SUBMITTED,),
    RegistrationState.SUBMITTED: (RegistrationState.ACCEPTED, RegistrationState.RETURNED),
    RegistrationState.RETURNED: (RegistrationState.SUBMITTED,),
    RegistrationState.ACCEPTED: (),
}
# The unit may still change its work items (or delete an individual registration) in these.
REGISTRATION_EDITABLE_STATES = (RegistrationState.DRAFT, RegistrationState.RETURNED)
# Waiting at the unit: what the one-step forward sends upward.
REGISTRATION_PENDING_STATES = (RegistrationState.DRAFT, RegistrationState.RETURNED)


class CollectiveTitle(models.TextChoices):
    """The title a unit aims for when it registers (optional)."""

    ADVANCED = "ttldtt", pgettext_lazy("collective title", "Advanced labour collective")
    EXCELLENT = "ttldxs", pgettext_lazy("collective title", "Excellent labour collective")
    FLAG = "co_thi_dua", pgettext_lazy("collective title", "Emulation flag")
    CERTIFICATE = "giay_khen", pgettext_lazy("collective title", "Certificate of merit")
    MERIT = "bang_khen", pgettext_lazy("collective title", "Diploma of merit")


class IndividualTitle(models.TextChoices):
    """The title a person aims for; Giấy khen / Bằng khen name their issuer in free text."""

    ADVANCED_WORKER = "ldtt", pgettext_lazy("individual title", "Advanced worker")
    GRASSROOTS_SOLDIER = "cstdcs", pgettext_lazy("individual title", "Grassroots emulation soldier")
    PROVINCE_SOLDIER = "cstd_tinh", pgettext_lazy("individual title", "Provincial emulation soldier")
    MINISTRY_SOLDIER = "cstd_bo", pgettext_lazy("individual title", "Ministry emulation soldier")
    CERTIFICATE = "giay_khen", pgettext_lazy("individual title", "Certificate of merit")
    MERIT = "bang_khen", pgettext_lazy("individual title", "Diploma of merit")


class ExemplarStep(models.TextChoices):
    """The five steps of the Bến Tre plan (914/KH-SGD&ĐT, 5.4), in order."""

    BUILD = "build", pgettext_lazy("exemplar step", "1. Build")
    PUBLICISE = "publicise", pgettext_lazy("exemplar step", "2. Publicise")
    STUDY = "study", pgettext_lazy("exemplar step", "3. Study")
    ASSESS = "assess", pgettext_lazy("exemplar step", "4. Assess")
    REWARD = "reward", pgettext_lazy("exemplar step", "5. Reward")


EXEMPLAR_STEPS: tuple[str, ...] = tuple(ExemplarStep.values)
# Steps go in order, one at a time.
EXEMPLAR_TRANSITIONS: dict[str, tuple[str, ...]] = {
    step: (EXEMPLAR_STEPS[index + 1],) if index + 1 < len(EXEMPLAR_STEPS) else ()
    for index, step in enumerate(EXEMPLAR_STEPS)
}


# --- Deadline reminders ----------------------------------------------------------------------


class ReminderKind(models.TextChoices):
    REMINDER = "reminder", pgettext_lazy("reminder kind", "Reminder to the unit")
    ESCALATION = "escalation", pgettext_lazy("reminder kind", "Late units digest to the level above")


class DispatchStatus(models.TextChoices):
    """Where one reminder dispatch stands. ``sending`` is the claim taken just before the mail goes out."""

    PENDING = "pending", pgettext_lazy("dispatch status", "Waiting")
    SENDING = "sending", pgettext_lazy("dispatch status", "Sending")
    SENT = "sent", pgettext_lazy("dispatch status", "Sent")
    FAILED = "failed", pgettext_lazy("dispatch status", "Failed")
    CANCELLED = "cancelled", pgettext_lazy("dispatch status", "No longer needed")


# Every status write of a dispatch is a conditional UPDATE whose WHERE clause comes from this table
# (``dispatch_sources``), so two workers can never both move the same row. ``sending`` → ``pending``
# is only ever a deliberate resend by staff: a worker killed mid-send may already have handed the
# mail over, so nothing resends a ``sending`` row on its own.
DISPATCH_TRANSITIONS: dict[str, tuple[str, ...]] = {
    DispatchStatus.PENDING: (DispatchStatus.SENDING, DispatchStatus.CANCELLED),
    DispatchStatus.SENDING: (DispatchStatus.SENT, DispatchStatus.FAILED, DispatchStatus.PENDING),
    DispatchStatus.FAILED: (DispatchStatus.SENDING, DispatchStatus.CANCELLED, DispatchStatus.PENDING),
    DispatchStatus.SENT: (),
    DispatchStatus.CANCELLED: (),
}
CLAIMABLE_STATUSES = (DispatchStatus.PENDING, DispatchStatus.FAILED)


def dispatch_sources(target: str) -> tuple[str, ...]:
    """The statuses a dispatch may leave for ``target``."""
    return tuple(source for source, targets in DISPATCH_TRANSITIONS.items() if target in targets)
