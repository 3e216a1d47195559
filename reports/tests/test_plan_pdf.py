"""The campaign plan as an official PDF (NĐ 30/2020/NĐ-CP), checked on the parsed bytes."""

import datetime
import io
import unicodedata

import pdfplumber
import pytest
from django.urls import reverse
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from campaigns import services
from campaigns.enums import DeliverableKind, Recurrence, SubjectKind
from campaigns.tests.factories import CampaignFactory, ben_tre_914
from common.pdf import render_pdf
from reports.documents import plan_context

MM = 72 / 25.4
A4 = (595.28, 841.89)
# The limits of NĐ 30/2020 (top and bottom at least 20 mm, left 30 mm, right 15 mm)...
TOP, BOTTOM, LEFT, RIGHT = 20 * MM, 20 * MM, 30 * MM, 15 * MM
# ...and the right margin the stylesheet uses (15–20 mm allowed): justified lines end there.
RIGHT_USED = 20 * MM
EPSILON = 0.01


def _pdf(campaign) -> bytes:
    return render_pdf("reports/documents/plan.html", plan_context(campaign))


def _open(data: bytes):
    return pdfplumber.open(io.BytesIO(data))


def _flat(text: str) -> str:
    """Text with line breaks and runs of spaces folded, to compare across wrapped lines."""
    return " ".join(text.split())


def _header_lines(page, x0, x1):
    """Lines of one header column: everything above the document type ("KẾ HOẠCH")."""
    bottom = next(line["top"] for line in page.extract_text_lines() if line["text"] == "KẾ HOẠCH")
    return page.within_bbox((x0, 0, x1, bottom)).extract_text().splitlines()


def _watermark(page) -> str:
    """The big rotated "DỰ THẢO" across a draft page."""
    return "".join(c["text"] for c in sorted(page.chars, key=lambda c: c["x0"]) if c["size"] > 40).strip()


@pytest.fixture
def ben_tre(world):
    """Bến Tre's 914/KH-SGD&ĐT as the seed holds it, issued by the test Sở."""
    return ben_tre_914(world.so)


@pytest.fixture
def ben_tre_pdf(ben_tre):
    with _open(_pdf(ben_tre)) as pdf:
        yield pdf


def test_plan_pdf_pages_are_a4_portrait(ben_tre_pdf):
    sizes = {(round(p.width, 2), round(p.height, 2)) for p in ben_tre_pdf.pages}
    assert len(sizes) == 1
    width, height = sizes.pop()
    assert (abs(width - A4[0]) <= 1, abs(height - A4[1]) <= 1) == (True, True)


def test_plan_pdf_text_stays_inside_the_margins(ben_tre_pdf):
    outside = []
    for number, page in enumerate(ben_tre_pdf.pages, start=1):
        for char in page.chars:
            if char["top"] < TOP and number > 1 and char["text"].isdigit():
                continue  # the page number lives in the top margin
            inside = (
                char["x0"] >= LEFT - EPSILON
                and char["x1"] <= page.width - RIGHT + EPSILON
                and char["top"] >= TOP - EPSILON
                and char["bottom"] <= page.height - BOTTOM + EPSILON
            )
            if not inside:
                outside.append((number, char["text"], round(char["x0"]), round(char["top"])))
    assert outside == []
    # The margins are really used: body lines run from 30 mm to 20 mm from the right edge.
    page = ben_tre_pdf.pages[1]
    body = [c for c in page.chars if c["top"] >= TOP]
    assert abs(min(c["x0"] for c in body) - LEFT) < 1
    assert abs(max(c["x1"] for c in body) - (page.width - RIGHT_USED)) < 1


