"""Every write of exports: start a job, run it (the worker), move its state, remove old files.

The audit log (``units.services.log_action``) lives in a layer above this one, so a job's moves are
logged with the standard ``logging`` module instead: who, when, from which state to which, and why.
"""

import datetime
import logging
import tempfile
from dataclasses import replace

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from common.excel import workbook_write
from common.queue import send_after_commit
from exports import registry
from exports.enums import KEEP_DAYS, TRANSITIONS, JobState
from exports.models import ExportJob

logger = logging.getLogger(__name__)
RUN_TASK = "exports.tasks.export_run"
PROGRESS_EVERY = 500  # rows between two progress updates: the page polls every second


def inline_limit() -> int:
    return getattr(settings, "EXPORT_INLINE_ROWS", 2000)


def is_small(estimated_rows: int | None) -> bool:
    """Answered at once (a clerk's 30 rows on a phone do not wait for a worker); above, a background job."""
    return estimated_rows is not None and estimated_rows <= inline_limit()


@transaction.atomic
def export_start(*, user, kind: str, params: dict, estimated_rows: int | None = None) -> ExportJob:
    """A queued job for ``kind`` with the validated ``params`` (JSON); handed to the workers after commit."""
    exporter = registry.get(kind)
    if estimated_rows is None and exporter.count is not None:
        estimated_rows = exporter.count(user, params)
    job = ExportJob(
        owner=user, kind=kind, title=str(exporter.title)[:200], params=params, total_rows=estimated_rows or 0
    )
    job.full_clean()
    job.save()
    logger.info("Export job %s (%s) queued by user %s at %s", job.pk, kind, user.pk, job.created_at.isoformat())
    # A broker that does not answer leaves the job waiting; the user can ask again from the list.
    send_after_commit(RUN_TASK, (job.pk,), what=f"export job {job.pk}")
    return job


@transaction.atomic
def job_transition(*, job: ExportJob, to: str, reason: str = "", error: str = "") -> ExportJob:
    """The one function that changes an export job's state: checks the table, saves, logs."""
    job = ExportJob.objects.select_for_update().get(pk=job.pk)
    current = job.state
    if to not in TRANSITIONS.get(current, set()):
        raise ValidationError(
            _("An export that is “%(from)s” cannot become “%(to)s”.")
            % {"from": JobState(current).label, "to": JobState(to).label}
        )
    job.state = to
    fields = ["state"]
    if to in (JobState.DONE, JobState.FAILED):
        job.finished_at = timezone.now()
        fields.append("finished_at")
    if error:
        job.error = error
        fields.append("error")
    job.save(update_fields=fields)
    logger.info(
        "Export job %s of user %s: %s -> %s at %s (%s)",
        job.pk,
        job.owner_id,
        current,
        to,
        timezone.now().isoformat(),
        reason or "-",
    )
    return job


class _Progress:
    """Counts the rows as the writer pulls them and saves the count every ``PROGRESS_EVERY`` rows
    with ``update()`` (no transaction around the worker, so the polling page sees it at once)."""

    def __init__(self, job_id: int, total: int, every: int):
        self.job_id, self.total, self.every, self.written = job_id, total, every, 0

    def wrap(self, rows):
        for row in rows:
            yield row
            self.written += 1
            if self.written % self.every == 0:
                self.save()

    def percent(self) -> int:
        if not self.total:
            return 0
        return min(99, self.written * 100 // self.total)  # 100 only once the file is stored

    def save(self) -> None:
        ExportJob.objects.filter(pk=self.job_id).update(
            rows_written=self.written, progress=self.percent(), total_rows=max(self.total, self.written)
        )


def _failed_message(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return _("The file could not be prepared. Please try again; if it fails again, tell the portal's administrators.")


def export_run(*, job_id: int, every: int = PROGRESS_EVERY) -> ExportJob:
    """Build and store a queued job's workbook (called by the worker)."""
    job = ExportJob.objects.select_related("owner").get(pk=job_id)
    if job.is_finished:
        return job
    job = job_transition(job=job, to=JobState.RUNNING, reason="worker started")
    try:
        exporter = registry.get(job.kind)
        if exporter.count is not None:
            job.total_rows = exporter.count(job.owner, job.params)
            ExportJob.objects.filter(pk=job.pk).update(total_rows=job.total_rows)
        filename, sheets = exporter.build(job.owner, job.params)
        progress = _Progress(job.pk, job.total_rows, every)
        sheets = [replace(sheet, rows=progress.wrap(sheet.rows)) for sheet in sheets]
        with tempfile.TemporaryFile(prefix="export-") as handle:
            workbook_write(sheets, handle)
            handle.seek(0)
            stored = f"{slugify(job.kind) or 'export'}-{job.pk}.xlsx"
            job.file.save(stored, File(handle), save=False)
        ExportJob.objects.filter(pk=job.pk).update(
            file=job.file.name,
            filename=filename[:200],
            rows_written=progress.written,
            total_rows=max(job.total_rows, progress.written),
            progress=100,
        )
    except Exception as exc:
        logger.exception("Export job %s (%s) of user %s failed", job.pk, job.kind, job.owner_id)
        return job_transition(job=job, to=JobState.FAILED, reason="the build raised", error=_failed_message(exc))
    return job_transition(job=job, to=JobState.DONE, reason="file stored")


def exports_expire(*, days: int = KEEP_DAYS) -> int:
    """Remove the jobs older than ``days`` with their files (the beat, daily). Returns how many."""
    cutoff = timezone.now() - datetime.timedelta(days=days)
    removed = 0
    for job in ExportJob.objects.filter(created_at__lt=cutoff).only("pk", "file").iterator():
        if job.file:
            job.file.delete(save=False)
        ExportJob.objects.filter(pk=job.pk).delete()
        removed += 1
    if removed:
        logger.info("Export jobs: %s older than %s days removed with their files", removed, days)
    return removed
