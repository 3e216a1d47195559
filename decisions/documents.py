"""The quyết định khen thưởng and its danh sách kèm theo, as ``doc`` dicts rendered to PDF
(``common.pdf``) and Word (``common.docx``) from the same data, in the NĐ 30/2020 layout.

The wording is the fixed wording of Vietnamese administrative documents (document data, not
interface text): it is not translated.
"""

from collections import OrderedDict

from common.dates import school_year_label, short_date
from common.documents import DRAFT_MARK, NATIONAL_MOTTO, NATIONAL_TITLE, NBSP, date_line, list_lines, nfc, upper
from common.docx import build_official_docx
from common.numbers import count_text, money_text
from common.pdf import render_pdf
from decisions import selectors
from decisions.models import AwardDecision, DecisionLine
from dossiers.selectors import receiver_for

FILE_STEMS = {"decision": "quyet-dinh", "list": "danh-sach"}
FORMATS = ("pdf", "docx")


def number_line(decision: AwardDecision) -> str:
    if decision.number_symbol:
        return f"Số: {decision.number_symbol}"
    unit = decision.issuer_unit
    return f"Số:{NBSP * 8}/QĐ-{nfc(unit.short_name or unit.code)}"


def _place(decision: AwardDecision) -> str:
    return nfc(decision.place) or nfc(
        decision.issuer_unit.address.split(",")[-1] if decision.issuer_unit.address else ""
    )


def _head(decision: AwardDecision, *, type_name: str, summary: str) -> dict:
    unit = decision.issuer_unit
    parent = receiver_for(unit)  # the unit above: the governing body in the header
    return {
        "title": f"{type_name.capitalize()} — {nfc(unit.name)}",
        "author": nfc(unit.name),
        "governing_body": upper(parent.name) if parent is not None else "",
        "issuer_name": upper(unit.name),
        "number_line": number_line(decision),
        "date_line": date_line(decision.dated, _place(decision)),
        "national_title": NATIONAL_TITLE,
        "national_motto": NATIONAL_MOTTO,
        "type_name": type_name,
        "summary": summary,
        "bases": [],
        "preamble": [],
        "sections": [],
        "recipients": [],
        "signature": {
            "authority": upper(decision.signing_authority),
            "title": upper(decision.officer_title or unit.head_title or "Thủ trưởng đơn vị"),
            "name": nfc(decision.signer_name),
        },
        "is_draft": not decision.number_symbol,
        "draft_mark": DRAFT_MARK,
    }


def _who(line: DecisionLine) -> tuple[str, str]:
    nominee = line.nominee
    if nominee.person_id:
        person = nominee.person
        return nfc(person.full_name), ", ".join(
            p for p in (nfc(person.position), nfc(selectors.root_unit(nominee).name)) if p
        )
    return nfc(nominee.collective.name), "Tập thể"


def _grouped(lines: list[DecisionLine]) -> "OrderedDict[str, list[DecisionLine]]":
    groups: OrderedDict[str, list[DecisionLine]] = OrderedDict()
    for line in lines:
        groups.setdefault(nfc(line.award.name), []).append(line)
    return groups


