"""The leader dashboard's tables on a small tree computed by hand, its drill-down scope, its filters
and its .xlsx export."""

import datetime
import io
import json

import openpyxl
import pytest
import time_machine
from django.urls import reverse
from django.utils.html import escape

from awards.tests.factories import AwardRecordFactory, catalogue_award
from campaigns import services as campaign_services
from campaigns.tests.factories import running_campaign
from dossiers.tests.factories import school_year_round
from emulation.tests.factories import unit_registration
from exports.models import ExportJob
from exports.services import export_run
from reports import selectors
from units.tests.factories import PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(world):
    """Deadline of 20/11/2026 of a Sở campaign: A1 on time (15/11), A2 late (today, 01/12), Phòng A
    excused, Phòng B and B1 missing. A1 registered, B1 only drafted. Two LĐTT in 2025–2026 (A1, B1)."""
    campaign = running_campaign(world)
    milestone = campaign_services.milestone_create(
        campaign=campaign,
        actor=None,
        deliverable="annual_report",
        title="Báo cáo tháng 11",
        due_on=datetime.date(2026, 11, 20),
        amendment_reason="Bổ sung hạn nộp",
    )
    deadline = milestone.deadlines.get()
    with time_machine.travel(datetime.datetime(2026, 11, 15, 3, 0, tzinfo=datetime.UTC)):
        campaign_services.submission_create(deadline=deadline, unit=world.school_a1, actor=None, note="Đúng hạn")
    campaign_services.submission_create(deadline=deadline, unit=world.school_a2, actor=None, note="Trễ hạn")
    campaign_services.deadline_excuse(deadline=deadline, unit=world.phong_a, reason="Sáp nhập", actor=None)
    unit_registration(world, campaign, unit=world.school_a1, state="submitted")
    unit_registration(world, campaign, unit=world.school_b1, state="draft")
    ldtt = catalogue_award("LDTT")
    AwardRecordFactory(person=world.person_a1, award=ldtt, school_year=2025)
    AwardRecordFactory(person=world.person_b1, award=ldtt, school_year=2025)
    world.extra.update(campaign=campaign, deadline=deadline, ldtt=ldtt)
    return world


def _cells(board):
    return {
        unit.name: [
            (c.counts["on_time"], c.counts["late"], c.counts["missing"], c.counts["excused"], c.heat) for c in cells
        ]
        for unit, cells in board.heatmap
    }


def test_heatmap_sums_each_subtree_by_hand(tree):
    board = selectors.board(tree.users["leader"])
    assert [u.name for u in board.rows] == [tree.so.name, tree.phong_a.name, tree.phong_b.name]
    assert _cells(board) == {
        tree.so.name: [(0, 0, 0, 0, "heat-none")],  # the Sở owes nothing to its own plan
        # Phòng A excused, A1 on time, A2 late: 1 on time of the 2 that owed → 50 % → heat-2.
        tree.phong_a.name: [(1, 1, 0, 1, "heat-2")],
        tree.phong_b.name: [(0, 0, 2, 0, "heat-0")],
    }
    drilled = selectors.board(tree.users["leader"], root=tree.phong_a)
    assert _cells(drilled) == {
        tree.phong_a.name: [(0, 0, 0, 1, "heat-none")],
        tree.school_a1.name: [(1, 0, 0, 0, "heat-4")],
        tree.school_a2.name: [(0, 1, 0, 0, "heat-0")],
    }
    assert [u.name for u in drilled.breadcrumb] == [tree.so.name]


