"""The four real plans as data (``campaigns.seed_plans``) and the demo loader (``campaigns.demo``)."""

import datetime
import types
import unicodedata
from decimal import Decimal

import docx
import pytest
import time_machine

from campaigns import demo, selectors
from campaigns.enums import CampaignState, SubmissionStatus
from campaigns.models import Campaign, Criterion, Deadline, DeadlineException, Submission
from campaigns.seed_plans import PLANS, SEED_PLAN_KEYS, build_plan
from campaigns.tests import factories
from units.enums import UnitKind
from units.models import AuditLog
from units.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.datetime(2026, 11, 21, 9, 0, tzinfo=datetime.UTC)
D = datetime.date


@pytest.fixture
def seed_units():
    return factories.seed_units()


def _build(key, units, parent=None):
    return build_plan(key, issuer=units[PLANS[key]["issuer_code"]], parent=parent)


def _deadlines(campaign):
    return [d.due_on for d in Deadline.objects.filter(milestone__campaign=campaign).order_by("due_on", "id")]


@pytest.mark.parametrize(
    ("key", "identity"),
    [
        (
            "bentre_914",
            (
                "914/KH-SGD&ĐT",
                D(2024, 4, 12),
                "Bến Tre",
                "UBND TỈNH BẾN TRE",
                ("La Thị Thúy", "GIÁM ĐỐC", ""),
                "peak",
            ),
        ),
        (
            "xuanson_672",
            (
                "672/KH-TrTHCSXS",
                D(2024, 9, 18),
                "Xuân Sơn",
                "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO",
                ("Nguyễn Thị Tuyết Mai", "HIỆU TRƯỞNG", ""),
                "thematic",
            ),
        ),
        (
            "hungyen_1729",
            (
                "1729/KH-SGDĐT",
                D(2021, 9, 17),
                "Hưng Yên",
                "UBND TỈNH HƯNG YÊN",
                ("Đỗ Văn Khải", "PHÓ GIÁM ĐỐC", "KT. GIÁM ĐỐC"),
                "thematic",
            ),
        ),
        (
            "bangmac_87",
            ("87/KH-UBND", D(2025, 9, 28), "Bằng Mạc", "", ("", "PHÓ CHỦ TỊCH", "KT. CHỦ TỊCH"), "regular"),
        ),
    ],
)
def test_seed_plan_builds_as_a_draft_with_its_document_identity(seed_units, key, identity):
    campaign = _build(key, seed_units)
    campaign.refresh_from_db()
    assert (
        campaign.number_symbol,
        campaign.issued_on,
        campaign.issued_place,
        campaign.governing_body,
        (campaign.signer_name, campaign.signer_title, campaign.signing_authority),
        campaign.kind,
    ) == identity
    assert (campaign.state, campaign.issuer.code) == ("draft", PLANS[key]["issuer_code"])


@pytest.mark.parametrize(
    ("key", "dates"),
    [
        ("bentre_914", [D(2024, 5, 1), D(2024, 5, 1), D(2024, 12, 10), D(2025, 10, 31), D(2025, 10, 31)]),
        (
            "xuanson_672",
            [
                D(2024, 11, 10),
                D(2025, 5, 10),
                D(2025, 11, 10),
                D(2026, 11, 10),
                D(2027, 11, 10),
                D(2028, 11, 10),
                D(2029, 11, 10),
                D(2030, 5, 25),
                D(2030, 11, 10),
            ],
        ),
        (
            "hungyen_1729",
            [
                D(2022, 5, 31),
                D(2022, 6, 11),
                D(2023, 5, 31),
                D(2023, 6, 11),
                D(2023, 11, 20),
                D(2024, 5, 31),
                D(2024, 6, 11),
                D(2025, 5, 31),
                D(2025, 6, 11),
                D(2025, 11, 20),
            ],
        ),
        ("bangmac_87", [D(2026, 5, 31), D(2026, 5, 31)]),
    ],
)
def test_seed_plan_expands_every_deadline_inside_its_period(seed_units, key, dates):
    campaign = _build(key, seed_units)
    assert _deadlines(campaign) == dates
    assert all(campaign.starts_on <= day <= campaign.ends_on for day in dates)


