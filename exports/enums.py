from django.db import models
from django.utils.translation import pgettext_lazy


class JobState(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("export job state", "Waiting")
    RUNNING = "running", pgettext_lazy("export job state", "Preparing")
    DONE = "done", pgettext_lazy("export job state", "Ready")
    FAILED = "failed", pgettext_lazy("export job state", "Failed")


J = JobState

# The only moves of an export job; ``exports.services.job_transition`` checks it.
# A worker that picks up a job twice (acks_late after a lost worker) may go RUNNING → RUNNING.
TRANSITIONS: dict[str, set[str]] = {
    J.QUEUED: {J.RUNNING, J.FAILED},
    J.RUNNING: {J.RUNNING, J.DONE, J.FAILED},
    J.DONE: set(),
    J.FAILED: set(),
}

FINISHED_STATES = (J.DONE, J.FAILED)

# Jobs and their files are removed after this many days (exports.services.exports_expire, daily).
KEEP_DAYS = 7

STATE_COLOURS = {J.QUEUED: "secondary", J.RUNNING: "info", J.DONE: "success", J.FAILED: "danger"}
