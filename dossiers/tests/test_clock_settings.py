"""The receiving level sets its working-day limits and holidays in the portal; the clocks follow them."""

import datetime

import pytest
from django.urls import reverse

from dossiers import selectors, services
from dossiers.models import Holiday, LegalClock
from units.models import AuditLog

D = datetime.date
pytestmark = pytest.mark.django_db


def test_an_officer_sets_the_limits_of_its_level_and_the_units_below_inherit_them(world, client_for):
    client = client_for(world.users["phong_officer"])
    page = client.get(reverse("dossiers:clock")).content.decode()
    assert "Đang áp dụng: trả lại trong 5, thẩm định trong 20, nhắc trước 2." in page
    response = client.post(
        reverse("dossiers:clock"), {"clock": "1", "return_days": 3, "appraisal_days": 15, "remind_days_before": 4}
    )
    assert response.status_code == 302
    assert selectors.clock_for(world.phong_a) == (3, 15)
    assert selectors.clock_for(world.school_a1) == (3, 15)  # below Phòng A
    assert selectors.clock_for(world.phong_b) == (5, 20)  # another branch keeps the law's limits
    assert selectors.remind_days_for(world.phong_a) == 4
    assert AuditLog.objects.get(action="dossiers.clock_set").data == {
        "return_days": 3,
        "appraisal_days": 15,
        "remind": 4,
    }


def test_limits_out_of_range_are_refused_at_their_field(world, client_for):
    client = client_for(world.users["phong_officer"])
    response = client.post(
        reverse("dossiers:clock"), {"clock": "1", "return_days": 0, "appraisal_days": 10, "remind_days_before": 12}
    )
    form = response.context["clock_form"]
    assert "return_days" in form.errors
    response = client.post(
        reverse("dossiers:clock"), {"clock": "1", "return_days": 5, "appraisal_days": 10, "remind_days_before": 12}
    )
    assert response.context["clock_form"].errors == {"remind_days_before": ["Ngày nhắc phải trước thời hạn thẩm định."]}
    assert LegalClock.objects.count() == 0


def test_a_holiday_of_the_level_stops_its_clock_and_only_that_level_removes_it(world, client_for):
    client = client_for(world.users["phong_officer"])
    response = client.post(reverse("dossiers:clock"), {"holiday": "1", "date": "22/12/2026", "name": "Ngày hội huyện"})
    assert response.status_code == 302
    holiday = Holiday.objects.get()
    assert (holiday.scope, holiday.date) == (world.phong_a, D(2026, 12, 22))
    assert D(2026, 12, 22) in selectors.holidays_for(world.phong_a)
    assert D(2026, 12, 22) not in selectors.holidays_for(world.phong_b)
    again = client.post(reverse("dossiers:clock"), {"holiday": "1", "date": "22/12/2026", "name": "Trùng"})
    assert again.context["holiday_form"].errors == {"date": ["Ngày 22/12/2026 đã là ngày nghỉ ở đây."]}
    other = client_for(world.users["so_officer"])
    assert other.post(reverse("dossiers:holiday-remove", args=[holiday.pk])).status_code == 404
    client = client_for(world.users["phong_officer"])
    assert client.post(reverse("dossiers:holiday-remove", args=[holiday.pk])).status_code == 302
    assert Holiday.objects.count() == 0


def test_a_nationwide_holiday_shows_to_every_level_without_a_remove_button(world, client_for):
    services.holiday_add(unit=None, date=D(2027, 2, 8), name="Tết Nguyên đán", actor=None)
    page = client_for(world.users["phong_officer"]).get(reverse("dossiers:clock")).content.decode()
    assert "08/02/2027 · Tết Nguyên đán" in page and "toàn quốc" in page
    assert "holiday-remove" not in page and "/xoa/" not in page
