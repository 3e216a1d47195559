"""Deliverable uploads are judged by their bytes: named by what they are, no macros, no active PDFs."""

import io
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from common import uploads
from common.tests import hostile_files

PLAIN_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n%%EOF\n"
)


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def _docx(*, main="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", extra=None):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr(
            "[Content_Types].xml", f'<Types><Override PartName="/word/document.xml" ContentType="{main}"/></Types>'
        )
        package.writestr("word/document.xml", "<w:document/>")
        for name, content in (extra or {}).items():
            package.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "content_type", "stored"),
    [
        ("bao-cao.docx", PLAIN_PDF, uploads.PDF, "bao-cao.pdf"),
        ("anh.pdf", b"\x89PNG\r\n\x1a\n" + b"\0" * 20, uploads.PNG, "anh.png"),
        ("anh chup.png", b"\xff\xd8\xff\xe0" + b"\0" * 20, uploads.JPEG, "anh chup.jpg"),
        ("C:\\Users\\x\\ke-hoach", _docx(), uploads.DOCX, "ke-hoach.docx"),
        ("so-lieu.pdf", hostile_files.xlsx(), uploads.XLSX, "so-lieu.xlsx"),
    ],
)
def test_stored_name_takes_the_extension_of_the_type_in_the_bytes(name, data, content_type, stored):
    upload = SimpleUploadedFile(name, data)
    assert (uploads.sniff_deliverable(upload), upload.name) == (content_type, stored)


MACROS = "Tệp chứa macro"


@pytest.mark.parametrize(
    "data",
    [
        _docx(main="application/vnd.ms-word.document.macroEnabled.main+xml"),
        _docx(extra={"word/vbaProject.bin": b"\0" * 32}),
        hostile_files.xlsx(main=hostile_files.XLSM_MAIN),
        hostile_files.xlsx(extra={"xl/vbaProject.bin": b"\0" * 32}),
    ],
    ids=["docm", "docx-with-vba-project", "xlsm", "xlsx-with-vba-project"],
)
def test_macro_enabled_office_files_are_refused(data):
    with pytest.raises(ValidationError) as caught:
        uploads.sniff_deliverable(SimpleUploadedFile("tai-lieu.docx", data))
    assert caught.value.messages[0].startswith(MACROS)


def _flate_stream(content: bytes, *, kind: bytes = b"") -> bytes:
    packed = zlib.compress(content)
    head = b"3 0 obj<<%s/Length %d/Filter/FlateDecode>>stream\n" % (kind, len(packed))
    return head + packed + b"\nendstream\nendobj\n"


ACTIVE = "Tệp PDF chứa JavaScript"


@pytest.mark.parametrize(
    "data",
    [
        PLAIN_PDF.replace(b"/Type/Catalog", b"/Type/Catalog/OpenAction<</S/JavaScript/JS(app.alert(1))>>"),
        PLAIN_PDF.replace(b"/Type/Catalog", b"/Type/Catalog/OpenAction<</S/Launch/F(calc.exe)>>"),
        PLAIN_PDF.replace(b"/Type/Catalog", b"/Type/Catalog/Names<</EmbeddedFiles 5 0 R>>"),
        PLAIN_PDF + b"5 0 obj<</Type/EmbeddedFile/Length 3>>stream\nabc\nendstream endobj\n",
        PLAIN_PDF.replace(b"/Type/Catalog", b"/Type/Catalog/AA<</O<</S/J#61vaScript/J#53(x)>>>>"),
        PLAIN_PDF + _flate_stream(b"7 0 <</S/JavaScript/JS(this.print())>>", kind=b"/Type/ObjStm/N 1/First 4"),
        PLAIN_PDF + _flate_stream(b"7 0 <</S/Launch/F(calc.exe)>>", kind=b"/Type/Obj#53tm/N 1/First 4"),
        PLAIN_PDF + b"3 0 obj<</Type/ObjStm/Filter/ASCIIHexDecode/Length 4>>stream\n4a53\nendstream\nendobj\n",
    ],
    ids=[
        "javascript",
        "launch",
        "embedded-files",
        "embedded-file",
        "hex-escaped-name",
        "inside-object-stream",
        "inside-hex-escaped-object-stream",
        "object-stream-that-cannot-be-read",
    ],
)
def test_pdfs_with_javascript_launch_or_embedded_files_are_refused(data):
    with pytest.raises(ValidationError) as caught:
        uploads.sniff_deliverable(SimpleUploadedFile("bao-cao.pdf", data))
    assert caught.value.messages[0].startswith(ACTIVE)


def test_a_scan_whose_pixels_happen_to_spell_an_active_name_is_accepted():
    # A scanned page is random-looking bytes, raw and unpacked; "/JS " turns up in about one 900 KB
    # scan in four. Drawing data cannot run anything, so only the dictionaries are read.
    pixels = b"\x93\x07/JS (x) /JavaScript\x00/Launch\n" * 64
    head = b"4 0 obj<</Type/XObject/Subtype/Image/Length %d>>stream\n" % len(pixels)
    raw_image = head + pixels + b"\nendstream\nendobj\n"
    data = PLAIN_PDF + raw_image + _flate_stream(pixels, kind=b"/Type/XObject/Subtype/Image")
    assert uploads.sniff_deliverable(SimpleUploadedFile("bien-ban.pdf", data)) == uploads.PDF


def test_a_pdf_with_ordinary_compressed_content_is_accepted():
    data = PLAIN_PDF + _flate_stream(b"BT /F1 12 Tf 72 712 Td (Bao cao JSON) Tj ET")
    assert uploads.sniff_deliverable(SimpleUploadedFile("bao-cao.pdf", data)) == uploads.PDF
