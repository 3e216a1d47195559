"""The document register: one series per issuing unit and year, from 01, shared by every kind of document."""

import pytest

from tests.race import race
from units.models import RegisterEntry
from units.services import register_take


def test_numbers_run_from_one_per_unit_and_year_whatever_the_symbol(world):
    taken = [
        register_take(unit=world.so, symbol=symbol, actor=None, year=2026)
        for symbol in ("QĐ-SGDĐT", "TTr-SGDĐT", "BB-SGDĐT", "QĐ-SGDĐT")
    ]
    assert [e.number_symbol for e in taken] == ["01/QĐ-SGDĐT", "02/TTr-SGDĐT", "03/BB-SGDĐT", "04/QĐ-SGDĐT"]
    assert register_take(unit=world.phong_a, symbol="QĐ-PGDĐT", actor=None, year=2026).number == 1
    assert register_take(unit=world.so, symbol="QĐ-SGDĐT", actor=None, year=2027).number_symbol == "01/QĐ-SGDĐT"


def test_the_year_defaults_to_this_year_on_the_frozen_clock(world):
    assert register_take(unit=world.so, symbol="QĐ-SGDĐT", actor=None).year == 2026


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_six_documents_issued_at_once_take_six_consecutive_numbers(world):
    results = race(6, lambda: register_take(unit=world.so, symbol="QĐ-SGDĐT", actor=None, year=2026).number)
    assert sorted(results) == [1, 2, 3, 4, 5, 6]
    assert sorted(RegisterEntry.objects.filter(unit=world.so).values_list("number", flat=True)) == [1, 2, 3, 4, 5, 6]
