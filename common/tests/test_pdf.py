"""The shared renderer: fonts, the static-only URL fetcher, the system check, cheap import."""

import datetime
import io
import logging
import os
import socket
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pdfplumber
import pytest
from django.conf import settings

from common import checks, pdf
from reports.documents import (
    basis_line,
    body_date,
    number_text,
    paragraphs,
    plan_filename,
    recipient_lines,
    yearly_date,
)

BASE = "http://127.0.0.1:8000/"


@pytest.fixture
def no_network(monkeypatch):
    """Records (and refuses) every attempt to open a network connection."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network disabled in tests")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


@pytest.fixture
def fonts_missing(monkeypatch):
    monkeypatch.setattr(pdf, "_fc_list", lambda style: [])
    pdf.official_font_files.cache_clear()
    yield
    pdf.official_font_files.cache_clear()


def test_renderer_refuses_every_url_but_our_static_files(no_network, caplog):
    html = (
        '<html><head><link rel="stylesheet" href="/static/documents/official.css">'
        '<link rel="stylesheet" href="http://example.com/evil.css"></head>'
        '<body><article class="official-doc"><p>Xin chào</p>'
        '<img src="http://example.com/x.png"><img src="file:///etc/passwd">'
        '<img src="/static/../config/settings/base.py"><img src="/media/secret.png"></article></body></html>'
    )
    fetcher = pdf.make_url_fetcher(BASE)
    with caplog.at_level(logging.WARNING, logger="common.pdf"):
        data = pdf.html_to_pdf(html, base_url=BASE, url_fetcher=fetcher)
    assert sorted(fetcher.refused) == [
        "file:///etc/passwd",
        "http://127.0.0.1:8000/config/settings/base.py",
        "http://127.0.0.1:8000/media/secret.png",
        "http://example.com/evil.css",
        "http://example.com/x.png",
    ]
    assert no_network == []
    assert "Refused to fetch http://example.com/x.png for a document" in caplog.text
    with pdfplumber.open(io.BytesIO(data)) as document:
        page = document.pages[0]
        # Our stylesheet was served: A4 and the document font.
        assert (round(page.width), round(page.height)) == (595, 842)
        assert {c["fontname"].split("+")[1] for c in page.chars} == {"Liberation-Serif"}
        assert page.extract_text() == "Xin chào"


def test_static_file_for_serves_only_our_static_files():
    css = pdf.static_file_for(f"{BASE}static/documents/official.css", BASE)
    assert css == Path(settings.BASE_DIR) / "common" / "static" / "documents" / "official.css"
    assert pdf.static_file_for("http://example.com/static/documents/official.css", BASE) is None
    assert pdf.static_file_for(f"{BASE}static/../manage.py", BASE) is None
    assert pdf.static_file_for(f"{BASE}static/%2e%2e/manage.py", BASE) is None
    assert pdf.static_file_for(f"{BASE}static/reports/nothing.css", BASE) is None
    assert pdf.static_file_for(f"{BASE}manage.py", BASE) is None


def test_official_font_files_are_liberation_serif_2_covering_vietnamese():
    files = pdf.official_font_files()
    assert {key: path.name for key, path in files.items()} == {
        "regular": "LiberationSerif-Regular.ttf",
        "bold": "LiberationSerif-Bold.ttf",
        "italic": "LiberationSerif-Italic.ttf",
        "bold-italic": "LiberationSerif-BoldItalic.ttf",
    }
    # fontconfig was asked for faces covering Vietnamese; 1.x Liberation does not.
    assert all(path.is_file() for path in files.values())


def test_render_names_the_font_package_when_the_fonts_are_missing(fonts_missing):
    with pytest.raises(pdf.FontsMissing) as error:
        pdf.html_to_pdf("<p>x</p>")
    assert "apt-get install fonts-liberation2" in str(error.value)


def test_check_warns_when_the_fonts_are_missing(fonts_missing):
    warnings = checks.check_document_fonts()
    assert [(w.id, w.hint) for w in warnings] == [
        ("common.W001", "apt-get install fonts-liberation2 (the Makefile's system-deps target does it)")
    ]


def test_check_is_silent_with_the_fonts_installed():
    assert checks.check_document_fonts() == []


def test_importing_the_app_does_not_import_weasyprint():
    code = (
        "import django, sys; django.setup(); "
        "import reports.urls, reports.views, common.checks, common.pdf; "
        "print('weasyprint' in sys.modules)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=settings.BASE_DIR, env=env, check=True
    )
    assert result.stdout.strip() == "False"


# --- Document wording helpers -------------------------------------------------------------------


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


def test_basis_line_names_the_document_type_from_its_symbol():
    document = SimpleNamespace(
        number_symbol="1592/KH-PGD&ĐT",
        issued_on=datetime.date(2024, 9, 12),
        issuer_name="Phòng GD&ĐT thị xã Đông Triều",
        summary="Thực hiện phong trào “Cả nước thi đua xây dựng xã hội học tập”",
    )
    assert basis_line(document) == (
        "Căn cứ Kế hoạch số 1592/KH-PGD&ĐT ngày 12/9/2024 của Phòng GD&ĐT thị xã Đông Triều "
        "về thực hiện phong trào “Cả nước thi đua xây dựng xã hội học tập”"
    )
    party = SimpleNamespace(number_symbol="01-CT/TU", issued_on=None, issuer_name="", summary="")
    assert basis_line(party) == "Căn cứ Chỉ thị số 01-CT/TU"
    law = SimpleNamespace(number_symbol="06/2022/QH15", issued_on=None, issuer_name="", summary="Thi đua, khen thưởng")
    assert basis_line(law) == "Căn cứ Luật số 06/2022/QH15 về thi đua, khen thưởng"


def test_paragraphs_split_lines_into_headings_items_and_text():
    text = "1. Sở Giáo dục và Đào tạo\nTheo dõi, hướng dẫn.\n- Xây dựng kế hoạch;\na) Tờ trình;\n100% trường đạt."
    assert paragraphs(text) == [
        {"kind": "subheading", "number": "1.", "text": "Sở Giáo dục và Đào tạo"},
        {"kind": "para", "text": "Theo dõi, hướng dẫn."},
        {"kind": "item", "text": "- Xây dựng kế hoạch;"},
        {"kind": "item", "text": "a) Tờ trình;"},
        {"kind": "para", "text": "100% trường đạt."},
    ]


def test_plan_filename_is_ascii_with_a_unicode_twin():
    launched = SimpleNamespace(pk=5, number=914, symbol="KH-SGD&ĐT")
    assert plan_filename(launched) == ("KH-914-SGDDT.pdf", "KH-914-SGD&ĐT.pdf")
    early = SimpleNamespace(pk=5, number=7, symbol="KH-UBND")
    assert plan_filename(early) == ("KH-07-UBND.pdf", "KH-07-UBND.pdf")
    draft = SimpleNamespace(pk=5, number=None, symbol="")
    assert plan_filename(draft) == ("KH-du-thao-5.pdf", "KH-du-thao-5.pdf")
