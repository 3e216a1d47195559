"""Pages of award dossiers. Objects come through scoped selectors (outside the scope → 404);
the role is checked with django-rules against the object (wrong role → 403)."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from awards.models import Award
from common.dates import school_year_of
from common.views import apply_errors
from dossiers import documents, excel, selectors, services
from dossiers.enums import STATE_COLOURS, ComponentKind
from dossiers.forms import (
    AddNomineeForm,
    AppraiseNomineeForm,
    DossierForm,
    EvidenceForm,
    HolidayForm,
    LegalClockForm,
    MinutesForm,
    NomineeForm,
    QueueFilterForm,
    ReasonForm,
    RoundForm,
    UploadForm,
)
from dossiers.models import AwardRound, Dossier, DossierDocument, EvidenceItem, Holiday, Nominee
from dossiers.rules import allowed_actions
from exports.views import export_response

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _require(request, perm: str, obj=None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _round_or_404(request, pk) -> AwardRound:
    try:
        return selectors.round_get(request.user, pk)
    except AwardRound.DoesNotExist as exc:
        raise Http404 from exc


def _dossier_or_404(request, pk, *, full=False) -> Dossier:
    try:
        if full:
            return selectors.dossier_get(request.user, pk)
        return selectors.dossier_queryset(request.user).get(pk=pk)
    except Dossier.DoesNotExist as exc:
        raise Http404 from exc


def _nominee_or_404(request, pk) -> Nominee:
    try:
        return selectors.nominee_get(request.user, pk)
    except Nominee.DoesNotExist as exc:
        raise Http404 from exc


def _run(request, form, save) -> bool:
    """Run ``save(cleaned_data)`` for a valid bound form; service errors land on the form."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        save(form.cleaned_data)
    except ValidationError as exc:
        form.add_error(None, exc)
        return False
    messages.success(request, _("Saved."))
    return True


