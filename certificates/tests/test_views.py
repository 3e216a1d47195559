"""The decision's certificate page, the single certificate, the blank layout form."""

import pytest
from django.urls import reverse

from certificates import documents
from certificates.enums import FIELDS, CertificateKind
from certificates.models import CertificateLayout
from certificates.tests.factories import many_people, pdf_text, so_decision

pytestmark = pytest.mark.django_db


def test_decision_page_offers_printing_to_the_issuer_only(world, client_for):
    decision, records = so_decision(world.so, [world.person_a1, world.person_a2])
    officer_page = client_for(world.users["so_officer"]).get(reverse("certificates:decision", args=[decision.pk]))
    clerk_page = client_for(world.users["school_clerk"]).get(reverse("certificates:decision", args=[decision.pk]))
    officer, clerk = officer_page.content.decode(), clerk_page.content.decode()

    assert reverse("certificates:print", args=[decision.pk]) in officer
    assert officer.count('type="radio"') == 2 and officer.count("checked") == 1
    assert "Nguyễn Thị Lan" in officer and "Trần Văn Bình" in officer
    assert reverse("certificates:print", args=[decision.pk]) not in clerk
    assert "Nguyễn Thị Lan" in clerk and "Trần Văn Bình" not in clerk  # only the clerk's own school
    assert reverse("certificates:record", args=[records[0].pk]) in clerk


def test_decision_page_costs_the_same_queries_for_1_and_30_records(world, client_for, django_assert_num_queries):
    small, _ = so_decision(world.so, [world.person_a1], number="301/QĐ-SGDĐT")
    large, _ = so_decision(world.so, many_people(world.school_a1, 30), number="302/QĐ-SGDĐT")
    client = client_for(world.users["so_officer"])
    client.get(reverse("certificates:decision", args=[small.pk]))  # session and caches warm

    with django_assert_num_queries(10) as one:
        client.get(reverse("certificates:decision", args=[small.pk]))
    with django_assert_num_queries(len(one.captured_queries)):
        client.get(reverse("certificates:decision", args=[large.pk]))


def test_recipient_school_downloads_its_certificate(world, client_for):
    _decision, records = so_decision(world.so, [world.person_a1])
    response = client_for(world.users["school_clerk"]).get(reverse("certificates:record", args=[records[0].pk]))
    data = response.content

    assert response["Content-Type"] == "application/pdf"
    assert "GIẤY KHEN" in pdf_text(data) and "Nguyễn Thị Lan" in pdf_text(data)


def test_record_on_a_blank_leaves_out_the_national_title(world, client_for):
    _decision, records = so_decision(world.so, [world.person_a1])
    url = reverse("certificates:record", args=[records[0].pk]) + "?che-do=phoi"
    text = pdf_text(client_for(world.users["so_officer"]).get(url).content)

    assert "CỘNG HÒA" not in text and "Nguyễn Thị Lan" in text


def _layout_post(**changes):
    data = {"offset_x": "2.5", "offset_y": "-1"}
    for name in FIELDS:
        for part, value in documents.DEFAULT_POSITIONS[name].items():
            data[f"{name}_{part}"] = str(value)
    data.update(changes)
    return data


def test_officer_saves_the_blank_layout(world, client_for):
    client = client_for(world.users["so_officer"])
    url = reverse("certificates:layout", args=[CertificateKind.MERIT])
    response = client.post(url, _layout_post(recipient_y="101.5"))
    layout = CertificateLayout.objects.get(unit=world.so, kind=CertificateKind.MERIT)
    page = client.get(url).content.decode()

    assert response.status_code == 302
    assert (str(layout.offset_x), str(layout.offset_y), layout.positions["recipient"]["y"]) == ("2.5", "-1.0", 101.5)
    assert 'value="101.5"' in page and 'value="2.5"' in page


def test_layout_outside_the_sheet_is_refused_at_the_field(world, client_for):
    client = client_for(world.users["so_officer"])
    response = client.post(
        reverse("certificates:layout", args=[CertificateKind.MERIT]), _layout_post(award_x="400", offset_y="-45")
    )
    page = response.content.decode()

    assert response.status_code == 200
    assert "Trong khoảng từ 0 đến 297." in page and "Chỉ dịch tối đa 30 mm mỗi chiều." in page
    assert not CertificateLayout.objects.exists()


def test_unknown_kind_of_blank_is_404(world, client_for):
    assert client_for(world.users["so_officer"]).get("/giay-khen/mau-phoi/khac/").status_code == 404
