"""Certificates (Giấy khen, Bằng khen, the certificate of an emulation title) printed from the
award records of a decision, and verified by anyone through a short random code.

``Certificate`` gives an ``awards.AwardRecord`` its verification code, once, when it is first
printed. ``CertificateLayout`` holds where each text goes on a unit's pre-printed blanks (data, in
millimetres). ``PrintJob`` is a whole decision printed in the background into one stored PDF.
Every write goes through ``certificates.services``; reads through ``certificates.selectors``.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from awards.models import AwardRecord, Decision
from certificates.enums import CertificateKind, JobState, PrintMode
from units.models import Unit


class Certificate(models.Model):
    """The verification code of one award record; the code is random, never derived from ids."""

    record = models.OneToOneField(
        AwardRecord, on_delete=models.CASCADE, related_name="certificate", verbose_name=_("award record")
    )
    code = models.CharField(_("verification code"), max_length=16, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self):
        return self.grouped_code

    @property
    def grouped_code(self) -> str:
        """ "ABCDE-FGHJK": two groups of five, easier to read aloud and to type."""
        return f"{self.code[:5]}-{self.code[5:]}"


class CertificateLayout(models.Model):
    """Where each text of a certificate goes on one unit's pre-printed blanks of one kind.

    ``positions`` maps a field (``certificates.enums.FIELDS``) to ``{"x": mm, "y": mm, "size": pt}``
    measured from the top-left corner of the sheet; ``offset_x``/``offset_y`` move everything at
    once (the printer's own shift, found with the calibration page).
    """

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="certificate_layouts", verbose_name=_("unit"))
    kind = models.CharField(_("kind of blank"), max_length=12, choices=CertificateKind.choices)
    positions = models.JSONField(_("positions"), default=dict)
    offset_x = models.DecimalField(_("shift right (mm)"), max_digits=5, decimal_places=1, default=0)
    offset_y = models.DecimalField(_("shift down (mm)"), max_digits=5, decimal_places=1, default=0)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("certificate layout")
        verbose_name_plural = _("certificate layouts")
        constraints = [models.UniqueConstraint(fields=["unit", "kind"], name="unique_certificate_layout")]

    def __str__(self):
        return f"{self.unit} — {self.get_kind_display()}"


class PrintJob(models.Model):
    """Every certificate of a decision as one PDF, rendered by a worker; the file is kept."""

    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="print_jobs", verbose_name=_("decision")
    )
    mode = models.CharField(_("print mode"), max_length=8, choices=PrintMode.choices, default=PrintMode.FULL)
    state = models.CharField(_("state"), max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    done = models.PositiveIntegerField(_("printed"), default=0)
    total = models.PositiveIntegerField(_("to print"), default=0)
    file = models.FileField(_("file"), upload_to="certificates/%Y/", blank=True)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("print job")
        verbose_name_plural = _("print jobs")
        ordering = ("-created_at", "-id")

    def __str__(self):
        return f"{self.decision.number} ({self.get_mode_display()})"

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def is_finished(self) -> bool:
        return self.state in (JobState.DONE, JobState.FAILED)

    @property
    def is_ready(self) -> bool:
        return self.state == JobState.DONE and bool(self.file)
