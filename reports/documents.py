"""Template contexts of official documents, built from the portal's records.

Every document template extends ``documents/base_official.html`` and receives a
``doc`` dict: the header (issuer, number, place and date), the type and summary, the
căn cứ, the body as a list of sections of blocks, the signature and the distribution list.
The wording here is the fixed wording of Vietnamese administrative documents
(Nghị định 30/2020/NĐ-CP), i.e. document data, not interface text: it is not translated.

Builders prefetch what they read, so rendering costs a fixed number of queries whatever
the size of the plan.
"""

import re
import unicodedata
from collections import defaultdict

from django.db.models import prefetch_related_objects

from campaigns.enums import BasisWord, CampaignState, PortalSection, Recurrence, SubjectKind
from campaigns.models import Campaign, Criterion, Milestone
from campaigns.parts import PARTS_PREFETCH
from common.dates import body_date, yearly_date
from common.documents import (
    DRAFT_MARK,
    NATIONAL_MOTTO,
    NATIONAL_TITLE,
    NBSP,
    balanced_lines,
    date_line,
    document_type,
    list_lines,
    marker,
    nfc,
    paragraphs,
    recipient_lines,
    roman,
    short_agency_name,
    upper,
)
from common.numbers import count_text, number_text
from common.text import fold

PERSON_ROLE_WORDS = {
    "manager": "cán bộ quản lý",
    "teacher": "giáo viên",
    "staff": "nhân viên",
    "worker": "người lao động",
    "student": "học sinh",
}


BASIS_WORDS = {BasisWord.BASED_ON: "Căn cứ", BasisWord.IMPLEMENTING: "Thực hiện"}


def basis_line(document) -> str:
    """ "Căn cứ Kế hoạch số 2024/KH-UBND ngày 03/4/2024 của UBND tỉnh về …" (no final punctuation);
    "Thực hiện …" when the officer chose that the plan carries the document out."""
    word = BASIS_WORDS.get(getattr(document, "basis", ""), "Căn cứ")
    parts = [f"{word} {document_type(document.number_symbol)} số {nfc(document.number_symbol)}"]
    if document.issued_on:
        parts.append(f"ngày {body_date(document.issued_on)}")
    if document.issuer_name:
        parts.append(f"của {nfc(document.issuer_name)}")
    summary = nfc(document.summary)
    if summary:
        starts_with_ve = summary.lower().startswith(("về ", "v/v"))
        parts.append(summary if starts_with_ve else f"về {summary[0].lower()}{summary[1:]}")
    return " ".join(parts)


def target_amount(criterion: Criterion) -> str:
    """ "99,5% (năm 2025)", "344 trường"; empty when the criterion is not a quantified target."""
    if criterion.target_value is None:
        return ""
    unit = nfc(criterion.target_unit)
    value = number_text(criterion.target_value)
    amount = f"{value}{unit}" if unit == "%" else f"{value} {unit}".strip()
    return amount + (f" (năm {criterion.target_year})" if criterion.target_year else "")


def _criterion_notes(criterion: Criterion, title: str) -> str:
    """What the record says beside the title (who it applies to, its phase), unless the title says it
    already: never "Đối với tập thể (đối với tập thể)"."""
    notes = []
    if criterion.subject_kind == SubjectKind.COLLECTIVE:
        notes.append("đối với tập thể")
    elif criterion.subject_kind == SubjectKind.INDIVIDUAL:
        notes.append(f"đối với {PERSON_ROLE_WORDS.get(criterion.person_role, 'cá nhân')}")
    if criterion.phase_id and criterion.phase:
        notes.append(nfc(criterion.phase.name))
    folded = fold(title)
    notes = [note for note in notes if fold(note) not in folded]
    return f" ({'; '.join(notes)})" if notes else ""


_SENTENCE_END = (".", ";", ":", "!", "?", "…")
_NUMBERED = re.compile(r"(?:\d+(?:\.\d+)*|[IVXLC]+)\.?")


def _is_paragraph(title: str) -> bool:
    """An item written as a sentence or a paragraph (it keeps its punctuation, prints as body text),
    not a heading."""
    return title.endswith(_SENTENCE_END) or len(title) > 160


