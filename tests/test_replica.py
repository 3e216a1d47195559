"""The read replica (common.replica): read-only pages read from it, everything else and every write from
the primary, and the primary again when the replica is down or behind.

On PostgreSQL the test settings add a second alias, "replica", the standard test mirror of the primary
(another connection to the same test database). A replica that is down is that alias pointed at a port
where nothing listens. Transactional tests: a mirror cannot see rows a test has not committed.
"""

import contextlib
import socket

import pytest
from django.db import DEFAULT_DB_ALIAS, connections, router
from django.test.utils import override_settings
from django.urls import reverse

from common.replica import forget_replica_state, replica_reads, replica_usable
from units.models import Unit, User

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, databases=["default", "replica"]),
]

WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.fixture(autouse=True)
def replica_on(settings):
    if "replica" not in settings.DATABASES:
        pytest.skip("the test settings add the replica alias on PostgreSQL only")
    settings.DATABASE_REPLICA_ALIAS = "replica"
    settings.DATABASE_REPLICA_CHECK_SECONDS = 60
    forget_replica_state()
    yield
    forget_replica_state()
    connections["replica"].close()


@pytest.fixture
def replica_down(monkeypatch):
    """The replica's alias pointed at a loopback port that refuses connections."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]
    connections["replica"].close()
    monkeypatch.setitem(connections["replica"].settings_dict, "HOST", "127.0.0.1")
    monkeypatch.setitem(connections["replica"].settings_dict, "PORT", str(closed_port))
    forget_replica_state()
    yield
    connections["replica"].close()


@contextlib.contextmanager
def _recording(alias):
    """The SQL run on alias, without connecting it (CaptureQueriesContext would connect a dead replica)."""
    sqls: list[str] = []

    def record(execute, sql, params, many, context):
        sqls.append(sql)
        return execute(sql, params, many, context)

    with connections[alias].execute_wrapper(record):
        yield sqls


def _get(client, url):
    """GET url; the SQL each alias ran."""
    with _recording(DEFAULT_DB_ALIAS) as primary, _recording("replica") as replica:
        response = client.get(url)
    return response, primary, replica


def _writes(sqls):
    return [sql for sql in sqls if sql.lstrip().upper().startswith(WRITES)]


def test_dashboard_reads_from_the_replica_and_never_writes_there(world, client_for):
    client = client_for(world.users["leader"])
    response, primary, replica = _get(client, reverse("reports:dashboard"))
    assert response.status_code == 200
    assert response.context["dashboard"].unit_count == 6  # the Sở, 2 Phòng, 3 schools
    assert response.wsgi_request.reads_from_replica is True
    assert any('"units_unit"' in sql for sql in replica)
    assert _writes(replica) == []
    # The session and the login were read from the primary, before and outside the marked view.
    assert any('"django_session"' in sql for sql in primary)
    assert not any('"django_session"' in sql or '"axes_' in sql for sql in replica)


def test_pages_that_are_not_marked_read_from_the_primary(world, client_for):
    client = client_for(world.users["leader"])
    response, primary, replica = _get(client, reverse("units:unit-list"))
    assert response.status_code == 200
    assert response.wsgi_request.reads_from_replica is False
    assert replica == []
    assert any('"units_unit"' in sql for sql in primary)


def test_writes_go_to_the_primary_even_inside_a_read_only_page(world):
    with replica_reads():
        assert router.db_for_read(Unit) == "replica"
        assert router.db_for_write(Unit) == DEFAULT_DB_ALIAS
        assert router.db_for_read(User) == "replica"
        from django.contrib.sessions.models import Session

        assert router.db_for_read(Session) == DEFAULT_DB_ALIAS
        with _recording("replica") as replica:
            Unit.objects.filter(pk=world.so.pk).update(short_name="SGDĐT-2")
            renamed = Unit.objects.get(pk=world.so.pk).short_name
    assert renamed == "SGDĐT-2"
    assert _writes(replica) == []
    assert [sql for sql in replica if '"units_unit"' in sql] != []
    assert router.db_for_read(Unit) == DEFAULT_DB_ALIAS  # outside the marked block


def test_no_replica_configured_reads_everything_from_the_primary(world, client_for, settings):
    settings.DATABASE_REPLICA_ALIAS = ""
    response, _primary, replica = _get(client_for(world.users["leader"]), reverse("reports:dashboard"))
    assert (response.status_code, response.context["dashboard"].unit_count, replica) == (200, 6, [])
    assert response.wsgi_request.reads_from_replica is False


def test_dashboard_falls_back_to_the_primary_when_the_replica_is_down(world, client_for, replica_down):
    client = client_for(world.users["leader"])
    response, primary, replica = _get(client, reverse("reports:dashboard"))
    assert (response.status_code, response.context["dashboard"].unit_count, replica) == (200, 6, [])
    assert any('"units_unit"' in sql for sql in primary)
    # Remembered: the next page does not try the dead replica again within the check interval.
    assert replica_usable("replica") is False
    with replica_reads():
        assert router.db_for_read(Unit) == DEFAULT_DB_ALIAS


def test_replica_dying_under_a_page_serves_it_from_the_primary(world, client_for, monkeypatch):
    assert replica_usable("replica") is True  # probed up, and remembered for a minute
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]
    connections["replica"].close()
    monkeypatch.setitem(connections["replica"].settings_dict, "PORT", str(closed_port))
    monkeypatch.setitem(connections["replica"].settings_dict, "HOST", "127.0.0.1")
    response, _primary, replica = _get(client_for(world.users["leader"]), reverse("reports:dashboard"))
    assert (response.status_code, response.context["dashboard"].unit_count, replica) == (200, 6, [])
    assert response.wsgi_request.reads_from_replica is False
    assert replica_usable("replica") is False


@override_settings(DATABASE_REPLICA_MAX_LAG_SECONDS=-1)
def test_a_replica_behind_the_allowed_lag_is_skipped(world, client_for):
    # The lag query runs for real on the replica alias (0 s here); any lag is over a limit of −1 s.
    response, _primary, replica = _get(client_for(world.users["leader"]), reverse("reports:dashboard"))
    assert (response.status_code, response.context["dashboard"].unit_count) == (200, 6)
    assert [sql for sql in replica if "units_unit" in sql] == []
    assert any("pg_last_xact_replay_timestamp" in sql for sql in replica)
