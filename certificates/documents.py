"""Certificates as PDF: the whole certificate on white paper (NĐ 98/2023 Điều 104), the text only
on a unit's pre-printed blanks at calibrated positions, and the calibration page.

The wording is the fixed wording of Vietnamese certificates (document data, not interface text): it
is not translated. Rendering goes through ``common.pdf`` (WeasyPrint, Liberation Serif embedded).
No image of the State emblem ships with the portal: the full certificate draws a plain CSS ornament
in its place (``.emblem-space``), and the pre-printed blank carries the real one.
"""

import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

from awards.enums import AwardKind
from awards.models import AwardRecord, Decision
from certificates.enums import FIELD_LABELS, FIELDS, CertificateKind, PrintMode
from certificates.models import Certificate, CertificateLayout
from common.dates import official_date, school_year_label
from common.documents import NATIONAL_MOTTO, NATIONAL_TITLE
from common.pdf import html_to_pdf
from units.enums import Gender
from units.models import Unit

PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 297, 210
QR_SIZE_MM = 22

# Where each text goes on a blank when the unit has not calibrated its own (mm from the top-left
# corner, box width in mm, font size in pt). The blank carries border, emblem, Quốc hiệu and Tiêu ngữ
# in its top 55 mm.
DEFAULT_POSITIONS: dict[str, dict[str, float]] = {
    "officer_title": {"x": 25, "y": 60, "w": 247, "size": 16},
    "grant": {"x": 25, "y": 71, "w": 247, "size": 17},
    "award": {"x": 25, "y": 80, "w": 247, "size": 28},
    "recipient": {"x": 25, "y": 98, "w": 247, "size": 20},
    "unit": {"x": 25, "y": 109, "w": 247, "size": 15},
    "achievement": {"x": 40, "y": 118, "w": 217, "size": 14},
    "decision": {"x": 22, "y": 150, "w": 115, "size": 12},
    "code": {"x": 22, "y": 160, "w": 115, "size": 11},
    "place_date": {"x": 160, "y": 146, "w": 120, "size": 13},
    "signer_title": {"x": 160, "y": 153, "w": 120, "size": 13},
    "signer_name": {"x": 160, "y": 182, "w": 120, "size": 14},
}
assert set(DEFAULT_POSITIONS) == set(FIELDS)

GRANT_WORDS = {CertificateKind.TITLE: "TẶNG DANH HIỆU"}
FORM_WORDS = {CertificateKind.MERIT: "GIẤY KHEN", CertificateKind.HIGH_MERIT: "BẰNG KHEN"}
SALUTATION = {Gender.FEMALE: "Bà", Gender.MALE: "Ông"}


def nfc(text) -> str:
    return unicodedata.normalize("NFC", str(text or "")).strip()


def upper(text) -> str:
    return nfc(nfc(text).upper())


def kind_of(record: AwardRecord) -> str:
    """The blank a record prints on: a title's certificate, a Bằng khen, or a Giấy khen (the rest)."""
    award = record.award
    if award.kind == AwardKind.TITLE:
        return CertificateKind.TITLE
    if nfc(award.name).lower().startswith("bằng khen"):
        return CertificateKind.HIGH_MERIT
    return CertificateKind.MERIT


def verification_url(code: str) -> str:
    """The absolute address a certificate's QR code opens (``PORTAL_BASE_URL`` + the public page)."""
    return settings.PORTAL_BASE_URL.rstrip("/") + reverse("verify:code", args=[code])


def qr_svg(url: str, *, size_mm: float = QR_SIZE_MM) -> str:
    """The QR code of ``url`` as inline SVG markup: vector, so sharp at any printer resolution.

    The modules are drawn as one path of horizontal runs (about half the shapes of one square per
    module), which halves the time WeasyPrint spends on the code of each certificate.
    """
    import qrcode

    code = qrcode.QRCode(border=2, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(url)
    code.make(fit=True)
    matrix = code.get_matrix()
    commands = []
    for y, row in enumerate(matrix):
        x = 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                commands.append(f"M{start} {y}h{x - start}v1h{start - x}z")
            else:
                x += 1
    side = len(matrix)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size_mm}mm" height="{size_mm}mm" '
        f'viewBox="0 0 {side} {side}" shape-rendering="crispEdges">'
        f'<rect width="{side}" height="{side}" fill="#fff"/><path fill="#000" d="{"".join(commands)}"/></svg>'
    )


