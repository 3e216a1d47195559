"""Demo data: the issuers of the seed campaign plans with realistic subtrees, people,
clusters and one demo account per role; plus a generated province for benchmarks.

``load`` is idempotent (``make run`` calls it on every start): it looks everything up
by its code (units), name and unit (people), name and year (clusters) or username
(accounts) and only creates what is missing. Other apps' demo loaders find units by
the codes in ``KEY_UNITS``.
"""

import datetime
import random
import time

from django.db import transaction

from common.text import fold, person_sort_key, sort_key
from units import services
from units.enums import ClusterKind, Gender, PersonRole, UnitEventKind, UnitKind
from units.models import Cluster, Person, Unit, UnitEvent, User

DEMO_PASSWORD = "ThiDua@2025"

K = UnitKind
# (code, parent code, kind, official name, short name, head title, head name)
UNITS: list[tuple] = [
    ("BGDDT", None, K.MINISTRY, "Bộ Giáo dục và Đào tạo", "BGDĐT", "Bộ trưởng", ""),
    # Bến Tre (old three tiers), merged into Vĩnh Long on 01/7/2025
    ("UBND-BENTRE", None, K.PROVINCE_COMMITTEE, "Ủy ban nhân dân tỉnh Bến Tre", "UBND", "Chủ tịch", ""),
    (
        "SGDDT-BENTRE",
        "UBND-BENTRE",
        K.EDUCATION_DEPARTMENT,
        "Sở Giáo dục và Đào tạo tỉnh Bến Tre",
        "SGD&ĐT",
        "Giám đốc",
        "La Thị Thúy",
    ),
    (
        "PGDDT-CHAUTHANH",
        "SGDDT-BENTRE",
        K.EDUCATION_OFFICE,
        "Phòng Giáo dục và Đào tạo huyện Châu Thành",
        "PGD&ĐT",
        "Trưởng phòng",
        "",
    ),
    ("MN-TANTHACH", "PGDDT-CHAUTHANH", K.PRESCHOOL, "Trường Mầm non Tân Thạch", "MNTT", "Hiệu trưởng", ""),
    ("TH-TANTHACH", "PGDDT-CHAUTHANH", K.PRIMARY_SCHOOL, "Trường Tiểu học Tân Thạch", "THTT", "Hiệu trưởng", ""),
    (
        "THCS-TANTHACH",
        "PGDDT-CHAUTHANH",
        K.LOWER_SECONDARY_SCHOOL,
        "Trường THCS Tân Thạch",
        "THCSTT",
        "Hiệu trưởng",
        "",
    ),
    (
        "PGDDT-MOCAYNAM",
        "SGDDT-BENTRE",
        K.EDUCATION_OFFICE,
        "Phòng Giáo dục và Đào tạo huyện Mỏ Cày Nam",
        "PGD&ĐT",
        "Trưởng phòng",
        "",
    ),
    ("MN-DINHTHUY", "PGDDT-MOCAYNAM", K.PRESCHOOL, "Trường Mầm non Định Thủy", "MNĐT", "Hiệu trưởng", ""),
    ("TH-DINHTHUY", "PGDDT-MOCAYNAM", K.PRIMARY_SCHOOL, "Trường Tiểu học Định Thủy", "THĐT", "Hiệu trưởng", ""),
    ("THCS-DINHTHUY", "PGDDT-MOCAYNAM", K.LOWER_SECONDARY_SCHOOL, "Trường THCS Định Thủy", "THCSĐT", "Hiệu trưởng", ""),
    (
        "PGDDT-BATRI",
        "SGDDT-BENTRE",
        K.EDUCATION_OFFICE,
        "Phòng Giáo dục và Đào tạo huyện Ba Tri",
        "PGD&ĐT",
        "Trưởng phòng",
        "",
    ),
    ("TH-ANHIEP", "PGDDT-BATRI", K.PRIMARY_SCHOOL, "Trường Tiểu học An Hiệp", "THAH", "Hiệu trưởng", ""),
    ("THCS-ANHIEP", "PGDDT-BATRI", K.LOWER_SECONDARY_SCHOOL, "Trường THCS An Hiệp", "THCSAH", "Hiệu trưởng", ""),
    (
        "THPT-CHUYENBENTRE",
        "SGDDT-BENTRE",
        K.UPPER_SECONDARY_SCHOOL,
        "Trường THPT chuyên Bến Tre",
        "THPTCBT",
        "Hiệu trưởng",
        "",
    ),
    (
        "THPT-NGUYENDINHCHIEU",
        "SGDDT-BENTRE",
        K.UPPER_SECONDARY_SCHOOL,
        "Trường THPT Nguyễn Đình Chiểu",
        "THPTNĐC",
        "Hiệu trưởng",
        "",
    ),
    (
        "GDNNGDTX-CHAUTHANH",
        "SGDDT-BENTRE",
        K.CONTINUING_EDUCATION_CENTRE,
        "Trung tâm Giáo dục nghề nghiệp – Giáo dục thường xuyên huyện Châu Thành",
        "TTGDNN-GDTX",
        "Giám đốc",
        "",
    ),
    # Vĩnh Long after the 2025 merger
    ("UBND-VINHLONG", None, K.PROVINCE_COMMITTEE, "Ủy ban nhân dân tỉnh Vĩnh Long", "UBND", "Chủ tịch", ""),
    (
        "SGDDT-VINHLONG",
        "UBND-VINHLONG",
        K.EDUCATION_DEPARTMENT,
        "Sở Giáo dục và Đào tạo tỉnh Vĩnh Long",
        "SGDĐT",
        "Giám đốc",
        "",
    ),
    (
        "THPT-LUUVANLIET",
        "SGDDT-VINHLONG",
        K.UPPER_SECONDARY_SCHOOL,
        "Trường THPT Lưu Văn Liệt",
        "THPTLVL",
        "Hiệu trưởng",
        "",
    ),
    # Quảng Ninh: Sở → Phòng thị xã Đông Triều → schools
    ("UBND-QUANGNINH", None, K.PROVINCE_COMMITTEE, "Ủy ban nhân dân tỉnh Quảng Ninh", "UBND", "Chủ tịch", ""),
    (
        "SGDDT-QUANGNINH",
        "UBND-QUANGNINH",
        K.EDUCATION_DEPARTMENT,
        "Sở Giáo dục và Đào tạo tỉnh Quảng Ninh",
        "SGDĐT",
        "Giám đốc",
        "",
    ),
    (
        "PGDDT-DONGTRIEU",
        "SGDDT-QUANGNINH",
        K.EDUCATION_OFFICE,
        "Phòng Giáo dục và Đào tạo thị xã Đông Triều",
        "PGD&ĐT",
        "Trưởng phòng",
        "",
    ),
    (
        "THCS-XUANSON",
        "PGDDT-DONGTRIEU",
        K.LOWER_SECONDARY_SCHOOL,
        "Trường THCS Xuân Sơn",
        "TrTHCSXS",
        "Hiệu trưởng",
        "Nguyễn Thị Tuyết Mai",
    ),
    ("TH-XUANSON", "PGDDT-DONGTRIEU", K.PRIMARY_SCHOOL, "Trường Tiểu học Xuân Sơn", "TrTHXS", "Hiệu trưởng", ""),
    ("MN-XUANSON", "PGDDT-DONGTRIEU", K.PRESCHOOL, "Trường Mầm non Xuân Sơn", "TrMNXS", "Hiệu trưởng", ""),
    ("THCS-KIMSON", "PGDDT-DONGTRIEU", K.LOWER_SECONDARY_SCHOOL, "Trường THCS Kim Sơn", "TrTHCSKS", "Hiệu trưởng", ""),
    (
        "THCS-MAOKHE",
        "PGDDT-DONGTRIEU",
        K.LOWER_SECONDARY_SCHOOL,
        "Trường THCS Mạo Khê I",
        "TrTHCSMK1",
        "Hiệu trưởng",
        "",
    ),
    # Hưng Yên
    ("UBND-HUNGYEN", None, K.PROVINCE_COMMITTEE, "Ủy ban nhân dân tỉnh Hưng Yên", "UBND", "Chủ tịch", ""),
    (
        "SGDDT-HUNGYEN",
        "UBND-HUNGYEN",
        K.EDUCATION_DEPARTMENT,
        "Sở Giáo dục và Đào tạo tỉnh Hưng Yên",
        "SGDĐT",
        "Giám đốc",
        "",
    ),
    (
        "PGDDT-VANLAM",
        "SGDDT-HUNGYEN",
        K.EDUCATION_OFFICE,
        "Phòng Giáo dục và Đào tạo huyện Văn Lâm",
        "PGDĐT",
        "Trưởng phòng",
        "",
    ),
    ("MN-NHUQUYNH", "PGDDT-VANLAM", K.PRESCHOOL, "Trường Mầm non Như Quỳnh", "MNNQ", "Hiệu trưởng", ""),
    ("TH-NHUQUYNH", "PGDDT-VANLAM", K.PRIMARY_SCHOOL, "Trường Tiểu học Như Quỳnh", "THNQ", "Hiệu trưởng", ""),
    ("THCS-NHUQUYNH", "PGDDT-VANLAM", K.LOWER_SECONDARY_SCHOOL, "Trường THCS Như Quỳnh", "THCSNQ", "Hiệu trưởng", ""),
    (
        "PGDDT-KHOAICHAU",
        "SGDDT-HUNGYEN",
        K.EDUCATION_OFFICE,
        "Phòng Giáo dục và Đào tạo huyện Khoái Châu",
        "PGDĐT",
        "Trưởng phòng",
        "",
    ),
    ("TH-DONGTIEN", "PGDDT-KHOAICHAU", K.PRIMARY_SCHOOL, "Trường Tiểu học Đông Tiến", "THĐT", "Hiệu trưởng", ""),
    (
        "THCS-DONGTIEN",
        "PGDDT-KHOAICHAU",
        K.LOWER_SECONDARY_SCHOOL,
        "Trường THCS Đông Tiến",
        "THCSĐT",
        "Hiệu trưởng",
        "",
    ),
    (
        "THPT-CHUYENHUNGYEN",
        "SGDDT-HUNGYEN",
        K.UPPER_SECONDARY_SCHOOL,
        "Trường THPT chuyên Hưng Yên",
        "THPTCHY",
        "Hiệu trưởng",
        "",
    ),
    (
        "GDNNGDTX-VANGIANG",
        "SGDDT-HUNGYEN",
        K.CONTINUING_EDUCATION_CENTRE,
        "Trung tâm Giáo dục nghề nghiệp – Giáo dục thường xuyên huyện Văn Giang",
        "TTGDNN-GDTX",
        "Giám đốc",
        "",
    ),
    (
        "TTKTDBCL-HUNGYEN",
        "SGDDT-HUNGYEN",
        K.DEPARTMENT_UNIT,
        "Trung tâm Khảo thí và Kiểm định chất lượng giáo dục",
        "TTKT",
        "Giám đốc",
        "",
    ),
    # Lạng Sơn: two tiers since 7/2025 (commune manages its schools)
    ("UBND-LANGSON", None, K.PROVINCE_COMMITTEE, "Ủy ban nhân dân tỉnh Lạng Sơn", "UBND", "Chủ tịch", ""),
    (
        "SGDDT-LANGSON",
        "UBND-LANGSON",
        K.EDUCATION_DEPARTMENT,
        "Sở Giáo dục và Đào tạo tỉnh Lạng Sơn",
        "SGDĐT",
        "Giám đốc",
        "",
    ),
    ("UBND-BANGMAC", "SGDDT-LANGSON", K.COMMUNE_COMMITTEE, "Ủy ban nhân dân xã Bằng Mạc", "UBND", "Chủ tịch", ""),
    (
        "VHXH-BANGMAC",
        "UBND-BANGMAC",
        K.COMMUNE_CULTURE_OFFICE,
        "Phòng Văn hóa – Xã hội xã Bằng Mạc",
        "VHXH",
        "Trưởng phòng",
        "",
    ),
    ("MN-BANGMAC", "UBND-BANGMAC", K.PRESCHOOL, "Trường Mầm non Bằng Mạc", "MNBM", "Hiệu trưởng", ""),
    ("TH-BANGMAC", "UBND-BANGMAC", K.PRIMARY_SCHOOL, "Trường Tiểu học Bằng Mạc", "THBM", "Hiệu trưởng", ""),
    ("THCS-BANGMAC", "UBND-BANGMAC", K.LOWER_SECONDARY_SCHOOL, "Trường THCS Bằng Mạc", "THCSBM", "Hiệu trưởng", ""),
    (
        "PTDTBT-THCS-BANGMAC",
        "UBND-BANGMAC",
        K.MULTI_LEVEL_SCHOOL,
        "Trường Phổ thông dân tộc bán trú Tiểu học và THCS Bằng Mạc",
        "PTDTBTBM",
        "Hiệu trưởng",
        "",
    ),
]
KEY_UNITS = (
    "SGDDT-BENTRE",
    "UBND-BENTRE",
    "SGDDT-VINHLONG",
    "SGDDT-QUANGNINH",
    "PGDDT-DONGTRIEU",
    "THCS-XUANSON",
    "SGDDT-HUNGYEN",
    "SGDDT-LANGSON",
    "UBND-BANGMAC",
    "VHXH-BANGMAC",
)
ADDRESSES = {
    "BENTRE": "tỉnh Bến Tre",
    "VINHLONG": "tỉnh Vĩnh Long",
    "QUANGNINH": "tỉnh Quảng Ninh",
    "DONGTRIEU": "thị xã Đông Triều, tỉnh Quảng Ninh",
    "XUANSON": "phường Xuân Sơn, thị xã Đông Triều, tỉnh Quảng Ninh",
    "HUNGYEN": "tỉnh Hưng Yên",
    "LANGSON": "tỉnh Lạng Sơn",
    "BANGMAC": "xã Bằng Mạc, tỉnh Lạng Sơn",
}
# The first digits of a CCCD number: the province of birth registration.
PROVINCE_ID_PREFIX = {"BENTRE": "083", "QUANGNINH": "022", "HUNGYEN": "033", "LANGSON": "020", "VINHLONG": "086"}

