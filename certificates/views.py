"""Pages of certificates. Objects come through scoped selectors (outside the scope → 404); the role
is checked with django-rules against the object (wrong role → 403). The verification pages are public."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from awards.models import AwardRecord, Decision
from certificates import documents, selectors, services
from certificates.enums import CertificateKind, PrintMode
from certificates.forms import LayoutForm, PrintForm, VerifyForm
from certificates.models import Certificate, PrintJob
from common.views import apply_errors, bytes_download, file_download, flash_errors, require


def _decision_or_404(request, pk) -> Decision:
    try:
        return selectors.decision_get(request.user, pk)
    except Decision.DoesNotExist as exc:
        raise Http404 from exc


def _record_or_404(request, pk) -> AwardRecord:
    try:
        return selectors.record_get(request.user, pk)
    except AwardRecord.DoesNotExist as exc:
        raise Http404 from exc


def _job_or_404(request, pk) -> PrintJob:
    try:
        return selectors.job_get(request.user, pk)
    except PrintJob.DoesNotExist as exc:
        raise Http404 from exc


def _kind_or_404(kind: str) -> str:
    if kind not in CertificateKind.values:
        raise Http404
    return kind


@login_required
def decision(request, pk):
    """A decision's certificates: one by one, or all at once in the background with its progress."""
    decision = _decision_or_404(request, pk)
    user = request.user
    may_print = user.has_perm("certificates.print_decision", decision)
    records = list(selectors.decision_records(user, decision))
    rows = [(record, user.has_perm("certificates.print_record", record)) for record in records]
    return render(
        request,
        "certificates/decision.html",
        {
            "decision": decision,
            "rows": rows,
            "may_print": may_print,
            "form": PrintForm(),
            "jobs": selectors.decision_jobs(decision) if may_print else [],
            "kinds": CertificateKind.choices,
        },
    )


@login_required
@require_POST
def print_decision(request, pk):
    decision = _decision_or_404(request, pk)
    require(request.user, "certificates.print_decision", decision)
    form = PrintForm(request.POST)
    if form.is_valid():
        try:
            services.print_job_request(decision=decision, mode=form.cleaned_data["mode"], actor=request.user)
        except ValidationError as exc:
            flash_errors(request, exc)
        else:
            messages.success(request, _("The certificates are being printed; the file appears here when ready."))
    else:
        messages.error(request, _("Choose how to print."))
    return redirect("certificates:decision", pk=decision.pk)


@login_required
def job(request, pk):
    """A print job's progress bar; the page polls it (htmx) until the file is ready."""
    job = _job_or_404(request, pk)
    require(request.user, "certificates.print_decision", job.decision)
    return render(request, "certificates/_job.html", {"job": job})


@login_required
def job_download(request, pk):
    job = _job_or_404(request, pk)
    require(request.user, "certificates.print_decision", job.decision)
    if not job.is_ready:
        raise Http404
    filename = f"Giấy khen - QĐ {job.decision.number.replace('/', '-')}.pdf"
    return file_download(job.file, filename=filename, content_type="application/pdf")


@login_required
def record_pdf(request, pk):
    """One certificate as PDF; ``?che-do=phoi`` prints the text only, for a pre-printed blank."""
    record = _record_or_404(request, pk)
    require(request.user, "certificates.download", record)
    mode = PrintMode.BLANK if request.GET.get("che-do") == "phoi" else PrintMode.FULL
    try:
        content = services.certificate_pdf(record=record, mode=mode, actor=request.user)
    except ValidationError as exc:
        flash_errors(request, exc)
        return redirect("certificates:decision", pk=record.decision_id)
    name = record.person.full_name if record.person_id else record.unit.name
    return bytes_download(content, filename=f"Giấy khen - {name}.pdf", content_type="application/pdf", inline=True)


def _own_unit_or_404(request):
    if request.user.unit_id is None:
        raise Http404
    return request.user.unit


@login_required
def layout(request, kind):
    """Where the text goes on the user's unit's pre-printed blanks of one kind."""
    kind = _kind_or_404(kind)
    unit = _own_unit_or_404(request)
    require(request.user, "certificates.set_layout", unit)
    stored = selectors.layout_for(unit, kind)
    positions = documents.positions_of(stored)
    initial = {"offset_x": stored.offset_x if stored else 0, "offset_y": stored.offset_y if stored else 0}
    form = LayoutForm(request.POST or None, positions=positions, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.layout_save(
                unit=unit,
                kind=kind,
                positions=form.positions(),
                offset_x=form.cleaned_data["offset_x"],
                offset_y=form.cleaned_data["offset_y"],
                actor=request.user,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The positions are saved. Print the test page to check them."))
            return redirect("certificates:layout", kind=kind)
    return render(
        request,
        "certificates/layout.html",
        {
            "form": form,
            "kind": kind,
            "kind_label": CertificateKind(kind).label,
            "unit": unit,
            "kinds": CertificateKind.choices,
        },
    )


@login_required
def calibration(request, kind):
    kind = _kind_or_404(kind)
    unit = _own_unit_or_404(request)
    require(request.user, "certificates.set_layout", unit)
    content = services.calibration_pdf(unit=unit, kind=kind)
    return bytes_download(content, filename="Trang căn chỉnh phôi.pdf", content_type="application/pdf", inline=True)


def _no_index(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


def verify_search(request):
    """Public: type the short code printed on a certificate."""
    form = VerifyForm(request.GET or None)
    if form.is_valid():
        code = services.normalise_code(form.cleaned_data["code"])
        if code:
            return redirect("verify:code", code=code)
        form.add_error("code", _("A verification code has 10 letters and digits, e.g. 7K2QM-9XPTD."))
    return _no_index(render(request, "certificates/verify.html", {"form": form, "certificate": None}))


def verify(request, code):
    """Public: what a certificate says, as the portal holds it; revoked awards are marked. Nothing else."""
    normal = services.normalise_code(code)
    if not normal:
        raise Http404
    if normal != code:
        return redirect("verify:code", code=normal)
    try:
        certificate = selectors.verify_get(normal)
    except Certificate.DoesNotExist as exc:
        raise Http404 from exc
    record = certificate.record
    recipient = record.person.full_name if record.person_id else record.unit.name
    context = {
        "form": VerifyForm(),
        "certificate": certificate,
        "recipient": recipient,
        "award": record.award.name,
        "decision": record.decision,
        "issuer_name": record.decision.issuer_unit.name if record.decision.issuer_unit else record.decision.issuer,
        "revoked": record.revoked_at is not None or record.decision.revoked_at is not None,
    }
    return _no_index(render(request, "certificates/verify.html", context))
