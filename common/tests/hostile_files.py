"""Hostile spreadsheets, made on the spot (nothing downloaded, nothing stored in the repository).

``SAMPLES`` is a list of ``Hostile(name, data, message)``: the bytes of a file that an import must
refuse, and the start of the Vietnamese message it must be refused with. ``xlsx()`` builds a small,
valid workbook by hand (so that any part can be replaced by a hostile one); the tests also check
that it is accepted, so each sample differs from a good file only by what makes it hostile.
"""

import io
import zipfile
from dataclasses import dataclass

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="{main}"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
XLSM_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Cá nhân" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)
SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)


def _row(number: int, *values: str) -> str:
    cells = "".join(
        f'<c r="{chr(65 + i)}{number}" t="inlineStr"><is><t>{value}</t></is></c>' for i, value in enumerate(values)
    )
    return f'<row r="{number}">{cells}</row>'


def sheet_xml(rows: list[tuple[str, ...]], *, dimension: str | None = None, prolog: str = "") -> str:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    body = "".join(_row(n, *values) for n, values in enumerate(rows, start=1))
    head = SHEET_HEAD.replace("<worksheet", prolog + "<worksheet", 1) if prolog else SHEET_HEAD
    return f"{head}{dim}<sheetData>{body}</sheetData></worksheet>"


GOOD_ROWS = [("Họ và tên", "Giới tính"), ("Nguyễn Thị Lan", "Nữ")]


def xlsx(
    *,
    sheet: str | bytes | None = None,
    main: str = XLSX_MAIN,
    extra: dict[str, bytes | str] | None = None,
    replace: dict[str, bytes | str] | None = None,
    compression: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    """A minimal workbook whose parts can be replaced (``replace``) or added to (``extra``)."""
    parts: dict[str, bytes | str] = {
        "[Content_Types].xml": CONTENT_TYPES.format(main=main),
        "_rels/.rels": ROOT_RELS,
        "xl/workbook.xml": WORKBOOK,
        "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
        "xl/worksheets/sheet1.xml": sheet if sheet is not None else sheet_xml(GOOD_ROWS, dimension="A1:B2"),
    }
    parts.update(replace or {})
    parts.update(extra or {})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as package:
        for name, content in parts.items():
            if content is None:
                continue
            package.writestr(name, content.encode() if isinstance(content, str) else content)
    return buffer.getvalue()


def _flip_inside(data: bytes, marker: bytes) -> bytes:
    """Corrupt the packed bytes just after a part's local header (its CRC no longer matches)."""
    at = data.index(marker) + len(marker) + 8
    return data[:at] + bytes(b ^ 0x5A for b in data[at : at + 16]) + data[at + 16 :]


def _encrypted_flag(data: bytes) -> bytes:
    """Set the 'encrypted' bit of every entry in the central directory (and local headers)."""
    out = bytearray(data)
    for signature, offset in ((b"PK\x01\x02", 8), (b"PK\x03\x04", 6)):
        start = 0
        while (at := out.find(signature, start)) != -1:
            out[at + offset] |= 0x01
            start = at + 4
    return bytes(out)


def _many_rows(count: int) -> str:
    body = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(1, count + 1))
    return f"{SHEET_HEAD}<sheetData>{body}</sheetData></worksheet>"


BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    + "]>"
)


@dataclass(frozen=True)
class Hostile:
    name: str
    data: bytes
    message: str  # the start of the Vietnamese message


NOT_XLSX = "Đây không phải tệp Excel .xlsx."
DAMAGED = "Tệp bị hỏng hoặc không trọn vẹn"
DTD = "Tệp chứa khai báo XML (DTD hoặc thực thể)"
BOMB = "Tệp giải nén ra lớn hơn nhiều"
MACROS = "Tệp chứa macro"
TOO_MANY_ROWS = "Bảng tính có hơn"


