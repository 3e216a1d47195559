"""Permission rows of the campaign screens (list, plan, parts, lifecycle, deadlines, calendar).

The world has no campaign: ``_campaigns`` adds, issued by Phòng A, a launched campaign with one
deadline and a submission of Trường A1, and a draft with one phase.
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from campaigns import ics, services
from campaigns.tests.factories import CampaignFactory
from tests.url_table import UrlCase

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EVERYONE = dict.fromkeys(("school_clerk", "other_head", "phong_officer", "so_officer", "leader", "outsider"), 200)
ISSUER_STAFF_ONLY = {
    "school_clerk": 403,
    "other_head": 403,
    "phong_officer": 200,
    "so_officer": 403,
    "leader": 403,
    "outsider": 404,
}
ISSUER_STAFF_POST = {**ISSUER_STAFF_ONLY, "phong_officer": 302}
# A draft is the issuer's working paper: nobody outside Phòng A even finds it.
DRAFT_ISSUER_ONLY = {
    **dict.fromkeys(("school_clerk", "other_head", "so_officer", "leader", "outsider"), 404),
    "phong_officer": 200,
}
DRAFT_ISSUER_POST = {**DRAFT_ISSUER_ONLY, "phong_officer": 302}
# A launched Sở plan for primary schools only: Trường Tiểu học A1 takes part, Trường THCS A2 and
# Phòng A do not; the Sở's officer and leader issued it.
SCHOOLS_ONLY = {
    "school_clerk": 200,
    "other_head": 404,
    "phong_officer": 404,
    "so_officer": 200,
    "leader": 200,
    "outsider": 404,
}


def _schools_only(w):
    if "schools_only" in w.extra:
        return
    campaign = CampaignFactory(issuer=w.so, title="Kế hoạch chỉ dành cho trường tiểu học")
    services.campaign_set_participants(campaign=campaign, actor=None, scope="kinds", kinds=["primary_school"])
    w.extra["schools_only"] = services.campaign_set_state(campaign=campaign, new_state="launched", actor=None)


def _campaigns(w):
    if "campaign" in w.extra:
        return
    campaign = CampaignFactory(issuer=w.phong_a, title="Phong trào Thi đua dạy tốt, học tốt")
    milestone = services.milestone_create(
        campaign=campaign,
        actor=None,
        deliverable="plan",
        title="Kế hoạch của trường",
        due_on=datetime.date(2024, 10, 15),
    )
    campaign = services.campaign_set_state(campaign=campaign, new_state="launched", actor=None)
    deadline = milestone.deadlines.get()
    submission = services.submission_create(
        deadline=deadline,
        unit=w.school_a1,
        actor=None,
        file=SimpleUploadedFile("ke-hoach.pdf", PDF_BYTES, content_type="application/pdf"),
    )
    draft = CampaignFactory(issuer=w.phong_a, title="Dự thảo kế hoạch")
    phase = services.phase_add(
        campaign=draft,
        actor=None,
        name="Giai đoạn 1",
        starts_on=datetime.date(2024, 9, 1),
        ends_on=datetime.date(2025, 8, 31),
    )
    w.extra.update(campaign=campaign, deadline=deadline, submission=submission, draft=draft, phase=phase)


def _draft_url(name, *extra):
    return lambda w: reverse(name, args=[w.extra["draft"].pk, *extra])


CASES = [
    UrlCase("campaigns:list", lambda w: reverse("campaigns:list"), EVERYONE, setup=_campaigns),
    UrlCase("campaigns:create", lambda w: reverse("campaigns:create"), {**EVERYONE, "leader": 403}),
    UrlCase(
        "campaigns:detail",
        lambda w: reverse("campaigns:detail", args=[w.extra["campaign"].pk]),
        {**EVERYONE, "outsider": 404},
        setup=_campaigns,
    ),
    UrlCase(
        "campaigns:detail",
        lambda w: reverse("campaigns:detail", args=[w.extra["schools_only"].pk]),
        SCHOOLS_ONLY,
        setup=_schools_only,
        id="campaigns:detail (participants only)",
    ),
    UrlCase("campaigns:edit", _draft_url("campaigns:edit"), DRAFT_ISSUER_ONLY, setup=_campaigns),
    UrlCase("campaigns:participants", _draft_url("campaigns:participants"), DRAFT_ISSUER_ONLY, setup=_campaigns),
    UrlCase(
        "campaigns:set-state",
        _draft_url("campaigns:set-state"),
        DRAFT_ISSUER_POST,
        method="post",
        data=lambda w: {"state": "launched", "reason": "Phát động", "confirm_past": "on"},
        setup=_campaigns,
    ),
    UrlCase(
        "campaigns:amend",
        lambda w: reverse("campaigns:amend", args=[w.extra["campaign"].pk]),
        ISSUER_STAFF_ONLY,
        setup=_campaigns,
    ),
    UrlCase(
        "campaigns:copy",
        lambda w: reverse("campaigns:copy", args=[w.extra["campaign"].pk]),
        ISSUER_STAFF_POST,
        method="post",
        setup=_campaigns,
    ),
    UrlCase(
        "campaigns:cascade",
        lambda w: reverse("campaigns:cascade", args=[w.extra["campaign"].pk]),
        {**ISSUER_STAFF_ONLY, "school_clerk": 302, "other_head": 302, "phong_officer": 403},
        method="post",
        setup=_campaigns,
    ),
    UrlCase("campaigns:part-add", _draft_url("campaigns:part-add", "giai-doan"), DRAFT_ISSUER_ONLY, setup=_campaigns),
    UrlCase(
        "campaigns:criteria-outline", _draft_url("campaigns:criteria-outline"), DRAFT_ISSUER_ONLY, setup=_campaigns
    ),
    UrlCase(
        "campaigns:part-edit",
        lambda w: reverse("campaigns:part-edit", args=[w.extra["draft"].pk, "giai-doan", w.extra["phase"].pk]),
        DRAFT_ISSUER_ONLY,
        setup=_campaigns,
    ),
    UrlCase(
        "campaigns:part-delete",
        lambda w: reverse("campaigns:part-delete", args=[w.extra["draft"].pk, "giai-doan", w.extra["phase"].pk]),
        DRAFT_ISSUER_POST,
        method="post",
        setup=_campaigns,
    ),
    UrlCase(
        "campaigns:deadline-status",
        lambda w: reverse("campaigns:deadline-status", args=[w.extra["deadline"].pk]),
        {**ISSUER_STAFF_ONLY, "so_officer": 200, "leader": 200},
        setup=_campaigns,
    ),
    UrlCase(
        "campaigns:deadline-status-export",
        lambda w: reverse("campaigns:deadline-status-export", args=[w.extra["deadline"].pk]),
        {**ISSUER_STAFF_ONLY, "so_officer": 200, "leader": 200},
        setup=_campaigns,
    ),
    UrlCase(
        "campaigns:deadline-exception",
        lambda w: reverse("campaigns:deadline-exception", args=[w.extra["deadline"].pk, w.school_a1.pk]),
        ISSUER_STAFF_ONLY,
        setup=_campaigns,
    ),
    UrlCase(
        "campaigns:submit",
        lambda w: reverse("campaigns:submit", args=[w.extra["deadline"].pk]),
        {
            "school_clerk": 200,
            "other_head": 200,
            "phong_officer": 403,
            "so_officer": 403,
            "leader": 403,
            "outsider": 404,
        },
        setup=_campaigns,
    ),
    UrlCase(
        "campaigns:submission-download",
        lambda w: reverse("campaigns:submission-download", args=[w.extra["submission"].pk]),
        {**EVERYONE, "other_head": 404, "outsider": 404},
        setup=_campaigns,
    ),
    UrlCase("campaigns:my-deadlines", lambda w: reverse("campaigns:my-deadlines"), EVERYONE, setup=_campaigns),
    UrlCase(
        "campaigns:ics-feed",
        lambda w: reverse("campaigns:ics-feed", args=[ics.feed_token(w.users["school_clerk"])]),
        {**EVERYONE, "anonymous": 200},
        setup=_campaigns,
    ),
    UrlCase(
        "campaigns:ics-feed",
        lambda w: reverse("campaigns:ics-feed", args=[f"{w.users['school_clerk'].pk}.sai-chu-ky"]),
        {**dict.fromkeys(EVERYONE, 404), "anonymous": 404},
        id="campaigns:ics-feed-wrong-token",
    ),
]
