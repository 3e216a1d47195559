"""Pages of the councils. Objects come through scoped selectors (outside the scope → 404); the
role is checked with django-rules against the object (wrong role → 403)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common import status
from common.dates import school_year_of
from common.views import apply_errors, bytes_download, file_download, flash_errors, require
from councils import documents, law, selectors, services
from councils.enums import Attendance, SessionState
from councils.forms import (
    ActForm,
    AttendanceForm,
    BallotForm,
    CloseForm,
    CouncilEditForm,
    CouncilForm,
    FileForm,
    MemberForm,
    OpenCountForm,
    SessionForm,
    WrittenBallotForm,
)
from councils.models import AgendaItem, Council, CouncilMember, Session, SessionFile

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _get(getter, model, request, pk):
    try:
        return getter(request.user, pk)
    except model.DoesNotExist as exc:
        raise Http404 from exc


def _run(request, form, save) -> bool:
    """Run ``save(cleaned_data)`` for a valid bound form; a service's refusal lands on the form."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        save(form.cleaned_data)
    except ValidationError as exc:
        apply_errors(form, exc)
        return False
    return True


def _session_url(session) -> str:
    return reverse("councils:session-detail", args=[session.pk])


def _council_url(council) -> str:
    return reverse("councils:council-detail", args=[council.pk])


def _form_page(request, form, *, title, back, multipart=False, intro=""):
    return render(
        request,
        "councils/form.html",
        {"form": form, "title": title, "back": back, "multipart": multipart, "intro": intro},
    )


# --------------------------------------------------------------------------- councils


@login_required
def council_list(request):
    councils = list(selectors.council_list(request.user))
    return render(
        request,
        "councils/council_list.html",
        {
            "councils": councils,
            "open_sessions": list(selectors.my_open_sessions(request.user)),
            "can_add": request.user.has_perm("councils.add_council"),
        },
    )


@login_required
def council_create(request):
    require(request.user, "councils.add_council")
    unit = request.user.unit
    initial = {"school_year": school_year_of(timezone.localdate())}
    if unit is not None:
        initial["name"] = f"Hội đồng Thi đua – Khen thưởng {unit.name}"
    form = CouncilForm(request.POST or None, initial=initial)
    created = {}

    def save(data):
        created["council"] = services.council_create(
            unit=unit,
            school_year=data["school_year"],
            name=data["name"],
            quorum_percent=data["quorum_percent"],
            actor=request.user,
        )

    if unit is not None and _run(request, form, save):
        messages.success(request, _("Council set up."))
        return redirect(_council_url(created["council"]))
    percent, citation = law.default_quorum(unit) if unit is not None else (law.DEFAULT_QUORUM, "")
    intro = _("Default quorum for this unit: %(percent)s%% of members present (%(citation)s).") % {
        "percent": percent,
        "citation": citation,
    }
    return _form_page(request, form, title=_("Set up a council"), back=reverse("councils:list"), intro=intro)


@login_required
def council_detail(request, pk):
    council = _get(selectors.council_get, Council, request, pk)
    members = list(council.members.all())
    percent, citation = law.quorum_of(council)
    return render(
        request,
        "councils/council_detail.html",
        {
            "council": council,
            "members": members,
            "sessions": list(council.sessions.all()),
            "problems": services.composition_problems(council, members),
            "quorum": percent,
            "quorum_citation": citation,
            "may_manage": request.user.has_perm("councils.manage_council", council),
        },
    )


@login_required
def council_edit(request, pk):
    council = _get(selectors.council_get, Council, request, pk)
    require(request.user, "councils.manage_council", council)
    form = CouncilEditForm(
        request.POST or None, initial={"name": council.name, "quorum_percent": council.quorum_percent}
    )

    def save(data):
        services.council_update(
            council=council, name=data["name"], quorum_percent=data["quorum_percent"], actor=request.user
        )

    if _run(request, form, save):
        return redirect(_council_url(council))
    return _form_page(request, form, title=_("Edit the council"), back=_council_url(council))


