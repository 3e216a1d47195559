"""Permission rows of amending a launched plan's parts (the parts' screens on a launched campaign).

``_launched_plan`` adds, issued by Phòng A, a launched campaign with one phase and one award form.
Amending is a decision: only the issuer's head or emulation officer (here phong_officer) may; the
same screens on a draft stay open to the issuer's clerks too (rows in ``url_cases_ui.py``).
"""

import datetime

from django.urls import reverse

from campaigns import services
from campaigns.tests.factories import CampaignFactory
from tests.url_table import UrlCase

DECIDERS_ONLY = {
    "school_clerk": 403,
    "other_head": 403,
    "phong_officer": 200,
    "so_officer": 403,
    "leader": 403,
    "outsider": 404,
}
DECIDERS_POST = {**DECIDERS_ONLY, "phong_officer": 302}
REASON = "Theo Công văn 120/SGDĐT-TĐKT"


def _launched_plan(w):
    if "amended" in w.extra:
        return
    campaign = CampaignFactory(issuer=w.phong_a, title="Phong trào được điều chỉnh")
    phase = services.phase_add(
        campaign=campaign,
        actor=None,
        name="Giai đoạn 1",
        starts_on=datetime.date(2024, 9, 1),
        ends_on=datetime.date(2025, 5, 31),
    )
    offer = services.award_offer_add(campaign=campaign, actor=None, name="Giấy khen", quota=5)
    services.campaign_set_state(campaign=campaign, new_state="launched", actor=None)
    draft = CampaignFactory(issuer=w.phong_a, title="Dự thảo có giai đoạn")
    draft_phase = services.phase_add(
        campaign=draft,
        actor=None,
        name="Giai đoạn 1",
        starts_on=datetime.date(2024, 9, 1),
        ends_on=datetime.date(2025, 5, 31),
    )
    w.extra.update(amended=campaign, amended_phase=phase, amended_offer=offer, draft_phase=draft_phase)


def _plan_url(name, *extra):
    return lambda w: reverse(name, args=[w.extra["amended"].pk, *(e(w) if callable(e) else e for e in extra)])


def _phase_pk(w):
    return w.extra["amended_phase"].pk


def _offer_pk(w):
    return w.extra["amended_offer"].pk


CASES = [
    UrlCase(
        "campaigns:part-add",
        _plan_url("campaigns:part-add", "giai-doan"),
        DECIDERS_ONLY,
        setup=_launched_plan,
        id="campaigns:part-add-amendment",
    ),
    UrlCase(
        "campaigns:part-add",
        _plan_url("campaigns:part-add", "ho-so"),
        DECIDERS_POST,
        method="post",
        data=lambda w: {"ho-so-amendment_reason": REASON, "ho-so-name": "Tờ trình", "ho-so-is_required": "on"},
        setup=_launched_plan,
        id="campaigns:part-add-amendment-post",
    ),
    UrlCase(
        "campaigns:part-edit",
        _plan_url("campaigns:part-edit", "khen-thuong", _offer_pk),
        DECIDERS_ONLY,
        setup=_launched_plan,
        id="campaigns:part-edit-amendment",
    ),
    UrlCase(
        "campaigns:part-edit",
        _plan_url("campaigns:part-edit", "khen-thuong", _offer_pk),
        DECIDERS_POST,
        method="post",
        data=lambda w: {
            "khen-thuong-amendment_reason": REASON,
            "khen-thuong-name": "Giấy khen",
            "khen-thuong-quota": "8",
        },
        setup=_launched_plan,
        id="campaigns:part-edit-amendment-post",
    ),
    UrlCase(
        "campaigns:part-delete",
        _plan_url("campaigns:part-delete", "giai-doan", _phase_pk),
        DECIDERS_ONLY,
        setup=_launched_plan,
        id="campaigns:part-delete-amendment",
    ),
    UrlCase(
        "campaigns:part-delete",
        _plan_url("campaigns:part-delete", "giai-doan", _phase_pk),
        DECIDERS_POST,
        method="post",
        data=lambda w: {"amendment_reason": REASON},
        setup=_launched_plan,
        id="campaigns:part-delete-amendment-post",
    ),
    UrlCase(
        "campaigns:part-delete",
        lambda w: reverse(
            "campaigns:part-delete", args=[w.extra["draft_phase"].campaign_id, "giai-doan", w.extra["draft_phase"].pk]
        ),
        {**DECIDERS_ONLY, "school_clerk": 404, "other_head": 404, "so_officer": 404, "leader": 404},
        setup=_launched_plan,
        id="campaigns:part-delete-draft-confirm",
    ),
    UrlCase(
        "campaigns:participants",
        _plan_url("campaigns:participants"),
        DECIDERS_ONLY,
        setup=_launched_plan,
        id="campaigns:participants-amendment",
    ),
    UrlCase(
        "campaigns:participants",
        _plan_url("campaigns:participants"),
        DECIDERS_POST,
        method="post",
        data=lambda w: {
            "amendment_reason": REASON,
            "participant_scope": "kinds",
            "participant_kinds": ["primary_school"],
        },
        setup=_launched_plan,
        id="campaigns:participants-amendment-post",
    ),
]
