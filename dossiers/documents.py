"""The dossier's documents: tờ trình (Mẫu 01), danh sách, biên bản and each báo cáo thành tích
(Mẫu 05 skeleton), as ``doc`` dicts rendered to PDF (``common.pdf``) and Word (``common.docx``)
from the same data; and the dossier as one ZIP packet with an index.

The wording is the fixed wording of Vietnamese administrative documents (document data,
not interface text): it is not translated.
"""

import datetime
import io
import re
import unicodedata
import zipfile
from collections import OrderedDict

from django.utils import timezone

from common.dates import official_date, school_year_label, short_date
from common.docx import build_official_docx
from common.pdf import render_pdf
from dossiers import selectors
from dossiers.enums import ComponentKind
from dossiers.models import Dossier, Nominee
from units.models import Unit

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"
DRAFT_MARK = "DỰ THẢO"
NBSP = "\u00a0"
LAW_BASIS = "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022"
DECREE_152 = (
    "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ "
    "quy định chi tiết một số điều của Luật Thi đua, khen thưởng"
)
DECREE_98 = (
    "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ "
    "quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng"
)
DECREE_152_START = datetime.date(2025, 7, 1)
ROLE_WORDS = {"manager": "Cán bộ quản lý", "teacher": "Giáo viên", "staff": "Nhân viên", "worker": "Người lao động"}
GENDER_WORDS = {"female": "Nữ", "male": "Nam"}
RATING_WORDS = {
    "excellent": "Hoàn thành xuất sắc nhiệm vụ",
    "good": "Hoàn thành tốt nhiệm vụ",
    "completed": "Hoàn thành nhiệm vụ",
    "not_completed": "Không hoàn thành nhiệm vụ",
}


def nfc(text) -> str:
    return unicodedata.normalize("NFC", str(text or "")).strip()


def upper(text) -> str:
    return nfc(nfc(text).upper())


def place_of(dossier: Dossier) -> str:
    return nfc(dossier.place) or nfc(dossier.unit.name)


def number_line(dossier: Dossier) -> str:
    if dossier.number:
        return f"Số: {dossier.number_symbol}"
    return f"Số:{NBSP * 8}/{nfc(dossier.symbol)}" if dossier.symbol else f"Số:{NBSP * 8}"


def _head(dossier: Dossier, *, type_name: str, summary: str, number: bool = True) -> dict:
    receiver = dossier.receiver
    return {
        "title": f"{type_name.capitalize()} — {nfc(dossier.unit.name)}",
        "author": nfc(dossier.unit.name),
        "governing_body": upper(receiver.name) if receiver else "",
        "issuer_name": upper(dossier.unit.name),
        "number_line": number_line(dossier) if number else "",
        "date_line": official_date(dossier.dated, place_of(dossier)),
        "national_title": NATIONAL_TITLE,
        "national_motto": NATIONAL_MOTTO,
        "type_name": type_name,
        "summary": summary,
        "bases": [],
        "preamble": [],
        "sections": [],
        "recipients": [],
        "signature": {
            "authority": "",
            "title": upper(dossier.signer_title or dossier.unit.head_title or "Thủ trưởng đơn vị"),
            "name": nfc(dossier.signer_name or dossier.unit.head_name),
        },
        "is_draft": dossier.number is None,
        "draft_mark": DRAFT_MARK,
    }


def _grouped(nominees: list[Nominee]) -> "OrderedDict[str, list[Nominee]]":
    groups: OrderedDict[str, list[Nominee]] = OrderedDict()
    for nominee in nominees:
        groups.setdefault(nfc(nominee.award.name), []).append(nominee)
    return groups


def _round_summary(dossier: Dossier) -> str:
    award_round = dossier.round
    return nfc(dossier.summary) or f"Về việc đề nghị khen thưởng: {nfc(award_round.title)}"