def criteria_blocks(criteria: list[Criterion], placed: dict | None = None) -> list[dict]:
    """The nested criteria, depth first in plan order, each marker as the plan writes it.

    A numbered heading ("2.1.1. Về xây dựng Đảng") or a lettered one ("a) Đối với tập thể"), its text
    and target below; an item written as a sentence prints as body text with its own punctuation;
    a list item keeps its marker ("- …", "+ …") and ends with ";" or "." unless it has its own.
    ``placed``: blocks of the portal's sections by ``PortalSection``, printed under the item placing them.
    """
    placed = placed or {}
    children = defaultdict(list)
    ids = {c.pk for c in criteria}
    for criterion in criteria:
        children[criterion.parent_id if criterion.parent_id in ids else None].append(criterion)
    blocks = []

    def walk(parent_id, depth):
        siblings = sorted(children[parent_id], key=lambda c: (c.order, c.pk))
        for index, criterion in enumerate(siblings):
            number = nfc(criterion.number)
            written = nfc(criterion.title)
            notes = _criterion_notes(criterion, written)
            amount = target_amount(criterion)
            lettered = bool(number) and not _NUMBERED.fullmatch(number) and number not in ("-", "+", "•")
            if number and (_NUMBERED.fullmatch(number) or lettered):
                if _is_paragraph(written) and not notes:
                    blocks.append({"kind": "para", "text": f"{marker(number)} {written}"})
                else:
                    title = written.rstrip(";.") + notes
                    blocks.append(
                        {"kind": "criterion", "depth": min(depth, 3), "number": marker(number), "text": title}
                    )
                blocks.extend(paragraphs(criterion.body))
                if amount:
                    blocks.append({"kind": "para", "text": f"Chỉ tiêu: {amount}."})
            else:
                title = written + notes + (f": chỉ tiêu {amount}" if amount else "")
                last = index == len(siblings) - 1 and not children[criterion.pk]
                if not title.endswith(_SENTENCE_END) or notes or amount:
                    title = title.rstrip(";.") + ("." if last or criterion.body else ";")
                blocks.append({"kind": "item", "text": f"{number or '-'} {title}"})
                blocks.extend(paragraphs(criterion.body))
            blocks.extend(placed.get(criterion.portal_section, []))
            walk(criterion.pk, depth + 1)

    walk(None, 0)
    return blocks


_ROMAN_PART = re.compile(r"[IVXLC]+")


def outline_sections(criteria: list[Criterion], placed: dict | None = None) -> list[tuple[Criterion, list[dict]]]:
    """When every top-level criterion is a Roman-numbered part ("II", "III"), each part with the
    blocks of what lies under it (and the portal's sections ``placed`` there); otherwise an empty list."""
    top = sorted((c for c in criteria if c.parent_id is None), key=lambda c: (c.order, c.pk))
    if not top or not all(_ROMAN_PART.fullmatch(nfc(c.number).rstrip(". ")) for c in top):
        return []
    children = defaultdict(list)
    for criterion in criteria:
        children[criterion.parent_id].append(criterion)

    def below(node):
        for child in children[node.pk]:
            yield child
            yield from below(child)

    return [(node, criteria_blocks(list(below(node)), placed)) for node in top]


def milestone_when(milestone: Milestone) -> str:
    if milestone.recurrence == Recurrence.YEARLY_TARGET:
        return "trong từng năm"
    if milestone.recurrence == Recurrence.YEARLY and milestone.due_day and milestone.due_month:
        return f"trước ngày {yearly_date(milestone.due_day, milestone.due_month)} hằng năm"
    if milestone.due_on:
        return f"trước ngày {body_date(milestone.due_on)}"
    return ""


def milestone_line(milestone: Milestone, issuer_name: str) -> str:
    when = milestone_when(milestone)
    if milestone.owed_by_issuer:  # the issuer's own duty: "Tổ chức hội nghị: Sở … thực hiện trước ngày 31/8 hằng năm"
        return f"{nfc(milestone.title)}: {issuer_name} thực hiện" + (f" {when}" if when else "")
    recipient = nfc(milestone.recipient.name) if milestone.recipient_id and milestone.recipient else issuer_name
    text = f"{nfc(milestone.title)}: gửi về {recipient}"
    return f"{text} {when}" if when else text