def test_coverage_awards_and_pipeline_by_hand(tree):
    board = selectors.board(tree.users["leader"])
    (coverage,) = board.coverage
    # Taking part: every unit below the Sở; registered: A1 only (B1's draft was never sent).
    assert [(u.name, part, reg) for u, part, reg in coverage["rows"]] == [
        (tree.so.name, 0, 0),
        (tree.phong_a.name, 3, 1),
        (tree.phong_b.name, 2, 0),
    ]
    assert board.award_years == [2021, 2022, 2023, 2024, 2025]
    assert board.awards == [{"name": tree.extra["ldtt"].name, "counts": [0, 0, 0, 0, 2]}]
    assert [(u.name, n) for u, n in board.awards_by_unit] == [
        (tree.so.name, 0),
        (tree.phong_a.name, 1),
        (tree.phong_b.name, 1),
    ]
    assert sum(n for _s, _l, n in board.pipeline) == 0
    # A filter by unit kind keeps only primary schools: A2 (lower secondary) and the Phòng drop out.
    primary = selectors.board(tree.users["leader"], kind="primary_school")
    assert _cells(primary)[tree.phong_a.name] == [(1, 0, 0, 0, "heat-4")]


def test_clerk_sees_only_its_own_unit(tree):
    board = selectors.board(tree.users["school_clerk"])
    assert [u.name for u in board.rows] == [tree.school_a1.name]
    assert _cells(board) == {tree.school_a1.name: [(1, 0, 0, 0, "heat-4")]}
    assert board.awards_by_unit == [(tree.school_a1, 1)]


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("school_clerk", 200),
        ("other_head", 404),
        ("phong_officer", 200),
        ("so_officer", 200),
        ("leader", 200),
        ("outsider", 404),
    ],
)
def test_drill_down_to_a_school_follows_the_scope(tree, client_for, persona, status):
    client = client_for(tree.users[persona])
    response = client.get(reverse("reports:dashboard"), {"unit": tree.school_a1.pk})
    assert response.status_code == status
    if status == 200:
        assert [u.name for u in response.context["board"].rows] == [tree.school_a1.name]


def test_drill_links_and_chart_data_lead_down_the_tree(tree, client_for):
    client = client_for(tree.users["leader"])
    response = client.get(reverse("reports:dashboard"), {"nam_hoc": "2026"})
    page = response.content.decode()
    url = f"{reverse('reports:dashboard')}?nam_hoc=2026&amp;unit={tree.phong_a.pk}#board"
    assert f'href="{url}"' in page
    charts = response.context["charts"]
    assert charts["deadlines"]["urls"][0] is None
    assert charts["deadlines"]["urls"][1] == f"{reverse('reports:dashboard')}?nam_hoc=2026&unit={tree.phong_a.pk}"
    assert charts["deadlines"]["datasets"][2] == {"key": "missing", "label": "Chưa nộp (quá hạn)", "data": [0, 0, 2]}
    data = json.loads(page.split('id="dashboard-charts" type="application/json">')[1].split("</script>")[0])
    assert data["pipeline"]["labels"][0] == "Đang soạn"
    assert 'src="/static/vendor/chartjs/chart.umd.min.js"' in page and "<script>" not in page
    drilled = client.get(url.replace("&amp;", "&"))
    assert drilled.context["board"].root == tree.phong_a
    rows = [u.name for u in drilled.context["board"].rows]
    assert rows == [tree.phong_a.name, tree.school_a2.name, tree.school_a1.name]
    assert 'aria-current="page">PGDĐTA</li>' in drilled.content.decode()


@pytest.mark.parametrize(
    "params",
    [{"unit": "abc"}, {"phong_trao": "x'"}, {"nam_hoc": "20x5"}, {"loai": "castle"}, {"phong_trao": "999999"}],
)
def test_malformed_filters_are_ignored_with_a_message(tree, client_for, params):
    response = client_for(tree.users["leader"]).get(reverse("reports:dashboard"), params)
    assert response.status_code == 200
    messages = [str(m) for m in response.context["messages"]]
    assert len(messages) == 1 and ("không hợp lệ" in messages[0] or "Không hiểu đơn vị" in messages[0])
    assert response.context["board"].root == tree.so
    assert response.context["keep"] == ""


