"""The fixed pieces of Vietnamese administrative documents (Nghị định 30/2020/NĐ-CP).

Shared by every document the portal prints (plans, dossiers, decisions, minutes), as PDF and
as Word. The wording is document data, not interface text: it is not translated.
"""

import datetime
import re
import unicodedata

from django.utils import timezone

from common.dates import official_date

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"
DRAFT_MARK = "DỰ THẢO"
NBSP = "\u00a0"

# Phụ lục III, NĐ 30/2020: abbreviation of a document type → its name, for the căn cứ lines.
DOCUMENT_TYPES = {
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định",
    "CT": "Chỉ thị",
    "QC": "Quy chế",
    "QYĐ": "Quy định",
    "TC": "Thông cáo",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "CTR": "Chương trình",
    "KH": "Kế hoạch",
    "PA": "Phương án",
    "ĐA": "Đề án",
    "DA": "Dự án",
    "BC": "Báo cáo",
    "TTR": "Tờ trình",
    "CV": "Công văn",
    "TT": "Thông tư",
    "NĐ": "Nghị định",
}

_HEADING_LINE = re.compile(r"^(?:#+\s*)?(\d+(?:\.\d+)*\.|[IVXLC]+\.)\s+(.+)$")
_LETTERED = re.compile(r"^[a-zđ]\)\s")
_MARKUP = re.compile(r"^#+\s*|\*+")
_ROMAN = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def nfc(text) -> str:
    return unicodedata.normalize("NFC", str(text or "")).strip()


def roman(number: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while number >= value:
            out += letters
            number -= value
    return out


def upper(text: str) -> str:
    return nfc(nfc(text).upper())


def marker(number: str) -> str:
    """An item's marker as the plan writes it: a number or a Roman part takes its dot ("2.1" → "2.1.",
    "II" → "II."); a letter or a list marker stays as written ("a)", "b.", "-", "+")."""
    number = nfc(number)
    if number and (number[-1].isdigit() or re.fullmatch(r"[IVXLC]+", number)):
        return f"{number}."
    return number


def short_agency_name(name: str, governing_body: str) -> str:
    """The issuer as its header prints it under the governing body: without the place the governing
    body already names ("Sở Giáo dục và Đào tạo Bến Tre" under "UBND tỉnh Bến Tre" → "Sở Giáo dục và
    Đào tạo"); unchanged when they share no place."""
    words, above = nfc(name).split(), nfc(governing_body).upper().split()
    shared = 0
    while shared < min(len(words), len(above)) and words[-1 - shared].upper() == above[-1 - shared]:
        shared += 1
    if shared and words[-shared - 1 :][0].upper() in ("TỈNH", "THÀNH", "XÃ", "PHƯỜNG", "HUYỆN", "QUẬN"):
        shared += 1  # "… Đào tạo tỉnh Bến Tre": the level word goes with the place
    if shared and len(words) - shared >= 2:
        return " ".join(words[: len(words) - shared])
    return nfc(name)


def balanced_lines(text: str, width: int = 24) -> list[str]:
    """A header name broken into as few lines as the column holds (about ``width`` capitals), the
    lines as even as the words allow; a tie keeps the first line the shorter."""
    words = nfc(text).split()
    if len(" ".join(words)) <= width or len(words) < 2:
        return [" ".join(words)] if words else []
    count = -(-len(" ".join(words)) // width)
    best = None

    def split(rest: list[str], lines_left: int):
        if lines_left == 1:
            yield [" ".join(rest)]
            return
        for cut in range(1, len(rest) - lines_left + 2):
            for tail in split(rest[cut:], lines_left - 1):
                yield [" ".join(rest[:cut]), *tail]

    for lines in split(words, min(count, len(words))):
        key = (max(len(line) for line in lines), [len(line) for line in lines])
        if best is None or key < best[0]:
            best = (key, lines)
    return best[1]


def list_lines(items: list[str], *, last: str = ".") -> list[str]:
    """Lines of an enumeration: each ends with ";", the last with "." (NĐ 30/2020)."""
    cleaned = [nfc(item).rstrip(";.,: ") for item in items]
    cleaned = [item for item in cleaned if item]
    return [item + (last if index == len(cleaned) - 1 else ";") for index, item in enumerate(cleaned)]


def paragraphs(text: str) -> list[dict]:
    """A long text field as blocks: one paragraph a line; "1. …" lines are headings, "- …" items."""
    blocks = []
    for raw in nfc(text).splitlines():
        line = raw.strip()
        if not line:
            continue
        heading = _HEADING_LINE.match(line)
        if heading and len(line) <= 160 and not line.rstrip("*").endswith((".", ";", ":")):
            blocks.append({"kind": "subheading", "number": heading[1].rstrip(".") + ".", "text": _clean(heading[2])})
        elif line.startswith(("- ", "+ ", "• ", "– ")):
            blocks.append({"kind": "item", "text": "- " + _clean(line[2:])})
        elif _LETTERED.match(line):
            blocks.append({"kind": "item", "text": _clean(line)})
        else:
            blocks.append({"kind": "para", "text": _clean(line)})
    return blocks


def _clean(text: str) -> str:
    return nfc(_MARKUP.sub("", text))


def document_type(number_symbol: str) -> str:
    for token in re.split(r"[/\-\s]+", nfc(number_symbol).upper()):
        if token in DOCUMENT_TYPES:
            return DOCUMENT_TYPES[token]
        if re.fullmatch(r"QH\d+", token):  # "06/2022/QH15": a law of the 15th National Assembly
            return "Luật"
    return "văn bản"


def recipient_lines(distribution: str, issuer_short_name: str) -> list[str]:
    """ "Nơi nhận": "- …;" lines, ending with "- Lưu: VT, …." (added when the list lacks it)."""
    items = [re.sub(r"^[-–•+]\s*", "", line.strip()) for line in nfc(distribution).splitlines()]
    items = [item for item in items if item]
    if not any(item.lower().startswith("lưu") for item in items):
        items.append(f"Lưu: VT, {issuer_short_name}" if issuer_short_name else "Lưu: VT")
    return ["- " + line for line in list_lines(items)]


def date_line(issued_on: datetime.date | None, place: str) -> str:
    if issued_on:
        return official_date(issued_on, place)
    blank = NBSP * 6
    year = timezone.localdate().year
    text = f"ngày{blank}tháng{blank}năm {year}"
    return f"{place}, {text}" if place else text
