"""The catalogue of titles and award forms and their national legal rules, as data.

Sources: /shared/domain/law-and-formats.md §0–2. Article numbers the spec marks
"unconfirmed" are stored with ``citation_confirmed=False`` and shown as such.
Principles split at 01/7/2025: Nghị định 98/2023/NĐ-CP before, 152/2025/NĐ-CP after.
Reverse: deletes exactly the rows this migration created (by award code).
"""

import datetime

from django.db import migrations

LAW = "Luật Thi đua, khen thưởng 06/2022/QH15"
ND98 = "Nghị định 98/2023/NĐ-CP"
ND152 = "Nghị định 152/2025/NĐ-CP"
TT29 = "Thông tư 29/2023/TT-BGDĐT"
LAW_START = datetime.date(2024, 1, 1)
ND152_START = datetime.date(2025, 7, 1)
ND98_END = datetime.date(2025, 6, 30)

TITLE_DOSSIER = [
    "Tờ trình đề nghị (Mẫu số 01, Phụ lục Nghị định 152/2025/NĐ-CP)",
    "Báo cáo thành tích",
    "Biên bản họp bình xét thi đua (có kết quả bỏ phiếu kín khi phải bỏ phiếu)",
]
SANG_KIEN_PROOF = "Xác nhận của cấp có thẩm quyền về sáng kiến, đề tài nghiên cứu (phạm vi ảnh hưởng, hiệu quả)"
CSTDCS_PROOF = "Xác nhận sáng kiến/đề tài được công nhận hoặc xác nhận hoàn thành xuất sắc nhiệm vụ"
FORM_DOSSIER = [
    "Tờ trình đề nghị khen thưởng",
    "Báo cáo thành tích",
    "Biên bản họp xét khen thưởng",
    "Xác nhận thành tích đột xuất (khi khen đột xuất)",
]
REPORT_PERSON = "Mẫu số 05 – Báo cáo thành tích cá nhân (công trạng), Phụ lục Nghị định 152/2025/NĐ-CP"
REPORT_UNIT = "Báo cáo thành tích tập thể (công trạng), Phụ lục Nghị định 152/2025/NĐ-CP (số mẫu chưa xác minh)"
REPORT_BOTH = "Báo cáo thành tích cá nhân (Mẫu số 05) hoặc tập thể (công trạng), Phụ lục Nghị định 152/2025/NĐ-CP"