def officer_title(decision: Decision) -> str:
    """The deciding officer as the certificate names them (NĐ 98/2023 Điều 104): the title and the agency,
    "GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH HƯNG YÊN"; the agency is added when the decision gives the title
    alone (as its signature block does), the head's title used when it gives none."""
    unit = decision.issuer_unit
    agency = upper(unit.name if unit is not None else decision.issuer)
    title = upper(decision.officer_title or (unit.head_title if unit is not None else ""))
    if agency and agency not in title:
        title = f"{title} {agency}".strip()
    return title


def signer_lines(decision: Decision) -> list[str]:
    """ "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC" → two lines; the head's title when the decision names none."""
    if decision.signing_authority:
        return [upper(part) for part in decision.signing_authority.split("/") if part.strip()]
    unit = decision.issuer_unit
    return [upper(unit.head_title if unit is not None and unit.head_title else "Thủ trưởng đơn vị")]


def signer_name(decision: Decision) -> str:
    unit = decision.issuer_unit
    return nfc(decision.signer_name) or (nfc(unit.head_name) if unit is not None else "")


def place_of(decision: Decision) -> str:
    unit = decision.issuer_unit
    return nfc(decision.place) or (nfc(unit.name) if unit is not None else nfc(decision.issuer))


def decision_line(decision: Decision) -> str:
    return f"Quyết định số {nfc(decision.number)} {official_date(decision.date)}"


def recipient_lines(record: AwardRecord) -> tuple[str, str]:
    """(recipient, their unit): "Bà Nguyễn Thị Lan" / "Trường Tiểu học …"; a collective names itself."""
    if record.person_id is not None:
        person = record.person
        salutation = SALUTATION.get(person.gender, "Ông (Bà)")
        return f"{salutation} {nfc(person.full_name)}", nfc(record.unit.name)
    parent = Unit.objects.get_parent(record.unit) if record.unit.depth > 1 else None
    return f"Tập thể {nfc(record.unit.name)}", nfc(parent.name) if parent is not None else ""


@dataclass
class Sheet:
    """The texts of one certificate, the same for both modes."""

    kind: str
    officer_title: str
    grant: str
    award: str
    recipient: str
    unit: str
    achievement: str
    decision: str
    code: str
    place_date: str
    signer_title: list[str]
    signer_name: str
    qr: str
    revoked: bool = False
    boxes: list = field(default_factory=list)


def sheet_for(record: AwardRecord, certificate: Certificate) -> Sheet:
    decision = record.decision
    kind = kind_of(record)
    recipient, unit = recipient_lines(record)
    if kind == CertificateKind.TITLE:
        grant, award = "TẶNG DANH HIỆU", upper(record.award.name)
    else:
        grant, award = "TẶNG", FORM_WORDS.get(kind) or upper(record.award.name)
    achievement = nfc(record.achievement)
    if not achievement:
        achievement = f"Đã có thành tích xuất sắc trong năm học {school_year_label(record.school_year)}"
    elif kind != CertificateKind.TITLE and not achievement.lower().startswith("đã"):
        achievement = f"Đã có thành tích {achievement[0].lower()}{achievement[1:]}"
    return Sheet(
        kind=kind,
        officer_title=officer_title(decision),
        grant=grant,
        award=award,
        recipient=recipient,
        unit=unit,
        achievement=achievement,
        decision=decision_line(decision),
        code=f"Mã xác minh: {certificate.grouped_code}",
        place_date=official_date(decision.date, place_of(decision)),
        signer_title=signer_lines(decision),
        signer_name=signer_name(decision),
        qr=mark_safe(qr_svg(verification_url(certificate.code))),
        revoked=record.revoked_at is not None or decision.revoked_at is not None,
    )


