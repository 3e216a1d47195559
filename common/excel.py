"""The one reader and the one writer of Excel workbooks (.xlsx) in the portal.

Reading (``read_sheet``): an uploaded spreadsheet is checked from the outside in, and refused with
a Vietnamese ``ValidationError`` (the form shows it; never a 500) before openpyxl parses anything
it should not:

1. its size (``PORTAL_IMPORT_MAX_BYTES``);
2. its first bytes: a zip (an old .xls or a password-protected workbook is an OLE2 file instead);
3. the zip directory, read without unpacking: too many parts, an unpacked total above
   ``PORTAL_IMPORT_MAX_UNPACKED_BYTES`` or a part that unpacks more than ``MAX_RATIO`` times its
   packed size (a zip bomb), a workbook that is no .xlsx (no ``xl/workbook.xml``), macros
   (``vbaProject.bin`` or a macro-enabled content type);
4. the prolog of every XML part: a ``<!DOCTYPE`` or ``<!ENTITY`` (entity expansion, external
   entities) is refused; a part cut short is refused as damaged;
5. every worksheet's declared dimension (more rows than allowed: refused before reading a row),
   then the row elements of its XML, counted while it streams (a dimension may lie), and the rows
   as openpyxl yields them (the empty rows it fills in for a gap count too).

openpyxl then parses through defusedxml (installed and pinned), a second guard. Every step is
bounded, so a hostile file is refused in well under a second.

Writing (``workbook_bytes``): every export goes through one writer, streaming a write-only
workbook (rows may be a generator: a long list never sits in memory as cells): headers bold, the
header row frozen, dates and times as real Excel dates shown dd/mm/yyyy (times in the portal's
time zone), numbers (int, float, Decimal) as numbers, and text that Excel would take for a formula
(beginning with ``=``, ``+``, ``-``, ``@``, tab or carriage return) stored as text with Excel's
quote prefix, so that opening the file never runs anything a user typed into the portal.
"""

import datetime
import io
import posixpath
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_PARTS = 2_000
MAX_RATIO = 200  # a part may unpack to at most this many times its packed size (past 1 MB)
RATIO_FLOOR = 1_048_576
PROLOG_LIMIT = 65_536  # bytes of an XML part read before its root element must have started
MACRO_CONTENT_TYPES = (b"macroEnabled", b"vbaProject", b"ms-office.activeX", b"ms-excel.intlmacrosheet")
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]+)?(\d+)?(?::([A-Z]+)(\d+))?"')
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _mb(value: int) -> str:
    return f"{value / 1_048_576:.1f}"


def _refuse(message: str) -> ValidationError:
    return ValidationError(message, code="hostile_spreadsheet")


def _not_xlsx() -> ValidationError:
    return _refuse(_("This is not an Excel .xlsx file. Save the sheet as “Excel Workbook (.xlsx)”."))


def _damaged() -> ValidationError:
    return _refuse(
        _(
            "The file is damaged or incomplete (it may have been cut off while copying) and cannot be read. "
            "Open it in Excel and save it again as “Excel Workbook (.xlsx)”."
        )
    )


@dataclass
class SheetData:
    """The values of the first worksheet, row by row (``rows[0]`` is Excel's row 1)."""

    title: str
    rows: list[tuple] = field(default_factory=list)

    def iter_rows(self, min_row: int = 1, max_col: int | None = None, values_only: bool = True):
        """The rows from ``min_row`` on, like openpyxl's ``iter_rows(values_only=True)``."""
        for values in self.rows[min_row - 1 :]:
            yield values[:max_col] if max_col else values


def _read_bytes(upload, max_bytes: int) -> bytes:
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise _refuse(
            _("The file is too large (%(size)s MB); the limit is %(limit)s MB.")
            % {"size": f"{size / 1_048_576:.1f}", "limit": _mb(max_bytes)}
        )
    upload.seek(0)
    data = upload.read(max_bytes + 1)
    upload.seek(0)
    if len(data) > max_bytes:
        raise _refuse(
            _("The file is too large; the limit is %(limit)s MB.") % {"limit": _mb(max_bytes)},
        )
    return data


def _check_directory(package: zipfile.ZipFile, max_unpacked: int) -> None:
    infos = package.infolist()
    if len(infos) > MAX_PARTS:
        raise _refuse(
            _("The file holds %(count)s parts; a spreadsheet has far fewer. It was refused for safety.")
            % {"count": len(infos)}
        )
    total = 0
    for info in infos:
        total += info.file_size
        ratio_exceeded = info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1)
        if total > max_unpacked or ratio_exceeded:
            raise _refuse(
                _(
                    "The file unpacks to far more than a spreadsheet of its size (over %(limit)s MB, or more than "
                    "%(ratio)s times its size): it was refused for safety. Split the data into smaller files."
                )
                % {"limit": _mb(max_unpacked), "ratio": MAX_RATIO}
            )
        if info.flag_bits & 0x1:
            raise _refuse(_("The file is encrypted. Save it without a password as “Excel Workbook (.xlsx)”."))
    names = {info.filename for info in infos}
    lower = {name.lower() for name in names}
    if "[Content_Types].xml" not in names:
        raise _not_xlsx()
    if any(name.endswith(("vbaproject.bin", "vbaprojectsignature.bin")) for name in lower):
        raise _macros()
    content_types = package.read("[Content_Types].xml")
    if any(marker.lower() in content_types.lower() for marker in MACRO_CONTENT_TYPES):
        raise _macros()
    if "xl/workbook.xml" not in names:
        if "xl/workbook.bin" in names:
            raise _refuse(
                _("This is an Excel binary workbook (.xlsb). Save it as “Excel Workbook (.xlsx)” and upload it again.")
            )
        raise _not_xlsx()