# People the seed plans name, and a few more that demos and tests look for.
NAMED_PEOPLE = [
    # (unit code, full name, gender, role, position, birth date)
    ("SGDDT-BENTRE", "La Thị Thúy", Gender.FEMALE, PersonRole.MANAGER, "Giám đốc", datetime.date(1971, 5, 14)),
    (
        "SGDDT-BENTRE",
        "Trần Văn Hùng",
        Gender.MALE,
        PersonRole.STAFF,
        "Chuyên viên Văn phòng Sở (TĐKT)",
        datetime.date(1982, 9, 2),
    ),
    ("SGDDT-HUNGYEN", "Đỗ Văn Khải", Gender.MALE, PersonRole.MANAGER, "Phó Giám đốc", datetime.date(1968, 11, 20)),
    (
        "THCS-XUANSON",
        "Nguyễn Thị Tuyết Mai",
        Gender.FEMALE,
        PersonRole.MANAGER,
        "Hiệu trưởng",
        datetime.date(1975, 3, 8),
    ),
    ("THCS-XUANSON", "Nguyễn Văn An", Gender.MALE, PersonRole.TEACHER, "Giáo viên Toán", datetime.date(1988, 1, 5)),
    ("THCS-XUANSON", "Phạm Thị Thu Hà", Gender.FEMALE, PersonRole.STAFF, "Văn thư", datetime.date(1990, 7, 21)),
]
# (full name, gender, from unit, to unit, date, decision)
TRANSFERS = [
    ("Huỳnh Thị Ngọc Hân", Gender.FEMALE, "TH-TANTHACH", "TH-ANHIEP", datetime.date(2024, 8, 15), "QĐ 512/QĐ-SGD&ĐT"),
    (
        "Võ Minh Trí",
        Gender.MALE,
        "THCS-DINHTHUY",
        "THPT-NGUYENDINHCHIEU",
        datetime.date(2023, 8, 1),
        "QĐ 388/QĐ-SGD&ĐT",
    ),
    ("Lương Văn Toàn", Gender.MALE, "THCS-KIMSON", "THCS-XUANSON", datetime.date(2024, 8, 20), "QĐ 97/QĐ-PGD&ĐT"),
    ("Hoàng Thị Lụa", Gender.FEMALE, "TH-NHUQUYNH", "TH-DONGTIEN", datetime.date(2022, 9, 1), ""),
    ("Nông Văn Thái", Gender.MALE, "TH-BANGMAC", "THCS-BANGMAC", datetime.date(2025, 8, 25), "QĐ 41/QĐ-UBND"),
]
# (organiser, kind, name, school year, head, deputy, members)
CLUSTERS = [
    (
        "SGDDT-BENTRE",
        ClusterKind.CLUSTER,
        "Cụm thi đua các Phòng Giáo dục và Đào tạo",
        2024,
        "PGDDT-CHAUTHANH",
        "PGDDT-MOCAYNAM",
        ["PGDDT-CHAUTHANH", "PGDDT-MOCAYNAM", "PGDDT-BATRI"],
    ),
    (
        "SGDDT-BENTRE",
        ClusterKind.BLOCK,
        "Khối các trường THPT và trung tâm GDNN-GDTX",
        2024,
        "THPT-CHUYENBENTRE",
        "THPT-NGUYENDINHCHIEU",
        ["THPT-CHUYENBENTRE", "THPT-NGUYENDINHCHIEU", "GDNNGDTX-CHAUTHANH"],
    ),
    (
        "SGDDT-QUANGNINH",
        ClusterKind.BLOCK,
        "Khối THCS thị xã Đông Triều",
        2024,
        "THCS-XUANSON",
        "THCS-KIMSON",
        ["THCS-XUANSON", "THCS-KIMSON", "THCS-MAOKHE"],
    ),
    (
        "SGDDT-HUNGYEN",
        ClusterKind.CLUSTER,
        "Cụm thi đua số 1",
        2025,
        "PGDDT-VANLAM",
        "PGDDT-KHOAICHAU",
        ["PGDDT-VANLAM", "PGDDT-KHOAICHAU", "THPT-CHUYENHUNGYEN", "GDNNGDTX-VANGIANG"],
    ),
    (
        "SGDDT-LANGSON",
        ClusterKind.CLUSTER,
        "Cụm thi đua các trường xã Bằng Mạc",
        2025,
        "THCS-BANGMAC",
        "TH-BANGMAC",
        ["MN-BANGMAC", "TH-BANGMAC", "THCS-BANGMAC", "PTDTBT-THCS-BANGMAC"],
    ),
]
# One account per role at least: (username, full name, unit code, role flags, person's full name or "")
DEMO_ACCOUNTS = [
    ("quantri", "Quản trị hệ thống", None, ("is_superuser",), ""),
    ("bentre.tdkt", "Trần Văn Hùng", "SGDDT-BENTRE", ("is_officer",), "Trần Văn Hùng"),
    ("bentre.lanhdao", "La Thị Thúy", "SGDDT-BENTRE", ("is_leader",), "La Thị Thúy"),
    ("bentre.hoidong", "Phan Thanh Sơn", "SGDDT-BENTRE", ("is_council_member",), ""),
    ("vinhlong.tdkt", "Nguyễn Thị Kim Oanh", "SGDDT-VINHLONG", ("is_officer",), ""),
    ("vinhlong.lanhdao", "Lê Quang Trung", "SGDDT-VINHLONG", ("is_leader",), ""),
    ("dongtrieu.tdkt", "Vũ Thị Hồng Nhung", "PGDDT-DONGTRIEU", ("is_officer",), ""),
    ("xuanson.vanthu", "Phạm Thị Thu Hà", "THCS-XUANSON", ("is_clerk",), "Phạm Thị Thu Hà"),
    ("xuanson.hieutruong", "Nguyễn Thị Tuyết Mai", "THCS-XUANSON", ("is_unit_head",), "Nguyễn Thị Tuyết Mai"),
    ("hungyen.tdkt", "Bùi Quang Huy", "SGDDT-HUNGYEN", ("is_officer",), ""),
    ("hungyen.lanhdao", "Đỗ Văn Khải", "SGDDT-HUNGYEN", ("is_leader", "is_council_member"), "Đỗ Văn Khải"),
    ("langson.tdkt", "Hoàng Văn Thắng", "SGDDT-LANGSON", ("is_officer",), ""),
    ("bangmac.tdkt", "Lăng Thị Hoa", "UBND-BANGMAC", ("is_officer",), ""),
    ("bangmac.vhxh", "Triệu Văn Dũng", "VHXH-BANGMAC", ("is_clerk",), ""),
]
DEMO_USERNAMES = tuple(account[0] for account in DEMO_ACCOUNTS)

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đinh",
    "Trương",
    "Lương",
    "Mai",
]
FAMILY_NORTH_MOUNTAIN = ["Nông", "Hoàng", "Lăng", "Triệu", "Hà", "Lộc", "Vi", "Chu", "Lương", "Hoàng"]
MIDDLE = {
    Gender.FEMALE: [
        "Thị",
        "Thị Thu",
        "Thị Ngọc",
        "Thị Thanh",
        "Thị Minh",
        "Thị Kim",
        "Ngọc",
        "Thị Hồng",
        "Thị Mỹ",
        "Thu",
    ],
    Gender.MALE: ["Văn", "Văn", "Đức", "Minh", "Quốc", "Hữu", "Thành", "Công", "Xuân", "Trọng"],
}
GIVEN = {
    Gender.FEMALE: [
        "An",
        "Anh",
        "Ánh",
        "Bích",
        "Châu",
        "Diệp",
        "Dung",
        "Giang",
        "Hà",
        "Hằng",
        "Hạnh",
        "Hoa",
        "Hương",
        "Lan",
        "Linh",
        "Loan",
        "Mai",
        "My",
        "Nga",
        "Ngân",
        "Nhung",
        "Oanh",
        "Phương",
        "Quyên",
        "Thảo",
        "Trang",
        "Tuyết",
        "Uyên",
        "Vân",
        "Yến",
    ],
    Gender.MALE: [
        "An",
        "Bảo",
        "Bình",
        "Cường",
        "Dũng",
        "Đạt",
        "Định",
        "Đông",
        "Hải",
        "Hiếu",
        "Hoàng",
        "Hùng",
        "Huy",
        "Khải",
        "Khánh",
        "Lâm",
        "Long",
        "Minh",
        "Nam",
        "Nghĩa",
        "Phong",
        "Phúc",
        "Quang",
        "Sơn",
        "Tài",
        "Thắng",
        "Thành",
        "Toàn",
        "Trung",
        "Tuấn",
        "Vinh",
    ],
}
SUBJECTS = [
    "Toán",
    "Ngữ văn",
    "Tiếng Anh",
    "Vật lí",
    "Hóa học",
    "Sinh học",
    "Lịch sử và Địa lí",
    "Tin học",
    "Giáo dục thể chất",
    "Âm nhạc",
    "Mĩ thuật",
    "Công nghệ",
]
STAFF_POSITIONS = ["Kế toán", "Văn thư", "Nhân viên thư viện", "Nhân viên y tế học đường", "Nhân viên thiết bị"]
WORKER_POSITIONS = ["Bảo vệ", "Cấp dưỡng", "Phục vụ"]