def proposal_doc(dossier: Dossier, nominees: list[Nominee]) -> dict:
    """Tờ trình đề nghị khen thưởng (Mẫu số 01, Phụ lục Nghị định 152/2025/NĐ-CP)."""
    doc = _head(dossier, type_name="TỜ TRÌNH", summary=_round_summary(dossier))
    receiver = nfc(dossier.receiver.name) if dossier.receiver else ""
    doc["addressees"] = [f"Kính gửi: {receiver}."] if receiver else []
    bases = [LAW_BASIS, DECREE_152 if dossier.dated >= DECREE_152_START else DECREE_98]
    campaign = dossier.round.campaign
    if campaign is not None:
        bases.append(
            f"Căn cứ Kế hoạch số {nfc(campaign.number_symbol)} của {nfc(campaign.issuer.name)} về {nfc(campaign.title)}"
        )
    if dossier.minutes_date:
        bases.append(
            f"Căn cứ Biên bản họp Hội đồng Thi đua – Khen thưởng {nfc(dossier.unit.name)} "
            f"ngày {short_date(dossier.minutes_date)}"
        )
    # Căn cứ lines follow the "Kính gửi" line in a tờ trình: they open the body.
    basis_blocks = [
        {"kind": "basis", "text": line + (";" if i < len(bases) - 1 else ".")} for i, line in enumerate(bases)
    ]
    people = sum(1 for n in nominees if n.person_id)
    collectives = len(nominees) - people
    counts = []
    if collectives:
        counts.append(f"{collectives:02d} tập thể")
    if people:
        counts.append(f"{people:02d} cá nhân")
    blocks = [
        *basis_blocks,
        {
            "kind": "para",
            "text": f"{nfc(dossier.unit.name)} kính đề nghị {receiver} xem xét, khen thưởng "
            "(hoặc trình cấp có thẩm quyền khen thưởng) "
            f"cho {' và '.join(counts) or 'các trường hợp'} đã có thành tích trong năm học "
            f"{school_year_label(dossier.round.school_year)} ({nfc(dossier.round.title)}), cụ thể:",
        },
    ]
    for award_name, group in _grouped(nominees).items():
        blocks.append({"kind": "item", "text": f"- {award_name}: {len(group):02d} trường hợp;"})
    blocks.append({"kind": "para", "text": "(Có danh sách và hồ sơ kèm theo)."})
    blocks.append({"kind": "para", "text": f"{nfc(dossier.unit.name)} kính trình {receiver} xem xét, quyết định./."})
    doc["sections"] = [{"number": "", "heading": "", "blocks": blocks}]
    doc["recipients"] = ["- Như trên;", "- Lưu: VT, TĐKT."]
    return doc


def list_doc(dossier: Dossier, nominees: list[Nominee]) -> dict:
    """Danh sách đề nghị khen thưởng, attached to the tờ trình."""
    summary = f"Đề nghị khen thưởng {nfc(dossier.round.title)}"
    doc = _head(dossier, type_name="DANH SÁCH", summary=summary)
    attached = (
        f"(Kèm theo Tờ trình số {dossier.number_symbol} ngày {short_date(dossier.dated)} của {nfc(dossier.unit.name)})"
    )
    sections = []
    for index, (award_name, group) in enumerate(_grouped(nominees).items(), start=1):
        rows = []
        for i, nominee in enumerate(group, start=1):
            if nominee.person_id:
                person = nominee.person
                who = nfc(person.full_name)
                position = ", ".join(
                    p for p in (nfc(person.position) or ROLE_WORDS.get(person.role, ""), nfc(dossier.unit.name)) if p
                )
            else:
                who, position = nfc(nominee.collective.name), "Tập thể"
            rows.append([str(i), who, position, nfc(nominee.achievement)])
        sections.append(
            {
                "number": f"{index}.",
                "heading": award_name,
                "blocks": [
                    {
                        "kind": "table",
                        "header": ["TT", "Họ và tên / Tập thể", "Chức vụ, đơn vị", "Thành tích"],
                        "rows": rows,
                    }
                ],
            }
        )
    doc["preamble"] = [{"kind": "para", "text": attached}]
    doc["sections"] = sections
    doc["recipients"] = ["- Lưu: VT."]
    return doc


