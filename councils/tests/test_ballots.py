"""Ballots: secrecy by construction, one vote per member, and every refusal of the issue with its
Vietnamese message and nothing half-saved."""

import datetime

import pytest
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models

from councils import services
from councils.enums import Attendance, ItemResult, MemberRole, SessionState
from councils.models import AgendaItem, BallotReceipt, CouncilMember, SessionAct
from councils.tests.factories import (
    council_of,
    members_of,
    nominees_for,
    open_session,
    secretary_of,
    session_of,
)
from dossiers.enums import CouncilResult
from units.models import AuditLog
from units.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _all_agree(session, agree=True):
    return dict.fromkeys(session.items.filter(secret=True).values_list("pk", flat=True), agree)


def _counts(session):
    return list(session.items.order_by("pk").values_list("agree", "disagree"))


# --------------------------------------------------------------------------- secrecy


def test_no_model_links_a_member_to_a_choice():
    """The receipt names the member and holds no choice and no time; the counters name nobody."""
    receipt_fields = {f.name for f in BallotReceipt._meta.get_fields()}
    assert receipt_fields == {"id", "session", "member", "written"}
    item_relations = {f.name for f in AgendaItem._meta.get_fields() if f.is_relation and f.related_model is not None}
    assert item_relations == {"session", "nominee", "award"}
    assert not any(isinstance(f, models.DateTimeField) for f in AgendaItem._meta.get_fields())
    # No model anywhere relates to both a member (or an account) and an agenda item.
    from django.apps import apps

    for model in apps.get_models():
        related = {f.related_model for f in model._meta.get_fields() if f.is_relation and not f.auto_created}
        assert not ({AgendaItem} <= related and related & {CouncilMember, UserFactory._meta.model}), model


def test_admin_offers_no_way_to_link():
    import councils.admin  # noqa: F401  (registers the screens, as the URLconf does)

    receipt_admin = admin.site._registry[BallotReceipt]
    item_admin = admin.site._registry[AgendaItem]
    assert receipt_admin.has_change_permission(None) is False
    assert receipt_admin.has_add_permission(None) is False
    assert item_admin.has_change_permission(None) is False
    assert not getattr(receipt_admin, "inlines", [])
    assert "written" in receipt_admin.list_display
    assert not {"agree", "disagree"} & (set(item_admin.list_display) | set(item_admin.fields))


def test_admin_shows_a_tally_only_once_the_session_closed(world):
    import councils.admin  # noqa: F401

    council, session = open_session(world, size=3)
    item_admin = admin.site._registry[AgendaItem]
    for member in members_of(council):
        services.ballot_submit(session=session, user=member.user, choices=_all_agree(session))
    item = session.items.select_related("session").get()
    assert item_admin.tally(item) == "—"
    services.session_close(session=session, actor=secretary_of(council))
    item = session.items.select_related("session").get()
    assert item_admin.tally(item) == "3 / 0"


def test_nothing_logged_holds_a_choice(world):
    council, session = open_session(world, size=3)
    members = members_of(council)
    services.ballot_submit(session=session, user=members[0].user, choices=_all_agree(session, True))
    services.ballot_submit(session=session, user=members[1].user, choices=_all_agree(session, False))
    entries = list(AuditLog.objects.filter(action="councils.ballot_cast").values_list("data", flat=True))
    assert entries == [{"written": False}, {"written": False}]
    assert list(BallotReceipt.objects.values_list("written", flat=True)) == [False, False]
    assert _counts(session) == [(1, 1)]


# --------------------------------------------------------------------------- refusals


def test_a_non_member_cannot_vote(world):
    _council, session = open_session(world, size=3)
    stranger = UserFactory(username="la_mat", unit=world.phong_a, is_officer=True)
    with pytest.raises(ValidationError) as exc:
        services.ballot_submit(session=session, user=stranger, choices=_all_agree(session))
    assert exc.value.messages == ["Chỉ thành viên của Hội đồng này được bỏ phiếu trong các phiên họp của Hội đồng."]
    assert _counts(session) == [(0, 0)]
    assert BallotReceipt.objects.count() == 0