def _say(stdout, message: str) -> None:
    if stdout is not None:
        stdout.write(message)


def _province(code: str) -> str:
    return next((key for key in PROVINCE_ID_PREFIX if key in code), "BENTRE")


def _name(rng: random.Random, gender: str, families=FAMILY) -> str:
    return f"{rng.choice(families)} {rng.choice(MIDDLE[gender])} {rng.choice(GIVEN[gender])}"


def _national_id(rng: random.Random, code: str, gender: str, birth: datetime.date) -> str:
    century = 0 if birth.year < 2000 else 2
    digit = century + (1 if gender == Gender.FEMALE else 0)
    return f"{PROVINCE_ID_PREFIX[_province(code)]}{digit}{birth.year % 100:02d}{rng.randrange(10**6):06d}"


def _date(rng: random.Random, first_year: int, last_year: int) -> datetime.date:
    return datetime.date(rng.randint(first_year, last_year), rng.randint(1, 12), rng.randint(1, 28))


def _staff_roster(unit: Unit) -> list[tuple[str, str, str]]:
    """(role, position, qualifications) of the people a unit of this kind has."""
    if unit.kind in (
        K.EDUCATION_DEPARTMENT,
        K.EDUCATION_OFFICE,
        K.COMMUNE_COMMITTEE,
        K.COMMUNE_CULTURE_OFFICE,
        K.DEPARTMENT_UNIT,
        K.PROVINCE_COMMITTEE,
    ):
        deputy = "Phó Giám đốc" if unit.kind == K.EDUCATION_DEPARTMENT else "Phó Trưởng phòng"
        return [
            (PersonRole.MANAGER, deputy, "Thạc sĩ Quản lý giáo dục"),
            (PersonRole.STAFF, "Chuyên viên", "Cử nhân Sư phạm"),
            (PersonRole.STAFF, "Chuyên viên", "Cử nhân Luật"),
            (PersonRole.WORKER, "Lái xe", ""),
        ]
    preschool = unit.kind == K.PRESCHOOL
    teacher_degree = "Cao đẳng Sư phạm Mầm non" if preschool else "Đại học Sư phạm"
    roster = [
        (
            PersonRole.MANAGER,
            "Hiệu trưởng" if unit.kind != K.CONTINUING_EDUCATION_CENTRE else "Giám đốc",
            "Thạc sĩ Quản lý giáo dục",
        ),
        (PersonRole.MANAGER, "Phó Hiệu trưởng", "Đại học Sư phạm"),
    ]
    for index in range(6):
        position = "Giáo viên mầm non" if preschool else f"Giáo viên {SUBJECTS[index % len(SUBJECTS)]}"
        roster.append((PersonRole.TEACHER, position, teacher_degree))
    roster += [(PersonRole.STAFF, STAFF_POSITIONS[0], "Cử nhân Kế toán"), (PersonRole.STAFF, STAFF_POSITIONS[1], "")]
    roster.append((PersonRole.WORKER, WORKER_POSITIONS[0], ""))
    if not preschool:
        roster += [
            (PersonRole.STUDENT, "Lớp trưởng", ""),
            (PersonRole.STUDENT, "Học sinh", ""),
            (PersonRole.STUDENT, "Bí thư Chi đoàn" if unit.kind == K.UPPER_SECONDARY_SCHOOL else "Học sinh", ""),
        ]
    return roster


