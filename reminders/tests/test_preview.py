"""The reminder preview counts per day and offset; the units of one line come on demand (issue 14)."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from reminders.tests.factories import DUE, at, reminder_world
from units.models import User
from units.tests.factories import bulk_schools

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)
MAX_HTML = 200 * 1024


def _log_url(world):
    return reverse("reminders:reminder-log", args=[world.extra["milestone"].pk])


def _units_url(world, **params):
    url = reverse("reminders:reminder-preview-units", args=[world.extra["milestone"].pk])
    return url + "?" + "&".join(f"{k}={v}" for k, v in {"han": world.extra["deadline"].pk, **params}.items())


def _preview_table(html):
    return html[html.index('data-testid="reminder-preview"') : html.index('id="preview-units"')]


def test_preview_counts_reminders_per_day_and_offset(world, client_for):
    reminder_world(world)
    with time_machine.travel(at(DUE - 4 * DAY), tick=False):
        response = client_for(world.users["so_officer"]).get(_log_url(world))
    lines = [(p["when"], p["kind"], p["offset"], p["units"], p["messages"]) for p in response.context["preview"]]
    # A1 (a clerk), A2 (a head), B1 (a clerk and a head): 3 units, 4 messages on each reminder day; the
    # 7-day reminder missed is caught up today.
    assert lines[0] == (DUE - 4 * DAY, "reminder", 7, 3, 4)
    assert (DUE - 3 * DAY, "reminder", 3, 3, 4) in lines
    assert (
        "escalation" in {line[1] for line in lines},
        "Trường Tiểu học Thử A1" in _preview_table(response.content.decode()),
    ) == (
        True,
        False,
    )


def test_preview_units_of_one_line_are_listed_on_demand(world, client_for):
    reminder_world(world)
    client = client_for(world.users["so_officer"])
    with time_machine.travel(at(DUE - 4 * DAY), tick=False):
        fragment = client.get(
            _units_url(world, ngay=(DUE - 3 * DAY).isoformat(), loai="reminder", offset=3), HTTP_HX_REQUEST="true"
        )
        page = client.get(_units_url(world, ngay=(DUE - 3 * DAY).isoformat(), loai="reminder", offset=3))
    rows = [(p["unit"].name, p["recipient"].username) for p in fragment.context["page"]]
    assert rows == [
        ("Trường THCS Thử A2", "head_a2"),
        ("Trường Tiểu học Thử A1", "clerk_a1"),
        ("Trường Tiểu học Thử B1", "clerk_b1"),
        ("Trường Tiểu học Thử B1", "head_b1"),
    ]
    assert ("<html" in fragment.content.decode(), "<html" in page.content.decode()) == (False, True)
    assert "3 ngày trước hạn" in page.content.decode()


def test_preview_units_of_a_digest_line_name_the_late_units(world, client_for):
    reminder_world(world)
    with time_machine.travel(at(DUE - 4 * DAY), tick=False):
        client = client_for(world.users["so_officer"])
        digest = next(p for p in client.get(_log_url(world)).context["preview"] if p["kind"] == "escalation")
        response = client.get(
            _units_url(world, ngay=digest["when"].isoformat(), loai="escalation", offset=digest["offset"])
        )
    assert "Đơn vị chậm nộp: Trường Tiểu học Thử A1" in response.content.decode() or (
        "Đơn vị chậm nộp: Trường Tiểu học Thử B1" in response.content.decode()
    )


def test_preview_units_refuse_a_malformed_line_with_a_message(world, client_for):
    reminder_world(world)
    client = client_for(world.users["so_officer"])
    bad = client.get(_units_url(world, ngay="05-02-2025", loai="reminder", offset=3))
    wrong_kind = client.get(_units_url(world, ngay=DUE.isoformat(), loai="spam", offset=0))
    assert (bad.status_code, wrong_kind.status_code) == (400, 400)
    assert "Dòng xem trước này không hợp lệ" in bad.content.decode()


def test_preview_units_of_a_deadline_of_another_milestone_are_not_found(world, client_for):
    reminder_world(world)
    url = reverse("reminders:reminder-preview-units", args=[world.extra["milestone"].pk])
    response = client_for(world.users["so_officer"]).get(
        url, {"han": 999999, "ngay": DUE.isoformat(), "loai": "reminder", "offset": 0}
    )
    assert response.status_code == 404


@pytest.mark.parametrize("units", [10, 1000])
def test_reminder_log_costs_the_same_at_10_and_1000_units(units, world, client_for, django_assert_num_queries):
    schools = bulk_schools(world.phong_a, units)
    User.objects.bulk_create(User(username=f"bulk_clerk_{u.pk}", unit=u, is_clerk=True) for u in schools)
    reminder_world(world)
    client = client_for(world.users["so_officer"])
    with time_machine.travel(at(DUE - 8 * DAY), tick=False):
        client.get(_log_url(world))  # warm the session
        with django_assert_num_queries(15):
            response = client.get(_log_url(world))
    first = response.context["preview"][0]
    assert (first["when"], first["offset"], first["units"], first["messages"]) == (
        DUE - 8 * DAY,
        14,  # the 14-day reminder, caught up today
        units + 3,
        units + 4,
    )
    assert len(response.content) < MAX_HTML
