"""The appraisal queue as an Excel workbook, through the one writer (``common.excel``).

Dates are real dates (shown dd/mm/yyyy), counts numbers. Text that Excel would read as a
formula (a unit named "=HYPERLINK(…)") is stored as text with Excel's quote prefix by the
writer: shown, never run.
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from common import excel


def queue_workbook(rows) -> bytes:
    headers = [
        pgettext("queue column", "Number"),
        pgettext("queue column", "Proposing unit"),
        pgettext("queue column", "Round"),
        pgettext("queue column", "State"),
        pgettext("queue column", "Sent on"),
        pgettext("queue column", "Nominees"),
        pgettext("queue column", "Time limit"),
        pgettext("queue column", "Working days left"),
    ]
    return excel.workbook_bytes(
        [
            excel.Sheet(
                title=_("Dossiers"),
                headers=headers,
                rows=(_row(dossier) for dossier in rows),
                widths=(16, 40, 40, 20, 12, 10, 12, 12),
            )
        ]
    )


def _row(dossier) -> list:
    clock = getattr(dossier, "clock", None)
    return [
        dossier.number_symbol,
        dossier.unit.name,
        dossier.round.title,
        str(dossier.get_state_display()),
        timezone.localdate(dossier.sent_at) if dossier.sent_at else None,
        dossier.nominee_count,
        clock.due if clock else None,
        clock.left if clock else None,
    ]
