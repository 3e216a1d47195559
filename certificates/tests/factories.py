"""Test helpers of certificates: a decision of the Sở issued through the services."""

import datetime

from awards import services as award_services
from awards.models import AwardRecord, Decision
from awards.tests.factories import catalogue_award
from units.models import Person, Unit
from units.tests.factories import PersonFactory

DECISION_DATE = datetime.date(2026, 6, 5)
DECISION_NUMBER = "215/QĐ-SGDĐT"


def so_decision(
    issuer_unit: Unit,
    people: list[Person],
    *,
    code: str = "GK_SO",
    number: str = DECISION_NUMBER,
    date: datetime.date = DECISION_DATE,
    achievement: str = "Đã có thành tích xuất sắc trong năm học 2025-2026",
) -> tuple[Decision, list[AwardRecord]]:
    """A decision of ``issuer_unit`` giving ``code`` to each person, signed as the certificate prints it."""
    records = [
        award_services.award_record_create(
            award=catalogue_award(code),
            school_year=2025,
            decision_number=number,
            decision_date=date,
            issuer=issuer_unit.name,
            issuer_unit=issuer_unit,
            person=person,
            achievement=achievement,
            actor=None,
        )
        for person in people
    ]
    decision = records[0].decision
    Decision.objects.filter(pk=decision.pk).update(
        officer_title="Giám đốc Sở Giáo dục và Đào tạo Thử nghiệm",
        signing_authority="KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC",
        signer_name="Phạm Văn Minh",
        place="Thử nghiệm",
    )
    decision.refresh_from_db()
    return decision, records


def many_people(unit: Unit, n: int) -> list[Person]:
    return [PersonFactory(unit=unit, full_name=f"Nguyễn Văn Thử {i:04d}") for i in range(n)]


def _poppler(tool: str, data: bytes, *args: str) -> str:
    """Run a poppler tool on PDF bytes and return what it prints."""
    import subprocess
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        result = subprocess.run(
            [tool, *args, handle.name, "-"] if tool == "pdftotext" else [tool, *args, handle.name],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        )
    return result.stdout


def pdf_text(data: bytes) -> str:
    """The text of a PDF as pdftotext reads it, lines joined by single spaces."""
    return " ".join(_poppler("pdftotext", data).split())


def pdf_page_size(data: bytes) -> str:
    line = next(line for line in _poppler("pdfinfo", data).splitlines() if line.startswith("Page size:"))
    return line.split(":", 1)[1].strip()


def pdf_pages(data: bytes) -> int:
    line = next(line for line in _poppler("pdfinfo", data).splitlines() if line.startswith("Pages:"))
    return int(line.split(":", 1)[1])


def pdf_fonts(data: bytes) -> list[tuple[str, bool]]:
    """(font name, embedded?) of every font of the PDF, from pdffonts."""
    rows = _poppler("pdffonts", data).splitlines()[2:]
    fonts = []
    for row in rows:
        parts = row.split()
        # name, type (1–2 words), encoding, emb, sub, uni, object, id: "emb" is the fifth from the end.
        fonts.append((parts[0], parts[-5] == "yes"))
    return fonts


def word_boxes(data: bytes) -> list[tuple[str, float, float]]:
    """(word, xMin, yMin) in points of every word on the first page (pdftotext -bbox)."""
    import re

    html = _poppler("pdftotext", data, "-bbox", "-f", "1", "-l", "1")
    pattern = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>')
    return [(word, float(x), float(y)) for x, y, word in pattern.findall(html)]


def qr_texts(data: bytes) -> list[str]:
    """What the QR codes on the first page say: rendered at 150 dpi with pdftoppm, read with zxing-cpp."""
    import subprocess
    import tempfile
    from pathlib import Path

    import zxingcpp
    from PIL import Image

    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "in.pdf"
        source.write_bytes(data)
        subprocess.run(
            ["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", str(source), str(Path(folder) / "page")],
            check=True,
            timeout=60,
        )
        image = Image.open(next(Path(folder).glob("page*.png")))
        return [barcode.text for barcode in zxingcpp.read_barcodes(image)]