def test_plan_pdf_embeds_liberation_serif_2(ben_tre):
    data = _pdf(ben_tre)
    with _open(data) as pdf:
        names = {c["fontname"].split("+", 1)[1] for page in pdf.pages for c in page.chars}
    assert names == {
        "Liberation-Serif",
        "Liberation-Serif-Bold",
        "Liberation-Serif-Italic",
        "Liberation-Serif-Bold-Italic",
    }
    versions = set()
    for font in PdfReader(io.BytesIO(data)).pages[0]["/Resources"]["/Font"].values():
        descendant = font.get_object()["/DescendantFonts"][0].get_object()
        program = descendant["/FontDescriptor"].get_object()["/FontFile2"].get_object().get_data()
        name_table = TTFont(io.BytesIO(program))["name"]
        versions.add((name_table.getDebugName(1), name_table.getDebugName(5).split(";")[0]))
    assert versions == {("Liberation Serif", "Version 2.1.5")}


def test_plan_pdf_header_has_agency_number_national_title_and_motto(ben_tre_pdf):
    page = ben_tre_pdf.pages[0]
    middle = LEFT + (page.width - LEFT - RIGHT) * 0.4
    left = _header_lines(page, 0, middle)
    right = _header_lines(page, middle, page.width)
    assert left[0] == "UBND TỈNH BẾN TRE"
    assert _flat(" ".join(left[1:-1])) == "SỞ GIÁO DỤC VÀ ĐÀO TẠO THỬ NGHIỆM"
    assert left[-1] == "Số: 914/KH-SGD&ĐT"
    assert right[:3] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Bến Tre, ngày 12 tháng 4 năm 2024",
    ]
    fonts = {}
    for line in page.extract_text_lines():
        fonts[line["text"]] = {c["fontname"].split("+")[1] for c in line["chars"] if c["text"].strip()}
    assert fonts["Bến Tre, ngày 12 tháng 4 năm 2024"] == {"Liberation-Serif-Italic"}
    assert fonts["KẾ HOẠCH"] == {"Liberation-Serif-Bold"}


def test_plan_pdf_title_and_summary_are_centred(ben_tre_pdf):
    page = ben_tre_pdf.pages[0]
    centre = LEFT + (page.width - LEFT - RIGHT_USED) / 2
    lines = {line["text"]: line for line in page.extract_text_lines()}
    title = lines["KẾ HOẠCH"]
    assert abs((title["x0"] + title["x1"]) / 2 - centre) < 1.5


def test_plan_pdf_date_line_pads_day_and_early_months(world):
    campaign = ben_tre_914(
        world.so,
        issued_on=datetime.date(2025, 2, 5),
        starts_on=datetime.date(2024, 4, 1),
        ends_on=datetime.date(2026, 2, 5),
    )
    with _open(_pdf(campaign)) as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "Bến Tre, ngày 05 tháng 02 năm 2025" in text.splitlines()
    # Short dates pad the day, and the month only below 3.
    assert "III. THỜI GIAN THỰC HIỆN Từ ngày 01/4/2024 đến ngày 05/02/2026." in _flat(text)


def test_plan_pdf_numbers_pages_from_page_two_at_top_centre(ben_tre_pdf):
    pages = ben_tre_pdf.pages
    assert len(pages) >= 2
    assert [c["text"] for c in pages[0].chars if c["top"] < TOP] == []
    for number, page in enumerate(pages[1:], start=2):
        in_margin = [c for c in page.chars if c["top"] < TOP]
        assert "".join(c["text"] for c in in_margin) == str(number)
        centre = (min(c["x0"] for c in in_margin) + max(c["x1"] for c in in_margin)) / 2
        assert abs(centre - (LEFT + (page.width - LEFT - RIGHT_USED) / 2)) < 1


def test_plan_pdf_text_is_nfc_and_equals_the_input(ben_tre, ben_tre_pdf):
    text = "\n".join(page.extract_text() for page in ben_tre_pdf.pages)
    assert unicodedata.is_normalized("NFC", text)
    # Headings full of stacked marks (ề ự Đ ữ ạ) come out as stored, character for character.
    stored = {c.number: c.title for c in ben_tre.criteria.all()}
    assert stored["2.1.1"] == "Về xây dựng Đảng"
    assert f"2.1.1. {stored['2.1.1']}" in text.splitlines()
    assert f"2.1.2. {stored['2.1.2']}" in text.splitlines()
    assert "Bước 3. Tổ chức học tập các “điển hình”" in text.splitlines()


