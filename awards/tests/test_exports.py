"""The award history search and the award suggestions as Excel workbooks, read back with openpyxl."""

import datetime
import io

import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from awards import services
from awards.models import AwardRecord, Decision, TaskRatingRecord
from awards.tests.factories import AwardRecordFactory, catalogue_award
from exports.models import ExportJob
from exports.services import export_run
from units.tests.factories import PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db

EVIL = '=HYPERLINK("http://x","Lan")'
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _book(response):
    assert (response.status_code, response["Content-Type"]) == (200, XLSX)
    return openpyxl.load_workbook(io.BytesIO(response.content))


def _rows(sheet):
    return list(sheet.iter_rows(values_only=True))


@pytest.fixture
def records(world):
    evil = PersonFactory(unit=world.school_a1, full_name=EVIL, birth_date=datetime.date(1985, 2, 5))
    AwardRecordFactory(person=evil, code="LDTT", school_year=2023, decision_number="15/QĐ-SGDĐT", cash_amount=2_340_000)
    AwardRecordFactory(person=world.person_a1, code="CSTDCS", school_year=2024, decision_number="215/QĐ-PGDĐT")
    AwardRecordFactory(person=world.person_b1, code="LDTT", school_year=2024, decision_number="16/QĐ-SGDĐT")
    AwardRecordFactory(unit=world.school_a1, code="TTLDTT", school_year=2024, decision_number="16/QĐ-SGDĐT")
    return evil


def test_history_export_reads_back_every_match_with_typed_cells(records, world, client_for):
    response = client_for(world.users["phong_officer"]).get(reverse("awards:search-export"), {"nam": 2023})
    sheet = _book(response).worksheets[0]
    rows = _rows(sheet)
    assert rows[0] == (
        "Năm học",
        "Cá nhân/tập thể được khen",
        "Ngày sinh",
        "Danh hiệu, hình thức khen thưởng",
        "Loại khen thưởng",
        "Số quyết định",
        "Ngày quyết định",
        "Cơ quan ban hành",
        "Đơn vị khi được khen",
        "Tiền thưởng (đồng)",
        "Bị hủy theo quyết định",
        "Ngày hủy",
    )
    assert rows[1:] == [
        (
            "2023–2024",
            EVIL,
            datetime.datetime(1985, 2, 5),
            catalogue_award("LDTT").name,
            "Công trạng",
            "15/QĐ-SGDĐT",
            datetime.datetime(2024, 6, 1),
            "Sở GD&ĐT Thử nghiệm",
            world.school_a1.name,
            2_340_000,
            None,
            None,
        )
    ]
    name = sheet["B2"]
    assert (name.data_type, name.quotePrefix) == ("s", True)
    assert (sheet["G2"].is_date, sheet["G2"].number_format) == (True, "DD/MM/YYYY")
    assert sheet["J2"].data_type == "n"
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.b is True


def test_history_export_stays_in_scope_and_ignores_a_malformed_filter(records, world, client_for):
    client = client_for(world.users["school_clerk"])
    response = client.get(reverse("awards:search-export"), {"nam": "abc", "award": "LDTT"})
    # The year that is no year is left out (with a message); the award filter still applies; school
    # B1's record is outside the clerk's scope.
    assert [r[1] for r in _rows(_book(response).worksheets[0])[1:]] == [EVIL]
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Bộ lọc “Năm học” có giá trị không đọc được nên đã được bỏ qua."
    ]
    outsider = _rows(_book(client_for(world.users["outsider"]).get(reverse("awards:search-export"))).worksheets[0])
    assert outsider == [outsider[0]]


def test_history_export_for_a_unit_outside_the_scope_answers_404(records, world, client_for):
    client = client_for(world.users["school_clerk"])
    assert client.get(reverse("awards:search-export"), {"don_vi": world.school_b1.code}).status_code == 404
    own = client.get(reverse("awards:search-export"), {"don_vi": world.school_a1.code})
    assert sorted(r[1] for r in _rows(_book(own).worksheets[0])[1:]) == sorted(
        [EVIL, world.person_a1.full_name, world.school_a1.name]
    )


