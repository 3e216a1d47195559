"""Permission rows of registration, pacts and exemplars.

The campaign is the Sở's (world.so); Trường TH Thử A1 (school_clerk) registers; the cluster of
Phòng A has A1 as head unit and THCS A2 (other_head) as member.
"""

from django.urls import reverse

from campaigns.tests import registration_helpers as h
from tests.url_table import UrlCase

PERSONAS = ("school_clerk", "other_head", "phong_officer", "so_officer", "leader", "outsider")
EVERYONE = dict.fromkeys(PERSONAS, 200)


def _campaign(w):
    w.extra["campaign"] = h.running_campaign(w)


def _registration(state):
    def setup(w):
        w.extra["registration"] = h.unit_registration(w, state=state)

    return setup


def _individual(state):
    def setup(w):
        w.extra["individual"] = h.individual_registration(w, state=state)

    return setup


def _pact(w):
    w.extra["pact"] = h.pact(w)


def _target(**kwargs):
    def setup(w):
        w.extra["target"] = h.pact_target(w, **kwargs)

    return setup


def _exemplar(w):
    w.extra["exemplar"] = h.exemplar(w)


def _unit_url(name):
    return lambda w: reverse(f"campaigns:{name}", args=[w.extra["campaign"].pk, w.school_a1.pk])


# Only the school's own clerk or head keeps its registrations.
CLERK_ONLY = {
    "school_clerk": 200,
    "other_head": 404,
    "phong_officer": 403,
    "so_officer": 403,
    "leader": 403,
    "outsider": 404,
}
CLERK_ONLY_POST = {**CLERK_ONLY, "school_clerk": 302}
# Only the issuer's head or officer accepts or returns.
REVIEWER_POST = {
    "school_clerk": 403,
    "other_head": 404,
    "phong_officer": 403,
    "so_officer": 302,
    "leader": 403,
    "outsider": 404,
}

