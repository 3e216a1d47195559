"""Staff screens of deadline reminders (log, preview, deliberate resend) and the digest preference."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from campaigns.models import Milestone
from common.views import paginate
from reminders import selectors, services
from reminders.enums import DISPATCH_STATUS_COLOURS, DispatchStatus, ReminderKind
from reminders.forms import ReminderPreferencesForm
from reminders.models import ReminderDispatch

LOG_PAGE_SIZE = 50


def _offset_label(offset: int) -> str:
    if offset > 0:
        return _("%(days)s day(s) before") % {"days": offset}
    if offset == 0:
        return _("On the due day")
    return _("%(days)s day(s) overdue") % {"days": -offset}


def _status_label(dispatch: ReminderDispatch, now) -> tuple[str, str]:
    """(label, Bootstrap colour) of a dispatch, with stuck claims shown as unknown."""
    if selectors.is_unknown(dispatch, now=now):
        return _("Unknown — check"), "warning"
    return DispatchStatus(dispatch.status).label, DISPATCH_STATUS_COLOURS[dispatch.status]


@login_required
def reminder_log(request, pk):
    try:
        milestone = selectors.milestone_for_reminders(request.user, pk)
    except Milestone.DoesNotExist as exc:
        raise Http404 from exc
    if not request.user.has_perm("reminders.manage_reminders", milestone.campaign):
        raise PermissionDenied
    now = timezone.now()
    today = timezone.localdate(now)
    deadlines = list(milestone.deadlines.all())
    chosen = request.GET.get("han", "")
    deadline = next((d for d in deadlines if str(d.pk) == chosen), None) or selectors.default_deadline(
        milestone, today=today
    )
    rows, page, preview = [], None, []
    if deadline is not None:
        page = paginate(request, selectors.reminder_log(deadline), per_page=LOG_PAGE_SIZE, param="trang")
        for dispatch in page:
            label, colour = _status_label(dispatch, now)
            rows.append(
                {
                    "dispatch": dispatch,
                    "offset": _offset_label(dispatch.offset),
                    "status": label,
                    "colour": colour,
                    "can_resend": selectors.can_resend(dispatch, now=now),
                    "retrying": dispatch.status == DispatchStatus.FAILED and dispatch.next_attempt_at is not None,
                    "is_digest": dispatch.kind == ReminderKind.ESCALATION,
                }
            )
        preview = _preview_rows(deadline, today)
    context = {
        "milestone": milestone,
        "campaign": milestone.campaign,
        "deadlines": deadlines,
        "deadline": deadline,
        "rows": rows,
        "page": page,
        "preview": preview,
    }
    return render(request, "reminders/log.html", context)


def _preview_rows(deadline, today) -> list[dict]:
    rows = selectors.reminder_preview_summary(deadline, today=today)
    for row in rows:
        row["offset_label"] = _offset_label(row["offset"])
    return rows


def _preview_line(request) -> tuple[datetime.date, str, int] | None:
    """(day, kind, offset) of one line of the preview from the query string; None when malformed."""
    try:
        when = datetime.date.fromisoformat(request.GET.get("ngay", ""))
        offset = int(request.GET.get("offset", ""))
    except ValueError:
        return None
    kind = request.GET.get("loai", "")
    return (when, kind, offset) if kind in ReminderKind.values else None


@login_required
def reminder_preview_units(request, pk):
    """The units and people of one line of the preview (a day, a kind, an offset), loaded on demand."""
    try:
        milestone = selectors.milestone_for_reminders(request.user, pk)
    except Milestone.DoesNotExist as exc:
        raise Http404 from exc
    if not request.user.has_perm("reminders.manage_reminders", milestone.campaign):
        raise PermissionDenied
    deadline = next((d for d in milestone.deadlines.all() if str(d.pk) == request.GET.get("han", "")), None)
    if deadline is None:
        raise Http404
    today = timezone.localdate()
    line = _preview_line(request)
    context = {"milestone": milestone, "campaign": milestone.campaign, "deadline": deadline, "page": None}
    status = 200
    if line is None:
        context["error"] = _("This line of the preview is not valid: open it again from the reminder page.")
        status = 400
    else:
        when, kind, offset = line
        rows = selectors.reminder_preview_group(deadline, today=today, when=when, kind=kind, offset=offset)
        context.update(
            when=when,
            what=ReminderKind(kind).label if kind == ReminderKind.ESCALATION else _offset_label(offset),
            page=paginate(request, rows, per_page=LOG_PAGE_SIZE, param="trang"),
            query=f"han={deadline.pk}&ngay={when.isoformat()}&loai={kind}&offset={offset}",
        )
    template = "reminders/_preview_units.html" if request.htmx else "reminders/preview_units.html"
    return render(request, template, context, status=status)


@login_required
@require_POST
def reminder_resend(request, pk):
    try:
        dispatch = selectors.dispatch_for_staff(request.user, pk)
    except ReminderDispatch.DoesNotExist as exc:
        raise Http404 from exc
    milestone = dispatch.deadline.milestone
    if not request.user.has_perm("reminders.manage_reminders", milestone.campaign):
        raise PermissionDenied
    try:
        services.dispatch_resend(dispatch=dispatch, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("The reminder to %(name)s will be sent again shortly.") % {"name": dispatch.recipient}
        )
    return redirect(f"{reverse('reminders:reminder-log', args=[milestone.pk])}?han={dispatch.deadline_id}")


@login_required
def reminder_preferences(request):
    form = ReminderPreferencesForm(
        request.POST if request.method == "POST" else None,
        initial={"wants_daily_digest": request.user.wants_daily_digest},
    )
    if request.method == "POST" and form.is_valid():
        services.reminder_preferences_update(
            user=request.user, wants_daily_digest=form.cleaned_data["wants_daily_digest"]
        )
        messages.success(request, _("Your reminder settings were saved."))
        return redirect("reminders:reminder-preferences")
    return render(request, "reminders/preferences.html", {"form": form})
