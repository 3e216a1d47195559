"""Campaign screens: the list, a plan and its parts, the lifecycle, deadlines, submissions, calendar.

Objects are fetched through scoped selectors (outside the scope: 404) and actions are
checked with the rules in ``campaigns.rules`` (in scope, not allowed: 403). Every write
is a service call; a refused write shows the service's Vietnamese message.
"""

import datetime
import itertools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_POST

from campaigns import excel, forms, ics, selectors, services
from campaigns.enums import (
    ACTIVE_STATES,
    EDITABLE_STATES,
    CampaignState,
    ExceptionKind,
    SubmissionStatus,
)
from campaigns.models import Campaign, Deadline
from campaigns.outline import parse as parse_outline
from campaigns.parts import PARTS, PARTS_BY_SLUG, PLAN_PAGE_PREFETCH, PartSpec
from common.dates import school_year_label, school_year_of
from common.status import allowed_transitions
from common.views import apply_errors, file_download, flash_errors, paginate, require
from exports.views import export_response
from units.selectors import audit_log_for

# What the lifecycle button says for each target state.
TRANSITION_LABELS = {
    CampaignState.LAUNCHED: pgettext_lazy("campaign action", "Launch"),
    CampaignState.IN_PROGRESS: pgettext_lazy("campaign action", "Start implementation"),
    CampaignState.MIDTERM_REVIEW: pgettext_lazy("campaign action", "Hold the mid-term review"),
    CampaignState.FINAL_REVIEW: pgettext_lazy("campaign action", "Hold the final review"),
    CampaignState.CLOSED: pgettext_lazy("campaign action", "Close"),
}


# --- Helpers ------------------------------------------------------------------------------------


def _campaign_or_404(request, pk: int) -> Campaign:
    try:
        return selectors.campaign_get(request.user, pk, prefetch=PLAN_PAGE_PREFETCH)
    except Campaign.DoesNotExist as exc:
        raise Http404 from exc


