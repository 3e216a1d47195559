"""The certificate PDFs, parsed with poppler: page size, texts, fonts, the QR code, the blank's positions."""

import datetime

import pytest

from certificates import services
from certificates.enums import CertificateKind, PrintMode
from certificates.models import Certificate
from certificates.tests.factories import (
    pdf_fonts,
    pdf_page_size,
    pdf_text,
    qr_texts,
    so_decision,
    word_boxes,
)
from units.enums import Gender
from units.models import Person

pytestmark = pytest.mark.django_db

MM = 72 / 25.4  # points per millimetre


@pytest.fixture
def record(world):
    Person.objects.filter(pk=world.person_a1.pk).update(gender=Gender.FEMALE)
    world.person_a1.refresh_from_db()
    _decision, records = so_decision(world.so, [world.person_a1])
    return records[0]


def test_certificate_prints_the_lines_of_the_decree_on_a4_landscape(record):
    data = services.certificate_pdf(record=record, mode=PrintMode.FULL, actor=None)
    text = pdf_text(data)
    code = Certificate.objects.get(record=record).grouped_code

    assert pdf_page_size(data).startswith("841.89 x 595.2")
    for line in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO THỬ NGHIỆM",
        "TẶNG",
        "GIẤY KHEN",
        "Bà Nguyễn Thị Lan",
        "Trường Tiểu học Thử A1",
        "Đã có thành tích xuất sắc trong năm học 2025-2026",
        "Quyết định số 215/QĐ-SGDĐT ngày 05 tháng 6 năm 2026",
        "Thử nghiệm, ngày 05 tháng 6 năm 2026",
        "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC",
        "Phạm Văn Minh",
        f"Mã xác minh: {code}",
    ):
        assert line in text


def test_certificate_fonts_are_embedded(record):
    fonts = pdf_fonts(services.certificate_pdf(record=record, mode=PrintMode.FULL, actor=None))

    assert fonts and all(embedded for _name, embedded in fonts)
    assert all("Liberation-Serif" in name for name, _embedded in fonts)


def test_certificate_qr_code_opens_the_public_verification_page(record, settings):
    settings.PORTAL_BASE_URL = "https://thiduakhenthuong.example.vn"
    data = services.certificate_pdf(record=record, mode=PrintMode.FULL, actor=None)
    code = Certificate.objects.get(record=record).code

    assert qr_texts(data) == [f"https://thiduakhenthuong.example.vn/xac-minh/{code}/"]


def test_title_certificate_says_tang_danh_hieu(world):
    _decision, records = so_decision(world.so, [world.person_a1], code="CSTDCS", number="216/QĐ-SGDĐT")
    text = pdf_text(services.certificate_pdf(record=records[0], mode=PrintMode.FULL, actor=None))

    assert "TẶNG DANH HIỆU" in text
    assert "CHIẾN SĨ THI ĐUA CƠ SỞ" in text


def test_certificate_falls_back_to_the_issuing_unit_head(world):
    world.so.head_title, world.so.head_name = "Giám đốc", "Lê Thị Hoa"
    world.so.save()
    decision, records = so_decision(world.so, [world.person_a1])
    type(decision).objects.filter(pk=decision.pk).update(officer_title="", signing_authority="", signer_name="")
    records[0].decision.refresh_from_db()
    text = pdf_text(services.certificate_pdf(record=records[0], mode=PrintMode.FULL, actor=None))

    assert "GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO THỬ NGHIỆM" in text
    assert "Lê Thị Hoa" in text


def test_blank_mode_prints_only_the_text_the_blank_lacks(record):
    text = pdf_text(services.certificate_pdf(record=record, mode=PrintMode.BLANK, actor=None))

    assert "CỘNG HÒA" not in text
    assert "Độc lập" not in text
    assert "GIẤY KHEN" in text
    assert "Bà Nguyễn Thị Lan" in text


def _first(boxes, word):
    return next((x, y) for text, x, y in boxes if text == word)


