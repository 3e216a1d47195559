"""System checks of certificate printing."""

import shutil

from django.core.checks import Warning, register


@register("certificates")
def check_pdfunite(app_configs=None, **kwargs):
    """Warn when poppler's pdfunite is missing: a decision of more than one chunk could not be joined."""
    if shutil.which("pdfunite") is not None:
        return []
    return [
        Warning(
            "pdfunite (Debian package poppler-utils) is not installed: printing a whole decision of more than "
            "50 certificates would fail.",
            hint="apt-get install poppler-utils (the Makefile's system-deps target does it)",
            id="certificates.W001",
        )
    ]