@login_required
def member_add(request, pk):
    council = _get(selectors.council_get, Council, request, pk)
    require(request.user, "councils.manage_council", council)
    form = MemberForm(request.POST or None, candidates=selectors.member_candidates(council))

    def save(data):
        user = selectors.member_candidates(council).filter(pk=data["user"]).first()
        if user is None:
            raise ValidationError({"user": _("Choose an account of this unit.")})
        services.member_add(council=council, user=user, role=data["role"], title=data["title"], actor=request.user)

    if _run(request, form, save):
        return redirect(_council_url(council))
    return _form_page(request, form, title=_("Seat a member"), back=_council_url(council))


@login_required
@require_POST
def member_remove(request, pk):
    member = _get(selectors.member_get, CouncilMember, request, pk)
    require(request.user, "councils.manage_council", member.council)
    try:
        services.member_remove(member=member, actor=request.user)
    except ValidationError as exc:
        flash_errors(request, exc)
    return redirect(_council_url(member.council))


# --------------------------------------------------------------------------- sessions


@login_required
def session_create(request, pk):
    council = _get(selectors.council_get, Council, request, pk)
    require(request.user, "councils.manage_council", council)
    form = SessionForm(request.POST or None, initial={"title": _("Session on the school year's awards")})
    created = {}

    def save(data):
        created["session"] = services.session_create(
            council=council, title=data["title"], date=data["date"], place=data["place"], actor=request.user
        )

    if _run(request, form, save):
        return redirect(_session_url(created["session"]))
    return _form_page(request, form, title=_("Prepare a session"), back=_council_url(council))


@login_required
def session_detail(request, pk):
    session = _get(selectors.session_get, Session, request, pk)
    user = request.user
    attendances = list(session.attendances.all())
    receipts = {r.member_id: r for r in session.receipts.all()}
    items = list(session.items.all())
    members = len(attendances)
    present = sum(1 for a in attendances if a.status == Attendance.PRESENT)
    quorum, quorum_citation = (
        (session.quorum_percent or law.quorum_of(session.council)[0]),
        law.quorum_of(session.council)[1],
    )
    moves = {
        SessionState.OPEN: ("councils:session-open", _("Open the vote")),
        SessionState.CLOSED: ("councils:session-close", _("Close the session")),
    }
    return render(
        request,
        "councils/session_detail.html",
        {
            "session": session,
            "council": session.council,
            "attendances": [(a, receipts.get(a.member_id)) for a in attendances],
            "items": items,
            "members": members,
            "present": present,
            "voted": len(receipts),
            "quorum": quorum,
            "quorum_citation": quorum_citation,
            # Secret tallies are shown only once the session is closed: a running count would
            # tell who voted how to anyone watching it change.
            "show_tallies": session.closed_at is not None,
            "moves": [
                (moves[t.target][1], reverse(moves[t.target][0], args=[session.pk]), t.target == SessionState.CLOSED)
                for t in status.allowed_transitions(session, user)
            ],
            "may_prepare": user.has_perm("councils.prepare_session", session),
            "may_vote": user.has_perm("councils.vote", session),
            "may_attend": user.has_perm("councils.set_attendance", session),
            "may_enter": user.has_perm("councils.enter_votes", session),
            "may_act": user.has_perm("councils.record_act", session),
            "documents": documents.WHICH if session.closed_at else (),
            "has_secret": any(i.secret for i in items),
        },
    )


@login_required
@require_POST
def agenda_build(request, pk):
    session = _get(selectors.session_get, Session, request, pk)
    require(request.user, "councils.prepare_session", session)
    try:
        count = services.agenda_build(session=session, actor=request.user)
        messages.success(request, _("%(count)s nominees put on the agenda.") % {"count": count})
    except ValidationError as exc:
        flash_errors(request, exc)
    return redirect(_session_url(session))


@login_required
@require_POST
def session_open(request, pk):
    session = _get(selectors.session_get, Session, request, pk)
    require(request.user, "councils.open_session", session)
    try:
        services.session_open(session=session, actor=request.user)
        messages.success(request, _("The vote is open."))
    except ValidationError as exc:
        flash_errors(request, exc)
    return redirect(_session_url(session))


@login_required
def session_close(request, pk):
    session = _get(selectors.session_get, Session, request, pk)
    require(request.user, "councils.close_session", session)
    form = CloseForm(request.POST or None)

    def save(data):
        services.session_close(
            session=session, actor=request.user, close_ballots=data["close_ballots"], reason=data["reason"]
        )

    if _run(request, form, save):
        messages.success(request, _("The session is closed and its results recorded."))
        return redirect(_session_url(session))
    return _form_page(request, form, title=_("Close the session"), back=_session_url(session))


