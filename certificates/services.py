"""Every write of certificates and every guard: verification codes, blank layouts, print jobs.

A certificate's code is drawn from ``secrets`` (50 bits in 10 characters of Crockford's base 32),
never derived from an id, so one code tells nothing about another. It is made the first time the
record is printed and never changes.

A whole decision prints in the background: ``print_job_request`` stores the job and hands its id to
the workers after commit (by task name); the worker calls ``print_job_run``, which renders the
certificates ``CHUNK`` at a time into temporary PDF files and joins them with poppler's
``pdfunite``, so the worker's memory does not grow with the number of certificates.
"""

import logging
import secrets
import shutil
import subprocess
import tempfile
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.models import AwardRecord, Decision
from certificates import documents
from certificates.enums import FIELDS, TRANSITIONS, CertificateKind, JobState, PrintMode
from certificates.models import Certificate, CertificateLayout, PrintJob
from common.queue import send_after_commit
from units.models import Unit, User
from units.services import log_action

logger = logging.getLogger(__name__)

# Crockford's base 32: digits and capitals without I, L, O, U. 32 symbols × 10 = 50 bits.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 10
# What people mistype for what they meant (Crockford's decoding rules).
READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})
CHUNK = 50
RUN_TASK = "certificates.tasks.print_job_run"

# Limits of a position on the sheet (mm) and of a font size (pt).
LIMITS = {"x": (0, 297), "y": (0, 210), "w": (10, 297), "size": (6, 48)}


def _actor(actor: User | None) -> User | None:
    return actor if actor is not None and actor.is_authenticated else None


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str:
    """What a person typed or scanned → the stored form ("abcde-fghjk " → "ABCDEFGHJK"); "" when it cannot be one."""
    code = "".join(ch for ch in str(text or "").upper() if ch.isalnum()).translate(READ_AS)
    if len(code) != CODE_LENGTH or any(ch not in ALPHABET for ch in code):
        return ""
    return code


def _insert_certificate(record_id: int) -> Certificate:
    """A new certificate with a fresh code; a code already taken (odds 2⁻⁵⁰ per code held) draws again."""
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Certificate.objects.create(record_id=record_id, code=new_code())
        except IntegrityError:
            existing = Certificate.objects.filter(record_id=record_id).first()
            if existing is not None:
                return existing
    raise RuntimeError("No free certificate code after five draws")


@transaction.atomic
def certificate_ensure(*, record: AwardRecord, actor: User | None) -> Certificate:
    """The record's certificate, made with its code the first time (idempotent; concurrent callers get the same one)."""
    AwardRecord.objects.select_for_update().filter(pk=record.pk).first()
    existing = Certificate.objects.filter(record_id=record.pk).first()
    if existing is not None:
        return existing
    certificate = _insert_certificate(record.pk)
    log_action(
        record,
        "certificates.code_created",
        actor=actor,
        unit=record.unit,
        data={"code": certificate.code, "decision": record.decision.number},
    )
    return certificate


@transaction.atomic
def certificates_ensure(*, decision: Decision, actor: User | None) -> int:
    """Codes for every record of the decision that has none; returns how many were made (one log line)."""
    missing = list(AwardRecord.objects.filter(decision=decision, certificate__isnull=True).values_list("pk", flat=True))
    for record_id in missing:
        _insert_certificate(record_id)
    if missing:
        log_action(
            decision,
            "certificates.codes_created",
            actor=actor,
            unit=decision.issuer_unit,
            data={"count": len(missing), "decision": decision.number},
        )
    return len(missing)


def _check_printable(record: AwardRecord) -> None:
    if record.revoked_at is not None or record.decision.revoked_at is not None:
        raise ValidationError(_("This award has been revoked: its certificate is no longer printed."))


def layouts_for(unit: Unit | None) -> dict[str, CertificateLayout]:
    if unit is None:
        return {}
    return {layout.kind: layout for layout in CertificateLayout.objects.filter(unit=unit)}


def certificate_pdf(*, record: AwardRecord, mode: str, actor: User | None) -> bytes:
    """One certificate as PDF (its code is made on the first print)."""
    _check_printable(record)
    certificate = certificate_ensure(record=record, actor=actor)
    sheet = documents.sheet_for(record, certificate)
    return documents.render_sheets([sheet], mode=mode, layouts=layouts_for(record.decision.issuer_unit))


def _number(value, name: str, errors: dict) -> Decimal | None:
    try:
        number = Decimal(str(value).replace(",", "."))
    except (InvalidOperation, ValueError):
        errors[name] = _("Enter a number.")
        return None
    if not number.is_finite():
        errors[name] = _("Enter a number.")
        return None
    return number


@transaction.atomic
def layout_save(
    *,
    unit: Unit,
    kind: str,
    positions: dict[str, dict],
    offset_x,
    offset_y,
    actor: User | None,
) -> CertificateLayout:
    """Store where each text goes on the unit's blanks of this kind; every value within the sheet."""
    if kind not in CertificateKind.values:
        raise ValidationError({"kind": _("Choose a kind of blank.")})
    errors: dict[str, str] = {}
    clean_positions: dict[str, dict[str, float]] = {}
    for name in FIELDS:
        given = positions.get(name, {})
        spot = {}
        for key, (low, high) in LIMITS.items():
            field = f"{name}_{key}"
            value = _number(given.get(key, documents.DEFAULT_POSITIONS[name][key]), field, errors)
            if value is None:
                continue
            if not low <= value <= high:
                errors[field] = _("Between %(low)s and %(high)s.") % {"low": low, "high": high}
                continue
            spot[key] = float(value)
        clean_positions[name] = spot
    offsets = {}
    for field, value in (("offset_x", offset_x), ("offset_y", offset_y)):
        number = _number(value, field, errors)
        if number is not None and not -30 <= number <= 30:
            errors[field] = _("A shift of at most 30 mm either way.")
        offsets[field] = number
    if errors:
        raise ValidationError(errors)
    layout, _created = CertificateLayout.objects.select_for_update().get_or_create(unit=unit, kind=kind)
    layout.positions = clean_positions
    layout.offset_x, layout.offset_y = offsets["offset_x"], offsets["offset_y"]
    layout.updated_by = _actor(actor)
    layout.full_clean()
    layout.save()
    log_action(
        layout,
        "certificates.layout_saved",
        actor=actor,
        unit=unit,
        data={"kind": kind, "offset_x": str(layout.offset_x), "offset_y": str(layout.offset_y)},
    )
    return layout