def minutes_doc(dossier: Dossier, nominees: list[Nominee]) -> dict:
    """Biên bản họp xét thi đua, khen thưởng with the vote of each nominee."""
    doc = _head(dossier, type_name="BIÊN BẢN", summary="Họp Hội đồng Thi đua – Khen thưởng xét đề nghị khen thưởng")
    when = official_date(dossier.minutes_date) if dossier.minutes_date else "ngày … tháng … năm …"
    blocks = [
        {"kind": "para", "text": f"Thời gian: {when}, tại {nfc(dossier.unit.name)}."},
        {
            "kind": "para",
            "text": f"Thành phần: {dossier.minutes_present or '…'}/{dossier.minutes_members or '…'} "
            "thành viên Hội đồng có mặt; "
            f"chủ trì: {nfc(dossier.minutes_chair) or '…'}; thư ký: {nfc(dossier.minutes_secretary) or '…'}.",
        },
        {"kind": "para", "text": "Kết quả bỏ phiếu:"},
    ]
    rows = []
    for i, nominee in enumerate(nominees, start=1):
        ratio = ""
        if nominee.votes_for is not None and dossier.minutes_members:
            ratio = f"{nominee.votes_for * 100 / dossier.minutes_members:.1f}%".replace(".", ",")
        rows.append(
            [
                str(i),
                nfc(nominee.name),
                nfc(nominee.award.name),
                f"{nominee.votes_for if nominee.votes_for is not None else '…'}/{nominee.votes_total or '…'}",
                ratio,
            ]
        )
    blocks.append(
        {"kind": "table", "header": ["TT", "Họ và tên / Tập thể", "Đề nghị", "Phiếu đồng ý", "Tỷ lệ"], "rows": rows}
    )
    doc["sections"] = [{"number": "", "heading": "", "blocks": blocks}]
    doc["signatures"] = [
        {"lines": ["THƯ KÝ"], "note": "(Ký, ghi rõ họ và tên)", "name": nfc(dossier.minutes_secretary)},
        {"lines": ["CHỦ TỊCH HỘI ĐỒNG"], "note": "(Ký, ghi rõ họ và tên)", "name": nfc(dossier.minutes_chair)},
    ]
    return doc


def _history_tables(records) -> list[dict]:
    titles = [r for r in records if r.award.kind == "title"]
    forms = [r for r in records if r.award.kind != "title"]

    def rows(items):
        return [
            [
                school_year_label(r.school_year),
                nfc(r.award.name),
                f"{nfc(r.decision.number)} ngày {short_date(r.decision.date)}; {nfc(r.decision.issuer)}",
            ]
            for r in items
        ] or [["", "Chưa có", ""]]

    return [
        {"kind": "label", "text": "1. Danh hiệu thi đua"},
        {
            "kind": "table",
            "header": ["Năm", "Danh hiệu thi đua", "Số, ngày QĐ; cơ quan ban hành"],
            "rows": rows(titles),
        },
        {"kind": "label", "text": "2. Hình thức khen thưởng"},
        {
            "kind": "table",
            "header": ["Năm", "Hình thức khen thưởng", "Số, ngày QĐ; cơ quan ban hành"],
            "rows": rows(forms),
        },
    ]


def _achievement(nominee: Nominee, year: str) -> str:
    text = nfc(nominee.achievement).rstrip(".")
    return (text if year in text else f"{text} (năm học {year})") + "."