def test_search_page_offers_the_export_with_its_filters(records, world, client_for):
    page = client_for(world.users["school_clerk"]).get(reverse("awards:search"), {"nam": 2023, "page": 1})
    assert f'href="{reverse("awards:search-export")}?nam=2023"' in page.content.decode()


def _staff(unit, names):
    """People with a good rating for 2024, an excellent one for 2025 and LĐTT for 2024."""
    people = [PersonFactory(unit=unit, full_name=name, sector_start_year=2010) for name in names]
    TaskRatingRecord.objects.bulk_create(
        [
            TaskRatingRecord(person=p, unit=unit, school_year=y, rating=r)
            for p in people
            for y, r in ((2024, "good"), (2025, "excellent"))
        ]
    )
    decision = Decision.objects.create(
        number="1/QĐ-PGDĐT",
        date=datetime.date(2025, 6, 1),
        year=2025,
        issuer="Phòng",
        issuer_key="phong",
        number_key="1/qd-pgddt",
    )
    AwardRecord.objects.bulk_create(
        [
            AwardRecord(award=catalogue_award("LDTT"), person=p, unit=unit, school_year=2024, decision=decision)
            for p in people
        ]
    )
    return people


def test_suggestions_export_reads_back_the_page(world, client_for):
    unit = UnitFactory(parent=world.phong_a, name="Trường Tiểu học Số 9")
    _staff(unit, ["Nguyễn Thị Hoa", EVIL])
    services.rule_create(
        award=catalogue_award("CSTDCS"),
        kind="quota",
        params={"percent": 15, "of": "LDTT"},
        description="CSTĐCS không quá 15% số LĐTT",
        document="Quyết định 12/QĐ-SGDĐT",
        valid_from=datetime.date(2025, 9, 1),
        scope=world.so,
        actor=None,
    )
    url = reverse("awards:suggestions-export", args=[unit.pk])
    book = _book(client_for(world.users["phong_officer"]).get(url, {"nam": 2025, "ngay": "15/06/2026"}))
    assert book.sheetnames == ["Cá nhân", "Tập thể", "Chỉ tiêu", "Cần bổ sung minh chứng"]
    people = _rows(book["Cá nhân"])
    assert people[0] == ("Danh hiệu, hình thức khen thưởng", "Họ và tên", "Cơ sở xét")
    page = client_for(world.users["phong_officer"]).get(
        reverse("awards:suggestions", args=[unit.pk]), {"nam": 2025, "ngay": "15/06/2026"}
    )
    expected = [(s.judgement.award_name, s.candidate.name) for s in page.context["result"].people]
    assert [row[:2] for row in people[1:]] == expected
    assert {(award, name) for award, name in expected} >= {
        (catalogue_award("LDTT").name, EVIL),
        (catalogue_award("LDTT").name, "Nguyễn Thị Hoa"),
    }
    evil = next(c for c in book["Cá nhân"]["B"] if c.value == EVIL)
    assert (evil.data_type, evil.quotePrefix) == ("s", True)
    quotas = _rows(book["Chỉ tiêu"])
    assert quotas[0][:6] == (
        "Danh hiệu, hình thức khen thưởng",
        "Định mức",
        "Đã dùng",
        "Còn lại",
        "Đề xuất",
        "Vượt định mức",
    )
    on_page = [(q.award_name, q.cap, q.used, q.left, q.suggested, q.over) for q in page.context["result"].quotas]
    assert [row[:6] for row in quotas[1:]] == on_page
    assert len(quotas) > 1 and all(isinstance(row[2], int) for row in quotas[1:])


