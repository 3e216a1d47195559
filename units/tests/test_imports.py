"""Excel import: upload → preview → confirm, the bad-row cases, and export round trips."""

import io
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from units import imports
from units.enums import ImportKind, ImportState
from units.models import ImportBatch, Person, Unit

PEOPLE_HEADERS = ["Mã đơn vị", "Họ và tên", "Giới tính", "Ngày sinh", "Vai trò", "Chức vụ", "Năm vào ngành"]
UNIT_HEADERS = ["Mã đơn vị", "Mã đơn vị cấp trên", "Loại đơn vị", "Tên đơn vị", "Tên viết tắt"]


def xlsx(headers, rows, name="du-lieu.xlsx") -> SimpleUploadedFile:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=imports.XLSX_CONTENT_TYPE)


def counts() -> tuple[int, int]:
    return Unit.objects.count(), Person.objects.count()


def upload(client, kind, file):
    return client.post(reverse("units:import-start"), {"kind": kind, "file": file})


def preview(client, kind, file) -> ImportBatch:
    response = upload(client, kind, file)
    assert response.status_code == 302, response.context["form"].errors
    return ImportBatch.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))


def test_people_import_previews_then_saves_every_row(world, client_for):
    client = client_for(world.users["school_clerk"])
    code = world.school_a1.code
    before = counts()
    batch = preview(
        client,
        ImportKind.PEOPLE,
        xlsx(
            PEOPLE_HEADERS,
            [
                [code, "Phạm Thị Hoa", "Nữ", "05/02/1985", "Giáo viên", "Giáo viên Toán", 2008],
                [code, "  Đinh  Văn Long ", "nam", "1990-11-30", "nhan vien", "Kế toán", "2012"],
            ],
        ),
    )
    assert (batch.errors, batch.summary["created"], counts()) == ([], 2, before)
    page = client.get(reverse("units:import-preview", args=[batch.pk])).content.decode()
    assert "Phạm Thị Hoa" in page and "Xác nhận nhập dữ liệu" in page

    response = client.post(reverse("units:import-confirm", args=[batch.pk]))
    batch.refresh_from_db()
    assert (response["Location"], batch.state) == (reverse("units:person-list"), ImportState.COMMITTED)
    long = Person.objects.get(full_name="Đinh Văn Long")
    assert (long.unit, long.gender, long.role, str(long.birth_date), long.sector_start_year) == (
        world.school_a1,
        "male",
        "staff",
        "1990-11-30",
        2012,
    )
    assert counts() == (before[0], before[1] + 2)


def test_import_rejects_a_file_that_is_not_xlsx_even_if_named_so(world, client_for):
    before = counts()
    fake = SimpleUploadedFile("danh-sach.xlsx", "Họ và tên;Giới tính\n".encode(), content_type="text/csv")
    response = upload(client_for(world.users["school_clerk"]), ImportKind.PEOPLE, fake)
    assert response.context["form"].errors == {
        "file": ["Đây không phải tệp Excel .xlsx. Hãy lưu bảng tính dưới dạng “Excel Workbook (.xlsx)”."]
    }
    assert (counts(), ImportBatch.objects.count()) == (before, 0)


def test_import_rejects_a_zip_that_is_no_workbook(world, client_for):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "không phải bảng tính")
    fake = SimpleUploadedFile("tai-lieu.xlsx", buffer.getvalue())
    response = upload(client_for(world.users["school_clerk"]), ImportKind.PEOPLE, fake)
    assert response.context["form"].errors == {
        "file": ["Đây không phải tệp Excel .xlsx. Hãy lưu bảng tính dưới dạng “Excel Workbook (.xlsx)”."]
    }


