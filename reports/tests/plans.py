"""A campaign shaped like Bến Tre's 914/KH-SGD&ĐT (seed 000), built with the real services."""

import datetime

from campaigns import services
from campaigns.enums import CampaignState, DeliverableKind, Recurrence, SubjectKind
from campaigns.tests.factories import CampaignFactory

PURPOSE = "\n".join(
    (
        "Phát huy mạnh mẽ ý chí tự lực, tự cường; lòng yêu nước, tính năng động, sáng tạo, cần cù trong lao "
        "động, cổ vũ sức mạnh to lớn của các cơ quan, đơn vị, cán bộ, công chức, viên chức trong toàn ngành "
        "để hoàn thành tốt nhiệm vụ được giao.",
        "Chủ động đề ra các nhiệm vụ cụ thể, thiết thực, giải pháp đột phá, sát với tình hình thực tế nhằm "
        "lãnh đạo, chỉ đạo, thực hiện thắng lợi các chỉ tiêu, nghị quyết của đơn vị.",
        "Nâng cao vai trò, trách nhiệm của người đứng đầu cấp ủy, thủ trưởng cơ quan; thể hiện sự quyết liệt,"
        " năng động, sáng tạo trong lãnh đạo, chỉ đạo.",
    )
)

REQUIREMENTS = "\n".join(
    (
        "Cao điểm thi đua phải được triển khai sâu rộng trong toàn ngành, với nội dung, hình thức phong phú, "
        "thiết thực, không phô trương, hình thức.",
        "Kịp thời kiểm tra, đánh giá tiến độ, kết quả thực hiện; phát hiện, xây dựng, biểu dương, bồi dưỡng, "
        "tuyên truyền và nhân rộng các gương điển hình tiên tiến.",
        "Việc khen thưởng, tôn vinh phải bảo đảm chính xác, công khai, công bằng, tạo động lực để các tập "
        "thể, cá nhân tích cực, hăng hái phấn đấu.",
    )
)

ORGANISATION = "\n".join(
    (
        "1. Sở Giáo dục và Đào tạo",
        "Theo dõi, hướng dẫn, đôn đốc, kiểm tra việc triển khai thực hiện nội dung Kế hoạch này; phối hợp với"
        " các cơ quan, đơn vị trong thực hiện công tác bình xét khen thưởng; bảo đảm nguyên tắc công khai, "
        "minh bạch, chính xác, kịp thời.",
        "2. Phòng Giáo dục và Đào tạo các huyện, thành phố; các đơn vị thuộc và trực thuộc Sở",
        "- Xây dựng Kế hoạch thực hiện cao điểm thi đua, triển khai, quán triệt đến cán bộ, công chức, viên "
        "chức, người lao động tham gia.",
        "- Kịp thời khen thưởng theo thẩm quyền và đề nghị cấp trên khen thưởng cho các tập thể, cá nhân đạt "
        "thành tích xuất sắc trong cao điểm thi đua.",
    )
)

DISTRIBUTION = """- Ủy ban nhân dân tỉnh (báo cáo);
- Ban Thi đua - Khen thưởng tỉnh;
- Giám đốc và các Phó GĐ Sở GD&ĐT;
- Các phòng, Thanh tra Sở (thực hiện);
- Phòng GD&ĐT các huyện, thành phố (thực hiện);
- Các đơn vị trực thuộc Sở (thực hiện);
- Cổng TTĐT Sở GD&ĐT;
- Lưu: VT."""

# A criterion whose text exercises the combining marks that break in a bad pipeline.
TRICKY_TITLE = "Thi đua sử dụng hiệu quả, giữ gìn cơ sở vật chất: ử ỡ ặ đ"

FILLER = (
    "Thi đua đổi mới công tác quản lý giáo dục, quản trị nhà trường theo hướng chuyên nghiệp, hiện đại, "
    "tinh gọn, hiệu lực, hiệu quả; nâng cao chất lượng đội ngũ nhà giáo và cán bộ quản lý giáo dục gắn với "
    "nhu cầu phát triển kinh tế - xã hội, bảo đảm an ninh quốc phòng và hội nhập quốc tế."
)


