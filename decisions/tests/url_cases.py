"""The permission table rows of award decisions.

The setup: Phòng A's decision (drafted by phong_officer) lists a teacher of Trường Tiểu học Thử A1.
Only Phòng A's officers, heads and leaders see it: not the Sở above, not the schools, not an
outsider (404). The schools concerned see the list only while it is publicly disclosed. Phòng A's
head (added by the setup) issues it; its officer may not (403).
"""

from django.urls import reverse

from decisions.tests.factories import phong_head, quick_approved_dossier, quick_decision
from dossiers import services as dossier_services
from dossiers.enums import DossierState
from tests.url_table import UrlCase

PERSONAS = ("school_clerk", "other_head", "phong_officer", "so_officer", "leader", "outsider")


def expect(**statuses) -> dict[str, int]:
    missing = set(PERSONAS) - set(statuses)
    assert not missing, missing
    return statuses


LIST = expect(school_clerk=403, other_head=200, phong_officer=200, so_officer=200, leader=200, outsider=200)
OPEN = expect(school_clerk=403, other_head=403, phong_officer=200, so_officer=200, leader=403, outsider=200)
SEE = expect(school_clerk=404, other_head=404, phong_officer=200, so_officer=404, leader=404, outsider=404)
ACT = expect(school_clerk=404, other_head=404, phong_officer=302, so_officer=404, leader=404, outsider=404)
ISSUE = expect(school_clerk=404, other_head=404, phong_officer=403, so_officer=404, leader=404, outsider=404)
EVERYONE = dict.fromkeys(PERSONAS, 200)
DISCLOSED = expect(school_clerk=200, other_head=404, phong_officer=200, so_officer=404, leader=404, outsider=404)
COMMENT = expect(school_clerk=302, other_head=404, phong_officer=403, so_officer=404, leader=404, outsider=404)
OUTSIDE_LIST = OPEN
OUTSIDE = expect(school_clerk=404, other_head=404, phong_officer=200, so_officer=404, leader=404, outsider=404)


def _draft(w):
    w.extra["decision"] = quick_decision(w)
    w.extra["line"] = w.extra["decision"].lines.get()


def _issued(w):
    w.extra["decision"] = quick_decision(w, issue=True)
    w.extra["line"] = w.extra["decision"].lines.get()


def _disclosed(w):
    w.extra["decision"] = quick_decision(w, disclose=True)


def _with_head(w):
    _draft(w)
    w.users["phong_head"] = phong_head(w)


def _forwarded(w):
    dossier = quick_approved_dossier(w)
    dossier_services.transition(dossier=dossier, to=DossierState.FORWARDED, actor=None)
    w.extra["dossier"] = dossier


def _d(name, *args):
    return lambda w: reverse(name, args=[w.extra["decision"].pk, *args])


def _l(name):
    return lambda w: reverse(name, args=[w.extra["decision"].pk, w.extra["line"].pk])


CASES = [
    UrlCase("decisions:decision-list", lambda w: reverse("decisions:decision-list"), LIST, setup=_draft),
    UrlCase("decisions:decision-create", lambda w: reverse("decisions:decision-create"), OPEN),
    UrlCase("decisions:decision-detail", _d("decisions:decision-detail"), SEE, setup=_draft),
    UrlCase("decisions:decision-edit", _d("decisions:decision-edit"), SEE, setup=_draft),
    UrlCase("decisions:line-remove", _l("decisions:line-remove"), ACT, method="post", setup=_draft),
    UrlCase(
        "decisions:decision-disclose",
        _d("decisions:decision-disclose"),
        ACT,
        method="post",
        setup=_draft,
        data=lambda w: {"days": 5},
    ),
    UrlCase("decisions:decision-withdraw", _d("decisions:decision-withdraw"), ACT, method="post", setup=_disclosed),
    UrlCase("decisions:decision-cancel", _d("decisions:decision-cancel"), ACT, method="post", setup=_draft),
    UrlCase(
        "decisions:decision-issue",
        _d("decisions:decision-issue"),
        ISSUE,
        setup=_with_head,
        extra_personas={"phong_head": 200},
    ),
    UrlCase("decisions:decision-document", _d("decisions:decision-document", "decision", "docx"), SEE, setup=_issued),
    UrlCase("decisions:decision-xlsx", _d("decisions:decision-xlsx"), SEE, setup=_issued),
    UrlCase("decisions:decision-revoke", _d("decisions:decision-revoke"), SEE, setup=_issued),
    UrlCase("decisions:line-revoke", _l("decisions:line-revoke"), SEE, setup=_issued),
    UrlCase("decisions:disclosure-list", lambda w: reverse("decisions:disclosure-list"), EVERYONE, setup=_disclosed),
    UrlCase(
        "decisions:disclosure-detail",
        lambda w: reverse("decisions:disclosure-detail", args=[w.extra["decision"].pk]),
        DISCLOSED,
        setup=_disclosed,
    ),
    UrlCase(
        "decisions:disclosure-detail",
        lambda w: reverse("decisions:disclosure-detail", args=[w.extra["decision"].pk]),
        COMMENT,
        method="post",
        setup=_disclosed,
        data=lambda w: {"text": "Đề nghị bổ sung thầy Đức"},
        id="decisions:disclosure-detail[comment]",
    ),
    UrlCase("decisions:outside-list", lambda w: reverse("decisions:outside-list"), OUTSIDE_LIST, setup=_forwarded),
    UrlCase(
        "decisions:outside-record",
        lambda w: reverse("decisions:outside-record", args=[w.extra["dossier"].pk]),
        OUTSIDE,
        setup=_forwarded,
    ),
]
