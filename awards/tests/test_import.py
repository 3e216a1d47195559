import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from awards.models import AwardRecord, Decision
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
    done = client.post(reverse("awards:import"), {"confirm": "1"})
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
