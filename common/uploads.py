"""What a deliverable upload really is, judged by its bytes, never by its name or browser type."""

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PNG = "image/png"
JPEG = "image/jpeg"

# Office Open XML packages: a zip with a content-types part and the document's main part.
_OOXML_MAIN_PARTS = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX}


def sniff_deliverable(upload) -> str:
    """The content type of an accepted upload; ``ValidationError`` (Vietnamese) for anything else."""
    limit = settings.PORTAL_UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s MB); the limit is %(limit)s MB.")
            % {"size": f"{upload.size / 1048576:.1f}", "limit": f"{limit / 1048576:g}"}
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload.file) as package:
                names = set(package.namelist())
        except (zipfile.BadZipFile, OSError):
            names = set()
        finally:
            upload.seek(0)
        if "[Content_Types].xml" in names:
            for part, content_type in _OOXML_MAIN_PARTS.items():
                if part in names:
                    return content_type
    raise ValidationError(
        _("This file is not a PDF, Word (.docx), Excel (.xlsx) or image (PNG, JPEG) file, whatever its name says.")
    )