def _student_years(kind: str) -> tuple[int, int]:
    return {K.PRIMARY_SCHOOL: (2015, 2018), K.UPPER_SECONDARY_SCHOOL: (2008, 2010)}.get(kind, (2011, 2013))


def _load_units(stdout) -> dict[str, Unit]:
    units = {u.code: u for u in Unit.objects.filter(code__in=[row[0] for row in UNITS])}
    created = 0
    for code, parent_code, kind, name, short_name, head_title, head_name in UNITS:
        if code in units:
            continue
        place = next((v for k, v in ADDRESSES.items() if k in code), "")
        units[code] = services.unit_create(
            parent=Unit.objects.get(pk=units[parent_code].pk) if parent_code else None,
            actor=None,
            kind=kind,
            name=name,
            short_name=short_name,
            code=code,
            head_title=head_title,
            head_name=head_name,
            address=place,
            active_from=datetime.date(2025, 7, 1)
            if code in ("UBND-BANGMAC", "VHXH-BANGMAC", "SGDDT-VINHLONG")
            else None,
        )
        created += 1
    _say(stdout, f"Demo units: {created} created, {len(UNITS) - created} already there.")
    return units


def _load_merger(units: dict[str, Unit]) -> None:
    """Bến Tre merged into Vĩnh Long on 01/7/2025 (Nghị quyết 202/2025/QH15)."""
    for source, into in (("UBND-BENTRE", "UBND-VINHLONG"), ("SGDDT-BENTRE", "SGDDT-VINHLONG")):
        if UnitEvent.objects.filter(unit=units[into], kind=UnitEventKind.MERGED).exists():
            continue
        services.unit_merge(
            sources=[units[source]],
            into=units[into],
            date=datetime.date(2025, 7, 1),
            decision="Nghị quyết 202/2025/QH15",
            actor=None,
            move_people=False,
        )


