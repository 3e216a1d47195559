"""Each of the four real plans prints with its own number, date line and headings."""

import io

import pdfplumber
import pytest

from campaigns.seed_plans import PLANS, build_plan
from campaigns.tests.factories import seed_units
from common.pdf import render_pdf
from reports.documents import plan_context

pytestmark = pytest.mark.django_db

EXPECTED = {
    "bentre_914": ("Số: 914/KH-SGD&ĐT", "Bến Tre, ngày 12 tháng 4 năm 2024"),
    "xuanson_672": ("Số: 672/KH-TrTHCSXS", "Xuân Sơn, ngày 18 tháng 9 năm 2024"),
    "hungyen_1729": ("Số: 1729/KH-SGDĐT", "Hưng Yên, ngày 17 tháng 9 năm 2021"),
    "bangmac_87": ("Số: 87/KH-UBND", "Bằng Mạc, ngày 28 tháng 9 năm 2025"),
}


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_seed_plan_prints_its_number_date_line_and_headings(key):
    units = seed_units()
    campaign = build_plan(key, issuer=units[PLANS[key]["issuer_code"]])
    with pdfplumber.open(io.BytesIO(render_pdf("reports/documents/plan.html", plan_context(campaign)))) as pdf:
        first_page_lines = [line["text"] for line in pdf.pages[0].extract_text_lines()]
        text = _flat("\n".join(page.extract_text() for page in pdf.pages))
        page_count = len(pdf.pages)
    number, date_line = EXPECTED[key]
    assert number in " ".join(first_page_lines)
    assert date_line in first_page_lines or any(line.endswith(date_line) for line in first_page_lines)
    assert "KẾ HOẠCH" in first_page_lines
    top_level = [c for c in campaign.criteria.all() if c.parent_id is None]
    assert top_level, "a seed plan has numbered content"
    # The plans' own Roman-numbered parts become the document's section headings, in capitals.
    for criterion in top_level:
        assert _flat(criterion.title).upper() in text
    assert text.count("Nội dung thi đua".upper()) <= 1
    # Other plans' numbers never leak into this one.
    others = {n for k, (n, _d) in EXPECTED.items() if k != key}
    assert [n for n in others if n in text] == []
    assert page_count >= 2


def test_ben_tre_plan_keeps_its_own_outline_with_subjects_first():
    units = seed_units()
    campaign = build_plan("bentre_914", issuer=units["SGDDT-BENTRE"])
    with pdfplumber.open(io.BytesIO(render_pdf("reports/documents/plan.html", plan_context(campaign)))) as pdf:
        text = _flat("\n".join(page.extract_text() for page in pdf.pages))
    heading = "II. ĐỐI TƯỢNG, NỘI DUNG, PHƯƠNG CHÂM, PHƯƠNG THỨC VÀ GIẢI PHÁP THỰC HIỆN CAO ĐIỂM THI ĐUA"
    positions = [text.find(part) for part in (heading, "1. Đối tượng", "Tập thể:", "2. Nội dung thi đua", "2.1.1.")]
    assert -1 not in positions
    assert positions == sorted(positions)
    # The plan's part is printed once, not again nested under a generic "Nội dung thi đua".
    assert text.count("Đối tượng, nội dung, phương châm") == 0
