"""The evidence wallet (attached across years, never uploaded again) and the actions each role is offered."""

import datetime

import pytest
import time_machine

from dossiers import services
from dossiers.enums import DossierState, EvidenceKind
from dossiers.models import DossierDocument, EvidenceItem
from dossiers.rules import allowed_actions
from dossiers.tests.factories import (
    award,
    dossier_for,
    good_year,
    head_of,
    pdf_upload,
    ready_dossier,
    school_year_round,
)

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(datetime.datetime(2026, 5, 20, 9, 0, tzinfo=datetime.UTC), tick=False):
        yield


def test_an_evidence_item_is_kept_on_the_person_and_attached_again_next_year(world):
    item = services.evidence_add(
        person=world.person_a1,
        actor=None,
        kind=EvidenceKind.GOOD_TEACHER,
        title="Giáo viên dạy giỏi cấp huyện 2024–2025",
        issued_by="Phòng GD&ĐT Thử A",
        reference="88/QĐ-PGDĐT",
        issued_on=D(2025, 3, 10),
        upload=pdf_upload("gvdg.pdf"),
    )
    first = ready_dossier(world)
    services.evidence_attach(nominee=first.nominees.get(), item=item, actor=None)
    other_round = school_year_round(world.phong_a, codes=("LDTT",))
    second = dossier_for(world.school_a1, other_round)
    good_year(world.person_a1)
    nominee = services.nominee_add(
        dossier=second, actor=None, award=award("LDTT"), person=world.person_a1, achievement="HTT"
    )
    services.evidence_attach(nominee=nominee, item=item, actor=None)
    services.evidence_attach(nominee=nominee, item=item, actor=None)  # twice: still one attachment
    attachments = DossierDocument.objects.filter(evidence=item)
    assert sorted(attachments.values_list("dossier_id", flat=True)) == sorted([first.pk, second.pk])
    assert {a.file.name for a in attachments} == {""}  # no copy of the file: the wallet holds it
    assert EvidenceItem.objects.filter(person=world.person_a1).count() == 1


def test_actions_offered_follow_role_and_state(world):
    head = head_of(world.school_a1)
    clerk, officer, so_officer = world.users["school_clerk"], world.users["phong_officer"], world.users["so_officer"]
    dossier = ready_dossier(world)
    assert allowed_actions(dossier, clerk) == {"edit"}
    assert allowed_actions(dossier, head) == {"edit", "send"}
    assert allowed_actions(dossier, officer) == set()
    services.dossier_send(dossier=dossier, actor=head)
    dossier.refresh_from_db()
    assert allowed_actions(dossier, clerk) == set()
    assert allowed_actions(dossier, officer) == {"receive", "return", "refuse"}
    assert allowed_actions(dossier, so_officer) == set()
    services.appraisal_start(dossier=dossier, actor=officer)
    dossier.refresh_from_db()
    assert dossier.state == DossierState.UNDER_APPRAISAL
    assert allowed_actions(dossier, officer) == {"mark", "return", "appraise", "refuse"}
    services.dossier_return(dossier=dossier, actor=officer, reason="Bổ sung")
    dossier.refresh_from_db()
    assert allowed_actions(dossier, clerk) == {"edit"}
    assert allowed_actions(dossier, head) == {"edit", "resend"}


def test_who_decides_follows_the_catalogue_level(world):
    from dossiers.selectors import decision_route

    assert decision_route(award("LDTT"), world.so) == "here"
    assert decision_route(award("LDTT"), world.phong_a) == "above"
    assert decision_route(award("GK_HUYEN"), world.phong_a) == "here"
    assert decision_route(award("BK_TINH"), world.so) == "outside"
