"""The four real campaign plans of the shared seeds, as data, and ``build_plan`` that loads one.

Sources (raw texts in ``/work/shared/seeds/``, facts in ``/work/shared/domain/seed-campaigns.md``):

- ``bentre_914``: Kế hoạch số 914/KH-SGD&ĐT, Sở GD&ĐT Bến Tre, 12/4/2024 (seed 000_9e67c0136f785eaf.txt).
- ``xuanson_672``: Kế hoạch số 672/KH-TrTHCSXS, Trường THCS Xuân Sơn, 18/9/2024 (seed 001_dd5b99d35e2b8864.txt).
- ``hungyen_1729``: Kế hoạch số 1729/KH-SGDĐT, Sở GDĐT Hưng Yên, 17/9/2021 (seed 002_c32e12fb899818d1.txt).
- ``bangmac_87``: Kế hoạch số 87/KH-UBND, UBND xã Bằng Mạc, 28/9/2025 (seed 004_856b76c7caf0f45f.txt).
- ``dongtrieu_1592``: Kế hoạch số 1592/KH-PGD&ĐT, Phòng GD&ĐT thị xã Đông Triều, 12/9/2024. Its text is
  **not** among the seeds: it is a short reconstruction from what plan 672 says about it (the plan that
  672 implements, with the deadlines 672 relays to the Phòng), so the cascade shows in the portal.

The scans lost their diacritics; every text here was restored by hand to NFC Vietnamese. Headings are
kept as the plan words them; long bodies are sometimes shortened, never reworded in meaning. Each
quantified target of a plan is its own criterion with ``target_value``/``target_unit`` (and
``target_year`` where the plan says "đến năm …"); its heading keeps the plan's wording, figure included.

Conventions of the data:

- Criterion numbers are stored as printed without the trailing dot or bracket ("II", "2.1.1", "a",
  "Bước 1", "(1)"); bullet items ("- …") have no number. The tree starts at the plan's Roman section.
  Sections that other fields hold (purpose and requirements, subjects, awards, dossier, organisation)
  are not repeated as criteria.
- The distribution list (nơi nhận) holds one recipient a line, without the leading "- " and the final
  ";"/"." that NĐ 30/2020 adds when printed.
- A deadline written "trước ngày X" is stored as due on X: that is the date officials read and quote,
  and a submission on that day counts as on time.

Judgement calls where the text is silent or damaged:

- Bến Tre: the period runs from the issue date to 31/12/2025 ("năm 2024-2025"; the tổng kết is held
  in 2025). "Báo cáo tổng kết và hồ sơ đề nghị khen thưởng trong tháng 10/2025" has no day: we take
  31/10/2025, the last day of that month. Plan and registration are two milestones on 01/5/2024.
  Units owing reports to the Sở are the Phòng GD&ĐT and the units under the Sở (schools under a Phòng
  report to their Phòng): ``DIRECT_REPORTING_KINDS``. Upper document 330-KH/TU has no date in the text.
- Xuân Sơn: kind "thematic" (it asks for "báo cáo thành tích khen thưởng chuyên đề"); period 18/9/2024 –
  31/12/2030; Giai đoạn 1 ends 31/12/2025, Giai đoạn 2 runs 01/01/2026 – 31/12/2030; the yearly report
  (before 10/11) therefore falls in every year 2024–2030. The section "Đối tượng" lists only individuals,
  but criteria V.2.a address the school as a unit, so the school is also a collective subject. The
  header shows only "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO" as the governing body and is kept so. III.6 reads
  "trong và ngoài nhà trường" where the scan lost a word. Milestones go to the issuer's parent (Phòng).
- Hưng Yên: the scan lost the header; the governing body "UBND TỈNH HƯNG YÊN" follows from the issuer.
  Kind "thematic" (a time-bound movement 2021–2025). Period 17/9/2021 – 31/12/2025. Section I is one
  list "Mục đích, yêu cầu", kept whole in ``purpose``. "Khen thưởng hằng năm" at the end of the school
  year is due yearly on 31/5 (the end of the school year in the Ministry's yearly time frames); the
  most typical exemplars are proposed every 11/6; sơ kết 20/11/2023 and tổng kết 20/11/2025 are the
  dates the plan gives. Individuals are four subjects, one per role, because each role has criteria.
- Bằng Mạc: the period is the school year 2025–2026: from the opening day 05/9/2025 to the end of the
  year 31/5/2026 (QĐ 2269/QĐ-BGDĐT). The plan gives no day for the tổng kết report and award proposals
  ("kết thúc năm học"): both are due 31/5/2026. The signature block shows "KT. CHỦ TỊCH" but the
  signer's name is not in the scan; the title "PHÓ CHỦ TỊCH" follows from "KT." (NĐ 30/2020: a deputy
  signs on behalf of the head) and the name stays empty. The scan numbers "Thời gian thi đua" II again
  after "II. Nội dung"; the content section is II. Only the schools owe the deliverables.
- Đông Triều 1592: signer unknown (empty); the demo loader fills it. Content items are the five the
  school's plan repeats; deadlines are the ones the school plan relays, owed by the Phòng's schools.
"""

import datetime
from decimal import Decimal

from django.db import transaction

from awards.models import Award
from campaigns import services
from campaigns.enums import CampaignKind, DeliverableKind, ParticipantScope, Recurrence, SubjectKind
from campaigns.models import Campaign
from units.enums import SCHOOL_KINDS, PersonRole, UnitKind
from units.models import Unit, User

D = datetime.date
COLLECTIVE = SubjectKind.COLLECTIVE.value
INDIVIDUAL = SubjectKind.INDIVIDUAL.value

# Units that report straight to a Sở: its Phòng and the units under it (schools under a Phòng
# report to the Phòng instead).
DIRECT_REPORTING_KINDS = [
    UnitKind.EDUCATION_OFFICE.value,
    UnitKind.UPPER_SECONDARY_SCHOOL.value,
    UnitKind.MULTI_LEVEL_SCHOOL.value,
    UnitKind.CONTINUING_EDUCATION_CENTRE.value,
    UnitKind.DEPARTMENT_UNIT.value,
]
SCHOOL_KIND_VALUES = [kind.value for kind in SCHOOL_KINDS]


def _c(number: str, title: str, body: str = "", children=(), **extra) -> dict:
    """A content item or criterion, with its sub-items."""
    return {"number": number, "title": title, "body": body, "children": list(children), **extra}


def _t(title: str, value: str, unit: str, year: int | None = None, **extra) -> dict:
    """A quantified target (unnumbered in the plans)."""
    return _c("", title, target_value=Decimal(value), target_unit=unit, target_year=year, **extra)


def _lines(*items: str) -> str:
    return "\n".join(items)


# --- 1. Bến Tre, 914/KH-SGD&ĐT ---------------------------------------------------------------

# The plan asks the units to report their results (mục V); the Sở asks in its sơ kết and tổng kết
# reports for the figures behind its two quantified targets of the school sector, so that the
# report sums them against "344 trường đạt chuẩn quốc gia" and "99,5% nhóm, lớp mầm non … 2 buổi/ngày"
# (the labels are worded so that they match those targets). A unit with no preschool (a high school)
# leaves the share out.
BENTRE_REPORT_FIGURES = [
    {"key": "truong_dat_chuan", "label": "Trường đạt chuẩn quốc gia", "unit": "trường"},
    {"key": "lop_2_buoi", "label": "Nhóm, lớp mầm non được học 2 buổi/ngày", "unit": "%", "required": False},
]

