"""Builders for decision tests; they go through the real services (guards, logs, numbers)."""

import datetime

from decisions import services
from dossiers import services as dossier_services
from dossiers.enums import CouncilResult
from dossiers.tests.factories import appraised_dossier
from units.models import User
from units.tests.factories import PersonFactory, UserFactory

D = datetime.date


def approved_dossier(world, *, people=None, code="LDTT", award_round=None):
    """``appraised_dossier`` of school A1 at Phòng A with every nominee approved by Phòng A's council
    (what ``councils`` writes through ``nominee_council_result_set``)."""
    dossier = appraised_dossier(world, people=people, code=code, award_round=award_round)
    for nominee in dossier.nominees.all():
        dossier_services.nominee_council_result_set(nominee=nominee, result=CouncilResult.APPROVED, actor=None)
    return dossier


def colleague(world, name="Phạm Minh Đức"):
    return PersonFactory(unit=world.school_a1, full_name=name)


def phong_head(world) -> User:
    """The head of Phòng A, who signs and issues its decisions."""
    head = world.extra.get("phong_head")
    if head is None:
        head = world.extra["phong_head"] = UserFactory(
            username="head_pa", unit=world.phong_a, is_unit_head=True, full_name="Lê Văn Trưởng"
        )
    return head


def draft_decision(world, *, dossier=None, people=None, code="LDTT"):
    """A draft decision of Phòng A listing every approved nominee of the dossier."""
    dossier = dossier or approved_dossier(world, people=people, code=code)
    return services.decision_create(
        unit=world.phong_a, nominees=list(dossier.nominees.all()), actor=world.users["phong_officer"]
    )


def issued_decision(world, *, dossier=None, people=None, code="LDTT", dated=None):
    decision = draft_decision(world, dossier=dossier, people=people, code=code)
    return services.decision_issue(
        decision=decision,
        actor=phong_head(world),
        dated=dated or D(2026, 12, 1),
        signer_name="Lê Văn Trưởng",
        signing_authority="KT. TRƯỞNG PHÒNG",
        officer_title="PHÓ TRƯỞNG PHÒNG",
        place="Thử A",
    )


def quick_approved_dossier(world, *, person=None):
    """An approved nominee of school A1 at Phòng A without rendering any document: the states
    through the one transition function (for the permission table, where speed matters)."""
    from dossiers.enums import AppraisalResult, DossierState
    from dossiers.tests.factories import TODAY, award, good_year, school_year_round

    person = person or world.person_a1
    dossier = dossier_services.dossier_create(
        award_round=school_year_round(world.phong_a), unit=world.school_a1, actor=None, dated=TODAY
    )
    good_year(person)
    nominee = dossier_services.nominee_add(
        dossier=dossier, actor=None, award=award("LDTT"), person=person, achievement="Hoàn thành tốt nhiệm vụ"
    )
    for state in (DossierState.SENT, DossierState.RECEIVED, DossierState.UNDER_APPRAISAL):
        dossier_services.transition(dossier=dossier, to=state, actor=None)
    dossier_services.nominee_appraise(nominee=nominee, actor=None, result=AppraisalResult.QUALIFIED)
    dossier_services.transition(dossier=dossier, to=DossierState.APPRAISED, actor=None)
    dossier.refresh_from_db()
    return dossier


def quick_decision(world, *, issue=False, disclose=False):
    dossier = quick_approved_dossier(world)
    nominee = dossier.nominees.get()
    dossier_services.nominee_council_result_set(nominee=nominee, result=CouncilResult.APPROVED, actor=None)
    decision = services.decision_create(unit=world.phong_a, nominees=[nominee], actor=None)
    if disclose:
        services.disclosure_open(decision=decision, days=5, actor=None)
    if issue:
        services.decision_issue(decision=decision, actor=None, dated=D(2026, 12, 1), signer_name="Lê Văn Trưởng")
    decision.refresh_from_db()
    return decision