def _load_people(units: dict[str, Unit], stdout) -> None:
    created = 0
    staffed = set(Person.objects.filter(unit__in=units.values()).values_list("unit_id", flat=True).distinct())
    for code, full_name, gender, role, position, birth in NAMED_PEOPLE:
        unit = units[code]
        if not Person.objects.filter(unit=unit, full_name=full_name).exists():
            rng = random.Random(f"{code}:{full_name}")
            services.person_create(
                unit=unit,
                actor=None,
                full_name=full_name,
                gender=gender,
                role=role,
                position=position,
                birth_date=birth,
                sector_start_year=birth.year + 23,
                qualifications="Đại học Sư phạm",
                national_id=_national_id(rng, code, gender, birth),
            )
            created += 1
    for code, unit in units.items():
        if unit.pk in staffed or unit.kind in (K.MINISTRY, K.PROVINCE_COMMITTEE):
            continue
        rng = random.Random(code)
        families = FAMILY_NORTH_MOUNTAIN if "BANGMAC" in code else FAMILY
        for role, position, qualifications in _staff_roster(unit):
            gender = rng.choice([Gender.FEMALE, Gender.FEMALE, Gender.MALE])
            if role == PersonRole.STUDENT:
                birth = _date(rng, *_student_years(unit.kind))
                fields = {"position": position}
            else:
                birth = _date(rng, 1968, 1999)
                fields = {
                    "position": position,
                    "qualifications": qualifications,
                    "sector_start_year": min(birth.year + rng.randint(21, 26), 2024),
                    "national_id": _national_id(rng, code, gender, birth) if rng.random() < 0.8 else "",
                    "phone": f"09{rng.randrange(10**8):08d}",
                }
            services.person_create(
                unit=unit,
                actor=None,
                full_name=_name(rng, gender, families),
                gender=gender,
                role=role,
                birth_date=birth,
                **fields,
            )
            created += 1
    for full_name, gender, from_code, to_code, date, decision in TRANSFERS:
        if Person.objects.filter(full_name=full_name, unit__code__in=[from_code, to_code]).exists():
            continue
        rng = random.Random(full_name)
        birth = _date(rng, 1980, 1995)
        person = services.person_create(
            unit=units[from_code],
            actor=None,
            full_name=full_name,
            gender=gender,
            role=PersonRole.TEACHER,
            position="Giáo viên",
            birth_date=birth,
            sector_start_year=birth.year + 23,
            qualifications="Đại học Sư phạm",
        )
        services.person_transfer(person=person, to_unit=units[to_code], date=date, decision=decision, actor=None)
        created += 1
    _say(stdout, f"Demo people: {created} created.")


