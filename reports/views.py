from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.dates import school_year_of
from common.docx import build_official_docx
from common.pdf import render_pdf, render_pdf_cached
from common.views import bytes_download, flash_errors, require
from exports.views import export_response
from reports import exporters, selectors, services, todo
from reports.charts import board_rows, board_sheets, charts_data, figures_rows, figures_sheets
from reports.documents import REVIEW_KINDS, plan_context, plan_filename, review_doc
from reports.forms import DashboardFilterForm
from units.selectors import unit_ancestors, unit_children

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


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
    """The campaign's plan (Kế hoạch) as an official PDF; a draft carries the "DỰ THẢO" mark. Rendered
    once per version of the plan (any amendment or edit makes a new one), then served from storage."""
    campaign = _plan_campaign(request, pk)
    pdf = render_pdf_cached("reports/documents/plan.html", plan_context(campaign), folder=f"plans/{campaign.pk}")
    return pdf_response(pdf, *plan_filename(campaign), inline=request.GET.get("inline") == "1")


@login_required
def plan_preview(request, pk):
    """The plan on screen, from the same template as the PDF: what will be printed before launch."""
    campaign = _plan_campaign(request, pk)
    return render(request, "reports/plan_preview.html", plan_context(campaign))


def _drill_root(request):
    """The unit asked for by ``?unit=``: within the scope, else 404; a malformed value is ignored."""
    raw = request.GET.get("unit", "").strip()
    if not raw:
        return None
    if raw.isdigit():
        return get_object_or_404(selectors.drill_units(request.user), pk=int(raw))
    messages.warning(request, _("The unit in the address was not understood; the whole scope is shown."))
    return None


def _board(request):
    """The board the URL asks for: ``?unit=`` within the scope (404 outside), the filters kept in the
    URL; a malformed value is dropped with a message, never an error page."""
    user = request.user
    root = _drill_root(request)
    today = timezone.localdate()
    last = school_year_of(today)
    years = list(range(last, last - selectors.AWARD_YEARS - 1, -1))
    form = DashboardFilterForm(request.GET, campaigns=selectors.dashboard_campaigns(user), school_years=years)
    form.is_valid()
    for name in form.errors:
        messages.warning(
            request,
            _("The filter “%(field)s” had a value that was not understood and is ignored.")
            % {"field": form.fields[name].label},
        )
    filters = {name: value for name, value in form.cleaned_data.items() if value not in (None, "")}
    data = selectors.board(
        user,
        root=root,
        campaign=filters.get("phong_trao"),
        school_year=filters.get("nam_hoc"),
        kind=filters.get("loai", ""),
        today=today,
    )
    keep = QueryDict(mutable=True)
    for name, value in filters.items():
        keep[name] = value.pk if name == "phong_trao" else value
    # The form shown again holds only the values understood.
    return data, keep, DashboardFilterForm(keep, campaigns=selectors.dashboard_campaigns(user), school_years=years)


@login_required
def dashboard(request):
    """What a leader watches over their scope: charts, each with its table, and a drill-down by unit."""
    data, keep, form = _board(request)
    here = keep.copy()
    if data.root is not None and data.root.pk != request.user.unit_id:
        here["unit"] = data.root.pk
    context = {
        "dashboard": selectors.dashboard(request.user),
        "board": data,
        "form": form,
        "keep": keep.urlencode(),
        "here": here.urlencode(),
        "charts": charts_data(data, keep),
        "clock_short_days": selectors.CLOCK_SHORT_DAYS,
        # Deadlines asking for figures, whose sums the reader may open (the status page's readers).
        "figure_links": {
            d.pk
            for d in data.deadlines
            if d.milestone.figures and request.user.has_perm("campaigns.view_status", d.milestone.campaign)
        },
    }
    return render(request, "reports/dashboard.html", context)


@login_required
def dashboard_export(request):
    """The dashboard's tables as an .xlsx, with the same unit, filters and scope as the screen."""
    data, keep, _form = _board(request)
    # The figures just computed (cached) answer a small board at once; past EXPORT_INLINE_ROWS a worker.
    return export_response(
        request,
        kind=exporters.DASHBOARD_EXPORT,
        params=exporters.dashboard_params(data, keep),
        estimated_rows=board_rows(data),
        inline=lambda: (exporters.dashboard_filename(data), board_sheets(data)),
    )


