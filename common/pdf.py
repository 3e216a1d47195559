"""The shared renderer of official documents: a Django template and one stylesheet → WeasyPrint → PDF bytes.

WeasyPrint is imported inside the functions so that importing this module (urls, checks,
Celery workers that never print) stays cheap. The font configuration is built once per
process and reused; the document font is Liberation Serif 2.x (metric twin of Times New
Roman with full Vietnamese coverage, Debian package ``fonts-liberation2``), located with
fontconfig at first use and embedded into every PDF.

Documents may load our own static files only (``/static/…``, resolved through the
staticfiles finders) and the document fonts (``font:<style>`` URLs in ``official.css``).
Every other URL is refused: rendering never touches the network or the file system
outside those files.
"""

import functools
import hashlib
import logging
import mimetypes
import shutil
import subprocess
import threading
import unicodedata
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

FONT_PACKAGE = "fonts-liberation2"
FONT_FAMILY = "Liberation Serif"
# ``font:<key>`` in official.css → the fontconfig style of that face.
FONT_STYLES = {"regular": "Regular", "bold": "Bold", "italic": "Italic", "bold-italic": "Bold Italic"}
FONT_SCHEME = "font:"

# One document at a time per process: the font configuration is shared.
_render_lock = threading.Lock()


class FontsMissing(RuntimeError):
    """The document fonts are not installed."""


def _fc_list(style: str) -> list[tuple[int, str]]:
    """(version, file) of every installed Liberation Serif face of this style that covers Vietnamese."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return []
    pattern = f":family={FONT_FAMILY}:style={style}:lang=vi"
    result = subprocess.run(
        [fc_list, "-f", "%{fontversion}|%{file}\n", pattern], capture_output=True, text=True, timeout=20, check=False
    )
    faces = []
    for line in result.stdout.splitlines():
        version, _, path = line.partition("|")
        if path and Path(path).is_file():
            faces.append((int(version) if version.isdigit() else 0, path))
    return faces


@functools.cache
def official_font_files() -> dict[str, Path]:
    """The Liberation Serif 2.x files by style key, found with fontconfig once per process.

    Raises ``FontsMissing`` (not cached, so installing the package fixes a running process).
    """
    files = {}
    for key, style in FONT_STYLES.items():
        faces = _fc_list(style)
        if not faces:
            raise FontsMissing(
                f"The document font {FONT_FAMILY} ({style}) with Vietnamese glyphs was not found by fontconfig. "
                f"Install the Debian package {FONT_PACKAGE}: apt-get install {FONT_PACKAGE}"
            )
        files[key] = Path(max(faces)[1])
    return files


@functools.cache
def _font_config():
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def default_base_url() -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + "/"


def static_file_for(url: str, base_url: str) -> Path | None:
    """The file behind one of our static URLs, or None for any other URL."""
    static = urlsplit(urljoin(base_url, settings.STATIC_URL))
    parts = urlsplit(url)
    if (parts.scheme, parts.netloc) != (static.scheme, static.netloc) or not parts.path.startswith(static.path):
        return None
    relative = unquote(parts.path[len(static.path) :])
    if not relative or ".." in Path(relative).parts or relative.startswith("/"):
        return None
    try:
        found = finders.find(relative)
        if not found:
            # DEBUG off: templates name the collected, hashed copy (official.c0db99d5c68b.css) under STATIC_ROOT.
            collected = Path(settings.STATIC_ROOT).resolve()
            candidate = (collected / relative).resolve()
            found = candidate if candidate.is_relative_to(collected) and candidate.is_file() else None
    except SuspiciousFileOperation:
        return None
    return Path(found) if found else None


@functools.cache
def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        """Serves the document fonts and our static files; refuses every other URL."""

        def __init__(self, base_url: str):
            super().__init__(allowed_protocols=())
            self.base_url = base_url
            self.refused: list[str] = []

        def fetch(self, url, headers=None):
            if url.startswith(FONT_SCHEME):
                path = official_font_files().get(url[len(FONT_SCHEME) :])
                if path is not None:
                    return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": "font/ttf"})
            else:
                path = static_file_for(url, self.base_url)
                if path is not None:
                    content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                    return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": content_type})
            self.refused.append(url)
            logger.warning("Refused to fetch %s for a document: only our static files are served.", url)
            raise PermissionError(f"Documents may not load {url}")

    return StaticOnlyFetcher


def make_url_fetcher(base_url: str | None = None):
    return _fetcher_class()(base_url or default_base_url())


def html_to_pdf(html: str, *, base_url: str | None = None, url_fetcher=None) -> bytes:
    official_font_files()  # fail early, naming the package, instead of printing with a fallback font
    from weasyprint import HTML

    base_url = base_url or default_base_url()
    url_fetcher = url_fetcher or make_url_fetcher(base_url)
    html = unicodedata.normalize("NFC", html)
    with _render_lock:
        document = HTML(string=html, base_url=base_url, url_fetcher=url_fetcher, encoding="utf-8")
        return document.write_pdf(font_config=_font_config())


def render_pdf(template_name: str, context: dict, *, base_url: str | None = None) -> bytes:
    """Render a document template (extending ``documents/base_official.html``) to PDF bytes."""
    return html_to_pdf(render_to_string(template_name, context), base_url=base_url)


# Bump when the stylesheet, the fonts or the renderer change what the same HTML prints as.
CACHE_VERSION = "1"


def render_pdf_cached(template_name: str, context: dict, *, folder: str, base_url: str | None = None) -> bytes:
    """``render_pdf`` rendered once per version of the document and then served from the default
    storage: the file is named after a digest of the HTML, so any change to what the document says
    (an amendment, an edit, a renamed issuer) renders a new PDF, and the older versions of ``folder``
    (one folder per document) are removed. The HTML costs a few milliseconds; WeasyPrint the rest."""
    html = render_to_string(template_name, context)
    digest = hashlib.sha256(f"{CACHE_VERSION}\n{html}".encode()).hexdigest()[:32]
    name = f"{folder}/{digest}.pdf"
    if default_storage.exists(name):
        with default_storage.open(name, "rb") as stored:
            return stored.read()
    pdf = html_to_pdf(html, base_url=base_url)
    try:
        _dirs, files = default_storage.listdir(folder)
    except FileNotFoundError:
        files = []
    for old in files:
        if old.endswith(".pdf") and old != f"{digest}.pdf":
            default_storage.delete(f"{folder}/{old}")
    if not default_storage.exists(name):  # another request may have stored the same version meanwhile
        default_storage.save(name, ContentFile(pdf))
    return pdf
