"""What a deliverable upload really is, judged by its bytes, never by its name or browser type.

``sniff_deliverable(upload)`` accepts PDF, Word (.docx), Excel (.xlsx), PNG and JPEG and refuses,
with a Vietnamese ``ValidationError``: anything else, macro-enabled Office files (.docm, .xlsm:
a ``vbaProject.bin`` part or a macro-enabled content type), and PDFs that carry JavaScript, a
launch action or embedded files (names found in the file and in its compressed streams, with
``#xx`` escapes decoded). It also renames the upload so that the stored name ends with the
extension of the type found in the bytes (``bao-cao.docx`` holding a PDF is stored as
``bao-cao.pdf``): a file is never served under a type it is not.
"""

import datetime
import re
import zipfile
import zlib
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PNG = "image/png"
JPEG = "image/jpeg"
EXTENSIONS = {PDF: ".pdf", DOCX: ".docx", XLSX: ".xlsx", PNG: ".png", JPEG: ".jpg"}

# Office Open XML packages: a zip with a content-types part and the document's main part.
_OOXML_MAIN_PARTS = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX}
_MACRO_MARKERS = (b"macroenabled", b"vbaproject", b"activex")
# PDF names that run something or carry other files.
ACTIVE_PDF_NAMES = frozenset({b"JavaScript", b"JS", b"Launch", b"EmbeddedFile", b"EmbeddedFiles"})
_PDF_NAME = re.compile(rb"/((?:[A-Za-z0-9]|#[0-9A-Fa-f]{2})+)")
# "stream" that opens a stream's data ("endstream" closes one and is not a start).
_PDF_STREAM_START = re.compile(rb"(?<!end)stream\r?\n")
PDF_MAX_INFLATED = 200 * 1_048_576  # all compressed streams of a PDF together, unpacked


def extension_for(content_type: str) -> str:
    return EXTENSIONS[content_type]


def stored_name(original: str, content_type: str) -> str:
    """``original`` (without folders) with the extension of ``content_type``."""
    stem = PurePath(original.replace("\\", "/")).name
    stem = stem[: -len(PurePath(stem).suffix)] if PurePath(stem).suffix else stem
    return f"{stem or 'tep'}{extension_for(content_type)}"


def _unescape_name(raw: bytes) -> bytes:
    return re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), raw)


def _names(chunk: bytes) -> set[bytes]:
    return {_unescape_name(m.group(1)) for m in _PDF_NAME.finditer(chunk)}


def _active_names(chunk: bytes) -> set[bytes]:
    return _names(chunk) & ACTIVE_PDF_NAMES


def pdf_active_content(data: bytes) -> set[bytes]:
    """The active names (JavaScript, Launch, embedded files…) in a PDF's dictionaries.

    A name is looked for where PDF dictionaries live: the file outside its streams, and inside the
    compressed object streams (``/Type /ObjStm``), which hold dictionaries too. The other streams
    (page content, images, fonts) are drawing data: a scanned page's pixels are random bytes where
    ``/JS`` turns up by chance (one 900 KB scan in four), and nothing in them can run. An object
    stream that cannot be unpacked is reported, since what it hides cannot be checked.
    """
    found: set[bytes] = set()
    inflated = 0
    cursor = 0
    while True:
        match = _PDF_STREAM_START.search(data, cursor)
        if match is None:
            return found | _active_names(data[cursor:])
        before = data[cursor : match.start()]
        found |= _active_names(before)
        end = data.find(b"endstream", match.end())
        if end == -1:
            return found  # cut short: what follows is the stream's own data
        # The stream's dictionary is what follows the last "obj" keyword before it.
        dictionary = before[before.rfind(b"obj") + 3 :] if b"obj" in before else before
        if b"ObjStm" in _names(dictionary):
            decompressor = zlib.decompressobj()
            try:
                chunk = decompressor.decompress(data[match.end() : end], PDF_MAX_INFLATED - inflated)
            except zlib.error:
                found.add(b"(unreadable object stream)")
            else:
                inflated += len(chunk)
                found |= _active_names(chunk)
                if inflated >= PDF_MAX_INFLATED:
                    found.add(b"(too large to check)")
                    return found
        cursor = end + len(b"endstream")


def _refuse_macros() -> ValidationError:
    return ValidationError(
        _(
            "The file contains macros (a macro-enabled Word or Excel file). Macros are not accepted: "
            "save it as .docx or .xlsx without macros."
        )
    )


def _sniff_package(upload) -> str | None:
    try:
        with zipfile.ZipFile(upload.file) as package:
            names = set(package.namelist())
            content_types = package.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError, zlib.error):
        return None
    finally:
        upload.seek(0)
    if not content_types:
        return None
    lowered = content_types.lower()
    if any(name.lower().endswith("vbaproject.bin") for name in names) or any(m in lowered for m in _MACRO_MARKERS):
        raise _refuse_macros()
    for part, content_type in _OOXML_MAIN_PARTS.items():
        if part in names:
            return content_type
    return None


def _sniff(upload) -> str | None:
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        data = upload.read()
        upload.seek(0)
        if pdf_active_content(data):
            raise ValidationError(
                _(
                    "The PDF contains JavaScript, an action that opens other programs, or embedded files; "
                    "such PDFs are not accepted. Print it again as a plain PDF (“Save as PDF”) and upload that."
                )
            )
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        return _sniff_package(upload)
    return None


def sniff_deliverable(upload) -> str:
    """The content type of an accepted upload (and its name set to match); ``ValidationError`` otherwise."""
    limit = settings.PORTAL_UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s MB); the limit is %(limit)s MB.")
            % {"size": f"{upload.size / 1048576:.1f}", "limit": f"{limit / 1048576:g}"}
        )
    content_type = _sniff(upload)
    if content_type is None:
        raise ValidationError(
            _("This file is not a PDF, Word (.docx), Excel (.xlsx) or image (PNG, JPEG) file, whatever its name says.")
        )
    upload.name = stored_name(upload.name or "", content_type)
    return content_type


def purge_stale_files(prefix: str, *, older_than: datetime.timedelta, storage=None) -> int:
    """Delete the files under ``prefix`` of the storage last written more than ``older_than`` ago
    (uploads kept between a preview and its confirmation). Returns how many were deleted."""
    from django.core.files.storage import default_storage
    from django.utils import timezone

    storage = storage or default_storage
    limit = timezone.now() - older_than
    removed = 0
    stack = [prefix.rstrip("/")]
    while stack:
        folder = stack.pop()
        try:
            folders, files = storage.listdir(folder)
        except FileNotFoundError:
            continue
        stack += [f"{folder}/{name}" for name in folders]
        for name in files:
            path = f"{folder}/{name}"
            if storage.get_modified_time(path) < limit:
                storage.delete(path)
                removed += 1
    return removed
