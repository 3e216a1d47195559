"""A deadline's figures summed up the tree, computed by hand: schools report, the Phòng rows add them up,
shares are averaged, the campaign's targets stand beside, the units that did not report are named."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from campaigns import services as campaign_services
from campaigns.tests.factories import CampaignFactory
from exports.models import ExportJob
from exports.services import export_run
from reports import selectors

pytestmark = pytest.mark.django_db


@pytest.fixture
def reported(world):
    """A Sở draft campaign with targets 344 trường and 99,5 %, a deadline of 20/11/2026 asking for both
    figures, launched; A1 reports 3 and 99, A2 reports 2 and 100, B1 reports 1 and 97; the Phòng and
    nothing else."""
    campaign = CampaignFactory(issuer=world.so, starts_on=datetime.date(2025, 9, 1), ends_on=datetime.date(2027, 8, 31))
    campaign_services.criterion_add(
        campaign=campaign,
        actor=None,
        number="1",
        title="Số trường đạt chuẩn quốc gia đến năm 2025",
        target_value="344",
        target_unit="trường",
    )
    campaign_services.criterion_add(
        campaign=campaign,
        actor=None,
        number="2",
        title="Tỉ lệ huy động trẻ 5 tuổi ra lớp",
        target_value="99,5",
        target_unit="%",
    )
    milestone = campaign_services.milestone_create(
        campaign=campaign,
        actor=None,
        deliverable="annual_report",
        title="Báo cáo số liệu",
        due_on=datetime.date(2026, 11, 20),
        figures=[
            {"key": "truong", "label": "Số trường đạt chuẩn quốc gia", "unit": "trường"},
            {"key": "ty_le", "label": "Tỉ lệ huy động trẻ 5 tuổi", "unit": "%"},
        ],
    )
    campaign_services.campaign_set_state(campaign=campaign, new_state="launched", actor=None)
    deadline = milestone.deadlines.get()
    for unit, truong, ty_le in ((world.school_a1, 3, 99), (world.school_a2, 2, 100), (world.school_b1, 1, 97)):
        campaign_services.submission_create(
            deadline=deadline, unit=unit, actor=None, figures={"truong": truong, "ty_le": ty_le}
        )
    world.extra["deadline"] = deadline
    return world


def _table(summary):
    return [(r.unit.name, r.reported, r.owing, r.values, [u.name for u in r.missing]) for r in summary.rows]


def test_figures_sum_per_phong_and_for_the_issuer(reported):
    w = reported
    summary = selectors.figure_summary(w.users["so_officer"], w.extra["deadline"])
    assert [f["averaged"] for f in summary.figures] == [False, True]
    # Phòng A: A1 3 + A2 2 = 5 trường; (99 + 100) / 2 = 99,5 %; the Phòng itself has not reported.
    # Phòng B: 1 trường, 97 %; the Phòng has not reported. The Sở owes nothing to its own plan.
    assert _table(summary) == [
        (w.phong_a.name, 2, 3, [Decimal(5), Decimal("99.50")], [w.phong_a.name]),
        (w.phong_b.name, 1, 2, [Decimal(1), Decimal("97.00")], [w.phong_b.name]),
    ]
    total = summary.total
    # (99 + 100 + 97) / 3 = 98,67 %; 6 of the 344 schools aimed at.
    assert (total.reported, total.owing, total.values) == (3, 5, [Decimal(6), Decimal("98.67")])
    assert [f["target"].target_value for f in summary.figures] == [Decimal(344), Decimal("99.5")]
    assert summary.progress == [2, 99]


def test_figures_drill_down_to_a_phong_and_scope(reported, client_for):
    w = reported
    url = reverse("reports:figures", args=[w.extra["deadline"].pk])
    drilled = selectors.figure_summary(w.users["so_officer"], w.extra["deadline"], root=w.phong_a)
    assert _table(drilled) == [
        (w.phong_a.name, 0, 1, [None, None], [w.phong_a.name]),
        (w.school_a2.name, 1, 1, [Decimal(2), Decimal("100.00")], []),
        (w.school_a1.name, 1, 1, [Decimal(3), Decimal("99.00")], []),
    ]
    page = client_for(w.users["leader"]).get(url, {"unit": w.phong_a.pk}).content.decode()
    assert "Số trường đạt chuẩn quốc gia (trường)" in page and "99,5" in page and "truong" not in page
    assert client_for(w.users["so_officer"]).get(url, {"unit": w.other_so.pk}).status_code == 404
    # A Phòng's officer or a school's clerk does not oversee the Sở's campaign: the status page's rule.
    assert client_for(w.users["phong_officer"]).get(url).status_code == 403
    assert client_for(w.users["school_clerk"]).get(url).status_code == 403
    assert client_for(w.users["outsider"]).get(url).status_code == 404


def test_figures_export_reads_back(reported, client_for):
    w = reported
    response = client_for(w.users["so_officer"]).get(reverse("reports:figures-export", args=[w.extra["deadline"].pk]))
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert rows[0][3:] == ("Số trường đạt chuẩn quốc gia (trường)", "Tỉ lệ huy động trẻ 5 tuổi (%)")
    assert rows[1] == (w.phong_a.name, 2, 3, 5, 99.5)
    assert rows[3] == ("Tổng cộng", 3, 5, 6, 98.67)
    assert rows[4][3:] == (344, 99.5)
    assert [r[0] for r in book.worksheets[1].iter_rows(min_row=2, values_only=True)] == [w.phong_a.name, w.phong_b.name]
    assert book.worksheets[0].freeze_panes == "A2"


def test_figures_export_past_the_limit_is_written_by_the_worker(reported, client_for, settings):
    w = reported
    settings.EXPORT_INLINE_ROWS = 1
    client = client_for(w.users["so_officer"])

    queued = client.get(reverse("reports:figures-export", args=[w.extra["deadline"].pk]))
    job = ExportJob.objects.get()
    export_run(job_id=job.pk)  # what the worker's task calls
    job.refresh_from_db()
    download = client.get(reverse("exports:download", args=[job.pk]))
    book = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    rows = list(book.worksheets[0].iter_rows(values_only=True))

    assert (queued.status_code, queued.url) == (302, reverse("exports:job", args=[job.pk]))
    assert (job.state, job.kind, job.params) == (
        "done",
        "reports.figures",
        {"deadline": w.extra["deadline"].pk, "unit": None},
    )
    assert rows[1] == (w.phong_a.name, 2, 3, 5, 99.5)
    assert rows[3] == ("Tổng cộng", 3, 5, 6, 98.67)
