"""A deadline's status per unit as an Excel workbook, through the one writer (``common.excel``).

The rows are the deadline status page's: every unit owing the deadline with its status, its
(possibly extended) due date, its latest version and the figures it reported under their labels.
Dates are dates, versions and figures numbers; a unit named "=HYPERLINK(…)" stays text.
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from campaigns import selectors
from campaigns.models import Deadline
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


DEADLINE_STATUS_EXPORT = "campaigns.deadline_status"


def _deadline_for(user, params: dict):
    """The export's deadline read again through the user's scope and permission (the worker runs later)."""
    try:
        deadline = selectors.deadline_get(user, params.get("deadline"))
    except Deadline.DoesNotExist:
        deadline = None
    if deadline is None or not user.has_perm("campaigns.view_status", deadline.milestone.campaign):
        raise ValidationError(_("This deadline is no longer open to you: the export was not made."))
    return deadline


def deadline_status_count(user, params: dict) -> int:
    return selectors.milestone_owing_units(_deadline_for(user, params).milestone).count()


def deadline_status_export(user, params: dict) -> tuple[str, list[excel.Sheet]]:
    """The exporter of a deadline's status page (``exports.registry``), inline or in the worker."""
    deadline = _deadline_for(user, params)
    statuses = selectors.deadline_statuses(deadline, selectors.milestone_owing_units(deadline.milestone))
    stamp = timezone.localdate().strftime("%Y%m%d")
    return f"trang-thai-han-{deadline.pk}-{stamp}.xlsx", [deadline_status_sheet(deadline, statuses)]


def deadline_status_sheet(deadline, statuses) -> excel.Sheet:
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

    return excel.Sheet(
        title=_("Deadline status"),
        headers=headers,
        rows=rows(),
        widths=(14, 40, 18, 12, 10, 17, 14, 12, 40, *(18 for _f in figures)),
    )