def samples(*, max_rows: int) -> list[Hostile]:
    """The hostile files for an import that accepts ``max_rows`` rows below the header."""
    good = xlsx()
    sheet_entity = sheet_xml(GOOD_ROWS, prolog=BILLION_LAUGHS.split("\n", 1)[1]).replace("Nguyễn Thị Lan", "&lol9;")
    return [
        Hostile("billion-laughs-in-sheet", xlsx(sheet=sheet_entity), DTD),
        Hostile(
            "external-entity-in-shared-strings",
            xlsx(
                extra={
                    "xl/sharedStrings.xml": '<?xml version="1.0"?>\n<!DOCTYPE sst [<!ENTITY xxe SYSTEM '
                    '"file:///etc/passwd">]><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                    "<si><t>&xxe;</t></si></sst>"
                }
            ),
            DTD,
        ),
        Hostile(
            "external-dtd-in-workbook",
            xlsx(
                replace={
                    "xl/workbook.xml": WORKBOOK.replace(
                        "<workbook", '<!DOCTYPE workbook SYSTEM "http://127.0.0.1:9/evil.dtd"><workbook', 1
                    )
                }
            ),
            DTD,
        ),
        Hostile(
            "entities-in-a-sheet-under-a-binary-name",
            xlsx(
                replace={
                    "xl/_rels/workbook.xml.rels": WORKBOOK_RELS.replace("worksheets/sheet1.xml", "media/image1.bin"),
                    "xl/worksheets/sheet1.xml": None,
                },
                extra={"xl/media/image1.bin": sheet_entity},
            ),
            DTD,
        ),
        Hostile(
            "doctype-in-content-types",
            xlsx(
                replace={
                    "[Content_Types].xml": CONTENT_TYPES.format(main=XLSX_MAIN).replace(
                        "<Types", '<!DOCTYPE Types [<!ENTITY a "b">]><Types', 1
                    )
                }
            ),
            DTD,
        ),
        Hostile(
            "doctype-in-relationships",
            xlsx(replace={"_rels/.rels": ROOT_RELS.replace("<Relationships", "<!DOCTYPE r []><Relationships", 1)}),
            DTD,
        ),
        Hostile(
            "utf16-doctype-in-workbook",
            xlsx(
                replace={
                    "xl/workbook.xml": (
                        '<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE w [<!ENTITY x "y">]>'
                        + WORKBOOK.split("\n", 1)[1]
                    ).encode("utf-16")
                }
            ),
            DTD,
        ),
        Hostile(
            "entity-behind-comments",
            xlsx(sheet=sheet_xml(GOOD_ROWS, prolog="<!-- " + "x" * 20_000 + ' --><!DOCTYPE w [<!ENTITY e "e">]>')),
            DTD,
        ),
        Hostile("truncated-zip", good[: len(good) // 2], DAMAGED),
        Hostile("zip-cut-before-its-directory", good[:-30], DAMAGED),
        Hostile("corrupted-part", _flip_inside(good, b"xl/worksheets/sheet1.xml"), DAMAGED),
        Hostile("malformed-sheet-xml", xlsx(sheet=SHEET_HEAD + "<sheetData><row r='1'><c r='A1'><v>1</c>"), DAMAGED),
        Hostile("prolog-without-root", xlsx(sheet='<?xml version="1.0"?>\n' + " " * 70_000 + "<worksheet/>"), DAMAGED),
        Hostile(
            "zip-bomb-sheet",
            xlsx(sheet=SHEET_HEAD + "<sheetData>" + " " * (50 * 1_048_576) + "</sheetData></worksheet>"),
            BOMB,
        ),
        Hostile("zip-bomb-ratio", xlsx(extra={"xl/media/filler.bin": b"\0" * (30 * 1_048_576)}), BOMB),
        Hostile("zip-bomb-total", xlsx(extra={f"xl/media/f{i}.bin": b"\0" * 900_000 for i in range(100)}), BOMB),
        Hostile(
            "thousands-of-parts",
            xlsx(extra={f"xl/media/p{i}.xml": "<a/>" for i in range(2_100)}, compression=zipfile.ZIP_STORED),
            "Tệp gồm",
        ),
        Hostile(
            "rows-declared-in-dimension",
            xlsx(sheet=sheet_xml(GOOD_ROWS, dimension=f"A1:B{max_rows + 500}")),
            TOO_MANY_ROWS,
        ),
        Hostile("rows-beyond-a-lying-dimension", xlsx(sheet=_many_rows(max_rows + 2)), TOO_MANY_ROWS),
        Hostile(
            "rows-in-a-second-sheet-at-an-odd-path",
            xlsx(
                replace={
                    "xl/workbook.xml": WORKBOOK.replace(
                        "</sheets>", '<sheet name="Phụ" sheetId="2" r:id="rId2"/></sheets>'
                    ),
                    "xl/_rels/workbook.xml.rels": WORKBOOK_RELS.replace(
                        "</Relationships>",
                        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                        'relationships/worksheet" Target="data/phu.xml"/></Relationships>',
                    ),
                },
                extra={"xl/data/phu.xml": _many_rows(max_rows + 2)},
            ),
            TOO_MANY_ROWS,
        ),
        Hostile(
            "one-cell-on-the-last-row",
            xlsx(
                sheet=SHEET_HEAD + '<sheetData><row r="1048576"><c r="A1048576"><v>1</v></c></row></sheetData>'
                "</worksheet>"
            ),
            TOO_MANY_ROWS,
        ),
        Hostile(
            "macro-enabled-xlsm",
            xlsx(main=XLSM_MAIN, extra={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0" + b"\0" * 512}),
            MACROS,
        ),
        Hostile("macro-project-hidden-in-xlsx", xlsx(extra={"xl/vbaProject.bin": b"\0" * 64}), MACROS),
        Hostile("macro-content-type-only", xlsx(main=XLSM_MAIN), MACROS),
        Hostile("old-xls-or-encrypted", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024, "Đây là tệp Excel cũ"),
        Hostile("encrypted-zip-entries", _encrypted_flag(good), "Tệp đã được mã hóa"),
        Hostile(
            "binary-workbook-xlsb",
            xlsx(replace={"xl/workbook.xml": None}, extra={"xl/workbook.bin": b"\0"}),
            "Đây là sổ làm việc nhị phân",
        ),
        Hostile(
            "word-document-renamed",
            xlsx(replace={"xl/workbook.xml": None}, extra={"word/document.xml": "<w/>"}),
            NOT_XLSX,
        ),
        Hostile("csv-renamed", "Họ và tên;Giới tính\nNguyễn Thị Lan;Nữ\n".encode(), NOT_XLSX),
        Hostile("pdf-renamed", b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF\n", NOT_XLSX),
        Hostile("empty-file", b"", NOT_XLSX),
        Hostile("zip-without-content-types", xlsx(replace={"[Content_Types].xml": None}), NOT_XLSX),
        Hostile(
            "workbook-without-sheets",
            xlsx(replace={"xl/workbook.xml": WORKBOOK.replace('<sheet name="Cá nhân" sheetId="1" r:id="rId1"/>', "")}),
            "Sổ làm việc không có trang tính nào",
        ),
    ]
