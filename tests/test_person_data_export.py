"""A person's data, exported for them on request (NĐ 13/2023): everything held about them in one
workbook, through the one writer; the export is on record; the person may export their own."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from awards.tests.factories import AwardRecordFactory
from units.models import AuditLog, Person
from units.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lan(world):
    Person.objects.filter(pk=world.person_a1.pk).update(
        birth_date=datetime.date(1985, 2, 5), phone="0912 345 678", national_id="001085012345", position="=Tổ trưởng"
    )
    AwardRecordFactory(
        person=world.person_a1,
        code="LDTT",
        school_year=2023,
        decision_number="215/QĐ-PGDĐT",
        issuer="Phòng GD&ĐT Thử A",
    )
    world.person_a1.refresh_from_db()
    return world.person_a1


def _sheets(content: bytes) -> dict[str, list[tuple]]:
    book = openpyxl.load_workbook(io.BytesIO(content))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}


def test_an_officer_exports_everything_held_about_the_person(lan, world, client_for):
    officer = world.users["phong_officer"]
    page = client_for(officer).get(reverse("units:person-detail", args=[lan.pk])).content.decode()
    assert f'href="{reverse("privacy:person-data", args=[lan.pk])}"' in page
    response = client_for(officer).get(reverse("privacy:person-data", args=[lan.pk]))
    sheets = _sheets(response.content)
    assert list(sheets) == ["Hồ sơ cá nhân", "Quá trình công tác", "Khen thưởng", "Xếp loại", "Nhật ký"]
    record = dict(sheets["Hồ sơ cá nhân"][1:])
    assert (record["Họ và tên"], record["Ngày sinh"], record["Số CCCD"], record["Điện thoại"]) == (
        "Nguyễn Thị Lan",
        "05/02/1985",
        "001085012345",
        "0912 345 678",
    )
    assert record["Chức vụ"] == "=Tổ trưởng"  # text, never a formula
    [award_row] = sheets["Khen thưởng"][1:]
    assert award_row[0] == "2023–2024" and award_row[3] == "215/QĐ-PGDĐT"
    entry = AuditLog.objects.get(action="person.data_exported")
    assert (entry.actor_id, entry.object_id) == (officer.pk, str(lan.pk))


def test_the_person_exports_their_own_data_and_a_clerk_may_not(lan, world, client_for):
    own = UserFactory(username="lan", unit=world.school_a1, person=lan)
    assert client_for(own).get(reverse("privacy:person-data", args=[lan.pk])).status_code == 200
    clerk = client_for(world.users["school_clerk"])
    assert clerk.get(reverse("privacy:person-data", args=[lan.pk])).status_code == 403
    assert 'data-testid="person-data"' not in clerk.get(reverse("units:person-detail", args=[lan.pk])).content.decode()
    other = client_for(own).get(reverse("privacy:person-data", args=[world.person_a2.pk]))
    assert other.status_code == 404
    assert AuditLog.objects.filter(action="person.data_exported").count() == 1
