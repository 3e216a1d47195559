"""The appraisal queue as an Excel workbook, through the one writer (``common.excel``).

Dates are real dates (shown dd/mm/yyyy), counts numbers. Text that Excel would read as a
formula (a unit named "=HYPERLINK(…)") is stored as text with Excel's quote prefix by the
writer: shown, never run.
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from common import excel
from dossiers import selectors

QUEUE_EXPORT = "dossiers.queue"


def queue_count(user, params: dict) -> int:
    """The rows before the overdue filter (the clocks are computed per row): an upper bound, cheap."""
    return selectors.queue_count(
        user, state=params.get("state", ""), sender=params.get("sender", ""), award_round=params.get("award_round")
    )


def queue_export(user, params: dict) -> tuple[str, list[excel.Sheet]]:
    """The exporter of the appraisal queue (``exports.registry``), inline or in the worker."""
    rows = selectors.queue_all(
        user,
        state=params.get("state", ""),
        sender=params.get("sender", ""),
        award_round=params.get("award_round"),
        overdue_only=bool(params.get("overdue_only")),
    )
    return f"hang-doi-ho-so-{timezone.localdate():%Y%m%d}.xlsx", [queue_sheet(rows)]


def queue_sheet(rows) -> excel.Sheet:
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
    return excel.Sheet(
        title=_("Dossiers"),
        headers=headers,
        rows=(_row(dossier) for dossier in rows),
        widths=(16, 40, 40, 20, 12, 10, 12, 12),
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
