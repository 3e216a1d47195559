import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from campaigns.tests.factories import running_campaign
from emulation import selectors, services
from emulation.models import Pact, PactTarget
from emulation.tests.factories import PDF_BYTES
from units.services import cluster_create
from units.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cluster_of_three(world):
    """Cụm of Phòng A: head TH A1; members THCS A2 and a third school whose name sorts first."""
    third = UnitFactory(parent=world.phong_a, name="Trường Tiểu học An Bình")
    cluster = cluster_create(
        organiser=world.phong_a,
        name="Cụm thi đua số 2",
        school_year=2025,
        head_unit=world.school_a1,
        members=[world.school_a1, world.school_a2, third],
        actor=None,
    )
    pact = services.pact_create(
        cluster=cluster, actor=None, title="Giao ước thi đua năm học 2025–2026", signed_on=datetime.date(2025, 9, 20)
    )
    return pact, third


def _target(pact, member, max_score=10):
    return services.pact_target_add(
        pact=pact, member=member, actor=None, criterion="Tỷ lệ lên lớp", max_score=max_score
    )


def _score(target, self_score, cross=None):
    services.pact_self_score(target=target, actor=None, score=self_score, evidence="Báo cáo")
    if cross is not None:
        services.pact_cross_score(target=target, actor=None, score=cross)


def test_ranking_uses_cross_scores_falls_back_to_self_scores_and_breaks_ties_by_vietnamese_name(
    world, cluster_of_three
):
    pact, third = cluster_of_three
    # TH A1: self 9 + 8, cross 7 on the first only -> 7 + 8 = 15.
    a1_first, a1_second = _target(pact, world.school_a1), _target(pact, world.school_a1)
    _score(a1_first, "9", cross="7")
    _score(a1_second, "8")
    # THCS A2: self 10, 9 -> cross 8,5 and 6,5 -> 15 (tied with A1).
    a2_first, a2_second = _target(pact, world.school_a2), _target(pact, world.school_a2)
    _score(a2_first, "10", cross="8,5")
    _score(a2_second, "9", cross="6,5")
    # An Bình: self 10, 10 -> 20, no cross-score yet.
    for target in (_target(pact, third), _target(pact, third)):
        _score(target, "10")
    ranking = selectors.pact_ranking(selectors.pact_get(world.users["phong_officer"], pact.pk))
    assert [(r.rank, r.unit.name, r.total, r.self_total, r.cross_total, r.max_total) for r in ranking] == [
        (1, "Trường THCS Thử A2", Decimal("15"), Decimal("19"), Decimal("15"), Decimal("20")),
        (1, "Trường Tiểu học Thử A1", Decimal("15"), Decimal("17"), Decimal("7"), Decimal("20")),
        # Not cross-scored: listed apart, never above a scored member for its self-scores.
        (None, "Trường Tiểu học An Bình", Decimal("20"), Decimal("20"), None, Decimal("20")),
    ]


@pytest.mark.parametrize(
    ("score", "message"),
    [
        ("11", "Điểm phải từ 0 đến 10."),
        ("-1", "Điểm phải từ 0 đến 10."),
        ("tốt", "Điểm phải là một con số, ví dụ 8 hoặc 8,5."),
    ],
)
def test_self_score_outside_the_scale_or_not_a_number_is_refused(world, cluster_of_three, score, message):
    pact, _third = cluster_of_three
    target = _target(pact, world.school_a2)
    with pytest.raises(ValidationError) as excinfo:
        services.pact_self_score(target=target, actor=None, score=score, evidence="Báo cáo")
    assert excinfo.value.message_dict == {"self_score": [message]}
    target.refresh_from_db()
    assert target.self_score is None


def test_self_score_needs_evidence_and_a_signed_pact(world, cluster_of_three):
    pact, _third = cluster_of_three
    target = _target(pact, world.school_a2)
    with pytest.raises(ValidationError) as excinfo:
        services.pact_self_score(target=target, actor=None, score="8", evidence=" ")
    assert excinfo.value.message_dict == {"self_evidence": ["Vui lòng nêu minh chứng cho điểm tự chấm."]}
    with pytest.raises(ValidationError) as excinfo:
        services.pact_self_score(target=target, actor=None, score="8", evidence="x", today=datetime.date(2025, 9, 1))
    assert excinfo.value.messages == ["Giao ước chưa được ký kết."]