def test_blank_mode_moves_each_text_by_the_calibrated_offsets(record, world):
    before = word_boxes(services.certificate_pdf(record=record, mode=PrintMode.BLANK, actor=None))
    services.layout_save(
        unit=world.so,
        kind=CertificateKind.MERIT,
        positions={"recipient": {"y": 120}},
        offset_x=5,
        offset_y=-3,
        actor=None,
    )
    after = word_boxes(services.certificate_pdf(record=record, mode=PrintMode.BLANK, actor=None))

    (x0, y0), (x1, y1) = _first(before, "Phạm"), _first(after, "Phạm")  # the signer: only the offsets move it
    assert (round((x1 - x0) / MM, 1), round((y1 - y0) / MM, 1)) == (5.0, -3.0)
    (_x0, y0), (_x1, y1) = _first(before, "Lan"), _first(after, "Lan")  # the recipient: 98 → 120 mm, then −3
    assert round((y1 - y0) / MM, 1) == 19.0


def test_blank_mode_still_carries_the_qr_code(record):
    data = services.certificate_pdf(record=record, mode=PrintMode.BLANK, actor=None)
    code = Certificate.objects.get(record=record).code

    assert qr_texts(data) == [f"http://127.0.0.1:8000/xac-minh/{code}/"]


def test_calibration_page_shows_the_grid_and_the_field_boxes(world):
    services.layout_save(unit=world.so, kind=CertificateKind.MERIT, positions={}, offset_x=0, offset_y=10, actor=None)
    data = services.calibration_pdf(unit=world.so, kind=CertificateKind.MERIT)
    text = pdf_text(data)
    boxes = word_boxes(data)

    assert pdf_page_size(data).startswith("841.89 x 595.2")
    assert "Trang căn chỉnh" in text and "290" in text
    assert "Người nhận" in text  # the recipient's box, by its Vietnamese label
    _x, y = _first(boxes, "Người")
    assert 108 < y / MM < 111  # 98 mm + 10 mm shift (+ the box's inner spacing)


def test_revoked_record_is_not_printed(record):
    from awards import services as award_services

    award_services.award_record_revoke(
        record=record, reason="Sai hồ sơ", number="3/QĐ-SGDĐT", date=record.decision.date, actor=None
    )
    record.refresh_from_db()

    with pytest.raises(Exception, match="thu hồi"):
        services.certificate_pdf(record=record, mode=PrintMode.FULL, actor=None)


def test_collective_certificate_names_the_collective_and_its_parent(world):
    from awards import services as award_services
    from awards.tests.factories import catalogue_award

    record = award_services.award_record_create(
        award=catalogue_award("TTLDXS"),
        school_year=2025,
        decision_number="217/QĐ-SGDĐT",
        decision_date=datetime.date(2026, 6, 5),
        issuer=world.so.name,
        issuer_unit=world.so,
        unit=world.school_a1,
        actor=None,
    )
    text = pdf_text(services.certificate_pdf(record=record, mode=PrintMode.FULL, actor=None))

    assert "TẶNG DANH HIỆU" in text and "TẬP THỂ LAO ĐỘNG XUẤT SẮC" in text
    assert "Tập thể Trường Tiểu học Thử A1" in text and "Phòng GD&ĐT Thử A" in text
    assert "Đã có thành tích xuất sắc trong năm học 2025–2026" in text  # the school year as labelled everywhere


def test_a_title_given_alone_gets_the_agency_as_the_law_prints_it(world):
    """A decision signed "GIÁM ĐỐC" (its signature block) still names the agency on the certificate."""
    decision, records = so_decision(world.so, [world.person_a1])
    type(decision).objects.filter(pk=decision.pk).update(officer_title="GIÁM ĐỐC")
    records[0].decision.refresh_from_db()
    text = pdf_text(services.certificate_pdf(record=records[0], mode=PrintMode.FULL, actor=None))

    assert "GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO THỬ NGHIỆM" in text
