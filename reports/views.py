from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_cache_control

from common.pdf import render_pdf
from reports import selectors
from reports.documents import plan_context, plan_filename


def pdf_response(pdf: bytes, ascii_name: str, unicode_name: str, *, inline: bool = False) -> HttpResponse:
    """A PDF download: an ASCII ``filename`` for old clients plus the RFC 5987 ``filename*``."""
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = (
        f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(unicode_name, safe='')}"
    )
    response["Content-Length"] = str(len(pdf))
    patch_cache_control(response, private=True, no_cache=True)
    return response


def _plan_campaign(request, pk):
    campaign = get_object_or_404(selectors.plan_campaigns(request.user), pk=pk)
    if not request.user.has_perm("reports.view_plan", campaign):
        raise PermissionDenied
    return campaign


@login_required
def plan_pdf(request, pk):
    """The campaign's plan (Kế hoạch) as an official PDF; a draft carries the "DỰ THẢO" mark."""
    campaign = _plan_campaign(request, pk)
    pdf = render_pdf("reports/documents/plan.html", plan_context(campaign))
    return pdf_response(pdf, *plan_filename(campaign), inline=request.GET.get("inline") == "1")


@login_required
def plan_preview(request, pk):
    """The plan on screen, from the same template as the PDF: what will be printed before launch."""
    campaign = _plan_campaign(request, pk)
    return render(request, "reports/plan_preview.html", plan_context(campaign))


@login_required
def dashboard(request):
    """Read-only figures over the user's scope: for leaders first, useful to every role."""
    data = selectors.dashboard(request.user)
    return render(request, "reports/dashboard.html", {"dashboard": data})
