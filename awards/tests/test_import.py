import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from awards import services
from awards.models import Award, AwardRecord, Decision
from units.forms import ImportForm
from units.models import AuditLog, ImportBatch, Person
from units.tests.factories import PersonFactory

D = datetime.date


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def workbook(rows) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.append(
        ["Số CCCD", "Họ và tên", "Ngày sinh", "Mã đơn vị", "Năm học", "Mã", "Loại hình", "Số QĐ", "Ngày QĐ", "Cơ quan"]
    )
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("lich-su.xlsx", buffer.getvalue())


@pytest.fixture
def staff(world):
    world.school_a1.code = "TH-A1"
    world.school_a1.save(update_fields=["code"])
    hoa = PersonFactory(
        unit=world.school_a1, full_name="Phạm Thị Hoa", national_id="001085001234", sector_start_year=2010
    )
    return hoa


GOOD_ROWS = [
    [
        "001085001234",
        "",
        "",
        "TH-A1",
        "2022-2023",
        "LDTT",
        "công trạng",
        "45/QĐ-PGDĐT",
        "25/05/2023",
        "Phòng GD&ĐT Thử A",
    ],
    [
        "",
        "Nguyễn Thị Lan",
        "04/03/1985",
        "th-a1",
        "2022–2023",
        "LDTT",
        "",
        "45/QĐ-PGDĐT",
        D(2023, 5, 25),
        "Phòng GD&ĐT Thử A",
    ],
    ["", "", "", "TH-A1", 2022, "TTLDTT", "Công trạng", "46/QĐ-PGDĐT", "25/05/2023", "Phòng GD&ĐT Thử A"],
    [
        "",
        "nguyen thi lan",
        "1985-03-04",
        "TH-A1",
        "2023-2024",
        "GK_SO",
        "đột xuất",
        "12/QĐ-SGDĐT",
        "10/01/2024",
        "Sở GD&ĐT",
    ],
]


def test_import_previews_then_writes_every_row(world, staff, client_for):
    client = client_for(world.users["school_clerk"])
    preview = client.post(reverse("awards:import"), {"file": workbook(GOOD_ROWS)})
    assert ([n for n, _label, _row in preview.context["rows"]], AwardRecord.objects.count()) == ([2, 3, 4, 5], 0)
    done = client.post(reverse("awards:import"), {"confirm": "1", "batch": preview.context["batch"].pk})
    records = AwardRecord.objects.order_by("id")
    assert done.status_code == 302
    assert [
        (r.person.full_name if r.person else r.unit.name, r.award.code, r.school_year, r.award_type) for r in records
    ] == [
        ("Phạm Thị Hoa", "LDTT", 2022, "merit"),
        ("Nguyễn Thị Lan", "LDTT", 2022, "merit"),
        ("Trường Tiểu học Thử A1", "TTLDTT", 2022, "merit"),
        ("Nguyễn Thị Lan", "GK_SO", 2023, "one_off"),
    ]
    assert (Decision.objects.count(), set(records.values_list("source", flat=True))) == (3, {"import"})


BAD_ROWS = [
    ["001085001234", "", "", "TH-A1", "2022-2023", "LDTT", "", "45/QĐ-PGDĐT", "25/05/2023", "Phòng GD&ĐT Thử A"],
    ["", "Nguyễn Thị Lan", "04/03/1985", "KHONG-CO", "2022-2023", "XYZ", "", "45/QĐ-PGDĐT", "25/05/2023", "Phòng"],
    ["999999999999", "", "", "TH-A1", "2022-2024", "LDTT", "khen lạ", "", "32/13/2023", ""],
    ["001085001234", "", "", "TH-A1", "2008-2009", "GK_TRUONG", "", "3/QĐ-TH", "20/05/2009", "Trường"],
    [
        "",
        "Nguyễn Thị Lan",
        "04/03/1985",
        "TH-A1",
        "2022-2023",
        "LDTT",
        "",
        "45/QĐ-PGDĐT",
        "26/05/2023",
        "Phòng GD&ĐT Thử A",
    ],
]