def _error_messages(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def _file(data: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _detail(dossier) -> str:
    return reverse("dossiers:dossier-detail", args=[dossier.pk])


# --------------------------------------------------------------------------- rounds


@login_required
def round_list(request):
    _require(request, "dossiers.view_rounds")
    rounds = selectors.round_list(request.user)
    can_open = request.user.has_perm("dossiers.open_round")
    return render(request, "dossiers/round_list.html", {"rounds": rounds, "can_open": can_open})


@login_required
def round_create(request):
    _require(request, "dossiers.open_round")
    today = timezone.localdate()
    years = [school_year_of(today) - i for i in range(3)]
    form = RoundForm(
        request.POST or None,
        initial={"school_year": school_year_of(today - datetime.timedelta(days=120)), "opens_on": today},
        campaigns=selectors.organiser_campaigns(request.user),
        awards=Award.objects.order_by("position", "code"),
        years=years,
    )
    created = {}

    def save(data):
        campaign = selectors.organiser_campaigns(request.user).filter(pk=data["campaign"]).first()
        created["round"] = services.round_create(
            organiser=request.user.unit,
            kind=data["kind"],
            title=data["title"],
            school_year=data["school_year"],
            opens_on=data["opens_on"],
            deadline=data["deadline"],
            campaign=campaign,
            occasion=data["occasion"],
            awards=list(Award.objects.filter(code__in=data["awards"])),
            actor=request.user,
        )

    if _run(request, form, save):
        return redirect("dossiers:round-detail", pk=created["round"].pk)
    return render(request, "dossiers/round_form.html", {"form": form})


@login_required
def round_detail(request, pk):
    award_round = _round_or_404(request, pk)
    can_open = request.user.has_perm("dossiers.open_dossier", award_round) and request.user.unit_id
    if request.method == "POST":
        if not can_open:
            raise PermissionDenied
        try:
            dossier = services.dossier_create(award_round=award_round, unit=request.user.unit, actor=request.user)
        except ValidationError as exc:
            _error_messages(request, exc)
            return redirect("dossiers:round-detail", pk=award_round.pk)
        return redirect("dossiers:dossier-suggestions", pk=dossier.pk)
    dossiers = list(selectors.round_dossiers(request.user, award_round))
    deadline = selectors.round_deadline_for(award_round, request.user.unit) if request.user.unit_id else None
    return render(
        request,
        "dossiers/round_detail.html",
        {
            "round": award_round,
            "dossiers": dossiers,
            "can_open": can_open,
            "deadline": deadline,
            "colours": STATE_COLOURS,
        },
    )


# --------------------------------------------------------------------------- dossier


@login_required
def dossier_detail(request, pk):
    dossier = _dossier_or_404(request, pk, full=True)
    nominees = list(dossier.nominees.all())
    for nominee in nominees:
        nominee.route = selectors.decision_route(nominee.award, dossier.receiver)
    meters = selectors.quota_meters(dossier)
    holidays = selectors.holidays_for(dossier.receiver)
    clock = selectors.dossier_clock(dossier, holidays=holidays, limits=selectors.clock_for(dossier.receiver))
    documents_by_kind = {}
    for document in dossier.documents.all():
        if document.nominee_id is None:
            documents_by_kind.setdefault(document.kind, []).append(document)
    context = {
        "dossier": dossier,
        "nominees": nominees,
        "meters": sorted(meters.values(), key=lambda m: m.award_name),
        "clock": clock,
        "actions": allowed_actions(dossier, request.user),
        "colour": STATE_COLOURS.get(dossier.state, "secondary"),
        "general_documents": [d for d in dossier.documents.all() if d.nominee_id is None],
        "general_comments": [c for c in dossier.comments.all() if c.nominee_id is None],
        "transitions": list(dossier.transitions.all()),
        "last_return": next((t for t in reversed(dossier.transitions.all()) if t.to_state == "returned"), None),
        "reason_form": ReasonForm(),
    }
    return render(request, "dossiers/dossier_detail.html", context)


@login_required
def dossier_edit(request, pk):
    dossier = _dossier_or_404(request, pk)
    _require(request, "dossiers.prepare_dossier", dossier)
    initial = {f: getattr(dossier, f) for f in ("dated", "place", "signer_name", "signer_title", "summary")}
    form = DossierForm(request.POST or None, initial=initial)
    if _run(request, form, lambda data: services.dossier_update(dossier=dossier, actor=request.user, **data)):
        return redirect(_detail(dossier))
    return render(request, "dossiers/form.html", {"dossier": dossier, "form": form, "title": _("Dossier details")})


@login_required
def dossier_suggestions(request, pk):
    """Start from the engine's suggestions: tick, confirm; nothing to type."""
    dossier = _dossier_or_404(request, pk)
    _require(request, "dossiers.prepare_dossier", dossier)
    if request.method == "POST":
        picks = []
        for value in request.POST.getlist("pick"):
            kind, _sep, rest = value.partition(":")
            pk_text, _sep, code = rest.partition(":")
            if kind in ("person", "unit") and pk_text.isdigit() and code:
                picks.append((kind, int(pk_text), code))
        achievement = request.POST.get("achievement", "").strip() or _(
            "Completed the tasks of the school year %(year)s"
        ) % {"year": dossier.round.school_year_label}
        try:
            services.nominees_confirm(dossier=dossier, actor=request.user, picks=picks, achievement=achievement)
        except ValidationError as exc:
            _error_messages(request, exc)
        else:
            messages.success(request, _("%(n)s nominees added.") % {"n": len(picks)})
            return redirect(_detail(dossier))
    suggestions = selectors.dossier_suggestions(dossier)
    default_achievement = _("Completed the tasks of the school year %(year)s") % {
        "year": dossier.round.school_year_label
    }
    return render(
        request,
        "dossiers/suggestions.html",
        {
            "dossier": dossier,
            "suggestions": suggestions,
            "default_achievement": default_achievement,
            "meters": sorted(selectors.quota_meters(dossier).values(), key=lambda m: m.award_name),
        },
    )


@login_required
def nominee_add(request, pk):
    dossier = _dossier_or_404(request, pk)
    _require(request, "dossiers.prepare_dossier", dossier)
    people = [(p.pk, p.full_name) for p in selectors.unit_members(dossier.unit)]
    awards = [(a.code, a.name) for a in selectors.round_award_choices(dossier.round) if a.is_individual]
    form = AddNomineeForm(request.POST or None, people=people, awards=awards)

    def save(data):
        person = selectors.unit_members(dossier.unit).get(pk=data["person"])
        services.nominee_add(
            dossier=dossier,
            actor=request.user,
            award=Award.objects.get(code=data["award"]),
            person=person,
            achievement=data["achievement"],
            justification=data["justification"],
            quota_reason=data["quota_reason"],
        )

    if _run(request, form, save):
        return redirect(_detail(dossier))
    return render(request, "dossiers/form.html", {"dossier": dossier, "form": form, "title": _("Add a nominee")})


@login_required
def nominee_edit(request, pk):
    nominee = _nominee_or_404(request, pk)
    dossier = nominee.dossier
    _require(request, "dossiers.prepare_dossier", dossier)
    initiatives = selectors.free_initiatives(nominee.person) if nominee.person_id else None
    initial = {
        "achievement": nominee.achievement,
        "justification": nominee.justification,
        "quota_reason": nominee.quota_reason,
        "initiative": nominee.initiative_id,
    }
    form = NomineeForm(request.POST or None, initial=initial, initiatives=initiatives)

    def save(data):
        services.nominee_update(
            nominee=nominee,
            actor=request.user,
            achievement=data["achievement"],
            justification=data["justification"],
            quota_reason=data["quota_reason"],
            initiative=data.get("initiative"),
        )

    if _run(request, form, save):
        return redirect(_detail(dossier))
    wallet = list(selectors.evidence_wallet(nominee.person)) if nominee.person_id else []
    attached = set(nominee.documents.filter(evidence__isnull=False).values_list("evidence_id", flat=True))
    return render(
        request,
        "dossiers/nominee_form.html",
        {
            "dossier": dossier,
            "nominee": nominee,
            "form": form,
            "wallet": wallet,
            "attached": attached,
            "evidence_form": EvidenceForm(),
            "comments": list(nominee.comments.all()),
        },
    )


@login_required
@require_POST
def nominee_remove(request, pk):
    nominee = _nominee_or_404(request, pk)
    _require(request, "dossiers.prepare_dossier", nominee.dossier)
    try:
        services.nominee_remove(nominee=nominee, actor=request.user)
    except ValidationError as exc:
        _error_messages(request, exc)
    return redirect(_detail(nominee.dossier))


@login_required
@require_POST
def evidence_attach(request, pk):
    """Attach an item of the person's wallet, or upload a new one into the wallet and attach it."""
    nominee = _nominee_or_404(request, pk)
    _require(request, "dossiers.prepare_dossier", nominee.dossier)
    if not nominee.person_id:
        raise Http404
    try:
        if request.POST.get("item"):
            item = selectors.evidence_wallet(nominee.person).get(pk=request.POST["item"])
        else:
            form = EvidenceForm(request.POST, request.FILES)
            if not form.is_valid():
                raise ValidationError([e for errors in form.errors.values() for e in errors])
            data = form.cleaned_data
            item = services.evidence_add(
                person=nominee.person,
                actor=request.user,
                kind=data["kind"],
                title=data["title"],
                issued_by=data["issued_by"],
                reference=data["reference"],
                issued_on=data["issued_on"],
                upload=data["file"],
            )
        services.evidence_attach(nominee=nominee, item=item, actor=request.user)
        messages.success(request, _("Evidence attached."))
    except EvidenceItem.DoesNotExist as exc:
        raise Http404 from exc
    except ValidationError as exc:
        _error_messages(request, exc)
    return redirect("dossiers:nominee-edit", pk=nominee.pk)


@login_required
def minutes(request, pk):
    dossier = _dossier_or_404(request, pk, full=True)
    _require(request, "dossiers.prepare_dossier", dossier)
    nominees = list(dossier.nominees.all())
    initial = {
        "meeting_date": dossier.minutes_date,
        "members": dossier.minutes_members,
        "present": dossier.minutes_present,
        "chair": dossier.minutes_chair or dossier.unit.head_name,
        "secretary": dossier.minutes_secretary,
    }
    for n in nominees:
        initial[f"for_{n.pk}"] = n.votes_for
        initial[f"total_{n.pk}"] = n.votes_total
    form = MinutesForm(request.POST or None, initial=initial, nominees=nominees)

    def save(data):
        services.minutes_set(
            dossier=dossier,
            actor=request.user,
            meeting_date=data["meeting_date"],
            members=data["members"],
            present=data["present"],
            chair=data["chair"],
            secretary=data["secretary"],
            votes=form.votes(),
        )

    if _run(request, form, save):
        return redirect(_detail(dossier))
    return render(request, "dossiers/minutes.html", {"dossier": dossier, "form": form})


@login_required
def upload(request, pk):
    dossier = _dossier_or_404(request, pk, full=True)
    _require(request, "dossiers.prepare_dossier", dossier)
    nominees = list(dossier.nominees.all())
    components = list(selectors.campaign_components(dossier))
    form = UploadForm(request.POST or None, request.FILES or None, nominees=nominees, components=components)

    def save(data):
        nominee = next((n for n in nominees if n.pk == data["nominee"]), None)
        component = next((c for c in components if c.pk == data.get("component")), None)
        services.document_upload(
            dossier=dossier,
            actor=request.user,
            kind=data["kind"],
            upload=data["file"],
            nominee=nominee,
            component=component,
        )

    if _run(request, form, save):
        return redirect(_detail(dossier))
    if request.method == "GET" and request.GET.get("nominee", "").isdigit():
        form.initial.update({"nominee": int(request.GET["nominee"]), "kind": ComponentKind.REPORT})
    return render(
        request,
        "dossiers/form.html",
        {"dossier": dossier, "form": form, "title": _("Upload a component"), "multipart": True},
    )


# --------------------------------------------------------------------------- downloads


@login_required
def document_download(request, pk):
    try:
        document = selectors.document_get(request.user, pk)
    except DossierDocument.DoesNotExist as exc:
        raise Http404 from exc
    source = document.evidence.file if document.evidence_id else document.file
    if not source:
        raise Http404
    with source.open("rb") as handle:
        data = handle.read()
    return _file(data, documents.ascii_name(document.name), document.content_type or "application/octet-stream")


@login_required
def generated(request, pk, which, fmt):
    """The tờ trình, danh sách or biên bản: the stored copy once sent, drafted live before."""
    if which not in documents.DOC_BUILDERS or fmt not in CONTENT_TYPES:
        raise Http404
    dossier = _dossier_or_404(request, pk, full=True)
    stored = next(
        (
            d
            for d in dossier.documents.all()
            if d.generated and d.kind == documents.KIND_OF[which] and d.name.endswith(f".{fmt}")
        ),
        None,
    )
    if stored is not None:
        with stored.file.open("rb") as handle:
            return _file(handle.read(), stored.name, CONTENT_TYPES[fmt])
    data = documents.dossier_document(dossier, list(dossier.nominees.all()), which, fmt)
    return _file(data, documents.document_filename(dossier, which, fmt), CONTENT_TYPES[fmt])


@login_required
def refusal(request, pk, fmt):
    """The receiving level's numbered notice of refusal, for both the sender and the receiver."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    dossier = _dossier_or_404(request, pk, full=True)
    if not dossier.refusal_notice:
        raise Http404
    data = documents.render(documents.refusal_doc(dossier), fmt)
    return _file(data, documents.document_filename(dossier, "refusal", fmt), CONTENT_TYPES[fmt])


@login_required
def report(request, pk, fmt):
    """The báo cáo thành tích drafted from the portal's data, for the nominee to edit and sign."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    nominee = _nominee_or_404(request, pk)
    data = documents.render(documents.report_doc(nominee), fmt)
    return _file(data, documents.report_filename(nominee, fmt), CONTENT_TYPES[fmt])


@login_required
def packet(request, pk):
    dossier = _dossier_or_404(request, pk, full=True)
    data = documents.packet(dossier)
    name = f"ho-so-{documents.ascii_name(dossier.unit.short_name or dossier.unit.code)}-{dossier.pk}.zip"
    return _file(data, name, "application/zip")


# --------------------------------------------------------------------------- route


@login_required
@require_POST
def send(request, pk):
    dossier = _dossier_or_404(request, pk)
    _require(request, "dossiers.send_dossier", dossier)
    try:
        services.dossier_send(dossier=dossier, actor=request.user)
        messages.success(request, _("The dossier was sent to %(unit)s.") % {"unit": dossier.receiver.name})
    except ValidationError as exc:
        _error_messages(request, exc)
    return redirect(_detail(dossier))


ACTIONS = {
    "receive": lambda d, u, reason: services.dossier_receive(dossier=d, actor=u),
    "start_appraisal": lambda d, u, reason: services.appraisal_start(dossier=d, actor=u),
    "appraise": lambda d, u, reason: services.dossier_appraise(dossier=d, actor=u, reason=reason),
    "forward": lambda d, u, reason: services.dossier_forward(dossier=d, actor=u, reason=reason),
    "refuse": lambda d, u, reason: services.dossier_refuse(dossier=d, actor=u, notice=reason),
}


@login_required
@require_POST
def act(request, pk, action):
    if action not in ACTIONS:
        raise Http404
    dossier = _dossier_or_404(request, pk)
    _require(request, "dossiers.appraise_dossier", dossier)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        ACTIONS[action](dossier, request.user, reason)
        messages.success(request, _("Done."))
    except ValidationError as exc:
        _error_messages(request, exc)
    if action == "start_appraisal":
        return redirect("dossiers:appraisal", pk=dossier.pk)
    return redirect(_detail(dossier))


@login_required
def return_dossier(request, pk):
    dossier = _dossier_or_404(request, pk, full=True)
    _require(request, "dossiers.appraise_dossier", dossier)
    nominees = list(dossier.nominees.all())
    errors = []
    if request.method == "POST":
        comments = []
        for n in nominees:
            text = request.POST.get(f"nominee_{n.pk}", "")
            component = request.POST.get(f"component_{n.pk}", "")
            comments.append((n, component if component in ComponentKind.values else "", text))
        for kind in ComponentKind:
            comments.append((None, kind.value, request.POST.get(f"component_{kind.value}", "")))
        try:
            services.dossier_return(
                dossier=dossier, actor=request.user, reason=request.POST.get("reason", ""), comments=comments
            )
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, _("The dossier was returned for amendment."))
            return redirect(_detail(dossier))
    return render(
        request,
        "dossiers/return.html",
        {"dossier": dossier, "nominees": nominees, "components": list(ComponentKind), "errors": errors},
    )


@login_required
def appraisal(request, pk):
    dossier = _dossier_or_404(request, pk, full=True)
    _require(request, "dossiers.appraise_dossier", dossier)
    nominees = list(dossier.nominees.all())
    form = AppraiseNomineeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        nominee = next((n for n in nominees if n.pk == form.cleaned_data["nominee"]), None)
        if nominee is None:
            raise Http404
        try:
            services.nominee_appraise(
                nominee=nominee,
                actor=request.user,
                result=form.cleaned_data["result"],
                reasons=form.cleaned_data["reasons"],
            )
        except ValidationError as exc:
            _error_messages(request, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("dossiers:appraisal", pk=dossier.pk)
    return render(
        request,
        "dossiers/appraisal.html",
        {
            "dossier": dossier,
            "nominees": nominees,
            "actions": allowed_actions(dossier, request.user),
            "meters": selectors.quota_meters(dossier),
        },
    )


# --------------------------------------------------------------------------- queue


def _queue_filters(request):
    form = QueueFilterForm(
        request.GET or None,
        rounds=selectors.queue_rounds(request.user),
    )
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    filters = {
        "state": data.get("state") or "",
        "sender": data.get("sender") or "",
        "award_round": data.get("round"),
        "overdue_only": bool(data.get("overdue")),
    }
    return form, filters


@login_required
def clock_settings(request):
    """The receiving level's working-day limits and holidays (the legal clocks of its queue)."""
    _require(request, "dossiers.manage_clock")
    unit = request.user.unit  # None: a system administrator sets the nationwide ones
    settings_now = selectors.clock_settings(unit)
    clock_form = LegalClockForm(
        request.POST if "clock" in request.POST else None,
        initial={
            "return_days": settings_now["return_days"],
            "appraisal_days": settings_now["appraisal_days"],
            "remind_days_before": settings_now["remind_days"],
        },
    )
    holiday_form = HolidayForm(request.POST if "holiday" in request.POST else None)
    form = clock_form if "clock" in request.POST else holiday_form if "holiday" in request.POST else None
    if form is not None and form.is_valid():
        try:
            if form is clock_form:
                services.legal_clock_set(unit=unit, actor=request.user, **form.cleaned_data)
                messages.success(request, _("The working-day limits were saved."))
            else:
                services.holiday_add(unit=unit, actor=request.user, **form.cleaned_data)
                messages.success(request, _("The holiday was added."))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect("dossiers:clock")
    context = {"unit": unit, "clock_form": clock_form, "holiday_form": holiday_form, **settings_now}
    return render(request, "dossiers/clock.html", context)


@login_required
@require_POST
def holiday_remove(request, pk):
    _require(request, "dossiers.manage_clock")
    try:
        holiday = selectors.own_holiday(request.user.unit, pk)
    except Holiday.DoesNotExist as exc:
        raise Http404 from exc
    services.holiday_remove(holiday=holiday, actor=request.user)
    messages.success(request, _("The holiday was removed."))
    return redirect("dossiers:clock")


@login_required
def queue(request):
    _require(request, "dossiers.view_queue")
    form, filters = _queue_filters(request)
    page = request.GET.get("trang", "1")
    result = selectors.queue(request.user, page=int(page) if page.isdigit() else 1, **filters)
    params = request.GET.copy()
    params.pop("trang", None)
    return render(
        request,
        "dossiers/queue.html",
        {"form": form, "page": result, "rows": result.rows, "query": params.urlencode()},
    )


@login_required
def queue_export(request):
    _require(request, "dossiers.view_queue")
    _form, filters = _queue_filters(request)
    # A Sở's queue in the proposal season may run to thousands of dossiers: past EXPORT_INLINE_ROWS a worker.
    return export_response(request, kind=excel.QUEUE_EXPORT, params=filters)