def number_line(campaign: Campaign) -> str:
    if campaign.number:
        return f"Số: {campaign.number_symbol}"
    return f"Số:{NBSP * 8}/{nfc(campaign.symbol)}" if campaign.symbol else f"Số:{NBSP * 8}"


# --- The plan (Kế hoạch) -----------------------------------------------------------------------


class _Sections:
    """Collects numbered sections (I., II., …) and their numbered subsections (1., 2., …)."""

    def __init__(self):
        self.items: list[dict] = []

    def add(self, heading: str, subsections: list[tuple[str, list[dict]]], lead: list[dict] | None = None):
        blocks = list(lead or [])
        number = 0
        for title, content in subsections:
            if not content:
                continue
            if title:
                number += 1
                blocks.append({"kind": "subheading", "number": f"{number}.", "text": title})
            blocks.extend(content)
        if blocks:
            self.items.append({"number": roman(len(self.items) + 1) + ".", "heading": heading, "blocks": blocks})


def plan_context(campaign: Campaign) -> dict:
    """The context of ``reports/documents/plan.html`` for one campaign (any state).

    The sections the portal writes from the plan's parts (subjects, period, award forms and dossier,
    deadlines) print under the plan's own items that place them (``Criterion.portal_section``). In a
    plan with its own Roman-numbered parts, once one is placed only the placed ones print; otherwise
    the unplaced ones print where the portal puts them by default.
    """
    prefetch_related_objects([campaign], *PARTS_PREFETCH)
    issuer = campaign.issuer
    issuer_name = nfc(issuer.name)
    sections = _Sections()

    theme_blocks = [{"kind": "theme", "text": f"“{nfc(campaign.theme)}”"}] if campaign.theme else []
    sections.add(
        "MỤC ĐÍCH, YÊU CẦU",
        [
            ("Mục đích", paragraphs(campaign.purpose)),
            ("Yêu cầu", paragraphs(campaign.requirements)),
            ("Chủ đề, phương châm", theme_blocks),
        ],
    )

    subjects_by_kind = defaultdict(list)
    for subject in campaign.subjects.all():
        subjects_by_kind[subject.kind].append(nfc(subject.description))
    subject_blocks = [
        {
            "kind": "labelled",
            "label": f"{word}:",
            "text": "; ".join(d.rstrip(";. ") for d in subjects_by_kind[kind]) + ".",
        }
        for kind, word in ((SubjectKind.COLLECTIVE, "Tập thể"), (SubjectKind.INDIVIDUAL, "Cá nhân"))
        if subjects_by_kind[kind]
    ]

    period = f"Từ ngày {body_date(campaign.starts_on)} đến ngày {body_date(campaign.ends_on)}."
    time_blocks = [{"kind": "para", "text": period}]
    time_blocks += [
        {"kind": "item", "text": line}
        for line in list_lines(
            [
                f"- {nfc(p.name)}: từ ngày {body_date(p.starts_on)} đến ngày {body_date(p.ends_on)}"
                for p in campaign.phases.all()
            ]
        )
    ]

    award_items = []
    for offer in campaign.award_offers.all():
        details = [nfc(offer.occasion)] if offer.occasion else []
        if offer.quota:
            details.append(f"số lượng: {count_text(offer.quota)}")
        award_items.append(nfc(offer.name) + (f" ({'; '.join(details)})" if details else ""))
    award_blocks = [{"kind": "item", "text": f"- {line}"} for line in list_lines(award_items)]
    exemplar_lines = []
    if campaign.min_exemplars_per_unit:
        exemplar_lines.append(
            f"Mỗi đơn vị lựa chọn, giới thiệu ít nhất {count_text(campaign.min_exemplars_per_unit)} "
            "điển hình tiên tiến mỗi năm"
        )
    if campaign.min_exemplars_issuer:
        exemplar_lines.append(
            f"{issuer_name} lựa chọn ít nhất {count_text(campaign.min_exemplars_issuer)} điển hình tiên tiến"
        )
    award_blocks += [{"kind": "para", "text": line} for line in list_lines(exemplar_lines)]
    components = [nfc(c.name) + ("" if c.is_required else " (nếu có)") for c in campaign.dossier_components.all()]
    dossier_blocks = [
        {"kind": "item", "text": f"{chr(ord('a') + i) if i < 26 else i + 1}) {line}"}
        for i, line in enumerate(list_lines(components))
    ]
    award_subsections = [("Hình thức khen thưởng", award_blocks), ("Hồ sơ đề nghị khen thưởng", dossier_blocks)]

    deadlines = [milestone_line(m, issuer_name) for m in campaign.milestones.all()]
    deadline_blocks = []
    if deadlines:
        deadline_blocks.append({"kind": "label", "text": "Thời hạn thực hiện, báo cáo:"})
        deadline_blocks += [{"kind": "item", "text": f"- {line}"} for line in list_lines(deadlines)]

    criteria = list(campaign.criteria.all())
    placed_keys = {c.portal_section for c in criteria if c.portal_section}
    placed = {
        PortalSection.SUBJECTS: subject_blocks,
        PortalSection.PERIOD: time_blocks,
        PortalSection.AWARDS: [
            block
            for title, blocks in award_subsections
            if blocks
            for block in [{"kind": "label", "text": f"{title}:"}, *blocks]
        ],
        PortalSection.DEADLINES: deadline_blocks,
    }
    placed = {key: blocks for key, blocks in placed.items() if key in placed_keys}
    outline = outline_sections(criteria, placed)
    # Unplaced portal sections: printed by default, unless the plan with its own parts places some.
    default = {key for key in PortalSection.values if key not in placed_keys}
    if outline and placed_keys:
        default = set()
    if outline:
        # The plan's content carries its own Roman-numbered parts (as the real plans do): they
        # become the document's sections instead of being nested under a generic heading.
        # Subjects print under the plan's own part about them ("Đối tượng, nội dung…"), as its
        # first item unless that part already lists them; else in a section of their own.
        subjects_part = None
        if PortalSection.SUBJECTS in default:
            subjects_part = next((node for node, _b in outline if "doi tuong" in fold(node.title)), None)
            if subjects_part is None:
                sections.add("ĐỐI TƯỢNG", [("", subject_blocks)])
        for node, blocks in outline:
            lists_subjects = any("doi tuong" in fold(b.get("text", "")) for b in blocks)
            lead = [("Đối tượng", subject_blocks)] if node is subjects_part and not lists_subjects else []
            own = [("", paragraphs(node.body)), ("", placed.get(node.portal_section, []))]
            sections.add(upper(node.title), [*lead, *own, ("", blocks)])
        if PortalSection.PERIOD in default:
            sections.add("THỜI GIAN THỰC HIỆN", [("", time_blocks)])
    else:
        sections.add(
            "ĐỐI TƯỢNG, NỘI DUNG VÀ THỜI GIAN THỰC HIỆN",
            [
                ("Đối tượng", subject_blocks if PortalSection.SUBJECTS in default else []),
                ("Nội dung thi đua", criteria_blocks(criteria, placed)),
                ("Thời gian thực hiện", time_blocks if PortalSection.PERIOD in default else []),
            ],
        )

    if PortalSection.AWARDS in default:
        sections.add("HÌNH THỨC KHEN THƯỞNG VÀ HỒ SƠ ĐỀ NGHỊ KHEN THƯỞNG", award_subsections)
    sections.add(
        "TỔ CHỨC THỰC HIỆN",
        [
            ("", paragraphs(campaign.organisation)),
            ("", deadline_blocks if PortalSection.DEADLINES in default else []),
        ],
    )

    bases = [basis_line(d) for d in campaign.upper_documents.all()]
    doc = {
        "title": f"{number_line(campaign)} — {nfc(campaign.summary or campaign.title)}",
        "author": issuer_name,
        "governing_body": "\n".join(balanced_lines(upper(campaign.governing_body))),
        "issuer_name": "\n".join(balanced_lines(upper(short_agency_name(issuer.name, campaign.governing_body)))),
        "number_line": number_line(campaign),
        "date_line": date_line(campaign.issued_on, nfc(campaign.issued_place)),
        "type_name": "KẾ HOẠCH",
        "summary": nfc(campaign.summary or campaign.title),
        "bases": list_lines(bases),
        "preamble": paragraphs(campaign.preamble),
        "sections": sections.items,
        "signature": {
            "authority": upper(campaign.signing_authority),
            "title": upper(campaign.signer_title or issuer.head_title),
            "name": nfc(campaign.signer_name or issuer.head_name),
        },
        "recipients": recipient_lines(campaign.distribution, nfc(issuer.short_name)),
        "is_draft": campaign.state == CampaignState.DRAFT,
        "draft_mark": DRAFT_MARK,
        "national_title": NATIONAL_TITLE,
        "national_motto": NATIONAL_MOTTO,
    }
    return {"doc": doc, "campaign": campaign}


