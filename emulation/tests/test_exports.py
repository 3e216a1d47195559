"""The Excel exports of registrations, a pact's ranking and exemplars, read back with openpyxl."""

import datetime
import io

import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from campaigns.tests.factories import running_campaign
from emulation import services
from emulation.tests.factories import exemplar, individual_registration, pact_target, unit_registration
from exports.models import ExportJob
from exports.services import export_run
from units.tests.factories import PersonFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db

EVIL = '=HYPERLINK("http://x","Trường")'


def _book(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return openpyxl.load_workbook(io.BytesIO(response.content))


def _rows(sheet):
    return list(sheet.iter_rows(values_only=True))


# --- Registrations ------------------------------------------------------------------------------


def test_registration_export_reads_back_units_and_people(world, client_for):
    campaign = running_campaign(world)
    evil = UnitFactory(parent=world.phong_a, name=EVIL, code="EVIL01")
    unit_registration(world, campaign, state="submitted", items=2)
    individual_registration(world, campaign, state="submitted")
    individual_registration(world, campaign, person=PersonFactory(unit=evil, full_name="@Nguyễn Văn Bình"))
    response = client_for(world.users["phong_officer"]).get(
        reverse("emulation:registration-overview-export", args=[campaign.pk])
    )
    book = _book(response)
    units, people = book.worksheets
    assert (units.title, people.title) == ("Đơn vị", "Cá nhân")
    rows = _rows(units)
    assert rows[0] == (
        "Mã đơn vị",
        "Đơn vị",
        "Đăng ký",
        "Tình trạng theo hạn",
        "Thời điểm gửi",
        "Số lần gửi lại",
        "Số đầu việc",
        "Cá nhân đã gửi",
    )
    by_name = {row[1]: row for row in rows[1:]}
    # Phòng A's officer sees Phòng A and its schools only: never Phòng B's.
    assert set(by_name) == {world.phong_a.name, world.school_a1.name, world.school_a2.name, EVIL}
    a1 = by_name[world.school_a1.name]
    assert a1[2:4] == ("Đã gửi", None)  # no registration deadline: no status (an empty cell)
    assert a1[5:] == (0, 2, 1)
    sent = a1[4]
    assert isinstance(sent, datetime.datetime)
    assert sent.date() == timezone.localdate()
    assert by_name[EVIL][2:] == ("Chưa đăng ký", None, None, 0, 0, 0)
    # The unit named like a formula is text with Excel's quote prefix, never a formula.
    cell = next(c for c in units["B"] if c.value == EVIL)
    assert (cell.data_type, cell.quotePrefix) == ("s", True)
    assert units.freeze_panes == "A2" and units["A1"].font.b is True
    sent_cell = next(c for c in units["E"] if isinstance(c.value, datetime.datetime))
    assert sent_cell.number_format == "DD/MM/YYYY HH:MM"
    people_rows = _rows(people)
    assert people_rows[0] == (
        "Đơn vị",
        "Họ và tên",
        "Năm học",
        "Danh hiệu đăng ký",
        "Cấp khen",
        "Trạng thái",
        "Thời điểm gửi",
    )
    assert sorted((r[0], r[1], r[5]) for r in people_rows[1:]) == sorted(
        [
            (world.school_a1.name, world.person_a1.full_name, "Đã gửi"),
            (EVIL, "@Nguyễn Văn Bình", "Nháp"),
        ]
    )
    person_cell = next(c for c in people["B"] if c.value == "@Nguyễn Văn Bình")
    assert (person_cell.data_type, person_cell.quotePrefix) == ("s", True)


def test_registration_export_keeps_the_screen_filter_and_ignores_a_malformed_one(world, client_for):
    campaign = running_campaign(world)
    unit_registration(world, campaign, state="submitted")
    client = client_for(world.users["phong_officer"])
    url = reverse("emulation:registration-overview-export", args=[campaign.pk])
    missing = [r[1] for r in _rows(_book(client.get(url, {"chua_dang_ky": "1"})).worksheets[0])[1:]]
    assert sorted(missing) == sorted([world.phong_a.name, world.school_a2.name])
    every = [r[1] for r in _rows(_book(client.get(url, {"chua_dang_ky": "'; DROP"})).worksheets[0])[1:]]
    assert sorted(every) == sorted([world.phong_a.name, world.school_a1.name, world.school_a2.name])


def test_registration_export_outside_the_scope_answers_404(world, client_for):
    campaign = running_campaign(world)
    url = reverse("emulation:registration-overview-export", args=[campaign.pk])
    assert client_for(world.users["outsider"]).get(url).status_code == 404
    assert client_for(world.users["school_clerk"]).get(url).status_code == 403


@pytest.mark.parametrize("unit_count", [1, 30])
def test_registration_export_costs_the_same_for_1_and_30_units(
    world, client_for, django_assert_num_queries, unit_count
):
    officer = UserFactory(username="officer_pb", unit=world.phong_b, is_officer=True)
    campaign = running_campaign(world, issuer=world.phong_b)
    schools = [world.school_b1] + [UnitFactory(parent=world.phong_b) for _n in range(unit_count - 1)]
    for school in schools:
        unit_registration(world, campaign, unit=school, state="submitted")
        individual_registration(world, campaign, person=PersonFactory(unit=school))
    client = client_for(officer)
    # 12 + the two COUNTs that choose between the file at once and a worker's job, and the export's own
    # scoped read of the campaign and its permission (the worker reads them again)
    with django_assert_num_queries(17):
        response = client.get(reverse("emulation:registration-overview-export", args=[campaign.pk]))
    units, people = _book(response).worksheets
    assert (units.max_row, people.max_row) == (unit_count + 1, unit_count + 1)


def test_registration_export_past_the_limit_is_written_by_the_worker(world, client_for, settings):
    settings.EXPORT_INLINE_ROWS = 2
    campaign = running_campaign(world)
    unit_registration(world, campaign, state="submitted", items=2)
    individual_registration(world, campaign, state="submitted")
    client = client_for(world.users["phong_officer"])

    response = client.get(reverse("emulation:registration-overview-export", args=[campaign.pk]))
    job = ExportJob.objects.get()
    export_run(job_id=job.pk)  # what the worker's task calls
    job.refresh_from_db()
    download = client.get(reverse("exports:download", args=[job.pk]))
    units, people = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content))).worksheets

    assert (response.status_code, response.url) == (302, reverse("exports:job", args=[job.pk]))
    assert (job.state, job.kind, job.params) == (
        "done",
        "emulation.registrations",
        {"campaign": campaign.pk, "only_missing": False},
    )
    assert (job.rows_written, job.total_rows) == (4, 4)  # three units, one person
    assert sorted(r[1] for r in _rows(units)[1:]) == sorted(
        [world.phong_a.name, world.school_a1.name, world.school_a2.name]
    )
    assert [r[:2] for r in _rows(people)[1:]] == [(world.school_a1.name, world.person_a1.full_name)]
    assert next(c for c in units["E"] if c.row > 1 and c.value is not None).is_date