def test_xuanson_plan_has_its_two_phases_and_a_report_every_year(seed_units):
    campaign = _build("xuanson_672", seed_units)
    assert [(p.name, p.starts_on, p.ends_on) for p in campaign.phases.all()] == [
        ("Giai đoạn 1 (từ năm 2024 - 2025)", D(2024, 9, 18), D(2025, 12, 31)),
        ("Giai đoạn 2 (từ năm 2026 - 2030)", D(2026, 1, 1), D(2030, 12, 31)),
    ]
    yearly = campaign.milestones.get(recurrence="yearly")
    assert [d.due_on for d in yearly.deadlines.all()] == [D(year, 11, 10) for year in range(2024, 2031)]
    assert [
        (m.title, m.phase.name[:11], m.recipient.code) for m in campaign.milestones.filter(phase__isnull=False)
    ] == [
        ("Hồ sơ đề nghị khen thưởng sơ kết Phong trào thi đua", "Giai đoạn 1", "PGDDT-DONGTRIEU"),
        ("Hồ sơ đề nghị khen thưởng tổng kết Phong trào thi đua", "Giai đoạn 2", "PGDDT-DONGTRIEU"),
    ]


def test_hungyen_yearly_exemplars_fall_every_eleventh_of_june(seed_units):
    campaign = _build("hungyen_1729", seed_units)
    exemplars = campaign.milestones.get(due_month=6, due_day=11)
    assert [d.due_on for d in exemplars.deadlines.all()] == [D(year, 6, 11) for year in (2022, 2023, 2024, 2025)]


def test_bentre_plan_holds_its_quantified_targets(seed_units):
    campaign = _build("bentre_914", seed_units)
    targets = {c.title: (c.target_value, c.target_unit, c.target_year) for c in campaign.criteria.all() if c.is_target}
    assert targets["Đến năm 2025 toàn tỉnh có 344 trường đạt chuẩn quốc gia"] == (Decimal("344"), "trường", 2025)
    assert targets["Đến năm 2025, có 99,5% nhóm, lớp mầm non được học 2 buổi/ngày"] == (Decimal("99.5"), "%", 2025)
    assert targets["100% cán bộ, công chức sử dụng hộp thư điện tử công vụ"] == (Decimal("100"), "%", None)
    assert targets[
        "95% cơ sở giáo dục được đánh giá ngoài và đạt kiểm định chất lượng giáo dục từ cấp độ 1 trở lên"
    ] == (Decimal("95"), "%", 2025)
    assert targets[
        "Trên 75% cơ sở giáo dục được đánh giá ngoài đạt kiểm định chất lượng giáo dục từ cấp độ 2 trở lên"
    ] == (Decimal("75"), "%", 2025)
    assert len(targets) == 15


def _path(criterion):
    numbers = []
    while criterion is not None:
        numbers.append(criterion.number)
        criterion = criterion.parent
    return numbers


def test_bentre_criteria_are_nested_with_the_plan_numbering(seed_units):
    campaign = _build("bentre_914", seed_units)
    assert _path(campaign.criteria.get(number="2.1.1")) == ["2.1.1", "2.1", "2", "II"]
    assert campaign.criteria.get(number="2.1.1").title == "Về xây dựng Đảng"
    assert [(c.number, c.title) for c in campaign.criteria.get(number="2.1").children.all()] == [
        ("2.1.1", "Về xây dựng Đảng"),
        ("2.1.2", "Về xây dựng hệ thống chính trị"),
    ]
    assert [c.number for c in campaign.criteria.get(number="5").children.all()] == ["5.1", "5.2", "5.3", "5.4", "5.5"]
    assert [c.number for c in campaign.criteria.get(number="5.4").children.all()] == [f"Bước {n}" for n in range(1, 6)]
    target_344 = campaign.criteria.get(target_value=344)
    assert _path(target_344) == ["", "2.2", "2", "II"]


def test_bangmac_plan_numbers_its_ten_content_areas(seed_units):
    campaign = _build("bangmac_87", seed_units)
    section = campaign.criteria.get(number="II", parent=None)
    assert [c.number for c in section.children.all()] == [str(n) for n in range(1, 11)]
    assert section.children.get(number="9").title == "Đẩy mạnh chuyển đổi số, cải cách hành chính trong toàn ngành"
    assert [c.target_value for c in section.children.get(number="9").children.all()] == [Decimal("30")] * 3
    assert (campaign.theme, campaign.participant_kinds[:2]) == (
        "Kỷ cương, sáng tạo, đột phá, phát triển",
        ["preschool", "primary_school"],
    )