def _macros() -> ValidationError:
    return _refuse(
        _(
            "The file contains macros (a macro-enabled workbook, .xlsm). Macros are not accepted: "
            "save it as “Excel Workbook (.xlsx)” and upload it again."
        )
    )


def _prolog(package: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """The start of an XML part up to its root element (at most PROLOG_LIMIT bytes), as 8-bit text."""
    with package.open(info) as stream:
        head = stream.read(PROLOG_LIMIT)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[:4] in (b"<\x00?\x00", b"\x00<\x00?"):
        encoding = "utf-16-be" if head.startswith(b"\xfe\xff") or head[:1] == b"\x00" else "utf-16-le"
        head = head.decode(encoding, "replace").encode("utf-8", "replace")
    return head


_XML_NAMES = (".xml", ".rels", ".vml")


def _looks_like_xml(head: bytes) -> bool:
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")


def _check_xml_parts(package: zipfile.ZipFile) -> None:
    """Every part that is XML by its name or by its first bytes (a worksheet may hide under any name)."""
    for info in package.infolist():
        if info.is_dir() or info.file_size == 0:
            continue
        head = _prolog(package, info)
        if not (info.filename.lower().endswith(_XML_NAMES) or _looks_like_xml(head)):
            continue  # an image or another binary part
        upper = head.upper()
        root = re.search(rb"<[A-Za-z_]", head)
        prolog = upper[: root.start()] if root else upper
        if b"<!DOCTYPE" in prolog or b"<!ENTITY" in upper:
            raise _refuse(
                _(
                    "The file contains XML declarations (a DTD or entities) that spreadsheets never use; "
                    "it was refused for safety. Save it again from Excel as “Excel Workbook (.xlsx)”."
                )
            )
        if root is None:
            raise _damaged()


def _declared_rows(package: zipfile.ZipFile, sheet_part: str) -> int | None:
    try:
        info = package.getinfo(sheet_part)
    except KeyError:
        return None
    match = _DIMENSION.search(_prolog(package, info)[:PROLOG_LIMIT])
    if not match:
        return None
    last_row = match.group(4) or match.group(2)
    return int(last_row) if last_row else None


_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")


def _counted_rows(package: zipfile.ZipFile, sheet_part: str, stop_after: int) -> int:
    """Row elements in the sheet's XML, counted while it streams (bounded by the unpacked-size check);
    stops counting past ``stop_after``. Far cheaper than parsing the rows."""
    try:
        info = package.getinfo(sheet_part)
    except KeyError:
        return 0
    count, tail = 0, b""
    with package.open(info) as stream:
        while chunk := stream.read(1 << 20):
            data = tail + chunk
            count += len(_ROW_TAG.findall(data))
            # Keep the last bytes for a tag cut by the chunk border (and do not count it twice).
            cut = max(data.rfind(b"<"), len(data) - 16)
            tail = data[cut:] if not _ROW_TAG.match(data, cut) else b""
            if count > stop_after:
                break
    return count


_WORKSHEET_REL = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>", re.S)
_ATTRIBUTE = re.compile(rb'\b(Type|Target)="([^"]*)"')
_WORKSHEET_OVERRIDE = re.compile(rb'PartName="/?([^"]+)"\s+ContentType="[^"]*worksheet\+xml"')


def _worksheet_parts(package: zipfile.ZipFile) -> set[str]:
    """Every part openpyxl could read as a worksheet: by name, by content type, by relationship."""
    names = set(package.namelist())
    parts = {name for name in names if re.search(r"worksheets/[^/]+\.xml$", name)}
    parts |= {m.group(1).decode() for m in _WORKSHEET_OVERRIDE.finditer(package.read("[Content_Types].xml"))}
    for rels in (name for name in names if name.endswith(".rels")):
        folder = posixpath.dirname(posixpath.dirname(rels))  # xl/_rels/workbook.xml.rels -> xl
        for tag in _WORKSHEET_REL.findall(package.read(rels)):
            attributes = dict(_ATTRIBUTE.findall(tag))
            if attributes.get(b"Type", b"").endswith(b"/worksheet") and attributes.get(b"Target"):
                target = attributes[b"Target"].decode()
                parts.add(target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"{folder}/{target}"))
    return parts & names