def plan_filename(campaign: Campaign) -> tuple[str, str]:
    """(ASCII file name, Unicode file name) of the plan: "KH-914-SGDDT.pdf", "KH-914-SGD&ĐT.pdf"."""
    symbol = nfc(campaign.symbol)
    kind, _, rest = symbol.partition("-") if symbol else ("KH", "", "")
    number = f"{campaign.number:02d}" if campaign.number else f"du-thao-{campaign.pk}"
    unicode_name = "-".join(part for part in (kind or "KH", number, rest) if part) + ".pdf"
    ascii_name = unicode_name.replace("Đ", "D").replace("đ", "d")
    ascii_name = unicodedata.normalize("NFKD", ascii_name).encode("ascii", "ignore").decode()
    ascii_name = re.sub(r"[^A-Za-z0-9.-]+", "", ascii_name)
    return ascii_name, unicode_name


# --- Báo cáo sơ kết / tổng kết: drafted from the data, for the officer to edit and sign -----------

REVIEW_KINDS = {"so-ket": "sơ kết", "tong-ket": "tổng kết"}


def _figure_value(value, figure: dict) -> str:
    if value is None:
        return "—"
    unit = nfc(figure.get("unit") or "")
    return f"{number_text(value)} {unit}".strip() if unit != "%" else f"{number_text(value)}%"