AWARDS = [
    # code, name, kind, subject, level, authority, council, ballot threshold, dossier, report, cash, basis, extra
    dict(
        code="LDTT",
        name="Lao động tiên tiến",
        kind="title",
        subject="individual",
        level="department",
        authority="Thủ trưởng đơn vị có tư cách pháp nhân (Giám đốc Sở GDĐT…); Chủ tịch UBND cấp xã",
        council="Hội đồng Thi đua – Khen thưởng của đơn vị",
        dossier=TITLE_DOSSIER,
        report=REPORT_PERSON,
        cash="0.30",
        basis=f"{LAW} Điều 24 khoản 1, Điều 80",
        suggest=True,
    ),
    dict(
        code="CSTDCS",
        name="Chiến sĩ thi đua cơ sở",
        kind="title",
        subject="individual",
        level="department",
        authority="Thủ trưởng đơn vị có tư cách pháp nhân (Giám đốc Sở GDĐT…); Chủ tịch UBND cấp xã",
        council="Hội đồng Thi đua – Khen thưởng của đơn vị",
        ballot=80,
        dossier=[*TITLE_DOSSIER, CSTDCS_PROOF],
        report=REPORT_PERSON,
        cash="1.00",
        basis=f"{LAW} Điều 23, Điều 80",
        suggest=True,
    ),
    dict(
        code="CSTD_BO",
        name="Chiến sĩ thi đua cấp Bộ",
        kind="title",
        subject="individual",
        level="ministry",
        authority="Bộ trưởng Bộ Giáo dục và Đào tạo",
        council="Hội đồng Thi đua – Khen thưởng Bộ Giáo dục và Đào tạo",
        ballot=90,
        dossier=[*TITLE_DOSSIER, SANG_KIEN_PROOF],
        report=REPORT_PERSON,
        cash="3.00",
        basis=f"{LAW} Điều 22; {TT29} Điều 12",
        suggest=True,
    ),
    dict(
        code="CSTD_TINH",
        name="Chiến sĩ thi đua cấp tỉnh",
        kind="title",
        subject="individual",
        level="province",
        authority="Chủ tịch Ủy ban nhân dân tỉnh",
        council="Hội đồng Thi đua – Khen thưởng tỉnh",
        ballot=90,
        dossier=[*TITLE_DOSSIER, SANG_KIEN_PROOF],
        report=REPORT_PERSON,
        cash="3.00",
        basis=f"{LAW} Điều 22",
        suggest=True,
    ),
    dict(
        code="CSTD_TQ",
        name="Chiến sĩ thi đua toàn quốc",
        kind="title",
        subject="individual",
        level="government",
        authority="Thủ tướng Chính phủ (hồ sơ qua Bộ Nội vụ)",
        council="Hội đồng Thi đua – Khen thưởng Trung ương",
        ballot=90,
        dossier=[*TITLE_DOSSIER, SANG_KIEN_PROOF],
        report="Báo cáo thành tích đề nghị tặng danh hiệu Chiến sĩ thi đua toàn quốc, Phụ lục Nghị định 152/2025/NĐ-CP",
        cash="4.50",
        basis=f"{LAW} Điều 21",
        suggest=True,
        note="Hồ sơ gửi Bộ Nội vụ trước 31/12 năm sau (Nghị định 98/2023/NĐ-CP Điều 32).",
    ),
    dict(
        code="TTLDTT",
        name="Tập thể lao động tiên tiến",
        kind="title",
        subject="collective",
        level="department",
        authority="Thủ trưởng đơn vị có tư cách pháp nhân (Giám đốc Sở GDĐT…); Chủ tịch UBND cấp xã",
        council="Hội đồng Thi đua – Khen thưởng của đơn vị",
        dossier=TITLE_DOSSIER,
        report=REPORT_UNIT,
        cash="0.80",
        basis=f"{LAW} Điều 28 (số điều chưa xác minh); Điều 80",
        suggest=True,
    ),
    dict(
        code="TTLDXS",
        name="Tập thể lao động xuất sắc",
        kind="title",
        subject="collective",
        level="province",
        authority="Bộ trưởng Bộ GDĐT (đơn vị thuộc Bộ); Chủ tịch UBND tỉnh (đơn vị thuộc địa phương)",
        council="Hội đồng Thi đua – Khen thưởng Bộ/tỉnh",
        dossier=TITLE_DOSSIER,
        report=REPORT_UNIT,
        cash="1.50",
        basis=f"{LAW} Điều 27 (số điều chưa xác minh); {TT29} Điều 12",
        suggest=True,
    ),
    dict(
        code="CO_BO",
        name="Cờ thi đua của Bộ Giáo dục và Đào tạo",
        kind="title",
        subject="collective",
        level="ministry",
        authority="Bộ trưởng Bộ Giáo dục và Đào tạo",
        council="Hội đồng Thi đua – Khen thưởng Bộ Giáo dục và Đào tạo",
        ballot=80,
        dossier=TITLE_DOSSIER,
        report=REPORT_UNIT,
        cash="8.00",
        basis=f"{LAW} Điều 26 (số điều chưa xác minh); {TT29} Điều 12",
    ),
    dict(
        code="CO_TINH",
        name="Cờ thi đua của Ủy ban nhân dân tỉnh",
        kind="title",
        subject="collective",
        level="province",
        authority="Chủ tịch Ủy ban nhân dân tỉnh",
        council="Hội đồng Thi đua – Khen thưởng tỉnh",
        ballot=80,
        dossier=TITLE_DOSSIER,
        report=REPORT_UNIT,
        cash="8.00",
        basis=f"{LAW} Điều 26 (số điều chưa xác minh)",
    ),
    dict(
        code="CO_CP",
        name="Cờ thi đua của Chính phủ",
        kind="title",
        subject="collective",
        level="government",
        authority="Thủ tướng Chính phủ (hồ sơ qua Bộ Nội vụ)",
        council="Hội đồng Thi đua – Khen thưởng Trung ương",
        ballot=80,
        dossier=TITLE_DOSSIER,
        report="Báo cáo thành tích đề nghị tặng Cờ thi đua của Chính phủ, Phụ lục Nghị định 152/2025/NĐ-CP",
        cash="12.00",
        basis=f"{ND98} Điều 30 khoản 7, Điều 32",
        note="Ngành giáo dục: hồ sơ gửi Bộ Nội vụ trước 31/12 (Nghị định 98/2023/NĐ-CP Điều 32).",
    ),
    dict(
        code="GK_TRUONG",
        name="Giấy khen của Hiệu trưởng (Giám đốc cơ sở giáo dục)",
        kind="form",
        subject="both",
        level="school",
        authority="Hiệu trưởng, giám đốc cơ sở giáo dục",
        council="Hội đồng Thi đua – Khen thưởng nhà trường",
        dossier=FORM_DOSSIER,
        report=REPORT_BOTH,
        basis=f"{TT29} Điều 11",
    ),
    dict(
        code="GK_SO",
        name="Giấy khen của Giám đốc Sở Giáo dục và Đào tạo",
        kind="form",
        subject="both",
        level="department",
        authority="Giám đốc Sở Giáo dục và Đào tạo",
        council="Hội đồng Thi đua – Khen thưởng ngành (Sở GDĐT)",
        dossier=FORM_DOSSIER,
        report=REPORT_BOTH,
        basis=f"{TT29} Điều 11 khoản 1; {LAW} Điều 75, Điều 80",
    ),
    dict(
        code="GK_HUYEN",
        name="Giấy khen của Chủ tịch Ủy ban nhân dân cấp huyện",
        kind="form",
        subject="both",
        level="district",
        authority="Chủ tịch Ủy ban nhân dân cấp huyện",
        council="Hội đồng Thi đua – Khen thưởng cấp huyện",
        dossier=FORM_DOSSIER,
        report=REPORT_BOTH,
        basis=f"{LAW} Điều 75",
        valid_to=ND98_END,
        ended_by="Nghị định 129/2025/NĐ-CP Điều 59 (không còn cấp huyện từ 01/7/2025)",
    ),
    dict(
        code="GK_XA",
        name="Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã",
        kind="form",
        subject="both",
        level="commune",
        authority="Chủ tịch Ủy ban nhân dân cấp xã",
        council="Hội đồng Thi đua – Khen thưởng cấp xã",
        dossier=FORM_DOSSIER,
        report=REPORT_BOTH,
        basis=f"{LAW} Điều 75, Điều 80; Nghị định 129/2025/NĐ-CP Điều 59",
    ),
    dict(
        code="BK_BO",
        name="Bằng khen của Bộ trưởng Bộ Giáo dục và Đào tạo",
        kind="form",
        subject="both",
        level="ministry",
        authority="Bộ trưởng Bộ Giáo dục và Đào tạo",
        council="Hội đồng Thi đua – Khen thưởng Bộ Giáo dục và Đào tạo",
        dossier=FORM_DOSSIER,
        report=REPORT_BOTH,
        basis=f"{LAW} Điều 74; {TT29} Điều 12",
        suggest=True,
    ),
    dict(
        code="BK_TINH",
        name="Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        kind="form",
        subject="both",
        level="province",
        authority="Chủ tịch Ủy ban nhân dân tỉnh",
        council="Hội đồng Thi đua – Khen thưởng tỉnh",
        dossier=FORM_DOSSIER,
        report=REPORT_BOTH,
        basis=f"{LAW} Điều 74",
        suggest=True,
    ),
    dict(
        code="BK_TTG",
        name="Bằng khen của Thủ tướng Chính phủ",
        kind="form",
        subject="both",
        level="government",
        authority="Thủ tướng Chính phủ (hồ sơ qua Bộ Nội vụ)",
        council="Hội đồng Thi đua – Khen thưởng Trung ương",
        dossier=FORM_DOSSIER,
        report=REPORT_BOTH,
        basis=f"{LAW} Điều 72",
    ),
    dict(
        code="KNC_GD",
        name="Kỷ niệm chương “Vì sự nghiệp giáo dục”",
        kind="form",
        subject="individual",
        level="ministry",
        authority="Bộ trưởng Bộ Giáo dục và Đào tạo",
        council="Hội đồng Thi đua – Khen thưởng Bộ Giáo dục và Đào tạo",
        dossier=["Tờ trình đề nghị", "Danh sách trích ngang", "Bản tóm tắt quá trình công tác"],
        report="Bản tóm tắt quá trình công tác (theo hướng dẫn của Bộ GDĐT)",
        basis=f"{TT29} Điều 8",
        suggest=True,
    ),
    dict(
        code="HCLD_3",
        name="Huân chương Lao động hạng Ba",
        kind="state",
        subject="both",
        level="state",
        authority="Chủ tịch nước",
        council="Hội đồng Thi đua – Khen thưởng Trung ương",
        dossier=FORM_DOSSIER,
        report=REPORT_BOTH,
        basis=f"{LAW} Chương III",
    ),
    dict(
        code="NGUT",
        name="Nhà giáo Ưu tú",
        kind="state",
        subject="individual",
        level="state",
        authority="Chủ tịch nước",
        council="Hội đồng xét tặng danh hiệu Nhà giáo Nhân dân, Nhà giáo Ưu tú",
        dossier=FORM_DOSSIER,
        report=REPORT_PERSON,
        basis=f"{LAW} Chương III",
    ),
    dict(
        code="NGND",
        name="Nhà giáo Nhân dân",
        kind="state",
        subject="individual",
        level="state",
        authority="Chủ tịch nước",
        council="Hội đồng xét tặng danh hiệu Nhà giáo Nhân dân, Nhà giáo Ưu tú",
        dossier=FORM_DOSSIER,
        report=REPORT_PERSON,
        basis=f"{LAW} Chương III",
    ),
]

