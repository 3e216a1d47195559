"""The shared renderer: fonts, the static-only URL fetcher, the system check, cheap import."""

import io
import logging
import os
import socket
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest
from django.conf import settings

from common import checks, pdf

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


def test_static_file_for_serves_the_collected_hashed_copy_when_debug_is_off(settings, tmp_path):
    # Manifest storage (production): templates name documents/official.<hash>.css, found only under STATIC_ROOT.
    settings.STATIC_ROOT = str(tmp_path)
    (tmp_path / "documents").mkdir()
    hashed = tmp_path / "documents" / "official.c0db99d5c68b.css"
    hashed.write_text("@page { size: A4 }", encoding="utf-8")
    (tmp_path.parent / "secret.txt").write_text("x", encoding="utf-8")
    assert pdf.static_file_for(f"{BASE}static/documents/official.c0db99d5c68b.css", BASE) == hashed
    assert pdf.static_file_for(f"{BASE}static/documents/official.0000.css", BASE) is None
    assert pdf.static_file_for(f"{BASE}static/%2e%2e/secret.txt", BASE) is None
