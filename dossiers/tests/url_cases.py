"""The permission table rows of award dossiers.

The setup: Phòng A opens the 2025–2026 school-year round; Trường Tiểu học Thử A1 (school_clerk)
has a dossier sent to Phòng A (phong_officer appraises it). Nobody else sees that dossier: not
the head of the other school (A2), not the Sở above (it was not sent to the Sở), not an outsider.
"""

from django.core.files.base import ContentFile
from django.urls import reverse

from dossiers import services
from dossiers.enums import ComponentKind, DossierState
from dossiers.models import DossierDocument
from dossiers.tests.factories import TODAY, award, good_year, school_year_round
from tests.url_table import UrlCase

PERSONAS = ("school_clerk", "other_head", "phong_officer", "so_officer", "leader", "outsider")


def expect(**statuses) -> dict[str, int]:
    missing = set(PERSONAS) - set(statuses)
    assert not missing, missing
    return statuses


EVERYONE = dict.fromkeys(PERSONAS, 200)
# The round of Phòng A: the units below it and the subtree roles above it see it.
SEE_ROUND = expect(school_clerk=200, other_head=200, phong_officer=200, so_officer=200, leader=200, outsider=404)
OPEN_DOSSIER = expect(school_clerk=302, other_head=302, phong_officer=403, so_officer=403, leader=403, outsider=404)
QUEUE = expect(school_clerk=403, other_head=403, phong_officer=200, so_officer=200, leader=403, outsider=200)
# The sent dossier of A1: its own unit and the receiving Phòng only.
SEE_DOSSIER = expect(school_clerk=200, other_head=404, phong_officer=200, so_officer=404, leader=404, outsider=404)
PREPARE = expect(school_clerk=200, other_head=404, phong_officer=403, so_officer=404, leader=404, outsider=404)
PREPARE_POST = expect(school_clerk=302, other_head=404, phong_officer=403, so_officer=404, leader=404, outsider=404)
SEND = expect(school_clerk=403, other_head=404, phong_officer=403, so_officer=404, leader=404, outsider=404)
APPRAISE = expect(school_clerk=403, other_head=404, phong_officer=200, so_officer=404, leader=404, outsider=404)
APPRAISE_POST = expect(school_clerk=403, other_head=404, phong_officer=302, so_officer=404, leader=404, outsider=404)


def _sent_dossier(w):
    """A sent dossier without rendering: the state through the one transition function,
    the generated documents as small stored files."""
    award_round = school_year_round(w.phong_a)
    dossier = services.dossier_create(award_round=award_round, unit=w.school_a1, actor=None, dated=TODAY)
    good_year(w.person_a1)
    nominee = services.nominee_add(
        dossier=dossier, actor=None, award=award("LDTT"), person=w.person_a1, achievement="Hoàn thành tốt nhiệm vụ"
    )
    services.transition(dossier=dossier, to=DossierState.SENT, actor=None)
    for kind in (ComponentKind.PROPOSAL, ComponentKind.LIST, ComponentKind.MINUTES):
        for fmt in ("pdf", "docx"):
            document = DossierDocument(dossier=dossier, kind=kind, name=f"{kind}.{fmt}", generated=True)
            document.file.save(f"{kind}.{fmt}", ContentFile(b"%PDF-1.4 test"), save=False)
            document.save()
    w.extra.update(round=award_round, dossier=dossier, nominee=nominee, document=document)


def _phong_holiday(w):
    import datetime

    w.extra["holiday"] = services.holiday_add(
        unit=w.phong_a, date=datetime.date(2026, 12, 22), name="Ngày hội của huyện", actor=None
    )


def _refused_dossier(w):
    _sent_dossier(w)
    services.dossier_refuse(
        dossier=w.extra["dossier"], actor=w.users["phong_officer"], notice="Hồ sơ gửi sau thời hạn của đợt xét."
    )


def _round(w):
    _sent_dossier(w)


def _d(name, *args):
    return lambda w: reverse(name, args=[w.extra["dossier"].pk, *args])


def _n(name, *args):
    return lambda w: reverse(name, args=[w.extra["nominee"].pk, *args])