CSTDCS_EXTRA = {
    "options": [
        {"kind": "task_rating", "params": {"min": "excellent"}, "label": "Hoàn thành xuất sắc nhiệm vụ"},
        {
            "kind": "initiatives",
            "params": {"min_scope": "unit", "count": 1, "within_years": 1},
            "label": "Sáng kiến hoặc đề tài được công nhận cấp cơ sở",
        },
    ]
}
BK_PERSON = {
    "options": [
        {
            "kind": "consecutive_titles",
            "params": {"titles": ["CSTDCS"], "years": 2},
            "label": "2 năm liên tục Chiến sĩ thi đua cơ sở",
        },
        {
            "kind": "all_of",
            "label": "2 năm liên tục hoàn thành xuất sắc nhiệm vụ, có 2 sáng kiến cấp cơ sở",
            "params": {
                "options": [
                    {
                        "kind": "consecutive_ratings",
                        "params": {"min": "excellent", "years": 2},
                        "label": "2 năm liên tục hoàn thành xuất sắc nhiệm vụ",
                    },
                    {
                        "kind": "initiatives",
                        "params": {"min_scope": "unit", "count": 2, "within_years": 2},
                        "label": "2 sáng kiến được công nhận cấp cơ sở trong 2 năm",
                    },
                ]
            },
        },
    ]
}
BK_UNIT = {
    "options": [
        {
            "kind": "consecutive_ratings",
            "params": {"min": "excellent", "years": 2},
            "label": "2 năm liên tục hoàn thành xuất sắc nhiệm vụ",
        },
        {
            "kind": "consecutive_titles",
            "params": {"titles": ["TTLDXS"], "years": 2},
            "label": "2 năm liên tục Tập thể lao động xuất sắc",
        },
    ]
}


