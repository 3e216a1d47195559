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