@override_settings(PORTAL_IMPORT_MAX_BYTES=1024)
def test_import_rejects_a_file_over_the_size_cap(world, client_for):
    before = counts()
    rows = [[world.school_a1.code, f"Người Thứ {n}", "Nữ", "", "Giáo viên", "", ""] for n in range(300)]
    response = upload(client_for(world.users["school_clerk"]), ImportKind.PEOPLE, xlsx(PEOPLE_HEADERS, rows))
    [message] = response.context["form"].errors["file"]
    assert message.startswith("Tệp quá lớn (") and message.endswith("dung lượng tối đa là 0.0 MB.")
    assert (counts(), ImportBatch.objects.count()) == (before, 0)


def test_import_reports_a_missing_required_column_on_the_header_row(world, client_for):
    before = counts()
    headers = [h for h in PEOPLE_HEADERS if h != "Họ và tên"]
    batch = preview(
        client_for(world.users["school_clerk"]),
        ImportKind.PEOPLE,
        xlsx(headers, [[world.school_a1.code, "Nữ", "", "Giáo viên", "", ""]]),
    )
    assert batch.errors == [{"row": 1, "column": "Họ và tên", "message": "Thiếu cột bắt buộc: Họ và tên."}]
    assert counts() == before


def test_import_reports_bad_rows_with_their_numbers_and_saves_nothing(world, client_for):
    client = client_for(world.users["phong_officer"])
    a1 = world.school_a1.code
    before = counts()
    batch = preview(
        client,
        ImportKind.PEOPLE,
        xlsx(
            PEOPLE_HEADERS,
            [
                [a1, "Phạm Thị Hoa", "Nữ", "05/02/1985", "Giáo viên", "", ""],  # row 2: fine
                [a1, "Lê Thị Cúc", "Nữ", "31/02/1990", "Giáo viên", "", ""],  # row 3: no such date
                ["KHONG-CO", "Võ Văn Tám", "Nam", "", "Giáo viên", "", ""],  # row 4: unknown unit
                [world.school_b1.code, "Hồ Thị Lan", "Nữ", "", "Giáo viên", "", ""],  # row 5: other Phòng
                [a1, "Phạm Thị Hoa", "Nữ", "05/02/1985", "Giáo viên", "", ""],  # row 6: repeats row 2
                [a1, "Mai Văn Hùng", "Nam", "", "Hiệu phó", "", "20x8"],  # row 7: role and year
            ],
        ),
    )
    assert batch.errors == [
        {
            "row": 3,
            "column": "Ngày sinh",
            "message": "“31/02/1990” không phải là ngày hợp lệ; hãy ghi theo dạng ngày/tháng/năm, ví dụ 05/02/1985.",
        },
        {"row": 4, "column": "Mã đơn vị", "message": "Không có đơn vị nào có mã KHONG-CO."},
        {
            "row": 5,
            "column": "Mã đơn vị",
            "message": f"Đơn vị {world.school_b1.code} nằm ngoài phạm vi quản lý của bạn.",
        },
        {"row": 6, "column": "Họ và tên", "message": "Cá nhân này bị trùng: đã có ở dòng 2."},
        {
            "row": 7,
            "column": "Vai trò",
            "message": "“Hiệu phó” không phải là vai trò hợp lệ; hãy dùng một trong các giá trị: "
            "Cán bộ quản lý, Giáo viên, Nhân viên, Người lao động, Học sinh.",
        },
        {"row": 7, "column": "Năm vào ngành", "message": "“20x8” không phải là năm; hãy ghi 4 chữ số, ví dụ 2008."},
    ]
    page = client.get(reverse("units:import-preview", args=[batch.pk])).content.decode()
    assert "Không có đơn vị nào có mã KHONG-CO." in page and "Xác nhận nhập dữ liệu" not in page
    # Confirming anyway changes nothing: all or nothing.
    client.post(reverse("units:import-confirm", args=[batch.pk]))
    batch.refresh_from_db()
    assert (counts(), batch.state, len(batch.errors)) == (before, ImportState.PENDING, 6)