def test_hungyen_individual_criteria_are_set_per_role(seed_units):
    campaign = _build("hungyen_1729", seed_units)
    individuals = Criterion.objects.get(campaign=campaign, number="b", parent__number="1", parent__parent__number="III")
    assert [(c.title, c.person_role) for c in individuals.children.all()] == [
        ("Cán bộ quản lý", "manager"),
        ("Giáo viên", "teacher"),
        ("Nhân viên", "staff"),
        ("Học sinh", "student"),
    ]
    assert [s.person_role for s in campaign.subjects.all()] == ["", "manager", "teacher", "staff", "student"]


def test_xuanson_plan_implements_the_phong_plan_with_its_awards_and_dossier(seed_units):
    phong_plan = _build("dongtrieu_1592", seed_units)
    campaign = _build("xuanson_672", seed_units, parent=phong_plan)
    upper = campaign.upper_documents.get()
    assert (campaign.parent_id, upper.number_symbol, upper.issued_on, upper.linked_campaign_id) == (
        phong_plan.pk,
        "1592/KH-PGD&ĐT",
        D(2024, 9, 12),
        phong_plan.pk,
    )
    midterm = campaign.award_offers.filter(occasion="sơ kết giai đoạn 2024 - 2025 (năm 2025)")
    assert [o.name for o in midterm] == [
        "Bằng khen của Thủ tướng Chính phủ",
        "Bằng khen của Bộ trưởng Bộ Giáo dục và Đào tạo",
        "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        "Giấy khen của Giám đốc Sở Giáo dục và Đào tạo",
        "Giấy khen của Chủ tịch UBND thị xã",
    ]
    assert campaign.award_offers.count() == 11
    assert [(c.name[:30], c.is_required) for c in campaign.dossier_components.all()] == [
        ("Tờ trình đề nghị khen thưởng", True),
        ("Biên bản họp xét khen thưởng (", True),
        ("Báo cáo thành tích của tập thể", True),
        ("Xác nhận của cơ quan quản lý n", False),
    ]


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


# Words that the scans print without their marks; restored texts must not contain them.
UNMARKED_WORDS = (" cua ", " va ", "nhiem vu", "giao duc", "thi dua", "khen thuong", "dao tao", "truong ", "nam hoc")


def test_seed_texts_are_nfc_and_keep_their_diacritics():
    texts = list(_strings(PLANS))
    assert len(texts) > 300
    assert [t for t in texts if unicodedata.normalize("NFC", t) != t] == []
    assert [t for t in texts if any(word in f" {t.lower()} " for word in UNMARKED_WORDS)] == []


def test_built_plan_texts_are_stored_in_nfc(seed_units):
    campaign = _build("bentre_914", seed_units)
    stored = [campaign.title, campaign.summary, campaign.purpose, campaign.distribution]
    stored += [c.title for c in campaign.criteria.all()]
    assert all(unicodedata.normalize("NFC", text) == text for text in stored)
    assert campaign.distribution.splitlines()[0] == "Ủy ban nhân dân tỉnh (báo cáo)"


# --- The demo loader ----------------------------------------------------------------------------


def _counts():
    return (
        Campaign.objects.count(),
        Deadline.objects.count(),
        Submission.objects.count(),
        DeadlineException.objects.count(),
        AuditLog.objects.filter(action="campaign.state_changed").count(),
    )


@time_machine.travel(TODAY, tick=False)
def test_demo_load_is_idempotent(seed_units):
    demo.load()
    first = _counts()
    demo.load()
    assert _counts() == first
    assert first[0] == 5


@time_machine.travel(TODAY, tick=False)
def test_demo_moves_each_plan_to_the_state_its_dates_say(seed_units):
    campaigns = demo.load()
    assert {key: c.state for key, c in campaigns.items()} == {
        "dongtrieu_1592": CampaignState.IN_PROGRESS,
        "xuanson_672": CampaignState.IN_PROGRESS,
        "bentre_914": CampaignState.CLOSED,
        "hungyen_1729": CampaignState.CLOSED,
        "bangmac_87": CampaignState.FINAL_REVIEW,
    }
    steps = AuditLog.objects.filter(action="campaign.state_changed", object_id=str(campaigns["xuanson_672"].pk))
    assert [e.data["to"] for e in steps.order_by("id")] == ["launched", "in_progress", "midterm_review", "in_progress"]
    assert campaigns["xuanson_672"].parent_id == campaigns["dongtrieu_1592"].pk


@pytest.mark.parametrize(
    ("today", "states"),
    [
        (D(2025, 9, 1), ["launched"]),
        (D(2025, 10, 1), ["launched", "in_progress"]),
        (D(2026, 7, 1), ["launched", "in_progress", "final_review"]),
        (D(2026, 12, 15), ["launched", "in_progress", "final_review", "closed"]),
    ],
)
def test_demo_state_rule_follows_the_bangmac_school_year(seed_units, today, states):
    campaign = _build("bangmac_87", seed_units)
    assert demo.states_for(campaign, PLANS["bangmac_87"], today) == states


