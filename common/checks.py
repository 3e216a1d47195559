"""System checks of the document renderer."""

from django.core.checks import Warning, register

from common.pdf import FONT_PACKAGE, FontsMissing, official_font_files


@register("common")
def check_document_fonts(app_configs=None, **kwargs):
    """Warn when the document font is missing: PDFs would fail to render."""
    try:
        official_font_files()
    except FontsMissing as exc:
        return [
            Warning(
                str(exc),
                hint=f"apt-get install {FONT_PACKAGE} (the Makefile's system-deps target does it)",
                id="common.W001",
            )
        ]
    return []