def calibration_pdf(*, unit: Unit, kind: str) -> bytes:
    layout = CertificateLayout.objects.filter(unit=unit, kind=kind).first()
    return documents.render_calibration(layout, kind=kind)


def printable_records(decision: Decision):
    """The records a decision's print job prints: those still in force, in the decision's list order."""
    return (
        AwardRecord.objects.in_force()
        .filter(decision=decision)
        .select_related("award", "person", "unit", "decision__issuer_unit", "certificate")
        .order_by("unit__name_sort", "person__full_name", "id")
    )


def _enqueue(job_id: int) -> None:
    # A broker that does not answer leaves the job waiting; "print again" sends it again.
    send_after_commit(RUN_TASK, (job_id,), what=f"certificate print job {job_id}")


@transaction.atomic
def print_job_request(*, decision: Decision, mode: str, actor: User | None, enqueue: bool = True) -> PrintJob:
    """Queue the printing of every certificate of a decision; a job of the same mode still running is reused.

    ``enqueue=False`` leaves the job to the caller, who runs ``print_job_run`` itself (the demo loader).
    """
    if mode not in PrintMode.values:
        raise ValidationError({"mode": _("Choose how to print.")})
    Decision.objects.select_for_update().filter(pk=decision.pk).first()
    if decision.revoked_at is not None:
        raise ValidationError(_("This decision has been revoked: its certificates are no longer printed."))
    running = PrintJob.objects.filter(
        decision=decision, mode=mode, state__in=(JobState.QUEUED, JobState.RUNNING)
    ).first()
    if running is not None:
        return running
    total = printable_records(decision).count()
    if total == 0:
        raise ValidationError(_("This decision has no award in force to print."))
    job = PrintJob.objects.create(decision=decision, mode=mode, total=total, requested_by=_actor(actor))
    log_action(
        job,
        "certificates.print_requested",
        actor=actor,
        unit=decision.issuer_unit,
        data={"decision": decision.number, "mode": mode, "total": total},
    )
    if enqueue:
        _enqueue(job.pk)
    return job


@transaction.atomic
def job_transition(*, job: PrintJob, to: str, actor: User | None = None, error: str = "") -> PrintJob:
    """The one function that changes a print job's state: checks the table, saves, logs."""
    job = PrintJob.objects.select_for_update().get(pk=job.pk)
    current = job.state
    if to not in TRANSITIONS.get(current, set()):
        raise ValidationError(
            _("A print job that is “%(from)s” cannot become “%(to)s”.")
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
    log_action(
        job,
        "certificates.job_state_changed",
        actor=actor,
        unit=job.decision.issuer_unit,
        data={"from": current, "to": to},
    )
    return job


def _join(parts: list[Path], out: Path) -> None:
    """Concatenate PDF files without loading them into this process (poppler's pdfunite)."""
    if len(parts) == 1:
        shutil.copyfile(parts[0], out)
        return
    pdfunite = shutil.which("pdfunite")
    if pdfunite is None:
        raise RuntimeError("pdfunite (Debian package poppler-utils) is not installed")
    subprocess.run([pdfunite, *map(str, parts), str(out)], check=True, capture_output=True, timeout=600)


def print_job_run(*, job_id: int, chunk: int = CHUNK) -> PrintJob:
    """Render a queued print job (called by the worker). Progress is saved after every chunk."""
    job = PrintJob.objects.select_related("decision__issuer_unit").get(pk=job_id)
    if job.is_finished:
        return job
    job = job_transition(job=job, to=JobState.RUNNING)
    decision = job.decision
    try:
        certificates_ensure(decision=decision, actor=job.requested_by)
        ids = list(printable_records(decision).values_list("pk", flat=True))
        layouts = layouts_for(decision.issuer_unit)
        with tempfile.TemporaryDirectory(prefix="certificates-") as folder:
            parts = []
            for start in range(0, len(ids), chunk):
                records = printable_records(decision).filter(pk__in=ids[start : start + chunk])
                sheets = [documents.sheet_for(record, record.certificate) for record in records]
                part = Path(folder) / f"part-{start // chunk:05d}.pdf"
                part.write_bytes(documents.render_sheets(sheets, mode=job.mode, layouts=layouts))
                parts.append(part)
                del sheets, records
                PrintJob.objects.filter(pk=job.pk).update(done=min(start + chunk, len(ids)), total=len(ids))
            out = Path(folder) / "all.pdf"
            _join(parts, out)
            with out.open("rb") as handle:
                job.refresh_from_db()
                job.file.save(f"giay-khen-{decision.pk}-{job.pk}.pdf", File(handle), save=False)
                job.save(update_fields=["file"])
    except Exception as exc:
        logger.exception("Certificates: print job %s failed", job.pk)
        return job_transition(
            job=job, to=JobState.FAILED, error=_("Printing stopped: %(error)s") % {"error": str(exc)[:500]}
        )
    return job_transition(job=job, to=JobState.DONE)
