"""Shared fixtures: a small unit tree and the personas that the permission table uses.

Sở GD&ĐT Thử nghiệm (so)                      <- so_officer, leader
  Phòng GD&ĐT Thử A (phong_a)                 <- phong_officer
    Trường TH Thử A1 (school_a1)              <- school_clerk, people p_a1
    Trường THCS Thử A2 (school_a2)            <- other_head
  Phòng GD&ĐT Thử B (phong_b)
    Trường TH Thử B1 (school_b1)
Sở GD&ĐT Ngoài (other_so)                     <- outsider
"""

import datetime
import functools
import os
import socket
import zoneinfo
from dataclasses import dataclass, field

import pytest
import time_machine
from django.db import connection

from units.enums import UnitKind
from units.models import Person, Unit, User
from units.tests.factories import PersonFactory, UnitFactory, UserFactory

REDIS_ADDRESS = ("127.0.0.1", 6379)

# The day every test runs on, whatever the machine's date: a school-term Tuesday morning in the
# portal's zone (school year 2026–2027, a year after the seed plans' school year). A test about
# another day travels there itself (time_machine.travel inside this one); awards/tests/conftest.py
# sets its own day for the awards tests.
NOW = datetime.datetime(2026, 12, 1, 10, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture(autouse=True)
def frozen_clock(request):
    """No test depends on the day it runs: every test starts at NOW (the clock then runs on, so
    timeouts and workers behave). Browser tests keep the real clock: the real browser drops a session
    cookie whose expiry the server computed from a travelled clock."""
    if request.node.get_closest_marker("browser"):
        yield None
        return
    with time_machine.travel(NOW, tick=True) as traveller:
        yield traveller


def running_under_ci() -> bool:
    """``CI=true`` (as CI services set it): a test that cannot reach its real service fails."""
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


@functools.cache
def redis_answers() -> bool:
    """Whether Redis answers PING on 127.0.0.1:6379 (asked once per run)."""
    try:
        with socket.create_connection(REDIS_ADDRESS, timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def pytest_runtest_setup(item):
    """Tests marked ``postgres`` or ``redis`` need the real service: skipped with the reason on a
    developer's machine, failed under CI, where skipping would hide the run that proves the
    concurrency guarantees."""
    missing = []
    if item.get_closest_marker("postgres") and connection.vendor != "postgresql":
        missing.append("needs PostgreSQL (DATABASE_URL=postgres://…), this run uses " + connection.vendor)
    if item.get_closest_marker("redis") and not redis_answers():
        missing.append("Redis does not answer on 127.0.0.1:6379 (start redis-server)")
    if not missing:
        return
    reason = "; ".join(missing)
    if running_under_ci():
        pytest.fail(f"CI=true and this test {reason}: it must run in CI, not be skipped", pytrace=False)
    pytest.skip(reason)


PERSONAS = ("anonymous", "school_clerk", "other_head", "phong_officer", "so_officer", "leader", "outsider")


@dataclass
class World:
    so: Unit
    phong_a: Unit
    phong_b: Unit
    school_a1: Unit
    school_a2: Unit
    school_b1: Unit
    other_so: Unit
    person_a1: Person
    person_a2: Person
    person_b1: Person
    users: dict[str, User | None] = field(default_factory=dict)
    extra: dict = field(default_factory=dict)

    def refresh(self):
        for name in ("so", "phong_a", "phong_b", "school_a1", "school_a2", "school_b1", "other_so"):
            getattr(self, name).refresh_from_db()


@pytest.fixture(autouse=True)
def award_catalogue(request):
    """The catalogue of awards and the base salaries are data from migrations; a transactional test
    flushes every table when it ends, those included. Put them back before a transactional test that
    follows one."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        return
    request.getfixturevalue("transactional_db")
    import importlib

    from django.apps import apps

    from awards.models import Award

    if not Award.objects.exists():
        importlib.import_module("awards.migrations.0002_load_catalogue").load(apps, None)
    from awards.models import BaseSalary

    if not BaseSalary.objects.exists():  # the base salaries are data from a migration too
        importlib.import_module("awards.migrations.0004_load_base_salaries").load(apps, None)


@pytest.fixture
def world(db) -> World:
    so = UnitFactory(kind=UnitKind.EDUCATION_DEPARTMENT, name="Sở Giáo dục và Đào tạo Thử nghiệm", short_name="SGDĐT")
    phong_a = UnitFactory(parent=so, kind=UnitKind.EDUCATION_OFFICE, name="Phòng GD&ĐT Thử A", short_name="PGDĐTA")
    phong_b = UnitFactory(parent=so, kind=UnitKind.EDUCATION_OFFICE, name="Phòng GD&ĐT Thử B", short_name="PGDĐTB")
    school_a1 = UnitFactory(parent=phong_a, kind=UnitKind.PRIMARY_SCHOOL, name="Trường Tiểu học Thử A1")
    school_a2 = UnitFactory(parent=phong_a, kind=UnitKind.LOWER_SECONDARY_SCHOOL, name="Trường THCS Thử A2")
    school_b1 = UnitFactory(parent=phong_b, kind=UnitKind.PRIMARY_SCHOOL, name="Trường Tiểu học Thử B1")
    other_so = UnitFactory(kind=UnitKind.EDUCATION_DEPARTMENT, name="Sở Giáo dục và Đào tạo Ngoài", short_name="SGDN")
    w = World(
        so=so,
        phong_a=phong_a,
        phong_b=phong_b,
        school_a1=school_a1,
        school_a2=school_a2,
        school_b1=school_b1,
        other_so=other_so,
        person_a1=PersonFactory(unit=school_a1, full_name="Nguyễn Thị Lan"),
        person_a2=PersonFactory(unit=school_a2, full_name="Trần Văn Bình"),
        person_b1=PersonFactory(unit=school_b1, full_name="Lê Văn Cường"),
    )
    w.refresh()
    w.users = {
        "anonymous": None,
        "school_clerk": UserFactory(username="clerk_a1", unit=school_a1, is_clerk=True),
        "other_head": UserFactory(username="head_a2", unit=school_a2, is_unit_head=True),
        "phong_officer": UserFactory(username="officer_pa", unit=phong_a, is_officer=True),
        "so_officer": UserFactory(username="officer_so", unit=so, is_officer=True),
        "leader": UserFactory(username="leader_so", unit=so, is_leader=True),
        "outsider": UserFactory(username="officer_out", unit=other_so, is_officer=True),
    }
    return w


@pytest.fixture
def client_for(client):
    """client_for(user) -> a test client logged in as that user (None: anonymous)."""

    def _client(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return _client