CASES = [
    UrlCase("campaigns:registration-index", lambda w: reverse("campaigns:registration-index"), EVERYONE),
    UrlCase(
        "campaigns:registration-overview",
        lambda w: reverse("campaigns:registration-overview", args=[w.extra["campaign"].pk]),
        {**EVERYONE, "school_clerk": 403, "other_head": 403, "outsider": 404},
        setup=_campaign,
    ),
    UrlCase(
        "campaigns:registration-unit",
        _unit_url("registration-unit"),
        {**EVERYONE, "other_head": 404, "outsider": 404},
        setup=_campaign,
    ),
    UrlCase("campaigns:registration-create", _unit_url("registration-create"), CLERK_ONLY, setup=_campaign),
    UrlCase(
        "campaigns:registration-item-add",
        lambda w: reverse("campaigns:registration-item-add", args=[w.extra["registration"].pk]),
        CLERK_ONLY,
        setup=_registration("draft"),
    ),
    UrlCase(
        "campaigns:registration-item-delete",
        lambda w: reverse("campaigns:registration-item-delete", args=[w.extra["registration"].work_items.get().pk]),
        CLERK_ONLY_POST,
        method="post",
        setup=_registration("draft"),
    ),
    UrlCase(
        "campaigns:registration-submit",
        lambda w: reverse("campaigns:registration-submit", args=[w.extra["registration"].pk]),
        CLERK_ONLY_POST,
        method="post",
        setup=_registration("draft"),
    ),
    UrlCase(
        "campaigns:registration-review",
        lambda w: reverse("campaigns:registration-review", args=[w.extra["registration"].pk]),
        REVIEWER_POST,
        method="post",
        data=lambda w: {"action": "accept"},
        setup=_registration("submitted"),
    ),
    UrlCase("campaigns:individual-add", _unit_url("individual-add"), CLERK_ONLY, setup=_campaign),
    UrlCase(
        "campaigns:individual-forward",
        lambda w: reverse("campaigns:individual-forward", args=[w.extra["individual"].campaign_id, w.school_a1.pk]),
        CLERK_ONLY_POST,
        method="post",
        setup=_individual("draft"),
    ),
    UrlCase(
        "campaigns:individual-delete",
        lambda w: reverse("campaigns:individual-delete", args=[w.extra["individual"].pk]),
        CLERK_ONLY_POST,
        method="post",
        setup=_individual("draft"),
    ),
    UrlCase(
        "campaigns:individual-review",
        lambda w: reverse("campaigns:individual-review", args=[w.extra["individual"].pk]),
        REVIEWER_POST,
        method="post",
        data=lambda w: {"action": "return", "comment": "Thiếu minh chứng"},
        setup=_individual("submitted"),
    ),
    UrlCase("campaigns:pact-list", lambda w: reverse("campaigns:pact-list"), EVERYONE),
    UrlCase(
        "campaigns:pact-create",
        lambda w: reverse("campaigns:pact-create"),
        # The head unit's clerk and the organising Phòng's officer set pacts up.
        {**dict.fromkeys(PERSONAS, 403), "school_clerk": 200, "phong_officer": 200},
        setup=lambda w: h.cluster(w),
    ),
    UrlCase(
        "campaigns:pact-detail",
        lambda w: reverse("campaigns:pact-detail", args=[w.extra["pact"].pk]),
        {**EVERYONE, "outsider": 404},
        setup=_pact,
    ),
    UrlCase(
        "campaigns:pact-target-add",
        lambda w: reverse("campaigns:pact-target-add", args=[w.extra["pact"].pk]),
        {**dict.fromkeys(PERSONAS, 403), "school_clerk": 200, "phong_officer": 200, "outsider": 404},
        setup=_pact,
    ),
    UrlCase(
        "campaigns:pact-self-score",
        lambda w: reverse("campaigns:pact-self-score", args=[w.extra["target"].pk]),
        # The member (THCS A2) scores its own target.
        {**dict.fromkeys(PERSONAS, 403), "other_head": 200, "outsider": 404},
        setup=_target(),
    ),
    UrlCase(
        "campaigns:pact-cross-score",
        lambda w: reverse("campaigns:pact-cross-score", args=[w.extra["target"].pk]),
        # The head unit (TH A1) cross-scores.
        {**dict.fromkeys(PERSONAS, 403), "school_clerk": 200, "outsider": 404},
        setup=_target(scored=True),
    ),
    UrlCase(
        "campaigns:pact-evidence",
        lambda w: reverse("campaigns:pact-evidence", args=[w.extra["target"].pk]),
        {**EVERYONE, "outsider": 404},
        setup=_target(with_file=True),
    ),
    UrlCase(
        "campaigns:exemplar-list",
        lambda w: reverse("campaigns:exemplar-list", args=[w.extra["campaign"].pk]),
        {**EVERYONE, "outsider": 404},
        setup=_campaign,
    ),
    UrlCase(
        "campaigns:exemplar-create",
        lambda w: reverse("campaigns:exemplar-create", args=[w.extra["campaign"].pk]),
        {**EVERYONE, "leader": 403, "outsider": 404},
        setup=_campaign,
    ),
    UrlCase(
        "campaigns:exemplar-detail",
        lambda w: reverse("campaigns:exemplar-detail", args=[w.extra["exemplar"].pk]),
        {**EVERYONE, "other_head": 404, "outsider": 404},
        setup=_exemplar,
    ),
    UrlCase(
        "campaigns:exemplar-advance",
        lambda w: reverse("campaigns:exemplar-advance", args=[w.extra["exemplar"].pk]),
        {
            "school_clerk": 302,
            "other_head": 404,
            "phong_officer": 302,
            "so_officer": 302,
            "leader": 403,
            "outsider": 404,
        },
        method="post",
        data=lambda w: {"new_step": "publicise", "on_date": w.extra["exemplar"].created_at.date().isoformat()},
        setup=_exemplar,
    ),
]