def test_import_with_bad_rows_lists_errors_per_row_and_changes_nothing(world, staff, client_for):
    client = client_for(world.users["school_clerk"])
    response = client.post(reverse("awards:import"), {"file": workbook(BAD_ROWS)})
    errors = dict(response.context["errors"])
    assert sorted(errors) == [3, 4, 5, 6]
    assert errors[3] == [
        "mã đơn vị “KHONG-CO” không tồn tại hoặc ngoài phạm vi quản lý của bạn",
        "mã danh hiệu/hình thức “XYZ” không có trong danh mục",
    ]
    assert errors[4] == [
        "năm học “2022-2024” không đúng dạng 2023-2024",
        "loại hình “khen lạ” không hợp lệ",
        "ngày quyết định “32/13/2023” không phải là ngày",
        "thiếu số quyết định",
        "thiếu cơ quan ban hành",
        "không có ai trong phạm vi quản lý có số CCCD 999999999999",
    ]
    assert errors[5] == ["Phạm Thị Hoa vào ngành năm 2010; khen thưởng ghi ngày 20/05/2009 là trước thời điểm đó."]
    assert errors[6][0].startswith("Số quyết định 45/QĐ-PGDĐT của Phòng GD&ĐT Thử A đã được dùng trong năm 2023")
    assert "Dòng 3" in response.content.decode()
    assert (AwardRecord.objects.count(), Decision.objects.count(), response.context["rows"]) == (0, 0, None)


def test_import_refuses_people_outside_the_scope(world, staff, client_for):
    rows = [["", "Trần Văn Bình", "04/03/1985", "TH-A1", "2022-2023", "LDTT", "", "1/QĐ", "25/05/2023", "Phòng"]]
    response = client_for(world.users["school_clerk"]).post(reverse("awards:import"), {"file": workbook(rows)})
    assert dict(response.context["errors"]) == {2: ["không tìm thấy “Trần Văn Bình” sinh ngày 04/03/1985 trong đơn vị"]}


def test_import_refuses_a_file_that_is_not_a_workbook(world, client_for):
    upload = SimpleUploadedFile("lich-su.xlsx", b"Ho ten;Nam hoc\nAn;2023")
    response = client_for(world.users["school_clerk"]).post(reverse("awards:import"), {"file": upload})
    assert response.context["form"].errors == {
        "file": ["Đây không phải tệp Excel .xlsx. Hãy lưu bảng tính dưới dạng “Excel Workbook (.xlsx)”."]
    }


def test_import_refuses_a_file_over_the_size_cap(world, client_for, settings):
    settings.PORTAL_IMPORT_MAX_BYTES = 1024 * 1024
    upload = SimpleUploadedFile("lich-su.xlsx", b"0" * (1024 * 1024 + 1))
    response = client_for(world.users["school_clerk"]).post(reverse("awards:import"), {"file": upload})
    assert response.context["form"].errors == {"file": ["Tệp quá lớn (1.0 MB); dung lượng tối đa là 1.0 MB."]}


def test_import_template_is_a_workbook_with_headers_and_codes(world, client_for):
    response = client_for(world.users["school_clerk"]).get(reverse("awards:import-template"))
    book = load_workbook(io.BytesIO(response.content))
    headers = [c.value for c in book.worksheets[0][1]]
    codes = [row[0] for row in book.worksheets[1].iter_rows(min_row=2, values_only=True)]
    assert (headers[0], headers[5], len(headers)) == ("Số CCCD", "Mã danh hiệu/hình thức", 10)
    assert codes[:3] == ["LDTT", "CSTDCS", "CSTD_BO"]
    assert response["Content-Disposition"] == 'attachment; filename="mau-nhap-lich-su-khen-thuong.xlsx"'


def test_import_keeps_the_checked_file_in_an_import_batch_not_the_session(world, staff, client_for):
    client = client_for(world.users["school_clerk"])
    preview = client.post(reverse("awards:import"), {"file": workbook(GOOD_ROWS)})
    batch = ImportBatch.objects.get()
    assert (batch.kind, batch.state, batch.user, batch.file_name, batch.errors) == (
        "awards",
        "pending",
        world.users["school_clerk"],
        "lich-su.xlsx",
        [],
    )
    assert [item["row"] for item in batch.rows] == [2, 3, 4, 5]
    assert batch.rows[1]["cells"][8] == "25/05/2023"  # a date cell is stored as text the parser reads back
    assert preview.context["batch"] == batch
    assert f'name="batch" value="{batch.pk}"' in preview.content.decode()
    assert "awards_import_file" not in client.session  # the key the file name used to wait under
    client.post(reverse("awards:import"), {"confirm": "1", "batch": batch.pk})
    batch.refresh_from_db()
    assert (batch.state, batch.committed_at is not None, AwardRecord.objects.count()) == ("committed", True, 4)
    assert list(
        AuditLog.objects.filter(object_id=str(batch.pk), action__startswith="import.")
        .order_by("pk")
        .values_list("action", "data")
    ) == [("import.previewed", {"errors": 0}), ("import.state_changed", {"from": "pending", "to": "committed"})]


