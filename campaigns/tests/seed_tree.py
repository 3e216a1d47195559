"""The four seed issuers in trees shaped like the real ones (shared by campaigns and reports tests)."""

from units.enums import UnitKind
from units.tests.factories import UnitFactory


def make_seed_units() -> dict:
    """The four issuers in trees shaped like the real ones, with a few units below each."""
    units = {}

    def add(code, kind, name, parent=None, **extra):
        units[code] = UnitFactory(code=code, kind=kind, name=name, parent=parent, **extra)
        return units[code]

    ubnd_bentre = add("UBND-BENTRE", UnitKind.PROVINCE_COMMITTEE, "Ủy ban nhân dân tỉnh Bến Tre")
    bentre = add("SGDDT-BENTRE", UnitKind.EDUCATION_DEPARTMENT, "Sở Giáo dục và Đào tạo tỉnh Bến Tre", ubnd_bentre)
    chau_thanh = add("PGDDT-CHAUTHANH", UnitKind.EDUCATION_OFFICE, "Phòng GD&ĐT huyện Châu Thành", bentre)
    add("TH-TANTHACH", UnitKind.PRIMARY_SCHOOL, "Trường Tiểu học Tân Thạch", chau_thanh)
    add("THPT-CHAUTHANH-A", UnitKind.UPPER_SECONDARY_SCHOOL, "Trường THPT Châu Thành A", bentre)
    add("THPT-NGUYENDINHCHIEU", UnitKind.UPPER_SECONDARY_SCHOOL, "Trường THPT Nguyễn Đình Chiểu", bentre)
    add("GDNN-GDTX-BATRI", UnitKind.CONTINUING_EDUCATION_CENTRE, "Trung tâm GDNN-GDTX huyện Ba Tri", bentre)

    quang_ninh = add("SGDDT-QUANGNINH", UnitKind.EDUCATION_DEPARTMENT, "Sở Giáo dục và Đào tạo tỉnh Quảng Ninh")
    dong_trieu = add(
        "PGDDT-DONGTRIEU",
        UnitKind.EDUCATION_OFFICE,
        "Phòng Giáo dục và Đào tạo thị xã Đông Triều",
        quang_ninh,
        head_name="Phạm Văn Thử",
        head_title="Trưởng phòng",
    )
    add("THCS-XUANSON", UnitKind.LOWER_SECONDARY_SCHOOL, "Trường THCS Xuân Sơn", dong_trieu)
    add("TH-XUANSON", UnitKind.PRIMARY_SCHOOL, "Trường Tiểu học Xuân Sơn", dong_trieu)
    add("MN-XUANSON", UnitKind.PRESCHOOL, "Trường Mầm non Xuân Sơn", dong_trieu)

    ubnd_hungyen = add("UBND-HUNGYEN", UnitKind.PROVINCE_COMMITTEE, "Ủy ban nhân dân tỉnh Hưng Yên")
    hung_yen = add("SGDDT-HUNGYEN", UnitKind.EDUCATION_DEPARTMENT, "Sở Giáo dục và Đào tạo tỉnh Hưng Yên", ubnd_hungyen)
    add("PGDDT-KIMDONG", UnitKind.EDUCATION_OFFICE, "Phòng GDĐT huyện Kim Động", hung_yen)
    add("THPT-HUNGYEN", UnitKind.UPPER_SECONDARY_SCHOOL, "Trường THPT Hưng Yên", hung_yen)

    lang_son = add("UBND-LANGSON", UnitKind.PROVINCE_COMMITTEE, "Ủy ban nhân dân tỉnh Lạng Sơn")
    bang_mac = add("UBND-BANGMAC", UnitKind.COMMUNE_COMMITTEE, "Ủy ban nhân dân xã Bằng Mạc", lang_son)
    add("VHXH-BANGMAC", UnitKind.COMMUNE_CULTURE_OFFICE, "Phòng Văn hóa – Xã hội xã Bằng Mạc", bang_mac)
    add("MN-BANGMAC", UnitKind.PRESCHOOL, "Trường Mầm non Bằng Mạc", bang_mac)
    add("TH-BANGMAC", UnitKind.PRIMARY_SCHOOL, "Trường Tiểu học Bằng Mạc", bang_mac)
    return units
