"""A plan's content pasted as a numbered outline, read into the tree of criteria in one step.

The officer pastes the plan's text as it is written::

    II. NHIỆM VỤ VÀ GIẢI PHÁP
    1. Đối tượng
    1.1. Tập thể: …
    2. Nội dung thi đua
    a) Thi đua …
    - Trường đạt chuẩn …
    + Giáo viên …

Markers, outermost first: Roman parts ("II."), decimal numbers ("1.", "2.1.", "2.1.1"), letters
("a)", "b."), then list markers ("-", "+", "•"). A line without a marker continues the item above it:
right after the marker line it continues the heading (a wrapped line); after a blank line it is the
item's text. Reading stops at "Nơi nhận" (said in a warning). ``parse`` never drops text: a line
it cannot place is an error naming the line.
Numbering gaps ("1." then "3.") are warnings, since real plans have them.

Each item keeps its marker as written in ``number`` ("II", "2.1", "a)", "-", "+").
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from common.text import clean

_ROMAN = re.compile(r"^((?=[IVXLC])C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3}))\.\s+(\S.*)$")
_DECIMAL = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)(\.?)(?:\s+(\S.*))?$")
_LETTER = re.compile(r"^([a-zđ][).])(?:\s+(\S.*))?$")
_END = re.compile(r"^(nơi nhận|noi nhan)\b", re.IGNORECASE)
_BULLET = re.compile(r"^([-+•–])(?:\s+(\S.*))?$")
_BULLET_RANK = {"-": 11, "–": 11, "+": 12, "•": 13}
_MARKDOWN = re.compile(r"^#+\s*|\*+")


@dataclass
class OutlineItem:
    line: int  # 1-based line of its marker
    number: str  # as written, without a trailing dot: "II", "2.1", "a)", "-", "+"
    rank: int  # 0 Roman, 1.. decimal depth, 10 letter, 11+ list markers
    title: str
    body: str = ""
    children: list["OutlineItem"] = field(default_factory=list)
    parent: "OutlineItem | None" = field(default=None, repr=False)
    _paragraphs: list[list[str]] = field(default_factory=list, repr=False)
    _title_open: bool = field(default=True, repr=False)

    @property
    def depth(self) -> int:
        depth, node = 0, self.parent
        while node is not None:
            depth, node = depth + 1, node.parent
        return depth

    @property
    def is_decimal(self) -> bool:
        return 1 <= self.rank < 10


@dataclass
class OutlineProblem:
    line: int
    message: str

    def __str__(self) -> str:
        return _("Line %(line)d: %(message)s") % {"line": self.line, "message": self.message}


@dataclass
class Outline:
    items: list[OutlineItem]  # top level, in order
    errors: list[OutlineProblem]
    warnings: list[OutlineProblem]

    def walk(self):
        """Every item, depth first in plan order."""

        def visit(nodes):
            for node in nodes:
                yield node
                yield from visit(node.children)

        yield from visit(self.items)

    @property
    def count(self) -> int:
        return sum(1 for _item in self.walk())


def _marker(line: str) -> tuple[str, int, str] | None:
    """(number as written, rank, text) when the line opens an item."""
    if match := _ROMAN.match(line):
        return match[1], 0, match[2]
    if match := _DECIMAL.match(line):
        number, dot, text = match[1], match[2], match[3] or ""
        if "." not in number and not dot:
            return None  # "344 trường đạt chuẩn": a number starting a sentence, not a marker
        if not text and not dot:
            return None
        return number, number.count(".") + 1, text
    if match := _LETTER.match(line):
        return match[1], 10, match[2] or ""
    if match := _BULLET.match(line):
        if not match[2]:
            return None
        return match[1].replace("–", "-"), _BULLET_RANK[match[1]], match[2]
    return None


def _join(lines: list[str]) -> str:
    """Wrapped lines as one: "2021-" + "2025" → "2021-2025"; otherwise a space between."""
    text = ""
    for line in lines:
        if not text:
            text = line
        elif text.endswith("-") and not text.endswith(" -") and line[:1].isdigit():
            text += line
        else:
            text += " " + line
    return text


def _sibling_after(previous: str, number: str) -> bool:
    """Whether ``number`` follows ``previous`` among siblings ("2.1" → "2.2", "a)" → "b)")."""
    if number[-1:] in ")." and not number[:1].isdigit() and not previous[:1].isdigit():
        letters = "abcdđeghiklmnopqrstuvxy"
        before, now = previous[0], number[0]
        return before in letters and now in letters and letters.index(now) == letters.index(before) + 1
    if "." in number or number.isdigit():
        try:
            return int(number.rsplit(".", 1)[-1]) == int(previous.rsplit(".", 1)[-1]) + 1
        except ValueError:
            return True
    return True  # Roman parts: their order is checked by the officer in the preview


def parse(text: str) -> Outline:
    """The outline of a pasted text, with the problems found, each at its line."""
    errors: list[OutlineProblem] = []
    warnings: list[OutlineProblem] = []
    roots: list[OutlineItem] = []
    stack: list[OutlineItem] = []
    current: OutlineItem | None = None
    last_child_number: dict[tuple[int, int], tuple[str, int]] = {}
    numbers_seen: dict[tuple[int, str], int] = {}

    for index, raw in enumerate(str(text or "").splitlines(), start=1):
        line = clean(_MARKDOWN.sub("", raw))
        if _END.match(line):
            warnings.append(OutlineProblem(index, _("the outline ends at “Nơi nhận”; what follows is not read.")))
            break
        if not line:
            if current is not None:
                current._title_open = False
                if current._paragraphs and current._paragraphs[-1]:
                    current._paragraphs.append([])
            continue
        opened = _marker(line)
        if opened is None:
            if current is None:
                errors.append(
                    OutlineProblem(index, _("“%(text)s” comes before the first numbered item.") % {"text": line[:60]})
                )
            elif current._title_open:
                current.title = _join([current.title, line]) if current.title else line
            else:
                if not current._paragraphs:
                    current._paragraphs.append([])
                current._paragraphs[-1].append(line)
            continue

        number, rank, title = opened
        if not title:
            errors.append(OutlineProblem(index, _("item “%(number)s” has no text.") % {"number": number}))
        while stack and stack[-1].rank >= rank:
            stack.pop()
        parent = stack[-1] if stack else None
        item = OutlineItem(line=index, number=number, rank=rank, title=title, parent=parent)
        if rank > 1 and rank < 10:
            # "2.1.1" belongs under "2.1": the closest decimal item above must be its prefix.
            prefix = number.rsplit(".", 1)[0]
            if parent is None or not parent.is_decimal or parent.number != prefix:
                above = current.number if current is not None else ""
                errors.append(
                    OutlineProblem(
                        index,
                        _("item “%(number)s” should sit under “%(prefix)s”, but the item above it is “%(above)s”.")
                        % {"number": number, "prefix": prefix, "above": above or _("none")},
                    )
                )
        parent_key = id(parent) if parent is not None else 0
        key = (parent_key, number)
        if rank < 11:
            if key in numbers_seen:
                errors.append(
                    OutlineProblem(
                        index,
                        _("number “%(number)s” is already used at line %(first)d.")
                        % {"number": number, "first": numbers_seen[key]},
                    )
                )
            numbers_seen.setdefault(key, index)
            sibling_key = (parent_key, rank)
            previous = last_child_number.get(sibling_key)
            if previous is not None and not _sibling_after(previous[0], number):
                warnings.append(
                    OutlineProblem(
                        index,
                        _("“%(number)s” follows “%(previous)s” (line %(first)d): is an item missing?")
                        % {"number": number, "previous": previous[0], "first": previous[1]},
                    )
                )
            last_child_number[sibling_key] = (number, index)
        (parent.children if parent is not None else roots).append(item)
        stack.append(item)
        current = item

    outline = Outline(items=roots, errors=errors, warnings=warnings)
    for item in outline.walk():
        item.body = "\n".join(_join(lines) for lines in item._paragraphs if lines)
    if not roots and not errors:
        errors.append(OutlineProblem(1, _("no numbered item was found (e.g. “1. …”, “a) …”, “- …”).")))
    return outline
