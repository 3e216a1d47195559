"""The public verification page: the listed fields and nothing else about the person; revoked marked;
random codes that tell nothing about one another."""

import datetime
import itertools

import pytest
from django.urls import reverse

from awards import services as award_services
from certificates import services
from certificates.models import Certificate
from certificates.tests.factories import many_people, so_decision
from units.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(world):
    Person.objects.filter(pk=world.person_a1.pk).update(
        national_id="079185001234", phone="0912345678", email="lan@example.vn", position="Tổ trưởng chuyên môn"
    )
    _decision, records = so_decision(world.so, [world.person_a1])
    return services.certificate_ensure(record=records[0], actor=None)


def test_verification_page_shows_only_the_listed_fields_to_anyone(certificate, client):
    response = client.get(reverse("verify:code", args=[certificate.code]))
    page = response.content.decode()

    assert response.status_code == 200
    for shown in (
        "Nguyễn Thị Lan",
        "Giấy khen của Giám đốc Sở Giáo dục và Đào tạo",
        "Số 215/QĐ-SGDĐT ngày 05/06/2026",
        "Sở Giáo dục và Đào tạo Thử nghiệm",
        certificate.grouped_code,
        "đang có hiệu lực",
    ):
        assert shown in page
    for hidden in (
        "04/03/1985",
        "1985",
        "079185001234",
        "0912345678",
        "lan@example.vn",
        "Tổ trưởng",
        "Trường Tiểu học Thử A1",
    ):
        assert hidden not in page
    assert "Đã thu hồi" not in page
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_verification_page_marks_a_revoked_award(certificate, client):
    award_services.award_record_revoke(
        record=certificate.record,
        reason="Hồ sơ không trung thực",
        number="30/QĐ-SGDĐT",
        date=datetime.date(2026, 11, 2),
        actor=None,
    )
    page = client.get(reverse("verify:code", args=[certificate.code])).content.decode()

    assert "Đã thu hồi" in page
    assert "Hồ sơ không trung thực" not in page  # the reason is not the public's business
    assert "đang có hiệu lực" not in page


def test_verification_page_marks_a_revoked_decision(certificate, client):
    award_services.decision_revoke(
        decision=certificate.record.decision,
        reason="Sai thẩm quyền",
        number="31/QĐ-SGDĐT",
        date=datetime.date(2026, 11, 3),
        actor=None,
    )

    assert "Đã thu hồi" in client.get(reverse("verify:code", args=[certificate.code])).content.decode()


def test_unknown_code_answers_404(certificate, client):
    other = "ZZZZZZZZZZ" if certificate.code != "ZZZZZZZZZZ" else "YYYYYYYYYY"

    assert client.get(reverse("verify:code", args=[other])).status_code == 404
    assert client.get("/xac-minh/not-a-code/").status_code == 404


def test_typed_code_is_read_the_forgiving_way(certificate, client):
    typed = f" {certificate.code[:5].lower()}-{certificate.code[5:].lower()} ".replace("0", "o").replace("1", "l")
    response = client.get(reverse("verify:search"), {"code": typed})

    assert response.status_code == 302
    assert response["Location"] == reverse("verify:code", args=[certificate.code])


def test_search_box_says_what_a_code_looks_like(client):
    page = client.get(reverse("verify:search"), {"code": "12"}).content.decode()

    assert "Mã xác minh gồm 10 chữ và số" in page


def test_codes_are_unique_random_and_not_sequential(world):
    people = many_people(world.school_a1, 40)
    decision, _records = so_decision(world.so, people)
    services.certificates_ensure(decision=decision, actor=None)
    codes = list(Certificate.objects.filter(record__decision=decision).order_by("id").values_list("code", flat=True))

    assert len(codes) == len(set(codes)) == 40
    assert all(len(code) == 10 and set(code) <= set(services.ALPHABET) for code in codes)
    values = [
        int(code.translate(str.maketrans(services.ALPHABET, "0123456789abcdefghijklmnopqrstuv")), 32) for code in codes
    ]
    steps = {later - earlier for earlier, later in itertools.pairwise(values)}
    assert len(steps) == 39  # no common step: one code says nothing about the next
    assert services.CODE_LENGTH * 5 >= 50  # bits


def test_certificate_is_made_once(world):
    _decision, records = so_decision(world.so, [world.person_a1])
    first = services.certificate_ensure(record=records[0], actor=None)
    again = services.certificate_ensure(record=records[0], actor=None)

    assert first.pk == again.pk and first.code == again.code
    assert Certificate.objects.filter(record=records[0]).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_certificate_made_once_under_a_race(world):
    from tests.race import race

    _decision, records = so_decision(world.so, [world.person_a1])
    codes = race(6, lambda: services.certificate_ensure(record=records[0], actor=None).code)

    assert len(set(codes)) == 1
    assert Certificate.objects.filter(record=records[0]).count() == 1