def test_suggestions_export_outside_the_scope_answers_404_and_a_bad_year_is_ignored(world, client_for):
    url = reverse("awards:suggestions-export", args=[world.school_a1.pk])
    assert client_for(world.users["other_head"]).get(url).status_code == 404
    response = client_for(world.users["school_clerk"]).get(url, {"nam": "20x5"})
    assert _book(response).sheetnames[0] == "Cá nhân"
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Bộ lọc “Năm học” có giá trị không đọc được nên đã được bỏ qua."
    ]


@pytest.mark.parametrize("count", [1, 30])
def test_history_export_costs_the_same_for_1_and_30_records(world, client_for, django_assert_num_queries, count):
    for n in range(count):
        AwardRecordFactory(
            person=PersonFactory(unit=world.school_a1, full_name=f"Giáo viên {n:02d}"),
            code="LDTT",
            school_year=2024,
            decision_number="16/QĐ-SGDĐT",
        )
    client = client_for(world.users["school_clerk"])
    # 10: a school's records are named first (its own, its people's; then the scope's inherited paths);
    # 3 more: the capped COUNT that decides between the file at once and a worker's job, its scope named too.
    with django_assert_num_queries(13):
        response = client.get(reverse("awards:search-export"), {"nam": 2024})
    rows = _rows(_book(response).worksheets[0])
    assert [r[1] for r in rows[1:]] == [f"Giáo viên {n:02d}" for n in range(count)]


def test_history_export_past_the_inline_limit_is_written_by_the_worker(records, world, client_for, settings):
    settings.EXPORT_INLINE_ROWS = 1
    client = client_for(world.users["phong_officer"])

    response = client.get(reverse("awards:search-export"), {"nam": 2024})
    job = ExportJob.objects.get()
    export_run(job_id=job.pk)  # what the worker's task calls
    job.refresh_from_db()
    download = client.get(reverse("exports:download", args=[job.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content))).worksheets[0]
    rows = _rows(sheet)

    assert (response.status_code, response.url) == (302, reverse("exports:job", args=[job.pk]))
    assert (job.kind, job.state, job.rows_written, job.total_rows) == ("awards.history_search", "done", 2, 2)
    assert job.params == {"q": "", "don_vi": "", "award": "", "nam": 2024, "so_qd": ""}
    # Phòng A sees its subtree only: not the record of Trường Tiểu học Thử B1
    assert sorted(r[1] for r in rows[1:]) == sorted(["Nguyễn Thị Lan", "Trường Tiểu học Thử A1"])
    assert {r[5] for r in rows[1:]} == {"215/QĐ-PGDĐT", "16/QĐ-SGDĐT"}
    assert sheet.cell(row=2, column=7).is_date


def test_suggestions_export_past_the_limit_is_the_same_workbook_from_the_worker(world, client_for, settings):
    unit = UnitFactory(parent=world.phong_a, name="Trường Tiểu học Số 9")
    _staff(unit, ["Nguyễn Thị Hoa", EVIL])
    client = client_for(world.users["phong_officer"])
    url = reverse("awards:suggestions-export", args=[unit.pk])
    at_once = _book(client.get(url, {"nam": 2025, "ngay": "15/06/2026"}))
    settings.EXPORT_INLINE_ROWS = 1

    queued = client.get(url, {"nam": 2025, "ngay": "15/06/2026"})
    job = ExportJob.objects.get()
    export_run(job_id=job.pk)  # what the worker's task calls
    job.refresh_from_db()
    download = client.get(reverse("exports:download", args=[job.pk]))
    from_job = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content)))

    assert (queued.status_code, queued.url) == (302, reverse("exports:job", args=[job.pk]))
    assert (job.state, job.kind, job.total_rows >= 2) == ("done", "awards.suggestions", True)
    assert job.params == {"unit": unit.pk, "nam": 2025, "ngay": "2026-06-15"}
    assert from_job.sheetnames == at_once.sheetnames
    assert [_rows(sheet) for sheet in from_job.worksheets] == [_rows(sheet) for sheet in at_once.worksheets]
    assert EVIL in [row[1] for row in _rows(from_job["Cá nhân"])]