def decision_doc(decision: AwardDecision) -> dict:
    """Quyết định khen thưởng: căn cứ, Điều 1 (who, with the list attached), Điều 2 (the cash),
    Điều 3 (who carries it out), Nơi nhận, signature."""
    unit = decision.issuer_unit
    lines = list(decision.lines.all())
    totals = selectors.totals(lines)
    doc = _head(decision, type_name="QUYẾT ĐỊNH", summary=nfc(decision.summary))
    title = upper(decision.officer_title or unit.head_title or f"THỦ TRƯỞNG {unit.name}")
    # The deciding authority's title comes before the căn cứ lines, so they are blocks of the body.
    bases = list_lines(
        [
            *[line for line in nfc(decision.bases).splitlines() if line.strip()],
            f"Theo đề nghị của Hội đồng Thi đua - Khen thưởng {nfc(unit.name)}",
        ]
    )
    people = sum(1 for line in lines if line.nominee.person_id)
    collectives = len(lines) - people
    counts = " và ".join(
        part
        for part in (
            f"{count_text(collectives)} tập thể" if collectives else "",
            f"{count_text(people)} cá nhân" if people else "",
        )
        if part
    )
    awards = "; ".join(f"{name}: {count_text(len(group))}" for name, group in _grouped(lines).items())
    attached = "danh sách kèm theo"
    blocks = [
        {"kind": "centre", "text": title},
        *[{"kind": "basis", "text": line} for line in bases],
        {"kind": "centre", "text": "QUYẾT ĐỊNH:"},
        {
            "kind": "article",
            "label": "Điều 1.",
            "text": f"Khen thưởng {counts} đã có thành tích trong năm học {school_year_label(decision.school_year)} "
            f"({awards}) ({attached}).",
        },
        {
            "kind": "article",
            "label": "Điều 2.",
            "text": f"Tiền thưởng theo quy định của Luật Thi đua, khen thưởng và Nghị định số 152/2025/NĐ-CP, "
            f"tổng cộng {money_text(totals.cash)}, được chi từ quỹ thi đua, khen thưởng của {nfc(unit.name)} "
            "(nguồn ngân sách nhà nước).",
        },
        {
            "kind": "article",
            "label": "Điều 3.",
            "text": f"Quyết định có hiệu lực kể từ ngày ký. {nfc(decision.executors).rstrip('.')} "
            "chịu trách nhiệm thi hành Quyết định này./.",
        },
    ]
    doc["sections"] = [{"number": "", "heading": "", "blocks": blocks}]
    doc["recipients"] = [
        "- " + line
        for line in list_lines(
            [
                *[x for x in nfc(decision.distribution).splitlines() if x.strip()],
                f"Lưu: VT, {nfc(unit.short_name) or 'TĐKT'}",
            ]
        )
    ]
    return doc


def list_doc(decision: AwardDecision) -> dict:
    """Danh sách kèm theo: STT, họ tên, đơn vị, danh hiệu/hình thức, số tiền, grouped by award."""
    unit = decision.issuer_unit
    lines = list(decision.lines.all())
    doc = _head(
        decision,
        type_name="DANH SÁCH",
        summary=f"Khen thưởng năm học {school_year_label(decision.school_year)}",
    )
    number = decision.number_symbol or "……"
    when = short_date(decision.dated) if decision.dated else "……"
    doc["preamble"] = [
        {
            "kind": "para",
            "text": f"(Kèm theo Quyết định số {number} ngày {when} của {nfc(unit.name)})",
        }
    ]
    sections = []
    index = 0
    for group_index, (award_name, group) in enumerate(_grouped(lines).items(), start=1):
        rows = []
        for line in group:
            index += 1
            who, where = _who(line)
            rows.append([str(index), who, where, award_name, money_text(line.cash_amount) if line.cash_amount else "—"])
        sections.append(
            {
                "number": f"{group_index}.",
                "heading": f"{award_name} ({count_text(len(group))})",
                "blocks": [
                    {
                        "kind": "table",
                        "header": ["STT", "Họ và tên / Tập thể", "Đơn vị", "Danh hiệu, hình thức", "Số tiền"],
                        "rows": rows,
                        "money_last": True,
                    }
                ],
            }
        )
    totals = selectors.totals(lines)
    sections.append(
        {
            "number": "",
            "heading": "",
            "blocks": [
                {
                    "kind": "para",
                    "text": f"Tổng cộng: {count_text(totals.count)} trường hợp; "
                    f"tổng số tiền thưởng: {money_text(totals.cash)}.",
                }
            ],
        }
    )
    doc["sections"] = sections
    doc["recipients"] = []
    return doc


BUILDERS = {"decision": decision_doc, "list": list_doc}


def render(doc: dict, fmt: str) -> bytes:
    if fmt == "pdf":
        return render_pdf("decisions/documents/official.html", {"doc": doc})
    if fmt == "docx":
        return build_official_docx(doc)
    raise ValueError(fmt)


def decision_document(decision: AwardDecision, which: str, fmt: str) -> bytes:
    return render(BUILDERS[which](decision), fmt)


def filename(decision: AwardDecision, which: str, fmt: str) -> str:
    if decision.register_entry_id:
        stem = f"{decision.register_entry.number:02d}-{decision.register_entry.year}"
    else:
        stem = f"du-thao-{decision.pk}"
    return f"{FILE_STEMS[which]}-{stem}.{fmt}"