BENTRE_914 = {
    "issuer_code": "SGDDT-BENTRE",
    "campaign": {
        "title": "Cao điểm thi đua “Đồng Khởi mới” ngành Giáo dục và Đào tạo năm 2024-2025",
        "kind": CampaignKind.PEAK.value,
        "number": 914,
        "symbol": "KH-SGD&ĐT",
        "issued_on": D(2024, 4, 12),
        "issued_place": "Bến Tre",
        "governing_body": "UBND TỈNH BẾN TRE",
        "signer_name": "La Thị Thúy",
        "signer_title": "GIÁM ĐỐC",
        "signing_authority": "",
        "summary": "Tổ chức thực hiện cao điểm thi đua “Đồng Khởi mới” ngành Giáo dục và Đào tạo năm 2024-2025",
        "preamble": (
            "Thực hiện Kế hoạch số 2024/KH-UBND ngày 03 tháng 4 năm 2024 của Ủy ban nhân dân tỉnh về việc "
            "tổ chức thực hiện cao điểm thi đua “Đồng Khởi mới” năm 2024 - 2025; Sở Giáo dục và Đào tạo ban "
            "hành Kế hoạch tổ chức thực hiện cao điểm thi đua “Đồng Khởi mới” ngành Giáo dục và Đào tạo năm "
            "2024-2025 với những nội dung như sau:"
        ),
        "purpose": _lines(
            "Phát huy mạnh mẽ ý chí tự lực, tự cường; lòng yêu nước, tính năng động, sáng tạo, cần cù trong "
            "lao động, cổ vũ sức mạnh to lớn của các cơ quan, đơn vị, cán bộ, công chức, viên chức trong toàn "
            "ngành để hoàn thành tốt nhiệm vụ được giao.",
            "Chủ động đề ra các nhiệm vụ cụ thể, thiết thực, giải pháp đột phá, sát với tình hình thực tế nhằm "
            "lãnh đạo, chỉ đạo, thực hiện thắng lợi các chỉ tiêu, nghị quyết của đơn vị, góp phần thực hiện "
            "thành công Nghị quyết năm 2024 và Kế hoạch phát triển kinh tế - xã hội 5 năm (2021-2025) theo "
            "Nghị quyết Đại hội Đảng bộ các cấp đã đề ra và Kế hoạch phát triển giáo dục của ngành giai đoạn "
            "2021-2025.",
            "Nâng cao vai trò, trách nhiệm của người đứng đầu cấp ủy, thủ trưởng cơ quan; thể hiện sự quyết "
            "liệt, năng động, sáng tạo trong lãnh đạo, chỉ đạo, thực hiện có hiệu quả các nội dung, nhiệm vụ, "
            "giải pháp trong Kế hoạch số 330-KH/TU của Tỉnh ủy và Kế hoạch số 2024/KH-UBND ngày 03 tháng 4 "
            "năm 2024 của Ủy ban nhân dân tỉnh.",
        ),
        "requirements": _lines(
            "Cao điểm thi đua phải được triển khai sâu rộng trong toàn ngành, với nội dung, hình thức phong "
            "phú, thiết thực, không phô trương, hình thức...; các cơ quan, đơn vị cần xem đây là nhiệm vụ "
            "trọng tâm, xuyên suốt từ nay đến năm 2025, từ đó có giải pháp đột phá và quyết tâm cao để vượt "
            "qua mọi khó khăn, thách thức, tận dụng tối đa cơ hội, thuận lợi để tổ chức thực hiện có hiệu "
            "quả, đảm bảo thực chất.",
            "Kịp thời kiểm tra, đánh giá tiến độ, kết quả thực hiện; phát hiện, xây dựng, biểu dương, bồi "
            "dưỡng, tuyên truyền và nhân rộng các gương điển hình tiên tiến, sáng kiến, kinh nghiệm, mô hình "
            "mới, cách làm hay, sáng tạo trong thực hiện cao điểm thi đua, tạo sự lan tỏa tích cực trong toàn "
            "ngành.",
            "Việc khen thưởng, tôn vinh phải bảo đảm chính xác, công khai, công bằng, tạo động lực để các tập "
            "thể, cá nhân tích cực, hăng hái phấn đấu thực hiện tốt cao điểm thi đua Đồng Khởi mới và các "
            "phong trào thi đua do Trung ương và tỉnh phát động.",
        ),
        "theme": (
            "Phương châm “Hai chân - Ba mũi”; phương thức “Xây dựng điển hình, học tập điển hình, bắt kịp "
            "điển hình và vượt qua điển hình”; tinh thần “Ngành ngành thi đua, nhà nhà thi đua, người người "
            "thi đua”"
        ),
        "organisation": _lines(
            "1. Sở Giáo dục và Đào tạo",
            "Theo dõi, hướng dẫn, đôn đốc, kiểm tra việc triển khai thực hiện nội dung Kế hoạch này; phối hợp "
            "với các cơ quan, đơn vị trong thực hiện công tác bình xét khen thưởng; bảo đảm nguyên tắc công "
            "khai, minh bạch, chính xác, kịp thời; khen thưởng đúng người, đúng việc, đúng thành tích, đúng "
            "thời điểm; đồng thời, tham mưu tổng kết, biểu dương, khen thưởng kịp thời cho các tập thể, cá "
            "nhân tiêu biểu, xuất sắc trong cao điểm thi đua.",
            "2. Phòng Giáo dục và Đào tạo các huyện, thành phố; các đơn vị thuộc và trực thuộc Sở, các Trung "
            "tâm GDNN&GDTX",
            "- Xây dựng Kế hoạch thực hiện cao điểm thi đua, triển khai, quán triệt đến cán bộ, công chức, "
            "viên chức, người lao động tham gia.",
            "- Kịp thời khen thưởng theo thẩm quyền và đề nghị cấp trên khen thưởng cho các tập thể, cá nhân "
            "đạt thành tích xuất sắc trong cao điểm thi đua.",
            "- Các cơ quan, đơn vị, địa phương gửi kế hoạch thực hiện cao điểm thi đua và đăng ký nội dung "
            "công việc (có thời điểm bắt đầu và thời điểm kết thúc) về Thường trực Hội đồng thi đua Sở (Văn "
            "phòng) trước ngày 01/5/2024; đồng thời, báo cáo kết quả thực hiện cao điểm thi đua, trình khen "
            "thưởng (nếu có) về Sở Giáo dục và Đào tạo (qua Văn phòng) đảm bảo đúng thời gian quy định.",
            "Trên đây là Kế hoạch Tổ chức thực hiện cao điểm thi đua “Đồng Khởi mới” ngành Giáo dục và Đào tạo "
            "năm 2024-2025, Sở Giáo dục và Đào tạo yêu cầu các cơ quan, đơn vị khẩn trương tổ chức triển khai "
            "thực hiện và thường xuyên kiểm tra, đôn đốc để cao điểm thi đua đạt kết quả cao nhất./.",
        ),
        "starts_on": D(2024, 4, 12),
        "ends_on": D(2025, 12, 31),
        "participant_scope": ParticipantScope.SUBTREE.value,
        "distribution": _lines(
            "Ủy ban nhân dân tỉnh (báo cáo)",
            "Ban Thi đua - Khen thưởng tỉnh",
            "Giám đốc và các Phó GĐ Sở GD&ĐT",
            "Các phòng, Thanh tra Sở (thực hiện)",
            "Phòng GD&ĐT các huyện, thành phố (thực hiện)",
            "Các đơn vị trực thuộc Sở (thực hiện)",
            "Trung tâm GDNN-GDTX huyện, thành phố (thực hiện)",
            "Cổng TTĐT Sở GD&ĐT",
            "Lưu: VT",
        ),
    },
    "upper_documents": [
        {
            "number_symbol": "2024/KH-UBND",
            "issued_on": D(2024, 4, 3),
            "issuer_name": "Ủy ban nhân dân tỉnh Bến Tre",
            "summary": "Tổ chức thực hiện cao điểm thi đua “Đồng Khởi mới” năm 2024 - 2025",
        },
        {"number_symbol": "330-KH/TU", "issued_on": None, "issuer_name": "Tỉnh ủy Bến Tre", "summary": ""},
        {
            "number_symbol": "01-CT/TU",
            "issued_on": D(2020, 10, 17),
            "issuer_name": "Ban Thường vụ Tỉnh ủy Bến Tre",
            "summary": "Phát động Phong trào thi đua “Đồng Khởi mới” giai đoạn 2020 - 2025, tầm nhìn đến năm 2030",
        },
        {
            "number_symbol": "6980/HD-UBND",
            "issued_on": D(2023, 11, 13),
            "issuer_name": "Ủy ban nhân dân tỉnh Bến Tre",
            "summary": "Khen thưởng trong thực hiện Chỉ thị 01-CT/TU, ngày 17/10/2020 của Ban Thường vụ Tỉnh ủy",
        },
    ],
    "phases": [],
    "subjects": [
        {
            "kind": COLLECTIVE,
            "description": "Các cơ quan quản lý giáo dục, các cơ sở giáo dục trên địa bàn tỉnh.",
        },
        {
            "kind": INDIVIDUAL,
            "description": "Cán bộ, công chức, viên chức, người lao động trong toàn ngành.",
        },
    ],
    "criteria": [
        _c(
            "II",
            "Đối tượng, nội dung, phương châm, phương thức và giải pháp thực hiện cao điểm thi đua",
            children=[
                _c(
                    "2",
                    "Nội dung thi đua",
                    children=[
                        _c(
                            "2.1",
                            "Thi đua xây dựng Đảng và hệ thống chính trị trong sạch, vững mạnh",
                            children=[
                                _c(
                                    "2.1.1",
                                    "Về xây dựng Đảng",
                                    "Từng cơ quan, đơn vị phấn đấu thực hiện hoàn thành xuất sắc nhiệm vụ được "
                                    "giao, góp phần xây dựng tổ chức Đảng trong sạch, vững mạnh.",
                                ),
                                _c(
                                    "2.1.2",
                                    "Về xây dựng hệ thống chính trị",
                                    "Thi đua cải cách thủ tục hành chính, nâng cao tinh thần trách nhiệm, chất "
                                    "lượng phục vụ Nhân dân của công chức, viên chức và người lao động trong thực "
                                    "thi nhiệm vụ. Nâng cao hiệu quả chỉ đạo, điều hành và sử dụng Hệ thống quản "
                                    "lý văn bản qua mạng. Đẩy mạnh ứng dụng công nghệ thông tin trong quản lý và "
                                    "dạy học góp phần nâng cao chất lượng giáo dục và đào tạo giai đoạn 2021-2025.",
                                    children=[
                                        _t("100% cán bộ, công chức sử dụng hộp thư điện tử công vụ", "100", "%"),
                                        _t("100% hồ sơ tiếp nhận được giải quyết đúng hạn và sớm hạn", "100", "%"),
                                        _t(
                                            "100% đảng viên, cán bộ, công chức, viên chức có tài khoản dịch vụ "
                                            "công trực tuyến và sử dụng dịch vụ công trực tuyến khi có nhu cầu "
                                            "thực hiện thủ tục hành chính",
                                            "100",
                                            "%",
                                        ),
                                    ],
                                ),
                            ],
                        ),
                        _c(
                            "2.2",
                            "Thi đua phát triển kinh tế - xã hội",
                            "Thi đua đổi mới công tác quản lý giáo dục, quản trị nhà trường theo hướng chuyên "
                            "nghiệp, hiện đại, tinh gọn, hiệu lực, hiệu quả; nâng cao chất lượng đội ngũ nhà giáo "
                            "và CBQL giáo dục giai đoạn 2021-2025; nâng cao chất lượng nuôi dưỡng, chăm sóc, giáo "
                            "dục trẻ em; triển khai hiệu quả Chương trình Giáo dục phổ thông 2018; tổ chức tốt Kỳ "
                            "thi tốt nghiệp trung học phổ thông năm 2024, 2025; tăng cường kiểm định chất lượng "
                            "giáo dục và xây dựng trường đạt chuẩn quốc gia; giáo dục chính trị, tư tưởng; tiếp "
                            "tục thực hiện nội dung “Mỗi thầy, cô giáo là một tấm gương đạo đức, tự học và sáng "
                            "tạo”, xây dựng “Trường học hạnh phúc”, phong trào thi đua “Đổi mới, sáng tạo trong "
                            "quản lý, giảng dạy và học tập”; chăm lo đời sống nhà giáo, người lao động, học sinh "
                            "có hoàn cảnh khó khăn; chú ý khen thưởng người trực tiếp giảng dạy, người lao động, "
                            "cán bộ cơ sở.",
                            children=[
                                _c(
                                    "",
                                    "Đến hết năm 2025, cơ bản giáo viên mầm non có trình độ từ cao đẳng trở lên; "
                                    "giáo viên tiểu học, trung học cơ sở có trình độ từ đại học trở lên",
                                    target_year=2025,
                                ),
                                _t(
                                    "Đến năm 2025, có 99,5% nhóm, lớp mầm non được học 2 buổi/ngày",
                                    "99.5",
                                    "%",
                                    2025,
                                ),
                                _t(
                                    "Tỷ lệ trẻ em suy dinh dưỡng thể nhẹ cân giảm trung bình 0,3% so với đầu vào "
                                    "của mỗi năm học",
                                    "0.3",
                                    "% mỗi năm học",
                                ),
                                _t(
                                    "Tỷ lệ trẻ em suy dinh dưỡng thể thấp còi giảm trung bình 0,2% so với đầu "
                                    "vào của mỗi năm học",
                                    "0.2",
                                    "% mỗi năm học",
                                ),
                                _t(
                                    "Đến năm 2025 toàn tỉnh có 344 trường đạt chuẩn quốc gia",
                                    "344",
                                    "trường",
                                    2025,
                                ),
                                _t("100% các cơ sở giáo dục hoàn thành tự đánh giá", "100", "%", 2025),
                                _t(
                                    "95% cơ sở giáo dục được đánh giá ngoài và đạt kiểm định chất lượng giáo dục "
                                    "từ cấp độ 1 trở lên",
                                    "95",
                                    "%",
                                    2025,
                                ),
                                _t(
                                    "Trên 75% cơ sở giáo dục được đánh giá ngoài đạt kiểm định chất lượng giáo "
                                    "dục từ cấp độ 2 trở lên",
                                    "75",
                                    "%",
                                    2025,
                                ),
                                _t(
                                    "Đến năm 2025 hoàn tất việc xây dựng mô hình quản trị trường học bằng công "
                                    "nghệ số và xây dựng mô hình giáo dục kỹ năng công dân số tại 18 trường tiểu "
                                    "học trên địa bàn tỉnh Bến Tre",
                                    "18",
                                    "trường",
                                    2025,
                                ),
                                _t(
                                    "Đến năm 2025, có 100% trường học, cơ sở giáo dục có các giải pháp nắm bắt "
                                    "tình hình chính trị, tư tưởng trong cán bộ quản lý, giáo viên và học sinh",
                                    "100",
                                    "%",
                                    2025,
                                ),
                                _t(
                                    "100% đơn vị có kế hoạch thực hiện có hiệu quả Đề án “Giáo dục lý tưởng cách "
                                    "mạng, đạo đức, lối sống cho thế hệ trẻ” và kế hoạch giáo dục chính trị tư "
                                    "tưởng qua môi trường mạng",
                                    "100",
                                    "%",
                                    2025,
                                ),
                                _t(
                                    "100% trường học, cơ sở giáo dục có niêm yết bộ quy tắc ứng xử văn hóa trong "
                                    "trường học và thực hiện có hiệu quả việc xây dựng môi trường văn hóa, các "
                                    "hoạt động đảm bảo an ninh, trật tự trường học, phòng, chống bạo lực, xâm hại "
                                    "trẻ em",
                                    "100",
                                    "%",
                                    2025,
                                ),
                                _t(
                                    "100% trường học, cơ sở giáo dục có quyết định thành lập Tổ tư vấn tâm lý "
                                    "trong nhà trường, thực hiện có hiệu quả công tác tư vấn tâm lý cho học sinh",
                                    "100",
                                    "%",
                                    2025,
                                ),
                            ],
                        ),
                    ],
                ),
                _c(
                    "3",
                    "Phương châm",
                    "Bám sát phương châm “Hai chân - Ba mũi” theo Chỉ thị số 01-CT/TU và kế hoạch cụ thể hóa "
                    "của các đơn vị để tổ chức thực hiện đợt cao điểm thi đua với tinh thần “Ngành ngành thi "
                    "đua, nhà nhà thi đua, người người thi đua” theo phương châm “Hai chân - Ba mũi” và phương "
                    "thức “Xây dựng điển hình, học tập điển hình, bắt kịp điển hình và vượt qua điển hình”.",
                    children=[
                        _c(
                            "",
                            "Hai chân",
                            children=[
                                _c(
                                    "(1)",
                                    "Thi đua xây dựng tổ chức, bộ máy nhà trường trong sạch, vững mạnh",
                                    "Xây dựng chi bộ, đảng bộ, đoàn thể cơ quan, đơn vị; sắp xếp, kiện toàn tổ "
                                    "chức bộ máy, tinh giản biên chế, bảo đảm hoạt động hiệu lực, hiệu quả.",
                                ),
                                _c(
                                    "(2)",
                                    "Thi đua thực hiện tốt chức trách, nhiệm vụ được giao",
                                    "Căn cứ các nội dung phát động cao điểm thi đua, bám sát chức năng, nhiệm vụ "
                                    "của từng nhà trường, đơn vị, xây dựng kế hoạch thực hiện với những giải pháp "
                                    "cụ thể, có tính đột phá để đạt kết quả cao nhất.",
                                ),
                            ],
                        ),
                        _c(
                            "",
                            "Ba mũi",
                            children=[
                                _c("(1)", "Thi đua xây dựng tổ chức đảng, chính quyền trong sạch, vững mạnh"),
                                _c("(2)", "Thi đua hoàn thành xuất sắc các nhiệm vụ được giao"),
                                _c(
                                    "(3)",
                                    "Thi đua thực hiện tốt công tác tuyên truyền, vận động Cha mẹ học sinh đồng "
                                    "thuận thực hiện các chủ trương trong giáo dục để thực hiện phát triển kinh "
                                    "tế - xã hội của tỉnh",
                                ),
                            ],
                        ),
                    ],
                ),
                _c(
                    "4",
                    "Phương thức thi đua",
                    "Thực hiện theo phương thức “Xây dựng điển hình, học tập điển hình, bắt kịp điển hình và vượt "
                    "qua điển hình”.",
                ),
                _c(
                    "5",
                    "Giải pháp thực hiện cao điểm thi đua",
                    children=[
                        _c(
                            "5.1",
                            "Xây dựng Kế hoạch tổ chức thực hiện cao điểm thi đua",
                            "Các cơ quan, đơn vị căn cứ Kế hoạch số 330-KH/TU của Tỉnh ủy, Kế hoạch 2024/KH-UBND "
                            "ngày 03 tháng 4 năm 2024 của Ủy ban nhân dân tỉnh, kế hoạch này, chức năng, nhiệm vụ, "
                            "tình hình thực tiễn, Nghị quyết Đại hội đảng các cấp và giao ước thi đua cụm, khối "
                            "khẩn trương xây dựng kế hoạch tổ chức thực hiện cao điểm thi đua của cơ quan, đơn vị. "
                            "Kế hoạch phải xác định nội dung thi đua trọng tâm, cụ thể đầu việc; các tiêu chí thực "
                            "hiện thi đua phải được lượng hóa; xác định trách nhiệm của tập thể, cá nhân, trách "
                            "nhiệm chủ trì, phối hợp; tiến độ thực hiện; giải pháp, biện pháp triển khai.",
                        ),
                        _c(
                            "5.2",
                            "Đăng ký, ký kết thi đua",
                            "Để đảm bảo đồng bộ, thống nhất giữa các cơ quan, đơn vị căn cứ giao ước thi đua và kế "
                            "hoạch thực hiện thi đua cao điểm, triển khai việc ký kết trách nhiệm giữa các thành "
                            "viên cụm, khối; trong nội bộ cơ quan, đơn vị để thể hiện quyết tâm, tinh thần trách "
                            "nhiệm và làm cơ sở phục vụ công tác kiểm tra, giám sát, đánh giá kết quả thực hiện.",
                        ),
                        _c(
                            "5.3",
                            "Công tác tuyên truyền cao điểm thi đua",
                            "Tổ chức thực hiện tốt công tác tuyên truyền, phổ biến, quán triệt sâu rộng trong toàn "
                            "ngành để “Hiểu đúng, nhận thức sâu, đồng thuận cao” với ý nghĩa, tầm quan trọng, mục "
                            "tiêu của cao điểm thi đua; tuyên truyền kế hoạch tổ chức cao điểm thi đua và kết quả "
                            "thực hiện, đặc biệt là tuyên truyền về các điển hình tiên tiến.",
                        ),
                        _c(
                            "5.4",
                            "Phát hiện, xây dựng, nhân rộng “điển hình”",
                            "Các cơ quan, đơn vị xây dựng điển hình theo phương thức “Xây dựng điển hình, học tập "
                            "điển hình, bắt kịp điển hình và vượt qua điển hình” (Kế hoạch số 2394/KH-SGD&ĐT ngày "
                            "15/10/2021 về việc Phát hiện, xây dựng, biểu dương, bồi dưỡng, tuyên truyền và nhân "
                            "rộng các gương điển hình tiên tiến ngành Giáo dục và Đào tạo giai đoạn 2021-2025; Kế "
                            "hoạch số 1509/KH-SGD&ĐT ngày 28/6/2021 về việc tổ chức thực hiện Phong trào thi đua "
                            "Đồng Khởi mới). Việc xét, công nhận và nhân rộng “điển hình” thực hiện theo 5 bước sau:",
                            children=[
                                _c(
                                    "Bước 1",
                                    "Xây dựng “điển hình”",
                                    "Sau khi phát động cao điểm thi đua “Đồng Khởi mới”, căn cứ chức năng, nhiệm "
                                    "vụ được giao, các tập thể, cá nhân đăng ký nội dung thi đua; Thủ trưởng các "
                                    "cơ quan, đơn vị tích cực xây dựng, bồi dưỡng và kịp thời lựa chọn, biểu dương "
                                    "các điển hình trong phạm vi quản lý, theo phương châm “Học tập điển hình, bắt "
                                    "kịp điển hình, vượt qua điển hình”.",
                                ),
                                _c("Bước 2", "Tuyên truyền, nhân rộng “điển hình” đã được biểu dương"),
                                _c("Bước 3", "Tổ chức học tập các “điển hình”"),
                                _c(
                                    "Bước 4",
                                    "Tổ chức bình xét, để đánh giá việc học và làm theo, bắt kịp và vượt qua "
                                    "“điển hình”",
                                ),
                                _c(
                                    "Bước 5",
                                    "Thủ trưởng các cơ quan, đơn vị, địa phương xem mức độ ảnh hưởng và tính lan "
                                    "tỏa của các điển hình, kịp thời khen thưởng theo thẩm quyền và trình cấp trên "
                                    "khen thưởng để động viên, khuyến khích",
                                ),
                            ],
                        ),
                        _c(
                            "5.5",
                            "Công tác kiểm tra, giám sát việc thực hiện",
                            "Phát huy vai trò người đứng đầu trong công tác chỉ đạo triển khai, đôn đốc, hướng "
                            "dẫn, kiểm tra thực hiện cao điểm thi đua đã phát động. Thường trực Hội đồng Thi đua - "
                            "Khen thưởng ngành tăng cường công tác kiểm tra, giám sát việc thực hiện, kịp thời "
                            "phát hiện, hướng dẫn tháo gỡ khó khăn, vướng mắc; đồng thời, tham mưu thẩm định, "
                            "trình Giám đốc Sở và cấp trên khen thưởng (nếu có) đối với những tập thể, cá nhân có "
                            "nhiều thành tích trong cao điểm thi đua.",
                        ),
                    ],
                ),
            ],
        ),
    ],
    "award_offers": [
        {"name": "Khen đột xuất", "occasion": "đột xuất, ngay khi có thành tích tiêu biểu, xuất sắc"},
        {"name": "Khen thưởng sơ kết năm 2024", "occasion": "sơ kết năm 2024"},
        {"name": "Khen thưởng tổng kết cao điểm thi đua năm 2025", "occasion": "tổng kết năm 2025"},
    ],
    "dossier_components": [],
    "milestones": [
        {
            "deliverable": DeliverableKind.PLAN.value,
            "title": "Kế hoạch thực hiện cao điểm thi đua",
            "description": "Gửi về Thường trực Hội đồng thi đua Sở (Văn phòng) trước ngày 01/5/2024.",
            "due_on": D(2024, 5, 1),
            "owed_by_kinds": DIRECT_REPORTING_KINDS,
            "recipient": "issuer",
        },
        {
            "deliverable": DeliverableKind.REGISTRATION.value,
            "title": "Đăng ký nội dung công việc (có thời điểm bắt đầu và thời điểm kết thúc)",
            "description": "Gửi về Thường trực Hội đồng thi đua Sở (Văn phòng) trước ngày 01/5/2024.",
            "due_on": D(2024, 5, 1),
            "owed_by_kinds": DIRECT_REPORTING_KINDS,
            "recipient": "issuer",
        },
        {
            "deliverable": DeliverableKind.MIDTERM_REPORT.value,
            "title": "Báo cáo sơ kết năm 2024",
            "description": "Tổ chức sơ kết năm 2024 (dự kiến tháng 12/2024); gửi báo cáo sơ kết trước ngày 10/12/2024.",
            "due_on": D(2024, 12, 10),
            "owed_by_kinds": DIRECT_REPORTING_KINDS,
            "recipient": "issuer",
            "review": "midterm",
            "figures": BENTRE_REPORT_FIGURES,
        },
        {
            # "trong tháng 10/2025": the plan gives no day; the last day of the month is taken.
            "deliverable": DeliverableKind.FINAL_REPORT.value,
            "title": "Báo cáo tổng kết cao điểm thi đua",
            "description": "Năm 2025, tổng kết cao điểm gắn với phát động thi đua lập thành tích chào mừng Đại "
            "hội Đại biểu toàn quốc lần thứ XIV của Đảng (dự kiến ngày 17/01/2026); gửi báo cáo tổng kết trong "
            "tháng 10/2025.",
            "due_on": D(2025, 10, 31),
            "owed_by_kinds": DIRECT_REPORTING_KINDS,
            "recipient": "issuer",
            "figures": BENTRE_REPORT_FIGURES,
        },
        {
            "deliverable": DeliverableKind.AWARD_DOSSIER.value,
            "title": "Hồ sơ đề nghị khen thưởng tổng kết cao điểm thi đua",
            "description": "Thực hiện theo Hướng dẫn số 6980/HD-UBND ngày 13/11/2023 của UBND tỉnh; gửi hồ sơ "
            "đề nghị khen thưởng trong tháng 10/2025.",
            "due_on": D(2025, 10, 31),
            "owed_by_kinds": DIRECT_REPORTING_KINDS,
            "recipient": "issuer",
        },
    ],
}


