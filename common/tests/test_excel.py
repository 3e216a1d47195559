"""The one reader refuses every hostile spreadsheet at once, with its message; the one writer never
writes a formula that a user typed."""

import io
import time
from functools import cache

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from common import excel
from common.tests import hostile_files

MAX_ROWS = 5000


@cache
def _samples():
    return hostile_files.samples(max_rows=MAX_ROWS)


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def test_the_hand_made_workbook_the_samples_start_from_is_accepted():
    sheet = excel.read_sheet(SimpleUploadedFile("a.xlsx", hostile_files.xlsx()), max_rows=MAX_ROWS)
    assert (sheet.title, sheet.rows) == ("Cá nhân", [("Họ và tên", "Giới tính"), ("Nguyễn Thị Lan", "Nữ")])
    assert list(sheet.iter_rows(min_row=2, max_col=1)) == [("Nguyễn Thị Lan",)]


def test_there_are_at_least_twenty_distinct_hostile_samples():
    names = [s.name for s in _samples()]
    assert len(names) >= 20 and len(set(names)) == len(names)
    assert len({s.data for s in _samples()}) == len(names)


@pytest.mark.parametrize("sample", _samples(), ids=[s.name for s in _samples()])
def test_hostile_spreadsheet_is_refused_at_once_with_its_message(sample):
    started = time.monotonic()
    with pytest.raises(ValidationError) as caught:
        excel.read_sheet(SimpleUploadedFile(f"{sample.name}.xlsx", sample.data), max_rows=MAX_ROWS)
    elapsed = time.monotonic() - started
    [message] = caught.value.messages
    assert message.startswith(sample.message), message
    assert elapsed < 1.0


def test_a_workbook_just_at_the_row_limit_is_read_whole():
    rows = [(f"Người {n}",) for n in range(MAX_ROWS + 1)]
    data = hostile_files.xlsx(sheet=hostile_files.sheet_xml(rows, dimension=f"A1:A{MAX_ROWS + 1}"))
    sheet = excel.read_sheet(SimpleUploadedFile("a.xlsx", data), max_rows=MAX_ROWS)
    assert (len(sheet.rows), sheet.rows[-1]) == (MAX_ROWS + 1, (f"Người {MAX_ROWS}",))


def test_rows_are_counted_exactly_across_the_stream_chunks():
    # 5,001 rows of about 1 kB: the sheet XML streams in several 1 MB chunks; not one row more or less.
    rows = [(f"Người {n}", "x" * 1000) for n in range(MAX_ROWS + 1)]
    data = hostile_files.xlsx(sheet=hostile_files.sheet_xml(rows))
    sheet = excel.read_sheet(SimpleUploadedFile("a.xlsx", data), max_rows=MAX_ROWS)
    assert len(sheet.rows) == MAX_ROWS + 1
    with pytest.raises(ValidationError):
        excel.read_sheet(SimpleUploadedFile("a.xlsx", data), max_rows=MAX_ROWS - 1)


def test_a_file_over_the_size_cap_is_refused_before_reading(settings):
    settings.PORTAL_IMPORT_MAX_BYTES = 1_048_576
    with pytest.raises(ValidationError) as caught:
        excel.read_sheet(SimpleUploadedFile("a.xlsx", b"PK\x03\x04" + b"0" * 1_048_576), max_rows=10)
    assert caught.value.messages == ["Tệp quá lớn (1.0 MB); dung lượng tối đa là 1.0 MB."]


FORMULAS = ["=1+1", "+84 912 345 678", "-2+3", "@SUM(A1:A2)", "\t=cmd|' /C calc'!A0", '\r=HYPERLINK("x")']


def test_the_writer_stores_formula_looking_text_as_text_with_bold_frozen_headers():
    data = excel.workbook_bytes(
        [excel.Sheet(title="Thử", headers=["Họ và tên", "Ghi chú"], rows=[[t, t] for t in FORMULAS], widths=[20, 30])]
    )
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book["Thử"]
    values = [(c.value, c.data_type, c.quotePrefix) for row in sheet.iter_rows(min_row=2) for c in row[:1]]
    assert values == [(text, "s", True) for text in FORMULAS]
    assert [c.font.b for c in sheet[1]] == [True, True]
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["B"].width == 30
    # No formula anywhere in the package's sheet XML.
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as package:
        xml = package.read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in xml and b"<f " not in xml


def test_the_writer_keeps_ordinary_values_typed():
    import datetime

    data = excel.workbook_bytes(
        [excel.Sheet(title="S", headers=["a", "b", "c", "d"], rows=[["Lan", 2008, 1.5, datetime.date(2024, 2, 5)]])]
    )
    row = next(openpyxl.load_workbook(io.BytesIO(data))["S"].iter_rows(min_row=2, values_only=True))
    assert row == ("Lan", 2008, 1.5, datetime.datetime(2024, 2, 5))


def test_the_writer_gives_dates_date_cells_and_times_the_local_clock():
    import datetime
    import zoneinfo
    from decimal import Decimal

    from django.utils.translation import gettext_lazy

    # 23:30 UTC on 4 Feb is 06:30 on 5 Feb in Hà Nội: the clock the screens show.
    moment = datetime.datetime(2024, 2, 4, 23, 30, tzinfo=zoneinfo.ZoneInfo("UTC"))
    data = excel.workbook_bytes(
        [
            excel.Sheet(
                title="S",
                headers=["a", "b", "c", "d"],
                rows=[[datetime.date(2024, 2, 5), moment, Decimal("99.50"), gettext_lazy("Unit")]],
            )
        ]
    )
    sheet = openpyxl.load_workbook(io.BytesIO(data))["S"]
    day, time, number, label = sheet[2]
    assert (day.value, day.is_date, day.number_format) == (datetime.datetime(2024, 2, 5), True, "DD/MM/YYYY")
    assert (time.value, time.number_format) == (datetime.datetime(2024, 2, 5, 6, 30), "DD/MM/YYYY HH:MM")
    assert (number.value, number.data_type) == (99.5, "n")
    assert (label.value, label.data_type) == ("Đơn vị", "s")


def test_no_code_outside_the_one_reader_and_writer_opens_workbooks_itself():
    """Every import and export goes through common/excel.py (tests may read workbooks back)."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    skip = {".venv", "node_modules", "bench", "tests", "static", "staticfiles", "var", ".git"}
    sources = [
        path
        for top in root.iterdir()
        if top.is_dir() and top.name not in skip and not top.is_symlink()
        for path in top.rglob("*.py")
        if "tests" not in path.relative_to(root).parts
    ]
    offenders = [
        str(path.relative_to(root))
        for path in sources
        if path != root / "common" / "excel.py"
        and ("import openpyxl" in (text := path.read_text(encoding="utf-8")) or "from openpyxl" in text)
    ]
    assert sources and offenders == []
