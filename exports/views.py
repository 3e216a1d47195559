"""The export pages: a job's progress (polled), its file (owner only), the user's recent jobs; and
``export_response``, which every app's export view ends with."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from common.excel import workbook_bytes
from common.views import XLSX_CONTENT_TYPE, file_download, xlsx_response
from exports import registry, selectors, services


def export_response(request, *, kind: str, params: dict, estimated_rows: int | None = None, inline=None):
    """The .xlsx at once when it is small (``EXPORT_INLINE_ROWS``), else a background job and its page.

    ``params`` are the filters the view validated, as JSON; ``estimated_rows`` a cheap COUNT the view
    has at hand (else the exporter's ``count``). ``inline`` (optional) gives ``(filename, sheets)`` from
    what the view has already computed (a dashboard's figures), instead of the exporter building again.
    """
    exporter = registry.get(kind)
    if estimated_rows is None and exporter.count is not None:
        estimated_rows = exporter.count(request.user, params)
    if services.is_small(estimated_rows):
        filename, sheets = inline() if inline is not None else exporter.build(request.user, params)
        return xlsx_response(workbook_bytes(sheets), filename)
    job = services.export_start(user=request.user, kind=kind, params=params, estimated_rows=estimated_rows)
    return redirect("exports:job", pk=job.pk)


@login_required
def job(request, pk):
    """A job's progress; the fragment polls itself every second (htmx) until the file is ready."""
    job = get_object_or_404(selectors.jobs_of(request.user), pk=pk)
    if request.htmx and not request.htmx.boosted:
        return render(request, "exports/_job.html", {"job": job})
    return render(request, "exports/job.html", {"job": job})


@login_required
def download(request, pk):
    job = get_object_or_404(selectors.jobs_of(request.user), pk=pk)
    if not job.is_ready:
        raise Http404
    return file_download(job.file, filename=job.filename, content_type=XLSX_CONTENT_TYPE)


@login_required
def job_list(request):
    return render(request, "exports/list.html", {"jobs": selectors.recent_jobs(request.user)})
