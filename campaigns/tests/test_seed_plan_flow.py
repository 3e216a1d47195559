"""End to end in the browser's shoes: a Sở officer enters Bến Tre's plan 914/KH-SGD&ĐT
(seed-campaigns.md §1) form by form, launches it, and a school clerk submits against it."""

import datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from campaigns.models import Campaign, Submission
from campaigns.selectors import criteria_tree, deadline_statuses

pytestmark = pytest.mark.django_db


def _post(client, url, data, prefix=""):
    response = client.post(url, {f"{prefix}-{k}" if prefix else k: v for k, v in data.items()})
    form = response.context["form"] if response.context and "form" in response.context else None
    assert (response.status_code, form.errors if form is not None else {}) == (302, {})
    return response


UPPER_DOCUMENTS = [
    {
        "number_symbol": "2024/KH-UBND",
        "issued_on": "03/04/2024",
        "issuer_name": "UBND tỉnh Bến Tre",
        "summary": "Tổ chức thực hiện cao điểm thi đua “Đồng Khởi mới” năm 2024 – 2025",
    },
    {"number_symbol": "330-KH/TU", "issuer_name": "Tỉnh ủy Bến Tre"},
    {"number_symbol": "01-CT/TU", "issued_on": "17/10/2020", "issuer_name": "Tỉnh ủy Bến Tre"},
    {"number_symbol": "6980/HD-UBND", "issued_on": "13/11/2023", "issuer_name": "UBND tỉnh Bến Tre"},
]
SUBJECTS = [
    {"kind": "collective", "description": "Các cơ quan quản lý giáo dục, các cơ sở giáo dục trên địa bàn tỉnh"},
    {"kind": "individual", "description": "Cán bộ, công chức, viên chức, người lao động trong toàn ngành"},
]
CRITERIA = [
    {"number": "2", "title": "Nội dung thi đua"},
    {"number": "2.1", "title": "Thi đua xây dựng Đảng và hệ thống chính trị trong sạch, vững mạnh"},
    {"number": "2.1.1", "title": "Về xây dựng Đảng"},
    {
        "number": "2.1.2",
        "title": "Cán bộ, công chức sử dụng hộp thư điện tử công vụ",
        "target_value": "100",
        "target_unit": "%",
    },
    {"number": "2.2", "title": "Thi đua phát triển kinh tế – xã hội"},
    {
        "number": "2.2.1",
        "title": "Nhóm, lớp mầm non được học 2 buổi/ngày",
        "target_value": "99,5",
        "target_unit": "%",
        "target_year": "2025",
    },
    {
        "number": "2.2.2",
        "title": "Trường đạt chuẩn quốc gia",
        "target_value": "344",
        "target_unit": "trường",
        "target_year": "2025",
    },
    {"number": "2.2.3", "title": "Cơ sở giáo dục được đánh giá ngoài", "target_value": "95", "target_unit": "%"},
]
AWARD_OFFERS = [
    {"name": "Khen thưởng đột xuất", "occasion": "khi có thành tích xuất sắc"},
    {"name": "Giấy khen của Giám đốc Sở GD&ĐT", "occasion": "sơ kết", "quota": "20"},
    {"name": "Bằng khen của Chủ tịch UBND tỉnh", "occasion": "tổng kết", "quota": "10"},
]
MILESTONES = [
    {
        "title": "Kế hoạch và đăng ký nội dung thi đua",
        "deliverable": "registration",
        "recurrence": "once",
        "due_on": "30/04/2024",
        "figures": "Số nội dung đăng ký",
        "description": "Gửi kế hoạch và đăng ký các phần việc, mỗi phần việc có thời gian bắt đầu và kết thúc.",
    },
    {"title": "Báo cáo sơ kết năm 2024", "deliverable": "midterm_report", "recurrence": "once", "due_on": "09/12/2024"},
    {
        "title": "Báo cáo tổng kết và hồ sơ đề nghị khen thưởng",
        "deliverable": "final_report",
        "recurrence": "once",
        "due_on": "31/10/2025",
    },
]


