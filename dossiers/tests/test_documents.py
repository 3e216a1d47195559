"""The generated documents: PDF parsed with pdfplumber/pypdf, Word read back with python-docx, the ZIP packet."""

import datetime
import io
import zipfile

import pdfplumber
import pytest
import time_machine
from docx import Document
from pypdf import PdfReader

from awards import services as award_services
from dossiers import documents, services
from dossiers.tests.factories import award, ready_dossier

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(datetime.datetime(2026, 5, 20, 9, 0, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def sent(world):
    world.school_a1.head_name, world.school_a1.head_title = "Nguyễn Thị Tuyết Mai", "Hiệu trưởng"
    world.school_a1.save()
    dossier = ready_dossier(world)
    dossier.place = "Xuân Sơn"
    dossier.save()
    services.dossier_send(dossier=dossier, actor=None)
    dossier.refresh_from_db()
    return dossier


def _pdf_text(data: bytes) -> tuple[str, object]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        return "\n".join(p.extract_text() for p in pdf.pages), (round(page.width), round(page.height), page.chars)


def test_proposal_pdf_has_a4_number_date_line_and_embedded_font(sent):
    stored = sent.documents.get(kind="proposal", content_type="application/pdf")
    data = stored.file.open("rb").read()
    text, (width, height, chars) = _pdf_text(data)
    assert (width, height) == (595, 842)
    assert f"Số: 01/TTr-{sent.unit.short_name}" in text
    assert "Xuân Sơn, ngày 20 tháng 5 năm 2026" in text
    assert "TỜ TRÌNH" in text and "Kính gửi: Phòng GD&ĐT Thử A." in text
    assert "Lao động tiên tiến: 01 trường hợp" in text
    assert "Nơi nhận:" in text and "HIỆU TRƯỞNG" in text
    mm = 72 / 25.4
    # Margins 20 mm top, 30 mm left, 20 mm right: the text stays inside them and touches the left one.
    assert min(c["x0"] for c in chars) == pytest.approx(30 * mm, abs=1.5)
    body = [c for c in chars if c["top"] > 160 and c["text"].strip()]
    # Justified lines reach the 20 mm margin; a line-final comma may stand ~1 mm into it, still
    # inside the 15–20 mm NĐ 30/2020 allows.
    right_margin = (595 - max(c["x1"] for c in body)) / mm
    assert 15 <= right_margin <= 20.5
    assert min(c["top"] for c in chars) >= 20 * mm - 0.5
    italic = {c["fontname"] for c in chars if c["text"] == "X" and "Italic" in c["fontname"]}
    assert italic, "the date line is italic"
    fonts = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            if "/DescendantFonts" in font:
                font = font["/DescendantFonts"][0].get_object()
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor or "/FontFile" in descriptor or "/FontFile3" in descriptor
            fonts.add(str(font["/BaseFont"]).split("+")[-1])
    assert fonts <= {
        "Liberation-Serif",
        "Liberation-Serif-Bold",
        "Liberation-Serif-Italic",
        "Liberation-Serif-Bold-Italic",
    }


def test_list_docx_reads_back_with_the_nd30_layout(sent):
    stored = sent.documents.get(kind="list", content_type__contains="wordprocessingml")
    document = Document(stored.file.open("rb"))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert tuple(
        round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    ) == (20, 20, 30, 20)
    left, right = (c.text.splitlines() for c in document.tables[0].rows[0].cells)
    assert left == ["PHÒNG GD&ĐT THỬ A", "TRƯỜNG TIỂU HỌC THỬ A1", "————", f"Số: 01/TTr-{sent.unit.short_name}"]
    assert right == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Xuân Sơn, ngày 20 tháng 5 năm 2026",
    ]
    rows = [[c.text for c in row.cells] for row in document.tables[1].rows]
    assert rows == [
        ["TT", "Họ và tên / Tập thể", "Chức vụ, đơn vị", "Thành tích"],
        ["1", "Nguyễn Thị Lan", "Giáo viên, Trường Tiểu học Thử A1", "Hoàn thành tốt nhiệm vụ"],
    ]
    assert document.styles["Normal"].font.name == "Times New Roman"


def test_drafted_report_contains_the_award_history_tables(world, sent):
    person = world.person_a1
    award_services.award_record_create(
        award=award("LDTT"),
        person=person,
        unit=world.school_a1,
        school_year=2023,
        decision_number="45/QĐ-PGDĐT",
        decision_date=D(2024, 6, 10),
        issuer="Phòng GD&ĐT Thử A",
        actor=None,
    )
    award_services.award_record_create(
        award=award("GK_TRUONG"),
        person=person,
        unit=world.school_a1,
        school_year=2024,
        decision_number="07/QĐ-TH",
        decision_date=D(2025, 5, 28),
        issuer="Trường Tiểu học Thử A1",
        actor=None,
    )
    nominee = sent.nominees.get()
    document = Document(io.BytesIO(documents.render(documents.report_doc(nominee), "docx")))
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    assert ["Năm", "Danh hiệu thi đua", "Số, ngày QĐ; cơ quan ban hành"] in [t[0] for t in tables]
    titles = next(t for t in tables if t[0][1] == "Danh hiệu thi đua")
    forms = next(t for t in tables if t[0][1] == "Hình thức khen thưởng")
    assert titles[1:] == [["2023–2024", "Lao động tiên tiến", "45/QĐ-PGDĐT ngày 10/06/2024; Phòng GD&ĐT Thử A"]]
    assert forms[1:] == [
        [
            "2024–2025",
            "Giấy khen của Hiệu trưởng (Giám đốc cơ sở giáo dục)",
            "07/QĐ-TH ngày 28/05/2025; Trường Tiểu học Thử A1",
        ]
    ]
    text, (width, height, _chars) = _pdf_text(documents.render(documents.report_doc(nominee), "pdf"))
    assert (width, height) == (595, 842)
    assert "BÁO CÁO THÀNH TÍCH" in text and "CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG" in text
    assert "45/QĐ-PGDĐT ngày 10/06/2024" in text
    assert "NGƯỜI BÁO CÁO THÀNH TÍCH" in text and "Nơi nhận" not in text


def test_packet_is_one_zip_with_an_index(sent):
    archive = zipfile.ZipFile(io.BytesIO(documents.packet(sent)))
    names = archive.namelist()
    assert names[-1] == "00-muc-luc.txt"
    index = archive.read("00-muc-luc.txt").decode()
    assert "HỒ SƠ ĐỀ NGHỊ KHEN THƯỞNG — Trường Tiểu học Thử A1" in index
    assert sum(1 for n in names if n.endswith(".pdf")) == 4  # tờ trình, danh sách, biên bản, signed report
    assert sum(1 for n in names if n.endswith(".docx")) == 3
    for name in names[:-1]:
        assert name.split("-", 1)[1] in index


def test_collective_nominee_report_and_list(world):
    from dossiers.tests.factories import dossier_for, school_year_round

    dossier = dossier_for(world.school_a1, school_year_round(world.phong_a, codes=("TTLDTT",)))
    nominee = services.nominee_add(
        dossier=dossier,
        actor=None,
        award=award("TTLDTT"),
        collective=world.school_a1,
        achievement="Hoàn thành tốt nhiệm vụ",
        justification="Chưa có quyết định LĐTT của năm; đơn vị đề nghị xét cùng đợt",
    )
    assert nominee.verdict in ("missing", "not_eligible")
    document = Document(io.BytesIO(documents.render(documents.report_doc(nominee), "docx")))
    texts = [p.text for p in document.paragraphs]
    assert "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH" in texts
    listing = Document(io.BytesIO(documents.dossier_document(dossier, [nominee], "list", "docx")))
    assert [c.text for c in listing.tables[1].rows[1].cells] == [
        "1",
        "Trường Tiểu học Thử A1",
        "Tập thể",
        "Hoàn thành tốt nhiệm vụ",
    ]
