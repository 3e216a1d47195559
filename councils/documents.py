"""The biên bản of a council session — họp xét (attendance, agenda, each tally against its
threshold, the result) and kiểm phiếu (the secret-ballot count) — as ``doc`` dicts rendered to
PDF and Word from the same data, in the NĐ 30/2020 layout (see ``dossiers.documents``).

The wording is the fixed wording of Vietnamese administrative documents (document data, not
interface text): it is not translated.
"""

from common.dates import official_date
from councils import law, selectors
from councils.enums import Attendance, ItemResult, MemberRole
from councils.models import Session
from dossiers.documents import DRAFT_MARK, NATIONAL_MOTTO, NATIONAL_TITLE, ascii_name, nfc, render, upper
from units.models import Unit

ROLE_WORDS = {
    MemberRole.CHAIR: "Chủ tịch",
    MemberRole.VICE_CHAIR: "Phó Chủ tịch",
    MemberRole.MEMBER: "Ủy viên",
    MemberRole.SECRETARY: "Thư ký",
}
RESULT_WORDS = {ItemResult.APPROVED: "Đạt", ItemResult.NOT_APPROVED: "Không đạt", ItemResult.PENDING: "Chưa xét"}
WHICH = ("bien-ban-hop", "bien-ban-kiem-phieu")


def percent_text(part: int, whole: int) -> str:
    return f"{part * 100 / whole:.1f}%".replace(".", ",") if whole else "—"


def threshold_text(threshold: int) -> str:
    if threshold == law.DEFAULT_THRESHOLD:
        return "Quá nửa tổng số thành viên Hội đồng"
    return f"Từ {threshold}% tổng số thành viên Hội đồng trở lên"


def _head(session: Session, entry, *, summary: str) -> dict:
    unit = session.council.unit
    parent = Unit.objects.get_parent(unit) if unit.depth > 1 else None
    return {
        "title": f"Biên bản — {nfc(session.title)}",
        "author": nfc(unit.name),
        "governing_body": upper(parent.name) if parent else "",
        "issuer_name": upper(session.council.name),
        "number_line": f"Số: {entry.number_symbol}" if entry else "Số:\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/BB",
        "date_line": official_date(session.date, nfc(selectors.place_name(unit))),
        "national_title": NATIONAL_TITLE,
        "national_motto": NATIONAL_MOTTO,
        "type_name": "BIÊN BẢN",
        "summary": summary,
        "bases": [],
        "preamble": [],
        "sections": [],
        "recipients": [],
        "signature": {"authority": "", "title": "", "name": ""},
        "is_draft": entry is None,
        "draft_mark": DRAFT_MARK,
    }


def _people(session: Session) -> tuple[str, str]:
    chair = next((a.member.name for a in session.attendances.all() if a.member.role == MemberRole.CHAIR), "")
    secretary = next((a.member.name for a in session.attendances.all() if a.member.role == MemberRole.SECRETARY), "")
    return nfc(chair), nfc(secretary)


def _attendance_rows(session: Session) -> list[list[str]]:
    written = {r.member_id for r in session.receipts.all() if r.written}
    rows = []
    for i, a in enumerate(session.attendances.all(), start=1):
        if a.status == Attendance.PRESENT:
            status = "Có mặt"
        elif a.member_id in written:
            status = "Vắng mặt, có phiếu bằng văn bản"
        else:
            status = "Vắng mặt, không có phiếu"
        rows.append([str(i), nfc(a.member.name), ROLE_WORDS[a.member.role], nfc(a.member.title), status])
    return rows


def _tally_rows(session: Session, items) -> list[list[str]]:
    members = len(session.attendances.all())
    return [
        [
            str(i),
            nfc(item.nominee.name),
            nfc(item.award.name),
            "Bỏ phiếu kín" if item.secret else "Biểu quyết công khai",
            f"{item.agree}/{members} ({percent_text(item.agree, members)})",
            str(item.disagree),
            f"{threshold_text(item.threshold)} ({nfc(item.citation)})",
            RESULT_WORDS[item.result],
        ]
        for i, item in enumerate(items, start=1)
    ]


def _signatures(session: Session) -> list[dict]:
    chair, secretary = _people(session)
    return [
        {"lines": ["THƯ KÝ"], "note": "(Ký, ghi rõ họ và tên)", "name": secretary},
        {"lines": ["CHỦ TỊCH HỘI ĐỒNG"], "note": "(Ký, ghi rõ họ và tên)", "name": chair},
    ]