def review_symbol(campaign: Campaign) -> str:
    """ "BC-SGDĐT": the report's symbol, after the agency part of the plan's symbol (or the issuer's)."""
    return f"BC-{nfc(campaign.symbol).partition('-')[2] or nfc(campaign.issuer.short_name)}"


def _score(value) -> str:
    return "—" if value is None else number_text(value)


def pact_blocks(pacts) -> list[dict]:
    """Each pact's members ranked (``emulation.selectors.pact_ranking``): rank, unit, scores; the members
    not yet cross-scored last, without a rank."""
    blocks = []
    for pact, ranking in pacts:
        cluster = pact.cluster
        blocks.append(
            {
                "kind": "para",
                "text": f"{nfc(cluster.name)} năm học {cluster.school_year}–{cluster.school_year + 1}: "
                f"{nfc(pact.title)} (ký ngày {body_date(pact.signed_on)}).",
            }
        )
        blocks.append(
            {
                "kind": "table",
                "header": ["Xếp hạng", "Đơn vị", "Tự chấm", "Chấm chéo", "Tổng điểm"],
                "rows": [
                    [
                        str(row.rank) if row.rank is not None else "Chưa chấm chéo",
                        nfc(row.unit.name),
                        _score(row.self_total),
                        _score(row.cross_total),
                        f"{_score(row.total)}/{_score(row.max_total)}",
                    ]
                    for row in ranking
                ],
            }
        )
    return blocks or [{"kind": "para", "text": "Chưa có giao ước thi đua trong phạm vi kế hoạch."}]