def rule(code, kind, params, description, document, article="", clause="", **extra):
    return dict(
        code=code,
        kind=kind,
        params=params,
        description=description,
        document=document,
        article=article,
        clause=clause,
        **extra,
    )


RULES = [
    # Lao động tiên tiến
    rule("LDTT", "task_rating", {"min": "good"}, "Hoàn thành tốt nhiệm vụ trở lên", LAW, "Điều 24", "khoản 1"),
    rule("LDTT", "not_held", {"scope": "year"}, "Chưa được công nhận trong năm học", LAW, "Điều 5"),
    # Chiến sĩ thi đua cơ sở
    rule("CSTDCS", "meets_award", {"award": "LDTT"}, "Đạt tiêu chuẩn Lao động tiên tiến", LAW, "Điều 23"),
    rule(
        "CSTDCS",
        "any_of",
        CSTDCS_EXTRA,
        "Hoàn thành xuất sắc nhiệm vụ, hoặc có sáng kiến/đề tài được công nhận",
        LAW,
        "Điều 23",
    ),
    rule("CSTDCS", "not_held", {"scope": "year"}, "Chưa được công nhận trong năm học", LAW, "Điều 5"),
    # Chiến sĩ thi đua cấp Bộ / cấp tỉnh
    *[
        r
        for code, article in (("CSTD_TINH", "Điều 22"), ("CSTD_BO", "Điều 22"))
        for r in (
            rule(
                code,
                "consecutive_titles",
                {"titles": ["CSTDCS"], "years": 3},
                "3 năm liên tục Chiến sĩ thi đua cơ sở (không tính khen thưởng đột xuất, chuyên đề)",
                LAW,
                article,
            ),
            rule(
                code,
                "initiatives",
                {"min_scope": "province", "count": 1, "within_years": 3},
                "Sáng kiến/đề tài có phạm vi ảnh hưởng cấp tỉnh (cấp Bộ)",
                LAW,
                article,
            ),
            rule(code, "not_held", {"scope": "year"}, "Chưa được tặng trong năm học", LAW, "Điều 5"),
        )
    ],
    # Chiến sĩ thi đua toàn quốc: two consecutive provincial/ministerial titles (each closes a 3-year chain)
    rule(
        "CSTD_TQ",
        "consecutive_titles",
        {"titles": ["CSTD_TINH", "CSTD_BO"], "years": 2, "step": 3},
        "2 lần liên tục Chiến sĩ thi đua cấp Bộ/cấp tỉnh",
        LAW,
        "Điều 21",
    ),
    rule(
        "CSTD_TQ",
        "initiatives",
        {"min_scope": "national", "count": 1, "within_years": 6},
        "Sáng kiến/đề tài có phạm vi ảnh hưởng toàn quốc",
        LAW,
        "Điều 21",
    ),
    # Tập thể lao động tiên tiến
    rule(
        "TTLDTT",
        "task_rating",
        {"min": "good"},
        "Tập thể hoàn thành tốt nhiệm vụ",
        LAW,
        "Điều 28",
        citation_confirmed=False,
    ),
    rule(
        "TTLDTT",
        "member_ratio",
        {"title": "LDTT", "percent": 70},
        "Ít nhất 70% thành viên đạt Lao động tiên tiến",
        LAW,
        "Điều 28",
        citation_confirmed=False,
    ),
    rule(
        "TTLDTT",
        "no_member_discipline",
        {"min_level": "warning"},
        "Không có thành viên bị kỷ luật từ hình thức cảnh cáo trở lên",
        LAW,
        "Điều 28",
        citation_confirmed=False,
    ),
    rule("TTLDTT", "not_held", {"scope": "year"}, "Chưa được công nhận trong năm học", LAW, "Điều 5"),
    # Tập thể lao động xuất sắc
    rule(
        "TTLDXS",
        "task_rating",
        {"min": "excellent"},
        "Tập thể hoàn thành xuất sắc nhiệm vụ",
        LAW,
        "Điều 27",
        citation_confirmed=False,
    ),
    rule(
        "TTLDXS",
        "member_ratings",
        {"min": "completed", "percent": 100},
        "100% thành viên hoàn thành nhiệm vụ",
        LAW,
        "Điều 27",
        citation_confirmed=False,
    ),
    rule(
        "TTLDXS",
        "member_ratio",
        {"title": "LDTT", "percent": 70},
        "Ít nhất 70% thành viên đạt Lao động tiên tiến",
        LAW,
        "Điều 27",
        citation_confirmed=False,
    ),
    rule(
        "TTLDXS",
        "member_count",
        {"title": "CSTDCS", "count": 1},
        "Có cá nhân đạt Chiến sĩ thi đua cơ sở",
        LAW,
        "Điều 27",
        citation_confirmed=False,
    ),
    rule("TTLDXS", "not_held", {"scope": "year"}, "Chưa được tặng trong năm học", LAW, "Điều 5"),
    # Cờ thi đua
    *[
        r
        for code in ("CO_BO", "CO_TINH")
        for r in (
            rule(
                code,
                "task_rating",
                {"min": "excellent"},
                "Tập thể hoàn thành xuất sắc nhiệm vụ",
                LAW,
                "Điều 26",
                citation_confirmed=False,
            ),
            rule(
                code,
                "manual",
                {},
                "Dẫn đầu cụm, khối thi đua; hoàn thành vượt mức các chỉ tiêu",
                LAW,
                "Điều 26",
                citation_confirmed=False,
            ),
        )
    ],
    rule(
        "CO_CP",
        "manual",
        {},
        "Tập thể tiêu biểu xuất sắc nhất trong phong trào thi đua của Bộ, tỉnh",
        LAW,
        "",
        citation_confirmed=False,
    ),
    # Giấy khen, Bằng khen Thủ tướng: judged by the council on the achievement
    *[
        rule(
            code,
            "manual",
            {},
            "Thành tích xuất sắc trong thực hiện nhiệm vụ hoặc phong trào thi đua",
            document,
            article,
            clause,
        )
        for code, document, article, clause in (
            ("GK_TRUONG", TT29, "Điều 11", ""),
            ("GK_SO", TT29, "Điều 11", "khoản 1"),
            ("GK_HUYEN", LAW, "Điều 75", ""),
            ("GK_XA", LAW, "Điều 75", ""),
            ("BK_TTG", LAW, "Điều 72", ""),
        )
    ],
    # Bằng khen Bộ trưởng / Chủ tịch UBND tỉnh (công trạng)
    *[
        r
        for code in ("BK_BO", "BK_TINH")
        for r in (
            rule(
                code,
                "any_of",
                BK_PERSON,
                "Cá nhân: 2 năm liên tục CSTĐCS, hoặc 2 năm liên tục HTXSNV có 2 sáng kiến cấp cơ sở",
                LAW,
                "Điều 74",
                applies_to="individual",
            ),
            rule(
                code,
                "any_of",
                BK_UNIT,
                "Tập thể: 2 năm liên tục hoàn thành xuất sắc nhiệm vụ hoặc Tập thể lao động xuất sắc",
                LAW,
                "Điều 74",
                applies_to="collective",
            ),
            rule(code, "not_held", {"scope": "year"}, "Chưa được tặng trong năm học", LAW, "Điều 5"),
        )
    ],
    # Kỷ niệm chương "Vì sự nghiệp giáo dục"
    rule(
        "KNC_GD",
        "years_of_service",
        {"years": 20, "reduced_by": 5, "hardship_years": 5},
        "Đủ 20 năm công tác trong ngành (15 năm nếu có từ 5 năm ở vùng đặc biệt khó khăn); "
        "thời gian bị kỷ luật không tính",
        TT29,
        "Điều 8",
    ),
    rule(
        "KNC_GD",
        "not_held",
        {"scope": "ever"},
        "Chưa được tặng Kỷ niệm chương",
        TT29,
        "Điều 8",
        citation_confirmed=False,
    ),
]

