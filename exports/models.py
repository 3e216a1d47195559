from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.numbers import number_text
from exports.enums import FINISHED_STATES, JobState


class ExportJob(models.Model):
    """One large Excel export, written by a worker to storage and downloaded by its owner alone."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="export_jobs", verbose_name=_("owner")
    )
    kind = models.CharField(_("kind"), max_length=60)
    title = models.CharField(_("title"), max_length=200, blank=True)
    params = models.JSONField(_("filters"), default=dict, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    rows_written = models.PositiveIntegerField(_("rows written"), default=0)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    file = models.FileField(_("file"), upload_to="exports/%Y/%m/", blank=True)
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("export job")
        verbose_name_plural = _("export jobs")
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"

    @property
    def is_finished(self) -> bool:
        return self.state in FINISHED_STATES

    @property
    def is_waiting(self) -> bool:
        """Queued: the worker has not counted the rows yet (the view's estimate may be a lower bound)."""
        return self.state == JobState.QUEUED

    @property
    def is_ready(self) -> bool:
        return self.state == JobState.DONE and bool(self.file)

    @property
    def rows_written_text(self) -> str:
        return number_text(self.rows_written)

    @property
    def total_rows_text(self) -> str:
        return number_text(max(self.total_rows, self.rows_written))