def test_plan_pdf_text_from_decomposed_input_is_nfc(world):
    decomposed = unicodedata.normalize("NFD", "Thi đua học tập suốt đời: ử ỡ ặ đ")
    campaign = CampaignFactory(issuer=world.so, purpose=decomposed)
    with _open(_pdf(campaign)) as pdf:
        lines = pdf.pages[0].extract_text().splitlines()
    assert "Thi đua học tập suốt đời: ử ỡ ặ đ" in lines


def test_plan_pdf_has_bases_sections_targets_deadlines_and_signature(ben_tre_pdf):
    text = _flat(" ".join(page.extract_text() for page in ben_tre_pdf.pages))
    expected = [
        "Căn cứ Kế hoạch số 2024/KH-UBND ngày 03/4/2024 của Ủy ban nhân dân tỉnh Bến Tre về tổ chức thực hiện "
        "cao điểm thi đua “Đồng Khởi mới” năm 2024 - 2025;",
        "Căn cứ Kế hoạch số 330-KH/TU của Tỉnh ủy Bến Tre;",
        "Căn cứ Chỉ thị số 01-CT/TU ngày 17/10/2020 của Ban Thường vụ Tỉnh ủy Bến Tre về phát động Phong trào",
        "Căn cứ Hướng dẫn số 6980/HD-UBND ngày 13/11/2023 của Ủy ban nhân dân tỉnh Bến Tre về khen thưởng trong "
        "thực hiện Chỉ thị 01-CT/TU, ngày 17/10/2020 của Ban Thường vụ Tỉnh ủy.",
        "I. MỤC ĐÍCH, YÊU CẦU 1. Mục đích Phát huy mạnh mẽ",
        "2. Yêu cầu Cao điểm thi đua phải được triển khai sâu rộng",
        "3. Chủ đề, phương châm",
        "Phương châm “Hai chân - Ba mũi”; phương thức “Xây dựng điển hình",
        "II. ĐỐI TƯỢNG, NỘI DUNG, PHƯƠNG CHÂM, PHƯƠNG THỨC VÀ GIẢI PHÁP THỰC HIỆN CAO ĐIỂM THI ĐUA 1. Đối tượng",
        "Tập thể: Các cơ quan quản lý giáo dục, các cơ sở giáo dục trên địa bàn tỉnh.",
        "Cá nhân: Cán bộ, công chức, viên chức, người lao động trong toàn ngành.",
        "2. Nội dung thi đua 2.1. Thi đua xây dựng Đảng và hệ thống chính trị trong sạch, vững mạnh",
        "2.1.1. Về xây dựng Đảng",
        "- 100% cán bộ, công chức sử dụng hộp thư điện tử công vụ: chỉ tiêu 100%;",
        "- Đến năm 2025, có 99,5% nhóm, lớp mầm non được học 2 buổi/ngày: chỉ tiêu 99,5% (năm 2025);",
        "- Đến năm 2025 toàn tỉnh có 344 trường đạt chuẩn quốc gia: chỉ tiêu 344 trường (năm 2025);",
        "5.4. Phát hiện, xây dựng, nhân rộng “điển hình”",
        "III. THỜI GIAN THỰC HIỆN Từ ngày 12/4/2024 đến ngày 31/12/2025.",
        "IV. HÌNH THỨC KHEN THƯỞNG VÀ HỒ SƠ ĐỀ NGHỊ KHEN THƯỞNG 1. Hình thức khen thưởng",
        "- Khen thưởng sơ kết năm 2024 (sơ kết năm 2024);",
        "V. TỔ CHỨC THỰC HIỆN 1. Sở Giáo dục và Đào tạo",
        "Thời hạn thực hiện, báo cáo:",
        "- Kế hoạch thực hiện cao điểm thi đua: gửi về Sở Giáo dục và Đào tạo Thử nghiệm trước ngày 01/5/2024;",
        "- Báo cáo sơ kết năm 2024: gửi về Sở Giáo dục và Đào tạo Thử nghiệm trước ngày 10/12/2024;",
        "- Hồ sơ đề nghị khen thưởng tổng kết cao điểm thi đua: gửi về Sở Giáo dục và Đào tạo Thử nghiệm trước "
        "ngày 31/10/2025.",
        "Nơi nhận:",
        "- Ủy ban nhân dân tỉnh (báo cáo);",
        "- Trung tâm GDNN-GDTX huyện, thành phố (thực",
        "- Lưu: VT.",
        "GIÁM ĐỐC",
        "La Thị Thúy",
    ]
    assert [line for line in expected if line not in text] == []
    assert "DỰ THẢO" not in text
    assert [_watermark(page) for page in ben_tre_pdf.pages] == [""] * len(ben_tre_pdf.pages)