CASES = [
    UrlCase("dossiers:round-list", lambda w: reverse("dossiers:round-list"), EVERYONE, setup=_round),
    UrlCase(
        "dossiers:round-detail",
        lambda w: reverse("dossiers:round-detail", args=[w.extra["round"].pk]),
        SEE_ROUND,
        setup=_round,
    ),
    UrlCase(
        "dossiers:round-detail",
        lambda w: reverse("dossiers:round-detail", args=[w.extra["round"].pk]),
        OPEN_DOSSIER,
        method="post",
        setup=_round,
        id="dossiers:round-detail[open]",
    ),
    UrlCase("dossiers:queue", lambda w: reverse("dossiers:queue"), QUEUE, setup=_round),
    UrlCase("dossiers:round-create", lambda w: reverse("dossiers:round-create"), QUEUE),
    UrlCase("dossiers:queue-export", lambda w: reverse("dossiers:queue-export"), QUEUE, setup=_round),
    UrlCase("dossiers:dossier-detail", _d("dossiers:dossier-detail"), SEE_DOSSIER, setup=_sent_dossier),
    UrlCase("dossiers:dossier-edit", _d("dossiers:dossier-edit"), PREPARE, setup=_sent_dossier),
    UrlCase("dossiers:dossier-suggestions", _d("dossiers:dossier-suggestions"), PREPARE, setup=_sent_dossier),
    UrlCase("dossiers:nominee-add", _d("dossiers:nominee-add"), PREPARE, setup=_sent_dossier),
    UrlCase("dossiers:minutes", _d("dossiers:minutes"), PREPARE, setup=_sent_dossier),
    UrlCase("dossiers:upload", _d("dossiers:upload"), PREPARE, setup=_sent_dossier),
    UrlCase("dossiers:generated", _d("dossiers:generated", "proposal", "pdf"), SEE_DOSSIER, setup=_sent_dossier),
    UrlCase("dossiers:packet", _d("dossiers:packet"), SEE_DOSSIER, setup=_sent_dossier),
    UrlCase("dossiers:clock", lambda w: reverse("dossiers:clock"), QUEUE),
    UrlCase(
        "dossiers:holiday-remove",
        lambda w: reverse("dossiers:holiday-remove", args=[w.extra["holiday"].pk]),
        expect(school_clerk=403, other_head=403, phong_officer=302, so_officer=404, leader=403, outsider=404),
        method="post",
        setup=_phong_holiday,
    ),
    UrlCase("dossiers:refusal", _d("dossiers:refusal", "pdf"), SEE_DOSSIER, setup=_refused_dossier),
    UrlCase(
        "dossiers:refusal",
        _d("dossiers:refusal", "docx"),
        dict.fromkeys(PERSONAS, 404),
        setup=_sent_dossier,
        id="dossiers:refusal (a dossier that was not refused)",
    ),
    UrlCase("dossiers:send", _d("dossiers:send"), SEND, method="post", setup=_sent_dossier),
    UrlCase("dossiers:act", _d("dossiers:act", "receive"), APPRAISE_POST, method="post", setup=_sent_dossier),
    UrlCase("dossiers:return", _d("dossiers:return"), APPRAISE, setup=_sent_dossier),
    UrlCase("dossiers:appraisal", _d("dossiers:appraisal"), APPRAISE, setup=_sent_dossier),
    UrlCase("dossiers:nominee-edit", _n("dossiers:nominee-edit"), PREPARE, setup=_sent_dossier),
    UrlCase("dossiers:nominee-remove", _n("dossiers:nominee-remove"), PREPARE_POST, method="post", setup=_sent_dossier),
    UrlCase(
        "dossiers:evidence-attach", _n("dossiers:evidence-attach"), PREPARE_POST, method="post", setup=_sent_dossier
    ),
    UrlCase("dossiers:report", _n("dossiers:report", "docx"), SEE_DOSSIER, setup=_sent_dossier),
    UrlCase(
        "dossiers:document-download",
        lambda w: reverse("dossiers:document-download", args=[w.extra["document"].pk]),
        SEE_DOSSIER,
        setup=_sent_dossier,
    ),
]
