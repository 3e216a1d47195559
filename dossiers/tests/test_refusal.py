"""A refusal is an official notice of the receiving level: numbered in its register, printed as PDF and Word."""

import io
import subprocess

import docx
import pytest
import time_machine

from dossiers import services
from dossiers.enums import DossierState as S
from dossiers.tests.factories import ready_dossier
from units.models import RegisterEntry

pytestmark = pytest.mark.django_db


def _refused(world):
    with time_machine.travel("2026-05-20 09:00 +07:00", tick=False):
        dossier = ready_dossier(world)
        services.dossier_send(dossier=dossier, actor=None)
    with time_machine.travel("2026-05-25 14:00 +07:00", tick=False):
        services.dossier_refuse(
            dossier=dossier,
            actor=world.users["phong_officer"],
            notice="Hồ sơ gửi sau thời hạn của đợt xét.\nThiếu biên bản họp Hội đồng có chữ ký.",
        )
    dossier.refresh_from_db()
    return dossier


def test_the_refusal_takes_a_number_from_the_receivers_register(world):
    dossier = _refused(world)
    assert dossier.state == S.REFUSED
    entry = RegisterEntry.objects.get(pk=dossier.refusal_entry_id)
    assert (entry.unit, entry.year, entry.number_symbol) == (world.phong_a, 2026, "01/TB-PGDĐTA")


def test_the_notice_prints_as_pdf_and_word_with_its_number_date_and_reasons(world, client_for):
    dossier = _refused(world)
    client = client_for(world.users["school_clerk"])
    page = client.get(f"/ho-so/{dossier.pk}/").content.decode()
    assert f'href="/ho-so/{dossier.pk}/thong-bao-tu-choi.pdf"' in page
    response = client.get(f"/ho-so/{dossier.pk}/thong-bao-tu-choi.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    flat = " ".join(text.split())
    assert "Số: 01/TB-PGDĐTA" in flat
    assert "ngày 25 tháng 5 năm 2026" in flat
    assert "THÔNG BÁO" in flat
    assert "Về việc không tiếp nhận hồ sơ đề nghị khen thưởng của Trường Tiểu học Thử A1" in flat
    assert "Thiếu biên bản họp Hội đồng có chữ ký." in flat
    word = docx.Document(io.BytesIO(client.get(f"/ho-so/{dossier.pk}/thong-bao-tu-choi.docx").content))
    paragraphs = [p.text for p in word.paragraphs]
    assert "Hồ sơ gửi sau thời hạn của đợt xét. Thiếu biên bản họp Hội đồng có chữ ký." in paragraphs
    assert any("Số: 01/TB-PGDĐTA" in cell.text for table in word.tables for cell in table._cells)