def _check_rows(package: zipfile.ZipFile, max_rows: int) -> None:
    """Every worksheet (openpyxl sizes them all when it opens the workbook) within ``max_rows``."""
    for part in sorted(_worksheet_parts(package)):
        declared = _declared_rows(package, part)
        if declared is not None and declared > max_rows + 1:
            raise _too_many_rows(max_rows)
        if _counted_rows(package, part, stop_after=max_rows + 1) > max_rows + 1:
            raise _too_many_rows(max_rows)


def _too_many_rows(max_rows: int) -> ValidationError:
    limit = f"{max_rows:,}".replace(",", ".")
    return _refuse(_("The sheet has more than %(max)s rows; split it into several files.") % {"max": limit})


def read_sheet(upload, *, max_rows: int, max_columns: int = 100, max_bytes: int | None = None) -> SheetData:
    """The first worksheet's values, after every check above; ``max_rows`` counts Excel rows after row 1."""
    import openpyxl  # heavy: only imports need it

    max_bytes = max_bytes or settings.PORTAL_IMPORT_MAX_BYTES
    data = _read_bytes(upload, max_bytes)
    if data.startswith(_OLE2_MAGIC):
        raise _refuse(
            _(
                "This is an old Excel file (.xls) or a password-protected workbook. "
                "Save it without a password as “Excel Workbook (.xlsx)”."
            )
        )
    if not data.startswith(b"PK\x03\x04"):
        raise _not_xlsx()
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise _damaged() from exc
    with package:
        try:
            _check_directory(package, settings.PORTAL_IMPORT_MAX_UNPACKED_BYTES)
            _check_xml_parts(package)
            _check_rows(package, max_rows)
        except ValidationError:
            raise
        except Exception as exc:  # a part that will not unpack: bad CRC, cut short, unknown method
            raise _damaged() from exc
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign package
            raise _damaged() from exc
        try:
            if not workbook.worksheets:
                raise _refuse(_("The workbook has no worksheet."))
            sheet = workbook.worksheets[0]
            rows: list[tuple] = []
            try:
                for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                    if number > max_rows + 1:
                        raise _too_many_rows(max_rows)
                    rows.append(tuple(values[:max_columns]))
            except ValidationError:
                raise
            except Exception as exc:
                raise _damaged() from exc
            return SheetData(title=sheet.title, rows=rows)
        finally:
            workbook.close()


# --- Writing ------------------------------------------------------------------------------


@dataclass
class Sheet:
    """One worksheet to write: a bold, frozen header row, then the rows (any iterable, streamed)."""

    title: str
    headers: Sequence[str]
    rows: Iterable[Sequence] = ()
    widths: Sequence[int] = ()
    header_style: bool = True


def looks_like_formula(value) -> bool:
    return isinstance(value, str) and value.startswith(_FORMULA_START)


DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"


def _cell(sheet, value, *, bold: bool = False):
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    number_format = None
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            # The clock the screens show (TIME_ZONE), not UTC: Excel has no time zones.
            value = timezone.localtime(value).replace(tzinfo=None)
        number_format = DATETIME_FORMAT
    elif isinstance(value, datetime.date):
        number_format = DATE_FORMAT
    elif isinstance(value, Promise):
        value = str(value)  # a lazy translation (a choice label) is text
    cell = WriteOnlyCell(sheet, value=value)
    if number_format:
        cell.number_format = number_format  # a real date cell, shown as on the screens (05/02/2024)
    if looks_like_formula(value):
        # Text, not a formula: a string cell with Excel's quote prefix ('=…) — shown, never run.
        cell.data_type = "s"
        cell.quotePrefix = True
    if bold:
        cell.font = Font(bold=True)
    return cell


_PLAIN_TYPES = (int, float, Decimal, type(None))


def _plain(sheet, value):
    """A body cell: plain text and numbers go in as they are (the cheap path of a long list); dates,
    times, labels and formula-looking text through ``_cell``."""
    if type(value) is str:
        return _cell(sheet, value) if value.startswith(_FORMULA_START) else value
    if isinstance(value, _PLAIN_TYPES) and not isinstance(value, bool):
        return value
    return _cell(sheet, value)


def workbook_bytes(sheets: Iterable[Sheet]) -> bytes:
    """An .xlsx of ``sheets``, streamed (write-only): 30,000 rows stay small in memory."""
    buffer = io.BytesIO()
    workbook_write(sheets, buffer)
    return buffer.getvalue()


def workbook_write(sheets: Iterable[Sheet], target) -> None:
    """``workbook_bytes`` into a binary file (a background export's temporary file): the package is
    never held in memory as a whole."""
    import openpyxl
    from openpyxl.utils import get_column_letter

    workbook = openpyxl.Workbook(write_only=True)
    for spec in sheets:
        sheet = workbook.create_sheet(spec.title[:31])
        for index, width in enumerate(spec.widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        if spec.header_style:
            sheet.freeze_panes = "A2"
        sheet.append([_cell(sheet, header, bold=spec.header_style) for header in spec.headers])
        for values in spec.rows:
            sheet.append([_plain(sheet, value) for value in values])
    workbook.save(target)