def test_unit_import_reports_a_duplicate_code_and_a_code_of_another_unit(world, client_for):
    before = counts()
    batch = preview(
        client_for(world.users["phong_officer"]),
        ImportKind.UNITS,
        xlsx(
            UNIT_HEADERS,
            [
                ["MN-SEN", world.phong_a.code, "Trường mầm non", "Trường Mầm non Sen", "MNS"],
                ["mn-sen", world.phong_a.code, "Trường mầm non", "Trường Mầm non Sen Hồng", "MNSH"],
                [world.other_so.code, world.phong_a.code, "Trường mầm non", "Trường Mầm non Chiếm Mã", ""],
            ],
        ),
    )
    assert batch.errors == [
        {"row": 3, "column": "Mã đơn vị", "message": "Mã MN-SEN bị trùng: mã này đã có ở dòng 2."},
        {"row": 4, "column": "Mã đơn vị", "message": f"Mã {world.other_so.code} đã được dùng cho một đơn vị khác."},
    ]
    assert counts() == before


def test_unit_import_creates_a_subtree_whose_parent_is_an_earlier_row(world, client_for):
    client = client_for(world.users["phong_officer"])
    batch = preview(
        client,
        ImportKind.UNITS,
        xlsx(
            UNIT_HEADERS,
            [
                ["LC-SEN", world.phong_a.code, "Trường liên cấp", "Trường Liên cấp Sen", "LCS"],
                ["LC-SEN-CS2", "LC-SEN", "Đơn vị khác", "Cơ sở 2 Trường Liên cấp Sen", ""],
            ],
        ),
    )
    assert (batch.errors, batch.summary["created"], Unit.objects.filter(code__startswith="LC-SEN").count()) == (
        [],
        2,
        0,
    )
    client.post(reverse("units:import-confirm", args=[batch.pk]))
    child = Unit.objects.get(code="LC-SEN-CS2")
    assert [u.code for u in Unit.objects.get_ancestors(child)][-2:] == [world.phong_a.code, "LC-SEN"]


def test_unit_import_needs_the_right_to_add_units(world, client_for):
    batch = preview(
        client_for(world.users["school_clerk"]),
        ImportKind.UNITS,
        xlsx(UNIT_HEADERS, [["MN-MOI", world.school_a1.code, "Trường mầm non", "Trường Mầm non Mới", ""]]),
    )
    assert batch.errors == [
        {
            "row": 2,
            "column": "Mã đơn vị cấp trên",
            "message": "Bạn không có quyền thêm đơn vị trực thuộc Trường Tiểu học Thử A1.",
        }
    ]


def test_import_batch_belongs_to_its_uploader(world, client_for):
    batch = preview(
        client_for(world.users["school_clerk"]),
        ImportKind.PEOPLE,
        xlsx(PEOPLE_HEADERS, [[world.school_a1.code, "Phạm Thị Hoa", "Nữ", "", "Giáo viên", "", ""]]),
    )
    client = client_for(world.users["phong_officer"])
    assert client.post(reverse("units:import-confirm", args=[batch.pk])).status_code == 404
    assert Person.objects.filter(full_name="Phạm Thị Hoa").count() == 0


def test_confirming_twice_imports_once(world, client_for):
    client = client_for(world.users["school_clerk"])
    batch = preview(
        client,
        ImportKind.PEOPLE,
        xlsx(PEOPLE_HEADERS, [[world.school_a1.code, "Phạm Thị Hoa", "Nữ", "", "Giáo viên", "", ""]]),
    )
    client.post(reverse("units:import-confirm", args=[batch.pk]))
    response = client.post(reverse("units:import-confirm", args=[batch.pk]), follow=True)
    assert Person.objects.filter(full_name="Phạm Thị Hoa").count() == 1
    assert "Lần nhập này đã được xác nhận hoặc đã hủy." in response.content.decode()


