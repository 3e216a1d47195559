"""Every action the services log reads as a Vietnamese sentence (``common.audit``), never as its code."""

import datetime
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from campaigns.parts import PARTS
from campaigns.services import AUDIT_VERBS
from common.audit import action_sentence, registered_actions
from tests.url_table import APPS
from units.services import unit_merge, unit_rename

ROOT = Path(__file__).resolve().parents[1]
CALL = re.compile(r"log_action\(\s*[^,()]+(?:\([^()]*\))?,\s*(f?)\"([^\"]+)\"")
FORMATTED = {
    "campaign.{spec.key}_{AUDIT_VERBS[action]}": [
        f"campaign.{spec.key}_{verb}" for spec in PARTS for verb in AUDIT_VERBS.values()
    ],
    "deadline.{kind}": ["deadline.excused", "deadline.extended"],
}


def logged_actions() -> set[str]:
    """The action codes in the services' ``log_action`` calls (tests left out)."""
    codes = set()
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "tests" in path.parts or "migrations" in path.parts:
                continue
            for formatted, code in CALL.findall(path.read_text(encoding="utf-8")):
                if formatted:
                    assert code in FORMATTED, f"{path}: expand the formatted action {code!r} in this test"
                    codes.update(FORMATTED[code])
                else:
                    codes.add(code)
    return codes


def test_audit_every_logged_action_has_a_sentence():
    codes = logged_actions()
    assert len(codes) > 40  # the walk found the services' calls
    assert sorted(codes - registered_actions()) == []


@pytest.mark.parametrize("code", sorted(logged_actions()))
def test_audit_sentence_is_vietnamese_and_not_the_code(code):
    with translation.override("vi"):
        sentence = action_sentence(code, {})
    assert code not in sentence
    assert sentence != "Thay đổi đã ghi nhận"
    assert "_" not in sentence


def test_audit_sentence_names_the_item_and_the_states():
    with translation.override("vi"):
        assert action_sentence("campaign.criterion_added", {"item": "2.1 Thi đua dạy tốt", "id": 3}) == (
            "Thêm tiêu chí 2.1 Thi đua dạy tốt"
        )
        assert action_sentence("campaign.state_changed", {"from": "draft", "to": "launched"}) == (
            "Trạng thái: Dự thảo → Đã phát động"
        )
        assert action_sentence("unit.renamed", {"old": "Trường A", "new": "Trường B"}) == (
            "Đổi tên từ “Trường A” thành “Trường B”"
        )
        assert action_sentence("no.such_action", {}) == "Thay đổi đã ghi nhận"


@pytest.mark.django_db
def test_audit_unit_page_shows_sentences_not_codes(world, client_for):
    unit_rename(unit=world.school_a1, new_name="Trường TH Thử A1 mới", date=datetime.date(2025, 7, 1), actor=None)
    unit_merge(sources=[world.school_a2], into=world.school_a1, date=datetime.date(2025, 7, 1), actor=None)
    response = client_for(world.users["phong_officer"]).get(reverse("units:unit-detail", args=[world.school_a1.pk]))
    page = response.content.decode()
    assert "Đổi tên từ “Trường Tiểu học Thử A1” thành “Trường TH Thử A1 mới”" in page
    assert "Sáp nhập các đơn vị khác vào đơn vị này" in page
    assert "unit.renamed" not in page
    assert "unit.merged" not in page
