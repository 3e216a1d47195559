"""Bad input is refused with a clear Vietnamese message and nothing half-saved."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from awards import services as award_services
from awards.enums import RuleKind, Subject
from dossiers import selectors, services
from dossiers.enums import ComponentKind, DossierState
from dossiers.models import Dossier, DossierDocument, Nominee, RoundExtension
from dossiers.tests.factories import (
    award,
    complete,
    dossier_for,
    good_year,
    head_of,
    pdf_upload,
    ready_dossier,
    school_year_round,
    staff,
)

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(datetime.datetime(2026, 5, 20, 9, 0, tzinfo=datetime.UTC), tick=False):
        yield


def _message(exc) -> str:
    return " ".join(exc.value.messages)


def test_same_person_twice_for_the_same_award_in_one_round_is_refused(world):
    award_round = school_year_round(world.phong_a)
    first = ready_dossier(world, award_round=award_round)
    second = dossier_for(world.school_a1, award_round)
    with pytest.raises(ValidationError) as exc:
        services.nominee_add(
            dossier=second, actor=None, award=award("LDTT"), person=world.person_a1, achievement="Lần hai"
        )
    assert _message(exc) == (
        "Nguyễn Thị Lan đã được đề nghị Lao động tiên tiến trong đợt này (hồ sơ của Trường Tiểu học Thử A1)."
    )
    assert Nominee.objects.filter(dossier=second).count() == 0
    assert Nominee.objects.filter(dossier=first).count() == 1


def test_initiative_already_used_is_refused(world):
    person = world.person_a1
    good_year(person, 2024)
    initiative = award_services.initiative_create(
        person=person,
        title="Dạy học theo dự án",
        effect_scope="unit",
        school_year=2024,
        recognised_by="Trường Tiểu học Thử A1",
        decision_number="05/QĐ-TH",
        decision_date=D(2025, 4, 1),
        actor=None,
    )
    record = award_services.award_record_create(
        award=award("LDTT"),
        person=person,
        unit=world.school_a1,
        school_year=2024,
        decision_number="12/QĐ-PGD",
        decision_date=D(2025, 6, 1),
        issuer="Phòng GD&ĐT Thử A",
        actor=None,
    )
    award_services.initiative_use(initiative=initiative, record=record, actor=None)
    dossier = dossier_for(world.school_a1, school_year_round(world.phong_a))
    good_year(person)
    with pytest.raises(ValidationError) as exc:
        services.nominee_add(
            dossier=dossier,
            actor=None,
            award=award("LDTT"),
            person=person,
            achievement="Sáng kiến",
            initiative=initiative,
        )
    assert "Sáng kiến “Dạy học theo dự án” đã được dùng làm căn cứ khen thưởng" in _message(exc)
    assert Nominee.objects.count() == 0


def test_sending_after_the_deadline_needs_an_extension(world):
    award_round = school_year_round(world.phong_a, deadline=D(2026, 5, 15))
    dossier = ready_dossier(world, award_round=award_round)
    with pytest.raises(ValidationError) as exc:
        services.dossier_send(dossier=dossier, actor=None)
    assert _message(exc) == (
        "Hạn nộp hồ sơ của đợt là 15/05/2026 và đơn vị không được gia hạn: không thể gửi hồ sơ nữa."
    )
    assert Dossier.objects.get(pk=dossier.pk).state == DossierState.DRAFT
    RoundExtension.objects.create(round=award_round, unit=world.school_a1, until=D(2026, 5, 25))
    services.dossier_send(dossier=dossier, actor=None)
    assert Dossier.objects.get(pk=dossier.pk).state == DossierState.SENT


def test_missing_required_components_are_listed(world):
    dossier = dossier_for(world.school_a1, school_year_round(world.phong_a))
    good_year(world.person_a1)
    services.nominee_add(
        dossier=dossier, actor=None, award=award("LDTT"), person=world.person_a1, achievement="Hoàn thành tốt"
    )
    with pytest.raises(ValidationError) as exc:
        services.dossier_send(dossier=dossier, actor=None)
    assert _message(exc) == (
        "Hồ sơ chưa đầy đủ; còn thiếu: biên bản họp Hội đồng TĐKT của đơn vị (cuộc họp và kết quả bỏ phiếu); "
        "báo cáo thành tích có chữ ký của Nguyễn Thị Lan."
    )
    assert Dossier.objects.get(pk=dossier.pk).state == DossierState.DRAFT
    complete(dossier)
    services.dossier_send(dossier=dossier, actor=None)
    assert Dossier.objects.get(pk=dossier.pk).state == DossierState.SENT


def test_a_file_that_is_not_what_its_name_says_is_refused(world):
    dossier = ready_dossier(world)
    nominee = dossier.nominees.get()
    before = DossierDocument.objects.count()
    fake = SimpleUploadedFile("bao-cao.pdf", b"PK\x03\x04not really", content_type="application/pdf")
    with pytest.raises(ValidationError) as exc:
        services.document_upload(dossier=dossier, actor=None, kind=ComponentKind.REPORT, upload=fake, nominee=nominee)
    assert "không phải" in _message(exc) or "không đúng" in _message(exc)
    renamed = pdf_upload(name="bao-cao.docx")
    with pytest.raises(ValidationError) as exc:
        services.document_upload(
            dossier=dossier, actor=None, kind=ComponentKind.REPORT, upload=renamed, nominee=nominee
        )
    assert _message(exc) == "Tệp “bao-cao.docx” không đúng như tên gọi: nội dung thực là PDF."
    assert DossierDocument.objects.count() == before


def _quota_rule(world, **params):
    award_services.rule_create(
        award=award("CSTDCS"),
        kind=RuleKind.QUOTA,
        params=params,
        description="Số CSTĐCS không quá chỉ tiêu",
        document="Quy định riêng của Sở (thử)",
        valid_from=D(2024, 9, 1),
        scope=world.so,
        applies_to=Subject.INDIVIDUAL,
        citation_confirmed=False,
        actor=None,
    )


def _cstdcs_ready(people):
    for person in people:
        good_year(person, 2025, "excellent")


def test_quota_refusal_at_the_boundary(world):
    _quota_rule(world, max=2)
    people = staff(world.school_a1, 3)
    _cstdcs_ready(people)
    dossier = dossier_for(world.school_a1, school_year_round(world.phong_a))
    for person in people[:2]:
        services.nominee_add(dossier=dossier, actor=None, award=award("CSTDCS"), person=person, achievement="HTXS")
    meter = selectors.quota_meters(dossier)[award("CSTDCS").pk]
    assert (meter.cap, meter.used, meter.over) == (2, 2, 0)
    with pytest.raises(ValidationError) as exc:
        services.nominee_add(dossier=dossier, actor=None, award=award("CSTDCS"), person=people[2], achievement="HTXS")
    assert _message(exc) == (
        "Vượt chỉ tiêu Chiến sĩ thi đua cơ sở: đề nghị 3 trên chỉ tiêu 2 (vượt 1, Quy định riêng của Sở (thử))."
    )
    assert dossier.nominees.count() == 2


def test_quota_overrun_allowed_only_with_the_reason_the_rule_demands(world):
    _quota_rule(world, max=1, over_with_reason=True)
    people = staff(world.school_a1, 2)
    _cstdcs_ready(people)
    dossier = dossier_for(world.school_a1, school_year_round(world.phong_a))
    services.nominee_add(dossier=dossier, actor=None, award=award("CSTDCS"), person=people[0], achievement="HTXS")
    with pytest.raises(ValidationError) as exc:
        services.nominee_add(dossier=dossier, actor=None, award=award("CSTDCS"), person=people[1], achievement="HTXS")
    assert "chỉ cho phép khi có lý do" in _message(exc)
    services.nominee_add(
        dossier=dossier,
        actor=None,
        award=award("CSTDCS"),
        person=people[1],
        achievement="HTXS",
        quota_reason="Giải nhất giáo viên dạy giỏi cấp tỉnh",
    )
    assert dossier.nominees.count() == 2


def test_campaign_quota_from_the_award_offer(world):
    award_round = school_year_round(world.phong_a, codes=("LDTT",), quotas={"LDTT": 1})
    people = staff(world.school_a1, 2)
    dossier = dossier_for(world.school_a1, award_round)
    services.nominee_add(dossier=dossier, actor=None, award=award("LDTT"), person=people[0], achievement="HTT")
    with pytest.raises(ValidationError) as exc:
        services.nominee_add(dossier=dossier, actor=None, award=award("LDTT"), person=people[1], achievement="HTT")
    assert "đề nghị 2 trên chỉ tiêu 1" in _message(exc)


def test_not_eligible_nominee_needs_a_written_justification(world):
    dossier = dossier_for(world.school_a1, school_year_round(world.phong_a))
    good_year(world.person_a1, 2025, "completed")
    with pytest.raises(ValidationError) as exc:
        services.nominee_add(
            dossier=dossier, actor=None, award=award("LDTT"), person=world.person_a1, achievement="HTNV"
        )
    assert "chỉ giữ đề nghị khi có giải trình bằng văn bản" in _message(exc)
    nominee = services.nominee_add(
        dossier=dossier,
        actor=None,
        award=award("LDTT"),
        person=world.person_a1,
        achievement="HTNV",
        justification="Nghỉ thai sản nửa năm, đánh giá lại theo Điều 4 khoản 5",
    )
    assert (nominee.verdict, nominee.justification) == (
        "not_eligible",
        "Nghỉ thai sản nửa năm, đánh giá lại theo Điều 4 khoản 5",
    )


def test_clerk_prepares_but_an_outsider_school_cannot_touch(world):
    from django.core.exceptions import PermissionDenied

    dossier = dossier_for(world.school_a1, school_year_round(world.phong_a))
    with pytest.raises(PermissionDenied):
        services.nominee_add(
            dossier=dossier,
            actor=world.users["other_head"],
            award=award("LDTT"),
            person=world.person_a1,
            achievement="HTT",
        )
    head_of(world.school_a1)
