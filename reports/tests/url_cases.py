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

EVERYONE = ("school_clerk", "other_head", "phong_officer", "so_officer", "leader", "outsider")
# Drilling into Phòng A: inside the scope of those overseeing it, a 404 for everyone else.
PHONG_A = {
    "school_clerk": 404,
    "other_head": 404,
    "phong_officer": 200,
    "so_officer": 200,
    "leader": 200,
    "outsider": 404,
}
CASES += [
    UrlCase("reports:home", lambda w: reverse("reports:home"), dict.fromkeys(EVERYONE, 200)),
    UrlCase(
        "reports:dashboard",
        lambda w: f"{reverse('reports:dashboard')}?unit={w.phong_a.pk}",
        PHONG_A,
        id="reports:dashboard (drill into Phòng A)",
    ),
    UrlCase("reports:dashboard-export", lambda w: reverse("reports:dashboard-export"), dict.fromkeys(EVERYONE, 200)),
    UrlCase(
        "reports:dashboard-export",
        lambda w: f"{reverse('reports:dashboard-export')}?unit={w.phong_a.pk}",
        PHONG_A,
        id="reports:dashboard-export (Phòng A)",
    ),
]
CASES += [
    UrlCase("reports:fairness", lambda w: reverse("reports:fairness"), dict.fromkeys(EVERYONE, 200)),
    UrlCase(
        "reports:fairness",
        lambda w: f"{reverse('reports:fairness')}?unit={w.phong_a.pk}",
        PHONG_A,
        id="reports:fairness (Phòng A)",
    ),
]


def _figures_deadline(world):
    import datetime

    from campaigns import services
    from campaigns.tests.factories import running_campaign

    milestone = services.milestone_create(
        campaign=running_campaign(world),
        actor=None,
        deliverable="annual_report",
        title="Báo cáo số liệu",
        due_on=datetime.date(2026, 11, 20),
        figures=[{"key": "truong", "label": "Số trường đạt chuẩn", "unit": "trường"}],
        amendment_reason="Bổ sung hạn nộp",
    )
    world.extra["figures_deadline"] = milestone.deadlines.get()


# The sums follow the deadline status page's rule: those who oversee the campaign.
FIGURES = {
    "school_clerk": 403,
    "other_head": 403,
    "phong_officer": 403,
    "so_officer": 200,
    "leader": 200,
    "outsider": 404,
}
CASES += [
    UrlCase(
        "reports:figures",
        lambda w: reverse("reports:figures", args=[w.extra["figures_deadline"].pk]),
        FIGURES,
        setup=_figures_deadline,
    ),
    UrlCase(
        "reports:figures-export",
        lambda w: reverse("reports:figures-export", args=[w.extra["figures_deadline"].pk]),
        FIGURES,
        setup=_figures_deadline,
    ),
]


def _launched_for_review(world):
    from campaigns.tests.factories import running_campaign

    world.extra["review_campaign"] = running_campaign(world)


REVIEW = {**dict.fromkeys(("school_clerk", "other_head", "phong_officer"), 403), "so_officer": 200, "leader": 200}
REVIEW["outsider"] = 404
CASES += [
    UrlCase(
        "reports:review",
        lambda w, kind=kind, fmt=fmt: reverse("reports:review", args=[w.extra["review_campaign"].pk, kind, fmt]),
        REVIEW,
        setup=_launched_for_review,
        id=f"reports:review ({kind}.{fmt})",
    )
    for kind, fmt in (("so-ket", "pdf"), ("tong-ket", "docx"))
]
CASES.append(
    UrlCase(
        "reports:review-issue",
        lambda w: reverse("reports:review-issue", args=[w.extra["review_campaign"].pk, "so-ket"]),
        # The issuer's officer takes the number (then back to the campaign); the leader reads, never issues.
        {**REVIEW, "so_officer": 302, "leader": 403},
        method="post",
        setup=_launched_for_review,
    )
)
