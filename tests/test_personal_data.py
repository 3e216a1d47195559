"""Personal data (NĐ 13/2023): birth dates and phones in full only for those who keep the record,
masked elsewhere, on screens and in exports alike; every view or export of national IDs on record."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from common import privacy
from units.models import AuditLog, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def lan(world):
    Person.objects.filter(pk=world.person_a1.pk).update(
        birth_date=datetime.date(1985, 2, 5), phone="0912 345 678", national_id="001085012345"
    )
    world.person_a1.refresh_from_db()
    return world.person_a1


def _detail(client, person) -> str:
    return client.get(reverse("units:person-detail", args=[person.pk])).content.decode()


def test_masks_keep_only_what_identifies_nobody():
    assert privacy.mask_phone("0912 345 678") == "•••••••678"
    assert privacy.mask_birth_date(datetime.date(1985, 2, 5)) == "••/••/1985"
    assert privacy.mask_national_id("001085012345") == "•••••••••345"
    assert (privacy.mask_phone(""), privacy.mask_birth_date(None)) == ("", "")


@pytest.mark.parametrize(
    ("persona", "birth", "phone", "national_id"),
    [
        ("school_clerk", "05/02/1985", "0912 345 678", None),
        ("phong_officer", "05/02/1985", "0912 345 678", "001085012345"),
        ("leader", "••/••/1985", "•••••••678", None),
    ],
)
def test_person_page_shows_personal_data_by_role(persona, birth, phone, national_id, lan, world, client_for):
    page = _detail(client_for(world.users[persona]), lan)
    assert f'data-testid="birth-date">{birth}<' in page
    assert f'data-testid="phone">{phone}<' in page
    assert (f'data-testid="national-id">{national_id}<' in page) == (national_id is not None)
    assert ("001085012345" in page) == (national_id is not None)


def test_each_view_of_a_national_id_is_in_the_audit_log(lan, world, client_for):
    officer = world.users["phong_officer"]
    client = client_for(officer)
    _detail(client, lan)
    _detail(client, lan)
    client_for(world.users["school_clerk"])  # a clerk does not see it: nothing recorded for them
    _detail(client, lan)
    entries = AuditLog.objects.filter(action="person.national_id_viewed")
    assert [(e.actor_id, e.object_id, e.unit_id) for e in entries] == [(officer.pk, str(lan.pk), lan.unit_id)] * 2


def _export(client) -> list[tuple]:
    content = client.get(reverse("units:person-export")).content
    sheet = openpyxl.load_workbook(io.BytesIO(content))["Cá nhân"]
    return list(sheet.iter_rows(values_only=True))


def test_the_people_export_masks_for_roles_that_do_not_keep_the_record(lan, world, client_for):
    rows = _export(client_for(world.users["leader"]))
    header, lan_row = rows[0], next(r for r in rows if r[2] == "Nguyễn Thị Lan")
    assert "Số CCCD" not in header
    assert (lan_row[header.index("Ngày sinh")], lan_row[header.index("Điện thoại")]) == ("••/••/1985", "•••••••678")
    assert not AuditLog.objects.filter(action="person.national_ids_exported").exists()


def test_an_export_with_national_ids_is_in_the_audit_log(lan, world, client_for):
    officer = world.users["phong_officer"]
    rows = _export(client_for(officer))
    header, lan_row = rows[0], next(r for r in rows if r[2] == "Nguyễn Thị Lan")
    assert (lan_row[header.index("Số CCCD")], lan_row[header.index("Ngày sinh")]) == ("001085012345", "05/02/1985")
    entry = AuditLog.objects.get(action="person.national_ids_exported")
    assert (entry.actor_id, entry.unit_id, entry.data["rows"]) == (officer.pk, officer.unit_id, len(rows) - 1)
