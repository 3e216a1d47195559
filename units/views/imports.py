"""Excel import: upload → preview with per-row errors → confirm (all or nothing)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from units import imports, selectors
from units.enums import ImportKind, ImportState
from units.forms import ImportForm
from units.views.shared import require, xlsx_response

TEMPLATE_SLUGS = {"don-vi": ImportKind.UNITS, "ca-nhan": ImportKind.PEOPLE}


# The upload is read and checked with no transaction open: no write lock while a file is parsed.
@transaction.non_atomic_requests
@login_required
def import_start(request):
    require(request.user, "units.import_data")
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        batch = imports.import_batch_create(
            user=request.user,
            kind=form.cleaned_data["kind"],
            file_name=form.cleaned_data["file"].name,
            sheet=form.sheet,
        )
        return redirect("units:import-preview", pk=batch.pk)
    context = {"form": form, "recent": selectors.import_batches(request.user)[:5]}
    return render(request, "units/import_start.html", context)


@login_required
def import_template(request, kind):
    if kind not in TEMPLATE_SLUGS:
        raise Http404
    return xlsx_response(imports.template_workbook(TEMPLATE_SLUGS[kind]), f"mau-nhap-{kind}.xlsx")


@login_required
def import_preview(request, pk):
    batch = get_object_or_404(selectors.import_batches(request.user), pk=pk)
    context = {
        "batch": batch,
        "actions": [a for a in batch.summary.get("actions", []) if a["action"] != "unchanged"],
        "can_confirm": batch.state == ImportState.PENDING and not batch.errors,
    }
    return render(request, "units/import_preview.html", context)


@login_required
@require_POST
def import_confirm(request, pk):
    batch = get_object_or_404(selectors.import_batches(request.user), pk=pk)
    try:
        batch = imports.import_batch_commit(batch=batch, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("units:import-preview", pk=batch.pk)
    if batch.state != ImportState.COMMITTED:
        messages.error(request, _("Nothing was imported: fix the rows below and upload the file again."))
        return redirect("units:import-preview", pk=batch.pk)
    messages.success(
        request,
        _("Imported: %(created)s new, %(updated)s updated, %(unchanged)s unchanged.") % batch.summary,
    )
    return redirect("units:unit-list" if batch.kind == ImportKind.UNITS else "units:person-list")


@login_required
@require_POST
def import_cancel(request, pk):
    batch = get_object_or_404(selectors.import_batches(request.user), pk=pk)
    try:
        imports.import_batch_cancel(batch=batch, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.info(request, _("The import was cancelled; nothing changed."))
    return redirect("units:import-start")
