"""The decision and its attached list, as PDF and Word: the same NĐ 30/2020 layout and content."""

import io
import subprocess
import tempfile

import docx
import pytest
from django.urls import reverse
from openpyxl import load_workbook

from decisions import documents, excel, selectors
from decisions.tests.factories import colleague, issued_decision
from exports.models import ExportJob
from exports.services import export_run

pytestmark = pytest.mark.django_db


def _pdf_text(data: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        return subprocess.run(["pdftotext", handle.name, "-"], capture_output=True, text=True, check=True).stdout


def _docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


@pytest.fixture
def decision(world):
    decision = issued_decision(world, people=[world.person_a1, colleague(world)])
    return selectors.decision_for_document(decision)


def _squash(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_decision_has_the_number_date_line_articles_and_signature(decision, fmt):
    data = documents.decision_document(decision, "decision", fmt)
    text = _squash(_pdf_text(data) if fmt == "pdf" else _docx_text(data))
    for piece in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "SỞ GIÁO DỤC VÀ ĐÀO TẠO THỬ NGHIỆM",
        "PHÒNG GD&ĐT THỬ A",
        "Số: 01/QĐ-PGDĐTA",
        "Thử A, ngày 01 tháng 12 năm 2026",
        "QUYẾT ĐỊNH",
        "Về việc khen thưởng năm học 2025–2026",
        "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;",
        "Điều 1. Khen thưởng 02 cá nhân",
        "(danh sách kèm theo)",
        "Điều 2.",
        "tổng cộng 1.404.000 đ",
        "Điều 3.",
        "Nơi nhận:",
        "KT. TRƯỞNG PHÒNG",
        "PHÓ TRƯỞNG PHÒNG",
        "Lê Văn Trưởng",
    ):
        assert piece in text, piece


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_attached_list_has_every_name_unit_award_and_amount(decision, fmt):
    data = documents.decision_document(decision, "list", fmt)
    text = _squash(_pdf_text(data) if fmt == "pdf" else _docx_text(data))
    for piece in (
        "DANH SÁCH",
        "(Kèm theo Quyết định số 01/QĐ-PGDĐTA ngày 01/12/2026 của Phòng GD&ĐT Thử A)",
        "STT",
        "Nguyễn Thị Lan",
        "Phạm Minh Đức",
        "Trường Tiểu học Thử A1",
        "Lao động tiên tiến",
        "702.000 đ",
        "tổng số tiền thưởng: 1.404.000 đ",
    ):
        assert piece in text, piece


def test_a_draft_prints_without_a_number_and_marked_as_draft(world):
    from decisions.tests.factories import draft_decision

    decision = selectors.decision_for_document(draft_decision(world))
    doc = documents.decision_doc(decision)
    assert (doc["is_draft"], doc["number_line"]) == (True, "Số:" + "\u00a0" * 8 + "/QĐ-PGDĐTA")
    assert doc["date_line"].startswith("ngày")


def test_the_list_workbook_has_the_lines_and_the_total(decision):
    sheet = load_workbook(io.BytesIO(excel.list_workbook(decision))).active
    rows = [tuple(cell.value for cell in row) for row in sheet.iter_rows()]
    assert rows == [
        ("STT", "Họ và tên / Tập thể", "Đơn vị", "Danh hiệu, hình thức", "Số tiền (đồng)"),
        (1, "Nguyễn Thị Lan", "Trường Tiểu học Thử A1", "Lao động tiên tiến", 702000),
        (2, "Phạm Minh Đức", "Trường Tiểu học Thử A1", "Lao động tiên tiến", 702000),
        (None, "Tổng cộng", None, None, 1404000),
    ]


def test_a_name_that_looks_like_a_formula_is_stored_as_text(world):
    from decisions.tests.factories import draft_decision

    hostile = colleague(world, '=HYPERLINK("http://x","Bấm")')
    decision = selectors.decision_for_document(draft_decision(world, people=[hostile]))
    cell = load_workbook(io.BytesIO(excel.list_workbook(decision))).active["B2"]
    assert (cell.data_type, cell.value) == ("s", '=HYPERLINK("http://x","Bấm")')


def test_the_list_is_answered_at_once_when_small_and_by_the_worker_when_large(decision, world, client_for, settings):
    client = client_for(world.users["phong_officer"])
    url = reverse("decisions:decision-xlsx", args=[decision.pk])
    at_once = client.get(url)
    settings.EXPORT_INLINE_ROWS = 1

    queued = client.get(url)
    job = ExportJob.objects.get()
    export_run(job_id=job.pk)  # what the worker's task calls
    job.refresh_from_db()
    download = client.get(reverse("exports:download", args=[job.pk]))
    from_job = load_workbook(io.BytesIO(b"".join(download.streaming_content))).active
    inline = load_workbook(io.BytesIO(at_once.content)).active

    assert (queued.status_code, queued.url) == (302, reverse("exports:job", args=[job.pk]))
    assert (job.state, job.kind, job.params, job.rows_written) == (
        "done",
        "decisions.list",
        {"decision": decision.pk},
        3,
    )
    assert list(from_job.iter_rows(values_only=True)) == list(inline.iter_rows(values_only=True))
    assert [row[1] for row in from_job.iter_rows(min_row=2, values_only=True)] == [
        "Nguyễn Thị Lan",
        "Phạm Minh Đức",
        "Tổng cộng",
    ]