# --- 2. Trường THCS Xuân Sơn, 672/KH-TrTHCSXS, and the Phòng's 1592/KH-PGD&ĐT it implements -----

XHHT_MOVEMENT = "“Cả nước thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời giai đoạn 2023 - 2030”"
XHHT_CONTENT = [
    _c(
        "1",
        "Tuyên truyền, phổ biến, nâng cao nhận thức và hiệu quả công tác khuyến học, khuyến tài, xây dựng XHHT và "
        "mô hình học tập trong điều kiện nền kinh tế số, xã hội số; thi đua HTSĐ; phát huy sáng kiến, giải pháp "
        "khuyến khích và phát triển văn hóa học tập trong cộng đồng",
    ),
    _c(
        "2",
        "Triển khai toàn diện, đồng bộ các giải pháp và huy động sự tham gia, phối hợp của các tổ chức, cá nhân "
        "trong việc thúc đẩy HTSĐ và xây dựng XHHT, góp phần hoàn thành các mục tiêu của Đề án “Xây dựng XHHT "
        "giai đoạn 2021 - 2030”; các chương trình, kế hoạch và các văn bản chỉ đạo có liên quan của tỉnh Quảng "
        "Ninh và của thị xã Đông Triều",
    ),
    _c(
        "3",
        "Thi đua nâng cao năng lực sử dụng các công nghệ học tập hiện đại, chuyển đổi số trong giảng dạy, hoạt "
        "động HTSĐ; nâng cao năng lực số và năng lực sử dụng ngoại ngữ cho CBQL, giáo viên, NLĐ và học sinh; "
        "thực hiện học tập mọi lúc, mọi nơi bằng mọi phương pháp để phục vụ cho công việc",
    ),
    _c(
        "4",
        "Tích cực tham gia thi đua đẩy mạnh phong trào HTSĐ trong gia đình, dòng họ, cộng đồng nơi sinh sống và "
        "trong đơn vị; tham gia xây dựng mô hình công dân học tập, xây dựng văn hóa học tập",
    ),
    _c(
        "5",
        "Thi đua tiếp cận kịp thời các xu thế và kinh nghiệm quốc tế trong lĩnh vực giáo dục người lớn, HTSĐ, "
        "học tập trực tuyến trong hệ thống giáo dục mở, học tập từ xa",
    ),
]
XHHT_AWARD_FORMS = (
    "Bằng khen của Thủ tướng Chính phủ",
    "Bằng khen của Bộ trưởng Bộ Giáo dục và Đào tạo",
    "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
    "Giấy khen của Giám đốc Sở Giáo dục và Đào tạo",
    "Giấy khen của Chủ tịch UBND thị xã",
)
XHHT_MIDTERM_OCCASION = "sơ kết giai đoạn 2024 - 2025 (năm 2025)"
XHHT_FINAL_OCCASION = "tổng kết giai đoạn 2023 - 2030 (năm 2030)"
XHHT_AWARD_OFFERS = [
    *({"name": name, "occasion": XHHT_MIDTERM_OCCASION} for name in XHHT_AWARD_FORMS),
    *({"name": name, "occasion": XHHT_FINAL_OCCASION} for name in XHHT_AWARD_FORMS),
]
XHHT_DOSSIER = [
    {"name": "Tờ trình đề nghị khen thưởng"},
    {"name": "Biên bản họp xét khen thưởng (kèm danh sách các tập thể, hộ gia đình, cá nhân đề nghị khen thưởng)"},
    {
        "name": "Báo cáo thành tích của tập thể, hộ gia đình, cá nhân được đề nghị khen thưởng (theo mẫu báo cáo "
        "thành tích khen thưởng chuyên đề)"
    },
    {
        "name": "Xác nhận của cơ quan quản lý nhà nước có thẩm quyền về phạm vi ảnh hưởng và tính hiệu quả được "
        "áp dụng trong thực tiễn (trường hợp có giải pháp, sáng kiến về Phong trào thi đua được đề nghị khen "
        "thưởng)",
        "is_required": False,
    },
]
XHHT_PROCEDURE = (
    "Trên cơ sở đối tượng, tiêu chí thi đua, nhà trường bình xét, đề nghị khen thưởng đối với tập thể, cá nhân "
    "theo quy định. Phòng Giáo dục và Đào tạo tiếp nhận, tổng hợp hồ sơ khen thưởng; bộ phận Thi đua - Khen "
    "thưởng Phòng Giáo dục và Đào tạo thẩm định hồ sơ khen thưởng, trình các cấp có thẩm quyền khen thưởng theo "
    "quy định."
)


def _xhht_phases(start: datetime.date) -> list[dict]:
    return [
        {"key": "gd1", "name": "Giai đoạn 1 (từ năm 2024 - 2025)", "starts_on": start, "ends_on": D(2025, 12, 31)},
        {
            "key": "gd2",
            "name": "Giai đoạn 2 (từ năm 2026 - 2030)",
            "starts_on": D(2026, 1, 1),
            "ends_on": D(2030, 12, 31),
        },
    ]


def _xhht_milestones(*, owed_by_kinds: list[str], recipient: str) -> list[dict]:
    """The deadlines of plan 672, section VI.3 and VII.3 (relayed from the Phòng's plan 1592)."""
    return [
        {
            "deliverable": DeliverableKind.AWARD_DOSSIER.value,
            "title": "Hồ sơ đề nghị khen thưởng sơ kết Phong trào thi đua",
            "description": "Gửi về Phòng Giáo dục và Đào tạo (qua bộ phận Thi đua - Khen thưởng) trước ngày 10 "
            "tháng 5 năm 2025. " + XHHT_PROCEDURE,
            "due_on": D(2025, 5, 10),
            "phase": "gd1",
            "owed_by_kinds": owed_by_kinds,
            "recipient": recipient,
            "review": "midterm",
        },
        {
            "deliverable": DeliverableKind.AWARD_DOSSIER.value,
            "title": "Hồ sơ đề nghị khen thưởng tổng kết Phong trào thi đua",
            "description": "Gửi về Phòng Giáo dục và Đào tạo (qua bộ phận Thi đua - Khen thưởng) để tổng hợp "
            "trước ngày 25 tháng 5 năm 2030. " + XHHT_PROCEDURE,
            "due_on": D(2030, 5, 25),
            "phase": "gd2",
            "owed_by_kinds": owed_by_kinds,
            "recipient": recipient,
        },
        {
            "deliverable": DeliverableKind.ANNUAL_REPORT.value,
            "title": "Báo cáo tình hình tổ chức thực hiện Phong trào thi đua hằng năm",
            "description": "Hằng năm, đánh giá kết quả triển khai thực hiện Phong trào thi đua, báo cáo về Phòng "
            "Giáo dục và Đào tạo (qua bộ phận chuyên môn THCS) trước ngày 10 tháng 11 hằng năm.",
            "recurrence": Recurrence.YEARLY.value,
            "due_month": 11,
            "due_day": 10,
            "owed_by_kinds": owed_by_kinds,
            "recipient": recipient,
        },
    ]