def test_a_second_vote_is_refused_and_counts_once(world):
    council, session = open_session(world, size=3)
    member = members_of(council)[0]
    services.ballot_submit(session=session, user=member.user, choices=_all_agree(session, True))
    with pytest.raises(ValidationError) as exc:
        services.ballot_submit(session=session, user=member.user, choices=_all_agree(session, False))
    assert exc.value.messages == ["Thành viên 01 đã bỏ phiếu trong phiên họp này."]
    assert _counts(session) == [(1, 0)]
    assert BallotReceipt.objects.count() == 1


def test_a_vote_after_the_session_closed_is_refused(world):
    council, session = open_session(world, size=3)
    members = members_of(council)
    for member in members[:2]:
        services.ballot_submit(session=session, user=member.user, choices=_all_agree(session))
    services.session_close(session=session, actor=secretary_of(council), close_ballots=True, reason="Hết giờ")
    with pytest.raises(ValidationError) as exc:
        services.ballot_submit(session=session, user=members[2].user, choices=_all_agree(session))
    assert exc.value.messages == ["Chưa mở bỏ phiếu: phiên họp đang ở trạng thái “Đã kết thúc”."]
    assert _counts(session) == [(2, 0)]


def test_an_incomplete_ballot_saves_nothing(world):
    council, session = open_session(world, size=3, count=2)
    first = session.items.order_by("pk").first()
    with pytest.raises(ValidationError) as exc:
        services.ballot_submit(session=session, user=members_of(council)[0].user, choices={first.pk: True})
    assert exc.value.messages == ["Hãy chọn đồng ý hoặc không đồng ý cho từng người trên phiếu."]
    assert _counts(session) == [(0, 0), (0, 0)]
    assert BallotReceipt.objects.count() == 0


def test_a_session_below_quorum_does_not_open(world):
    council = council_of(world, size=5)
    nominees_for(world)
    session = session_of(council)
    services.attendance_set(
        session=session, statuses={m.pk: Attendance.ABSENT for m in members_of(council)[3:]}, actor=None
    )
    with pytest.raises(ValidationError) as exc:
        services.session_open(session=session, actor=None)
    assert exc.value.messages[0].startswith("Không đủ số thành viên dự họp: 3/5 thành viên có mặt")
    session.refresh_from_db()
    assert (session.state, session.quorum_percent, session.opened_at) == (SessionState.DRAFT, None, None)


def test_a_session_that_falls_below_quorum_does_not_close(world):
    council, session = open_session(world, size=3)
    members = members_of(council)
    services.attendance_set(session=session, statuses={members[2].pk: Attendance.ABSENT}, actor=None)
    services.attendance_set(session=session, statuses={members[1].pk: Attendance.ABSENT}, actor=None)
    with pytest.raises(ValidationError) as exc:
        services.session_close(session=session, actor=None)
    assert "1/3" in exc.value.messages[0]
    session.refresh_from_db()
    assert session.state == SessionState.OPEN
    assert session.items.get().result == ItemResult.PENDING
    assert session.items.get().nominee.council_result == CouncilResult.PENDING


def test_an_even_school_council_is_refused_when_a_session_opens(world):
    council = council_of(world, unit=world.school_a1, size=4)
    session = services.session_create(
        council=council, title="Họp", date=datetime.date(2026, 12, 1), place="Phòng họp", actor=None
    )
    with pytest.raises(ValidationError) as exc:
        services.session_open(session=session, actor=None)
    assert exc.value.messages[0] == (
        "Hội đồng của trường học có số thành viên lẻ (Thông tư 28/2020/TT-BGDĐT và 32/2020/TT-BGDĐT, "
        "Điều 12 khoản 1); Hội đồng này có 4 thành viên."
    )


def test_a_council_needs_one_chair_and_a_secretary(world):
    council = council_of(world, size=3)
    other = UserFactory(username="chu_tich_2", unit=world.phong_a, is_council_member=True)
    with pytest.raises(ValidationError) as exc:
        services.member_add(council=council, user=other, role=MemberRole.CHAIR, actor=None)
    assert exc.value.messages == ["Hội đồng đã có chủ tịch."]
    clerk = UserFactory(username="van_thu_pa", full_name="Đỗ Thị Hằng", unit=world.phong_a, is_clerk=True)
    with pytest.raises(ValidationError) as exc:
        services.member_add(council=council, user=clerk, role=MemberRole.MEMBER, actor=None)
    assert exc.value.messages == ["Hãy cấp vai trò thành viên Hội đồng cho Đỗ Thị Hằng ở trang Tài khoản trước."]
    outsider = UserFactory(username="ngoai_so", unit=world.other_so)
    with pytest.raises(ValidationError):
        services.member_add(council=council, user=outsider, role=MemberRole.MEMBER, actor=None)
    assert council.members.count() == 3