@pytest.mark.parametrize("persona", ["school_clerk", "phong_officer", "so_officer"])
def test_people_export_then_import_changes_nothing(persona, world, client_for):
    from units import services

    services.person_update(person=world.person_a1, actor=None, national_id="001085012345", position="Tổ trưởng")
    client = client_for(world.users[persona])
    exported = client.get(reverse("units:person-export"))
    assert exported["Content-Type"] == imports.XLSX_CONTENT_TYPE
    before = counts()
    batch = preview(client, ImportKind.PEOPLE, SimpleUploadedFile("ca-nhan.xlsx", exported.content))
    assert (batch.errors, batch.summary["created"], batch.summary["updated"]) == ([], 0, 0)
    client.post(reverse("units:import-confirm", args=[batch.pk]))
    world.person_a1.refresh_from_db()
    assert (counts(), world.person_a1.national_id, world.person_a1.position) == (before, "001085012345", "Tổ trưởng")


@pytest.mark.parametrize("persona", ["school_clerk", "phong_officer", "so_officer"])
def test_unit_export_then_import_changes_nothing(persona, world, client_for):
    client = client_for(world.users[persona])
    exported = client.get(reverse("units:unit-export"))
    before = counts()
    batch = preview(client, ImportKind.UNITS, SimpleUploadedFile("don-vi.xlsx", exported.content))
    assert (batch.errors, batch.summary["created"], batch.summary["updated"]) == ([], 0, 0)
    assert (
        batch.summary["unchanged"]
        == Unit.objects.filter(
            path__startswith=world.users[persona].unit.path if persona != "school_clerk" else world.school_a1.path
        ).count()
    )
    client.post(reverse("units:import-confirm", args=[batch.pk]))
    assert counts() == before


def test_people_import_updates_a_row_matched_by_its_id(world, client_for):
    client = client_for(world.users["phong_officer"])
    rows = [[str(world.person_a1.pk), world.school_a1.code, "Nguyễn Thị Lan", "Nữ", "", "Giáo viên", "Tổ phó"]]
    headers = ["Mã cá nhân", "Mã đơn vị", "Họ và tên", "Giới tính", "Ngày sinh", "Vai trò", "Chức vụ"]
    batch = preview(client, ImportKind.PEOPLE, xlsx(headers, rows))
    client.post(reverse("units:import-confirm", args=[batch.pk]))
    world.person_a1.refresh_from_db()
    assert (batch.summary["updated"], world.person_a1.position, world.person_a1.birth_date) == (1, "Tổ phó", None)


def test_people_import_restores_the_leading_zeros_excel_drops_from_a_numeric_national_id(world, client_for):
    client = client_for(world.users["phong_officer"])
    headers = [*PEOPLE_HEADERS, "Số CCCD"]
    row = [world.school_a1.code, "Phạm Thị Hoa", "Nữ", "", "Giáo viên", "", "", 1085012345]
    batch = preview(client, ImportKind.PEOPLE, xlsx(headers, [row]))
    client.post(reverse("units:import-confirm", args=[batch.pk]))
    assert Person.objects.get(full_name="Phạm Thị Hoa").national_id == "001085012345"


def test_people_import_ignores_national_ids_from_a_clerk(world, client_for):
    client = client_for(world.users["school_clerk"])
    headers = [*PEOPLE_HEADERS, "Số CCCD"]
    row = [world.school_a1.code, "Phạm Thị Hoa", "Nữ", "", "Giáo viên", "", "", "001085012345"]
    batch = preview(client, ImportKind.PEOPLE, xlsx(headers, [row]))
    client.post(reverse("units:import-confirm", args=[batch.pk]))
    assert batch.summary["notes"] == [
        "Cột Số CCCD đã được bỏ qua: vai trò của bạn không được ghi số định danh cá nhân."
    ]
    assert Person.objects.get(full_name="Phạm Thị Hoa").national_id == ""


def test_import_template_has_the_vietnamese_headers(world, client_for):
    response = client_for(world.users["school_clerk"]).get(reverse("units:import-template", args=["ca-nhan"]))
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert [c.value for c in workbook.worksheets[0][1]] == [c.header for c in imports.PERSON_COLUMNS]
    assert workbook.sheetnames == ["Cá nhân", "Hướng dẫn"]
