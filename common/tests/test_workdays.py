"""Working-day clocks: weekends and configured holidays (Tết) are skipped."""

import datetime

import pytest

from common.workdays import add_working_days, is_working_day, working_days_between

D = datetime.date
# Tết Bính Ngọ 2026: Monday 16/02 to Friday 20/02 off (with the weekend around it).
TET_2026 = {
    D(2026, 2, 14),
    D(2026, 2, 15),
    D(2026, 2, 16),
    D(2026, 2, 17),
    D(2026, 2, 18),
    D(2026, 2, 19),
    D(2026, 2, 20),
}


def test_add_working_days_skips_the_weekend():
    friday = D(2026, 1, 9)
    assert add_working_days(friday, 1) == D(2026, 1, 12)
    assert add_working_days(friday, 5) == D(2026, 1, 16)
    assert add_working_days(friday, 0) == friday


def test_add_working_days_skips_tet():
    # Received Thursday 12/02/2026: 5 working days are 13/02, then 23–26/02 after the Tết week.
    assert add_working_days(D(2026, 2, 12), 5, TET_2026) == D(2026, 2, 26)
    assert add_working_days(D(2026, 2, 12), 5) == D(2026, 2, 19)


def test_working_days_between_counts_after_the_start_up_to_the_end():
    assert working_days_between(D(2026, 2, 12), D(2026, 2, 26), TET_2026) == 5
    assert working_days_between(D(2026, 1, 9), D(2026, 1, 12)) == 1
    assert working_days_between(D(2026, 1, 12), D(2026, 1, 9)) == 0
    assert not is_working_day(D(2026, 2, 17), TET_2026)
    assert is_working_day(D(2026, 2, 17))


def test_add_working_days_refuses_negative_days():
    with pytest.raises(ValueError):
        add_working_days(D(2026, 1, 9), -1)
