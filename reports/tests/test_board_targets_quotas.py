"""The leader dashboard's targets against the figures reported, and the quota used against the quota
per unit, computed by hand on the test tree, with their chart data, table rows and .xlsx sheets."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from campaigns import services as campaign_services
from campaigns.tests.factories import running_campaign
from dossiers.models import Dossier, Nominee
from dossiers.tests.factories import award, dossier_for, school_year_round
from reports import selectors
from units.tests.factories import PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def targets(world):
    """Targets 344 schools (a count, summed) and 99,5 % (a share, averaged) of a Sở campaign, and a third
    target no milestone asks a figure for. Reports on 20/11/2026: A1 3 then 5 schools (its second report
    counts) and 99 %, A2 2 and 98 %, B1 4 and 100 %; Phòng B's report is missing."""
    campaign = running_campaign(world)
    add = {"campaign": campaign, "actor": None, "amendment_reason": "Bổ sung chỉ tiêu"}
    campaign_services.criterion_add(
        **add, number="1", title="Số trường đạt chuẩn quốc gia", target_value="344", target_unit="trường"
    )
    campaign_services.criterion_add(
        **add, number="2", title="Tỷ lệ trẻ 5 tuổi đi học", target_value="99.5", target_unit="%", target_year=2025
    )
    campaign_services.criterion_add(
        **add, number="3", title="Số thư viện đạt chuẩn", target_value="50", target_unit="thư viện"
    )
    milestone = campaign_services.milestone_create(
        **add,
        deliverable="midterm_report",
        title="Báo cáo số liệu",
        due_on=datetime.date(2026, 11, 20),
        figures=[
            {"key": "truong", "label": "Số trường đạt chuẩn quốc gia", "unit": "trường"},
            {"key": "tre5", "label": "Tỷ lệ trẻ 5 tuổi đi học", "unit": "%"},
        ],
    )
    deadline = milestone.deadlines.get()
    for unit, schools, share in (
        (world.school_a1, 3, 99),
        (world.school_a1, 5, 99),
        (world.school_a2, 2, 98),
        (world.school_b1, 4, 100),
    ):
        campaign_services.submission_create(
            deadline=deadline, unit=unit, actor=None, figures={"truong": schools, "tre5": share}
        )
    world.extra.update(campaign=campaign)
    return world


def _targets(board):
    return [(t.criterion.title, t.value, t.reported, t.progress, t.bar) for t in board.targets]


def test_targets_against_the_figures_reported_by_hand(targets):
    board = selectors.board(targets.users["leader"])
    assert _targets(board) == [
        # 5 + 2 + 4 = 11 of 344 → 3 %.
        ("Số trường đạt chuẩn quốc gia", 11, 3, 3, 3),
        # (99 + 98 + 100) / 3 = 99 of 99,5 → 99,497… → 99 %.
        ("Tỷ lệ trẻ 5 tuổi đi học", 99, 3, 99, 99),
        ("Số thư viện đạt chuẩn", None, 0, None, 0),
    ]
    drilled = selectors.board(targets.users["leader"], root=targets.phong_a)
    # Phòng A: A1 5 and A2 2 → 7 of 344 → 2 %; (99 + 98) / 2 = 98,5 of 99,5 → 99 %.
    assert _targets(drilled)[:2] == [
        ("Số trường đạt chuẩn quốc gia", 7, 2, 2, 2),
        ("Tỷ lệ trẻ 5 tuổi đi học", 98.5, 2, 99, 99),
    ]
    # A clerk's board holds its own school's report only.
    assert _targets(selectors.board(targets.users["school_clerk"]))[0] == ("Số trường đạt chuẩn quốc gia", 5, 1, 1, 1)


def test_targets_follow_the_campaign_and_school_year_filters(targets, world):
    other = running_campaign(world, title="Phong trào khác")
    assert {t.campaign for t in selectors.board(world.users["leader"], campaign=other).targets} == set()
    chosen = selectors.board(world.users["leader"], campaign=targets.extra["campaign"])
    assert len(chosen.targets) == 3
    # The school year filter: the reports of 20/11/2026 belong to 2026–2027, none to 2025–2026.
    assert [t.value for t in selectors.board(world.users["leader"], school_year=2026).targets] == [11, 99, None]
    assert [t.value for t in selectors.board(world.users["leader"], school_year=2025).targets] == [None, None, None]


def test_targets_table_and_chart_on_the_page(targets, client_for):
    response = client_for(targets.users["leader"]).get(reverse("reports:dashboard"))
    page = response.content.decode()
    assert page.count('data-testid="target-row"') == 3
    assert '<td class="text-end" data-testid="target-value">11 trường</td>' in page
    assert '<td class="text-end" data-testid="target-value">99%</td>' in page
    assert '<progress class="align-middle" max="100" value="99" aria-label="99%"></progress>' in page
    assert "Số trường đạt chuẩn quốc gia: <strong>344 trường</strong>" in page
    assert "Tỷ lệ trẻ 5 tuổi đi học: <strong>99,5% (năm 2025)</strong>" in page
    charts = response.context["charts"]
    assert charts["targets"]["data"] == [3, 99, None]
    assert charts["targets"]["labels"][0] == "344 trường — Số trường đạt chuẩn quốc gia"
    assert 'style="' not in page.split('id="board"')[1]