def _refusal(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _part_or_404(slug: str) -> PartSpec:
    try:
        return PARTS_BY_SLUG[slug]
    except KeyError as exc:
        raise Http404 from exc


def _part_form(part: PartSpec, request, campaign: Campaign, *, data=None, instance=None):
    kwargs = {"campaign": campaign, "user": request.user, "instance": instance, "amending": _amending(campaign)}
    if part.form_kwargs is not None:
        kwargs.update(part.form_kwargs(request.user, campaign))
    return part.form(data, prefix=part.slug, **kwargs)


def _amending(campaign: Campaign) -> bool:
    """A launched plan that is not closed: its parts change by recorded amendments."""
    return campaign.state in ACTIVE_STATES


def _parts_perm(campaign: Campaign) -> str:
    """A draft's parts are written by the issuer's staff; amending a launched plan is a decision."""
    return "campaigns.change_campaign" if campaign.state in EDITABLE_STATES else "campaigns.decide_campaign"


def _can_edit(request, campaign: Campaign) -> bool:
    return campaign.state in EDITABLE_STATES and request.user.has_perm("campaigns.change_campaign", campaign)


def _can_change_parts(request, campaign: Campaign) -> bool:
    """Draft editing, or amending a launched plan (same controls, each with a reason)."""
    return _can_edit(request, campaign) or (
        _amending(campaign) and request.user.has_perm("campaigns.decide_campaign", campaign)
    )


def _require_parts(request, campaign: Campaign):
    """The parts' screens: 403 without the right; a closed plan is not changed (back to it, with why)."""
    require(request.user, _parts_perm(campaign), campaign)
    if campaign.state == CampaignState.CLOSED:
        messages.error(request, _("A closed campaign cannot be amended."))
        return redirect("campaigns:detail", pk=campaign.pk)
    return None


def _saved_notice(campaign: Campaign, draft_notice: str) -> str:
    if not _amending(campaign):
        return draft_notice
    amendment = campaign.amendments.order_by("-sequence").first()
    return _("Amendment no. %(n)s is recorded.") % {"n": amendment.sequence}


def _section_context(
    request, campaign: Campaign, part: PartSpec, *, form=None, notice: str = "", keep_open: bool = False
) -> dict:
    can_edit = _can_change_parts(request, campaign)
    amending = _amending(campaign)
    if form is None and can_edit and not amending:
        # A draft is entered item after item in place; an amendment has its own page (and reason).
        form = _part_form(part, request, campaign)
    context = {
        "campaign": campaign,
        "part": part,
        "items": part.items(campaign).all(),
        "can_edit": can_edit,
        "amending": amending,
        "form": form,
        "notice": notice,
        "keep_open": keep_open,
    }
    if part.section is not None:
        context.update(part.section(request.user, campaign))
    return context


def _after_part_change(request, campaign: Campaign, part: PartSpec, notice: str, *, keep_open: bool = False):
    if request.htmx:
        # Entering a plan means adding item after item: the add form stays open.
        campaign = _campaign_or_404(request, campaign.pk)
        context = _section_context(request, campaign, part, notice=notice, keep_open=keep_open)
        return render(request, "campaigns/_section.html", context)
    messages.success(request, notice)
    return redirect(f"{reverse('campaigns:detail', args=[campaign.pk])}#part-{part.slug}")


# --- List, detail, the main form -----------------------------------------------------------------------


@login_required
def campaign_list(request):
    query = request.GET.get("q", "").strip()
    state = request.GET.get("state", "")
    state = state if state in CampaignState.values else ""
    campaigns = selectors.campaign_list(request.user, query=query, state=state)
    page = paginate(request, campaigns, per_page=30)
    unit = request.user.unit
    context = {
        "page": page,
        "query": query,
        "state": state,
        "states": CampaignState.choices,
        "can_create": unit is not None and request.user.has_perm("campaigns.add_campaign", unit),
    }
    return render(request, "campaigns/campaign_list.html", context)


@login_required
def campaign_create(request):
    unit = request.user.unit
    if unit is None or not request.user.has_perm("campaigns.add_campaign", unit):
        raise PermissionDenied
    form = forms.CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_create(issuer=unit, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The draft plan is saved. Now add its parts below."))
            return redirect("campaigns:detail", pk=campaign.pk)
    return render(request, "campaigns/campaign_form.html", {"form": form, "issuer": unit})


@login_required
def campaign_detail(request, pk: int):
    campaign = _campaign_or_404(request, pk)
    user = request.user
    unit = user.unit
    can_decide = user.has_perm("campaigns.decide_campaign", campaign)
    can_view_status = user.has_perm("campaigns.view_status", campaign)
    below, deeper = selectors.units_below_with_plans(campaign) if can_view_status else ([], [])
    own_plan = None
    can_cascade = False
    if unit is not None and campaign.issuer_id != unit.pk and selectors.unit_takes_part(campaign, unit):
        own_plan = campaign.implementations.filter(issuer=unit).first()
        can_cascade = own_plan is None and user.has_perm("campaigns.add_campaign", unit)
    context = {
        "campaign": campaign,
        "sections": [_section_context(request, campaign, part) for part in PARTS],
        "can_edit": _can_edit(request, campaign),
        "can_change_participants": _can_change_parts(request, campaign),
        "can_decide": can_decide,
        "can_amend": can_decide and campaign.state in ACTIVE_STATES,
        "can_copy": user.has_perm("campaigns.add_campaign", campaign.issuer),
        "can_cascade": can_cascade,
        "own_plan": own_plan,
        "can_view_status": can_view_status,
        "transitions": [(move.target, TRANSITION_LABELS[move.target]) for move in allowed_transitions(campaign, user)],
        "units_below": below,
        "deeper_plans": deeper,
        "audit_log": audit_log_for(campaign)[:50],
        "distribution": [line for line in campaign.distribution.splitlines() if line.strip()],
    }
    return render(request, "campaigns/campaign_detail.html", context)


@login_required
def campaign_edit(request, pk: int):
    campaign = _campaign_or_404(request, pk)
    require(request.user, "campaigns.change_campaign", campaign)
    if campaign.state not in EDITABLE_STATES:
        messages.error(request, _("A launched campaign can only be changed through a recorded amendment."))
        return redirect("campaigns:detail", pk=campaign.pk)
    form = forms.CampaignForm(request.POST or None, instance=campaign)
    if request.method == "POST" and form.is_valid():
        try:
            services.campaign_update(campaign=campaign, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The plan is saved."))
            return redirect("campaigns:detail", pk=campaign.pk)
    return render(request, "campaigns/campaign_form.html", {"form": form, "campaign": campaign})


@login_required
def campaign_participants_edit(request, pk: int):
    campaign = _campaign_or_404(request, pk)
    if refused := _require_parts(request, campaign):
        return refused
    units = selectors.participant_candidates(campaign)
    initial = {
        "participant_scope": campaign.participant_scope,
        "participant_kinds": campaign.participant_kinds,
        "participant_units": list(campaign.participant_units.all()),
    }
    amending = _amending(campaign)
    form = forms.ParticipantsForm(request.POST or None, units=units, initial=initial, amending=amending)
    if request.method == "POST" and form.is_valid():
        try:
            services.campaign_set_participants(
                campaign=campaign,
                actor=request.user,
                scope=form.cleaned_data["participant_scope"],
                kinds=form.cleaned_data["participant_kinds"],
                units=form.cleaned_data["participant_units"],
                amendment_reason=form.cleaned_data.get("amendment_reason", ""),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _saved_notice(campaign, _("The participants are saved.")))
            return redirect("campaigns:detail", pk=campaign.pk)
    context = {"form": form, "campaign": campaign, "amending": amending}
    return render(request, "campaigns/participants_form.html", context)


# --- Parts of the plan -------------------------------------------------------------------------------


@login_required
def part_add(request, pk: int, part: str):
    part = _part_or_404(part)
    campaign = _campaign_or_404(request, pk)
    if refused := _require_parts(request, campaign):
        return refused
    form = _part_form(part, request, campaign, data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.part_add(part, campaign=campaign, actor=request.user, **form.service_fields())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            notice = _saved_notice(campaign, _("Added to the plan."))
            return _after_part_change(request, campaign, part, notice, keep_open=True)
    if request.htmx and not _amending(campaign):
        return render(request, "campaigns/_section.html", _section_context(request, campaign, part, form=form))
    context = {"campaign": campaign, "part": part, "form": form, "amending": _amending(campaign)}
    return render(request, "campaigns/part_form.html", context)


@login_required
def criteria_outline(request, pk: int):
    """Criteria from a pasted outline: "Preview" shows the tree (and the problems, each at its line)
    for the officer to correct the text; "Save" adds the whole tree."""
    campaign = _campaign_or_404(request, pk)
    if refused := _require_parts(request, campaign):
        return refused
    amending = _amending(campaign)
    form = forms.OutlineForm(request.POST if request.method == "POST" else None, amending=amending)
    outline = None
    if request.method == "POST" and form.is_valid():
        outline = parse_outline(form.cleaned_data["text"])
        for problem in outline.errors:
            form.add_error("text", str(problem))
        if "save" in request.POST and not outline.errors:
            try:
                created = services.criteria_import(
                    campaign=campaign,
                    text=form.cleaned_data["text"],
                    actor=request.user,
                    amendment_reason=form.cleaned_data.get("amendment_reason", ""),
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("%(count)d items added to the plan.") % {"count": len(created)})
                return redirect(reverse("campaigns:detail", args=[campaign.pk]) + "#part-tieu-chi")
    context = {
        "campaign": campaign,
        "form": form,
        "outline": outline,
        "items": list(outline.walk()) if outline else [],
        "amending": amending,
    }
    return render(request, "campaigns/criteria_outline.html", context)


@login_required
def part_edit(request, pk: int, part: str, item_pk: int):
    part = _part_or_404(part)
    campaign = _campaign_or_404(request, pk)
    if refused := _require_parts(request, campaign):
        return refused
    item = get_object_or_404(part.model.objects.filter(campaign=campaign), pk=item_pk)
    data = request.POST if request.method == "POST" else None
    form = _part_form(part, request, campaign, data=data, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            services.part_update(part, item=item, actor=request.user, **form.service_fields())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return _after_part_change(request, campaign, part, _saved_notice(campaign, _("The change is saved.")))
    context = {"campaign": campaign, "part": part, "form": form, "item": item, "amending": _amending(campaign)}
    return render(request, "campaigns/part_form.html", context)


@login_required
def part_delete(request, pk: int, part: str, item_pk: int):
    """Delete a part: a draft's at once (a POST from the list), a launched plan's on a page asking why."""
    part = _part_or_404(part)
    campaign = _campaign_or_404(request, pk)
    if refused := _require_parts(request, campaign):
        return refused
    item = get_object_or_404(part.model.objects.filter(campaign=campaign), pk=item_pk)
    amending = _amending(campaign)
    form = forms.PartDeleteForm(request.POST if request.method == "POST" else None, amending=amending)
    if request.method == "POST" and form.is_valid():
        try:
            services.part_delete(part, item=item, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            if request.htmx and not amending:
                return render(
                    request, "campaigns/_section.html", _section_context(request, campaign, part, notice=_refusal(exc))
                )
            if not amending:
                flash_errors(request, exc)
                return redirect(f"{reverse('campaigns:detail', args=[campaign.pk])}#part-{part.slug}")
            apply_errors(form, exc)
        else:
            return _after_part_change(request, campaign, part, _saved_notice(campaign, _("Deleted from the plan.")))
    context = {"campaign": campaign, "part": part, "form": form, "item": item, "amending": amending}
    return render(request, "campaigns/part_delete.html", context)


# --- Lifecycle, amendment, copy, cascade ----------------------------------------------------------------------


@login_required
@require_POST
def campaign_set_state(request, pk: int):
    campaign = _campaign_or_404(request, pk)
    require(request.user, "campaigns.decide_campaign", campaign)
    form = forms.StateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the actions offered."))
        return redirect("campaigns:detail", pk=campaign.pk)
    data = form.cleaned_data
    launching_late = data["state"] == CampaignState.LAUNCHED and campaign.ends_on < timezone.localdate()
    if launching_late and not data["confirm_past"] and campaign.state in EDITABLE_STATES:
        context = {"campaign": campaign, "reason": data["reason"]}
        return render(request, "campaigns/confirm_launch.html", context)
    try:
        campaign = services.campaign_set_state(
            campaign=campaign,
            new_state=form.cleaned_data["state"],
            actor=request.user,
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(
            request, _("The campaign is now “%(state)s”.") % {"state": CampaignState(campaign.state).label}
        )
    return redirect("campaigns:detail", pk=campaign.pk)


@login_required
def campaign_amend(request, pk: int):
    campaign = _campaign_or_404(request, pk)
    require(request.user, "campaigns.decide_campaign", campaign)
    if campaign.state not in ACTIVE_STATES:
        messages.error(request, _("Only a launched campaign that is not closed is amended; edit a draft directly."))
        return redirect("campaigns:detail", pk=campaign.pk)
    form = forms.AmendmentForm(request.POST or None, instance=campaign)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        reason = fields.pop("reason")
        try:
            amendment = services.campaign_amend(campaign=campaign, actor=request.user, reason=reason, **fields)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Amendment no. %(n)s is recorded.") % {"n": amendment.sequence})
            return redirect("campaigns:detail", pk=campaign.pk)
    return render(request, "campaigns/amendment_form.html", {"form": form, "campaign": campaign})


@login_required
@require_POST
def campaign_copy(request, pk: int):
    campaign = _campaign_or_404(request, pk)
    require(request.user, "campaigns.add_campaign", campaign.issuer)
    try:
        copy = services.campaign_copy(source=campaign, actor=request.user, years=1)
    except ValidationError as exc:
        flash_errors(request, exc)
        return redirect("campaigns:detail", pk=campaign.pk)
    messages.success(request, _("A draft for the next school year is created; check its dates and number."))
    return redirect("campaigns:detail", pk=copy.pk)


@login_required
@require_POST
def campaign_cascade(request, pk: int):
    campaign = _campaign_or_404(request, pk)
    unit = request.user.unit
    if unit is None or not request.user.has_perm("campaigns.add_campaign", unit):
        raise PermissionDenied
    if not selectors.unit_takes_part(campaign, unit):
        raise PermissionDenied
    try:
        plan = services.campaign_cascade(upper=campaign, unit=unit, actor=request.user)
    except ValidationError as exc:
        flash_errors(request, exc)
        return redirect("campaigns:detail", pk=campaign.pk)
    messages.success(request, _("Your unit's draft plan implementing this campaign is created from it."))
    return redirect("campaigns:detail", pk=plan.pk)


# --- Deadlines and submissions ----------------------------------------------------------------------------


def _deadline_or_404(request, pk: int) -> Deadline:
    try:
        return selectors.deadline_get(request.user, pk)
    except Deadline.DoesNotExist as exc:
        raise Http404 from exc


@login_required
def deadline_status(request, pk: int):
    """Where every owing unit stands on one deadline, at a province's scale: the counts from SQL, one
    row per unit directly below the issuer (a Phòng, a commune) with its own counts and a link into it
    (``?nhom=``), then the units, missing and late first, 50 a page; ``?trang_thai=`` keeps one status."""
    deadline = _deadline_or_404(request, pk)
    campaign = deadline.milestone.campaign
    require(request.user, "campaigns.view_status", campaign)
    today = timezone.localdate()
    root = campaign.issuer
    owing = selectors.milestone_owing_units(deadline.milestone)
    group = None
    raw_group = request.GET.get("nhom", "").strip()
    if raw_group and not raw_group.isdigit():
        messages.warning(request, _("The group in the address was not understood; every unit is shown."))
    elif raw_group:
        group = get_object_or_404(selectors.status_group_candidates(campaign), pk=int(raw_group))
    status = request.GET.get("trang_thai", "").strip()
    if status and status not in SubmissionStatus.values:
        messages.warning(request, _("The status in the address was not understood; every status is shown."))
        status = ""
    groups = [] if group else selectors.deadline_status_groups(deadline, owing, root=root, today=today)
    shown = owing
    if group is not None:
        shown = owing.filter(pk=root.pk) if group.pk == root.pk else owing.filter(path__startswith=group.path)
    counts = selectors.deadline_status_counts(deadline, shown, today=today)  # the group's, once drilled into
    rows = selectors.deadline_status_rows(deadline, shown, today=today)
    if status:
        rows = rows.filter(deadline_status=status)
    page = paginate(request, rows, per_page=selectors.STATUS_PAGE_SIZE)
    context = {
        "deadline": deadline,
        "milestone": deadline.milestone,
        "campaign": campaign,
        "page": page,
        "statuses": selectors.status_rows_for(deadline, list(page)),
        "counts": [(SubmissionStatus(s), n) for s, n in counts.items()],
        # Each count a link keeping that status alone (again: every status).
        "count_links": [(SubmissionStatus(s), n, s == status) for s, n in counts.items()],
        "groups": groups if len(groups) > 1 else [],
        "group": group,
        "status": SubmissionStatus(status) if status else None,
        "can_grant": request.user.has_perm("campaigns.grant_exception", campaign),
    }
    return render(request, "campaigns/deadline_status.html", context)


@login_required
def deadline_status_export(request, pk: int):
    """The status page's rows as an .xlsx: the same deadline, the same units, the same rule."""
    deadline = _deadline_or_404(request, pk)
    require(request.user, "campaigns.view_status", deadline.milestone.campaign)
    # A Sở's deadline is owed by about a thousand units: past EXPORT_INLINE_ROWS a worker writes the file.
    rows = selectors.milestone_owing_units(deadline.milestone).count()
    params = {"deadline": deadline.pk}
    return export_response(request, kind=excel.DEADLINE_STATUS_EXPORT, params=params, estimated_rows=rows)


@login_required
def deadline_exception(request, pk: int, unit_pk: int):
    deadline = _deadline_or_404(request, pk)
    campaign = deadline.milestone.campaign
    require(request.user, "campaigns.view_status", campaign)
    unit = get_object_or_404(selectors.milestone_owing_units(deadline.milestone), pk=unit_pk)
    require(request.user, "campaigns.grant_exception", campaign)
    form = forms.ExceptionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["kind"] == ExceptionKind.EXCUSED:
                services.deadline_excuse(deadline=deadline, unit=unit, reason=data["reason"], actor=request.user)
            else:
                services.deadline_extend(
                    deadline=deadline,
                    unit=unit,
                    new_due_on=data["new_due_on"],
                    reason=data["reason"],
                    actor=request.user,
                )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The decision for %(unit)s is recorded.") % {"unit": unit.name})
            return redirect("campaigns:deadline-status", pk=deadline.pk)
    context = {"deadline": deadline, "campaign": campaign, "unit": unit, "form": form}
    return render(request, "campaigns/exception_form.html", context)


@login_required
def submission_create(request, pk: int):
    deadline = _deadline_or_404(request, pk)
    milestone = deadline.milestone
    campaign = milestone.campaign
    unit = request.user.unit
    if unit is None or not request.user.has_perm("campaigns.submit_for_unit", unit):
        raise PermissionDenied
    if not selectors.unit_owes(milestone, unit):
        raise PermissionDenied
    accepts = campaign.state in ACTIVE_STATES
    form = forms.SubmissionForm(request.POST or None, request.FILES or None, figures=milestone.figures)
    if request.method == "POST" and form.is_valid():
        try:
            submission = services.submission_create(
                deadline=deadline,
                unit=unit,
                actor=request.user,
                file=form.cleaned_data["file"],
                figures=form.cleaned_data["figures"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Version %(v)s is submitted.") % {"v": submission.version})
            return redirect("campaigns:submit", pk=deadline.pk)
    status = selectors.statuses_for_unit(unit, [deadline])[deadline.pk]
    context = {
        "deadline": deadline,
        "milestone": milestone,
        "campaign": campaign,
        "unit": unit,
        "form": form,
        "accepts": accepts,
        "status": status,
        "history": selectors.submissions_for(deadline, unit),
    }
    return render(request, "campaigns/submission_form.html", context)


@login_required
def submission_download(request, pk: int):
    submission = get_object_or_404(selectors.visible_submissions(request.user), pk=pk)
    if not submission.file:
        raise Http404
    return file_download(submission.file, filename=submission.original_name, content_type=submission.content_type)


# --- Calendar ---------------------------------------------------------------------------------------------


@login_required
def my_deadlines(request):
    unit = request.user.unit
    today = timezone.localdate()
    year_param = request.GET.get("nam", "")
    year = int(year_param) if year_param.isdigit() and 2000 <= int(year_param) <= 2100 else school_year_of(today)
    start, end = datetime.date(year, 9, 1), datetime.date(year + 1, 8, 31)
    deadlines = selectors.deadlines_owed_by(unit, start=start, end=end) if unit is not None else []
    statuses = selectors.statuses_for_unit(unit, deadlines, today=today) if unit is not None else {}
    months = [
        (month, [statuses[d.pk] for d in group])
        for month, group in itertools.groupby(deadlines, key=lambda d: (d.due_on.year, d.due_on.month))
    ]
    context = {
        "unit": unit,
        "months": [{"label": f"{m:02d}/{y}", "items": items} for (y, m), items in months],
        "year": year,
        "year_label": school_year_label(year),
        "previous_year": year - 1,
        "next_year": year + 1,
        "today": today,
        "can_submit": unit is not None and request.user.has_perm("campaigns.submit_for_unit", unit),
        "feed_url": request.build_absolute_uri(
            reverse("campaigns:ics-feed", kwargs={"token": ics.feed_token(request.user)})
        ),
    }
    return render(request, "campaigns/my_deadlines.html", context)


def ics_feed(request, token: str):
    """The personal calendar: no session, the secret token in the URL is the credential."""
    user = ics.user_for_token(token)
    if user is None:
        raise Http404
    unit = user.unit
    events = []
    if unit is not None:
        today = timezone.localdate()
        deadlines = selectors.deadlines_owed_by(
            unit, start=today - datetime.timedelta(days=366), end=today + datetime.timedelta(days=731)
        )
        statuses = selectors.statuses_for_unit(unit, deadlines, today=today)
        host = request.get_host().split(":")[0]
        for deadline in deadlines:
            status = statuses[deadline.pk]
            milestone = deadline.milestone
            campaign = milestone.campaign
            recipient = milestone.recipient or campaign.issuer
            events.append(
                {
                    "uid": f"han-{deadline.pk}-don-vi-{unit.pk}@{host}",
                    "date": status.due_on,
                    "summary": _("Due: %(title)s") % {"title": milestone.title},
                    "description": _("%(campaign)s. Submit to: %(recipient)s. Status: %(status)s.")
                    % {"campaign": campaign.title, "recipient": recipient.name, "status": status.status.label},
                    "url": request.build_absolute_uri(reverse("campaigns:submit", args=[deadline.pk])),
                }
            )
    body = ics.render_calendar(name=_("Deadlines of %(unit)s") % {"unit": unit.name if unit else user}, events=events)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="han-nop.ics"'
    return response
