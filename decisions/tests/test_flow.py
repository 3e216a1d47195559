"""The screens and the other steps: preparing from the approvals, public disclosure with comments,
revocation with field errors, results decided outside the portal, notifications, list queries."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from awards.models import AwardRecord
from decisions import services
from decisions.enums import DecisionState
from decisions.models import AwardDecision
from decisions.tests.factories import (
    D,
    approved_dossier,
    colleague,
    draft_decision,
    issued_decision,
    phong_head,
    quick_approved_dossier,
    quick_decision,
)
from dossiers import services as dossier_services
from dossiers.enums import DossierState
from units.models import Notification
from units.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def test_the_officer_prepares_a_draft_from_the_approved_nominees_all_ticked(world, client_for):
    dossier = approved_dossier(world, people=[world.person_a1, colleague(world)])
    client = client_for(world.users["phong_officer"])
    page = client.get(reverse("decisions:decision-create"))
    assert [n.name for n in page.context["form"].fields["nominees"].initial] == ["Nguyễn Thị Lan", "Phạm Minh Đức"]
    chosen = dossier.nominees.get(person=world.person_a1)
    response = client.post(reverse("decisions:decision-create"), {"nominees": [chosen.pk]})
    decision = AwardDecision.objects.get()
    assert response["Location"] == reverse("decisions:decision-detail", args=[decision.pk])
    assert [(line.nominee.name, line.cash_amount) for line in decision.lines.all()] == [("Nguyễn Thị Lan", 702_000)]
    assert (decision.state, decision.issuer_unit, decision.school_year) == (DecisionState.DRAFT, world.phong_a, 2025)
    detail = client.get(response["Location"])
    assert detail.context["actions"] == {"edit", "disclose", "cancel"}
    # The other nominee is still waiting; the one on the draft is not offered again.
    again = client.get(reverse("decisions:decision-create"))
    assert [n.name for n in again.context["candidates"]] == ["Phạm Minh Đức"]


def test_the_head_issues_from_the_page_and_the_fields_show_refusals(world, client_for):
    decision = draft_decision(world)
    client = client_for(phong_head(world))
    url = reverse("decisions:decision-issue", args=[decision.pk])
    refused = client.post(url, {"dated": "02/12/2026", "signer_name": "Lê Văn Trưởng"})
    assert refused.context["form"].errors == {"dated": ["Quyết định không thể ghi ngày trong tương lai."]}
    done = client.post(url, {"dated": "01/12/2026", "signer_name": "Lê Văn Trưởng", "signing_authority": "KT. TP"})
    assert done.status_code == 302
    decision.refresh_from_db()
    assert (decision.state, decision.number_symbol, decision.signing_authority) == ("issued", "01/QĐ-PGDĐTA", "KT. TP")
    # The issued decision's page leads to its certificates, and that page answers its reader.
    page = client.get(reverse("decisions:decision-detail", args=[decision.pk])).content.decode()
    certificates = reverse("certificates:decision", args=[decision.decision_id])
    assert f'href="{certificates}"' in page
    assert client.get(certificates).status_code == 200


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_disclosure_lets_the_units_concerned_comment_and_blocks_issuing_until_it_closes(world):
    decision = draft_decision(world)
    officer = _client(world.users["phong_officer"])
    officer.post(reverse("decisions:decision-disclose", args=[decision.pk]), {"days": 3})
    decision.refresh_from_db()
    assert (decision.state, decision.disclosure_days) == (DecisionState.DISCLOSED, 3)
    assert decision.disclosure_ends_at == decision.disclosure_opened_at + datetime.timedelta(days=3)
    clerk = _client(world.users["school_clerk"])
    assert [d.pk for d in clerk.get(reverse("decisions:disclosure-list")).context["page"]] == [decision.pk]
    clerk.post(reverse("decisions:disclosure-detail", args=[decision.pk]), {"text": "Đề nghị bổ sung thầy Đức"})
    detail = officer.get(reverse("decisions:decision-detail", args=[decision.pk]))
    assert [(c.unit.name, c.text) for c in detail.context["comments"]] == [
        ("Trường Tiểu học Thử A1", "Đề nghị bổ sung thầy Đức")
    ]
    assert "issue" not in _client(phong_head(world)).get(detail.request["PATH_INFO"]).context["actions"]
    with pytest.raises(Exception) as exc:
        services.decision_issue(decision=decision, actor=phong_head(world), signer_name="Lê")
    assert exc.value.messages[0].startswith("Danh sách đang được công khai đến")
    with time_machine.travel(decision.disclosure_ends_at + datetime.timedelta(minutes=1), tick=False):
        late = clerk.post(reverse("decisions:disclosure-detail", args=[decision.pk]), {"text": "Muộn"})
        assert late.status_code == 403
        services.decision_issue(decision=decision, actor=phong_head(world), signer_name="Lê")
    decision.refresh_from_db()
    assert (decision.state, decision.comments.count()) == (DecisionState.ISSUED, 1)


def test_outsiders_of_the_disclosure_do_not_see_it(world, client_for):
    decision = quick_decision(world, disclose=True)
    assert list(client_for(world.users["other_head"]).get(reverse("decisions:disclosure-list")).context["page"]) == []
    assert (
        client_for(world.users["other_head"])
        .get(reverse("decisions:disclosure-detail", args=[decision.pk]))
        .status_code
        == 404
    )


def test_revoking_a_line_from_the_page_shows_the_errors_at_the_fields_and_marks_the_history(world, client_for):
    decision = issued_decision(world)
    line = decision.lines.get()
    client = client_for(world.users["phong_officer"])
    url = reverse("decisions:line-revoke", args=[decision.pk, line.pk])
    refused = client.post(url, {"reason": "", "number": "", "date": ""})
    assert refused.context["form"].errors == {
        "reason": ["Hãy nêu lý do thu hồi."],
        "number": ["Hãy nhập số quyết định thu hồi."],
        "date": ["Hãy nhập ngày của quyết định thu hồi."],
    }
    client.post(url, {"reason": "Kê khai không trung thực", "number": "20/QĐ-PGDĐTA", "date": "01/12/2026"})
    record = AwardRecord.objects.get(person=world.person_a1)
    assert (record.revoked_by_number, record.revoked_at is not None) == ("20/QĐ-PGDĐTA", True)
    history = client.get(reverse("awards:person-history", args=[world.person_a1.pk])).content.decode()
    assert "Đã thu hồi" in history and "20/QĐ-PGDĐTA" in history
    assert client.get(url).status_code == 404  # nothing left to revoke on that line


def test_revoking_the_whole_decision_revokes_every_record(world, client_for):
    decision = issued_decision(world, people=[world.person_a1, colleague(world)])
    client = client_for(world.users["phong_officer"])
    client.post(
        reverse("decisions:decision-revoke", args=[decision.pk]),
        {"reason": "Xét duyệt sai quy định", "number": "21/QĐ-PGDĐTA", "date": "01/12/2026"},
    )
    assert AwardRecord.objects.in_force().count() == 0
    assert AwardRecord.objects.filter(revoked_by_number="21/QĐ-PGDĐTA").count() == 2
    detail = client.get(reverse("decisions:decision-detail", args=[decision.pk]))
    assert detail.context["decision"].is_revoked and "revoke" not in detail.context["actions"]


def _forwarded(world):
    dossier = quick_approved_dossier(world)
    dossier_services.transition(dossier=dossier, to=DossierState.FORWARDED, actor=None)
    return dossier


def test_a_result_from_above_lands_in_history_and_closes_the_forwarded_dossier(world, client_for):
    dossier = _forwarded(world)
    client = client_for(world.users["phong_officer"])
    assert [d.pk for d in client.get(reverse("decisions:outside-list")).context["page"]] == [dossier.pk]
    url = reverse("decisions:outside-record", args=[dossier.pk])
    nominee = dossier.nominees.get()
    client.post(
        url,
        {"number": "250/QĐ-UBND", "date": "15/11/2026", "issuer": "UBND tỉnh Thử nghiệm", "nominees": [nominee.pk]},
    )
    record = AwardRecord.objects.get(person=world.person_a1)
    assert (record.decision.number, record.decision.issuer, record.unit, record.cash_amount) == (
        "250/QĐ-UBND",
        "UBND tỉnh Thử nghiệm",
        world.school_a1,
        702_000,
    )
    dossier.refresh_from_db()
    nominee.refresh_from_db()
    assert (dossier.state, nominee.award_record) == (DossierState.CLOSED, record)
    assert list(client.get(reverse("decisions:outside-list")).context["page"]) == []


def test_a_reused_outside_decision_number_is_refused_at_the_field(world, client_for):
    first, second = _forwarded(world), None
    client = client_for(world.users["phong_officer"])
    client.post(
        reverse("decisions:outside-record", args=[first.pk]),
        {"number": "250/QĐ-UBND", "date": "15/11/2026", "issuer": "UBND tỉnh", "nominees": [first.nominees.get().pk]},
    )
    second = _forwarded_colleague(world)
    refused = client.post(
        reverse("decisions:outside-record", args=[second.pk]),
        {"number": "250/QĐ-UBND", "date": "20/11/2026", "issuer": "UBND tỉnh", "nominees": [second.nominees.get().pk]},
    )
    assert refused.context["form"].errors["number"] == [
        "Số quyết định 250/QĐ-UBND của UBND tỉnh đã được dùng trong năm 2026 cho quyết định ngày 15/11/2026; "
        "không được dùng lại số trong cùng một năm."
    ]
    assert AwardRecord.objects.count() == 1


def _forwarded_colleague(world):
    from decisions.tests.factories import quick_approved_dossier as build

    dossier = build(world, person=colleague(world))
    dossier_services.transition(dossier=dossier, to=DossierState.FORWARDED, actor=None)
    return dossier


def test_issuing_tells_the_units_and_the_awarded_people(world, django_capture_on_commit_callbacks):
    teacher_account = UserFactory(username="lan_a1", unit=world.school_a1, person=world.person_a1)
    decision = draft_decision(world)
    Notification.objects.all().delete()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.decision_issue(decision=decision, actor=phong_head(world), dated=D(2026, 12, 1), signer_name="Lê")
    notices = sorted((n.user.username, n.event, n.title) for n in Notification.objects.select_related("user"))
    assert notices == [
        (
            "clerk_a1",
            "decision.issued",
            "Quyết định khen thưởng số 01/QĐ-PGDĐTA của Phòng GD&ĐT Thử A: 1 trường hợp của đơn vị được khen thưởng",
        ),
        ("lan_a1", "decision.awarded", "Bạn được tặng Lao động tiên tiến (quyết định số 01/QĐ-PGDĐTA)"),
    ]
    assert sorted(m.to[0] for m in mail.outbox) == ["clerk_a1@example.test", teacher_account.email]


def test_disclosing_tells_the_units_concerned(world, django_capture_on_commit_callbacks):
    decision = draft_decision(world)
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        services.disclosure_open(decision=decision, days=5, actor=world.users["phong_officer"])
    assert [(n.user.username, n.title) for n in Notification.objects.select_related("user")] == [
        ("clerk_a1", "Phòng GD&ĐT Thử A công khai danh sách khen thưởng (1 trường hợp của đơn vị) đến 06/12/2026")
    ]


@pytest.mark.parametrize("count", [1, 30])
def test_the_list_page_costs_the_same_queries_for_1_or_30_decisions(
    world, client_for, count, django_assert_num_queries
):
    for index in range(count):
        AwardDecision.objects.create(
            issuer_unit=world.phong_a, school_year=2025, summary=f"Khen thưởng {index}", bases="Căn cứ"
        )
    client = client_for(world.users["phong_officer"])
    client.get(reverse("decisions:decision-list"))
    with django_assert_num_queries(8):
        response = client.get(reverse("decisions:decision-list"))
    assert len(response.context["page"]) == count


def test_a_decision_on_a_forwarded_copy_closes_the_dossier_it_came_from(world):
    from dossiers.enums import AppraisalResult

    school_dossier = quick_approved_dossier(world)
    dossier_services.dossier_forward(dossier=school_dossier, actor=None)
    gathering = school_dossier.nominees.get().forwarded_as.get().dossier
    assert (gathering.unit, gathering.receiver) == (world.phong_a, world.so)
    for state in (DossierState.SENT, DossierState.RECEIVED, DossierState.UNDER_APPRAISAL):
        dossier_services.transition(dossier=gathering, to=state, actor=None)
    copy = gathering.nominees.get()
    dossier_services.nominee_appraise(nominee=copy, actor=None, result=AppraisalResult.QUALIFIED)
    dossier_services.transition(dossier=gathering, to=DossierState.APPRAISED, actor=None)
    dossier_services.nominee_council_result_set(nominee=copy, result="approved", actor=None)
    decision = services.decision_create(unit=world.so, nominees=[copy], actor=None)
    services.decision_issue(decision=decision, actor=None, dated=D(2026, 12, 1), signer_name="Trần Giám Đốc")
    school_dossier.refresh_from_db()
    gathering.refresh_from_db()
    assert (gathering.state, school_dossier.state) == (DossierState.CLOSED, DossierState.CLOSED)
    record = AwardRecord.objects.get()
    # The record is the person's, at the school that proposed them, from the Sở's decision.
    assert (record.person, record.unit, record.decision.number) == (world.person_a1, world.school_a1, "01/QĐ-SGDĐT")
    # The lower level cannot record a second result for the same proposal.
    from decisions.selectors import awaiting_result

    assert awaiting_result(school_dossier) == []


@pytest.mark.parametrize("count", [1, 30])
def test_the_disclosure_list_costs_the_same_queries_for_1_or_30(world, count, django_assert_num_queries):
    admin = UserFactory(username="admin_x", is_superuser=True)
    ends = timezone.now() + datetime.timedelta(days=3)
    for index in range(count):
        AwardDecision.objects.create(
            issuer_unit=world.phong_a,
            school_year=2025,
            summary=f"Khen thưởng {index}",
            bases="Căn cứ",
            state=DecisionState.DISCLOSED,
            disclosure_ends_at=ends,
        )
    client = _client(admin)
    client.get(reverse("decisions:disclosure-list"))
    with django_assert_num_queries(7):
        response = client.get(reverse("decisions:disclosure-list"))
    assert len(response.context["page"]) == count


@pytest.mark.parametrize("count", [1, 30])
def test_the_results_from_above_list_costs_the_same_queries_for_1_or_30(world, count, django_assert_num_queries):
    for index in range(count):
        person = world.person_a1 if index == 0 else colleague(world, f"Giáo viên {index:02d}")
        dossier = quick_approved_dossier(world, person=person)
        dossier_services.transition(dossier=dossier, to=DossierState.FORWARDED, actor=None)
    client = _client(world.users["phong_officer"])
    client.get(reverse("decisions:outside-list"))
    with django_assert_num_queries(8):
        response = client.get(reverse("decisions:outside-list"))
    assert len(response.context["page"]) == count