@dataclass
class Box:
    name: str
    x: Decimal
    y: Decimal
    w: Decimal
    size: Decimal
    lines: list[str]
    qr: str = ""


def positions_of(layout: CertificateLayout | None) -> dict[str, dict[str, float]]:
    """Every field's position: the layout's where it gives one, the default otherwise."""
    stored = layout.positions if layout is not None else {}
    return {name: {**DEFAULT_POSITIONS[name], **stored.get(name, {})} for name in FIELDS}


def boxes_for(sheet: Sheet | None, layout: CertificateLayout | None) -> list[Box]:
    """The text boxes of a blank, moved by the layout's offsets (no sheet: the calibration page's labels)."""
    dx = Decimal(layout.offset_x) if layout is not None else Decimal(0)
    dy = Decimal(layout.offset_y) if layout is not None else Decimal(0)
    boxes = []
    for name, spot in positions_of(layout).items():
        if sheet is None:
            lines, qr = [str(FIELD_LABELS[name])], ""
        else:
            value = getattr(sheet, name)
            lines = value if isinstance(value, list) else [value]
            qr = sheet.qr if name == "code" else ""
        boxes.append(
            Box(
                name=name,
                x=Decimal(str(spot["x"])) + dx,
                y=Decimal(str(spot["y"])) + dy,
                w=Decimal(str(spot["w"])),
                size=Decimal(str(spot["size"])),
                lines=lines,
                qr=qr,
            )
        )
    return boxes


def _css_boxes(boxes: list[Box]) -> str:
    """Positions as a stylesheet in the document (WeasyPrint reads it; no browser ever sees it)."""
    rules = []
    for box in boxes:
        rules.append(
            f".box-{box.name} {{ left: {box.x}mm; top: {box.y}mm; width: {box.w}mm; font-size: {box.size}pt; }}"
        )
    return "\n".join(rules)


def render_sheets(
    sheets: list[Sheet], *, mode: str, layouts: dict[str, CertificateLayout | None] | None = None
) -> bytes:
    """One PDF with one A4 landscape page per sheet."""
    layouts = layouts or {}
    pages = []
    css = []
    for index, sheet in enumerate(sheets):
        if mode == PrintMode.BLANK:
            boxes = boxes_for(sheet, layouts.get(sheet.kind))
            pages.append({"sheet": sheet, "boxes": boxes, "page": index})
            css.append(_css_boxes_scoped(boxes, index))
        else:
            pages.append({"sheet": sheet, "page": index})
    html = render_to_string(
        "certificates/certificate.html",
        {
            "pages": pages,
            "blank": mode == PrintMode.BLANK,
            "box_css": mark_safe("\n".join(css)),
            "national_title": NATIONAL_TITLE,
            "national_motto": NATIONAL_MOTTO,
        },
    )
    return html_to_pdf(html)


def _css_boxes_scoped(boxes: list[Box], index: int) -> str:
    return "\n".join(f".page-{index} {rule}" for rule in _css_boxes(boxes).splitlines())


def render_calibration(layout: CertificateLayout | None, *, kind: str) -> bytes:
    """A test page for a blank: a millimetre grid (every 10 mm labelled) and the field boxes with their names.

    Printed on a blank and held against the light, it shows how far the printer shifts the text.
    """
    boxes = boxes_for(None, layout)
    html = render_to_string(
        "certificates/calibration.html",
        {
            "boxes": boxes,
            "box_css": mark_safe(_css_boxes(boxes)),
            "xs": range(0, PAGE_WIDTH_MM + 1, 10),
            "ys": range(0, PAGE_HEIGHT_MM + 1, 10),
            "kind_label": CertificateKind(kind).label,
            "grid_css": mark_safe(_grid_css()),
        },
    )
    return html_to_pdf(html)


def _grid_css() -> str:
    rules = [f".vx-{x} {{ left: {x}mm; }}" for x in range(0, PAGE_WIDTH_MM + 1, 10)]
    rules += [f".hy-{y} {{ top: {y}mm; }}" for y in range(0, PAGE_HEIGHT_MM + 1, 10)]
    return "\n".join(rules)
