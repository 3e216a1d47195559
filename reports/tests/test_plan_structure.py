"""The printed plan keeps the structure of the text it was typed from: its own parts and numbering,
markers and punctuation as written, the portal's sections where the officer places them; checked on
the parsed PDF bytes."""

import datetime
import io

import pdfplumber
import pytest

from campaigns import services
from campaigns.enums import BasisWord, PortalSection, SubjectKind
from campaigns.models import Criterion
from campaigns.tests.factories import CampaignFactory
from common.documents import balanced_lines, short_agency_name
from common.pdf import render_pdf
from reports.documents import plan_context
from units.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

OUTLINE = """I. MỤC ĐÍCH, YÊU CẦU
1. Tiếp tục nâng cao nhận thức về vị trí, vai trò của công tác thi đua, khen thưởng.
2. Gắn kết các phong trào thi đua với việc thực hiện nhiệm vụ chính trị của Ngành.
II. NHIỆM VỤ VÀ GIẢI PHÁP
1. Nội dung thi đua
a) Đối với tập thể
- Mỗi đơn vị xây dựng ít nhất 05 điển hình tiên tiến trong một năm;
- Tổ chức tôn vinh, khen thưởng kịp thời
b) Đối với cá nhân
2. Thời gian thực hiện
III. KHEN THƯỞNG
IV. TỔ CHỨC THỰC HIỆN
1. Văn phòng Sở

Chủ động tham mưu, triển khai tổ chức Phong trào thi đua."""


def _lines(campaign) -> list[str]:
    data = render_pdf("reports/documents/plan.html", plan_context(campaign))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = [page.filter(lambda obj: obj.get("size", 0) < 40) for page in pdf.pages]  # not the "DỰ THẢO"
        return [line for page in pages for line in (page.extract_text() or "").splitlines()]


@pytest.fixture
def plan(world):
    sở = UnitFactory(parent=world.so, kind="education_department", name="Sở Giáo dục và Đào tạo Hưng Yên")
    campaign = CampaignFactory(
        issuer=sở,
        governing_body="Ủy ban nhân dân tỉnh Hưng Yên",
        number=1729,
        symbol="KH-SGDĐT",
        issued_on=datetime.date(2021, 9, 17),
        issued_place="Hưng Yên",
        starts_on=datetime.date(2021, 9, 1),
        ends_on=datetime.date(2025, 12, 31),
        signer_name="Đỗ Văn Khải",
        signer_title="Giám đốc",
        purpose="",
        requirements="",
        organisation="",
        theme="",
        preamble="",
        min_exemplars_per_unit=5,
    )
    services.upper_document_add(
        campaign=campaign,
        actor=None,
        basis=BasisWord.IMPLEMENTING,
        number_symbol="90/KH-UBND",
        issued_on=datetime.date(2021, 6, 11),
        issuer_name="UBND tỉnh",
        summary="tuyên truyền và xây dựng điển hình tiên tiến giai đoạn 2021 - 2025",
    )
    services.upper_document_add(
        campaign=campaign, actor=None, number_symbol="1729/QĐ-TTg", issuer_name="Thủ tướng Chính phủ"
    )
    services.subject_add(campaign=campaign, actor=None, kind=SubjectKind.COLLECTIVE, description="Các trường học")
    services.award_offer_add(campaign=campaign, actor=None, name="Giấy khen của Giám đốc Sở", quota=5)
    services.criteria_import(campaign=campaign, text=OUTLINE, actor=None)
    collective = Criterion.objects.get(campaign=campaign, number="a)")
    services.criterion_update(criterion=collective, actor=None, subject_kind=SubjectKind.COLLECTIVE)
    period = Criterion.objects.get(campaign=campaign, number="2", parent__number="II")
    services.criterion_update(criterion=period, actor=None, portal_section=PortalSection.PERIOD)
    awards = Criterion.objects.get(campaign=campaign, number="III")
    services.criterion_update(criterion=awards, actor=None, portal_section=PortalSection.AWARDS)
    return campaign


def test_plan_pdf_follows_the_plans_own_parts_in_order(plan):
    lines = _lines(plan)
    headings = [line for line in lines if line.split(" ")[0] in ("I.", "II.", "III.", "IV.", "V.", "VI.")]
    assert headings == [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. NHIỆM VỤ VÀ GIẢI PHÁP",
        "III. KHEN THƯỞNG",
        "IV. TỔ CHỨC THỰC HIỆN",
    ]