XUANSON_672 = {
    "issuer_code": "THCS-XUANSON",
    "campaign": {
        "title": f"Phong trào {XHHT_MOVEMENT} tại trường THCS Xuân Sơn",
        "kind": CampaignKind.THEMATIC.value,
        "number": 672,
        "symbol": "KH-TrTHCSXS",
        "issued_on": D(2024, 9, 18),
        "issued_place": "Xuân Sơn",
        "governing_body": "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO",
        "signer_name": "Nguyễn Thị Tuyết Mai",
        "signer_title": "HIỆU TRƯỞNG",
        "signing_authority": "",
        "summary": f"Triển khai Phong trào {XHHT_MOVEMENT} tại trường THCS Xuân Sơn",
        "preamble": (
            "Thực hiện Kế hoạch số 1592/KH-PGD&ĐT ngày 12 tháng 9 năm 2024 của Phòng GD&ĐT về việc triển khai "
            "phong trào “Cả nước thi đua xây dựng XHHT, đẩy mạnh HTSĐ giai đoạn 2023 - 2030” trong ngành giáo "
            "dục thị xã Đông Triều, Trường THCS Xuân Sơn xây dựng Kế hoạch triển khai nhiệm vụ tại trường THCS "
            "Xuân Sơn, cụ thể sau:"
        ),
        "purpose": _lines(
            "- Nâng cao nhận thức của cán bộ quản lý (CBQL), giáo viên, người lao động và học sinh trong toàn "
            "trường về vai trò, ý nghĩa và sự cần thiết của khuyến học, khuyến tài, HTSĐ, xây dựng XHHT.",
            "- Nâng cao vai trò, trách nhiệm người đứng đầu đơn vị trong việc lãnh đạo, chỉ đạo, triển khai "
            "Phong trào thi đua, thực hiện các nhiệm vụ, giải pháp thúc đẩy HTSĐ, xây dựng XHHT.",
            "- Kịp thời biểu dương, khen thưởng, tôn vinh, khen thưởng tập thể, cá nhân có thành tích xuất sắc "
            "tiêu biểu trong thực hiện Phong trào thi đua.",
        ),
        "requirements": _lines(
            "- Phong trào thi đua phải được triển khai thực hiện sâu rộng đến từng cá nhân của đơn vị; tạo nên "
            "cuộc vận động học tập thường xuyên, HTSĐ, xây dựng XHHT trong nhà trường. Việc đánh giá kết quả "
            "Phong trào thi đua phải gắn với kết quả thực hiện nhiệm vụ chính trị của các đơn vị, cá nhân.",
            "- Triển khai Phong trào thi đua với hình thức, nội dung, tiêu chí thi đua thiết thực, hiệu quả, "
            "thực chất, phù hợp điều kiện và tình hình thực tiễn; gắn kết với các cuộc vận động, phong trào thi "
            "đua khác; phát huy được sáng kiến, sáng tạo của từng cá nhân tại đơn vị.",
            "- Thường xuyên tự kiểm tra việc thực hiện Phong trào thi đua; phát huy và chia sẻ các sáng kiến, "
            "kinh nghiệm hay, nhân rộng các mô hình, cách làm sáng tạo trong việc xây dựng XHHT; biểu dương, "
            "đề xuất khen thưởng kịp thời những cá nhân tiêu biểu xuất sắc trong thực hiện Phong trào thi đua.",
            "- Việc đề xuất khen thưởng phải đảm bảo đúng quy định, công khai, minh bạch, dân chủ, khách quan gắn "
            "với kết quả thực hiện Phong trào thi đua. Công tác bình chọn, xét khen thưởng được thực hiện đúng "
            "quy trình, thủ tục, điều kiện, tiêu chuẩn theo quy định của pháp luật.",
        ),
        "theme": "Cả nước thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời",
        "organisation": _lines(
            "1. Ban Giám hiệu",
            "- Căn cứ vào tình hình thực tế tại đơn vị, xây dựng kế hoạch, gắn phong trào thi đua với nhiệm vụ "
            "chính trị, nhiệm vụ trọng tâm của cơ quan, đơn vị.",
            "- Triển khai và hướng dẫn các nội dung của Phong trào thi đua; tổ chức phổ biến, tuyên truyền, quán "
            "triệt các nội dung của Phong trào thi đua đến toàn thể CBQL, giáo viên, người lao động và học sinh "
            "trong đơn vị.",
            "- Kịp thời phát hiện, động viên, biểu dương, đề xuất khen thưởng các cá nhân có thành tích xuất sắc "
            "tiêu biểu trong việc thực hiện Phong trào thi đua.",
            "- Tạo điều kiện thuận lợi cho đội ngũ CBQL, giáo viên và người lao động trong các đơn vị được HTSĐ; "
            "đề xuất khen thưởng tập thể, cá nhân có thành tích xuất sắc tiêu biểu trong thực hiện Phong trào "
            "thi đua; tham mưu báo cáo định kỳ, báo cáo sơ kết, tổng kết.",
            "- Tham mưu, đề xuất khen thưởng các tập thể, cá nhân đạt thành tích tiêu biểu xuất sắc trong việc "
            "thực hiện Phong trào thi đua; thẩm định hồ sơ, trình đề nghị cấp có thẩm quyền khen thưởng đối với "
            "tập thể, cá nhân có thành tích tiêu biểu xuất sắc trong Phong trào thi đua.",
            "- Đẩy mạnh công tác tuyên truyền, giới thiệu gương điển hình tiên tiến, mô hình hay, cách làm sáng "
            "tạo, hiệu quả trong thực hiện Phong trào thi đua; giám sát, đánh giá kết quả triển khai Phong trào "
            "thi đua.",
            "2. Cán bộ, giáo viên, nhân viên",
            "- Thực hiện phong trào hiệu quả, thiết thực gắn với nhiệm vụ được giao.",
            "- Tích cực tuyên truyền, giới thiệu gương điển hình tiên tiến, mô hình hay, cách làm sáng tạo, hiệu "
            "quả trong thực hiện Phong trào thi đua tại đơn vị để cùng thúc đẩy hoạt động.",
            "3. Chế độ báo cáo",
            "- Hằng năm, đánh giá kết quả triển khai thực hiện Phong trào thi đua báo cáo tình hình tổ chức thực "
            "hiện Phong trào thi đua về Phòng Giáo dục và Đào tạo (qua bộ phận chuyên môn THCS - Phòng Giáo dục "
            "và Đào tạo) trước ngày 10 tháng 11 hằng năm.",
            "Trên đây là Kế hoạch triển khai Phong trào “Cả nước thi đua xây dựng XHHT, đẩy mạnh HTSĐ giai đoạn "
            "2023 - 2030” của trường THCS Xuân Sơn. Yêu cầu CBGVNV nghiêm túc triển khai thực hiện. Trong quá "
            "trình thực hiện, nếu có vướng mắc, các đơn vị báo cáo về BGH nhà trường để phối hợp giải quyết./.",
        ),
        "starts_on": D(2024, 9, 18),
        "ends_on": D(2030, 12, 31),
        "participant_scope": ParticipantScope.SUBTREE.value,
        "distribution": _lines(
            "Phòng GD&ĐT (b/c)",
            "TT UBND phường (b/c)",
            "CBGVNV (t/h)",
            "Lưu: VT",
        ),
    },
    "upper_documents": [
        {
            "number_symbol": "1592/KH-PGD&ĐT",
            "issued_on": D(2024, 9, 12),
            "issuer_name": "Phòng Giáo dục và Đào tạo thị xã Đông Triều",
            "summary": "Triển khai phong trào “Cả nước thi đua xây dựng XHHT, đẩy mạnh HTSĐ giai đoạn 2023 - 2030” "
            "trong ngành giáo dục thị xã Đông Triều",
        },
    ],
    "phases": _xhht_phases(D(2024, 9, 18)),
    "subjects": [
        {
            "kind": INDIVIDUAL,
            "description": "CBQL, giáo viên, người lao động và học sinh trong ngành Giáo dục có thành tích xuất "
            "sắc tiêu biểu tham gia Phong trào thi đua.",
        },
        {
            "kind": COLLECTIVE,
            "description": "Đơn vị nhà trường (tiêu chí thi đua đối với đơn vị nhà trường).",
            "unit_kind": UnitKind.LOWER_SECONDARY_SCHOOL.value,
        },
    ],
    "criteria": [
        _c("II", "Nội dung phong trào thi đua", children=XHHT_CONTENT),
        _c(
            "III",
            "Giải pháp thực hiện",
            children=[
                _c(
                    "1",
                    "Xác định rõ trách nhiệm của người đứng đầu trong lãnh đạo, chỉ đạo tổ chức thực hiện Phong "
                    "trào thi đua",
                    "Phát huy vai trò gương mẫu của mỗi CBQL, giáo viên, người lao động và học sinh về tinh thần "
                    "tự học và khuyến học, khuyến tài, ý thức vận động toàn Ngành thực hiện có hiệu quả Phong trào "
                    "thi đua; đề xuất khen thưởng tập thể, cá nhân điển hình tiên tiến, nhân rộng mô hình tốt, "
                    "cách làm hay, sáng kiến có giá trị trong khuyến học, khuyến tài, xây dựng XHHT.",
                ),
                _c("2", "Khuyến khích, vận động sự tham gia của các tổ chức, cá nhân trong xây dựng XHHT"),
                _c(
                    "3",
                    "Triển khai hiệu quả các chương trình, đề án, kế hoạch đã được Thủ tướng Chính phủ, UBND tỉnh, "
                    "UBND thị xã phê duyệt về xây dựng XHHT; đẩy mạnh phong trào HTSĐ trong nhà trường, gia đình, "
                    "cộng đồng",
                ),
                _c(
                    "4",
                    "Đẩy mạnh công tác truyền thông, góp phần nâng cao nhận thức, trách nhiệm của CBQL, giáo viên, "
                    "người lao động và học sinh về khuyến học, khuyến tài, HTSĐ, xây dựng XHHT",
                    "Gắn với sự nghiệp đổi mới căn bản, toàn diện giáo dục và đào tạo tại đơn vị. Tăng cường tuyên "
                    "truyền về các điển hình tiêu biểu, xây dựng những mô hình hay, cách làm hiệu quả, tạo sự lan "
                    "tỏa trong nhà trường về tinh thần tự học, học tập thường xuyên, suốt đời. Khuyến khích, nhân "
                    "rộng những tấm gương cần cù, kiên trì, say mê học tập, đổi mới sáng tạo của giáo viên và học "
                    "sinh.",
                ),
                _c(
                    "5",
                    "Tăng cường ứng dụng công nghệ thông tin, chuyển đổi số trong tổ chức thực hiện Phong trào thi đua",
                    "Phát triển các nền tảng, tài nguyên giáo dục dùng chung phù hợp trên không gian mạng và hỗ trợ "
                    "công tác giám sát, đánh giá kết quả triển khai Phong trào thi đua; đẩy mạnh các hoạt động phục "
                    "vụ HTSĐ trong thư viện tại đơn vị.",
                ),
                _c(
                    "6",
                    "Vận động các tổ chức, cá nhân trong và ngoài nhà trường tham gia hỗ trợ nguồn lực cho nhà "
                    "trường góp phần tạo môi trường thuận lợi để thúc đẩy học tập thường xuyên, HTSĐ và xây dựng "
                    "XHHT tại đơn vị",
                ),
                _c(
                    "7",
                    "Thúc đẩy hợp tác quốc tế về giáo dục người lớn, HTSĐ và xây dựng XHHT",
                    "Tham gia các chương trình hợp tác quốc tế về công nghệ đào tạo mở và từ xa trên nền tảng cuộc "
                    "cách mạng công nghiệp lần thứ tư tại đơn vị.",
                ),
            ],
        ),
        _c(
            "V",
            "Đối tượng, tiêu chí thi đua và hình thức khen thưởng",
            children=[
                _c(
                    "2",
                    "Tiêu chí thi đua",
                    children=[
                        _c(
                            "a",
                            "Đối với đơn vị nhà trường",
                            subject_kind=COLLECTIVE,
                            children=[
                                _c(
                                    "",
                                    "Thực hiện tốt công tác tuyên truyền nâng cao nhận thức cho CBQL, giáo viên, "
                                    "người lao động, học sinh về HTSĐ, xây dựng XHHT",
                                    subject_kind=COLLECTIVE,
                                ),
                                _c(
                                    "",
                                    "Tổ chức Phong trào thi đua thiết thực, hiệu quả với nội dung, hình thức phong "
                                    "phú, đa dạng",
                                    "Để tuyên truyền, phổ biến nâng cao nhận thức cho cán bộ, viên chức, người lao "
                                    "động, học sinh trong đơn vị về HTSĐ, xây dựng XHHT trong nền kinh tế số, xã "
                                    "hội số; củng cố và hình thành thói quen chủ động, tự giác học tập, cập nhật "
                                    "kiến thức trên môi trường công nghệ với phương châm lấy tự học là chính.",
                                    subject_kind=COLLECTIVE,
                                ),
                                _c(
                                    "",
                                    "Ứng dụng mạnh mẽ công nghệ số và dạy học trực tuyến trong tổ chức các hoạt "
                                    "động giảng dạy",
                                    "Thực hiện đa dạng các hình thức giáo dục theo mô hình giáo dục mở; tích cực "
                                    "đổi mới phương pháp giảng dạy, kiểm tra đánh giá thông qua ứng dụng công nghệ "
                                    "thông tin; khai thác hiệu quả nguồn tài nguyên giáo dục mở tại đơn vị.",
                                    subject_kind=COLLECTIVE,
                                ),
                                _c(
                                    "",
                                    "Tham gia xây dựng kho học liệu mở phục vụ việc tự học và HTSĐ",
                                    subject_kind=COLLECTIVE,
                                ),
                                _c(
                                    "",
                                    "Có nhiều sáng kiến, giải pháp hiệu quả trong triển khai Phong trào thi đua "
                                    "được cơ quan có thẩm quyền công nhận",
                                    subject_kind=COLLECTIVE,
                                ),
                                _c(
                                    "",
                                    "Được công nhận “Đơn vị học tập” cấp thị xã theo các tiêu chí, các mức quy định "
                                    "tại Thông tư số 24/2023/TT-BGDĐT ngày 11/12/2023 của Bộ Giáo dục và Đào tạo",
                                    subject_kind=COLLECTIVE,
                                ),
                            ],
                        ),
                        _c(
                            "b",
                            "Đối với cá nhân",
                            subject_kind=INDIVIDUAL,
                            children=[
                                _c(
                                    "",
                                    "Được công nhận danh hiệu “Công dân học tập” theo tiêu chí được quy định tại "
                                    "Quyết định số 324/QĐ-KHVN",
                                    subject_kind=INDIVIDUAL,
                                ),
                                _c(
                                    "",
                                    "Là cá nhân tiêu biểu, có nhiều đóng góp về công sức, trí tuệ xây dựng XHHT ở "
                                    "đơn vị",
                                    subject_kind=INDIVIDUAL,
                                ),
                                _c(
                                    "",
                                    "Có nhiều giải pháp, sáng kiến hiệu quả trong tổ chức, triển khai Phong trào "
                                    "thi đua được cấp có thẩm quyền công nhận",
                                    subject_kind=INDIVIDUAL,
                                ),
                            ],
                        ),
                    ],
                ),
            ],
        ),
    ],
    "award_offers": [
        {"name": "Biểu dương, đề xuất khen thưởng hằng năm", "occasion": "hằng năm"},
        *XHHT_AWARD_OFFERS,
    ],
    "dossier_components": XHHT_DOSSIER,
    "milestones": _xhht_milestones(owed_by_kinds=[], recipient="issuer_parent"),
}