def test_evidence_file_is_recognised_by_its_content_not_its_name(world, cluster_of_three):
    pact, _third = cluster_of_three
    target = _target(pact, world.school_a2)
    fake = SimpleUploadedFile("minh-chung.pdf", b"MZ\x90\x00 not a pdf at all", "application/pdf")
    with pytest.raises(ValidationError) as excinfo:
        services.pact_self_score(target=target, actor=None, score="8", evidence="Báo cáo", evidence_file=fake)
    assert excinfo.value.message_dict == {
        "evidence_file": [
            "Tệp này không phải là tệp PDF, Word (.docx), Excel (.xlsx) hay ảnh (PNG, JPEG), dù tên tệp ghi thế nào."
        ]
    }
    target.refresh_from_db()
    assert (target.self_score, bool(target.evidence_file)) == (None, False)
    real = SimpleUploadedFile("bao-cao.pdf", PDF_BYTES, "application/pdf")
    services.pact_self_score(target=target, actor=None, score="8,5", evidence="Báo cáo", evidence_file=real)
    target.refresh_from_db()
    with target.evidence_file.open("rb") as stored:
        assert (target.self_score, target.evidence_name, stored.read()) == (Decimal("8.5"), "bao-cao.pdf", PDF_BYTES)


def test_cross_score_comes_after_the_self_score_and_then_closes_it(world, cluster_of_three):
    pact, _third = cluster_of_three
    target = _target(pact, world.school_a2)
    with pytest.raises(ValidationError) as excinfo:
        services.pact_cross_score(target=target, actor=None, score="7")
    assert excinfo.value.messages == ["Thành viên chưa tự chấm chỉ tiêu này."]
    _score(target, "9", cross="7")
    with pytest.raises(ValidationError) as excinfo:
        services.pact_self_score(target=target, actor=None, score="10", evidence="Sửa lại")
    assert excinfo.value.messages == ["Đơn vị trưởng cụm đã chấm chéo chỉ tiêu này."]
    target.refresh_from_db()
    assert (target.self_score, target.cross_score) == (Decimal("9"), Decimal("7"))


def test_targets_only_for_members_with_a_positive_maximum(world, cluster_of_three):
    pact, _third = cluster_of_three
    with pytest.raises(ValidationError) as excinfo:
        services.pact_target_add(
            pact=pact, member=world.school_b1, actor=None, criterion="x", max_score="0", target_value="a"
        )
    assert excinfo.value.message_dict == {
        "member": ["Đơn vị này không thuộc cụm thi đua."],
        "target_value": ["Chỉ tiêu phải là một số, ví dụ 344 hoặc 99,5."],
        "max_score": ["Điểm tối đa phải là số lớn hơn 0."],
    }
    assert PactTarget.objects.count() == 0


def test_one_pact_per_cluster_and_campaign(world, cluster_of_three):
    pact, _third = cluster_of_three
    with pytest.raises(ValidationError) as excinfo:
        services.pact_create(cluster=pact.cluster, actor=None, title="Lần hai", signed_on=datetime.date(2025, 10, 1))
    assert excinfo.value.messages == ["Cụm thi đua đã có giao ước cho phong trào hoặc năm học này."]
    campaign = running_campaign(world)
    for_campaign = services.pact_create(
        cluster=pact.cluster, actor=None, title="Giao ước cao điểm", signed_on=timezone.localdate(), campaign=campaign
    )
    assert sorted(Pact.objects.values_list("title", flat=True)) == sorted([pact.title, for_campaign.title])


def test_pacts_are_seen_by_members_and_the_organiser_only(world, cluster_of_three):
    pact, _third = cluster_of_three
    seen = {
        name: list(selectors.visible_pacts(user).values_list("pk", flat=True))
        for name, user in world.users.items()
        if user
    }
    assert seen == {
        "school_clerk": [pact.pk],
        "other_head": [pact.pk],
        "phong_officer": [pact.pk],
        "so_officer": [pact.pk],
        "leader": [pact.pk],
        "outsider": [],
    }


def test_pact_page_links_evidence_only_for_readers_who_may_open_it(world, client_for):
    """Another member of the cluster sees the pact and the scores, not a link to a member's evidence."""
    from django.urls import reverse

    from emulation.tests.factories import pact_target

    target = pact_target(world, member=world.school_a1, with_file=True)
    url = reverse("emulation:pact-detail", args=[target.pact.pk])
    evidence = reverse("emulation:pact-evidence", args=[target.pk])
    member_page = client_for(world.users["other_head"]).get(url).content.decode()
    own_page = client_for(world.users["school_clerk"]).get(url).content.decode()
    officer_page = client_for(world.users["phong_officer"]).get(url).content.decode()
    assert (evidence in member_page, evidence in own_page, evidence in officer_page) == (False, True, True)
    assert client_for(world.users["other_head"]).get(evidence).status_code == 404
