"""Word (.docx) twins of the official documents, in the layout of Nghị định 30/2020/NĐ-CP.

Central submissions go as Word + PDF (QĐ 311/QĐ-BNV/2025), so every document printed
through ``common.pdf`` can also be written here from the **same** ``doc`` dict the PDF
templates receive (see ``documents/base_official.html``):

``governing_body``, ``issuer_name``, ``number_line``, ``national_title``,
``national_motto``, ``date_line``, ``type_name``, ``summary``, ``bases`` (lines),
``preamble`` (blocks), ``sections`` (``{"number", "heading", "blocks"}``),
``signature`` (``authority``, ``title``, ``name``), ``recipients`` (lines) and
optional ``addressees`` (Kính gửi lines) and ``signatures`` (two columns, e.g. the
báo cáo thành tích: unit head at left, the reporting person at right).

A block is ``{"kind": "para" | "item" | "subheading" | "label" | "labelled" | "article" | "centre" | "table", …}``;
a table block has ``header`` (list of cells) and ``rows`` (list of lists).

Page A4 portrait, margins 20 mm top/bottom, 30 mm left, 20 mm right; Times New Roman
(Liberation Serif is its metric twin on servers), 14 pt body, 13 pt header lines.
"""

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

FONT_NAME = "Times New Roman"
BODY_SIZE = Pt(14)
HEADER_SIZE = Pt(13)
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 20}


def _set_font(run, *, size=None, bold=None, italic=None, underline=None):
    run.font.name = FONT_NAME
    r_pr = run._element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT_NAME)
    if size is not None:
        run.font.size = size
    if bold is not None:
        run.bold = bold
    if italic is not None:
        run.italic = italic
    if underline is not None:
        run.underline = underline
    return run


def _paragraph(
    container,
    text="",
    *,
    align=None,
    size=BODY_SIZE,
    bold=False,
    italic=False,
    underline=False,
    indent=False,
    space_after=6,
):
    paragraph = container.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(space_after)
    fmt.line_spacing = 1.15
    if indent:
        fmt.first_line_indent = Cm(1.27)
    if text:
        _set_font(paragraph.add_run(text), size=size, bold=bold, italic=italic, underline=underline)
    return paragraph


def _cell_paragraph(cell, text, **kwargs):
    """Text in a table cell: the cell's first (empty) paragraph is used before adding more."""
    first = cell.paragraphs[0]
    if not first.runs and not first.text:
        paragraph = first
        paragraph.alignment = kwargs.pop("align", WD_ALIGN_PARAGRAPH.CENTER)
        fmt = paragraph.paragraph_format
        fmt.space_after = Pt(kwargs.pop("space_after", 0))
        fmt.space_before = Pt(0)
        if text:
            _set_font(
                paragraph.add_run(text),
                size=kwargs.get("size", HEADER_SIZE),
                bold=kwargs.get("bold", False),
                italic=kwargs.get("italic", False),
                underline=kwargs.get("underline", False),
            )
        return paragraph
    kwargs.setdefault("align", WD_ALIGN_PARAGRAPH.CENTER)
    kwargs.setdefault("size", HEADER_SIZE)
    kwargs.setdefault("space_after", 0)
    return _paragraph(cell, text, **kwargs)


def _no_borders(table):
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)


def _grid(table):
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "single")
        element.set(qn("w:sz"), "4")
        element.set(qn("w:color"), "000000")
        borders.append(element)
    tbl_pr.append(borders)


def _page_setup(document):
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Mm(210)
    section.page_height = Mm(297)
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    style = document.styles["Normal"]
    style.font.name = FONT_NAME
    style.font.size = BODY_SIZE
    r_pr = style.element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT_NAME)


def _header(document, doc: dict):
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _no_borders(table)
    left, right = table.rows[0].cells
    left.width, right.width = Mm(65), Mm(95)
    if doc.get("governing_body"):
        _cell_paragraph(left, doc["governing_body"])
    _cell_paragraph(left, doc.get("issuer_name", ""), bold=True)
    _cell_paragraph(left, "————", space_after=6)
    _cell_paragraph(left, doc.get("number_line", ""))
    _cell_paragraph(right, doc.get("national_title", ""), bold=True)
    _cell_paragraph(right, doc.get("national_motto", ""), bold=True, underline=True, size=Pt(14), space_after=6)
    _cell_paragraph(right, doc.get("date_line", ""), italic=True, size=Pt(14))