def make_ben_tre_plan(issuer, *, recipient=None, extra_criteria: int = 0, launch: bool = True, **fields):
    """The plan 914/KH-SGD&ĐT of 12/4/2024 with its căn cứ, content, targets, awards and deadlines."""
    values = {
        "title": "Tổ chức thực hiện cao điểm thi đua “Đồng Khởi mới” ngành Giáo dục và Đào tạo năm 2024-2025",
        "summary": "Tổ chức thực hiện cao điểm thi đua “Đồng Khởi mới” ngành Giáo dục và Đào tạo năm 2024-2025",
        "kind": "peak",
        "number": 914,
        "symbol": "KH-SGD&ĐT",
        "issued_on": datetime.date(2024, 4, 12),
        "issued_place": "Bến Tre",
        "governing_body": "UBND tỉnh Bến Tre",
        "signer_name": "La Thị Thúy",
        "signer_title": "Giám đốc",
        "signing_authority": "",
        "preamble": (
            "Thực hiện Kế hoạch số 2024/KH-UBND ngày 03 tháng 4 năm 2024 của Ủy ban nhân dân tỉnh, "
            "Sở Giáo dục và Đào tạo ban hành Kế hoạch tổ chức thực hiện cao điểm thi đua “Đồng Khởi mới” "
            "với những nội dung như sau:"
        ),
        "purpose": PURPOSE,
        "requirements": REQUIREMENTS,
        "theme": "Hai chân – Ba mũi",
        "organisation": ORGANISATION,
        "starts_on": datetime.date(2024, 4, 12),
        "ends_on": datetime.date(2025, 12, 31),
        "distribution": DISTRIBUTION,
        "min_exemplars_per_unit": 1,
    }
    values.update(fields)
    campaign = CampaignFactory(issuer=issuer, **values)
    add = {"campaign": campaign, "actor": None}
    services.upper_document_add(
        **add,
        number_symbol="2024/KH-UBND",
        issued_on=datetime.date(2024, 4, 3),
        issuer_name="Ủy ban nhân dân tỉnh",
        summary="việc tổ chức thực hiện cao điểm thi đua “Đồng Khởi mới” năm 2024 - 2025",
    )
    services.upper_document_add(
        **add,
        number_symbol="01-CT/TU",
        issued_on=datetime.date(2020, 10, 17),
        issuer_name="Ban Thường vụ Tỉnh ủy",
        summary="phát động Phong trào thi đua “Đồng Khởi mới” giai đoạn 2020 - 2025, tầm nhìn đến năm 2030",
    )
    services.upper_document_add(
        **add,
        number_symbol="6980/HD-UBND",
        issued_on=datetime.date(2023, 11, 13),
        issuer_name="UBND tỉnh",
        summary="khen thưởng trong thực hiện Chỉ thị 01-CT/TU",
    )
    phase_2024 = services.phase_add(
        **add, name="Năm 2024", starts_on=datetime.date(2024, 4, 12), ends_on=datetime.date(2024, 12, 31)
    )
    services.phase_add(**add, name="Năm 2025", starts_on=datetime.date(2025, 1, 1), ends_on=datetime.date(2025, 12, 31))
    services.subject_add(
        **add,
        kind=SubjectKind.COLLECTIVE,
        description="Các cơ quan quản lý giáo dục, các cơ sở giáo dục trên địa bàn tỉnh",
    )
    services.subject_add(
        **add, kind=SubjectKind.INDIVIDUAL, description="Cán bộ, công chức, viên chức, người lao động trong toàn ngành"
    )
    party = services.criterion_add(
        **add, number="2.1", title="Thi đua xây dựng Đảng và hệ thống chính trị trong sạch, vững mạnh"
    )
    services.criterion_add(
        **add,
        parent=party,
        number="2.1.1",
        title="Về xây dựng Đảng",
        body="Từng cơ quan, đơn vị phấn đấu thực hiện hoàn thành xuất sắc nhiệm vụ được giao.",
    )
    system = services.criterion_add(**add, parent=party, number="2.1.2", title="Về xây dựng hệ thống chính trị")
    services.criterion_add(
        **add,
        parent=system,
        title="Cán bộ, công chức sử dụng hộp thư điện tử công vụ",
        target_value="100",
        target_unit="%",
        subject_kind=SubjectKind.INDIVIDUAL,
    )
    services.criterion_add(
        **add,
        parent=system,
        title="Hồ sơ tiếp nhận được giải quyết đúng hạn và sớm hạn",
        target_value="100",
        target_unit="%",
    )
    economy = services.criterion_add(**add, number="2.2", title="Thi đua phát triển kinh tế - xã hội", body=FILLER)
    services.criterion_add(
        **add,
        parent=economy,
        title="Nhóm, lớp mầm non được học 2 buổi/ngày",
        target_value="99,5",
        target_unit="%",
        target_year=2025,
        phase=phase_2024,
    )
    services.criterion_add(
        **add,
        parent=economy,
        title="Trường đạt chuẩn quốc gia",
        target_value="344",
        target_unit="trường",
        target_year=2025,
        subject_kind=SubjectKind.COLLECTIVE,
    )
    services.criterion_add(**add, parent=economy, number="2.2.3", title=TRICKY_TITLE)
    for index in range(extra_criteria):
        services.criterion_add(
            **add, parent=economy, number=f"2.2.{index + 4}", title=f"Nội dung thi đua bổ sung {index + 1}", body=FILLER
        )
    services.award_offer_add(**add, name="Bằng khen của Chủ tịch UBND tỉnh", occasion="tổng kết", quota=10)
    services.award_offer_add(**add, name="Giấy khen của Giám đốc Sở Giáo dục và Đào tạo", occasion="sơ kết")
    services.award_offer_add(**add, name="Khen thưởng đột xuất")
    services.dossier_component_add(**add, name="Tờ trình đề nghị khen thưởng")
    services.dossier_component_add(**add, name="Biên bản họp xét khen thưởng")
    services.dossier_component_add(**add, name="Báo cáo thành tích của tập thể, cá nhân")
    services.dossier_component_add(**add, name="Xác nhận phạm vi ảnh hưởng của sáng kiến", is_required=False)
    services.milestone_create(
        **add,
        deliverable=DeliverableKind.REGISTRATION,
        title="Kế hoạch và đăng ký nội dung công việc",
        due_on=datetime.date(2024, 5, 1),
        recipient=recipient,
    )
    services.milestone_create(
        **add,
        deliverable=DeliverableKind.MIDTERM_REPORT,
        title="Báo cáo sơ kết năm 2024",
        due_on=datetime.date(2024, 12, 10),
        recipient=recipient,
    )
    services.milestone_create(
        **add,
        deliverable=DeliverableKind.ANNUAL_REPORT,
        title="Báo cáo kết quả thực hiện",
        recurrence=Recurrence.YEARLY,
        due_month=11,
        due_day=10,
        recipient=recipient,
    )
    services.milestone_create(
        **add,
        deliverable=DeliverableKind.FINAL_REPORT,
        title="Báo cáo tổng kết và hồ sơ đề nghị khen thưởng",
        due_on=datetime.date(2025, 2, 5),
        recipient=recipient,
    )
    if launch:
        campaign = services.campaign_set_state(campaign=campaign, new_state=CampaignState.LAUNCHED, actor=None)
    return campaign
