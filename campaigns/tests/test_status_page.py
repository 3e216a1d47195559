"""A deadline's status page at a province's scale (issue 14): counts from SQL, the units directly below
the issuer with their own counts and a link into each, missing and late units first, 50 a page, the
same queries and under 200 KB of HTML at 10 units and at 1,000."""

import datetime

import pytest
from django.urls import reverse

from campaigns import services
from campaigns.models import DeadlineException, Submission
from campaigns.selectors import STATUS_PAGE_SIZE
from campaigns.tests.factories import running_campaign
from common.text import fold, sort_key
from units.enums import UnitKind
from units.models import Unit

pytestmark = pytest.mark.django_db

DUE = datetime.date(2026, 11, 20)  # before the suite's day (01/12/2026)


def _bulk_schools(parent: Unit, count: int, *, first: int) -> list[Unit]:
    """``count`` schools under ``parent`` written in one bulk insert (paths numbered from ``first``)."""
    rows = []
    for n in range(count):
        name = f"Trường Tiểu học Loạt {parent.pk}-{n:04d}"
        rows.append(
            Unit(
                path=Unit._get_path(parent.path, parent.depth + 1, first + n),
                depth=parent.depth + 1,
                numchild=0,
                kind=UnitKind.PRIMARY_SCHOOL,
                name=name,
                code=f"L{parent.pk}-{n:04d}",
                name_search=fold(name),
                name_sort=sort_key(name),
            )
        )
    Unit.objects.bulk_create(rows, batch_size=500)
    return list(Unit.objects.filter(path__startswith=parent.path, depth=parent.depth + 1, code__startswith="L"))


def _province(world, schools: int):
    """A running Sở campaign due 20/11/2026 owed by ``schools`` more schools split between Phòng A and B:
    a third sent on time, a third late, the rest missing; one excused."""
    campaign = running_campaign(world)
    milestone = services.milestone_create(
        campaign=campaign,
        actor=None,
        deliverable="annual_report",
        title="Báo cáo năm",
        due_on=DUE,
        amendment_reason="Bổ sung hạn",
    )
    deadline = milestone.deadlines.get()
    made = _bulk_schools(world.phong_a, schools // 2, first=10) + _bulk_schools(
        world.phong_b, schools - schools // 2, first=10
    )
    sent = []
    for n, unit in enumerate(made):
        if n % 3 == 2:
            continue
        day = DUE - datetime.timedelta(days=1) if n % 3 == 0 else DUE + datetime.timedelta(days=3)
        moment = datetime.datetime.combine(day, datetime.time(9), tzinfo=datetime.UTC)
        sent.append(Submission(deadline=deadline, unit=unit, version=1, submitted_at=moment))
    Submission.objects.bulk_create(sent, batch_size=1000)
    DeadlineException.objects.create(deadline=deadline, unit=made[2], kind="excused", reason="Trường sáp nhập")
    return deadline, made


@pytest.mark.parametrize("schools", [10, 1000])
def test_status_page_queries_and_size_do_not_grow_with_units(world, client_for, django_assert_num_queries, schools):
    deadline, _made = _province(world, schools)
    client = client_for(world.users["so_officer"])
    with django_assert_num_queries(15):
        response = client.get(reverse("campaigns:deadline-status", args=[deadline.pk]))
    html = response.content.decode()
    assert len(response.content) < 200_000
    # Owing: the two Phòngs, the three schools of the world and the schools made.
    counts = {status.value: n for status, n in response.context["counts"]}
    missing = sum(1 for n in range(schools) if n % 3 == 2) - 1  # one of them excused
    assert counts == {
        "not_due": 0,
        "on_time": sum(1 for n in range(schools) if n % 3 == 0),
        "late": sum(1 for n in range(schools) if n % 3 == 1),
        "missing": missing + 5,
        "excused": 1,
        "extended": 0,
    }
    rows = response.context["statuses"]
    assert len(rows) == min(schools + 5, STATUS_PAGE_SIZE)
    # Missing first, then late; on time last.
    order = {"missing": 0, "late": 1, "extended": 2, "not_due": 3, "excused": 4, "on_time": 5}
    ranks = [order[row.status.value] for row in rows]
    assert ranks == sorted(ranks)
    assert rows[0].status.value == "missing"
    # One group per Phòng, each with its own counts and a link into it.
    groups = {g.unit.pk: g for g in response.context["groups"]}
    assert set(groups) == {world.phong_a.pk, world.phong_b.pk}
    assert groups[world.phong_a.pk].owing == 1 + 2 + schools // 2  # the Phòng, A1, A2 and its schools
    assert f'?nhom={world.phong_b.pk}"' in html
    assert html.count('data-testid="status-row"') == len(rows)


def test_status_page_drills_into_one_phong_and_pages_through(world, client_for):
    deadline, made = _province(world, 130)
    client = client_for(world.users["so_officer"])
    url = reverse("campaigns:deadline-status", args=[deadline.pk])
    response = client.get(url, {"nhom": world.phong_b.pk})
    rows = response.context["statuses"]
    b_units = {world.phong_b.pk, world.school_b1.pk} | {u.pk for u in made if u.path.startswith(world.phong_b.path)}
    assert response.context["group"] == world.phong_b
    assert response.context["groups"] == []
    assert sum(n for _s, n in response.context["counts"]) == len(b_units) == 67
    assert {row.unit.pk for row in rows} <= b_units
    second = client.get(url, {"nhom": world.phong_b.pk, "page": 2})
    assert len(rows) + len(second.context["statuses"]) == 67
    assert {row.unit.pk for row in rows} | {row.unit.pk for row in second.context["statuses"]} == b_units
    assert (response.context["page"].has_next(), second.context["page"].number) == (True, 2)


def test_status_page_keeps_one_status(world, client_for):
    deadline, _made = _province(world, 30)
    client = client_for(world.users["so_officer"])
    response = client.get(reverse("campaigns:deadline-status", args=[deadline.pk]), {"trang_thai": "late"})
    assert {row.status.value for row in response.context["statuses"]} == {"late"}
    assert len(response.context["statuses"]) == 10


def test_status_page_bad_filters_are_said_not_an_error(world, client_for):
    deadline, _made = _province(world, 10)
    client = client_for(world.users["so_officer"])
    url = reverse("campaigns:deadline-status", args=[deadline.pk])
    response = client.get(url, {"nhom": "abc", "trang_thai": "soon"})
    texts = [str(m) for m in response.context["messages"]]
    assert texts == [
        "Không hiểu nhóm đơn vị trong địa chỉ; trang hiện mọi đơn vị.",
        "Không hiểu trạng thái trong địa chỉ; trang hiện mọi trạng thái.",
    ]
    assert len(response.context["statuses"]) == 15
    # A unit outside the issuer's tree: 404, as any object outside the scope.
    assert client.get(url, {"nhom": world.other_so.pk}).status_code == 404