DONGTRIEU_1592 = {
    "issuer_code": "PGDDT-DONGTRIEU",
    "campaign": {
        "title": f"Phong trào {XHHT_MOVEMENT} trong ngành giáo dục thị xã Đông Triều",
        "kind": CampaignKind.THEMATIC.value,
        "number": 1592,
        "symbol": "KH-PGD&ĐT",
        "issued_on": D(2024, 9, 12),
        "issued_place": "Đông Triều",
        "governing_body": "UBND THỊ XÃ ĐÔNG TRIỀU",
        "signer_name": "",
        "signer_title": "TRƯỞNG PHÒNG",
        "signing_authority": "",
        "summary": f"Triển khai phong trào {XHHT_MOVEMENT} trong ngành giáo dục thị xã Đông Triều",
        "theme": "Cả nước thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời",
        "starts_on": D(2024, 9, 12),
        "ends_on": D(2030, 12, 31),
        "participant_scope": ParticipantScope.SUBTREE.value,
    },
    "upper_documents": [],
    "phases": _xhht_phases(D(2024, 9, 12)),
    "subjects": [
        {
            "kind": COLLECTIVE,
            "description": "Các cơ sở giáo dục thuộc Phòng Giáo dục và Đào tạo thị xã Đông Triều.",
        },
        {
            "kind": INDIVIDUAL,
            "description": "CBQL, giáo viên, người lao động và học sinh trong ngành Giáo dục thị xã.",
        },
    ],
    "criteria": [_c("II", "Nội dung phong trào thi đua", children=XHHT_CONTENT)],
    "award_offers": XHHT_AWARD_OFFERS,
    "dossier_components": XHHT_DOSSIER,
    "milestones": _xhht_milestones(owed_by_kinds=SCHOOL_KIND_VALUES, recipient="issuer"),
}


# --- 3. Hưng Yên, 1729/KH-SGDĐT ----------------------------------------------------------------