@login_required
def attendance(request, pk):
    session = _get(selectors.session_get, Session, request, pk)
    require(request.user, "councils.set_attendance", session)
    form = AttendanceForm(request.POST or None, rows=session.attendances.all())

    def save(data):
        services.attendance_set(session=session, statuses=form.statuses(), actor=request.user)

    if _run(request, form, save):
        return redirect(_session_url(session))
    return _form_page(request, form, title=_("Attendance"), back=_session_url(session))


@login_required
def ballot(request, pk):
    """The member's ballot on a phone: every secret item, agree or disagree, one submit."""
    session = _get(selectors.session_get, Session, request, pk)
    require(request.user, "councils.vote", session)
    items = [i for i in session.items.all() if i.secret]
    form = BallotForm(request.POST or None, items=items)

    def save(data):
        services.ballot_submit(session=session, user=request.user, choices=form.choices())

    if _run(request, form, save):
        messages.success(request, _("Your ballot is in. Thank you."))
        return redirect(_session_url(session))
    return render(
        request,
        "councils/ballot.html",
        {"session": session, "form": form, "rows": [(i, form[f"item_{i.pk}"]) for i in items]},
    )


@login_required
def written_ballot(request, pk):
    session = _get(selectors.session_get, Session, request, pk)
    require(request.user, "councils.enter_votes", session)
    voted = {r.member_id for r in session.receipts.all()}
    absent = [a.member for a in session.attendances.all() if a.status == Attendance.ABSENT and a.member_id not in voted]
    form = WrittenBallotForm(request.POST or None, items=[i for i in session.items.all() if i.secret], members=absent)

    def save(data):
        member = next(m for m in absent if m.pk == data["member"])
        services.written_ballot_enter(session=session, member=member, choices=form.choices(), actor=request.user)

    if _run(request, form, save):
        messages.success(request, _("Written vote entered."))
        return redirect(_session_url(session))
    return _form_page(request, form, title=_("Enter an absent member's written vote"), back=_session_url(session))


@login_required
def open_count(request, pk):
    item = _get(selectors.item_get, AgendaItem, request, pk)
    session = item.session
    require(request.user, "councils.enter_votes", session)
    form = OpenCountForm(request.POST or None, initial={"agree": item.agree, "disagree": item.disagree})

    def save(data):
        services.open_count_set(item=item, agree=data["agree"], disagree=data["disagree"], actor=request.user)

    if _run(request, form, save):
        return redirect(_session_url(session))
    title = _("Show of hands: %(name)s") % {"name": item.nominee.name}
    return _form_page(request, form, title=title, back=_session_url(session))


@login_required
def act_record(request, pk):
    session = _get(selectors.session_get, Session, request, pk)
    require(request.user, "councils.record_act", session)
    form = ActForm(request.POST or None)

    def save(data):
        services.act_record(session=session, text=data["text"], reason=data["reason"], actor=request.user)

    if _run(request, form, save):
        return redirect(_session_url(session))
    return _form_page(request, form, title=_("Record a correction"), back=_session_url(session))


@login_required
def file_upload(request, pk):
    session = _get(selectors.session_get, Session, request, pk)
    require(request.user, "councils.record_act", session)
    form = FileForm(request.POST or None, request.FILES or None)

    def save(data):
        services.file_upload(session=session, kind=data["kind"], upload=data["file"], actor=request.user)

    if _run(request, form, save):
        return redirect(_session_url(session))
    return _form_page(request, form, title=_("Upload the signed minutes"), back=_session_url(session), multipart=True)


@login_required
def document(request, pk, which, fmt):
    if which not in documents.BUILDERS or fmt not in CONTENT_TYPES:
        raise Http404
    session = _get(selectors.session_get, Session, request, pk)
    if session.closed_at is None:
        raise Http404
    data = documents.session_document(session, which, fmt)
    return bytes_download(data, filename=documents.filename(session, which, fmt), content_type=CONTENT_TYPES[fmt])


@login_required
def file_download_view(request, pk):
    record = _get(selectors.file_get, SessionFile, request, pk)
    return file_download(record.file, filename=record.name, content_type=record.content_type)