def test_close_waits_for_missing_ballots_unless_closed_explicitly(world):
    council, session = open_session(world, size=3)
    member = members_of(council)[0]
    services.ballot_submit(session=session, user=member.user, choices=_all_agree(session))
    with pytest.raises(ValidationError) as exc:
        services.session_close(session=session, actor=secretary_of(council))
    assert "Thành viên 02, Thành viên 03" in exc.value.messages[0]
    with pytest.raises(ValidationError):
        services.session_close(session=session, actor=secretary_of(council), close_ballots=True)
    services.session_close(session=session, actor=secretary_of(council), close_ballots=True, reason="Hai người về sớm")
    session.refresh_from_db()
    assert (session.state, session.ballots_closed_early) == (SessionState.CLOSED, True)
    assert session.transitions.last().reason == "Hai người về sớm"


def test_only_the_secretary_closes(world):
    council, session = open_session(world, size=3)
    with pytest.raises(PermissionDenied):
        services.session_close(session=session, actor=members_of(council)[0].user)


def test_open_vote_counts_cannot_exceed_members(world):
    council, session = open_session(world, size=3, code="LDTT")
    item = session.items.get()
    assert (item.secret, item.threshold) == (False, 50)
    with pytest.raises(ValidationError) as exc:
        services.open_count_set(item=item, agree=3, disagree=1, actor=secretary_of(council))
    assert exc.value.messages == ["Số đồng ý và không đồng ý cộng lại không được vượt quá 3 thành viên của Hội đồng."]
    with pytest.raises(ValidationError):
        services.session_close(session=session, actor=secretary_of(council))
    services.open_count_set(item=item, agree=2, disagree=1, actor=secretary_of(council))
    services.session_close(session=session, actor=secretary_of(council))
    item.refresh_from_db()
    assert (item.agree, item.result) == (2, ItemResult.APPROVED)
    session.refresh_from_db()
    assert session.count_entry is None
    assert session.minutes_entry.number_symbol == "01/BB-PGDĐTA"


def test_a_closed_session_takes_a_correction_not_an_edit(world):
    council, session = open_session(world, size=3)
    for member in members_of(council):
        services.ballot_submit(session=session, user=member.user, choices=_all_agree(session))
    services.session_close(session=session, actor=secretary_of(council))
    with pytest.raises(ValidationError):
        services.attendance_set(session=session, statuses={}, actor=secretary_of(council))
    with pytest.raises(ValidationError):
        services.open_count_set(item=session.items.get(), agree=0, disagree=0, actor=secretary_of(council))
    act = services.act_record(
        session=session, text="Sửa chức vụ của Thành viên 03", reason="Ghi nhầm", actor=secretary_of(council)
    )
    assert list(SessionAct.objects.values_list("text", "reason")) == [("Sửa chức vụ của Thành viên 03", "Ghi nhầm")]
    assert act.actor == secretary_of(council)
    assert _counts(session) == [(3, 0)]


def test_signed_scan_is_judged_by_its_bytes(world):
    council, session = open_session(world, size=3)
    for member in members_of(council):
        services.ballot_submit(session=session, user=member.user, choices=_all_agree(session))
    services.session_close(session=session, actor=secretary_of(council))
    fake = SimpleUploadedFile("bien-ban.pdf", b"MZ not a pdf at all", content_type="application/pdf")
    with pytest.raises(ValidationError):
        services.file_upload(session=session, kind="minutes", upload=fake, actor=None)
    real = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4\n% signed\n%%EOF\n", content_type="application/pdf")
    record = services.file_upload(session=session, kind="minutes", upload=real, actor=None)
    assert (record.content_type, session.files.count()) == ("application/pdf", 1)
