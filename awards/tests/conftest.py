"""Every awards test runs on a frozen clock.

Forms, services and views derive dates from today (the default school year, the
years offered in selects, "not in the future" checks, the nomination date), so no
test may depend on the day it runs. A test about another day travels there itself.
"""

import datetime
import zoneinfo

import pytest
import time_machine

# Mid-June: school year 2025–2026 is ending, the season of proposals (as JUNE_2026 in
# test_eligibility); default_school_year() is 2025.
NOW = datetime.datetime(2026, 6, 15, 10, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller
