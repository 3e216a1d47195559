"""The parts registry: every registered part goes through the same services, screens and history.

A new part is covered by adding its spec to ``campaigns.parts.PARTS`` and its sample values to
``SAMPLES`` below (``test_every_registered_part_has_samples`` fails until it has them).
"""

import datetime
import json
import re

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns import selectors, services
from campaigns.models import Amendment, Campaign
from campaigns.parts import PARTS, PARTS_BY_KEY, PLAN_PAGE_PREFETCH, PartSpec
from campaigns.templatetags.amendment_tags import amendment_change
from campaigns.templatetags.campaign_tags import audit_label
from campaigns.tests.factories import CampaignFactory
from units.models import AuditLog

pytestmark = pytest.mark.django_db

REASON = "Theo Công văn 120/SGDĐT-TĐKT ngày 05/11/2024"

# Per part: (values of a first item, values of a second one, a change to the first, its fields after).
SAMPLES = {
    "upper_document": (
        {"number_symbol": "914/KH-SGDĐT", "summary": "Kế hoạch của Sở", "issued_on": datetime.date(2024, 9, 5)},
        {"number_symbol": "120/KH-UBND", "issuer_name": "UBND tỉnh"},
        {"issued_on": datetime.date(2024, 9, 6), "issuer_name": "Sở GDĐT"},
        {"issued_on": datetime.date(2024, 9, 6), "issuer_name": "Sở GDĐT"},
    ),
    "phase": (
        {"name": "Giai đoạn 1", "starts_on": datetime.date(2024, 9, 1), "ends_on": datetime.date(2025, 5, 31)},
        {"name": "Giai đoạn 2", "starts_on": datetime.date(2025, 6, 1), "ends_on": datetime.date(2026, 8, 31)},
        {"ends_on": datetime.date(2025, 6, 30)},
        {"ends_on": datetime.date(2025, 6, 30)},
    ),
    "subject": (
        {"kind": "collective", "description": "Các trường tiểu học", "unit_kind": "primary_school"},
        {"kind": "individual", "description": "Giáo viên", "person_role": None},
        {"kind": "individual", "unit_kind": None},
        {"kind": "individual", "unit_kind": ""},
    ),
    "criterion": (
        {"number": "2.1", "title": "Trường đạt chuẩn quốc gia", "target_value": "300", "target_unit": "trường"},
        {"number": "2.2", "title": "Tỉ lệ hoàn thành chương trình", "body": "Dòng 1\r\nDòng 2"},
        {"target_value": "344,5", "title": "  Trường   đạt chuẩn "},
        {"target_value": 344.5, "title": "Trường đạt chuẩn"},
    ),
    "award_offer": (
        {"name": "Giấy khen của Giám đốc Sở", "quota": 5, "occasion": "tổng kết"},
        {"name": "Chiến sĩ thi đua cơ sở"},
        {"quota": 8},
        {"quota": 8},
    ),
    "dossier_component": (
        {"name": "Tờ trình"},
        {"name": "Bản tóm tắt thành tích", "is_required": False},
        {"is_required": False},
        {"is_required": False},
    ),
    "milestone": (
        {"deliverable": "midterm_report", "title": "Báo cáo sơ kết", "due_on": datetime.date(2024, 12, 10)},
        {
            "deliverable": "annual_report",
            "title": "Báo cáo năm",
            "recurrence": "yearly",
            "due_month": 11,
            "due_day": 10,
        },
        {"due_on": datetime.date(2024, 12, 15)},
        {"due_on": datetime.date(2024, 12, 15)},
    ),
}
VERBS = {"added": "Thêm ", "changed": "Sửa ", "deleted": "Xóa "}
FORMATTED = re.compile(r"^\d{2}/\d{2}/\d{4}$|^\d+,\d+$")


def _formatted_values(value) -> list:
    """Strings in a stored amendment that look formatted for reading (dd/mm/yyyy, 99,5)."""
    if isinstance(value, dict):
        return [v for item in value.values() for v in _formatted_values(item)]
    if isinstance(value, list):
        return [v for item in value for v in _formatted_values(item)]
    return [value] if isinstance(value, str) and FORMATTED.match(value) else []


def _fields_of(item, expected: dict) -> dict:
    item = type(item).objects.get(pk=item.pk)
    return {key: getattr(item, key) for key in expected}


def test_every_registered_part_has_samples():
    assert set(SAMPLES) == set(PARTS_BY_KEY)
    assert [spec.slug for spec in PARTS] == [
        "can-cu",
        "giai-doan",
        "doi-tuong",
        "tieu-chi",
        "khen-thuong",
        "ho-so",
        "moc",
    ]


@pytest.mark.parametrize("spec", PARTS, ids=[spec.key for spec in PARTS])
def test_a_drafted_part_is_added_changed_and_deleted_with_its_audit_labels(world, spec: PartSpec):
    first, _second, change, after = SAMPLES[spec.key]
    officer = world.users["phong_officer"]
    campaign = CampaignFactory(issuer=world.phong_a)

    item = services.part_add(spec, campaign=campaign, actor=officer, amendment_reason="ignored on a draft", **first)
    assert (list(spec.items(campaign).values_list("pk", flat=True)), item.order) == ([item.pk], 1)
    services.part_update(spec, item=item, actor=officer, **change)
    assert _fields_of(item, after) == after
    item_pk = item.pk
    services.part_delete(spec, item=item, actor=officer)

    assert spec.items(campaign).count() == 0
    entries = list(AuditLog.objects.filter(action__startswith=f"campaign.{spec.key}_").order_by("id"))
    assert [(e.action, e.actor_id, e.data["id"]) for e in entries] == [
        (f"campaign.{spec.key}_{verb}", officer.pk, item_pk) for verb in VERBS
    ]
    labels = [audit_label(e.action) for e in entries]
    assert [label.startswith(VERBS[verb]) for label, verb in zip(labels, VERBS, strict=True)] == [True] * 3
    assert Amendment.objects.count() == 0


@pytest.mark.parametrize("spec", PARTS, ids=[spec.key for spec in PARTS])
def test_a_launched_plans_part_changes_only_by_amendments_stored_raw(world, spec: PartSpec):
    first, second, change, _after = SAMPLES[spec.key]
    officer = world.users["phong_officer"]
    campaign = CampaignFactory(issuer=world.phong_a)
    item = services.part_add(spec, campaign=campaign, actor=None, **first)
    services.campaign_set_state(campaign=campaign, new_state="launched", actor=None)

    for call in (
        lambda **r: services.part_add(spec, campaign=campaign, actor=officer, **second, **r),
        lambda **r: services.part_update(spec, item=item, actor=officer, **change, **r),
        lambda **r: services.part_delete(spec, item=item, actor=officer, **r),
    ):
        with pytest.raises(ValidationError) as excinfo:
            call(amendment_reason="  ")
        assert list(excinfo.value.message_dict) == ["amendment_reason"]
        call(amendment_reason=REASON)

    amendments = list(Amendment.objects.filter(campaign=campaign).order_by("sequence"))
    assert [(a.sequence, a.changes["part"], a.changes["action"], a.reason) for a in amendments] == [
        (1, spec.key, "added", REASON),
        (2, spec.key, "updated", REASON),
        (3, spec.key, "deleted", REASON),
    ]
    assert spec.items(campaign).count() == 1
    for amendment in amendments:
        assert json.loads(json.dumps(amendment.changes)) == amendment.changes
        assert _formatted_values(amendment.changes) == []
        shown = amendment_change(amendment)
        assert shown["title"].startswith(("Thêm ", "Sửa ", "Xóa "))
        assert str(spec.model._meta.verbose_name) in shown["title"]
        assert all(label and before and after for label, before, after in shown["fields"])
    assert AuditLog.objects.filter(action="campaign.amended", reason=REASON).count() == 3


@pytest.mark.parametrize("spec", PARTS, ids=[spec.key for spec in PARTS])
def test_a_closed_plans_part_is_not_changed(world, spec: PartSpec):
    first, _second, change, _after = SAMPLES[spec.key]
    campaign = CampaignFactory(issuer=world.phong_a)
    item = services.part_add(spec, campaign=campaign, actor=None, **first)
    for state in ("launched", "in_progress", "final_review", "closed"):
        services.campaign_set_state(campaign=campaign, new_state=state, actor=None)
    with pytest.raises(ValidationError) as excinfo:
        services.part_update(spec, item=item, actor=None, amendment_reason=REASON, **change)
    assert excinfo.value.messages == ["Phong trào đã kết thúc không thể điều chỉnh."]


@pytest.mark.parametrize("spec", PARTS, ids=[spec.key for spec in PARTS])
def test_every_part_is_copied_to_the_next_school_year(world, spec: PartSpec):
    first, *_rest = SAMPLES[spec.key]
    campaign = CampaignFactory(issuer=world.phong_a)
    services.part_add(spec, campaign=campaign, actor=None, **first)
    copy = services.campaign_copy(source=campaign, actor=None, years=1)
    assert (copy.starts_on, spec.items(copy).count()) == (datetime.date(2025, 9, 1), 1)


def test_a_copy_moves_dates_and_years_and_points_at_the_copied_phase(world):
    campaign = CampaignFactory(issuer=world.phong_a)
    phase = services.phase_add(
        campaign=campaign,
        actor=None,
        name="GĐ 1",
        starts_on=datetime.date(2024, 9, 1),
        ends_on=datetime.date(2025, 5, 31),
    )
    parent = services.criterion_add(campaign=campaign, actor=None, number="2", title="Nội dung", target_year=2025)
    services.criterion_add(campaign=campaign, actor=None, number="2.1", title="Trường chuẩn", phase=phase)
    services.award_offer_add(campaign=campaign, actor=None, name="Giấy khen", quota=5)
    services.milestone_create(
        campaign=campaign,
        actor=None,
        deliverable="plan",
        title="Kế hoạch",
        due_on=datetime.date(2024, 10, 1),
        phase=phase,
    )
    copy = services.campaign_copy(source=campaign, actor=None, years=1)
    new_phase = copy.phases.get()
    child = copy.criteria.get(number="2.1")
    milestone = copy.milestones.get()
    assert (new_phase.starts_on, new_phase.ends_on) == (datetime.date(2025, 9, 1), datetime.date(2026, 5, 31))
    assert (child.parent.number, child.parent.target_year, child.phase_id) == ("2", 2026, new_phase.pk)
    assert child.parent.pk != parent.pk
    assert copy.award_offers.values_list("name", "quota").get() == ("Giấy khen", None)
    assert (milestone.phase_id, list(milestone.deadlines.values_list("due_on", flat=True))) == (
        new_phase.pk,
        [datetime.date(2025, 10, 1)],
    )


def test_a_cascaded_plan_implements_the_upper_plan_and_leaves_its_deadlines(world):
    upper = CampaignFactory(issuer=world.phong_a, title="Phong trào của Phòng")
    services.upper_document_add(campaign=upper, actor=None, number_symbol="914/KH-SGDĐT")
    services.milestone_create(
        campaign=upper, actor=None, deliverable="plan", title="Kế hoạch", due_on=datetime.date(2024, 10, 1)
    )
    plan = services.campaign_cascade(upper=upper, unit=world.school_a1, actor=None)
    document = plan.upper_documents.get()
    assert (document.linked_campaign_id, document.issuer_name, plan.milestones.count()) == (
        upper.pk,
        world.phong_a.name,
        0,
    )


def test_the_plan_page_prefetches_every_part(world):
    campaign = CampaignFactory(issuer=world.phong_a)
    for spec in PARTS:
        services.part_add(spec, campaign=campaign, actor=None, **SAMPLES[spec.key][0])
    fetched = selectors.campaign_get(world.users["phong_officer"], campaign.pk, prefetch=PLAN_PAGE_PREFETCH)
    with CaptureQueriesContext(connection) as queries:
        counts = [len(spec.items(fetched).all()) for spec in PARTS]
        deadlines = [len(m.deadlines.all()) for m in fetched.milestones.all()]
    assert (counts, deadlines, len(queries)) == ([1] * len(PARTS), [1], 0)