# --- Pacts --------------------------------------------------------------------------------------


def test_pact_export_reads_back_the_ranking_and_the_targets(world, client_for):
    target = pact_target(world, scored=True)  # THCS A2 self-scored 8,5 of 10
    services.pact_cross_score(target=target, actor=None, score="7,25", note="=1+1")
    response = client_for(world.users["other_head"]).get(reverse("emulation:pact-export", args=[target.pact_id]))
    ranking, targets = _book(response).worksheets
    rows = _rows(ranking)
    assert rows[0] == ("Xếp hạng", "Thành viên", "Số chỉ tiêu", "Tự chấm", "Chấm chéo", "Tổng điểm", "Điểm tối đa")
    assert rows[1] == (1, world.school_a2.name, 1, 8.5, 7.25, 7.25, 10)
    assert rows[2] == ("Chưa chấm chéo", world.school_a1.name, 0, 0, None, 0, 0)
    assert ranking["D2"].data_type == "n"
    target_rows = _rows(targets)
    assert target_rows[0][:2] == ("Thành viên", "Tiêu chí")
    assert target_rows[1] == (
        world.school_a2.name,
        "Tỷ lệ học sinh lên lớp",
        None,
        None,
        10,
        8.5,
        "Báo cáo tổng kết học kỳ I",
        7.25,
        "=1+1",
    )
    note = targets["I2"]
    assert (note.data_type, note.quotePrefix) == ("s", True)


def test_pact_export_outside_the_scope_answers_404(world, client_for):
    target = pact_target(world)
    url = reverse("emulation:pact-export", args=[target.pact_id])
    assert client_for(world.users["outsider"]).get(url).status_code == 404


def test_pact_export_past_the_limit_is_written_by_the_worker(world, client_for, settings):
    settings.EXPORT_INLINE_ROWS = 1
    target = pact_target(world, scored=True)
    client = client_for(world.users["other_head"])

    response = client.get(reverse("emulation:pact-export", args=[target.pact_id]))
    job = ExportJob.objects.get()
    export_run(job_id=job.pk)  # what the worker's task calls
    job.refresh_from_db()
    download = client.get(reverse("exports:download", args=[job.pk]))
    ranking, targets = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content))).worksheets

    assert (response.status_code, response.url) == (302, reverse("exports:job", args=[job.pk]))
    assert (job.state, job.kind, job.params, job.total_rows) == ("done", "emulation.pact", {"pact": target.pact_id}, 3)
    # self-scored only (no cross-score yet): both members unranked, A2 with its 8,5 first
    assert [r[:2] for r in _rows(ranking)[1:]] == [
        ("Chưa chấm chéo", world.school_a2.name),
        ("Chưa chấm chéo", world.school_a1.name),
    ]
    assert _rows(targets)[1][:2] == (world.school_a2.name, "Tỷ lệ học sinh lên lớp")


# --- Exemplars ----------------------------------------------------------------------------------


