"""The dossier's path: send (atomic, frozen verdicts), receive, return, resend with a diff, appraise."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from awards import services as award_services
from dossiers import services
from dossiers.enums import TRANSITIONS, AppraisalResult, DossierState
from dossiers.models import Dossier, DossierDocument, DossierTransition, Nominee
from dossiers.tests.factories import (
    TODAY,
    dossier_for,
    head_of,
    ready_dossier,
    school_year_round,
)
from units.models import AuditLog, Notification
from units.tests.factories import PersonFactory

S = DossierState
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(datetime.datetime(2026, 5, 20, 9, 0, tzinfo=datetime.UTC), tick=False):
        yield


def test_send_freezes_verdicts_numbers_and_generates_documents(world):
    head = head_of(world.school_a1)
    dossier = ready_dossier(world)
    services.dossier_send(dossier=dossier, actor=head)
    dossier.refresh_from_db()
    assert (dossier.state, dossier.number, dossier.number_symbol) == (S.SENT, 1, f"01/TTr-{world.school_a1.short_name}")
    assert dossier.receiver == world.phong_a
    nominee = dossier.nominees.get()
    assert nominee.verdict == "eligible"
    assert nominee.verdict_frozen_at is not None
    assert nominee.verdict_data["on_date"] == TODAY.isoformat()
    citations = [r["citation"] for r in nominee.verdict_data["results"]]
    assert all(citations) and any("06/2022/QH15" in c for c in citations)
    generated = sorted(
        DossierDocument.objects.filter(dossier=dossier, generated=True).values_list("kind", "content_type")
    )
    assert len(generated) == 6
    assert {k for k, _ in generated} == {"proposal", "list", "minutes"}
    log = DossierTransition.objects.get(dossier=dossier)
    assert (log.from_state, log.to_state, log.actor) == (S.DRAFT, S.SENT, head)
    assert AuditLog.objects.filter(action="dossiers.state_changed", object_id=str(dossier.pk)).count() == 1
    assert Notification.objects.filter(user=world.users["phong_officer"]).count() == 1


def test_only_the_head_or_a_delegate_sends(world):
    dossier = ready_dossier(world)
    with pytest.raises(PermissionDenied):
        services.dossier_send(dossier=dossier, actor=world.users["school_clerk"])
    from dossiers.models import SendDelegation

    SendDelegation.objects.create(unit=world.school_a1, user=world.users["school_clerk"])
    services.dossier_send(dossier=dossier, actor=world.users["school_clerk"])
    assert Dossier.objects.get(pk=dossier.pk).state == S.SENT


def test_frozen_verdict_does_not_change_when_history_changes(world):
    dossier = ready_dossier(world)
    services.dossier_send(dossier=dossier, actor=None)
    before = Nominee.objects.get(dossier=dossier).verdict_data
    award_services.restriction_create(
        person=world.person_a1,
        unit=world.school_a1,
        kind="discipline",
        level="warning",
        start=datetime.date(2026, 5, 1),
        actor=None,
    )
    award_services.task_rating_set(
        person=world.person_a1, unit=world.school_a1, school_year=2025, rating="completed", actor=None
    )
    nominee = Nominee.objects.get(dossier=dossier)
    assert (nominee.verdict, nominee.verdict_data) == ("eligible", before)


def test_every_transition_outside_the_table_is_refused(world):
    dossier = dossier_for(world.school_a1, school_year_round(world.phong_a))
    for state in S:
        for target in S:
            Dossier.objects.filter(pk=dossier.pk).update(state=state)
            dossier.refresh_from_db()
            if target in TRANSITIONS[state]:
                services.transition(dossier=dossier, to=target, actor=None)
                assert Dossier.objects.get(pk=dossier.pk).state == target
            else:
                with pytest.raises(ValidationError):
                    services.transition(dossier=dossier, to=target, actor=None)
                assert Dossier.objects.get(pk=dossier.pk).state == state


def test_sent_dossier_cannot_be_edited_until_returned(world):
    dossier = ready_dossier(world)
    services.dossier_send(dossier=dossier, actor=None)
    nominee = dossier.nominees.get()
    with pytest.raises(ValidationError) as exc:
        services.nominee_update(nominee=nominee, actor=None, achievement="Khác")
    assert "chỉ có thể sửa sau khi bị trả lại" in exc.value.messages[0]
    assert Nominee.objects.get(pk=nominee.pk).achievement == "Hoàn thành tốt nhiệm vụ"


def test_return_and_resend_shows_what_changed(world):
    officer = world.users["phong_officer"]
    dossier = ready_dossier(world)
    services.dossier_send(dossier=dossier, actor=None)
    services.dossier_receive(dossier=dossier, actor=officer)
    nominee = dossier.nominees.get()
    services.dossier_return(
        dossier=dossier,
        actor=officer,
        reason="Bổ sung thành tích",
        comments=[(nominee, "report", "Ghi rõ số liệu thành tích"), (None, "minutes", "Thiếu chữ ký thư ký")],
    )
    dossier.refresh_from_db()
    assert dossier.state == S.RETURNED
    assert list(dossier.comments.values_list("text", flat=True)) == ["Ghi rõ số liệu thành tích", "Thiếu chữ ký thư ký"]
    assert Notification.objects.filter(user__unit=world.school_a1, title__contains="trả lại").exists()
    services.nominee_update(nominee=nominee, actor=None, achievement="Hoàn thành tốt nhiệm vụ; 95% học sinh lên lớp")
    services.dossier_send(dossier=dossier, actor=None)
    dossier.refresh_from_db()
    assert dossier.state == S.RESENT
    assert dossier.number == 1  # the number stays
    assert dossier.resend_diff == [
        {
            "what": "nominee_changed",
            "name": "Nguyễn Thị Lan",
            "award": "Lao động tiên tiến",
            "field": "Thành tích",
            "before": "Hoàn thành tốt nhiệm vụ",
            "after": "Hoàn thành tốt nhiệm vụ; 95% học sinh lên lớp",
        }
    ]


def test_appraisal_marks_every_nominee_then_appraises(world):
    officer = world.users["phong_officer"]
    dossier = ready_dossier(world)
    services.dossier_send(dossier=dossier, actor=None)
    services.appraisal_start(dossier=dossier, actor=officer)
    dossier.refresh_from_db()
    assert dossier.state == S.UNDER_APPRAISAL
    nominee = dossier.nominees.get()
    labels = [item["label"] for item in nominee.checklist]
    assert "Báo cáo thành tích có chữ ký" in labels
    assert all(item["ok"] for item in nominee.checklist), nominee.checklist
    with pytest.raises(ValidationError):
        services.dossier_appraise(dossier=dossier, actor=officer)
    with pytest.raises(ValidationError):
        services.nominee_appraise(nominee=nominee, actor=officer, result=AppraisalResult.NOT_QUALIFIED)
    services.nominee_appraise(nominee=nominee, actor=officer, result=AppraisalResult.QUALIFIED)
    services.dossier_appraise(dossier=dossier, actor=officer)
    assert Dossier.objects.get(pk=dossier.pk).state == S.APPRAISED
    with pytest.raises(PermissionDenied):
        services.dossier_forward(dossier=dossier, actor=world.users["so_officer"])


def test_sending_is_all_or_nothing(world, monkeypatch):
    dossier = ready_dossier(world)
    from dossiers import documents

    def broken(*args, **kwargs):
        raise RuntimeError("renderer down")

    monkeypatch.setattr(documents, "render_pdf", broken)
    with pytest.raises(RuntimeError):
        services.dossier_send(dossier=dossier, actor=None)
    dossier.refresh_from_db()
    nominee = dossier.nominees.get()
    assert (dossier.state, dossier.number, nominee.verdict_frozen_at) == (S.DRAFT, None, None)
    assert DossierDocument.objects.filter(dossier=dossier, generated=True).count() == 0


def test_forwarding_gathers_qualified_nominees_into_the_receivers_own_dossier(world):
    officer = world.users["phong_officer"]
    dossier = ready_dossier(world)
    services.dossier_send(dossier=dossier, actor=None)
    services.appraisal_start(dossier=dossier, actor=officer)
    nominee = dossier.nominees.get()
    services.nominee_appraise(nominee=nominee, actor=officer, result=AppraisalResult.QUALIFIED)
    services.dossier_appraise(dossier=dossier, actor=officer)
    services.dossier_forward(dossier=dossier, actor=officer, reason="Thuộc thẩm quyền Giám đốc Sở")
    dossier.refresh_from_db()
    assert (dossier.state, dossier.forwarded_to) == (S.FORWARDED, world.so)
    gathering = Dossier.objects.get(unit=world.phong_a, round=dossier.round)
    assert (gathering.state, gathering.receiver) == (S.DRAFT, world.so)
    copy = gathering.nominees.get()
    assert (copy.person, copy.source, copy.verdict_data) == (world.person_a1, nominee, nominee.verdict_data)
    assert list(copy.documents.values_list("kind", flat=True)) == ["report"]


def test_numbers_run_from_01_each_year(world):
    award_round = school_year_round(world.phong_a, deadline=None)
    first = ready_dossier(world, award_round=award_round)
    services.dossier_send(dossier=first, actor=None, today=datetime.date(2026, 5, 20))
    person = PersonFactory(unit=world.school_a1, full_name="Hoàng Thị Mai")
    second = ready_dossier(world, award_round=award_round, people=[person])
    services.dossier_send(dossier=second, actor=None, today=datetime.date(2026, 5, 21))
    third = ready_dossier(world, award_round=award_round, people=[PersonFactory(unit=world.school_a1)])
    services.dossier_send(dossier=third, actor=None, today=datetime.date(2027, 1, 5))
    numbers = [(d.number_year, d.number) for d in Dossier.objects.filter(pk__in=[first.pk, second.pk, third.pk])]
    assert sorted(numbers) == [(2026, 1), (2026, 2), (2027, 1)]