def test_export_reads_back_with_openpyxl(tree, client_for):
    response = client_for(tree.users["so_officer"]).get(reverse("reports:dashboard-export"), {"unit": tree.phong_a.pk})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "Các hạn nộp",
        "Đăng ký thi đua",
        "Khen thưởng",
        "Hồ sơ đề nghị",
        "Thời hạn xử lý hồ sơ",
        "Chỉ tiêu phong trào",
        "Chỉ tiêu khen thưởng",
    ]
    sheet = book["Các hạn nộp"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "Đơn vị",
        "Phong trào",
        "Hạn nộp",
        "Hạn",
        "Nộp đúng hạn",
        "Nộp muộn",
        "Chưa nộp (quá hạn)",
        "Được miễn",
        "Đúng hạn (%)",
    )
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.b
    assert rows[1][0] == tree.phong_a.name and rows[1][3] == datetime.datetime(2026, 11, 20)
    # Rows in name order: THCS A2 (late) before Tiểu học A1 (on time).
    assert rows[2][0] == tree.school_a2.name and rows[2][4:] == (0, 1, 0, 0, 0)
    assert rows[3][0] == tree.school_a1.name and rows[3][4:] == (1, 0, 0, 0, 100)
    registrations = list(book["Đăng ký thi đua"].iter_rows(values_only=True))
    assert [r[1:] for r in registrations[1:]] == [
        (tree.phong_a.name, 1, 0),
        (tree.school_a2.name, 1, 0),
        (tree.school_a1.name, 1, 1),
    ]


def test_export_keeps_formula_looking_names_as_text(tree, client_for):
    school = UnitFactory(parent=tree.phong_b, name='=HYPERLINK("http://x")')
    PersonFactory(unit=school)
    response = client_for(tree.users["leader"]).get(reverse("reports:dashboard-export"), {"unit": tree.phong_b.pk})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content))["Các hạn nộp"]
    cell = next(c for c in sheet["A"] if c.value and str(c.value).startswith("="))
    assert cell.data_type == "s" and cell.quotePrefix


@pytest.mark.parametrize("extra_schools", [10, 120])
def test_dashboard_and_drill_down_query_counts_do_not_grow_with_units(
    tree, client_for, django_assert_num_queries, extra_schools
):
    school_year_round(tree.so, quotas={"LDTT": 2})
    for i in range(extra_schools):
        school = UnitFactory(parent=tree.phong_b if i % 2 else tree.phong_a, name=f"Trường Mầm non Đếm {i:03d}")
        PersonFactory(unit=school)
    client = client_for(tree.users["so_officer"])
    # The targets (campaigns, criteria and milestones: no target here) and the quotas (round, awards, nominees).
    with django_assert_num_queries(33):  # the root's predecessors (a merger's rows), the running clocks
        response = client.get(reverse("reports:dashboard"))
    assert response.context["board"].heatmap[2][1][0].counts["missing"] == 2 + extra_schools // 2
    assert len(response.context["board"].quotas.rows) == 2
    with django_assert_num_queries(35):  # the unit asked for and its ancestors (breadcrumb)
        drilled = client.get(reverse("reports:dashboard"), {"unit": tree.phong_b.pk})
    assert len(drilled.context["board"].quotas.rows) == 2 + extra_schools // 2


