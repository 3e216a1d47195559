import datetime

import pytest

from common.dates import official_date, school_year_of


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime.date(2024, 2, 5), "ngày 05 tháng 02 năm 2024"),
        (datetime.date(2024, 4, 12), "ngày 12 tháng 4 năm 2024"),
        (datetime.date(2021, 9, 17), "ngày 17 tháng 9 năm 2021"),
        (datetime.date(2025, 1, 1), "ngày 01 tháng 01 năm 2025"),
        (datetime.date(2025, 12, 9), "ngày 09 tháng 12 năm 2025"),
    ],
)
def test_official_date_pads_day_and_first_two_months(value, expected):
    assert official_date(value) == expected


def test_official_date_with_place():
    assert official_date(datetime.date(2024, 4, 12), "Bến Tre") == "Bến Tre, ngày 12 tháng 4 năm 2024"


def test_school_year_starts_in_september():
    assert [school_year_of(datetime.date(2025, m, 1)) for m in (8, 9, 12)] == [2024, 2025, 2025]
