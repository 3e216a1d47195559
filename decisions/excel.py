"""The list attached to a decision as an Excel workbook, through the one writer (``common.excel``):
a name that looks like a formula is stored as text, shown and never run."""

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from common import excel
from decisions import selectors
from decisions.models import AwardDecision


def list_workbook(decision: AwardDecision) -> bytes:
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
    return excel.workbook_bytes(
        [excel.Sheet(title=_("Award list"), headers=headers, rows=rows, widths=(6, 36, 36, 32, 16))]
    )