def report_doc(nominee: Nominee) -> dict:
    """Báo cáo thành tích drafted from the portal's data (Mẫu số 05 skeleton for a person)."""
    dossier = nominee.dossier
    doc = _head(
        dossier, type_name="BÁO CÁO THÀNH TÍCH", summary=f"Đề nghị tặng {nfc(nominee.award.name)}", number=False
    )
    year = school_year_label(dossier.round.school_year)
    if nominee.person_id:
        data = selectors.person_report_data(nominee.person)
        person = data["person"]
        profile = [
            ("Họ và tên:", nfc(person.full_name)),
            ("Ngày, tháng, năm sinh:", short_date(person.birth_date)),
            ("Giới tính:", GENDER_WORDS.get(person.gender, "")),
            ("Đơn vị công tác:", nfc(person.unit.name)),
            ("Chức vụ:", nfc(person.position) or ROLE_WORDS.get(person.role, "")),
            ("Trình độ chuyên môn:", nfc(person.qualifications)),
            ("Năm vào ngành:", str(person.sector_start_year or "")),
        ]
        section_one = [{"kind": "labelled", "label": label, "text": text} for label, text in profile]
        ratings = [
            [school_year_label(r.school_year), RATING_WORDS.get(r.rating, r.rating)] for r in data["ratings"]
        ] or [["", "Chưa có"]]
        initiatives = [
            [
                school_year_label(i.school_year),
                nfc(i.title),
                f"{nfc(i.decision_number)} ngày {short_date(i.decision_date)}; {nfc(i.recognised_by)}",
            ]
            for i in data["initiatives"]
        ] or [["", "Chưa có", ""]]
        section_two = [
            {"kind": "subheading", "number": "1.", "text": "Quyền hạn, nhiệm vụ được giao"},
            {
                "kind": "para",
                "text": f"{nfc(person.position) or ROLE_WORDS.get(person.role, '')} tại {nfc(person.unit.name)}.",
            },
            {"kind": "subheading", "number": "2.", "text": "Thành tích đạt được"},
            {"kind": "para", "text": _achievement(nominee, year)},
            {"kind": "label", "text": "Kết quả đánh giá, xếp loại hằng năm:"},
            {"kind": "table", "header": ["Năm học", "Xếp loại"], "rows": ratings},
            {"kind": "label", "text": "Sáng kiến, đề tài được công nhận:"},
            {
                "kind": "table",
                "header": ["Năm học", "Tên sáng kiến, đề tài", "Quyết định công nhận"],
                "rows": initiatives,
            },
        ]
        signer_right = nfc(person.full_name)
        records = data["records"]
        heading_one = "SƠ LƯỢC LÝ LỊCH"
    else:
        data = selectors.unit_report_data(nominee.collective)
        unit = data["unit"]
        section_one = [
            {"kind": "labelled", "label": "Tên đơn vị:", "text": nfc(unit.name)},
            {"kind": "labelled", "label": "Địa chỉ:", "text": nfc(unit.address)},
            {
                "kind": "labelled",
                "label": "Điện thoại, email:",
                "text": ", ".join(p for p in (nfc(unit.phone), nfc(unit.email)) if p),
            },
            {"kind": "labelled", "label": "Số cán bộ, viên chức, người lao động:", "text": str(data["members"])},
        ]
        ratings = [
            [school_year_label(r.school_year), RATING_WORDS.get(r.rating, r.rating)] for r in data["ratings"]
        ] or [["", "Chưa có"]]
        section_two = [
            {"kind": "para", "text": _achievement(nominee, year)},
            {"kind": "table", "header": ["Năm học", "Xếp loại"], "rows": ratings},
        ]
        signer_right = nfc(unit.head_name)
        records = data["records"]
        heading_one = "SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH"
    doc["sections"] = [
        {"number": "I.", "heading": heading_one, "blocks": section_one},
        {"number": "II.", "heading": "THÀNH TÍCH ĐẠT ĐƯỢC", "blocks": section_two},
        {"number": "III.", "heading": "CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", "blocks": _history_tables(records)},
    ]
    head_title = upper(dossier.signer_title or dossier.unit.head_title or "Thủ trưởng đơn vị")
    doc["signatures"] = [
        {
            "lines": ["THỦ TRƯỞNG ĐƠN VỊ", "XÁC NHẬN, ĐỀ NGHỊ", head_title],
            "note": "(Ký, đóng dấu)",
            "name": nfc(dossier.signer_name or dossier.unit.head_name),
        },
        {"lines": ["NGƯỜI BÁO CÁO THÀNH TÍCH"], "note": "(Ký, ghi rõ họ và tên)", "name": signer_right},
    ]
    doc["is_draft"] = False
    return doc


def refusal_doc(dossier: Dossier) -> dict:
    """Thông báo of the receiving level: the dossier is not accepted, and why (the written notice)."""
    receiver = dossier.receiver
    governing = Unit.objects.get_parent(receiver) if receiver.depth > 1 else None  # the level above
    entry = dossier.refusal_entry
    refused_on = timezone.localtime(dossier.state_changed_at).date() if dossier.state_changed_at else dossier.dated
    doc = {
        "title": f"Thông báo — {nfc(receiver.name)}",
        "author": nfc(receiver.name),
        "governing_body": upper(governing.name) if governing is not None else "",
        "issuer_name": upper(receiver.name),
        "number_line": f"Số: {entry.number_symbol}" if entry else f"Số:{NBSP * 8}",
        "date_line": official_date(refused_on, nfc(receiver.name)),
        "national_title": NATIONAL_TITLE,
        "national_motto": NATIONAL_MOTTO,
        "type_name": "THÔNG BÁO",
        "summary": f"Về việc không tiếp nhận hồ sơ đề nghị khen thưởng của {nfc(dossier.unit.name)}",
        "bases": [],
        "preamble": [],
        "recipients": [f"- {nfc(dossier.unit.name)};", "- Lưu: VT, TĐKT."],
        "signature": {
            "authority": "",
            "title": upper(receiver.head_title or "Thủ trưởng đơn vị"),
            "name": nfc(receiver.head_name),
        },
        "is_draft": entry is None,
        "draft_mark": DRAFT_MARK,
    }
    sent = f" số {dossier.number_symbol}" if dossier.number else ""
    blocks = [
        {
            "kind": "para",
            "text": f"{nfc(receiver.name)} đã nhận Tờ trình{sent} ngày {short_date(dossier.dated)} của "
            f"{nfc(dossier.unit.name)} đề nghị khen thưởng ({nfc(dossier.round.title)}).",
        },
        {"kind": "para", "text": "Sau khi xem xét, hồ sơ không được tiếp nhận với lý do sau:"},
        *({"kind": "para", "text": line} for line in nfc(dossier.refusal_notice).splitlines() if line.strip()),
        {"kind": "para", "text": f"{nfc(receiver.name)} thông báo để {nfc(dossier.unit.name)} được biết./."},
    ]
    doc["sections"] = [{"number": "", "heading": "", "blocks": blocks}]
    return doc