HUNGYEN_1729 = {
    "issuer_code": "SGDDT-HUNGYEN",
    "campaign": {
        "title": "Tuyên truyền và xây dựng điển hình tiên tiến trong Phong trào thi đua “Đổi mới sáng tạo trong "
        "quản lý, giảng dạy và học tập” giai đoạn 2021 - 2025",
        "kind": CampaignKind.THEMATIC.value,
        "number": 1729,
        "symbol": "KH-SGDĐT",
        "issued_on": D(2021, 9, 17),
        "issued_place": "Hưng Yên",
        "governing_body": "UBND TỈNH HƯNG YÊN",
        "signer_name": "Đỗ Văn Khải",
        "signer_title": "PHÓ GIÁM ĐỐC",
        "signing_authority": "KT. GIÁM ĐỐC",
        "summary": "Tuyên truyền và xây dựng điển hình tiên tiến trong Phong trào thi đua “Đổi mới sáng tạo trong "
        "quản lý, giảng dạy và học tập” giai đoạn 2021 - 2025",
        "preamble": (
            "Thực hiện Kế hoạch số 90/KH-UBND ngày 11/6/2021 của UBND tỉnh về triển khai tuyên truyền phong trào "
            "thi đua yêu nước, xây dựng điển hình tiên tiến giai đoạn 2021-2025; Sở Giáo dục và Đào tạo (GDĐT) "
            "xây dựng Kế hoạch tuyên truyền và xây dựng điển hình tiên tiến trong Phong trào thi đua “Đổi mới "
            "sáng tạo trong quản lý, giảng dạy và học tập” (sau đây gọi tắt là Phong trào thi đua) giai đoạn "
            "2021-2025 với các nội dung chủ yếu sau:"
        ),
        "purpose": _lines(
            "1. Tiếp tục nâng cao nhận thức về vị trí, vai trò, tầm quan trọng của công tác thi đua, khen thưởng "
            "nói chung, ý nghĩa to lớn và hiệu quả thiết thực của việc xây dựng và nhân rộng điển hình tiên tiến "
            "nói riêng trong các phong trào thi đua yêu nước, đặc biệt là Phong trào thi đua “Đổi mới sáng tạo "
            "trong quản lý, giảng dạy và học tập”; khơi dậy tinh thần thi đua lao động, học tập sáng tạo, khắc "
            "phục mọi khó khăn, lập nhiều thành tích trong thực hiện nhiệm vụ quản lý giáo dục, giảng dạy và học "
            "tập góp phần thực hiện thắng lợi Nghị quyết Đại hội Đại biểu toàn quốc lần thứ XIII của Đảng và Nghị "
            "quyết Đại hội Đảng bộ tỉnh lần thứ XIX.",
            "2. Tiếp tục đẩy mạnh thực hiện Nghị quyết số 29-NQ/TW ngày 04/11/2013 của Ban Chấp hành Trung ương "
            "Đảng khóa XI về đổi mới căn bản, toàn diện giáo dục và đào tạo đáp ứng yêu cầu công nghiệp hóa, hiện "
            "đại hóa trong điều kiện kinh tế thị trường định hướng xã hội chủ nghĩa và hội nhập quốc tế (Nghị "
            "quyết 29-NQ/TW); Kế hoạch số 63/KH-UBND ngày 19/5/2014 của UBND tỉnh thực hiện Chương trình Hành "
            "động số 30-CTr/TU ngày 20/3/2014 của Tỉnh ủy thực hiện Nghị quyết Trung ương 8 (khóa XI) về đổi mới "
            "căn bản, toàn diện giáo dục và đào tạo.",
            "3. Tiếp tục xây dựng môi trường giáo dục mở, xanh, sạch, đẹp, thân thiện, an toàn, giữ gìn bản sắc "
            "văn hóa dân tộc; chú trọng đổi mới công tác quản lý giáo dục và quản trị nhà trường; phát huy tinh "
            "thần đổi mới, sáng tạo của đội ngũ nhà giáo trong công tác giảng dạy, nghiên cứu khoa học; khơi dậy "
            "tinh thần chủ động, tích cực, sáng tạo của học sinh trong học tập, rèn luyện, khởi nghiệp.",
            "4. Gắn kết các phong trào thi đua, các cuộc vận động với việc thực hiện nhiệm vụ chính trị của Ngành. "
            "Phát hiện các nhân tố mới, các tập thể, cá nhân điển hình tiên tiến, các gương “Người tốt - việc "
            "tốt” trong CBGV, NV và học sinh để nhân rộng khen thưởng, biểu dương nhằm thúc đẩy phong trào thi đua "
            "giữa các tập thể, cá nhân để xây dựng đơn vị vững mạnh.",
            "5. Cùng với việc tổ chức phát động, tổng kết phong trào thi đua trong năm học, cần quan tâm phát động "
            "các phong trào thi đua theo đợt, theo chuyên đề với nội dung và hình thức phù hợp, hiệu quả.",
        ),
        "requirements": "",
        "theme": "Đổi mới sáng tạo trong quản lý, giảng dạy và học tập",
        "organisation": _lines(
            "1. Văn phòng Sở, đơn vị thường trực của Hội đồng Thi đua - Khen thưởng ngành Giáo dục",
            "Chủ động tham mưu, triển khai tổ chức Phong trào thi đua trong toàn ngành; kiểm tra, đôn đốc việc "
            "thực hiện Phong trào thi đua của các cơ quan, đơn vị; thẩm định hồ sơ, đề xuất khen thưởng các tập "
            "thể, cá nhân đạt thành tích tiêu biểu xuất sắc trong việc thực hiện Phong trào thi đua.",
            "2. Các phòng thuộc cơ quan Sở",
            "Căn cứ chức năng, nhiệm vụ được giao, chủ động kiểm tra, đôn đốc các cơ quan, đơn vị trong việc "
            "triển khai thực hiện Phong trào thi đua; phối hợp với Văn phòng Sở đánh giá, thẩm định minh chứng, "
            "sản phẩm và đề xuất khen thưởng.",
            "3. Phòng Giáo dục và Đào tạo các huyện, thị xã, thành phố",
            "Chỉ đạo, hướng dẫn các cơ sở giáo dục trên địa bàn tổ chức thực hiện Phong trào thi đua; tổng hợp "
            "báo cáo Sở (qua Văn phòng Sở) kết quả thực hiện Phong trào thi đua; lựa chọn các tập thể, cá nhân "
            "tiêu biểu, xuất sắc để đề nghị khen thưởng hằng năm vào dịp tổng kết năm học.",
            "4. Các đơn vị trực thuộc Sở",
            "Tổ chức triển khai thực hiện Phong trào thi đua; tổng hợp, báo cáo Sở (qua Văn phòng Sở) kết quả "
            "thực hiện Phong trào thi đua; lựa chọn các tập thể, cá nhân tiêu biểu, xuất sắc để đề nghị khen "
            "thưởng hằng năm vào dịp tổng kết năm học.",
            "Trong quá trình triển khai thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị báo cáo về Sở "
            "Giáo dục và Đào tạo (qua Văn phòng Sở) để được hướng dẫn, phối hợp xử lý./.",
        ),
        "starts_on": D(2021, 9, 17),
        "ends_on": D(2025, 12, 31),
        "participant_scope": ParticipantScope.SUBTREE.value,
        "distribution": _lines(
            "UBND tỉnh (để báo cáo)",
            "Ban TĐKT - Sở Nội vụ",
            "Ban Giám đốc Sở",
            "Công đoàn ngành GD tỉnh",
            "Các đơn vị thuộc và trực thuộc",
            "Các Phòng GDĐT",
            "Lưu: VT, VP",
        ),
    },
    "upper_documents": [
        {
            "number_symbol": "90/KH-UBND",
            "issued_on": D(2021, 6, 11),
            "issuer_name": "UBND tỉnh Hưng Yên",
            "summary": "Triển khai tuyên truyền phong trào thi đua yêu nước, xây dựng điển hình tiên tiến giai "
            "đoạn 2021-2025",
        },
    ],
    "phases": [],
    "subjects": [
        {
            "kind": COLLECTIVE,
            "description": "Các cơ sở giáo dục mầm non, giáo dục phổ thông, giáo dục thường xuyên, phòng giáo dục "
            "và đào tạo và các đơn vị thuộc và trực thuộc Sở.",
        },
        {"kind": INDIVIDUAL, "description": "Cán bộ quản lý giáo dục", "person_role": PersonRole.MANAGER.value},
        {"kind": INDIVIDUAL, "description": "Giáo viên", "person_role": PersonRole.TEACHER.value},
        {"kind": INDIVIDUAL, "description": "Nhân viên", "person_role": PersonRole.STAFF.value},
        {"kind": INDIVIDUAL, "description": "Học sinh", "person_role": PersonRole.STUDENT.value},
    ],
    "criteria": [
        _c(
            "II",
            "Đối tượng, nội dung phong trào thi đua",
            children=[
                _c(
                    "2",
                    "Nội dung thi đua",
                    children=[
                        _c(
                            "a",
                            "Đối với tập thể",
                            subject_kind=COLLECTIVE,
                            children=[
                                _c(
                                    "",
                                    "Quán triệt sâu sắc, vận dụng sáng tạo tư tưởng thi đua ái quốc của Chủ tịch "
                                    "Hồ Chí Minh",
                                    "Gắn với Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị về “Tiếp tục đổi "
                                    "mới công tác thi đua, khen thưởng”; Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ "
                                    "Chính trị về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí "
                                    "Minh; Chỉ thị số 31-CT/TU ngày 09/12/2014 của Ban Thường vụ Tỉnh ủy “Về tiếp "
                                    "tục đổi mới công tác thi đua, khen thưởng”.",
                                    subject_kind=COLLECTIVE,
                                ),
                                _c(
                                    "",
                                    "Tiếp tục triển khai có hiệu quả các Phong trào thi đua do Thủ tướng Chính "
                                    "phủ, Chủ tịch UBND tỉnh phát động",
                                    subject_kind=COLLECTIVE,
                                ),
                                _c(
                                    "",
                                    "Xây dựng Kế hoạch cụ thể để tổ chức thực hiện Phong trào thi đua",
                                    "Trong đó các tiêu chí thi đua phải gắn với 09 nhóm nhiệm vụ chủ yếu và 05 "
                                    "nhóm giải pháp cơ bản của ngành Giáo dục, Nghị quyết số 29-NQ/TW, Chương "
                                    "trình hành động số 30-CTr/TU ngày 20/3/2014 của Tỉnh ủy và các nhiệm vụ chính "
                                    "trị của địa phương, cơ quan, đơn vị.",
                                    subject_kind=COLLECTIVE,
                                ),
                                _c(
                                    "",
                                    "Cơ quan quản lý giáo dục các cấp, nhất là cấp cơ sở phải là nơi kiến tạo, hỗ "
                                    "trợ, phục vụ",
                                    "Để mỗi nhà giáo, nhân viên, học sinh có môi trường sư phạm thuận lợi nhất, "
                                    "phát huy tối đa khả năng, phẩm chất và năng lực cá nhân; tích cực, chủ động "
                                    "đổi mới nội dung, chương trình, phương pháp giảng dạy theo hướng tiếp cận năng "
                                    "lực, tăng cường kỹ năng ứng dụng và thực hành, chú trọng đạo đức nghề nghiệp "
                                    "và hiểu biết xã hội.",
                                    subject_kind=COLLECTIVE,
                                ),
                                _c(
                                    "",
                                    "Tổ chức tôn vinh, khen thưởng kịp thời, đúng người, đúng việc",
                                    "Tạo động lực hoàn thành các mục tiêu, nhiệm vụ chính trị của cơ quan, đơn vị; "
                                    "quan tâm khen thưởng các tập thể nhỏ, người lao động trực tiếp; chú trọng phát "
                                    "hiện, lựa chọn, xây dựng và nhân rộng các gương điển hình tiên tiến trong các "
                                    "phong trào thi đua, tạo sự lan tỏa, truyền cảm hứng trong công tác quản lý, "
                                    "giảng dạy và học tập trong toàn ngành và xã hội.",
                                    subject_kind=COLLECTIVE,
                                ),
                            ],
                        ),
                        _c(
                            "b",
                            "Đối với cá nhân",
                            subject_kind=INDIVIDUAL,
                            children=[
                                _c(
                                    "",
                                    "Cán bộ quản lý giáo dục, giáo viên, nhân viên trong ngành phải là tấm gương "
                                    "về đạo đức, tự học tập, rèn luyện",
                                    "Có nhiều giải pháp đổi mới, sáng tạo trong quản lý, giáo dục, giảng dạy, "
                                    "nghiên cứu khoa học, học tập nâng cao trình độ lý luận chính trị, chuyên môn, "
                                    "nghiệp vụ để thực hiện tốt nhiệm vụ được giao.",
                                    subject_kind=INDIVIDUAL,
                                ),
                                _c(
                                    "",
                                    "Học sinh có ý thức chủ động, tích cực, sáng tạo vượt khó vươn lên trong học "
                                    "tập, rèn luyện",
                                    "Có kỷ luật, kỷ cương, ý thức trách nhiệm công dân, xã hội; có hành vi, nghĩa "
                                    "cử cao đẹp trong cuộc sống; tích cực tham gia các hoạt động tình nguyện, thiện "
                                    "nguyện vì cộng đồng.",
                                    subject_kind=INDIVIDUAL,
                                    person_role=PersonRole.STUDENT.value,
                                ),
                            ],
                        ),
                    ],
                ),
            ],
        ),
        _c(
            "III",
            "Tiêu chí lựa chọn điển hình tiên tiến, hình thức và thời gian xét khen thưởng",
            children=[
                _c(
                    "1",
                    "Tiêu chí lựa chọn điển hình tiên tiến",
                    children=[
                        _c(
                            "a",
                            "Đối với tập thể",
                            subject_kind=COLLECTIVE,
                            children=[
                                _c(
                                    "",
                                    "Tổ chức thực hiện Phong trào thi đua thiết thực, đạt hiệu quả cao",
                                    subject_kind=COLLECTIVE,
                                ),
                                _c(
                                    "",
                                    "Đoàn kết, hoàn thành xuất sắc các nhiệm vụ; là điển hình về chất lượng giáo "
                                    "dục và đào tạo",
                                    "Vận dụng sáng tạo các mô hình dạy học tiên tiến, tích cực ứng dụng công nghệ "
                                    "thông tin trong quản lý, giảng dạy và học tập; xây dựng môi trường giáo dục an "
                                    "toàn, thân thiện, hạnh phúc; kiến tạo, hỗ trợ, phục vụ để mỗi cán bộ quản lý, "
                                    "nhà giáo, nhân viên, học sinh có môi trường sư phạm thuận lợi; khuyến khích "
                                    "được nhiều tập thể, cá nhân tự nguyện tham gia các phong trào thi đua; đội ngũ "
                                    "nhà giáo, cán bộ quản lý có năng lực, phẩm chất, tận tâm với nghề, đáp ứng yêu "
                                    "cầu đổi mới căn bản, toàn diện giáo dục và đào tạo; tích cực tham gia đóng góp "
                                    "cho công tác xã hội, từ thiện.",
                                    subject_kind=COLLECTIVE,
                                ),
                            ],
                        ),
                        _c(
                            "b",
                            "Đối với cá nhân",
                            subject_kind=INDIVIDUAL,
                            children=[
                                _c(
                                    "",
                                    "Cán bộ quản lý",
                                    "Có phẩm chất, đạo đức tốt, gương mẫu chấp hành chủ trương của Đảng, chính "
                                    "sách, pháp luật của Nhà nước; tập thể do cá nhân lãnh đạo, quản lý phải có "
                                    "Phong trào thi đua thiết thực, hiệu quả; có nhiều giải pháp đổi mới, sáng tạo "
                                    "trong công tác quản lý, thực hiện tốt nhiệm vụ chính trị và các hoạt động giáo "
                                    "dục, được tập thể ghi nhận; đoàn kết, dân chủ, gương mẫu trong thực hiện nhiệm "
                                    "vụ.",
                                    subject_kind=INDIVIDUAL,
                                    person_role=PersonRole.MANAGER.value,
                                ),
                                _c(
                                    "",
                                    "Giáo viên",
                                    "Có phẩm chất, đạo đức tốt, gương mẫu chấp hành chủ trương của Đảng, chính "
                                    "sách, pháp luật của Nhà nước; có nhiều giải pháp đổi mới, sáng tạo trong việc "
                                    "chăm sóc, giáo dục, giảng dạy, nghiên cứu khoa học; tích cực học tập nâng cao "
                                    "trình độ lý luận chính trị, chuyên môn, nghiệp vụ, được tập thể ghi nhận.",
                                    subject_kind=INDIVIDUAL,
                                    person_role=PersonRole.TEACHER.value,
                                ),
                                _c(
                                    "",
                                    "Nhân viên",
                                    "Có phẩm chất, đạo đức tốt, gương mẫu chấp hành chủ trương của Đảng, chính "
                                    "sách, pháp luật của Nhà nước; có giải pháp đổi mới, sáng tạo trong thực hiện "
                                    "nhiệm vụ được giao, đạt hiệu quả thiết thực, được tập thể ghi nhận.",
                                    subject_kind=INDIVIDUAL,
                                    person_role=PersonRole.STAFF.value,
                                ),
                                _c(
                                    "",
                                    "Học sinh",
                                    "Đạt thành tích xuất sắc trong học tập, rèn luyện, hoạt động trải nghiệm, sáng "
                                    "tạo, khởi nghiệp; đoạt giải cao trong các kỳ thi cấp tỉnh, quốc gia, quốc tế; "
                                    "có sáng kiến trong nghiên cứu khoa học, kỹ thuật; có hành động mưu trí, dũng "
                                    "cảm, hành vi nghĩa cử cao đẹp; tham gia có hiệu quả các hoạt động tình nguyện, "
                                    "thiện nguyện vì cộng đồng được cơ quan, đơn vị, tổ chức có thẩm quyền ghi nhận.",
                                    subject_kind=INDIVIDUAL,
                                    person_role=PersonRole.STUDENT.value,
                                ),
                            ],
                        ),
                    ],
                ),
                _c(
                    "2",
                    "Hình thức và thời gian xét khen thưởng",
                    children=[
                        _c(
                            "a",
                            "Khen thưởng hằng năm",
                            "Kết thúc năm học hoặc năm công tác, các khối thi đua, các cơ quan, đơn vị đánh giá, "
                            "lựa chọn các tập thể, cá nhân có nhiều đổi mới, sáng tạo trong quản lý, giảng dạy và "
                            "học tập, đạt thành tích tiêu biểu xuất sắc trong việc thực hiện Phong trào thi đua đề "
                            "nghị Giám đốc Sở xét khen thưởng và trình Chủ tịch UBND tỉnh, Bộ trưởng Bộ Giáo dục "
                            "và Đào tạo xét khen thưởng theo quy định.",
                        ),
                        _c(
                            "b",
                            "Sơ kết Phong trào thi đua",
                            "Sở Giáo dục và Đào tạo sơ kết, xét khen thưởng và đề nghị cấp trên xét khen thưởng "
                            "các tập thể, cá nhân đạt thành tích xuất sắc trong việc thực hiện Phong trào thi đua "
                            "vào dịp 20/11/2023.",
                        ),
                        _c(
                            "c",
                            "Tổng kết Phong trào thi đua",
                            "Sở Giáo dục và Đào tạo tổng kết, xét khen thưởng và đề nghị cấp trên xét khen thưởng "
                            "các tập thể, cá nhân đạt thành tích xuất sắc trong việc thực hiện Phong trào thi đua "
                            "vào dịp 20/11/2025.",
                        ),
                    ],
                ),
            ],
        ),
        _c(
            "IV",
            "Nhiệm vụ và giải pháp",
            children=[
                _c(
                    "1",
                    "Nhiệm vụ",
                    children=[
                        _c(
                            "",
                            "Xây dựng kế hoạch tuyên truyền và xây dựng, nhân rộng điển hình tiên tiến giai đoạn "
                            "2021 – 2025 và kế hoạch hàng năm của cơ quan, đơn vị",
                            "Các phòng thuộc Sở; Phòng GDĐT các huyện, thị xã, thành phố; các nhà trường, cơ sở "
                            "giáo dục trên toàn tỉnh. Trong kế hoạch cần xác định rõ trách nhiệm lãnh đạo, triển "
                            "khai thực hiện, số lượng xây dựng điển hình, các hoạt động bồi dưỡng điển hình, công "
                            "tác tuyên truyền nhân rộng, công tác biểu dương khen thưởng gương điển hình.",
                        ),
                        _c(
                            "",
                            "Lựa chọn, giới thiệu gương điển hình tiên tiến, tiêu biểu nhất trong phong trào thi "
                            "đua để trình UBND tỉnh biểu dương, khen thưởng nhân dịp 11/6 hàng năm",
                            "Kết thúc giai đoạn các cơ quan, đơn vị lựa chọn gương điển hình tiên tiến tiêu biểu "
                            "xuất sắc trong tổng số các điển hình tiên tiến được công nhận hàng năm để Hội đồng "
                            "TĐKT ngành xét, đề nghị UBND tỉnh biểu dương tại Đại hội Thi đua yêu nước của tỉnh.",
                        ),
                        _c(
                            "",
                            "Tổ chức đánh giá, sơ kết, tổng kết công tác xây dựng, nhân rộng các mô hình, điển "
                            "hình ở các cơ quan, đơn vị",
                            "Để tôn vinh, biểu dương gương điển hình tiên tiến tại các hội nghị sơ kết, tổng kết và "
                            "Hội nghị điển hình tiên tiến 05 năm của cơ quan, đơn vị mình và lựa chọn giới thiệu "
                            "tham dự, biểu dương, khen thưởng tại Đại hội Thi đua yêu nước tỉnh Hưng Yên lần thứ X "
                            "(năm 2025).",
                        ),
                    ],
                ),
                _c(
                    "2",
                    "Giải pháp",
                    children=[
                        _c(
                            "",
                            "Phát huy vai trò chỉ đạo, nâng cao trách nhiệm của thủ trưởng cơ quan, đơn vị",
                            "Bám sát các nhiệm vụ chính trị được giao để đề ra các chỉ tiêu thi đua cụ thể, giải "
                            "pháp phù hợp, tạo động lực và sức mạnh tổng hợp của từng cơ quan, đơn vị để thi đua "
                            "thực hiện chất lượng, hiệu quả kế hoạch đã đề ra.",
                        ),
                        _c(
                            "",
                            "Tiếp tục quán triệt, thực hiện các chủ trương của Đảng, chính sách, pháp luật của Nhà "
                            "nước và của cấp trên về công tác thi đua, khen thưởng",
                        ),
                        _c(
                            "",
                            "Chú trọng công tác tuyên truyền các phong trào thi đua yêu nước; phát hiện, lựa chọn, "
                            "xây dựng, bồi dưỡng, nhân rộng tập thể, cá nhân tiêu biểu, điển hình từ Phong trào thi "
                            "đua",
                        ),
                    ],
                ),
            ],
        ),
    ],
    "award_offers": [
        {
            "name": "Khen thưởng của Giám đốc Sở Giáo dục và Đào tạo",
            "award": "GK_SO",
            "occasion": "hằng năm, kết thúc năm học",
        },
        {"name": "Khen thưởng của Chủ tịch UBND tỉnh", "award": "BK_TINH", "occasion": "hằng năm, kết thúc năm học"},
        {
            "name": "Khen thưởng của Bộ trưởng Bộ Giáo dục và Đào tạo",
            "award": "BK_BO",
            "occasion": "hằng năm, kết thúc năm học",
        },
        {"name": "Khen thưởng sơ kết Phong trào thi đua", "occasion": "sơ kết, dịp 20/11/2023"},
        {"name": "Khen thưởng tổng kết Phong trào thi đua", "occasion": "tổng kết, dịp 20/11/2025"},
        {
            "name": "UBND tỉnh biểu dương, khen thưởng gương điển hình tiên tiến tiêu biểu nhất",
            "occasion": "nhân dịp 11/6 hằng năm",
        },
        {
            "name": "Biểu dương tại Đại hội Thi đua yêu nước tỉnh Hưng Yên lần thứ X",
            "occasion": "Đại hội Thi đua yêu nước tỉnh (năm 2025)",
        },
    ],
    "dossier_components": [],
    "milestones": [
        {
            # "Kết thúc năm học": 31/5 is the end of the school year in the Ministry's time frames.
            "deliverable": DeliverableKind.ANNUAL_REPORT.value,
            "title": "Báo cáo kết quả thực hiện Phong trào thi đua và đề nghị khen thưởng hằng năm",
            "description": "Phòng GDĐT và các đơn vị trực thuộc Sở tổng hợp, báo cáo Sở (qua Văn phòng Sở) kết "
            "quả thực hiện Phong trào thi đua; lựa chọn các tập thể, cá nhân tiêu biểu, xuất sắc để đề nghị khen "
            "thưởng hằng năm vào dịp tổng kết năm học.",
            "recurrence": Recurrence.YEARLY.value,
            "due_month": 5,
            "due_day": 31,
            "owed_by_kinds": DIRECT_REPORTING_KINDS,
            "recipient": "issuer",
        },
        {
            "deliverable": DeliverableKind.AWARD_DOSSIER.value,
            "title": "Giới thiệu gương điển hình tiên tiến tiêu biểu nhất trình UBND tỉnh biểu dương, khen thưởng "
            "nhân dịp 11/6",
            "description": "Lựa chọn, giới thiệu gương điển hình tiên tiến, tiêu biểu nhất trong phong trào thi "
            "đua để trình UBND tỉnh biểu dương, khen thưởng nhân dịp 11/6 hàng năm.",
            "recurrence": Recurrence.YEARLY.value,
            "due_month": 6,
            "due_day": 11,
            "owed_by_kinds": DIRECT_REPORTING_KINDS,
            "recipient": "issuer",
        },
        {
            "deliverable": DeliverableKind.MIDTERM_REPORT.value,
            "title": "Sơ kết Phong trào thi đua, xét khen thưởng (dịp 20/11/2023)",
            "description": "Sở Giáo dục và Đào tạo sơ kết, xét khen thưởng và đề nghị cấp trên xét khen thưởng "
            "các tập thể, cá nhân đạt thành tích xuất sắc vào dịp 20/11/2023.",
            "due_on": D(2023, 11, 20),
            "owed_by_kinds": DIRECT_REPORTING_KINDS,
            "recipient": "issuer",
            "review": "midterm",
        },
        {
            "deliverable": DeliverableKind.FINAL_REPORT.value,
            "title": "Tổng kết Phong trào thi đua, xét khen thưởng (dịp 20/11/2025)",
            "description": "Sở Giáo dục và Đào tạo tổng kết, xét khen thưởng và đề nghị cấp trên xét khen thưởng "
            "các tập thể, cá nhân đạt thành tích xuất sắc vào dịp 20/11/2025.",
            "due_on": D(2025, 11, 20),
            "owed_by_kinds": DIRECT_REPORTING_KINDS,
            "recipient": "issuer",
        },
    ],
}