def test_plan_pdf_prints_phases_subject_limits_quotas_dossier_and_yearly_deadlines(world):
    """The parts that Bến Tre 914 does not use, on a small plan of their own."""
    campaign = CampaignFactory(issuer=world.so)
    add = {"campaign": campaign, "actor": None}
    phase = services.phase_add(
        **add, name="Năm học 2024-2025", starts_on=datetime.date(2024, 9, 1), ends_on=datetime.date(2025, 8, 31)
    )
    parent = services.criterion_add(**add, number="1", title="Thi đua dạy tốt, học tốt")
    services.criterion_add(
        **add,
        parent=parent,
        title="Cán bộ, công chức sử dụng hộp thư điện tử công vụ",
        target_value="100",
        target_unit="%",
        subject_kind=SubjectKind.INDIVIDUAL,
    )
    services.criterion_add(
        **add,
        parent=parent,
        title="Nhóm, lớp mầm non được học 2 buổi/ngày",
        target_value="99,5",
        target_unit="%",
        target_year=2025,
        phase=phase,
    )
    services.award_offer_add(**add, name="Bằng khen của Chủ tịch UBND tỉnh", occasion="tổng kết", quota=10)
    services.dossier_component_add(**add, name="Tờ trình đề nghị khen thưởng")
    services.dossier_component_add(**add, name="Xác nhận phạm vi ảnh hưởng của sáng kiến", is_required=False)
    services.milestone_create(
        **add,
        deliverable=DeliverableKind.ANNUAL_REPORT,
        title="Báo cáo kết quả thực hiện",
        recurrence=Recurrence.YEARLY,
        due_month=11,
        due_day=10,
        recipient=world.so,
    )
    with _open(_pdf(campaign)) as pdf:
        text = _flat(" ".join(page.extract_text() for page in pdf.pages))
    expected = [
        "- Năm học 2024-2025: từ ngày 01/9/2024 đến ngày 31/8/2025",
        "- Cán bộ, công chức sử dụng hộp thư điện tử công vụ (đối với cá nhân): chỉ tiêu 100%;",
        "- Nhóm, lớp mầm non được học 2 buổi/ngày (Năm học 2024-2025): chỉ tiêu 99,5% (năm 2025)",
        "- Bằng khen của Chủ tịch UBND tỉnh (tổng kết; số lượng: 10)",
        "a) Tờ trình đề nghị khen thưởng;",
        "b) Xác nhận phạm vi ảnh hưởng của sáng kiến (nếu có).",
        "- Báo cáo kết quả thực hiện: gửi về Sở Giáo dục và Đào tạo Thử nghiệm trước ngày 10/11 hằng năm",
    ]
    assert [line for line in expected if line not in text] == []


def test_plan_pdf_signature_is_right_and_recipients_left(ben_tre_pdf):
    page = ben_tre_pdf.pages[-1]
    lines = {line["text"]: line for line in page.extract_text_lines()}
    signer = next(line for text, line in lines.items() if text.endswith("La Thị Thúy"))
    recipients = next(line for text, line in lines.items() if text.startswith("Nơi nhận:"))
    middle = LEFT + (page.width - LEFT - RIGHT_USED) / 2
    name_chars = [c for c in signer["chars"] if c["x0"] > middle]
    assert "".join(c["text"] for c in name_chars).strip() == "LaThịThúy"
    assert recipients["x0"] == pytest.approx(LEFT, abs=1)
    label = [c for c in recipients["chars"] if c["x1"] < middle]
    assert page.within_bbox((0, recipients["top"], middle, recipients["bottom"])).extract_text() == "Nơi nhận:"
    assert {c["fontname"].split("+")[1] for c in label} == {"Liberation-Serif-Bold-Italic"}
    assert round(recipients["chars"][0]["size"]) == 12


