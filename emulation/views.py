"""Screens of registration (đăng ký thi đua), pacts (giao ước) and exemplars (điển hình tiên tiến).

Objects come only through the scoped selectors (outside the scope: 404); the action is then
checked against the object with django-rules (in scope, wrong role: 403).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from campaigns.enums import ACTIVE_STATES
from campaigns.models import Campaign
from campaigns.selectors import visible_campaigns
from common.views import apply_errors, file_download, flash_errors, require
from emulation import excel
from emulation import selectors as sel
from emulation import services as svc
from emulation.enums import (
    EXEMPLAR_TRANSITIONS,
    REGISTRATION_EDITABLE_STATES,
    REGISTRATION_PENDING_STATES,
    ExemplarStep,
    RegistrationState,
)
from emulation.forms import (
    CrossScoreForm,
    ExemplarAdvanceForm,
    ExemplarForm,
    ForwardForm,
    IndividualRegistrationForm,
    PactForm,
    PactTargetForm,
    ReviewForm,
    SelfScoreForm,
    UnitRegistrationForm,
    WorkItemForm,
)
from emulation.models import Exemplar, Pact
from exports.views import export_response
from units.models import Unit
from units.rules import manages_unit


def _posted(request):
    """The POST data, or None for a GET (an empty POST is still a submitted form)."""
    return request.POST if request.method == "POST" else None


def _campaign(request, pk: int) -> Campaign:
    return get_object_or_404(sel.registration_campaigns(request.user), pk=pk)


def _participant(request, campaign: Campaign, unit_pk: int) -> Unit:
    return get_object_or_404(sel.registration_units(request.user, campaign), pk=unit_pk)


def _unit_page(campaign_id: int, unit_id: int) -> str:
    return reverse("emulation:registration-unit", args=[campaign_id, unit_id])


# --- Registration ----------------------------------------------------------------------------


@login_required
def registration_index(request):
    rows = sel.registration_index(request.user)
    for row in rows:
        row.can_view_overview = request.user.has_perm("emulation.view_registrations", row.campaign)
    return render(request, "emulation/index.html", {"rows": rows})


@login_required
def registration_overview(request, campaign_pk):
    campaign = _campaign(request, campaign_pk)
    require(request.user, "emulation.view_registrations", campaign)
    only_missing = request.GET.get("chua_dang_ky") == "1"
    page, missing_count = sel.registration_overview(
        request.user, campaign, only_missing=only_missing, page_number=request.GET.get("trang")
    )
    context = {
        "campaign": campaign,
        "rows": page.object_list,
        "page": page,
        "only_missing": only_missing,
        "deadline": sel.registration_deadline(campaign),
        "missing_count": missing_count,
        "can_review": request.user.has_perm("campaigns.decide_campaign", campaign),
    }
    return render(request, "emulation/overview.html", context)


@login_required
def registration_overview_export(request, campaign_pk):
    """The overview as an .xlsx (units, then the people they registered): same units, same filter."""
    campaign = _campaign(request, campaign_pk)
    require(request.user, "emulation.view_registrations", campaign)
    only_missing = request.GET.get("chua_dang_ky") == "1"
    # A Sở's campaign runs over a thousand units and their people: past EXPORT_INLINE_ROWS a worker writes it.
    rows = sel.registration_export_count(request.user, campaign, only_missing=only_missing)
    params = {"campaign": campaign.pk, "only_missing": only_missing}
    return export_response(request, kind=excel.REGISTRATIONS_EXPORT, params=params, estimated_rows=rows)


@login_required
def registration_unit(request, campaign_pk, unit_pk):
    campaign = _campaign(request, campaign_pk)
    unit = _participant(request, campaign, unit_pk)
    registration = sel.unit_registration_for(campaign, unit)
    individuals = list(sel.individual_registrations_for(campaign, unit))
    can_register = request.user.has_perm("campaigns.submit_for_unit", unit)
    can_review = request.user.has_perm("campaigns.decide_campaign", campaign)
    window = sel.registration_window(campaign, unit)
    is_open = campaign.state in ACTIVE_STATES
    # Offer only what the services would accept: nothing changes once the campaign is closed,
    # and a draft is neither opened nor sent after the deadline (unless extended).
    is_editable = is_open and registration is not None and registration.state in REGISTRATION_EDITABLE_STATES
    context = {
        "campaign": campaign,
        "unit": unit,
        "registration": registration,
        "individuals": individuals,
        "can_register": can_register,
        "can_review": can_review,
        "is_editable": is_editable,
        "can_open": is_open and window.is_open,
        "can_send": is_editable and (registration.state != RegistrationState.DRAFT or window.is_open),
        "pending_count": sum(1 for r in individuals if r.state in REGISTRATION_PENDING_STATES),
        "window": window,
        "is_open": is_open,
        "review_form": ReviewForm(),
        "forward_form": ForwardForm(),
    }
    return render(request, "emulation/unit.html", context)


@login_required
def registration_create(request, campaign_pk, unit_pk):
    campaign = _campaign(request, campaign_pk)
    unit = _participant(request, campaign, unit_pk)
    require(request.user, "campaigns.submit_for_unit", unit)
    form = UnitRegistrationForm(_posted(request), campaign=campaign)
    if request.method == "POST" and form.is_valid():
        try:
            svc.registration_create(campaign=campaign, unit=unit, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The registration has been opened. Add its work items."))
            return redirect(_unit_page(campaign.pk, unit.pk))
    return render(
        request,
        "emulation/form.html",
        {"form": form, "campaign": campaign, "unit": unit, "heading": _("Register the unit")},
    )


@login_required
def registration_item_add(request, pk):
    registration = get_object_or_404(
        sel.visible_unit_registrations(request.user).select_related("campaign", "unit"), pk=pk
    )
    require(request.user, "emulation.change_registration", registration)
    form = WorkItemForm(_posted(request), criteria=sel.target_criteria(registration.campaign))
    if request.method == "POST" and form.is_valid():
        try:
            svc.work_item_add(registration=registration, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The work item has been added."))
            return redirect(_unit_page(registration.campaign_id, registration.unit_id))
    context = {
        "form": form,
        "campaign": registration.campaign,
        "unit": registration.unit,
        "heading": _("Add a work item"),
    }
    return render(request, "emulation/form.html", context)


@login_required
@require_POST
def registration_item_delete(request, pk):
    item = get_object_or_404(sel.visible_work_items(request.user), pk=pk)
    require(request.user, "emulation.change_registration", item.registration)
    try:
        svc.work_item_delete(item=item, actor=request.user)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("The work item has been deleted."))
    return redirect(_unit_page(item.registration.campaign_id, item.registration.unit_id))


@login_required
@require_POST
def registration_submit(request, pk):
    registration = get_object_or_404(sel.visible_unit_registrations(request.user).select_related("unit"), pk=pk)
    require(request.user, "emulation.change_registration", registration)
    try:
        svc.registration_submit(registration=registration, actor=request.user)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("The registration has been sent to the issuing unit."))
    return redirect(_unit_page(registration.campaign_id, registration.unit_id))


def _review(request, registration):
    require(request.user, "emulation.review_registration", registration)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to accept or to return."))
        return
    try:
        svc.registration_review(
            registration=registration,
            accept=form.cleaned_data["action"] == "accept",
            actor=request.user,
            comment=form.cleaned_data["comment"],
        )
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("The decision has been recorded."))


@login_required
@require_POST
def registration_review(request, pk):
    registration = get_object_or_404(
        sel.visible_unit_registrations(request.user).select_related("campaign__issuer", "unit"), pk=pk
    )
    _review(request, registration)
    return redirect(_unit_page(registration.campaign_id, registration.unit_id))


@login_required
def individual_add(request, campaign_pk, unit_pk):
    campaign = _campaign(request, campaign_pk)
    unit = _participant(request, campaign, unit_pk)
    require(request.user, "campaigns.submit_for_unit", unit)
    people = sel.registrable_people(unit)
    form = IndividualRegistrationForm(_posted(request), people=people, campaign=campaign)
    if request.method == "POST" and form.is_valid():
        try:
            svc.individual_register(campaign=campaign, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The registration has been recorded. Send the list when it is complete."))
            return redirect(_unit_page(campaign.pk, unit.pk))
    context = {"form": form, "campaign": campaign, "unit": unit, "heading": _("Register a person")}
    return render(request, "emulation/form.html", context)


@login_required
@require_POST
def individual_delete(request, pk):
    registration = get_object_or_404(sel.visible_individual_registrations(request.user).select_related("unit"), pk=pk)
    require(request.user, "emulation.change_registration", registration)
    try:
        svc.individual_delete(registration=registration, actor=request.user)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("The registration has been deleted."))
    return redirect(_unit_page(registration.campaign_id, registration.unit_id))


@login_required
@require_POST
def individual_forward(request, campaign_pk, unit_pk):
    campaign = _campaign(request, campaign_pk)
    unit = _participant(request, campaign, unit_pk)
    require(request.user, "campaigns.submit_for_unit", unit)
    form = ForwardForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        forward = svc.individuals_forward(campaign=campaign, unit=unit, actor=request.user, note=note)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(
            request, _("%(count)s registrations have been sent to the issuing unit.") % {"count": forward.count}
        )
    return redirect(_unit_page(campaign.pk, unit.pk))


@login_required
@require_POST
def individual_review(request, pk):
    registration = get_object_or_404(
        sel.visible_individual_registrations(request.user).select_related("campaign__issuer", "unit"), pk=pk
    )
    _review(request, registration)
    return redirect(_unit_page(registration.campaign_id, registration.unit_id))


# --- Pacts -----------------------------------------------------------------------------------


@login_required
def pact_list(request):
    pacts = sel.pact_list(request.user)
    can_add = sel.pact_clusters_led_by(request.user).exists()
    return render(request, "emulation/pact_list.html", {"pacts": pacts, "can_add": can_add})


@login_required
def pact_create(request):
    clusters = sel.pact_clusters_led_by(request.user)
    if not clusters.exists():
        raise PermissionDenied
    campaigns = visible_campaigns(request.user).filter(state__in=ACTIVE_STATES).order_by("-starts_on")
    form = PactForm(_posted(request), clusters=clusters, campaigns=campaigns)
    if request.method == "POST" and form.is_valid():
        require(request.user, "emulation.add_pact", form.cleaned_data["cluster"])
        try:
            pact = svc.pact_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The pact has been recorded. Add each member's targets."))
            return redirect("emulation:pact-detail", pk=pact.pk)
    return render(request, "emulation/form.html", {"form": form, "heading": _("New emulation pact")})


@login_required
def pact_detail(request, pk):
    try:
        pact = sel.pact_get(request.user, pk)
    except Pact.DoesNotExist as exc:
        raise Http404 from exc
    targets = list(pact.targets.all())
    user = request.user
    for target in targets:
        target.pact = pact
        target.can_self_score = user.has_perm("emulation.self_score_pact", target) and target.cross_score is None
        target.can_cross_score = user.has_perm("emulation.cross_score_pact", target) and target.self_score is not None
        target.can_read_evidence = user.has_perm("emulation.view_pact_evidence", target)
    context = {
        "pact": pact,
        "targets": targets,
        "ranking": sel.pact_ranking(pact),
        "can_change": user.has_perm("emulation.change_pact", pact),
    }
    return render(request, "emulation/pact_detail.html", context)


@login_required
def pact_export(request, pk):
    """The pact's ranking and targets as an .xlsx, as its page shows them."""
    try:
        pact = sel.pact_get(request.user, pk)
    except Pact.DoesNotExist as exc:
        raise Http404 from exc
    rows = sel.pact_export_count(pact.pk)
    return export_response(request, kind=excel.PACT_EXPORT, params={"pact": pact.pk}, estimated_rows=rows)