@login_required
def home(request):
    """Where every account lands: what waits for it, role by role, then its place in the tree.

    Served at "/" (``units:home`` resolves here: config/urls.py lists it first)."""
    user = request.user
    context = {
        "sections": todo.sections_for(user),
        "unit": user.unit,
        "ancestors": unit_ancestors(user.unit) if user.unit else [],
        "children": unit_children(user.unit)[:50] if user.unit and user.sees_subtree else [],
    }
    return render(request, "reports/home.html", context)


@login_required
def fairness(request):
    """Signals that awards may not follow merit, each with how it is computed and who is behind it."""
    root = _drill_root(request)
    data = selectors.fairness(request.user, root=root)
    breadcrumb = []
    if data.root is not None and request.user.unit is not None:
        breadcrumb = [u for u in unit_ancestors(data.root) if u.depth >= request.user.unit.depth]
    # Each list is capped (``FAIR_SHOWN``) so the page stays light over a province; ``?tat-ca=1`` lists all.
    show_all = request.GET.get("tat-ca") == "1"
    cap = None if show_all else selectors.FAIR_SHOWN
    shown, more = {}, {}
    for name in ("even_units", "repeat_people", "never_units", "late_units"):
        rows = getattr(data, name)
        shown[name] = rows[:cap]
        more[name] = len(rows) - len(shown[name])
    all_query = request.GET.copy()
    all_query["tat-ca"] = "1"
    context = {
        "fair": data,
        "shown": shown,
        "more": more,
        "show_all_url": f"?{all_query.urlencode()}",
        "breadcrumb": breadcrumb,
        "limits": selectors,
    }
    return render(request, "reports/fairness.html", context)


def _figure_deadline(request, pk):
    deadline = get_object_or_404(selectors.figure_deadlines(request.user), pk=pk)
    require(request.user, "campaigns.view_status", deadline.milestone.campaign)
    return deadline


@login_required
def figures(request, pk):
    """A deadline's figures summed (or averaged) per unit below and for the whole subtree, with who has
    not reported, against the campaign's targets; drill-down by ``?unit=`` like the dashboard."""
    deadline = _figure_deadline(request, pk)
    data = selectors.figure_summary(request.user, deadline, root=_drill_root(request))
    return render(request, "reports/figures.html", {"summary": data})


@login_required
def figures_export(request, pk):
    deadline = _figure_deadline(request, pk)
    root = _drill_root(request)
    data = selectors.figure_summary(request.user, deadline, root=root)
    return export_response(
        request,
        kind=exporters.FIGURES_EXPORT,
        params={"deadline": deadline.pk, "unit": root.pk if root else None},
        estimated_rows=figures_rows(data),
        inline=lambda: (exporters.figures_filename(deadline), figures_sheets(data)),
    )


@login_required
def review(request, pk, kind, fmt):
    """The campaign's Báo cáo sơ kết/tổng kết drafted from the data, as PDF or Word, for the officer to
    edit and sign; read by those who oversee the campaign (the deadline status page's readers)."""
    if kind not in REVIEW_KINDS or fmt not in ("pdf", "docx"):
        raise Http404
    campaign = get_object_or_404(selectors.plan_campaigns(request.user), pk=pk)
    require(request.user, "campaigns.view_status", campaign)
    # Once issued, the report is dated (and its data read) as of the day it took its number.
    issue = selectors.review_issue_for(campaign, kind)
    today = issue.issued_on if issue else timezone.localdate()
    doc = review_doc(selectors.review_data(request.user, campaign, today=today), kind, today=today, issue=issue)
    name = f"bao-cao-{kind}-{campaign.pk}.{fmt}"
    if fmt == "pdf":
        return pdf_response(render_pdf("dossiers/documents/official.html", {"doc": doc}), name, name)
    return bytes_download(build_official_docx(doc), filename=name, content_type=DOCX_CONTENT_TYPE)


@login_required
@require_POST
def review_issue(request, pk, kind):
    """The officer issues the review report: it takes its number from the issuer's register once, and
    prints it from then on (a second press changes nothing)."""
    if kind not in REVIEW_KINDS:
        raise Http404
    campaign = get_object_or_404(selectors.plan_campaigns(request.user), pk=pk)
    require(request.user, "campaigns.view_status", campaign)
    require(request.user, "reports.issue_review", campaign)
    existing = selectors.review_issue_for(campaign, kind)
    try:
        issue = services.review_issue(campaign=campaign, kind=kind, actor=request.user)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        if existing is None:
            messages.success(
                request, _("The report was issued with number %(number)s.") % {"number": issue.entry.number_symbol}
            )
        else:
            messages.info(
                request, _("The report already has number %(number)s.") % {"number": issue.entry.number_symbol}
            )
    return redirect("campaigns:detail", pk=campaign.pk)