def test_plan_pdf_of_a_draft_carries_the_draft_mark_and_a_blank_number(world):
    campaign = ben_tre_914(
        world.so,
        launch=False,
        number=None,
        issued_on=None,
        signing_authority="KT. Giám đốc",
        signer_title="Phó Giám đốc",
        signer_name="Đỗ Văn Khải",
    )
    with _open(_pdf(campaign)) as pdf:
        marks = [_watermark(page) for page in pdf.pages]
        middle = LEFT + (pdf.pages[0].width - LEFT - RIGHT) * 0.4
        left = _header_lines(pdf.pages[0], 0, middle)
        last = pdf.pages[-1].filter(lambda obj: obj.get("size", 0) < 40)  # without the watermark
        middle = LEFT + (last.width - LEFT - RIGHT_USED) / 2
        signature = last.within_bbox((middle, 0, last.width, last.height)).extract_text().splitlines()
    assert marks == ["DỰ THẢO"] * len(marks)
    assert left[-1] == "Số: /KH-SGD&ĐT"
    assert signature[-3:] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Đỗ Văn Khải"]


def test_plan_pdf_renders_a_bare_campaign(world):
    campaign = CampaignFactory(issuer=world.so, number=7, symbol="KH-TH", issued_place="Hà Nội")
    with _open(_pdf(campaign)) as pdf:
        page = pdf.pages[0]
        text = page.extract_text()
        middle = LEFT + (page.width - LEFT - RIGHT) * 0.4
        left, right = _header_lines(page, 0, middle), _header_lines(page, middle, page.width)
        pages = len(pdf.pages)
    assert pages == 1
    assert left[-1] == "Số: 07/KH-TH"
    assert right[-1] == "Hà Nội, ngày 10 tháng 9 năm 2024"
    assert "I. ĐỐI TƯỢNG, NỘI DUNG VÀ THỜI GIAN THỰC HIỆN" in text.splitlines()
    assert "MỤC ĐÍCH" not in text  # no empty sections
    assert "- Lưu: VT, SGDĐT." in text.splitlines()


# --- The views ------------------------------------------------------------------------------------