@time_machine.travel(TODAY, tick=False)
def test_demo_yields_every_submission_status(seed_units):
    campaigns = demo.load()
    seen = set()
    for campaign in campaigns.values():
        participants = selectors.campaign_participants(campaign)
        for milestone in campaign.milestones.all():
            units = selectors.milestone_owing_units(milestone, participants)
            for deadline in milestone.deadlines.all():
                seen |= {s.status for s in selectors.deadline_statuses(deadline, units)}
    assert seen == set(SubmissionStatus)


@time_machine.travel(TODAY, tick=False)
def test_demo_extends_the_latest_yearly_report_into_the_future(seed_units):
    campaigns = demo.load()
    deadline = Deadline.objects.get(milestone__campaign=campaigns["dongtrieu_1592"], due_on=D(2026, 11, 10))
    units = selectors.campaign_participants(campaigns["dongtrieu_1592"])  # in Vietnamese name order
    assert [(s.unit.code, s.status, s.due_on) for s in selectors.deadline_statuses(deadline, units)] == [
        ("MN-XUANSON", SubmissionStatus.EXTENDED, D(2026, 12, 5)),
        ("THCS-XUANSON", SubmissionStatus.ON_TIME, D(2026, 11, 10)),
        ("TH-XUANSON", SubmissionStatus.LATE, D(2026, 11, 10)),
    ]


@time_machine.travel(TODAY, tick=False)
def test_demo_on_time_reports_are_word_files_sent_before_the_deadline(seed_units):
    demo.load()
    submission = Submission.objects.filter(file__endswith=".docx").select_related("deadline", "unit").first()
    local_day = submission.submitted_at.astimezone(datetime.timezone(datetime.timedelta(hours=7))).date()
    assert local_day == submission.deadline.due_on - datetime.timedelta(days=2)
    with submission.file.open("rb") as handle:
        paragraphs = [p.text for p in docx.Document(handle).paragraphs]
    assert paragraphs[0] == submission.unit.name.upper()
    assert submission.content_type == demo.DOCX_TYPE
    assert submission.size > 1000


@time_machine.travel(TODAY, tick=False)
def test_demo_fills_missing_signers_without_inventing_names(seed_units):
    campaigns = demo.load()
    assert campaigns["bangmac_87"].signer_name == demo.UNKNOWN_SIGNER
    assert campaigns["dongtrieu_1592"].signer_name == "Phạm Văn Thử"


@time_machine.travel(TODAY, tick=False)
def test_demo_skips_plans_whose_unit_is_missing():
    UnitFactory(code="SGDDT-HUNGYEN", kind=UnitKind.EDUCATION_DEPARTMENT, name="Sở GDĐT Hưng Yên")
    output = []
    campaigns = demo.load(stdout=types.SimpleNamespace(write=output.append))
    assert list(campaigns) == ["hungyen_1729"]
    assert Campaign.objects.get().number_symbol == "1729/KH-SGDĐT"
    assert output[0] == "Skipped plan 1592/KH-PGD&ĐT: no unit with code PGDDT-DONGTRIEU.\n"


def test_seed_plan_keys_are_the_four_shared_plans():
    assert [f"{PLANS[k]['campaign']['number']}/{PLANS[k]['campaign']['symbol']}" for k in SEED_PLAN_KEYS] == [
        "914/KH-SGD&ĐT",
        "672/KH-TrTHCSXS",
        "1729/KH-SGDĐT",
        "87/KH-UBND",
    ]


def test_hungyen_award_offers_point_at_the_catalogue_where_the_plan_names_the_award(seed_units):
    """One vocabulary of titles: an offer that names an issuer's award points at the catalogue's Award."""
    campaign = _build("hungyen_1729", seed_units)
    named = {offer.name: offer.award.code for offer in campaign.award_offers.select_related("award") if offer.award}
    assert named == {
        "Khen thưởng của Giám đốc Sở Giáo dục và Đào tạo": "GK_SO",
        "Khen thưởng của Chủ tịch UBND tỉnh": "BK_TINH",
        "Khen thưởng của Bộ trưởng Bộ Giáo dục và Đào tạo": "BK_BO",
    }
    assert campaign.award_offers.filter(award__isnull=True).count() == campaign.award_offers.count() - 3