def test_import_confirmed_twice_writes_once(world, staff, client_for):
    client = client_for(world.users["school_clerk"])
    batch = client.post(reverse("awards:import"), {"file": workbook(GOOD_ROWS)}).context["batch"]
    client.post(reverse("awards:import"), {"confirm": "1", "batch": batch.pk})
    again = client.post(reverse("awards:import"), {"confirm": "1", "batch": batch.pk}, follow=True)
    assert [str(m) for m in again.context["messages"]][-1] == "Lần nhập này đã được xác nhận hoặc đã hủy."
    assert AwardRecord.objects.count() == 4


def test_import_batch_of_another_account_is_not_found(world, staff, client_for):
    batch = client_for(world.users["school_clerk"]).post(reverse("awards:import"), {"file": workbook(GOOD_ROWS)})
    pk = batch.context["batch"].pk
    response = client_for(world.users["phong_officer"]).post(reverse("awards:import"), {"confirm": "1", "batch": pk})
    assert (response.status_code, AwardRecord.objects.count()) == (404, 0)
    assert ImportBatch.objects.get(pk=pk).state == "pending"


def test_import_confirm_without_a_batch_asks_for_the_file_again(world, client_for):
    response = client_for(world.users["school_clerk"]).post(reverse("awards:import"), {"confirm": "1"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Tệp đã tải lên không còn; vui lòng tải lại."]


def test_import_confirm_rechecks_rows_and_writes_none_when_one_fails(world, staff, client_for):
    client = client_for(world.users["school_clerk"])
    batch = client.post(reverse("awards:import"), {"file": workbook(GOOD_ROWS)}).context["batch"]
    # Between the preview and the confirmation someone records decision 46 for the school's collective award.
    services.award_record_create(
        award=Award.objects.get(code="TTLDTT"),
        unit=world.school_a1,
        school_year=2022,
        decision_number="46/QĐ-PGDĐT",
        decision_date=D(2023, 5, 25),
        issuer="Phòng GD&ĐT Thử A",
        actor=None,
    )
    response = client.post(reverse("awards:import"), {"confirm": "1", "batch": batch.pk})
    batch.refresh_from_db()
    assert [row for row, _messages in response.context["errors"]] == [4]
    assert (batch.state, [e["row"] for e in batch.errors], AwardRecord.objects.count()) == ("pending", [4], 1)


def test_units_import_form_does_not_offer_award_history():
    assert [value for value, _label in ImportForm().fields["kind"].choices] == ["units", "people"]


def test_import_over_the_row_cap_is_a_form_error(world, staff, client_for, monkeypatch):
    monkeypatch.setattr("awards.excel.MAX_ROWS", 3)
    response = client_for(world.users["school_clerk"]).post(reverse("awards:import"), {"file": workbook(GOOD_ROWS)})
    assert (response.context["form"].errors, ImportBatch.objects.count()) == (
        {"file": ["Bảng tính có hơn 3 dòng; hãy chia thành nhiều tệp."]},
        0,
    )


def test_award_history_batch_confirmed_through_the_units_import_writes_nothing(world, staff, client_for):
    """units' own services run only units and people; an award batch sent there stays pending."""
    client = client_for(world.users["school_clerk"])
    batch = client.post(reverse("awards:import"), {"file": workbook(GOOD_ROWS)}).context["batch"]
    people_before = Person.objects.count()
    client.post(reverse("units:import-confirm", args=[batch.pk]))
    batch.refresh_from_db()
    assert (batch.state, AwardRecord.objects.count(), Person.objects.count()) == ("pending", 0, people_before)
