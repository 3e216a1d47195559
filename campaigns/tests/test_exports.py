"""The deadline status per unit as an Excel workbook, read back with openpyxl."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from campaigns import services
from campaigns.tests.factories import CampaignFactory
from exports.models import ExportJob
from exports.services import export_run
from units.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

EVIL = '=HYPERLINK("http://x","Trường")'
FIGURES = [
    {"key": "truong", "label": "Số trường đạt chuẩn quốc gia", "unit": "trường"},
    {"key": "ty_le", "label": "Tỉ lệ huy động trẻ 5 tuổi", "unit": "%"},
]


def _deadline(world, *, schools=()):
    """A Sở campaign for the schools listed (or every unit below), a report due 10/12/2026 asking for two
    figures; the clock (conftest) stands at 01/12/2026."""
    campaign = CampaignFactory(issuer=world.so, starts_on=datetime.date(2025, 9, 1), ends_on=datetime.date(2027, 8, 31))
    if schools:
        services.campaign_set_participants(campaign=campaign, actor=None, scope="list", units=list(schools))
    milestone = services.milestone_create(
        campaign=campaign,
        actor=None,
        deliverable="annual_report",
        title="Báo cáo số liệu",
        due_on=datetime.date(2026, 12, 10),
        figures=FIGURES,
    )
    services.campaign_set_state(campaign=campaign, new_state="launched", actor=None)
    return milestone.deadlines.get()


def _rows(response):
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    return book.worksheets[0], list(book.worksheets[0].iter_rows(values_only=True))


def test_deadline_status_export_reads_back_status_dates_version_and_figures(world, client_for):
    UnitFactory(parent=world.phong_b, name=EVIL)
    deadline = _deadline(world)
    services.submission_create(deadline=deadline, unit=world.school_a1, actor=None, figures={"truong": 2, "ty_le": 98})
    services.submission_create(
        deadline=deadline, unit=world.school_a1, actor=None, figures={"truong": 3, "ty_le": 99.5}, note="=1+1"
    )
    services.deadline_excuse(deadline=deadline, unit=world.school_a2, reason="@Trường sáp nhập", actor=None)
    services.deadline_extend(
        deadline=deadline, unit=world.school_b1, new_due_on=datetime.date(2026, 12, 20), reason="Lũ lụt", actor=None
    )
    sheet, rows = _rows(
        client_for(world.users["so_officer"]).get(reverse("campaigns:deadline-status-export", args=[deadline.pk]))
    )
    assert rows[0] == (
        "Mã đơn vị",
        "Đơn vị",
        "Tình trạng",
        "Hạn nộp",
        "Phiên bản mới nhất",
        "Thời điểm nộp",
        "Ngoại lệ",
        "Hạn mới",
        "Lý do",
        "Số trường đạt chuẩn quốc gia (trường)",
        "Tỉ lệ huy động trẻ 5 tuổi (%)",
    )
    by_name = {row[1]: row for row in rows[1:]}
    assert set(by_name) == {
        world.phong_a.name,
        world.phong_b.name,
        world.school_a1.name,
        world.school_a2.name,
        world.school_b1.name,
        EVIL,
    }
    a1 = by_name[world.school_a1.name]
    assert a1[:5] == (world.school_a1.code, world.school_a1.name, "Nộp đúng hạn", datetime.datetime(2026, 12, 10), 2)
    assert isinstance(a1[5], datetime.datetime) and a1[5].date() == datetime.date(2026, 12, 1)
    assert a1[6:] == (None, None, None, 3, 99.5)
    assert by_name[world.school_a2.name][2:] == (
        "Được miễn",
        datetime.datetime(2026, 12, 10),
        None,
        None,
        "Miễn nộp",
        None,
        "@Trường sáp nhập",
        None,
        None,
    )
    assert by_name[world.school_b1.name][2:9] == (
        "Được gia hạn",
        datetime.datetime(2026, 12, 20),
        None,
        None,
        "Gia hạn",
        datetime.datetime(2026, 12, 20),
        "Lũ lụt",
    )
    assert by_name[EVIL][2] == "Chưa đến hạn"
    cells = {c.value: c for row in sheet.iter_rows(min_row=2) for c in row if c.value is not None}
    assert (cells[EVIL].data_type, cells[EVIL].quotePrefix) == ("s", True)
    assert (cells["@Trường sáp nhập"].data_type, cells["@Trường sáp nhập"].quotePrefix) == ("s", True)
    assert cells[datetime.datetime(2026, 12, 20)].number_format == "DD/MM/YYYY"
    assert cells[99.5].data_type == "n"
    assert sheet.freeze_panes == "A2"


def test_deadline_status_export_follows_the_status_page_rule(world, client_for):
    deadline = _deadline(world)
    url = reverse("campaigns:deadline-status-export", args=[deadline.pk])
    assert client_for(world.users["outsider"]).get(url).status_code == 404
    assert client_for(world.users["school_clerk"]).get(url).status_code == 403
    page = client_for(world.users["leader"]).get(reverse("campaigns:deadline-status", args=[deadline.pk]))
    assert f'href="{url}"' in page.content.decode()


@pytest.mark.parametrize("units", [1, 30])
def test_deadline_status_export_costs_the_same_for_1_and_30_units(world, client_for, django_assert_num_queries, units):
    schools = [UnitFactory(parent=world.phong_a) for _n in range(units)]
    deadline = _deadline(world, schools=schools)
    for school in schools:
        services.submission_create(deadline=deadline, unit=school, actor=None, figures={"truong": 1, "ty_le": 100})
    client = client_for(world.users["so_officer"])
    # 9 + the COUNT that chooses between the file at once and a worker's job + the exporter's scoped read
    with django_assert_num_queries(12):
        response = client.get(reverse("campaigns:deadline-status-export", args=[deadline.pk]))
    _sheet, rows = _rows(response)
    assert len(rows) == units + 1 and {row[9:] for row in rows[1:]} == {(1, 100)}


def test_deadline_status_export_past_the_limit_is_written_by_the_worker(world, client_for, settings):
    settings.EXPORT_INLINE_ROWS = 2
    deadline = _deadline(world, schools=[world.school_a1, world.school_a2, world.school_b1])
    services.submission_create(
        deadline=deadline, unit=world.school_a1, actor=None, figures={"truong": 3, "ty_le": 99.5}
    )
    client = client_for(world.users["so_officer"])

    response = client.get(reverse("campaigns:deadline-status-export", args=[deadline.pk]))
    job = ExportJob.objects.get()
    export_run(job_id=job.pk)  # what the worker's task calls
    job.refresh_from_db()
    download = client.get(reverse("exports:download", args=[job.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content))).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    a1 = next(row for row in rows if row[1] == world.school_a1.name)

    assert (response.status_code, response.url) == (302, reverse("exports:job", args=[job.pk]))
    assert (job.state, job.kind, job.params, job.rows_written) == (
        "done",
        "campaigns.deadline_status",
        {"deadline": deadline.pk},
        3,
    )
    assert sorted(row[1] for row in rows[1:]) == sorted(
        [world.school_a1.name, world.school_a2.name, world.school_b1.name]
    )
    assert (a1[3], a1[9:]) == (datetime.datetime(2026, 12, 10), (3, 99.5))