def minutes_doc(session: Session) -> dict:
    """Biên bản họp xét thi đua, khen thưởng."""
    doc = _head(session, session.minutes_entry, summary=f"Họp {nfc(session.council.name)} xét thi đua, khen thưởng")
    attendances = list(session.attendances.all())
    members = len(attendances)
    present = sum(1 for a in attendances if a.status == Attendance.PRESENT)
    chair, secretary = _people(session)
    items = list(session.items.all())
    approved = [i for i in items if i.result == ItemResult.APPROVED]
    quorum = session.quorum_percent or law.quorum_of(session.council)[0]
    blocks = [
        {"kind": "para", "text": f"Thời gian: {official_date(session.date)}. Địa điểm: {nfc(session.place)}."},
        {
            "kind": "para",
            "text": f"Thành phần: {present}/{members} thành viên Hội đồng có mặt "
            f"({percent_text(present, members)}; yêu cầu tối thiểu {quorum}%, "
            f"{law.default_quorum(session.council.unit)[1]}). Chủ trì: {chair or '…'}; thư ký: {secretary or '…'}.",
        },
        {"kind": "label", "text": "1. Thành viên Hội đồng"},
        {
            "kind": "table",
            "header": ["TT", "Họ và tên", "Chức danh Hội đồng", "Chức vụ", "Tình trạng"],
            "rows": _attendance_rows(session),
        },
        {"kind": "label", "text": "2. Nội dung xét và kết quả biểu quyết"},
        {
            "kind": "para",
            "text": "Tỷ lệ đồng ý được tính trên tổng số thành viên Hội đồng; phiếu bằng văn bản của thành viên "
            "vắng mặt được tính, thành viên vắng mặt không có phiếu được tính là không đồng ý.",
        },
        {
            "kind": "table",
            "header": [
                "TT",
                "Họ và tên / Tập thể",
                "Đề nghị",
                "Hình thức",
                "Đồng ý",
                "Không đồng ý",
                "Yêu cầu",
                "Kết quả",
            ],
            "rows": _tally_rows(session, items),
        },
        {"kind": "label", "text": "3. Kết luận"},
        {
            "kind": "para",
            "text": "Hội đồng thống nhất đề nghị khen thưởng "
            f"{len(approved):02d}/{len(items):02d} trường hợp đạt yêu cầu"
            + (
                ": " + "; ".join(f"{nfc(i.nominee.name)} ({nfc(i.award.name)})" for i in approved) + "."
                if approved
                else "."
            ),
        },
    ]
    if session.ballots_closed_early:
        blocks.append({"kind": "para", "text": "Hòm phiếu được đóng trước khi mọi thành viên có mặt bỏ phiếu."})
    for act in session.acts.all():
        blocks.append(
            {
                "kind": "para",
                "text": f"Đính chính ngày {official_date(act.created_at.date())}: {nfc(act.text)} "
                f"(Lý do: {nfc(act.reason)}).",
            }
        )
    blocks.append(
        {"kind": "para", "text": "Biên bản được lập xong hồi kết thúc phiên họp, đã thông qua các thành viên dự họp./."}
    )
    doc["sections"] = [{"number": "", "heading": "", "blocks": blocks}]
    doc["signatures"] = _signatures(session)
    return doc


def count_doc(session: Session) -> dict:
    """Biên bản kiểm phiếu: the secret-ballot counts, without a word on who voted how."""
    doc = _head(session, session.count_entry, summary="Kiểm phiếu bầu chọn danh hiệu thi đua, hình thức khen thưởng")
    members = len(session.attendances.all())
    receipts = list(session.receipts.all())
    written = sum(1 for r in receipts if r.written)
    items = [i for i in session.items.all() if i.secret]
    blocks = [
        {
            "kind": "para",
            "text": f"Phiên họp: {nfc(session.title)}, {official_date(session.date)}, tại {nfc(session.place)}.",
        },
        {
            "kind": "para",
            "text": f"Tổng số thành viên Hội đồng: {members}. Số phiếu phát ra và thu về: {len(receipts)} "
            f"(trong đó {written} phiếu bằng văn bản của thành viên vắng mặt). "
            f"Số thành viên không bỏ phiếu: {members - len(receipts)}.",
        },
        {
            "kind": "table",
            "header": ["TT", "Họ và tên / Tập thể", "Đề nghị", "Đồng ý", "Không đồng ý", "Yêu cầu", "Kết quả"],
            "rows": [row[:3] + row[4:] for row in _tally_rows(session, items)],
        },
        {"kind": "para", "text": f"Căn cứ tỷ lệ phiếu bầu: {law.BALLOT_CITATION}./."},
    ]
    doc["sections"] = [{"number": "", "heading": "", "blocks": blocks}]
    doc["signatures"] = [
        {"lines": ["TỔ KIỂM PHIẾU"], "note": "(Ký, ghi rõ họ và tên)", "name": _people(session)[1]},
        {"lines": ["CHỦ TỊCH HỘI ĐỒNG"], "note": "(Ký, ghi rõ họ và tên)", "name": _people(session)[0]},
    ]
    return doc


BUILDERS = {"bien-ban-hop": minutes_doc, "bien-ban-kiem-phieu": count_doc}


def session_document(session: Session, which: str, fmt: str) -> bytes:
    return render(BUILDERS[which](session), fmt)


def filename(session: Session, which: str, fmt: str) -> str:
    unit = session.council.unit
    return f"{which}-{ascii_name(unit.short_name or unit.code)}-{session.date:%Y%m%d}.{fmt}"
