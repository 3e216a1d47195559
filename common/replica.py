"""Read-only pages read from the streaming replica; everything else from the primary.

``DATABASE_REPLICA_URL`` adds a ``replica`` alias (config/settings/base.py). The pages named in
``DATABASE_REPLICA_URL_NAMES`` (dashboard, search, reports, exports: GET/HEAD only) are marked by
``ReplicaReadsMiddleware``; while a marked view runs, ``ReplicaRouter.db_for_read`` answers the
replica. Writes always go to the primary, and so do reads of sessions, logins and second factors
(a session written a moment ago on the primary must be found on the next page).

The replica is used only while it is usable: one probe (connect + a lag query) per process at most
every ``DATABASE_REPLICA_CHECK_SECONDS``; a replica that refuses the connection, errs, or replays more
than ``DATABASE_REPLICA_MAX_LAG_SECONDS`` behind is skipped until the next probe. A replica that dies
while a page reads from it: the middleware marks it down and runs the (read-only) view again on the
primary, so the person sees the page, not an error.
"""

import contextlib
import contextvars
import logging
import threading
import time

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections, transaction
from django.urls import Resolver404, resolve

logger = logging.getLogger(__name__)

_reading_from_replica: contextvars.ContextVar[bool] = contextvars.ContextVar("reading_from_replica", default=False)

# Always read from the primary: what was just written by a login must be seen by the next request;
# an export job an export page (listed for the replica) has just created is read where it was written.
PRIMARY_ONLY_APPS = frozenset({"sessions", "axes", "otp_totp", "otp_static", "django_otp", "exports"})

# Seconds the replica's replay is behind; 0 when everything received has been replayed (an idle
# primary sends nothing, so the last replayed transaction's age alone would look like lag).
LAG_SQL = """
SELECT CASE
    WHEN NOT pg_is_in_recovery() THEN 0
    WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
    ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0)
END
"""

_state_lock = threading.Lock()
_state: dict[str, tuple[bool, float]] = {}  # alias -> (usable, monotonic time until which it holds)


def replica_alias() -> str:
    """The replica's alias, or "" when reads are not sent to a replica."""
    alias = getattr(settings, "DATABASE_REPLICA_ALIAS", "")
    return alias if alias and alias in settings.DATABASES else ""


def forget_replica_state() -> None:
    """Probe again on the next read (tests; after the replica comes back)."""
    with _state_lock:
        _state.clear()


def mark_replica_down(alias: str) -> None:
    with _state_lock:
        _state[alias] = (False, time.monotonic() + settings.DATABASE_REPLICA_CHECK_SECONDS)
    with contextlib.suppress(Exception):
        connections[alias].close()


def replica_lag_seconds(alias: str) -> float:
    """The replica's replay lag in seconds (raises the driver's error when it cannot be reached)."""
    connection = connections[alias]
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute("SELECT 1")
            return 0.0
        cursor.execute(LAG_SQL)
        return float(cursor.fetchone()[0] or 0)


def replica_usable(alias: str) -> bool:
    """Whether reads may go to the replica now (probed at most every DATABASE_REPLICA_CHECK_SECONDS)."""
    now = time.monotonic()
    with _state_lock:
        known = _state.get(alias)
    if known is not None and now < known[1]:
        return known[0]
    try:
        lag = replica_lag_seconds(alias)
        usable = lag <= settings.DATABASE_REPLICA_MAX_LAG_SECONDS
        if not usable:
            logger.warning("replica %s is %.1f s behind: reading from the primary", alias, lag)
    except (OperationalError, InterfaceError) as exc:
        logger.warning("replica %s unreachable, reading from the primary: %s", alias, str(exc).strip())
        with contextlib.suppress(Exception):
            connections[alias].close()
        usable = False
    with _state_lock:
        _state[alias] = (usable, time.monotonic() + settings.DATABASE_REPLICA_CHECK_SECONDS)
    return usable


@contextlib.contextmanager
def replica_reads(enabled: bool = True):
    """Reads inside go to the replica (when one is configured and usable)."""
    token = _reading_from_replica.set(enabled)
    try:
        yield
    finally:
        _reading_from_replica.reset(token)


class ReplicaRouter:
    """Reads of a marked request → the replica if usable; all else (and every write) → the primary."""

    def db_for_read(self, model, **hints):
        if not _reading_from_replica.get() or model._meta.app_label in PRIMARY_ONLY_APPS:
            return DEFAULT_DB_ALIAS
        alias = replica_alias()
        if alias and replica_usable(alias):
            return alias
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


def is_replica_page(request) -> bool:
    if request.method not in ("GET", "HEAD") or not replica_alias():
        return False
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return match.view_name in settings.DATABASE_REPLICA_URL_NAMES


class ReplicaReadsMiddleware:
    """Marks the read-only pages; a page whose replica fails under it is served from the primary."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.reads_from_replica = False
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not is_replica_page(request):
            return None
        request.reads_from_replica = True
        # Marked only while the view runs: the response's session save happens after.
        with replica_reads():
            return _call_view(request, view_func, view_args, view_kwargs)


def _call_view(request, view_func, view_args, view_kwargs):
    alias = replica_alias()
    try:
        with _atomic_like_django(view_func):
            response = view_func(request, *view_args, **view_kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            return response
    except (OperationalError, InterfaceError) as exc:
        if not _error_from(alias):
            raise
        logger.warning("replica %s failed during %s, serving it from the primary: %s", alias, request.path, exc)
        mark_replica_down(alias)
    request.reads_from_replica = False
    with replica_reads(False), _atomic_like_django(view_func):
        return view_func(request, *view_args, **view_kwargs)


def _error_from(alias: str) -> bool:
    """Whether the replica's connection is the one that failed (not the primary's)."""
    connection = connections[alias]
    if connection.connection is None:
        return True
    try:
        return not connection.is_usable()
    except Exception:  # any failure of the probe means the replica is gone
        return True


def _atomic_like_django(view_func):
    """The primary's transaction around the view, as ATOMIC_REQUESTS would put it (Django's handler
    wraps the view after process_view; a view answered here must get the same)."""
    primary = connections[DEFAULT_DB_ALIAS]
    if primary.settings_dict["ATOMIC_REQUESTS"] and DEFAULT_DB_ALIAS not in getattr(
        view_func, "_non_atomic_requests", set()
    ):
        return transaction.atomic(using=DEFAULT_DB_ALIAS)
    return contextlib.nullcontext()
