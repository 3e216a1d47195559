"""The permission table rows of the councils.

The setup: the Sở's council (so_officer manages it; leader reads it); phong_officer sits on it
as its secretary. Session 1 is closed (with a signed scan), session 2 is voting, session 3 is
being prepared. Nobody else sees any of it: not the schools, not an outsider.
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from councils import services
from councils.enums import MemberRole
from dossiers import services as dossier_services
from dossiers.enums import AppraisalResult, DossierState
from dossiers.tests.factories import award, good_year, school_year_round
from tests.url_table import UrlCase
from units.tests.factories import PersonFactory, UserFactory

PERSONAS = ("school_clerk", "other_head", "phong_officer", "so_officer", "leader", "outsider")
D = datetime.date(2026, 12, 1)


def expect(**statuses) -> dict[str, int]:
    missing = set(PERSONAS) - set(statuses)
    assert not missing, missing
    return statuses


HIDDEN = {"school_clerk": 404, "other_head": 404, "outsider": 404}
EVERYONE = dict.fromkeys(PERSONAS, 200)
CREATE = expect(school_clerk=403, other_head=200, phong_officer=200, so_officer=200, leader=403, outsider=200)
SEE = expect(**HIDDEN, phong_officer=200, so_officer=200, leader=200)
MANAGE = expect(**HIDDEN, phong_officer=403, so_officer=200, leader=403)
MANAGE_POST = expect(**HIDDEN, phong_officer=403, so_officer=302, leader=403)
OPEN_POST = expect(**HIDDEN, phong_officer=302, so_officer=302, leader=403)
SECRETARY = expect(**HIDDEN, phong_officer=200, so_officer=403, leader=403)
AFTER = expect(**HIDDEN, phong_officer=200, so_officer=200, leader=403)


def _appraised(w, unit, person):
    good_year(person, rating="excellent")
    award_round = w.extra.get("round") or school_year_round(w.so)
    w.extra["round"] = award_round
    dossier = dossier_services.dossier_create(award_round=award_round, unit=unit, actor=None, dated=D)
    nominee = dossier_services.nominee_add(
        dossier=dossier, actor=None, award=award("CSTDCS"), person=person, achievement="Hoàn thành xuất sắc nhiệm vụ"
    )
    for state in (DossierState.SENT, DossierState.RECEIVED, DossierState.UNDER_APPRAISAL):
        dossier_services.transition(dossier=dossier, to=state, actor=None)
    dossier_services.nominee_appraise(nominee=nominee, actor=None, result=AppraisalResult.QUALIFIED)
    dossier_services.transition(dossier=dossier, to=DossierState.APPRAISED, actor=None)


def _council(w):
    council = services.council_create(unit=w.so, school_year=2025, name="Hội đồng TĐKT Sở", actor=None)
    chair = UserFactory(username="chu_tich_so", unit=w.so, full_name="Chủ tịch Hội đồng", is_council_member=True)
    member = UserFactory(username="uy_vien_so", unit=w.so, full_name="Ủy viên Hội đồng", is_council_member=True)
    services.member_add(council=council, user=chair, role=MemberRole.CHAIR, actor=None)
    services.member_add(council=council, user=w.users["phong_officer"], role=MemberRole.SECRETARY, actor=None)
    third = services.member_add(council=council, user=member, role=MemberRole.MEMBER, actor=None)
    members = list(council.members.all())

    _appraised(w, w.phong_a, PersonFactory(unit=w.phong_a, full_name="Chuyên viên Phòng A"))
    closed = services.session_create(council=council, title="Phiên 1", date=D, place="Phòng họp", actor=None)
    services.agenda_build(session=closed, actor=None)
    services.session_open(session=closed, actor=None)
    item_ids = list(closed.items.values_list("pk", flat=True))
    for m in members:
        services.ballot_submit(session=closed, user=m.user, choices=dict.fromkeys(item_ids, True))
    services.session_close(session=closed, actor=None)
    scan = SimpleUploadedFile("bien-ban-da-ky.pdf", b"%PDF-1.4\n% signed\n%%EOF\n", content_type="application/pdf")
    upload = services.file_upload(session=closed, kind="minutes", upload=scan, actor=None)

    _appraised(w, w.phong_b, PersonFactory(unit=w.phong_b, full_name="Chuyên viên Phòng B"))
    voting = services.session_create(council=council, title="Phiên 2", date=D, place="Phòng họp", actor=None)
    services.agenda_build(session=voting, actor=None)
    services.session_open(session=voting, actor=None)

    draft = services.session_create(council=council, title="Phiên 3", date=D, place="Phòng họp", actor=None)
    w.extra.update(
        council=council,
        member=third,
        closed=closed,
        voting=voting,
        draft=draft,
        item=voting.items.get(),
        file=upload,
    )


def _c(name):
    return lambda w: reverse(name, args=[w.extra["council"].pk])


def _s(name, which, *args):
    return lambda w: reverse(name, args=[w.extra[which].pk, *args])


CASES = [
    UrlCase("councils:list", lambda w: reverse("councils:list"), EVERYONE, setup=_council),
    UrlCase("councils:council-create", lambda w: reverse("councils:council-create"), CREATE),
    UrlCase("councils:council-detail", _c("councils:council-detail"), SEE, setup=_council),
    UrlCase("councils:council-edit", _c("councils:council-edit"), MANAGE, setup=_council),
    UrlCase("councils:member-add", _c("councils:member-add"), MANAGE, setup=_council),
    UrlCase("councils:session-create", _c("councils:session-create"), MANAGE, setup=_council),
    UrlCase(
        "councils:member-remove", _s("councils:member-remove", "member"), MANAGE_POST, method="post", setup=_council
    ),
    UrlCase("councils:session-detail", _s("councils:session-detail", "closed"), SEE, setup=_council),
    UrlCase(
        "councils:session-detail",
        _s("councils:session-detail", "voting"),
        SEE,
        setup=_council,
        id="councils:session-detail[voting]",
    ),
    UrlCase("councils:agenda-build", _s("councils:agenda-build", "draft"), MANAGE_POST, method="post", setup=_council),
    UrlCase("councils:session-open", _s("councils:session-open", "draft"), OPEN_POST, method="post", setup=_council),
    UrlCase("councils:session-close", _s("councils:session-close", "voting"), SECRETARY, setup=_council),
    UrlCase("councils:attendance", _s("councils:attendance", "voting"), SECRETARY, setup=_council),
    UrlCase("councils:ballot", _s("councils:ballot", "voting"), SECRETARY, setup=_council),
    UrlCase("councils:written-ballot", _s("councils:written-ballot", "voting"), SECRETARY, setup=_council),
    UrlCase("councils:open-count", _s("councils:open-count", "item"), SECRETARY, setup=_council),
    UrlCase("councils:act-record", _s("councils:act-record", "closed"), AFTER, setup=_council),
    UrlCase("councils:file-upload", _s("councils:file-upload", "closed"), AFTER, setup=_council),
    UrlCase("councils:document", _s("councils:document", "closed", "bien-ban-hop", "docx"), SEE, setup=_council),
    UrlCase("councils:file-download", _s("councils:file-download", "file"), SEE, setup=_council),
]
