"""The biên bản of a closed session, read back: PDF through pdftotext, Word through python-docx."""

import io
import subprocess

import pytest
from docx import Document

from councils import documents, services
from councils.enums import Attendance
from councils.tests.factories import members_of, open_session, secretary_of

pytestmark = pytest.mark.django_db


def _pdf_text(data: bytes) -> str:
    out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True)
    return " ".join(out.stdout.decode().split())


def _docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


@pytest.fixture
def closed_session(world):
    """7 members, two absent (one votes in writing); CSTĐCS nominees: 6/7 agree on the first
    (85,7 %, approved), 5/7 on the second (71,4 %, not approved)."""
    council, session = open_session(world, size=7, count=2, absent=2)
    first, second = session.items.order_by("position")
    members = members_of(council)
    for i, member in enumerate(members[:5]):
        services.ballot_submit(session=session, user=member.user, choices={first.pk: True, second.pk: i < 4})
    services.written_ballot_enter(
        session=session, member=members[5], choices={first.pk: True, second.pk: True}, actor=secretary_of(council)
    )
    services.session_close(session=session, actor=secretary_of(council))
    session.refresh_from_db()
    return session


def test_minutes_pdf_and_docx_carry_attendance_tallies_threshold_and_result(closed_session):
    first, second = closed_session.items.order_by("position")
    pdf = _pdf_text(documents.session_document(closed_session, "bien-ban-hop", "pdf"))
    docx = _docx_text(documents.session_document(closed_session, "bien-ban-hop", "docx"))
    number = closed_session.minutes_entry.number_symbol
    assert number == "01/BB-PGDĐTA"
    for text in (pdf, " ".join(docx.split())):
        assert f"Số: {number}" in text
        assert "BIÊN BẢN" in text
        assert "5/7 thành viên Hội đồng có mặt" in text
        assert "Vắng mặt, có phiếu bằng văn bản" in text
        assert "Vắng mặt, không có phiếu" in text
        assert f"đề nghị khen thưởng 01/02 trường hợp đạt yêu cầu: {first.nominee.name}" in text
    # The tally table: whole cells in Word; in the PDF narrow cells wrap, so their words are read in order.
    for cells in (["6/7 (85,7%)", "Đạt"], ["5/7 (71,4%)", "Không đạt"]):
        assert any(all(cell in row for cell in cells) for row in docx.splitlines())
    assert "Từ 80% tổng số thành viên Hội đồng trở lên (Nghị định 98/2023/NĐ-CP, Điều 30 khoản 7)" in docx
    for words in ("6/7 0 Từ 80%", "(85,7%)", "5/7 1 Từ 80%", "(71,4%)", "Nghị định 98/2023/NĐ-", "Không", "đạt"):
        assert words in pdf
    assert second.nominee.name in docx
    assert "CHỦ TỊCH HỘI ĐỒNG" in docx


def test_count_minutes_say_how_many_voted_and_never_who_voted_how(closed_session):
    docx = _docx_text(documents.session_document(closed_session, "bien-ban-kiem-phieu", "docx"))
    pdf = _pdf_text(documents.session_document(closed_session, "bien-ban-kiem-phieu", "pdf"))
    assert closed_session.count_entry.number_symbol == "02/BB-PGDĐTA"
    for text in (pdf, " ".join(docx.split())):
        assert "Số: 02/BB-PGDĐTA" in text
        assert "Số phiếu phát ra và thu về: 6 (trong đó 1 phiếu bằng văn bản" in text
        assert "Số thành viên không bỏ phiếu: 1" in text
        # Member names appear only in the signatures (the chair and the secretary), never in the count.
        assert "Thành viên 03" not in text


def test_a_correction_appears_in_the_minutes_and_the_record_stays(world, closed_session):
    services.act_record(session=closed_session, text="Ghi lại chức vụ", reason="Nhầm lẫn", actor=None)
    docx = _docx_text(documents.session_document(closed_session, "bien-ban-hop", "docx"))
    assert "Ghi lại chức vụ (Lý do: Nhầm lẫn)" in docx
    assert closed_session.attendances.filter(status=Attendance.ABSENT).count() == 2


def test_document_download_view(world, client_for, closed_session):
    from django.urls import reverse

    user = secretary_of(closed_session.council)
    response = client_for(user).get(reverse("councils:document", args=[closed_session.pk, "bien-ban-hop", "docx"]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "6/7 (85,7%)" in _docx_text(response.content)
