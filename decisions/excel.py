"""The list attached to a decision as an Excel workbook, through the one writer (``common.excel``):
a name that looks like a formula is stored as text, shown and never run."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from common import excel
from decisions import documents, selectors
from decisions.models import AwardDecision

LIST_EXPORT = "decisions.list"


def _decision_for(user, params: dict) -> AwardDecision:
    """The export's decision read again through the user's scope (the worker runs later)."""
    try:
        return selectors.decision_get(user, params.get("decision"))
    except AwardDecision.DoesNotExist:
        raise ValidationError(_("This decision is no longer open to you: the export was not made.")) from None


def list_count(user, params: dict) -> int:
    return _decision_for(user, params).lines.count()


def list_export(user, params: dict) -> tuple[str, list[excel.Sheet]]:
    """The exporter of a decision's attached list (``exports.registry``), inline or in the worker."""
    decision = _decision_for(user, params)
    return documents.filename(decision, "list", "xlsx"), [list_sheet(decision)]


def list_workbook(decision: AwardDecision) -> bytes:
    return excel.workbook_bytes([list_sheet(decision)])


def list_sheet(decision: AwardDecision) -> excel.Sheet:
    lines = list(decision.lines.all())
    totals = selectors.totals(lines)
    headers = [
        pgettext("list column", "No."),
        pgettext("list column", "Full name / collective"),
        pgettext("list column", "Unit"),
        pgettext("list column", "Title or award"),
        pgettext("list column", "Cash reward (đồng)"),
    ]
    rows = [
        [
            index,
            line.nominee.name,
            (line.nominee.collective or selectors.root_unit(line.nominee)).name,
            line.award.name,
            line.cash_amount or 0,
        ]
        for index, line in enumerate(lines, start=1)
    ]
    rows.append(["", pgettext("list column", "Total"), "", "", totals.cash])
    return excel.Sheet(title=_("Award list"), headers=headers, rows=rows, widths=(6, 36, 36, 32, 16))