def test_exemplar_export_reads_back_steps_as_dates(world, client_for):
    campaign = running_campaign(world)
    mine = exemplar(world, campaign)
    services.exemplar_advance(exemplar=mine, actor=None, new_step="publicise", on_date=timezone.localdate())
    services.exemplar_create(
        campaign=campaign,
        unit=world.school_a2,
        actor=None,
        subject_kind="individual",
        person=world.person_a2,
        title=EVIL,
        year=timezone.localdate().year,
        built_on=timezone.localdate(),
    )
    client = client_for(world.users["phong_officer"])
    book = _book(client.get(reverse("emulation:exemplar-list-export", args=[campaign.pk])))
    sheet, counts = book.worksheets
    rows = _rows(sheet)
    assert rows[0] == (
        "Điển hình",
        "Loại điển hình",
        "Cá nhân hoặc tập thể",
        "Đơn vị xây dựng",
        "Năm",
        "Bước hiện tại",
        "1. Xây dựng điển hình",
        "2. Tuyên truyền, nhân rộng",
        "3. Tổ chức học tập",
        "4. Bình xét, đánh giá",
        "5. Khen thưởng",
    )
    by_title = {row[0]: row for row in rows[1:]}
    today = datetime.datetime.combine(timezone.localdate(), datetime.time())
    mine_row = by_title["Giáo viên dạy giỏi chuyển đổi số"]
    assert mine_row[2:] == (
        world.person_a1.full_name,
        world.school_a1.name,
        2026,
        "2. Tuyên truyền, nhân rộng",
        today,
        today,
        None,
        None,
        None,
    )
    assert sheet.cell(row=rows.index(mine_row) + 1, column=7).number_format == "DD/MM/YYYY"
    evil_cell = next(c for c in sheet["A"] if c.value == EVIL)
    assert (evil_cell.data_type, evil_cell.quotePrefix) == ("s", True)
    assert _rows(counts)[0] == ("Đơn vị", "Số điển hình", "Tối thiểu", "Còn thiếu")
    # The school's head sees its own exemplars only: not A1's.
    own = _rows(
        _book(
            client_for(world.users["other_head"]).get(reverse("emulation:exemplar-list-export", args=[campaign.pk]))
        ).worksheets[0]
    )
    assert [r[0] for r in own[1:]] == [EVIL]


def test_exemplar_export_ignores_a_malformed_year_with_a_message(world, client_for):
    campaign = running_campaign(world)
    exemplar(world, campaign)
    client = client_for(world.users["school_clerk"])
    response = client.get(reverse("emulation:exemplar-list-export", args=[campaign.pk]), {"nam": "2026abc"})
    rows = _rows(_book(response).worksheets[0])
    assert [r[4] for r in rows[1:]] == [2026]
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["Năm “2026abc” không đọc được nên đã được bỏ qua."]
    page = client.get(reverse("emulation:exemplar-list", args=[campaign.pk]), {"nam": "x"})
    assert page.status_code == 200 and "Năm “x” không đọc được" in page.content.decode()


def test_exemplar_export_of_a_campaign_outside_the_scope_answers_404(world, client_for):
    campaign = running_campaign(world)
    url = reverse("emulation:exemplar-list-export", args=[campaign.pk])
    assert client_for(world.users["outsider"]).get(url).status_code == 404


@pytest.mark.parametrize("count", [1, 30])
def test_exemplar_export_costs_the_same_for_1_and_30_exemplars(world, client_for, django_assert_num_queries, count):
    campaign = running_campaign(world)
    for _n in range(count):
        services.exemplar_advance(
            exemplar=exemplar(world, campaign), actor=None, new_step="publicise", on_date=timezone.localdate()
        )
    client = client_for(world.users["phong_officer"])
    # 11 + the two COUNTs that choose between the file at once and a worker's job, and the exporter's own
    # scoped read of the campaign (the worker reads it again)
    with django_assert_num_queries(16):
        response = client.get(reverse("emulation:exemplar-list-export", args=[campaign.pk]))
    rows = _rows(_book(response).worksheets[0])
    assert len(rows) == count + 1 and {row[7] for row in rows[1:]} == {
        datetime.datetime.combine(timezone.localdate(), datetime.time())
    }


def test_exemplar_export_past_the_limit_is_written_by_the_worker(world, client_for, settings):
    settings.EXPORT_INLINE_ROWS = 1
    campaign = running_campaign(world)
    exemplar(world, campaign)
    client = client_for(world.users["phong_officer"])

    response = client.get(reverse("emulation:exemplar-list-export", args=[campaign.pk]))
    job = ExportJob.objects.get()
    export_run(job_id=job.pk)  # what the worker's task calls
    job.refresh_from_db()
    download = client.get(reverse("exports:download", args=[job.pk]))
    exemplars, counts = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content))).worksheets
    year = timezone.localdate().year

    assert (response.status_code, response.url) == (302, reverse("exports:job", args=[job.pk]))
    assert (job.state, job.kind, job.params) == ("done", "emulation.exemplars", {"campaign": campaign.pk, "year": year})
    assert [r[:5] for r in _rows(exemplars)[1:]] == [
        ("Giáo viên dạy giỏi chuyển đổi số", "Cá nhân", world.person_a1.full_name, world.school_a1.name, year)
    ]
    assert job.rows_written == 1 + len(_rows(counts)) - 1
