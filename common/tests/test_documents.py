"""The fixed pieces of official documents: numbers, dates, paragraphs, the distribution list."""

import datetime
from decimal import Decimal

from common.dates import body_date, yearly_date
from common.documents import paragraphs, recipient_lines
from common.numbers import money_text, number_text


def test_number_text_writes_vietnamese_numbers():
    values = [Decimal("99.500"), Decimal("344.000"), Decimal("1500"), Decimal("0.3"), Decimal("12345.25")]
    assert [number_text(v) for v in values] == ["99,5", "344", "1.500", "0,3", "12.345,25"]


def test_body_dates_pad_the_day_and_early_months():
    assert body_date(datetime.date(2024, 5, 1)) == "01/5/2024"
    assert body_date(datetime.date(2026, 1, 17)) == "17/01/2026"
    assert body_date(datetime.date(2024, 12, 10)) == "10/12/2024"
    assert yearly_date(10, 11) == "10/11"
    assert yearly_date(5, 2) == "05/02"


def test_recipient_lines_end_with_the_archive_line():
    assert recipient_lines("UBND tỉnh (báo cáo)\n- Các trường;\n\n", "SGDĐT") == [
        "- UBND tỉnh (báo cáo);",
        "- Các trường;",
        "- Lưu: VT, SGDĐT.",
    ]
    assert recipient_lines("- Ban Giám đốc Sở;\n- Lưu: VT, VP.", "SGDĐT") == ["- Ban Giám đốc Sở;", "- Lưu: VT, VP."]


def test_paragraphs_split_lines_into_headings_items_and_text():
    text = "1. Sở Giáo dục và Đào tạo\nTheo dõi, hướng dẫn.\n- Xây dựng kế hoạch;\na) Tờ trình;\n100% trường đạt."
    assert paragraphs(text) == [
        {"kind": "subheading", "number": "1.", "text": "Sở Giáo dục và Đào tạo"},
        {"kind": "para", "text": "Theo dõi, hướng dẫn."},
        {"kind": "item", "text": "- Xây dựng kế hoạch;"},
        {"kind": "item", "text": "a) Tờ trình;"},
        {"kind": "para", "text": "100% trường đạt."},
    ]


def test_money_text_groups_thousands_with_dots():
    assert money_text(Decimal("2340000")) == "2.340.000 đ"
    assert money_text(1500) == "1.500 đ"