@pytest.fixture
def quotas(world):
    """A Sở round with quotas LĐTT 2 and CSTĐCS 1 per proposing unit. Phòng A proposes 3 LĐTT and 1 CSTĐCS,
    Phòng B 1 LĐTT (and 4 more in a refused dossier, not counted); A1 proposes 1 LĐTT to its Phòng in the
    same round. An older Sở round with a quota is not the latest."""
    older = school_year_round(world.so, quotas={"LDTT": 9})
    older.school_year = 2024
    older.save()
    award_round = school_year_round(world.so, quotas={"LDTT": 2, "CSTDCS": 1})
    ldtt, cstdcs = award("LDTT"), award("CSTDCS")

    def propose(unit, *codes, state=None):
        dossier = dossier_for(unit, award_round)
        for position, code in enumerate(codes, start=1):
            Nominee.objects.create(
                dossier=dossier,
                person=PersonFactory(unit=unit),
                award=ldtt if code == "LDTT" else cstdcs,
                achievement="Hoàn thành tốt nhiệm vụ",
                position=position,
            )
        if state:
            Dossier.objects.filter(pk=dossier.pk).update(state=state)
        return dossier

    propose(world.phong_a, "LDTT", "LDTT", "LDTT", "CSTDCS")
    propose(world.phong_b, "LDTT")
    propose(world.phong_b, "LDTT", "LDTT", "LDTT", "LDTT", state="refused")
    propose(world.school_a1, "LDTT")
    older_dossier = dossier_for(world.phong_b, older)
    Nominee.objects.create(
        dossier=older_dossier, person=PersonFactory(unit=world.phong_b), award=ldtt, achievement="x", position=1
    )
    world.extra.update(award_round=award_round)
    return world


def _quota_lines(board):
    return [(u.name, pairs, used, over) for u, pairs, used, over in board.quotas.lines]


def test_quota_used_against_the_quota_per_unit_by_hand(quotas):
    board = selectors.board(quotas.users["leader"])
    assert board.quotas.round == quotas.extra["award_round"]
    assert [a.award.code for a in board.quotas.awards] == ["LDTT", "CSTDCS"]
    # The Sở organises the round: its own row is left out. Phòng A: 3/2 LĐTT (1 over), 1/1 CSTĐCS.
    assert _quota_lines(board) == [
        (quotas.phong_a.name, [(3, 2), (1, 1)], 4, 1),
        (quotas.phong_b.name, [(1, 2), (0, 1)], 1, 0),
    ]
    drilled = selectors.board(quotas.users["leader"], root=quotas.phong_a)
    # Phòng A proposes to the Sở in the same round: its own row, then its schools.
    assert _quota_lines(drilled) == [
        (quotas.phong_a.name, [(3, 2), (1, 1)], 4, 1),
        (quotas.school_a2.name, [(0, 2), (0, 1)], 0, 0),
        (quotas.school_a1.name, [(1, 2), (0, 1)], 1, 0),
    ]
    assert selectors.board(quotas.users["leader"], school_year=2024).quotas.rows[1][1] == [1]
    assert selectors.board(quotas.users["leader"], school_year=2023).quotas is None


def test_quota_chart_table_and_export(quotas, client_for):
    client = client_for(quotas.users["so_officer"])
    response = client.get(reverse("reports:dashboard"))
    charts = response.context["charts"]
    assert charts["quotas"]["labels"] == ["PGDĐTA", "PGDĐTB"]
    assert charts["quotas"]["datasets"] == [
        {"label": "Đã đề nghị", "data": [4, 1]},
        {"label": "Chỉ tiêu", "data": [3, 3]},
    ]
    assert charts["quotas"]["urls"][0] == f"{reverse('reports:dashboard')}?unit={quotas.phong_a.pk}"
    page = response.content.decode()
    assert page.count('data-testid="quota-row"') == 2
    assert '<td class="text-end text-danger fw-semibold">3/2</td>' in page
    book = openpyxl.load_workbook(io.BytesIO(client.get(reverse("reports:dashboard-export")).content))
    rows = list(book["Chỉ tiêu khen thưởng"].iter_rows(values_only=True))
    assert rows[0] == ("Đợt xét", "Đơn vị", "Danh hiệu, hình thức", "Đã đề nghị", "Chỉ tiêu")
    assert rows[1][1:] == (quotas.phong_a.name, award("LDTT").name, 3, 2)
    assert len(rows) == 5


def test_no_round_no_quota_part(world, client_for):
    response = client_for(world.users["leader"]).get(reverse("reports:dashboard"))
    assert response.context["board"].quotas is None and response.context["charts"]["quotas"] is None
    assert response.context["board"].targets == []


@pytest.mark.parametrize("extra_schools", [10, 120])
def test_targets_and_quotas_query_counts_do_not_grow_with_units(
    targets, client_for, django_assert_num_queries, extra_schools
):
    school_year_round(targets.so, quotas={"LDTT": 2})
    for i in range(extra_schools):
        school = UnitFactory(parent=targets.phong_b if i % 2 else targets.phong_a, name=f"Trường Mầm non Đếm {i:03d}")
        PersonFactory(unit=school)
    user = targets.users["so_officer"]
    unit_ids = list(selectors.drill_units(user).values_list("id", flat=True))
    rows = [targets.so, targets.phong_a, targets.phong_b]
    # The targets: campaigns, their criteria, their milestones, the deadlines, the reports; the quotas: the
    # round, its awards, the nominees counted.
    with django_assert_num_queries(8):
        found = selectors.board_targets(selectors.dashboard_campaigns(user), unit_ids, today=datetime.date(2026, 12, 1))
        quota = selectors.board_quotas(rows, targets.so)
    assert found[0].value == 11 and len(unit_ids) == 6 + extra_schools
    assert quota.rows == [(targets.phong_a, [0]), (targets.phong_b, [0])]