@pytest.mark.parametrize("spec", PARTS, ids=[spec.key for spec in PARTS])
def test_every_part_has_its_screens_by_slug(world, client_for, spec: PartSpec):
    campaign = CampaignFactory(issuer=world.phong_a)
    item = services.part_add(spec, campaign=campaign, actor=None, **SAMPLES[spec.key][0])
    services.campaign_set_state(campaign=campaign, new_state="launched", actor=None)
    client = client_for(world.users["phong_officer"])
    for url in (
        reverse("campaigns:part-add", args=[campaign.pk, spec.slug]),
        reverse("campaigns:part-edit", args=[campaign.pk, spec.slug, item.pk]),
    ):
        response = client.get(url)
        form = response.context["form"]
        assert (response.context["part"], type(form), next(iter(form.fields))) == (spec, spec.form, "amendment_reason")
    detail = client.get(reverse("campaigns:detail", args=[campaign.pk])).content.decode()
    assert f'id="part-{spec.slug}"' in detail


@time_machine.travel(datetime.datetime(2025, 1, 5, 9, 0, tzinfo=datetime.UTC), tick=False)
def test_amendment_history_reads_raw_values_and_those_stored_formatted_before(world):
    campaign = CampaignFactory(issuer=world.phong_a)
    stored = {
        "raw": {
            "part": "milestone",
            "action": "updated",
            "item": "Báo cáo sơ kết",
            "fields": {
                "due_on": ["2024-12-10", "2024-12-15"],
                "deadlines": [["2024-12-10"], ["2024-12-15"]],
                "phase": [{"id": 7, "name": "Giai đoạn 1"}, None],
                "figures": [None, [{"key": "so_truong", "label": "Số trường", "unit": "trường"}]],
                "owed_by_kinds": [None, ["primary_school"]],
            },
        },
        "formatted": {
            "part": "milestone",
            "action": "updated",
            "item": "Báo cáo sơ kết",
            "fields": {
                "due_on": ["10/12/2024", "15/12/2024"],
                "deadlines": [["10/12/2024"], ["15/12/2024"]],
                "phase": ["Giai đoạn 1", None],
                "figures": [None, ["Số trường | trường"]],
                "owed_by_kinds": [None, ["primary_school"]],
            },
        },
    }
    rows = [
        Amendment.objects.create(campaign=campaign, sequence=n, reason="Lý do", changes=changes)
        for n, changes in enumerate(stored.values(), start=1)
    ]
    raw, formatted = (amendment_change(row) for row in rows)
    assert raw == formatted
    assert [(before, after) for _label, before, after in raw["fields"]] == [
        ("10/12/2024", "15/12/2024"),
        ("10/12/2024", "15/12/2024"),
        ("Giai đoạn 1", "—"),
        ("—", "Số trường | trường"),
        ("—", "Trường tiểu học"),
    ]


def test_criterion_targets_read_with_a_decimal_comma_whether_stored_raw_or_formatted(world):
    campaign = CampaignFactory(issuer=world.phong_a)
    for n, values in enumerate((["300", "99.5"], ["300", "99,5"]), start=1):
        Amendment.objects.create(
            campaign=campaign,
            sequence=n,
            reason="Lý do",
            changes={"part": "criterion", "action": "updated", "item": "2.1", "fields": {"target_value": values}},
        )
    shown = [amendment_change(a)["fields"] for a in Amendment.objects.order_by("sequence")]
    assert shown == [[("Chỉ tiêu", "300", "99,5")]] * 2


def test_participant_units_read_by_name_whether_stored_as_rows_or_names(world):
    campaign = CampaignFactory(issuer=world.phong_a)
    for n, units in enumerate(([{"id": world.school_a1.pk, "name": "Trường A1"}], ["Trường A1"]), start=1):
        Amendment.objects.create(
            campaign=campaign,
            sequence=n,
            reason="Lý do",
            changes={
                "part": "participants",
                "action": "updated",
                "item": campaign.title,
                "fields": {"participant_units": [None, units]},
            },
        )
    shown = [amendment_change(a) for a in Amendment.objects.order_by("sequence")]
    assert [s["fields"][0][1:] for s in shown] == [("—", "Trường A1")] * 2
    assert Campaign.objects.count() == 1