def _load_clusters(units: dict[str, Unit]) -> None:
    for organiser, kind, name, year, head, deputy, members in CLUSTERS:
        if Cluster.objects.filter(organiser=units[organiser], name=name, school_year=year).exists():
            continue
        services.cluster_create(
            organiser=units[organiser],
            kind=kind,
            name=name,
            school_year=year,
            head_unit=units[head],
            deputy_unit=units[deputy],
            members=[units[m] for m in members],
            actor=None,
        )


def _load_accounts(units: dict[str, Unit], stdout) -> None:
    existing = set(User.objects.filter(username__in=DEMO_USERNAMES).values_list("username", flat=True))
    for username, full_name, unit_code, flags, person_name in DEMO_ACCOUNTS:
        if username in existing:
            continue
        unit = units[unit_code] if unit_code else None
        person = Person.objects.filter(unit=unit, full_name=person_name).first() if person_name and unit else None
        user = User(
            username=username, full_name=full_name, unit=unit, person=person, email=f"{username}@demo.thidua.edu.vn"
        )
        for flag in flags:
            setattr(user, flag, True)
        user.is_staff = user.is_superuser
        user.set_password(DEMO_PASSWORD)
        user.save()
    _say(stdout, f"Demo accounts: {len(DEMO_ACCOUNTS) - len(existing)} created (password {DEMO_PASSWORD}).")


@transaction.atomic
def load(*, stdout=None) -> dict[str, Unit]:
    """Create whatever of the demo registry is missing; returns the demo units by code."""
    units = _load_units(stdout)
    _load_merger(units)
    units = {u.code: u for u in Unit.objects.filter(code__in=units)}
    _load_people(units, stdout)
    _load_clusters(units)
    _load_accounts(units, stdout)
    return units


def demo_logins() -> list[dict]:
    """The demo accounts as rows for ``demo_logins`` and the README."""
    units = dict(Unit.objects.filter(code__in=[a[2] for a in DEMO_ACCOUNTS if a[2]]).values_list("code", "name"))
    flags = {field: role for role, field in User.ROLE_FIELDS.items()}
    return [
        {
            "username": username,
            "roles": ", ".join(str(flags[f].label) for f in fields),
            "unit": units.get(unit_code, "—") if unit_code else "—",
            "password": DEMO_PASSWORD,
        }
        for username, _name, unit_code, fields, _person in DEMO_ACCOUNTS
    ]


# --- A generated province for benchmarks ------------------------------------------


