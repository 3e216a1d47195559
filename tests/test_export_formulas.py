"""Every Excel export writes text that Excel would take for a formula as text (read back with openpyxl)."""

import io

import openpyxl
import pytest
from django.urls import reverse

from awards import excel as awards_excel
from units.models import Person

pytestmark = pytest.mark.django_db

HOSTILE = {
    "full_name": '=HYPERLINK("http://x.invalid","Lan")',
    "position": "+84 912 345 678",
    "qualifications": "-2+3",
    "email": "@SUM(A1:A9)",
    "phone": "\t=cmd|' /C calc'!A0",
}


def _cells(content: bytes, title: str) -> list:
    sheet = openpyxl.load_workbook(io.BytesIO(content))[title]
    return [cell for row in sheet.iter_rows() for cell in row]


def test_people_export_writes_formula_looking_text_as_text(world, client_for):
    Person.objects.filter(pk=world.person_a1.pk).update(**HOSTILE)
    response = client_for(world.users["school_clerk"]).get(reverse("units:person-export"))
    cells = {c.value: c for c in _cells(response.content, "Cá nhân") if c.value in HOSTILE.values()}
    assert sorted(cells) == sorted(HOSTILE.values())
    assert {(c.data_type, c.quotePrefix) for c in cells.values()} == {("s", True)}
    header = _cells(response.content, "Cá nhân")[0]
    assert (header.value, header.font.b) == ("Mã cá nhân", True)


def test_unit_export_writes_formula_looking_text_as_text(world, client_for):
    type(world.school_a1).objects.filter(pk=world.school_a1.pk).update(address="=1+1", head_name="@Lan")
    response = client_for(world.users["school_clerk"]).get(reverse("units:unit-export"))
    cells = [c for c in _cells(response.content, "Đơn vị") if c.value in ("=1+1", "@Lan")]
    assert [(c.value, c.data_type) for c in cells] == [("=1+1", "s"), ("@Lan", "s")]


def test_award_history_template_goes_through_the_one_writer(world):
    book = openpyxl.load_workbook(io.BytesIO(awards_excel.build_template()))
    first = book.worksheets[0]
    assert first.freeze_panes == "A2" and all(c.font.b for c in first[1])
    assert [c.value for c in first[2]][:3] == [None, "Nguyễn Văn An", "04/03/1985"]
