"""A deadline's status per unit as an Excel workbook, through the one writer (``common.excel``).

The rows are the deadline status page's: every unit owing the deadline with its status, its
(possibly extended) due date, its latest version and the figures it reported under their labels.
Dates are dates, versions and figures numbers; a unit named "=HYPERLINK(…)" stays text.
"""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from common import excel


def _figure_header(figure: dict) -> str:
    label = figure.get("label") or figure["key"]
    return f"{label} ({figure['unit']})" if figure.get("unit") else label


def _number(value):
    """A reported figure as a number; text that is no number stays as it was sent."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float | Decimal):
        return value
    try:
        return Decimal(str(value).replace(",", "."))
    except InvalidOperation:
        return str(value)


def deadline_status_workbook(deadline, statuses) -> bytes:
    figures = [f for f in (deadline.milestone.figures or []) if isinstance(f, dict) and f.get("key")]
    headers = [
        pgettext("status column", "Unit code"),
        pgettext("status column", "Unit"),
        pgettext("status column", "Status"),
        pgettext("status column", "Due on"),
        pgettext("status column", "Latest version"),
        pgettext("status column", "Submitted at"),
        pgettext("status column", "Exception"),
        pgettext("status column", "New due date"),
        pgettext("status column", "Reason"),
        *(_figure_header(f) for f in figures),
    ]

    def rows():
        for row in statuses:
            latest, exception = row.latest, row.exception
            reported = (latest.figures or {}) if latest else {}
            yield [
                row.unit.code,
                row.unit.name,
                str(row.status.label),
                row.due_on,
                latest.version if latest else None,
                latest.submitted_at if latest else None,
                str(exception.get_kind_display()) if exception else "",
                exception.new_due_on if exception else None,
                exception.reason if exception else "",
                *(_number(reported.get(f["key"])) for f in figures),
            ]

    return excel.workbook_bytes(
        [
            excel.Sheet(
                title=_("Deadline status"),
                headers=headers,
                rows=rows(),
                widths=(14, 40, 18, 12, 10, 17, 14, 12, 40, *(18 for _f in figures)),
            )
        ]
    )
