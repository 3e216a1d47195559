"""The Word twin of an official document, read back with python-docx."""

import io

from docx import Document

from common.docx import FONT_NAME, build_official_docx

DOC = {
    "title": "Tờ trình",
    "author": "Trường THCS Xuân Sơn",
    "governing_body": "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO THỊ XÃ ĐÔNG TRIỀU",
    "issuer_name": "TRƯỜNG THCS XUÂN SƠN",
    "number_line": "Số: 05/TTr-TrTHCSXS",
    "national_title": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "national_motto": "Độc lập - Tự do - Hạnh phúc",
    "date_line": "Xuân Sơn, ngày 05 tháng 02 năm 2024",
    "type_name": "TỜ TRÌNH",
    "summary": "Về việc đề nghị khen thưởng",
    "bases": ["Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15."],
    "sections": [
        {
            "number": "I.",
            "heading": "NỘI DUNG",
            "blocks": [
                {"kind": "para", "text": "Đề nghị khen thưởng."},
                {"kind": "table", "header": ["TT", "Họ và tên"], "rows": [["1", "Nguyễn Thị Lan"]]},
            ],
        }
    ],
    "signature": {"authority": "", "title": "HIỆU TRƯỞNG", "name": "Nguyễn Thị Tuyết Mai"},
    "recipients": ["- Như trên;", "- Lưu: VT."],
}


def test_docx_has_the_nd30_page_font_and_header_table():
    document = Document(io.BytesIO(build_official_docx(DOC)))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert tuple(round(m.mm) for m in margins) == (20, 20, 30, 20)
    assert document.styles["Normal"].font.name == FONT_NAME == "Times New Roman"
    header = document.tables[0]
    left, right = (cell.text for cell in header.rows[0].cells)
    assert left.splitlines() == [
        "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO THỊ XÃ ĐÔNG TRIỀU",
        "TRƯỜNG THCS XUÂN SƠN",
        "————",
        "Số: 05/TTr-TrTHCSXS",
    ]
    assert right.splitlines() == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Xuân Sơn, ngày 05 tháng 02 năm 2024",
    ]
    date_run = header.rows[0].cells[1].paragraphs[2].runs[0]
    assert (date_run.italic, date_run.font.name) == (True, "Times New Roman")
    motto_run = header.rows[0].cells[1].paragraphs[1].runs[0]
    assert (motto_run.bold, motto_run.underline) == (True, True)
    texts = [p.text for p in document.paragraphs]
    assert "TỜ TRÌNH" in texts and "I. NỘI DUNG" in texts
    assert document.tables[1].rows[1].cells[1].text == "Nguyễn Thị Lan"
    footer = document.tables[-1].rows[0].cells
    assert footer[0].text.splitlines() == ["Nơi nhận:", "- Như trên;", "- Lưu: VT."]
    assert footer[1].text.splitlines() == ["HIỆU TRƯỞNG", "Nguyễn Thị Tuyết Mai"]
