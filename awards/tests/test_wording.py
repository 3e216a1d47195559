"""Notes the catalogue's authors left for maintainers never reach users as such."""

import re

import pytest
from django.urls import reverse

from common.text import without_unverified_notes

pytestmark = pytest.mark.django_db


def test_without_unverified_notes_takes_the_note_out():
    assert without_unverified_notes("Luật TĐKT Điều 28 (số điều chưa xác minh); Điều 80") == (
        "Luật TĐKT Điều 28; Điều 80",
        True,
    )
    assert without_unverified_notes("Luật TĐKT Điều 28") == ("Luật TĐKT Điều 28", False)


def test_award_detail_shows_a_neutral_badge_instead_of_the_note(world, client_for):
    response = client_for(world.users["leader"]).get(reverse("awards:award-detail", args=["TTLDTT"]))
    page = response.content.decode()
    assert "chưa xác minh)" not in page
    assert "chưa xác minh điều khoản" not in page
    assert 'data-testid="unverified">căn cứ chưa được xác minh</span>' in page
    assert "Điều 28; Điều 80" in page


def test_suggestions_year_selector_shows_the_year_the_heading_names(world, client_for):
    """The clock is frozen on 15/6/2026 (conftest): the default school year is 2025–2026."""
    page = (
        client_for(world.users["phong_officer"])
        .get(reverse("awards:suggestions", args=[world.school_a1.pk]))
        .content.decode()
    )
    assert "Đủ điều kiện khen thưởng năm học 2025–2026</h1>" in page
    selected = re.findall(r'<option value="(\d+)"[^>]*selected', page)
    assert selected == ["2025"]
