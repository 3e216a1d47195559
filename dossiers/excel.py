"""The appraisal queue as an Excel workbook (openpyxl).

Text that Excel would read as a formula (starting with = + - @, a tab or a carriage
return) is written with a leading apostrophe, so a unit name cannot run in the
officer's spreadsheet.
"""

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from common.dates import short_date

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEADER = ["Số", "Đơn vị đề nghị", "Đợt", "Trạng thái", "Ngày gửi", "Số đề cử", "Thời hạn", "Còn (ngày làm việc)"]


def safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def queue_workbook(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Hồ sơ"
    sheet.append(HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for dossier in rows:
        clock = getattr(dossier, "clock", None)
        sheet.append(
            [
                safe(dossier.number_symbol),
                safe(dossier.unit.name),
                safe(dossier.round.title),
                safe(str(dossier.get_state_display())),
                short_date(dossier.sent_at.date()) if dossier.sent_at else "",
                dossier.nominee_count,
                short_date(clock.due) if clock else "",
                clock.left if clock else "",
            ]
        )
    for column, width in zip("ABCDEFGH", (16, 40, 40, 20, 12, 10, 12, 12), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