def test_plan_pdf_view_answers_a_named_pdf_download(world, client_for):
    campaign = ben_tre_914(world.so)
    response = client_for(world.users["school_clerk"]).get(reverse("reports:plan-pdf", args=[campaign.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename=\"KH-914-SGDDT.pdf\"; filename*=UTF-8''KH-914-SGD%26%C4%90T.pdf"
    )
    assert response.content[:5] == b"%PDF-"
    with _open(response.content) as pdf:
        assert "Số: 914/KH-SGD&ĐT" in pdf.pages[0].extract_text().splitlines()


def test_plan_pdf_view_opens_inline_on_request(world, client_for):
    campaign = CampaignFactory(issuer=world.so, number=None)
    response = client_for(world.users["so_officer"]).get(
        reverse("reports:plan-pdf", args=[campaign.pk]), {"inline": "1"}
    )
    assert response["Content-Disposition"].split(";")[:2] == [
        "inline",
        f' filename="KH-du-thao-{campaign.pk}-SGDDT.pdf"',
    ]


def test_plan_preview_shows_the_same_document_with_the_draft_mark(world, client_for):
    campaign = ben_tre_914(world.so, launch=False)
    response = client_for(world.users["so_officer"]).get(reverse("reports:plan-preview", args=[campaign.pk]))
    html = response.content.decode()
    assert response.templates[0].name == "reports/plan_preview.html"
    assert '<div class="watermark" aria-hidden="true">DỰ THẢO</div>' in html
    assert '<div class="number-line">Số: 914/KH-SGD&amp;ĐT</div>' in html
    assert '<div class="date-line">Bến Tre, ngày 12 tháng 4 năm 2024</div>' in html
    assert html[:15].lower() == "<!doctype html>"
    assert html.lower().count("<!doctype html>") == 1
    assert reverse("reports:plan-pdf", args=[campaign.pk]) in html


def _campaign_with_criteria(world, count):
    campaign = CampaignFactory(issuer=world.so, distribution="- UBND tỉnh;")
    add = {"campaign": campaign, "actor": None}
    services.upper_document_add(**add, number_symbol="12/KH-UBND", issuer_name="UBND tỉnh")
    phase = services.phase_add(**add, name="Năm 2025", starts_on=campaign.starts_on, ends_on=campaign.ends_on)
    services.subject_add(**add, kind="collective", description="Các trường")
    parent = services.criterion_add(**add, number="1", title="Nội dung")
    for index in range(count):
        services.criterion_add(
            **add, parent=parent, title=f"Chỉ tiêu {index}", target_value=index, target_unit="%", phase=phase
        )
    services.award_offer_add(**add, name="Giấy khen")
    services.dossier_component_add(**add, name="Tờ trình")
    services.milestone_create(
        **add, deliverable="final_report", title="Báo cáo", due_on=campaign.ends_on, recipient=world.so
    )
    return services.campaign_set_state(campaign=campaign, new_state="launched", actor=None)


@pytest.mark.parametrize("count", [3, 30])
def test_plan_pdf_view_query_count_is_fixed(world, client_for, django_assert_num_queries, count):
    campaign = _campaign_with_criteria(world, count)
    client = client_for(world.users["so_officer"])
    url = reverse("reports:plan-pdf", args=[campaign.pk])
    # savepoint and release (atomic requests), session, user, the user's unit (scope),
    # campaign with issuer, 7 prefetches
    with django_assert_num_queries(14):
        response = client.get(url)
    with _open(response.content) as pdf:
        text = " ".join(page.extract_text() for page in pdf.pages)
    assert _flat(text).count("(Năm 2025): chỉ tiêu") == count


@pytest.mark.parametrize("count", [3, 30])
def test_plan_preview_query_count_is_fixed(world, client_for, django_assert_num_queries, count):
    campaign = _campaign_with_criteria(world, count)
    client = client_for(world.users["so_officer"])
    url = reverse("reports:plan-preview", args=[campaign.pk])
    # as the PDF, plus the bell's unread count
    with django_assert_num_queries(15):
        response = client.get(url)
    assert response.content.decode().count("(Năm 2025): chỉ tiêu") == count


def test_plan_pdf_is_rendered_once_per_version_and_an_amendment_renders_a_new_one(world, client_for, monkeypatch):
    from common import pdf as pdf_module

    renders = []
    real = pdf_module.html_to_pdf

    def counting(html, **kwargs):
        renders.append(html)
        return real(html, **kwargs)

    monkeypatch.setattr(pdf_module, "html_to_pdf", counting)
    campaign = _campaign_with_criteria(world, 2)
    client = client_for(world.users["so_officer"])
    url = reverse("reports:plan-pdf", args=[campaign.pk])
    first = client.get(url).content
    second = client.get(url).content
    assert len(renders) == 1 and second == first
    criterion = campaign.criteria.get(title="Chỉ tiêu 1")
    services.criterion_update(
        criterion=criterion, actor=None, amendment_reason="Điều chỉnh chỉ tiêu", title="Chỉ tiêu điều chỉnh"
    )
    amended = client.get(url).content
    assert len(renders) == 2 and amended != first
    with _open(amended) as pdf:
        text = _flat(" ".join(page.extract_text() for page in pdf.pages))
    assert "Chỉ tiêu điều chỉnh (Năm 2025): chỉ tiêu 1%" in text and "Chỉ tiêu 1 " not in text
    assert client.get(url).content == amended and len(renders) == 2
    # Only the current version stays in storage.
    from django.core.files.storage import default_storage

    assert len(default_storage.listdir(f"plans/{campaign.pk}")[1]) == 1