# --- 4. UBND xã Bằng Mạc, 87/KH-UBND -----------------------------------------------------------

BANGMAC_END_OF_YEAR = D(2026, 5, 31)  # end of the school year 2025–2026 (QĐ 2269/QĐ-BGDĐT)

BANGMAC_87 = {
    "issuer_code": "UBND-BANGMAC",
    "campaign": {
        "title": "Phát động thi đua thực hiện thắng lợi nhiệm vụ ngành Giáo dục và Đào tạo trên địa bàn xã Bằng "
        "Mạc năm học 2025-2026",
        "kind": CampaignKind.REGULAR.value,
        "number": 87,
        "symbol": "KH-UBND",
        "issued_on": D(2025, 9, 28),
        "issued_place": "Bằng Mạc",
        "governing_body": "",
        "signer_name": "",
        "signer_title": "PHÓ CHỦ TỊCH",
        "signing_authority": "KT. CHỦ TỊCH",
        "summary": "Phát động thi đua thực hiện thắng lợi nhiệm vụ ngành Giáo dục và Đào tạo trên địa bàn xã Bằng "
        "Mạc năm học 2025-2026",
        "preamble": _lines(
            "Căn cứ Kế hoạch số 3722/KH-SGDĐT ngày 23/9/2025 của Sở Giáo dục và Đào tạo tỉnh Lạng Sơn về kế "
            "hoạch Phát động thi đua thực hiện thắng lợi nhiệm vụ năm học 2025-2026.",
            "Trên cơ sở kế hoạch thực hiện nhiệm vụ năm học 2025-2026, Ủy ban nhân dân xã Bằng Mạc phát động thi "
            "đua yêu nước trong ngành Giáo dục và Đào tạo trên địa bàn xã với chủ đề “Kỷ cương, sáng tạo, đột "
            "phá, phát triển” phấn đấu hoàn thành thắng lợi nhiệm vụ năm học 2025-2026, cụ thể như sau:",
        ),
        "purpose": _lines(
            "Tạo khí thế thi đua sôi nổi trong toàn ngành, động viên cán bộ, công chức, viên chức, người lao "
            "động, học sinh, sinh viên nỗ lực phấn đấu hoàn thành xuất sắc nhiệm vụ năm học 2025-2026.",
            "Tiếp tục thi đua “Đổi mới, sáng tạo trong quản lý, giảng dạy và học tập”, gắn với phương châm “Tất "
            "cả vì học sinh thân yêu”.",
            "Nâng cao trách nhiệm nêu gương của cán bộ quản lý, sự tận tụy, sáng tạo của giáo viên, phát huy "
            "tính chủ động, tích cực của học sinh, sinh viên.",
        ),
        "requirements": "Phong trào thi đua phải thiết thực, hiệu quả, gắn với nhiệm vụ trọng tâm, phù hợp tình "
        "hình thực tiễn ở từng cấp học, từng địa phương, từng đơn vị.",
        "theme": "Kỷ cương, sáng tạo, đột phá, phát triển",
        "organisation": _lines(
            "1. Phòng Văn hóa – Xã hội",
            "Chủ trì, phối hợp với các phòng của UBND xã, các cơ quan, tổ chức liên quan chỉ đạo, hướng dẫn, theo "
            "dõi, đôn đốc, kiểm tra việc tổ chức triển khai phong trào thi đua đối với các đơn vị giáo dục trực "
            "thuộc.",
            "Hướng dẫn các cơ sở giáo dục trực thuộc tổ chức bình xét, hoàn tất thủ tục, hồ sơ trình Thường trực "
            "Hội đồng TĐKT xem xét, đề nghị các cấp có thẩm quyền khen thưởng cho các tập thể, cá nhân tiêu biểu, "
            "có thành tích xuất sắc trong đợt thi đua.",
            "Triển khai đẩy mạnh công tác thông tin, tuyên truyền về phong trào thi đua, kịp thời phát hiện, "
            "tuyên truyền và biểu dương các tập thể, cá nhân tiêu biểu, điển hình trong đợt thi đua, tạo sự "
            "chuyển biến mạnh mẽ về nhận thức của cán bộ, đảng viên, nhà giáo, người lao động, học sinh, sinh "
            "viên ngành GDĐT tham gia, hưởng ứng phong trào thi đua.",
            "2. Các đơn vị trường học trên địa bàn",
            "Tổ chức triển khai thực hiện kế hoạch và kịp thời phát động phong trào thi đua sát với tình hình "
            "thực tiễn tại đơn vị; gắn với nhiệm vụ của từng cán bộ quản lý, giáo viên, người lao động, học sinh "
            "trong thực hiện nhiệm vụ năm học 2025-2026.",
            "Tăng cường công tác tuyên truyền trong đơn vị về phong trào thi đua “Phấn đấu hoàn thành thắng lợi "
            "nhiệm vụ năm học 2025-2026” và các phong trào thi đua khác, các đợt thi đua cao điểm của ngành, của "
            "địa phương.",
            "Trong quá trình tổ chức thực hiện, xem xét và đề xuất biểu dương, khen thưởng đột xuất các tập thể, "
            "cá nhân có thành tích đặc biệt xuất sắc, cách làm sáng tạo, hiệu quả trong phong trào thi đua. Kết "
            "thúc đợt thi đua (kết thúc năm học 2025-2026), xây dựng báo cáo tổng kết và đề xuất khen thưởng gửi "
            "Hội đồng thi đua khen thưởng cấp xã để tổ chức bình xét, lựa chọn, đề xuất khen thưởng cho các tập "
            "thể, cá nhân có thành tích tiêu biểu, xuất sắc.",
            "Để phong trào thi đua yêu nước năm học 2025-2026 đạt hiệu quả, là động lực thúc đẩy việc thực hiện "
            "nhiệm vụ chính trị, nhiệm vụ trọng tâm của ngành, UBND xã Bằng Mạc đề nghị các cơ sở giáo dục căn cứ "
            "vào kế hoạch, nhiệm vụ năm học tổ chức thực hiện các hoạt động thi đua đảm bảo hiệu quả, tạo khí thế "
            "sôi nổi, góp phần hoàn thành thắng lợi nhiệm vụ năm học 2025-2026./.",
        ),
        "starts_on": D(2025, 9, 5),
        "ends_on": BANGMAC_END_OF_YEAR,
        "participant_scope": ParticipantScope.KINDS.value,
        "participant_kinds": SCHOOL_KIND_VALUES,
        "distribution": _lines(
            "Sở Giáo dục và Đào tạo tỉnh (BC)",
            "TT Đảng ủy xã",
            "TT HĐND xã",
            "Chủ tịch, các PCT UBND xã",
            "Phòng Văn hóa – Xã hội",
            "Các đơn vị trường học trên địa bàn",
            "Trang thông tin xã (Đăng tải)",
            "Lưu: VT, VHXH (NHXA)",
        ),
    },
    "upper_documents": [
        {
            "number_symbol": "3722/KH-SGDĐT",
            "issued_on": D(2025, 9, 23),
            "issuer_name": "Sở Giáo dục và Đào tạo tỉnh Lạng Sơn",
            "summary": "Phát động thi đua thực hiện thắng lợi nhiệm vụ năm học 2025-2026",
        },
    ],
    "phases": [],
    "subjects": [
        {"kind": COLLECTIVE, "description": "Các đơn vị trường học trên địa bàn xã."},
        {"kind": INDIVIDUAL, "description": "Cán bộ quản lý, nhà giáo, người lao động, học sinh toàn ngành."},
    ],
    "criteria": [
        _c(
            "II",
            "Nội dung phong trào thi đua",
            "Quán triệt sâu sắc tư tưởng thi đua ái quốc của Chủ tịch Hồ Chí Minh và các chủ trương, chính sách "
            "của Đảng, Nhà nước. Phát huy vai trò lãnh đạo, chỉ đạo của cấp ủy, chính quyền trong thực hiện nhiệm "
            "vụ gắn với thực hiện Kết luận số 01-KL/TW, ngày 18/5/2021 của Bộ Chính trị về tiếp tục thực hiện Chỉ "
            "thị số 05-CT/TW “Về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh” và các "
            "phong trào thi đua: “Lạng Sơn cùng cả nước chung sức xây dựng nông thôn mới”, “Lạng Sơn cùng cả "
            "nước chung tay vì người nghèo, không để ai bị bỏ lại phía sau”, “Chương trình xóa nhà tạm, nhà dột "
            "nát”, “Cán bộ, công chức, viên chức tỉnh Lạng Sơn thi đua thực hiện văn hóa công sở”; “Cả nước thi "
            "đua đổi mới sáng tạo và chuyển đổi số”; “Bình dân học vụ số” và các phong trào thi đua đặc biệt, đợt "
            "thi đua cao điểm khác trong năm học. Quán triệt thực hiện đạo đức công vụ, kỷ luật, kỷ cương hành "
            "chính trong thực hiện nhiệm vụ.",
            children=[
                _c(
                    "1",
                    "Nâng cao hiệu lực, hiệu quả công tác quản lý nhà nước về giáo dục; đổi mới quản trị nhà trường",
                    "Tổ chức triển khai thực hiện đầy đủ các văn bản quy phạm pháp luật mới, sửa đổi, bổ sung về giáo "
                    "dục và đào tạo liên quan đến các đơn vị hành chính và chính quyền địa phương hai cấp. Đổi mới "
                    "công tác quản lý giáo dục theo mô hình chính quyền địa phương hai cấp, chuyển mạnh từ quản lý "
                    "hành chính sang kiến tạo phát triển, phát huy tính chủ động, sáng tạo của địa phương và cơ sở "
                    "giáo dục, tăng cường công tác hậu kiểm của cơ quan quản lý cấp trên. Đổi mới công tác quản trị "
                    "nhà trường theo hướng tăng quyền tự chủ, nâng cao trách nhiệm giải trình, phát huy dân chủ gắn "
                    "với vai trò, trách nhiệm của người đứng đầu; đẩy mạnh chuyển đổi số trong quản trị trường học.",
                ),
                _c(
                    "2",
                    "Tiếp tục đổi mới, nâng cao chất lượng giáo dục mầm non, giáo dục phổ thông",
                    "Triển khai nghiêm túc, hiệu quả Kế hoạch chiến lược phát triển giáo dục giai đoạn 2025-2030, "
                    "tầm nhìn đến năm 2045 trên địa bàn tỉnh Lạng Sơn. Triển khai thực hiện phổ cập giáo dục mầm non "
                    "cho trẻ từ 3 đến 5 tuổi; chú trọng công tác đảm bảo an toàn tuyệt đối cho trẻ em tại các cơ sở "
                    "giáo dục mầm non. Tổ chức thực hiện hiệu quả Chương trình giáo dục phổ thông; thực hiện hiệu quả "
                    "hướng dẫn dạy học 2 buổi/ngày đối với cơ sở giáo dục phổ thông có đủ điều kiện theo quy định; "
                    "thúc đẩy và nâng cao chất lượng giáo dục STEM/STEAM, giáo dục phát triển năng lực số, giáo dục "
                    "sử dụng trí tuệ nhân tạo (AI), giáo dục hướng nghiệp, định hướng phân luồng học sinh sau trung "
                    "học cơ sở; nâng cao chất lượng dạy học ngoại ngữ, đặc biệt là tiếng Anh. Tăng cường hoạt động "
                    "kiểm định chất lượng giáo dục đối với cơ sở giáo dục mầm non, giáo dục phổ thông.",
                ),
                _c(
                    "3",
                    "Đảm bảo công bằng trong cơ hội tiếp cận giáo dục có chất lượng cho người học",
                    "Tiếp tục ưu tiên nguồn lực đầu tư cơ sở vật chất, thiết bị dạy học cho các cơ sở giáo dục; triển "
                    "khai thực hiện chương trình xóa mù chữ; củng cố, duy trì vững chắc kết quả phổ cập giáo dục. "
                    "Triển khai hiệu quả công tác dạy tiếng Việt cho trẻ em trước khi vào lớp Một đối với con, em "
                    "người dân tộc thiểu số. Phát triển các phương thức giáo dục hòa nhập, chuyên biệt và bán chuyên "
                    "biệt để đáp ứng quyền được học tập của người học là trẻ em có hoàn cảnh đặc biệt, người khuyết "
                    "tật.",
                ),
                _c(
                    "4",
                    "Phát triển đội ngũ nhà giáo, cán bộ quản lý cơ sở giáo dục đáp ứng yêu cầu đổi mới giáo dục và "
                    "đào tạo",
                    "Tập trung triển khai Luật Nhà giáo và các văn bản hướng dẫn thi hành. Sử dụng hiệu quả chỉ tiêu "
                    "biên chế giáo viên được giao; rà soát số giáo viên hiện có, đề xuất bổ sung biên chế giáo viên "
                    "giai đoạn 2026-2030; tăng cường điều chuyển, biệt phái giáo viên từ nơi thừa sang nơi thiếu; "
                    "giáo viên dạy học liên trường. Tiếp tục triển khai lộ trình nâng trình độ chuẩn được đào tạo của "
                    "giáo viên mầm non, tiểu học, trung học cơ sở; chú trọng bồi dưỡng thường xuyên, bồi dưỡng nâng "
                    "cao năng lực quản lý, giảng dạy, đặc biệt là năng lực ứng dụng công nghệ số (trí tuệ nhân tạo, "
                    "dữ liệu lớn...), năng lực ngoại ngữ.",
                ),
                _c(
                    "5",
                    "Nâng cao hiệu quả sử dụng ngân sách nhà nước và huy động các nguồn lực đầu tư để tăng cường cơ "
                    "sở vật chất và nâng cao chất lượng giáo dục, đào tạo",
                    "Sử dụng hiệu quả các nguồn vốn từ ngân sách nhà nước, nhất là nguồn vốn từ các Chương trình mục "
                    "tiêu quốc gia; tăng cường công tác quản lý, kiểm tra việc sử dụng ngân sách nhà nước chi cho "
                    "giáo dục; có giải pháp hiệu quả để huy động các nguồn lực xã hội hóa. Tăng cường các điều kiện "
                    "bảo đảm chất lượng giáo dục; xây dựng trường mầm non, phổ thông đạt chuẩn quốc gia. Tăng cường "
                    "chỉ đạo, hướng dẫn, kiểm tra các cơ sở giáo dục trong việc quản lý thu, chi tài chính, công khai "
                    "các khoản thu năm học 2025-2026 bảo đảm phân cấp, đúng quy định.",
                ),
                _c(
                    "6",
                    "Đổi mới công tác giáo dục chính trị, tư tưởng, giáo dục quốc phòng, an ninh và giáo dục thể "
                    "chất, y tế trường học",
                    "Triển khai hiệu quả công tác giáo dục chính trị, tư tưởng trong trường học; giáo dục học sinh, "
                    "sinh viên lòng yêu nước, tự hào, tự tôn dân tộc. Tiếp tục đẩy mạnh việc học tập và làm theo tư "
                    "tưởng, đạo đức, phong cách Hồ Chí Minh. Phối hợp chặt chẽ với ngành y tế và trạm y tế xã chủ động "
                    "phòng, chống thiên tai, dịch bệnh, ngộ độc thực phẩm; tăng cường bảo đảm an toàn trường học. Tiếp "
                    "tục triển khai hiệu quả Kế hoạch số 163/KH-UBND ngày 19/7/2022 của Ủy ban nhân dân tỉnh về việc "
                    "thực hiện Chương trình Sức khỏe học đường giai đoạn 2021 - 2025; đẩy mạnh các hoạt động thể thao "
                    "học sinh.",
                ),
                _c(
                    "7",
                    "Nâng cao chất lượng đào tạo nhân lực gắn với nghiên cứu khoa học và đổi mới sáng tạo",
                    "Khuyến khích mở rộng và đẩy mạnh các quan hệ hợp tác về đào tạo, nghiên cứu với các trường chất "
                    "lượng cao ở trong nước và nước ngoài. Tăng cường ứng dụng, chuyển giao kết quả nghiên cứu khoa "
                    "học vào thực tiễn; phát triển hệ sinh thái khởi nghiệp, đổi mới sáng tạo; thực hiện tốt công tác "
                    "kiểm định chất lượng giáo dục, quản lý văn bằng chứng chỉ.",
                ),
                _c(
                    "8",
                    "Tăng cường hội nhập quốc tế trong giáo dục",
                    "Đẩy mạnh hơn nữa hội nhập quốc tế trong giáo dục và đào tạo để cán bộ, giáo viên và học sinh, "
                    "sinh viên được tiếp cận với các phương pháp giáo dục hiện đại.",
                ),
                _c(
                    "9",
                    "Đẩy mạnh chuyển đổi số, cải cách hành chính trong toàn ngành",
                    "Tăng cường triển khai hiệu quả, mạnh mẽ hơn nữa chuyển đổi số trong công tác quản lý nhà nước về "
                    "giáo dục và đào tạo trên địa bàn. Tiếp tục thực hiện hiệu quả Đề án “Phát triển ứng dụng dữ liệu "
                    "về dân cư, định danh và xác thực điện tử phục vụ chuyển đổi số quốc gia giai đoạn 2022 - 2025”; "
                    "Kế hoạch số 77/KH-UBND ngày 08/4/2022 và Kế hoạch số 90/KH-UBND ngày 24/4/2022 của Ủy ban nhân "
                    "dân tỉnh. Tiếp tục xây dựng kho học liệu số chia sẻ dùng chung toàn ngành; triển khai học bạ số "
                    "cấp tiểu học, trung học. Đẩy mạnh cải cách hành chính trong lĩnh vực giáo dục phù hợp với chính "
                    "quyền địa phương hai cấp, tiếp tục rà soát cắt giảm thời hạn giải quyết, đơn giản hóa thủ tục "
                    "hành chính; tăng cường thực hiện thủ tục hành chính qua dịch vụ công trực tuyến.",
                    children=[
                        _t("Cắt giảm đạt tỷ lệ 30% điều kiện kinh doanh", "30", "%"),
                        _t("Cắt giảm đạt tỷ lệ 30% thời hạn giải quyết", "30", "%"),
                        _t("Cắt giảm đạt tỷ lệ 30% chi phí tuân thủ", "30", "%"),
                    ],
                ),
                _c(
                    "10",
                    "Thực hiện hiệu quả các phong trào thi đua và công tác truyền thông trong toàn ngành",
                    "Triển khai có hiệu quả các Phong trào thi đua giai đoạn 2025-2030 và tổ chức sơ kết, tổng kết các "
                    "phong trào thi đua do tỉnh phát động; các phong trào thi đua: “Cả nước xây dựng xã hội học tập, "
                    "đẩy mạnh học tập suốt đời giai đoạn 2023 – 2030”, “Vì người nghèo - Không để ai bị bỏ lại phía "
                    "sau giai đoạn 2021 – 2025”; “Xóa nhà tạm, nhà dột nát; Đổi mới sáng tạo và chuyển đổi số”; “Bình "
                    "dân học vụ số”; phong trào xây dựng Trường học hạnh phúc. Kịp thời khen thưởng nhằm động viên, "
                    "thu hút, khuyến khích cá nhân, tập thể; đẩy mạnh phát hiện, tuyên truyền nhân rộng, tôn vinh các "
                    "mô hình hay, những điển hình tiên tiến, gương người tốt, việc tốt trong toàn ngành. Chủ động, "
                    "đẩy mạnh thông tin, truyền thông về các chủ trương, chính sách mới của ngành.",
                ),
            ],
        ),
    ],
    "award_offers": [
        {
            "name": "Các danh hiệu thi đua, hình thức khen thưởng theo quy định tại Luật Thi đua, khen thưởng năm 2022",
            "occasion": "kết thúc năm học 2025-2026",
        },
        {"name": "Biểu dương, khen thưởng đột xuất", "occasion": "trong quá trình tổ chức thực hiện"},
    ],
    "dossier_components": [],
    "milestones": [
        {
            # "Kết thúc năm học 2025-2026": no day in the plan; the end of the school year is taken.
            "deliverable": DeliverableKind.FINAL_REPORT.value,
            "title": "Báo cáo tổng kết phong trào thi đua năm học 2025-2026",
            "description": "Kết thúc đợt thi đua (kết thúc năm học 2025-2026), các đơn vị trường học xây dựng báo "
            "cáo tổng kết gửi Hội đồng thi đua khen thưởng cấp xã.",
            "due_on": BANGMAC_END_OF_YEAR,
            "owed_by_kinds": SCHOOL_KIND_VALUES,
            "recipient": "issuer",
        },
        {
            "deliverable": DeliverableKind.AWARD_DOSSIER.value,
            "title": "Đề xuất khen thưởng tập thể, cá nhân có thành tích tiêu biểu, xuất sắc",
            "description": "Gửi Hội đồng thi đua khen thưởng cấp xã để tổ chức bình xét, lựa chọn, đề xuất khen "
            "thưởng; thủ tục và hồ sơ do Phòng Văn hóa – Xã hội xã hướng dẫn vào thời điểm cuối năm học.",
            "due_on": BANGMAC_END_OF_YEAR,
            "owed_by_kinds": SCHOOL_KIND_VALUES,
            "recipient": "issuer",
        },
    ],
}


