import datetime

import factory
from django.utils import timezone

from campaigns import services
from campaigns.enums import CampaignState
from campaigns.models import Campaign
from campaigns.seed_plans import build_plan
from units.enums import UnitKind
from units.tests.factories import UnitFactory


class CampaignFactory(factory.Factory):
    class Meta:
        model = Campaign

    title = factory.Sequence(lambda n: f"Phong trào thi đua thử nghiệm {n}")
    kind = "regular"
    number = factory.Sequence(lambda n: 100 + n)
    symbol = "KH-SGDĐT"
    issued_on = datetime.date(2024, 9, 10)
    issued_place = "Bến Tre"
    signer_name = "La Thị Thúy"
    signer_title = "GIÁM ĐỐC"
    starts_on = datetime.date(2024, 9, 1)
    ends_on = datetime.date(2026, 8, 31)

    @classmethod
    def _create(cls, model_class, issuer=None, **kwargs):
        return services.campaign_create(issuer=issuer, actor=None, **kwargs)


def running_campaign(world, **fields) -> Campaign:
    """A launched campaign of the Sở whose period covers today: the test's clock, frozen in conftest.py."""
    today = timezone.localdate()
    fields.setdefault("starts_on", datetime.date(today.year - 1, 9, 1))
    fields.setdefault("ends_on", datetime.date(today.year + 3, 8, 31))
    campaign = CampaignFactory(issuer=fields.pop("issuer", world.so), **fields)
    return services.campaign_set_state(campaign=campaign, new_state="launched", actor=None)


def registration_deadline(campaign: Campaign, due_on: datetime.date):
    milestone = services.milestone_create(
        campaign=campaign,
        actor=None,
        deliverable="registration",
        title="Đăng ký thi đua",
        due_on=due_on,
        amendment_reason="Bổ sung hạn đăng ký",
    )
    return milestone.deadlines.get()


def ben_tre_914(issuer, *, launch: bool = True, **fields) -> Campaign:
    """Bến Tre's 914/KH-SGD&ĐT as the seed has it (``campaigns.seed_plans``), issued by ``issuer``.

    ``fields`` change the campaign's own fields while it is a draft (e.g. another date or signer);
    with ``launch`` the plan is then launched, as a published plan is.
    """
    campaign = build_plan("bentre_914", issuer=issuer)
    if fields:
        campaign = services.campaign_update(campaign=campaign, actor=None, **fields)
    if launch:
        campaign = services.campaign_set_state(campaign=campaign, new_state=CampaignState.LAUNCHED, actor=None)
    return campaign


def seed_units() -> dict:
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
