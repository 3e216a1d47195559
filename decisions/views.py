"""Pages of award decisions: thin — a scoped selector (outside the scope: 404), a permission
(403), one service call, its refusal shown at the field."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.views import apply_errors, bytes_download, flash_errors, paginate, require
from decisions import documents, excel, selectors, services
from decisions.enums import DecisionState
from decisions.forms import (
    CommentForm,
    DecisionCreateForm,
    DecisionForm,
    DisclosureForm,
    IssueForm,
    OutsideResultForm,
    RevokeForm,
)
from decisions.models import AwardDecision
from decisions.rules import allowed_actions
from dossiers.models import Dossier
from exports.views import export_response

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _decision_or_404(request, pk) -> AwardDecision:
    try:
        return selectors.decision_get(request.user, pk)
    except AwardDecision.DoesNotExist as exc:
        raise Http404 from exc


@login_required
def decision_list(request):
    require(request.user, "decisions.view_decisions")
    state = request.GET.get("state", "")
    page = paginate(request, selectors.decision_list(request.user, state=state))
    context = {
        "page": page,
        "state": state,
        "states": DecisionState.choices,
        "can_prepare": request.user.has_perm("decisions.open_decision"),
    }
    return render(request, "decisions/decision_list.html", context)


@login_required
def decision_create(request):
    require(request.user, "decisions.open_decision")
    unit = request.user.unit
    if unit is None:
        raise Http404
    candidates = selectors.candidates(unit)
    form = DecisionCreateForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.decision_create(unit=unit, nominees=form.cleaned_data["nominees"], actor=request.user)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The draft decision was prepared."))
            return redirect("decisions:decision-detail", decision.pk)
    return render(request, "decisions/decision_create.html", {"form": form, "candidates": candidates})


@login_required
def decision_detail(request, pk):
    decision = _decision_or_404(request, pk)
    lines = list(decision.lines.all())
    context = {
        "decision": decision,
        "lines": lines,
        "totals": selectors.totals(lines),
        "actions": allowed_actions(decision, request.user),
        "disclosure_open": selectors.disclosure_open(decision),
        "comments": list(decision.comments.all()),
        "transitions": list(decision.transitions.all()),
        "disclosure_form": DisclosureForm(),
    }
    return render(request, "decisions/decision_detail.html", context)


@login_required
def decision_edit(request, pk):
    decision = _decision_or_404(request, pk)
    require(request.user, "decisions.edit_decision", decision)
    form = DecisionForm(request.POST or None, instance=decision)
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_update(
                decision=decision, actor=request.user, **{name: form.cleaned_data[name] for name in form.fields}
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect("decisions:decision-detail", decision.pk)
    return render(request, "decisions/decision_form.html", {"form": form, "decision": decision})


@login_required
@require_POST
def line_remove(request, pk, line_pk):
    decision = _decision_or_404(request, pk)
    require(request.user, "decisions.edit_decision", decision)
    try:
        services.line_remove(line=selectors.line_get(decision, line_pk), actor=request.user)
    except ValidationError as exc:
        flash_errors(request, exc)
    except decision.lines.model.DoesNotExist as exc:
        raise Http404 from exc
    return redirect("decisions:decision-detail", decision.pk)


@login_required
@require_POST
def decision_disclose(request, pk):
    decision = _decision_or_404(request, pk)
    require(request.user, "decisions.prepare_decision", decision)
    form = DisclosureForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors["days"])
        services.disclosure_open(decision=decision, days=form.cleaned_data["days"], actor=request.user)
    except ValidationError as exc:
        flash_errors(request, exc)
    return redirect("decisions:decision-detail", decision.pk)


@login_required
@require_POST
def decision_withdraw(request, pk):
    decision = _decision_or_404(request, pk)
    require(request.user, "decisions.prepare_decision", decision)
    try:
        services.disclosure_withdraw(decision=decision, actor=request.user, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        flash_errors(request, exc)
    return redirect("decisions:decision-detail", decision.pk)


@login_required
@require_POST
def decision_cancel(request, pk):
    decision = _decision_or_404(request, pk)
    require(request.user, "decisions.prepare_decision", decision)
    try:
        services.decision_cancel(decision=decision, actor=request.user, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        flash_errors(request, exc)
    return redirect("decisions:decision-detail", decision.pk)


@login_required
def decision_issue(request, pk):
    decision = _decision_or_404(request, pk)
    require(request.user, "decisions.issue_decision", decision)
    initial = {
        "dated": timezone.localdate(),
        **{name: getattr(decision, name) for name in services.SIGNING_FIELDS},
    }
    form = IssueForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_issue(decision=decision, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The decision was issued and written into the award history."))
            return redirect("decisions:decision-detail", decision.pk)
    lines = list(decision.lines.all())
    context = {"form": form, "decision": decision, "totals": selectors.totals(lines)}
    return render(request, "decisions/decision_issue.html", context)


@login_required
def decision_document(request, pk, which, fmt):
    decision = _decision_or_404(request, pk)
    if which not in documents.BUILDERS or fmt not in documents.FORMATS:
        raise Http404
    data = documents.decision_document(decision, which, fmt)
    return bytes_download(data, filename=documents.filename(decision, which, fmt), content_type=CONTENT_TYPES[fmt])


@login_required
def decision_list_xlsx(request, pk):
    decision = _decision_or_404(request, pk)
    # A Sở's decision may list a thousand teachers or more: past EXPORT_INLINE_ROWS a worker writes it.
    rows = decision.lines.count()
    return export_response(request, kind=excel.LIST_EXPORT, params={"decision": decision.pk}, estimated_rows=rows)


def _revoke(request, decision, *, line=None):
    require(request.user, "decisions.revoke_decision", decision)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if line is None:
                services.decision_revoke(decision=decision, actor=request.user, **form.cleaned_data)
            else:
                services.line_revoke(line=line, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The award was revoked; it stays in the history, marked."))
            return redirect("decisions:decision-detail", decision.pk)
    return render(request, "decisions/revoke.html", {"form": form, "decision": decision, "line": line})


@login_required
def decision_revoke(request, pk):
    return _revoke(request, _decision_or_404(request, pk))


@login_required
def line_revoke(request, pk, line_pk):
    decision = _decision_or_404(request, pk)
    try:
        line = selectors.line_get(decision, line_pk)
    except decision.lines.model.DoesNotExist as exc:
        raise Http404 from exc
    if line.nominee.award_record is None or line.nominee.award_record.revoked_at is not None:
        raise Http404
    return _revoke(request, decision, line=line)


# --------------------------------------------------------------------------- public disclosure


@login_required
def disclosure_list(request):
    items = paginate(request, selectors.disclosures(request.user))
    return render(request, "decisions/disclosure_list.html", {"page": items})


@login_required
def disclosure_detail(request, pk):
    try:
        decision = selectors.disclosure_get(request.user, pk)
    except AwardDecision.DoesNotExist as exc:
        raise Http404 from exc
    form = CommentForm(request.POST or None)
    if request.method == "POST":
        require(request.user, "decisions.comment_disclosure", decision)
        if form.is_valid():
            try:
                services.disclosure_comment_add(decision=decision, actor=request.user, text=form.cleaned_data["text"])
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Your comment was sent to the issuing unit."))
                return redirect("decisions:disclosure-detail", decision.pk)
    lines = list(decision.lines.all())
    own = [c for c in decision.comments.all() if c.unit_id == request.user.unit_id or request.user.is_superuser]
    context = {
        "decision": decision,
        "lines": lines,
        "totals": selectors.totals(lines),
        "form": form,
        "can_comment": request.user.has_perm("decisions.comment_disclosure", decision),
        "comments": own,
    }
    return render(request, "decisions/disclosure_detail.html", context)


# --------------------------------------------------------------------------- results from above


@login_required
def outside_list(request):
    require(request.user, "decisions.record_outside_result")
    page = paginate(request, selectors.forwarded_dossiers(request.user).order_by("-state_changed_at", "-id"))
    return render(request, "decisions/outside_list.html", {"page": page})


@login_required
def outside_record(request, dossier_pk):
    try:
        dossier = selectors.forwarded_dossier_get(request.user, dossier_pk)
    except Dossier.DoesNotExist as exc:
        raise Http404 from exc
    require(request.user, "decisions.record_outside_result", dossier)
    waiting = selectors.awaiting_result(dossier)
    form = OutsideResultForm(request.POST or None, waiting=waiting)
    if request.method == "POST" and form.is_valid():
        try:
            services.outside_result_record(dossier=dossier, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The result from above was recorded in the award history."))
            return redirect("decisions:outside-list")
    return render(request, "decisions/outside_form.html", {"form": form, "dossier": dossier, "waiting": waiting})