DOC_BUILDERS = {"proposal": proposal_doc, "list": list_doc, "minutes": minutes_doc}
KIND_OF = {"proposal": ComponentKind.PROPOSAL, "list": ComponentKind.LIST, "minutes": ComponentKind.MINUTES}
FILE_STEMS = {"proposal": "to-trinh", "list": "danh-sach", "minutes": "bien-ban", "refusal": "thong-bao-tu-choi"}


def render(doc: dict, fmt: str) -> bytes:
    if fmt == "pdf":
        return render_pdf("dossiers/documents/official.html", {"doc": doc})
    if fmt == "docx":
        return build_official_docx(doc)
    raise ValueError(fmt)


def dossier_document(dossier: Dossier, nominees: list[Nominee], which: str, fmt: str) -> bytes:
    return render(DOC_BUILDERS[which](dossier, nominees), fmt)


def ascii_name(text: str) -> str:
    text = nfc(text).replace("Đ", "D").replace("đ", "d")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9.-]+", "-", text).strip("-")


def document_filename(dossier: Dossier, which: str, fmt: str) -> str:
    number = f"{dossier.number:02d}" if dossier.number else f"du-thao-{dossier.pk}"
    return f"{FILE_STEMS[which]}-{number}-{ascii_name(dossier.unit.short_name or dossier.unit.code)}.{fmt}"


def report_filename(nominee: Nominee, fmt: str) -> str:
    return f"bao-cao-thanh-tich-{ascii_name(nominee.name)}-{nominee.pk}.{fmt}"


def packet(dossier: Dossier) -> bytes:
    """The dossier as one ZIP: every stored document, drafted reports, and an index (00-muc-luc.txt)."""
    nominees = list(dossier.nominees.all())
    buffer = io.BytesIO()
    index = [
        f"HỒ SƠ ĐỀ NGHỊ KHEN THƯỞNG — {nfc(dossier.unit.name)}",
        f"Đợt: {nfc(dossier.round.title)}",
        f"Số: {dossier.number_symbol or '(chưa gửi)'}; ngày {short_date(dossier.dated)}",
        f"Nơi nhận hồ sơ: {nfc(dossier.receiver.name) if dossier.receiver else ''}",
        f"Lập lúc: {timezone.localtime():%d/%m/%Y %H:%M}",
        "",
        "MỤC LỤC",
    ]
    used = set()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        entries = []
        stored = list(dossier.documents.all())
        generated_kinds = {d.kind for d in stored if d.generated}
        for which in ("proposal", "list", "minutes"):
            if KIND_OF[which] in generated_kinds:
                continue
            for fmt in ("pdf", "docx"):
                entries.append(
                    (
                        document_filename(dossier, which, fmt),
                        dossier_document(dossier, nominees, which, fmt),
                        KIND_OF[which].label,
                    )
                )
        for document in stored:
            source = document.evidence.file if document.evidence_id else document.file
            if not source:
                continue
            with source.open("rb") as handle:
                data = handle.read()
            prefix = f"{document.nominee_id}-" if document.nominee_id else ""
            entries.append((f"{prefix}{ascii_name(document.name)}", data, document.get_kind_display()))
        for position, (name, data, label) in enumerate(entries, start=1):
            name = f"{position:02d}-{name}"
            while name in used:
                name = "x" + name
            used.add(name)
            archive.writestr(name, data)
            index.append(f"{position:02d}. {label}: {name}")
        archive.writestr("00-muc-luc.txt", "\n".join(index) + "\n")
    return buffer.getvalue()