# Principles: every award with rules. NĐ 98/2023 until 30/6/2025, NĐ 152/2025 from 01/7/2025.
PRINCIPLE_AWARDS = sorted({r["code"] for r in RULES})
LEAVE_AWARDS = ("LDTT",)


def principle_rules():
    rows = []
    for code in PRINCIPLE_AWARDS:
        rows.append(
            rule(
                code,
                "no_restriction",
                {},
                "Không trong thời gian bị kỷ luật, xem xét kỷ luật, điều tra, thanh tra, khiếu nại",
                ND98,
                "",
                citation_confirmed=False,
                valid_to=ND98_END,
                position=910,
            )
        )
        rows.append(
            rule(
                code,
                "no_restriction",
                {},
                "Không trong thời gian bị kỷ luật, xem xét kỷ luật, điều tra, thanh tra, khiếu nại",
                ND152,
                "Điều 4",
                "khoản 4",
                valid_from=ND152_START,
                position=910,
            )
        )
    for code in LEAVE_AWARDS:
        rows.append(
            rule(
                code,
                "absence_limit",
                {"days": 40},
                "Không nghỉ từ 40 ngày làm việc trở lên (nghỉ thai sản được tính là thời gian công tác)",
                ND98,
                "",
                citation_confirmed=False,
                valid_to=ND98_END,
                position=900,
            )
        )
        rows.append(
            rule(
                code,
                "absence_limit",
                {"days": 40},
                "Không nghỉ từ 40 ngày làm việc trở lên (nghỉ thai sản được tính là thời gian công tác)",
                ND152,
                "Điều 4",
                "khoản 5",
                citation_confirmed=False,
                valid_from=ND152_START,
                position=900,
            )
        )
    return rows