def test_plan_pdf_places_the_portals_sections_where_the_officer_put_them(plan):
    text = "\n".join(_lines(plan))
    period = text.index("2. Thời gian thực hiện")
    assert text.index("Từ ngày 01/9/2021 đến ngày 31/12/2025.") > period
    assert text.index("Hình thức khen thưởng:") > text.index("III. KHEN THƯỞNG")
    assert text.index("- Giấy khen của Giám đốc Sở (số lượng: 05).") > text.index("III. KHEN THƯỞNG")
    # Not placed, so not printed: the plan has its own parts and placed some.
    assert "ĐỐI TƯỢNG" not in text
    assert "THỜI GIAN THỰC HIỆN" not in text


def test_plan_pdf_prints_markers_and_punctuation_as_written(plan):
    lines = _lines(plan)
    assert "a) Đối với tập thể" in lines  # not "a).", not "(đối với tập thể)" again
    assert not any("a)." in line or "(đối với tập thể)" in line for line in lines)
    assert "1. Văn phòng Sở" in lines  # a heading, its text below
    text = " ".join(lines)
    assert "1. Tiếp tục nâng cao nhận thức về vị trí, vai trò của công tác thi đua, khen thưởng." in text
    assert "- Mỗi đơn vị xây dựng ít nhất 05 điển hình tiên tiến trong một năm;" in text
    assert "- Tổ chức tôn vinh, khen thưởng kịp thời." in text


def test_plan_pdf_bases_read_as_the_officer_chose(plan):
    text = " ".join(_lines(plan))
    assert "Thực hiện Kế hoạch số 90/KH-UBND ngày 11/6/2021 của UBND tỉnh về tuyên truyền" in text
    assert "Căn cứ Quyết định số 1729/QĐ-TTg của Thủ tướng Chính phủ." in text


def test_plan_pdf_header_prints_the_short_name_under_the_governing_body(plan):
    lines = _lines(plan)
    assert lines[:5] == [
        "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "TỈNH HƯNG YÊN Độc lập - Tự do - Hạnh phúc",
        "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
        "Hưng Yên, ngày 17 tháng 9 năm 2021",
        "Số: 1729/KH-SGDĐT",
    ]


def test_short_agency_name_drops_the_place_of_the_governing_body():
    assert short_agency_name("Sở Giáo dục và Đào tạo Bến Tre", "UBND tỉnh Bến Tre") == "Sở Giáo dục và Đào tạo"
    assert short_agency_name("Sở Giáo dục và Đào tạo tỉnh Lạng Sơn", "UBND tỉnh Lạng Sơn") == "Sở Giáo dục và Đào tạo"
    assert short_agency_name("Trường THCS Xuân Sơn", "Phòng GD&ĐT thị xã Sơn Tây") == "Trường THCS Xuân Sơn"
    assert short_agency_name("Sở Giáo dục và Đào tạo Thử nghiệm", "UBND tỉnh Bến Tre") == (
        "Sở Giáo dục và Đào tạo Thử nghiệm"
    )


def test_balanced_lines_breaks_evenly():
    assert balanced_lines("ỦY BAN NHÂN DÂN TỈNH BẾN TRE") == ["ỦY BAN NHÂN DÂN", "TỈNH BẾN TRE"]
    assert balanced_lines("SỞ GIÁO DỤC VÀ ĐÀO TẠO") == ["SỞ GIÁO DỤC VÀ ĐÀO TẠO"]
    assert balanced_lines("UBND TỈNH BẾN TRE") == ["UBND TỈNH BẾN TRE"]


def test_plan_pdf_recipients_stand_level_with_the_signature(plan):
    data = render_pdf("reports/documents/plan.html", plan_context(plan))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[-1]
        words = page.extract_words(extra_attrs=["size"])
    label = next(w for w in words if w["text"] == "Nơi")
    signer = next(w for w in words if w["text"] == "GIÁM" and w["x0"] > label["x1"])
    assert label["bottom"] - label["size"] * 0.216 == pytest.approx(signer["bottom"] - signer["size"] * 0.216, abs=0.5)


def test_plan_pdf_says_the_issuers_own_duty_is_the_issuers(world):
    campaign = CampaignFactory(
        issuer=world.phong_a, starts_on=datetime.date(2024, 9, 1), ends_on=datetime.date(2026, 8, 31)
    )
    services.milestone_create(
        campaign=campaign,
        actor=None,
        deliverable="conference",
        title="Tổ chức hội nghị tổng kết",
        recurrence="yearly",
        due_month=8,
        due_day=31,
        owed_by_issuer=True,
    )
    text = " ".join(_lines(campaign))
    assert "- Tổ chức hội nghị tổng kết: Phòng GD&ĐT Thử A thực hiện trước ngày 31/8 hằng năm." in text
