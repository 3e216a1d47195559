"""Permission rows of the documents. A launched plan is readable by everyone who sees the
campaign; a draft only by the issuer's own accounts (here the Sở officer and leader); a plan for
primary schools only by the schools taking part and the issuer."""

from django.urls import reverse

from campaigns.enums import CampaignState
from campaigns.services import campaign_set_participants, campaign_set_state
from campaigns.tests.factories import CampaignFactory
from tests.url_table import UrlCase

IN_SCOPE = ("school_clerk", "other_head", "phong_officer", "so_officer", "leader")


def _launched(world):
    campaign = CampaignFactory(issuer=world.so)
    world.extra["launched"] = campaign_set_state(campaign=campaign, new_state=CampaignState.LAUNCHED, actor=None)


def _draft(world):
    world.extra["draft"] = CampaignFactory(issuer=world.so, number=None)


LAUNCHED = {**dict.fromkeys(IN_SCOPE, 200), "outsider": 404}
DRAFT = {
    "school_clerk": 404,
    "other_head": 404,
    "phong_officer": 404,
    "so_officer": 200,
    "leader": 200,
    "outsider": 404,
}

# Trường Tiểu học A1 takes part; Trường THCS A2 and Phòng A do not, so they do not even find the plan.
SCHOOLS_ONLY = {
    "school_clerk": 200,
    "other_head": 404,
    "phong_officer": 404,
    "so_officer": 200,
    "leader": 200,
    "outsider": 404,
}


def _schools_only(world):
    campaign = CampaignFactory(issuer=world.so)
    campaign_set_participants(campaign=campaign, actor=None, scope="kinds", kinds=["primary_school"])
    world.extra["schools_only"] = campaign_set_state(campaign=campaign, new_state=CampaignState.LAUNCHED, actor=None)


CASES = [
    UrlCase(
        "reports:plan-pdf",
        lambda w: reverse("reports:plan-pdf", args=[w.extra["launched"].pk]),
        LAUNCHED,
        setup=_launched,
        id="reports:plan-pdf (launched)",
    ),
    UrlCase(
        "reports:plan-pdf",
        lambda w: reverse("reports:plan-pdf", args=[w.extra["draft"].pk]),
        DRAFT,
        setup=_draft,
        id="reports:plan-pdf (draft)",
    ),
    UrlCase(
        "reports:plan-preview",
        lambda w: reverse("reports:plan-preview", args=[w.extra["launched"].pk]),
        LAUNCHED,
        setup=_launched,
        id="reports:plan-preview (launched)",
    ),
    UrlCase(
        "reports:plan-preview",
        lambda w: reverse("reports:plan-preview", args=[w.extra["draft"].pk]),
        DRAFT,
        setup=_draft,
        id="reports:plan-preview (draft)",
    ),
]

for name in ("reports:plan-pdf", "reports:plan-preview"):
    CASES.append(
        UrlCase(
            name,
            lambda w, name=name: reverse(name, args=[w.extra["schools_only"].pk]),
            SCHOOLS_ONLY,
            setup=_schools_only,
            id=f"{name} (participants only)",
        )
    )

CASES.append(
    UrlCase(
        "reports:dashboard",
        lambda w: reverse("reports:dashboard"),
        dict.fromkeys(("school_clerk", "other_head", "phong_officer", "so_officer", "leader", "outsider"), 200),
    )
)