PLANS: dict[str, dict] = {
    "bentre_914": BENTRE_914,
    "xuanson_672": XUANSON_672,
    "hungyen_1729": HUNGYEN_1729,
    "bangmac_87": BANGMAC_87,
    "dongtrieu_1592": DONGTRIEU_1592,
}
# The four plans of the shared seeds (1592 is a reconstruction, see the module docstring).
SEED_PLAN_KEYS = ("bentre_914", "xuanson_672", "hungyen_1729", "bangmac_87")


# --- Building ---------------------------------------------------------------------------------


def _recipient(spec: dict, issuer: Unit) -> Unit | None:
    match spec.get("recipient"):
        case "issuer":
            return issuer
        case "issuer_parent":
            return Unit.objects.get_parent(issuer)
    return None


def _add_criteria(campaign: Campaign, actor: User | None, items: list[dict], parent=None) -> None:
    for item in items:
        fields = {k: v for k, v in item.items() if k not in ("title", "children") and v not in (None, "")}
        criterion = services.criterion_add(campaign=campaign, actor=actor, title=item["title"], parent=parent, **fields)
        _add_criteria(campaign, actor, item["children"], parent=criterion)


@transaction.atomic
def build_plan(key: str, *, issuer: Unit, actor: User | None = None, parent: Campaign | None = None) -> Campaign:
    """Create plan ``key`` as a draft for ``issuer`` through the campaign services.

    With ``parent`` (the upper campaign in the portal), the campaign implements it and the
    upper document with the parent's number is linked to it.
    """
    spec = PLANS[key]
    campaign = services.campaign_create(issuer=issuer, actor=actor, parent=parent, **spec["campaign"])
    for doc in spec["upper_documents"]:
        linked = parent if parent is not None and parent.number_symbol == doc["number_symbol"] else None
        services.upper_document_add(campaign=campaign, actor=actor, linked_campaign=linked, **doc)
    phases = {
        phase["key"]: services.phase_add(
            campaign=campaign,
            actor=actor,
            name=phase["name"],
            starts_on=phase["starts_on"],
            ends_on=phase["ends_on"],
        )
        for phase in spec["phases"]
    }
    for subject in spec["subjects"]:
        services.subject_add(campaign=campaign, actor=actor, **subject)
    _add_criteria(campaign, actor, spec["criteria"])
    for offer in spec["award_offers"]:
        # Seeds name the catalogue's award by its code; the offer points at the Award itself.
        fields = {**offer, "award": Award.objects.get(code=offer["award"])} if "award" in offer else offer
        services.award_offer_add(campaign=campaign, actor=actor, **fields)
    for component in spec["dossier_components"]:
        services.dossier_component_add(campaign=campaign, actor=actor, **component)
    for milestone in spec["milestones"]:
        fields = {k: v for k, v in milestone.items() if k not in ("phase", "recipient", "review")}
        services.milestone_create(
            campaign=campaign,
            actor=actor,
            phase=phases.get(milestone.get("phase")),
            recipient=_recipient(milestone, issuer),
            **fields,
        )
    return campaign
