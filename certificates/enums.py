"""Choices and the print-job state machine of certificates. Labels are English msgids translated to Vietnamese."""

from django.db import models
from django.utils.translation import pgettext_lazy


class CertificateKind(models.TextChoices):
    """What the paper is: a blank of each kind has its own pre-printed design, so its own layout."""

    MERIT = "merit", pgettext_lazy("certificate kind", "Certificate of merit (Giấy khen)")
    HIGH_MERIT = "high_merit", pgettext_lazy("certificate kind", "Certificate of high merit (Bằng khen)")
    TITLE = "title", pgettext_lazy("certificate kind", "Emulation title certificate")


class PrintMode(models.TextChoices):
    FULL = "full", pgettext_lazy("print mode", "Whole certificate on white paper")
    BLANK = "blank", pgettext_lazy("print mode", "Text only, on pre-printed blanks")


class JobState(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("print job state", "Waiting")
    RUNNING = "running", pgettext_lazy("print job state", "Printing")
    DONE = "done", pgettext_lazy("print job state", "Ready")
    FAILED = "failed", pgettext_lazy("print job state", "Failed")


J = JobState

# The only moves of a print job; ``certificates.services.job_transition`` checks it.
# A worker that picks up a job twice (acks_late after a crash) may go RUNNING → RUNNING.
TRANSITIONS: dict[str, set[str]] = {
    J.QUEUED: {J.RUNNING, J.FAILED},
    J.RUNNING: {J.RUNNING, J.DONE, J.FAILED},
    J.DONE: set(),
    J.FAILED: set(),
}

FINISHED_STATES = (J.DONE, J.FAILED)

STATE_COLOURS = {J.QUEUED: "secondary", J.RUNNING: "info", J.DONE: "success", J.FAILED: "danger"}

# The texts a certificate prints, in the order of the page. On a pre-printed blank the design
# (border, State emblem, Quốc hiệu and Tiêu ngữ) is on the paper; every one of these is printed.
FIELDS = (
    "officer_title",
    "grant",
    "award",
    "recipient",
    "unit",
    "achievement",
    "decision",
    "place_date",
    "signer_title",
    "signer_name",
    "code",
)

FIELD_LABELS = {
    "officer_title": pgettext_lazy("certificate field", "Deciding officer's title"),
    "grant": pgettext_lazy("certificate field", "“TẶNG” line"),
    "award": pgettext_lazy("certificate field", "Award"),
    "recipient": pgettext_lazy("certificate field", "Recipient"),
    "unit": pgettext_lazy("certificate field", "Recipient's unit"),
    "achievement": pgettext_lazy("certificate field", "Achievement"),
    "decision": pgettext_lazy("certificate field", "Decision number and date"),
    "code": pgettext_lazy("certificate field", "QR code and verification code"),
    "place_date": pgettext_lazy("certificate field", "Place and date"),
    "signer_title": pgettext_lazy("certificate field", "Signer's title"),
    "signer_name": pgettext_lazy("certificate field", "Signer's name"),
}