def _table(document, block: dict):
    header = block.get("header") or []
    rows = block.get("rows") or []
    cols = len(header) or (len(rows[0]) if rows else 1)
    table = document.add_table(rows=0, cols=cols)
    _grid(table)
    if header:
        cells = table.add_row().cells
        for cell, text in zip(cells, header, strict=False):
            _cell_paragraph(cell, str(text), bold=True, size=Pt(12))
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=False):
            _cell_paragraph(cell, str(text), size=Pt(12), align=WD_ALIGN_PARAGRAPH.LEFT)
    _paragraph(document, "", space_after=6)


def _block(document, block: dict):
    kind = block.get("kind", "para")
    text = block.get("text", "")
    if kind == "table":
        _table(document, block)
    elif kind == "subheading":
        number = block.get("number", "")
        _paragraph(document, f"{number} {text}".strip(), bold=True, indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    elif kind == "basis":
        _paragraph(document, text, italic=True, indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    elif kind == "label":
        _paragraph(document, text, bold=True, italic=True, indent=True)
    elif kind == "labelled":
        paragraph = _paragraph(document, indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        _set_font(paragraph.add_run(block.get("label", "") + " "), size=BODY_SIZE, italic=True)
        _set_font(paragraph.add_run(text), size=BODY_SIZE)
    elif kind == "article":  # "Điều 1." bold, the article's text regular (NĐ 30/2020 Phụ lục I)
        paragraph = _paragraph(document, indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        _set_font(paragraph.add_run(block.get("label", "") + " "), size=BODY_SIZE, bold=True)
        _set_font(paragraph.add_run(text), size=BODY_SIZE)
    elif kind == "centre":
        _paragraph(document, text, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    else:
        _paragraph(document, text, indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)


def _footer(document, doc: dict):
    table = document.add_table(rows=1, cols=2)
    table.autofit = False
    _no_borders(table)
    left, right = table.rows[0].cells
    left.width, right.width = Mm(80), Mm(80)
    signatures = doc.get("signatures")
    if signatures:  # two signing columns (báo cáo thành tích)
        for cell, sign in zip((left, right), signatures, strict=False):
            for line in sign.get("lines", []):
                _cell_paragraph(cell, line, bold=True, size=Pt(13))
            _cell_paragraph(cell, sign.get("note", ""), italic=True, size=Pt(12), space_after=60)
            _cell_paragraph(cell, sign.get("name", ""), bold=True, size=Pt(14))
        return
    _cell_paragraph(left, "Nơi nhận:", bold=True, italic=True, size=Pt(12), align=WD_ALIGN_PARAGRAPH.LEFT)
    for line in doc.get("recipients", []):
        _cell_paragraph(left, line, size=Pt(11), align=WD_ALIGN_PARAGRAPH.LEFT)
    signature = doc.get("signature") or {}
    if signature.get("authority"):
        _cell_paragraph(right, signature["authority"], bold=True, size=Pt(14))
    _cell_paragraph(right, signature.get("title", ""), bold=True, size=Pt(14), space_after=72)
    _cell_paragraph(right, signature.get("name", ""), bold=True, size=Pt(14))


def build_official_docx(doc: dict) -> bytes:
    """The .docx bytes of one official document described by ``doc``."""
    document = Document()
    _page_setup(document)
    core = document.core_properties
    core.title = doc.get("title", "")[:255]
    core.author = doc.get("author", "")[:255]
    _header(document, doc)
    _paragraph(document, "", space_after=6)
    if doc.get("type_name"):
        _paragraph(document, doc["type_name"], align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, space_after=0)
    if doc.get("summary"):
        _paragraph(document, doc["summary"], align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, space_after=0)
    _paragraph(document, "————", align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12)
    for line in doc.get("addressees", []):
        _paragraph(document, line, align=WD_ALIGN_PARAGRAPH.CENTER)
    for line in doc.get("bases", []):
        _paragraph(document, line, italic=True, indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    for block in doc.get("preamble", []):
        _block(document, block)
    for section in doc.get("sections", []):
        heading = f"{section.get('number', '')} {section.get('heading', '')}".strip()
        if heading:
            _paragraph(document, heading, bold=True)
        for block in section.get("blocks", []):
            _block(document, block)
    _footer(document, doc)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