def review_doc(data, kind: str, *, today, issue=None) -> dict:
    """The campaign's Báo cáo sơ kết/tổng kết (``data``: ``reports.selectors.review_data``): summed
    figures against targets, registration against results, exemplars through their steps, the pacts'
    rankings, awards given. A draft without a number until the officer issues it (``issue``: a
    ``reports.models.ReviewIssue``): from then on it prints the number taken from the register and
    the day it was issued."""
    campaign = data.campaign
    issuer = campaign.issuer
    word = REVIEW_KINDS[kind]
    summary = f"{word.capitalize()} thực hiện {nfc(campaign.summary or campaign.title)}"
    sections = []

    figure_blocks = []
    for item in data.figures:
        rows = []
        for figure, value, progress in zip(item.figures, item.total.values, item.progress, strict=True):
            target = figure["target"]
            rows.append(
                [
                    nfc(figure["label"]),
                    _figure_value(value, figure),
                    _figure_value(target.target_value, figure) if target else "—",
                    f"{progress}%" if progress is not None else "—",
                ]
            )
        figure_blocks.append(
            {
                "kind": "para",
                "text": (
                    f"{nfc(item.deadline.milestone.title)} (hạn {body_date(item.deadline.due_on)}): "
                    f"{item.total.reported}/{item.total.owing} đơn vị đã báo cáo"
                    + (f"; chưa báo cáo: {len(item.total.missing)} đơn vị." if item.total.missing else ".")
                ),
            }
        )
        figure_blocks.append({"kind": "table", "header": ["Chỉ tiêu", "Kết quả", "Kế hoạch", "Đạt"], "rows": rows})
    if not figure_blocks:
        figure_blocks = [{"kind": "para", "text": "Chưa có số liệu do các đơn vị báo cáo."}]
    sections.append({"number": "I.", "heading": "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU", "blocks": figure_blocks})

    registered = [[nfc(name), count_text(n), count_text(got)] for name, n, got in data.registered]
    sections.append(
        {
            "number": "II.",
            "heading": "ĐĂNG KÝ THI ĐUA VÀ KẾT QUẢ",
            "blocks": [
                {
                    "kind": "table",
                    "header": ["Danh hiệu đăng ký", "Số cá nhân đăng ký", "Số cá nhân đạt"],
                    "rows": registered,
                }
            ]
            if registered
            else [{"kind": "para", "text": "Chưa có cá nhân đăng ký thi đua."}],
        }
    )
    steps = "; ".join(f"{nfc(label)}: {n}" for label, n in data.exemplars)
    sections.append(
        {
            "number": "III.",
            "heading": "XÂY DỰNG, NHÂN RỘNG ĐIỂN HÌNH TIÊN TIẾN",
            "blocks": [{"kind": "para", "text": f"Số điển hình theo từng bước: {steps}."}],
        }
    )
    sections.append(
        {"number": "IV.", "heading": "KẾT QUẢ THỰC HIỆN GIAO ƯỚC THI ĐUA", "blocks": pact_blocks(data.pacts)}
    )
    awards = [[nfc(name), count_text(n)] for name, n in data.awards]
    sections.append(
        {
            "number": "V.",
            "heading": "CÔNG TÁC KHEN THƯỞNG",
            "blocks": [{"kind": "table", "header": ["Hình thức khen thưởng", "Số lượt"], "rows": awards}]
            if awards
            else [{"kind": "para", "text": "Chưa có khen thưởng trong thời gian thực hiện."}],
        }
    )
    return {
        "title": f"Báo cáo {word} — {nfc(campaign.title)}",
        "author": nfc(issuer.name),
        "governing_body": "\n".join(balanced_lines(upper(campaign.governing_body))),
        "issuer_name": "\n".join(balanced_lines(upper(short_agency_name(issuer.name, campaign.governing_body)))),
        "number_line": f"Số: {issue.entry.number_symbol}" if issue else f"Số:{NBSP * 8}/{review_symbol(campaign)}",
        "date_line": date_line(issue.issued_on if issue else today, nfc(campaign.issued_place)),
        "type_name": "BÁO CÁO",
        "summary": summary,
        "bases": [f"Thực hiện Kế hoạch số {nfc(campaign.number_symbol)} về {nfc(campaign.title)}"],
        "addressees": [],
        "preamble": [],
        "sections": sections,
        "signature": {
            "authority": upper(campaign.signing_authority),
            "title": upper(campaign.signer_title or issuer.head_title),
            "name": nfc(campaign.signer_name or issuer.head_name),
        },
        "recipients": recipient_lines(campaign.distribution, nfc(issuer.short_name)),
        "is_draft": issue is None,
        "draft_mark": DRAFT_MARK,
        "national_title": NATIONAL_TITLE,
        "national_motto": NATIONAL_MOTTO,
    }