@time_machine.travel(datetime.datetime(2024, 4, 20, 2, 0, tzinfo=datetime.UTC), tick=False)
def test_officer_enters_ben_tre_914_and_a_school_submits_against_it(world, client_for):
    officer = client_for(world.users["so_officer"])
    _post(
        officer,
        reverse("campaigns:create"),
        {
            "title": "Tổ chức thực hiện cao điểm thi đua “Đồng Khởi mới” ngành Giáo dục và Đào tạo năm 2024-2025",
            "kind": "peak",
            "governing_body": "UBND TỈNH BẾN TRE",
            "number": "914",
            "symbol": "KH-SGD&ĐT",
            "issued_place": "Bến Tre",
            "issued_on": "12/04/2024",
            "signer_title": "GIÁM ĐỐC",
            "signer_name": "La Thị Thúy",
            "theme": "Hai chân – Ba mũi",
            "starts_on": "12/04/2024",
            "ends_on": "31/01/2026",
            "purpose": "Phát huy mạnh mẽ ý chí tự lực, tự cường…\nChủ động đề ra các nhiệm vụ cụ thể…",
            "requirements": "Cao điểm thi đua phải được triển khai sâu rộng trong toàn ngành…",
            "distribution": "UBND tỉnh;\nBan TĐKT tỉnh;\nCác Phòng GD&ĐT;\nLưu: VT, VP.",
            "min_exemplars_per_unit": "0",
            "min_exemplars_issuer": "0",
        },
    )
    campaign = Campaign.objects.get()
    for part, rows in (
        ("can-cu", UPPER_DOCUMENTS),
        ("doi-tuong", SUBJECTS),
        ("tieu-chi", CRITERIA),
        ("khen-thuong", AWARD_OFFERS),
        ("moc", MILESTONES),
    ):
        for row in rows:
            _post(officer, reverse("campaigns:part-add", args=[campaign.pk, part]), row, prefix=part)
    _post(
        officer,
        reverse("campaigns:part-add", args=[campaign.pk, "ho-so"]),
        {"name": "Tờ trình đề nghị khen thưởng", "is_required": "on"},
        prefix="ho-so",
    )
    _post(officer, reverse("campaigns:participants", args=[campaign.pk]), {"participant_scope": "subtree"})
    _post(officer, reverse("campaigns:set-state", args=[campaign.pk]), {"state": "launched", "reason": "Phát động"})

    detail = officer.get(reverse("campaigns:detail", args=[campaign.pk]))
    page = detail.content.decode()
    campaign = detail.context["campaign"]
    tree = [(c.number, depth) for c, depth in criteria_tree(campaign)]
    assert (campaign.state, campaign.number_symbol, campaign.kind) == ("launched", "914/KH-SGD&ĐT", "peak")
    assert tree == [
        ("2", 0),
        ("2.1", 1),
        ("2.1.1", 2),
        ("2.1.2", 2),
        ("2.2", 1),
        ("2.2.1", 2),
        ("2.2.2", 2),
        ("2.2.3", 2),
    ]
    assert [str(c.target_value.normalize()) for c, _d in criteria_tree(campaign) if c.is_target] == [
        "1E+2",
        "99.5",
        "344",
        "95",
    ]
    for text in ("Chỉ tiêu: 344 trường", "Chỉ tiêu: 99,5 %", "Bến Tre, ngày 12 tháng 4 năm 2024", "La Thị Thúy"):
        assert text in page
    assert [m.deadlines.get().due_on for m in campaign.milestones.all()] == [
        datetime.date(2024, 4, 30),
        datetime.date(2024, 12, 9),
        datetime.date(2025, 10, 31),
    ]
    assert [o.quota for o in campaign.award_offers.all()] == [None, 20, 10]
    assert campaign.upper_documents.count() == 4

    clerk = client_for(world.users["school_clerk"])
    calendar = clerk.get(reverse("campaigns:my-deadlines"), {"nam": "2023"})
    owed = [(r.deadline.milestone.title, r.status.value) for m in calendar.context["months"] for r in m["items"]]
    assert owed == [("Kế hoạch và đăng ký nội dung thi đua", "not_due")]
    registration = campaign.milestones.get(deliverable="registration").deadlines.get()
    clerk.post(
        reverse("campaigns:submit", args=[registration.pk]),
        {
            "file": SimpleUploadedFile("dang-ky.pdf", b"%PDF-1.7\n%...\n%%EOF\n"),
            "figure_so_noi_dung_dang_ky": "12",
            "note": "Trường đăng ký 12 phần việc",
        },
    )
    submission = Submission.objects.get()
    assert (submission.unit_id, submission.version, submission.figures) == (
        world.school_a1.pk,
        1,
        {"so_noi_dung_dang_ky": 12},
    )
    statuses = {s.unit.pk: s.status.value for s in deadline_statuses(registration, [world.school_a1, world.school_a2])}
    assert statuses == {world.school_a1.pk: "on_time", world.school_a2.pk: "not_due"}