def test_after_a_merger_the_successor_drills_into_its_predecessors_units(tree):
    """Vĩnh Long's Sở after it took in Bến Tre's: Bến Tre's Phòng are rows of its board, with their
    statuses; a drill into one leads back up to the successor (never to the closed predecessor)."""
    from units import services as unit_services
    from units.enums import UnitKind
    from units.tests.factories import UserFactory

    successor = UnitFactory(
        kind=UnitKind.EDUCATION_DEPARTMENT, name="Sở Giáo dục và Đào tạo Kế thừa", short_name="SGDKT"
    )
    own_school = UnitFactory(parent=successor, kind=UnitKind.UPPER_SECONDARY_SCHOOL, name="Trường THPT Kế thừa")
    unit_services.unit_merge(sources=[tree.so], into=successor, date=datetime.date(2025, 7, 1), actor=None)
    leader = UserFactory(username="leader_successor", unit=successor, is_leader=True)

    board = selectors.board(leader)
    assert [u.name for u in board.rows] == [successor.name, tree.phong_a.name, tree.phong_b.name, own_school.name]
    cells = _cells(board)
    assert cells[tree.phong_a.name] == [(1, 1, 0, 1, "heat-2")]
    assert cells[tree.phong_b.name] == [(0, 0, 2, 0, "heat-0")]
    drilled = selectors.board(leader, root=tree.phong_a)
    assert [u.name for u in drilled.breadcrumb] == [successor.name]
    assert _cells(drilled)[tree.school_a1.name] == [(1, 0, 0, 0, "heat-4")]


def test_rows_sharing_a_short_name_show_their_full_names(tree, client_for):
    tree.phong_b.short_name = tree.phong_a.short_name
    tree.phong_b.save(update_fields=["short_name"])
    board = selectors.board(tree.users["leader"])
    assert [u.row_label for u in board.rows] == [tree.so.short_name, tree.phong_a.name, tree.phong_b.name]
    page = client_for(tree.users["leader"]).get(reverse("reports:dashboard"))
    charted = json.dumps(page.context["charts"], ensure_ascii=False)
    assert tree.phong_a.name in charted and tree.phong_b.name in charted
    assert f'data-testid="drill-link">{escape(tree.phong_b.name)}</a>' in page.content.decode()


def test_legal_clocks_are_counted_per_row_by_hand(world):
    """A dossier sent to Phòng A on Wed 20/05/2026 must be checked within 5 working days (by 27/05): on
    track on Fri 22/05 (3 days left), running out on Tue 26/05 (1 left), overdue on Mon 01/06."""
    from dossiers import services as dossier_services
    from dossiers.tests.factories import ready_dossier

    with time_machine.travel(datetime.datetime(2026, 5, 20, 9, 0, tzinfo=datetime.UTC), tick=False):
        dossier_services.dossier_send(dossier=ready_dossier(world), actor=None)
    leader = world.users["leader"]
    for today, expected in (
        (datetime.date(2026, 5, 22), (0, 0, 1)),
        (datetime.date(2026, 5, 26), (0, 1, 0)),
        (datetime.date(2026, 6, 1), (1, 0, 0)),
    ):
        board = selectors.board(leader, today=today)
        assert [(u.name, *counts) for u, *counts in board.clocks] == [
            (world.so.name, 0, 0, 0),
            (world.phong_a.name, *expected),
            (world.phong_b.name, 0, 0, 0),
        ]


def test_export_past_the_limit_is_the_same_workbook_from_the_worker(tree, client_for, settings):
    client = client_for(tree.users["so_officer"])
    at_once = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("reports:dashboard-export"), {"unit": tree.phong_a.pk}).content)
    )
    settings.EXPORT_INLINE_ROWS = 1

    queued = client.get(reverse("reports:dashboard-export"), {"unit": tree.phong_a.pk})
    job = ExportJob.objects.get()
    export_run(job_id=job.pk)  # what the worker's task calls
    job.refresh_from_db()
    download = client.get(reverse("exports:download", args=[job.pk]))
    from_job = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content)))

    assert (queued.status_code, queued.url) == (302, reverse("exports:job", args=[job.pk]))
    assert (job.state, job.kind) == ("done", "reports.dashboard")
    assert job.params == {"unit": tree.phong_a.pk, "campaign": None, "school_year": None, "kind": ""}
    assert from_job.sheetnames == at_once.sheetnames
    assert [list(s.iter_rows(values_only=True)) for s in from_job] == [
        list(s.iter_rows(values_only=True)) for s in at_once
    ]
    assert job.rows_written == sum(s.max_row - 1 for s in at_once)