def generate_province(*, root_code: str = "BENCH-TINH", units: int = 1000, people: int = 30000, stdout=None) -> Unit:
    """About ``units`` units and ``people`` people under a separate root, in a few bulk inserts.

    Paths are built the way treebeard builds them (``Unit._get_path``) and the search
    and sort keys come from ``common.text``, so the result behaves like service-made data.
    Returns the root; if it exists already, nothing is generated.
    """
    existing = Unit.objects.filter(code=root_code).first()
    if existing is not None:
        _say(stdout, f"Benchmark province {root_code} already there.")
        province_accounts(existing, stdout=stdout)
        return existing
    rng = random.Random(root_code)
    with transaction.atomic():
        root = services.unit_create(
            parent=None,
            actor=None,
            kind=K.PROVINCE_COMMITTEE,
            name="Ủy ban nhân dân tỉnh Thử nghiệm",
            short_name="UBND",
            code=root_code,
        )
        so = services.unit_create(
            parent=root,
            actor=None,
            kind=K.EDUCATION_DEPARTMENT,
            name="Sở Giáo dục và Đào tạo tỉnh Thử nghiệm",
            short_name="SGDĐT",
            code=f"{root_code}-SGD",
        )
        remaining = max(units - 2, 1)
        offices = max(1, round(remaining / 31))
        schools = remaining - offices
        school_kinds = [K.PRESCHOOL, K.PRIMARY_SCHOOL, K.LOWER_SECONDARY_SCHOOL]
        office_rows, school_rows = [], []
        per_office = [schools // offices + (1 if i < schools % offices else 0) for i in range(offices)]
        for i in range(offices):
            office_path = Unit._get_path(so.path, so.depth + 1, i + 1)
            # Since 7/2025 some provinces have two tiers: a commune manages its schools.
            commune = i % 4 == 3
            name = (
                f"Ủy ban nhân dân xã Thử nghiệm {i + 1:03d}"
                if commune
                else f"Phòng Giáo dục và Đào tạo khu vực {i + 1:03d}"
            )
            office_rows.append(
                Unit(
                    path=office_path,
                    depth=so.depth + 1,
                    numchild=per_office[i],
                    kind=K.COMMUNE_COMMITTEE if commune else K.EDUCATION_OFFICE,
                    name=name,
                    short_name="UBND" if commune else "PGDĐT",
                    code=f"{root_code}-P{i + 1:03d}",
                    name_search=fold(name),
                    name_sort=sort_key(name),
                )
            )
            for j in range(per_office[i]):
                kind = school_kinds[j % 3]
                label = {
                    K.PRESCHOOL: "Trường Mầm non",
                    K.PRIMARY_SCHOOL: "Trường Tiểu học",
                    K.LOWER_SECONDARY_SCHOOL: "Trường THCS",
                }[kind]
                name = f"{label} {rng.choice(GIVEN[Gender.MALE])} {i + 1:03d}-{j + 1:02d}"
                school_rows.append(
                    Unit(
                        path=Unit._get_path(office_path, so.depth + 2, j + 1),
                        depth=so.depth + 2,
                        numchild=0,
                        kind=kind,
                        name=name,
                        short_name="",
                        code=f"{root_code}-S{i + 1:03d}-{j + 1:02d}",
                        name_search=fold(name),
                        name_sort=sort_key(name),
                    )
                )
        Unit.objects.bulk_create(office_rows + school_rows, batch_size=500)
        Unit.objects.filter(pk=so.pk).update(numchild=offices)
        school_ids = list(
            Unit.objects.filter(path__startswith=so.path, depth=so.depth + 2)
            .order_by("path")
            .values_list("pk", flat=True)
        )
        keys: dict[str, tuple[str, str]] = {}
        batch: list[Person] = []
        roles = [PersonRole.TEACHER] * 7 + [PersonRole.MANAGER, PersonRole.STAFF, PersonRole.STUDENT]
        for n in range(people):
            gender = Gender.FEMALE if rng.random() < 0.7 else Gender.MALE
            full_name = _name(rng, gender)
            if full_name not in keys:
                keys[full_name] = (fold(full_name), person_sort_key(full_name))
            role = roles[n % len(roles)]
            batch.append(
                Person(
                    unit_id=school_ids[n % len(school_ids)],
                    role=role,
                    full_name=full_name,
                    gender=gender,
                    birth_date=_date(rng, 2010, 2013) if role == PersonRole.STUDENT else _date(rng, 1968, 1999),
                    position="Giáo viên" if role == PersonRole.TEACHER else "",
                    name_search=keys[full_name][0],
                    name_sort=keys[full_name][1],
                )
            )
            if len(batch) == 5000:
                Person.objects.bulk_create(batch, batch_size=1000)
                batch = []
        Person.objects.bulk_create(batch, batch_size=1000)
    _say(stdout, f"Benchmark province {root_code}: {2 + offices + schools} units, {people} people.")
    province_accounts(root, stdout=stdout)
    return root


def province_prefix(root: Unit) -> str:
    """The first part of the province's usernames: "tinh" for BENCH-TINH."""
    return root.code.lower().removeprefix("bench-")


def province_logins(root: Unit) -> dict[str, str]:
    """The username of each persona the benchmark logs in as (the first Phòng, its first school)."""
    prefix = province_prefix(root)
    return {
        "so_officer": f"{prefix}.tdkt",
        "leader": f"{prefix}.lanhdao",
        "council": f"{prefix}.hoidong",
        "phong_officer": f"{prefix}.p001.tdkt",
        "school_clerk": f"{prefix}.s001-01.vanthu",
        "school_head": f"{prefix}.s001-01.hieutruong",
    }


def province_accounts(root: Unit, *, stdout=None) -> int:
    """Accounts at every level of a generated province, with the demo password (hashed once).

    The Sở: an officer, a leader and a council member; each Phòng or commune: an officer; each
    school: a clerk and a head. ``<prefix>.tdkt``, ``<prefix>.p001.tdkt``, ``<prefix>.s001-01.vanthu``.
    Idempotent: usernames already there are skipped.
    """
    from django.contrib.auth.hashers import make_password

    prefix = province_prefix(root)
    so = Unit.objects.get(code=f"{root.code}-SGD")
    password = make_password(DEMO_PASSWORD)
    rng = random.Random(f"{root.code}:accounts")
    wanted: list[tuple[str, Unit, tuple[str, ...]]] = [
        (f"{prefix}.tdkt", so, ("is_officer",)),
        (f"{prefix}.lanhdao", so, ("is_leader",)),
        (f"{prefix}.hoidong", so, ("is_council_member",)),
    ]
    start = len(root.code) + 2  # after "<root>-P" / "<root>-S"
    for unit in Unit.objects.filter(path__startswith=so.path, depth__gt=so.depth).order_by("path"):
        suffix = unit.code[start:].lower()
        if unit.depth == so.depth + 1:
            wanted.append((f"{prefix}.p{suffix}.tdkt", unit, ("is_officer",)))
        else:
            wanted.append((f"{prefix}.s{suffix}.vanthu", unit, ("is_clerk",)))
            wanted.append((f"{prefix}.s{suffix}.hieutruong", unit, ("is_unit_head",)))
    existing = set(User.objects.filter(username__in=[row[0] for row in wanted]).values_list("username", flat=True))
    rows = []
    for username, unit, flags in wanted:
        if username in existing:
            continue
        gender = rng.choice([Gender.FEMALE, Gender.FEMALE, Gender.MALE])
        user = User(
            username=username,
            full_name=_name(rng, gender),
            unit=unit,
            email=f"{username}@demo.thidua.edu.vn",
            password=password,
        )
        for flag in flags:
            setattr(user, flag, True)
        rows.append(user)
    User.objects.bulk_create(rows, batch_size=1000)
    _say(stdout, f"Benchmark province accounts: {len(rows)} created (password {DEMO_PASSWORD}).")
    return len(rows)


# --- National scale: 33 more provinces, loaded with COPY --------------------------

# The 34 provinces and cities after the 2025 merger (Nghị quyết 202/2025/QH15), less the four
# the demo data already has (Quảng Ninh, Hưng Yên, Lạng Sơn, Vĩnh Long): a generated province
# never shares a name with a demo one, so a search shows which data it hits.
NATIONAL_PROVINCES = [
    ("thành phố", "Hà Nội"),
    ("thành phố", "Hồ Chí Minh"),
    ("thành phố", "Hải Phòng"),
    ("thành phố", "Đà Nẵng"),
    ("thành phố", "Huế"),
    ("thành phố", "Cần Thơ"),
    ("tỉnh", "Tuyên Quang"),
    ("tỉnh", "Cao Bằng"),
    ("tỉnh", "Lai Châu"),
    ("tỉnh", "Lào Cai"),
    ("tỉnh", "Thái Nguyên"),
    ("tỉnh", "Điện Biên"),
    ("tỉnh", "Sơn La"),
    ("tỉnh", "Phú Thọ"),
    ("tỉnh", "Bắc Ninh"),
    ("tỉnh", "Ninh Bình"),
    ("tỉnh", "Thanh Hóa"),
    ("tỉnh", "Nghệ An"),
    ("tỉnh", "Hà Tĩnh"),
    ("tỉnh", "Quảng Trị"),
    ("tỉnh", "Quảng Ngãi"),
    ("tỉnh", "Gia Lai"),
    ("tỉnh", "Khánh Hòa"),
    ("tỉnh", "Lâm Đồng"),
    ("tỉnh", "Đắk Lắk"),
    ("tỉnh", "Đồng Nai"),
    ("tỉnh", "Tây Ninh"),
    ("tỉnh", "Đồng Tháp"),
    ("tỉnh", "An Giang"),
    ("tỉnh", "Cà Mau"),
]
SCHOOLS_PER_OFFICE = 30


def national_code(index: int) -> str:
    """The root code of the ``index``-th generated province (from 1): BENCH-N01…"""
    return f"BENCH-N{index:02d}"


def _national_name(index: int) -> tuple[str, str]:
    if index <= len(NATIONAL_PROVINCES):
        return NATIONAL_PROVINCES[index - 1]
    # Numbered as the country's 32nd to 34th province: BENCH-TINH and the 30 named ones come first.
    return "tỉnh", f"Thử nghiệm {index + 1:02d}"


def generate_national(*, provinces: int = 33, schools: int = 1330, people: int = 47000, stdout=None) -> list[Unit]:
    """``provinces`` more provinces of ``schools`` schools and ``people`` people each (PostgreSQL).

    Each: UBND + Sở + one Phòng or commune per ``SCHOOLS_PER_OFFICE`` schools, written with COPY
    (``common.bulk.copy_rows``) with treebeard's paths, depth and numchild and the search and sort
    keys of ``common.text``; one Sở officer account (``n01.tdkt``). A province whose root code is
    there already is skipped, so a run that stopped half-way can be started again.
    Returns the roots, old and new; the other apps add their part through ``load_national``.
    """
    roots = []
    for index in range(1, provinces + 1):
        code = national_code(index)
        existing = Unit.objects.filter(code=code).first()
        if existing is not None:
            _say(stdout, f"  {code}: already there.")
            roots.append(existing)
            continue
        started = time.monotonic()
        with transaction.atomic():
            root, made = _national_province(code, index, schools, people)
        roots.append(root)
        _say(stdout, f"  {code} {root.name}: {made[0]} units, {made[1]} people in {time.monotonic() - started:.1f} s")
    return roots


def _national_province(code: str, index: int, schools: int, people: int) -> tuple[Unit, tuple[int, int]]:
    from django.contrib.auth.hashers import make_password

    from common.bulk import copy_rows

    rng = random.Random(code)
    level, place = _national_name(index)
    root = services.unit_create(
        parent=None,
        actor=None,
        kind=K.PROVINCE_COMMITTEE,
        name=f"Ủy ban nhân dân {level} {place}",
        short_name="UBND",
        code=code,
    )
    so = services.unit_create(
        parent=root,
        actor=None,
        kind=K.EDUCATION_DEPARTMENT,
        name=f"Sở Giáo dục và Đào tạo {level} {place}",
        short_name="SGDĐT",
        code=f"{code}-SGD",
    )
    schools = max(schools, 1)
    offices = max(1, -(-schools // SCHOOLS_PER_OFFICE))
    per_office = [schools // offices + (1 if i < schools % offices else 0) for i in range(offices)]
    labels = {
        K.PRESCHOOL: "Trường Mầm non",
        K.PRIMARY_SCHOOL: "Trường Tiểu học",
        K.LOWER_SECONDARY_SCHOOL: "Trường THCS",
    }
    school_kinds = list(labels)
    rows = []
    for i in range(offices):
        office_path = Unit._get_path(so.path, so.depth + 1, i + 1)
        # Since 7/2025 some provinces have two tiers: a commune manages its schools.
        commune = i % 4 == 3
        name = (
            f"Ủy ban nhân dân xã {place} {i + 1:03d}" if commune else f"Phòng Giáo dục và Đào tạo khu vực {i + 1:03d}"
        )
        kind = K.COMMUNE_COMMITTEE if commune else K.EDUCATION_OFFICE
        short = "UBND" if commune else "PGDĐT"
        rows.append(
            (
                office_path,
                so.depth + 1,
                per_office[i],
                kind,
                name,
                short,
                f"{code}-P{i + 1:03d}",
                fold(name),
                sort_key(name),
            )
        )
        for j in range(per_office[i]):
            kind = school_kinds[j % 3]
            name = f"{labels[kind]} {rng.choice(GIVEN[Gender.MALE])} {i + 1:03d}-{j + 1:02d}"
            rows.append(
                (
                    Unit._get_path(office_path, so.depth + 2, j + 1),
                    so.depth + 2,
                    0,
                    kind,
                    name,
                    "",
                    f"{code}-S{i + 1:03d}-{j + 1:02d}",
                    fold(name),
                    sort_key(name),
                )
            )
    fields = ("path", "depth", "numchild", "kind", "name", "short_name", "code", "name_search", "name_sort")
    copy_rows(Unit, fields, rows)
    Unit.objects.filter(pk=so.pk).update(numchild=offices)
    school_ids = list(
        Unit.objects.filter(path__startswith=so.path, depth=so.depth + 2).order_by("path").values_list("pk", flat=True)
    )
    copy_rows(
        Person,
        ("unit_id", "role", "full_name", "gender", "birth_date", "position", "name_search", "name_sort"),
        _national_people(rng, school_ids, people),
    )
    User.objects.create(
        username=f"{province_prefix(root)}.tdkt",
        full_name=_name(rng, Gender.FEMALE),
        unit=so,
        email=f"{province_prefix(root)}.tdkt@demo.thidua.edu.vn",
        password=make_password(DEMO_PASSWORD),
        is_officer=True,
    )
    return root, (2 + len(rows), people)


def _national_people(rng: random.Random, school_ids: list[int], people: int):
    """The rows of ``people`` people spread over the schools, in the shape of ``generate_province``'s."""
    keys: dict[str, tuple[str, str]] = {}
    roles = [PersonRole.TEACHER] * 7 + [PersonRole.MANAGER, PersonRole.STAFF, PersonRole.STUDENT]
    roles = [str(role) for role in roles]
    student, teacher = str(PersonRole.STUDENT), str(PersonRole.TEACHER)
    female, male = str(Gender.FEMALE), str(Gender.MALE)
    for n in range(people):
        gender = female if rng.random() < 0.7 else male
        full_name = _name(rng, gender)
        key = keys.get(full_name)
        if key is None:
            key = keys[full_name] = (fold(full_name), person_sort_key(full_name))
        role = roles[n % len(roles)]
        yield (
            school_ids[n % len(school_ids)],
            role,
            full_name,
            gender,
            _date(rng, 2010, 2013) if role == student else _date(rng, 1968, 1999),
            "Giáo viên" if role == teacher else "",
            key[0],
            key[1],
        )
