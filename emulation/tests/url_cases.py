"""Permission rows of registration, pacts and exemplars.

The campaign is the Sở's (world.so); Trường TH Thử A1 (school_clerk) registers; the cluster of
Phòng A has A1 as head unit and THCS A2 (other_head) as member.
"""

from django.urls import reverse

from campaigns.tests.factories import running_campaign
from emulation.tests.factories import cluster, exemplar, individual_registration, pact, pact_target, unit_registration
from tests.url_table import UrlCase

PERSONAS = ("school_clerk", "other_head", "phong_officer", "so_officer", "leader", "outsider")
EVERYONE = dict.fromkeys(PERSONAS, 200)


def _campaign(w):
    w.extra["campaign"] = running_campaign(w)


def _registration(state):
    def setup(w):
        w.extra["registration"] = unit_registration(w, state=state)

    return setup


def _individual(state):
    def setup(w):
        w.extra["individual"] = individual_registration(w, state=state)

    return setup


def _pact(w):
    w.extra["pact"] = pact(w)


def _target(**kwargs):
    def setup(w):
        w.extra["target"] = pact_target(w, **kwargs)

    return setup


def _exemplar(w):
    w.extra["exemplar"] = exemplar(w)


def _unit_url(name):
    return lambda w: reverse(f"emulation:{name}", args=[w.extra["campaign"].pk, w.school_a1.pk])


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
    UrlCase("emulation:registration-index", lambda w: reverse("emulation:registration-index"), EVERYONE),
    UrlCase(
        "emulation:registration-overview",
        lambda w: reverse("emulation:registration-overview", args=[w.extra["campaign"].pk]),
        {**EVERYONE, "school_clerk": 403, "other_head": 403, "outsider": 404},
        setup=_campaign,
    ),
    UrlCase(
        "emulation:registration-overview-export",
        lambda w: reverse("emulation:registration-overview-export", args=[w.extra["campaign"].pk]),
        {**EVERYONE, "school_clerk": 403, "other_head": 403, "outsider": 404},
        setup=_campaign,
    ),
    UrlCase(
        "emulation:registration-unit",
        _unit_url("registration-unit"),
        {**EVERYONE, "other_head": 404, "outsider": 404},
        setup=_campaign,
    ),
    UrlCase("emulation:registration-create", _unit_url("registration-create"), CLERK_ONLY, setup=_campaign),
    UrlCase(
        "emulation:registration-item-add",
        lambda w: reverse("emulation:registration-item-add", args=[w.extra["registration"].pk]),
        CLERK_ONLY,
        setup=_registration("draft"),
    ),
    UrlCase(
        "emulation:registration-item-delete",
        lambda w: reverse("emulation:registration-item-delete", args=[w.extra["registration"].work_items.get().pk]),
        CLERK_ONLY_POST,
        method="post",
        setup=_registration("draft"),
    ),
    UrlCase(
        "emulation:registration-submit",
        lambda w: reverse("emulation:registration-submit", args=[w.extra["registration"].pk]),
        CLERK_ONLY_POST,
        method="post",
        setup=_registration("draft"),
    ),
    UrlCase(
        "emulation:registration-review",
        lambda w: reverse("emulation:registration-review", args=[w.extra["registration"].pk]),
        REVIEWER_POST,
        method="post",
        data=lambda w: {"action": "accept"},
        setup=_registration("submitted"),
    ),
    UrlCase("emulation:individual-add", _unit_url("individual-add"), CLERK_ONLY, setup=_campaign),
    UrlCase(
        "emulation:individual-forward",
        lambda w: reverse("emulation:individual-forward", args=[w.extra["individual"].campaign_id, w.school_a1.pk]),
        CLERK_ONLY_POST,
        method="post",
        setup=_individual("draft"),
    ),
    UrlCase(
        "emulation:individual-delete",
        lambda w: reverse("emulation:individual-delete", args=[w.extra["individual"].pk]),
        CLERK_ONLY_POST,
        method="post",
        setup=_individual("draft"),
    ),
    UrlCase(
        "emulation:individual-review",
        lambda w: reverse("emulation:individual-review", args=[w.extra["individual"].pk]),
        REVIEWER_POST,
        method="post",
        data=lambda w: {"action": "return", "comment": "Thiếu minh chứng"},
        setup=_individual("submitted"),
    ),
    UrlCase("emulation:pact-list", lambda w: reverse("emulation:pact-list"), EVERYONE),
    UrlCase(
        "emulation:pact-create",
        lambda w: reverse("emulation:pact-create"),
        # The head unit's clerk and the organising Phòng's officer set pacts up.
        {**dict.fromkeys(PERSONAS, 403), "school_clerk": 200, "phong_officer": 200},
        setup=lambda w: cluster(w),
    ),
    UrlCase(
        "emulation:pact-detail",
        lambda w: reverse("emulation:pact-detail", args=[w.extra["pact"].pk]),
        {**EVERYONE, "outsider": 404},
        setup=_pact,
    ),
    UrlCase(
        "emulation:pact-export",
        lambda w: reverse("emulation:pact-export", args=[w.extra["pact"].pk]),
        {**EVERYONE, "outsider": 404},
        setup=_pact,
    ),
    UrlCase(
        "emulation:pact-target-add",
        lambda w: reverse("emulation:pact-target-add", args=[w.extra["pact"].pk]),
        {**dict.fromkeys(PERSONAS, 403), "school_clerk": 200, "phong_officer": 200, "outsider": 404},
        setup=_pact,
    ),
    UrlCase(
        "emulation:pact-self-score",
        lambda w: reverse("emulation:pact-self-score", args=[w.extra["target"].pk]),
        # The member (THCS A2) scores its own target.
        {**dict.fromkeys(PERSONAS, 403), "other_head": 200, "outsider": 404},
        setup=_target(),
    ),
    UrlCase(
        "emulation:pact-cross-score",
        lambda w: reverse("emulation:pact-cross-score", args=[w.extra["target"].pk]),
        # The head unit (TH A1) cross-scores.
        {**dict.fromkeys(PERSONAS, 403), "school_clerk": 200, "outsider": 404},
        setup=_target(scored=True),
    ),
    UrlCase(
        "emulation:pact-evidence",
        lambda w: reverse("emulation:pact-evidence", args=[w.extra["target"].pk]),
        # THCS A2's own evidence: A2 itself, the head unit TH A1 that cross-scores, the officers above.
        {**EVERYONE, "outsider": 404},
        setup=_target(with_file=True),
    ),
    UrlCase(
        "emulation:pact-evidence",
        lambda w: reverse("emulation:pact-evidence", args=[w.extra["target"].pk]),
        # TH A1's evidence: THCS A2 is only another member of the cluster, so it is not there for it.
        {**EVERYONE, "other_head": 404, "outsider": 404},
        setup=lambda w: w.extra.update(target=pact_target(w, member=w.school_a1, with_file=True)),
        id="emulation:pact-evidence-of-another-member",
    ),
    UrlCase(
        "emulation:exemplar-list",
        lambda w: reverse("emulation:exemplar-list", args=[w.extra["campaign"].pk]),
        {**EVERYONE, "outsider": 404},
        setup=_campaign,
    ),
    UrlCase(
        "emulation:exemplar-list-export",
        lambda w: reverse("emulation:exemplar-list-export", args=[w.extra["campaign"].pk]),
        {**EVERYONE, "outsider": 404},
        setup=_campaign,
    ),
    UrlCase(
        "emulation:exemplar-create",
        lambda w: reverse("emulation:exemplar-create", args=[w.extra["campaign"].pk]),
        {**EVERYONE, "leader": 403, "outsider": 404},
        setup=_campaign,
    ),
    UrlCase(
        "emulation:exemplar-detail",
        lambda w: reverse("emulation:exemplar-detail", args=[w.extra["exemplar"].pk]),
        {**EVERYONE, "other_head": 404, "outsider": 404},
        setup=_exemplar,
    ),
    UrlCase(
        "emulation:exemplar-advance",
        lambda w: reverse("emulation:exemplar-advance", args=[w.extra["exemplar"].pk]),
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