def _fold(value):
    import unicodedata

    text = " ".join(str(value).split()).lower().replace("đ", "d")
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))


def load(apps, schema_editor):
    from decimal import Decimal

    Award = apps.get_model("awards", "Award")
    AwardRule = apps.get_model("awards", "AwardRule")
    awards = {}
    for position, row in enumerate(AWARDS, start=1):
        awards[row["code"]] = Award.objects.create(
            code=row["code"],
            name=row["name"],
            kind=row["kind"],
            subject=row["subject"],
            level=row["level"],
            authority=row["authority"],
            council=row.get("council", ""),
            secret_ballot=bool(row.get("ballot")),
            ballot_threshold=row.get("ballot"),
            dossier_components=row.get("dossier", []),
            report_template=row.get("report", ""),
            cash_multiplier=Decimal(row["cash"]) if row.get("cash") else None,
            legal_basis=row.get("basis", ""),
            valid_from=row.get("valid_from"),
            valid_to=row.get("valid_to"),
            ended_by=row.get("ended_by", ""),
            suggest=row.get("suggest", False),
            position=position * 10,
            note=row.get("note", ""),
            name_search=_fold(row["name"]),
        )
    for index, row in enumerate([*RULES, *principle_rules()]):
        AwardRule.objects.create(
            award=awards[row["code"]],
            kind=row["kind"],
            params=row["params"],
            applies_to=row.get("applies_to", "both"),
            description=row["description"],
            document=row["document"],
            article=row["article"],
            clause=row["clause"],
            citation_confirmed=row.get("citation_confirmed", True),
            valid_from=row.get("valid_from", LAW_START),
            valid_to=row.get("valid_to"),
            position=row.get("position", index),
        )


def unload(apps, schema_editor):
    Award = apps.get_model("awards", "Award")
    AwardRule = apps.get_model("awards", "AwardRule")
    codes = [row["code"] for row in AWARDS]
    AwardRule.objects.filter(award__code__in=codes, scope__isnull=True).delete()
    Award.objects.filter(code__in=codes, records__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