@login_required
def pact_target_add(request, pk):
    pact = get_object_or_404(
        sel.visible_pacts(request.user).select_related("cluster__head_unit", "cluster__organiser"), pk=pk
    )
    require(request.user, "emulation.change_pact", pact)
    form = PactTargetForm(_posted(request), members=pact.cluster.members.order_by("name_sort"))
    if request.method == "POST" and form.is_valid():
        try:
            svc.pact_target_add(pact=pact, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The target has been added."))
            return redirect("emulation:pact-detail", pk=pact.pk)
    return render(request, "emulation/form.html", {"form": form, "pact": pact, "heading": _("Add a target")})


def _target(request, pk):
    return get_object_or_404(sel.visible_pact_targets(request.user), pk=pk)


@login_required
def pact_self_score(request, pk):
    target = _target(request, pk)
    require(request.user, "emulation.self_score_pact", target)
    form = SelfScoreForm(
        _posted(request),
        request.FILES or None,
        initial={"self_score": target.self_score, "self_evidence": target.self_evidence},
    )
    if request.method == "POST" and form.is_valid():
        try:
            svc.pact_self_score(
                target=target,
                actor=request.user,
                score=form.cleaned_data["self_score"],
                evidence=form.cleaned_data["self_evidence"],
                evidence_file=form.cleaned_data["evidence_file"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The self-score has been recorded."))
            return redirect("emulation:pact-detail", pk=target.pact_id)
    context = {"form": form, "pact": target.pact, "target": target, "heading": _("Self-score"), "multipart": True}
    return render(request, "emulation/form.html", context)


@login_required
def pact_cross_score(request, pk):
    target = _target(request, pk)
    require(request.user, "emulation.cross_score_pact", target)
    form = CrossScoreForm(
        _posted(request), initial={"cross_score": target.cross_score, "cross_note": target.cross_note}
    )
    if request.method == "POST" and form.is_valid():
        try:
            svc.pact_cross_score(
                target=target,
                actor=request.user,
                score=form.cleaned_data["cross_score"],
                note=form.cleaned_data["cross_note"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The cross-score has been recorded."))
            return redirect("emulation:pact-detail", pk=target.pact_id)
    context = {"form": form, "pact": target.pact, "target": target, "heading": _("Cross-score")}
    return render(request, "emulation/form.html", context)


@login_required
def pact_evidence(request, pk):
    target = _target(request, pk)
    # Another member of the cluster may see the pact, not a member's evidence: that answers 404.
    if not target.evidence_file or not request.user.has_perm("emulation.view_pact_evidence", target):
        raise Http404
    return file_download(target.evidence_file, filename=target.evidence_name)


# --- Exemplars -------------------------------------------------------------------------------


def _year(request, campaign: Campaign) -> int:
    raw = request.GET.get("nam", "")
    first, last = campaign.starts_on.year, campaign.ends_on.year
    year = int(raw) if raw.isdigit() else timezone.localdate().year
    return min(max(year, first), last)


def _year_read(request, campaign: Campaign) -> int:
    """As ``_year``, saying so when a year that is no number was ignored."""
    raw = request.GET.get("nam", "")
    if raw and not raw.isdigit():
        messages.warning(request, _("The year “%(value)s” could not be read and was ignored.") % {"value": raw[:20]})
    return _year(request, campaign)


@login_required
def exemplar_list(request, campaign_pk):
    campaign = _campaign(request, campaign_pk)
    year = _year_read(request, campaign)
    context = {
        "campaign": campaign,
        "year": year,
        "years": range(campaign.starts_on.year, campaign.ends_on.year + 1),
        "exemplars": sel.exemplar_list(request.user, campaign, year=year),
        "counts": sel.exemplar_counts(request.user, campaign, year=year),
        "can_add": bool(_exemplar_units(request, campaign)),
    }
    return render(request, "emulation/exemplar_list.html", context)


@login_required
def exemplar_list_export(request, campaign_pk):
    """The year's exemplars (with the date of each step) and the count per unit, as an .xlsx."""
    campaign = _campaign(request, campaign_pk)
    year = _year_read(request, campaign)
    rows = sel.exemplar_export_count(request.user, campaign, year=year)
    params = {"campaign": campaign.pk, "year": year}
    return export_response(request, kind=excel.EXEMPLARS_EXPORT, params=params, estimated_rows=rows)


def _exemplar_units(request, campaign: Campaign) -> list[Unit]:
    """Units for which the user may record exemplars: the issuer and the participants they manage."""
    candidates = [campaign.issuer, *sel.registration_units(request.user, campaign)]
    return [unit for unit in candidates if manages_unit(request.user, unit)]


@login_required
def exemplar_create(request, campaign_pk):
    campaign = _campaign(request, campaign_pk)
    units = _exemplar_units(request, campaign)
    if not units:
        raise PermissionDenied
    units_qs, subject_units, people = sel.exemplar_form_choices(units)
    form = ExemplarForm(_posted(request), units=units_qs, subject_units=subject_units, people=people, campaign=campaign)
    form.fields["person"].label_from_instance = lambda p: f"{p.full_name} — {p.unit.name}"
    if request.method == "POST" and form.is_valid():
        require(request.user, "emulation.add_exemplar", form.cleaned_data["unit"])
        try:
            exemplar = svc.exemplar_create(campaign=campaign, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The exemplar has been recorded at step 1."))
            return redirect("emulation:exemplar-detail", pk=exemplar.pk)
    context = {"form": form, "campaign": campaign, "heading": _("New exemplar")}
    return render(request, "emulation/form.html", context)


@login_required
def exemplar_detail(request, pk):
    try:
        exemplar = sel.exemplar_get(request.user, pk)
    except Exemplar.DoesNotExist as exc:
        raise Http404 from exc
    records = {record.step: record for record in exemplar.step_records.all()}
    steps = [(step, records.get(step.value)) for step in ExemplarStep]
    can_advance = request.user.has_perm("emulation.change_exemplar", exemplar) and bool(
        EXEMPLAR_TRANSITIONS.get(exemplar.step)
    )
    context = {
        "exemplar": exemplar,
        "steps": steps,
        "can_advance": can_advance,
        "form": ExemplarAdvanceForm(current_step=exemplar.step) if can_advance else None,
    }
    return render(request, "emulation/exemplar_detail.html", context)


@login_required
@require_POST
def exemplar_advance(request, pk):
    exemplar = get_object_or_404(sel.visible_exemplars(request.user).select_related("unit"), pk=pk)
    require(request.user, "emulation.change_exemplar", exemplar)
    form = ExemplarAdvanceForm(request.POST, current_step=exemplar.step)
    if form.is_valid():
        try:
            svc.exemplar_advance(exemplar=exemplar, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            flash_errors(request, exc)
        else:
            messages.success(request, _("The step has been recorded."))
    else:
        messages.error(request, _("Choose the step and its date."))
    return redirect("emulation:exemplar-detail", pk=exemplar.pk)
