"""What operators watch: the health of a node, a log line per request, the Celery queues.

- ``health``: ``/suc-khoe/`` answers JSON without a login: the database (and the replica's state), the
  broker, the cache and the storage, each ok or not with its time in ms; 200 when all that the node
  needs answers, else 503 (nginx and the load test use it). Names no host, URL or key.
- ``RequestLogMiddleware``: one JSON line per request on the ``portal.requests`` logger (method, path,
  status, duration in ms, user id, node), switched on by ``PORTAL_REQUEST_LOG``.
- ``queue_status``: for system administrators, the length of each Celery queue in Redis and the last
  task failures (kept by ``record_task_failure``, connected to Celery's ``task_failure`` signal).
"""

import json
import logging
import os
import socket
import time

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from common.replica import replica_alias, replica_lag_seconds

request_logger = logging.getLogger("portal.requests")
logger = logging.getLogger(__name__)

NODE = os.environ.get("PORTAL_NODE") or socket.gethostname()
FAILURES_KEY = "portal:task-failures"
FAILURES_KEPT = 50
# The queues the workers read (Celery's default queue is "celery").
QUEUES = ("celery",)


def _redis():
    import redis

    return redis.Redis.from_url(settings.REDIS_URL, socket_timeout=1, socket_connect_timeout=1)


def _timed(check) -> dict:
    started = time.perf_counter()
    try:
        detail = check() or {}
        ok = True
    except Exception as exc:  # a health check reports every failure, never raises it
        logger.warning("health check %s failed: %s", check.__name__, exc)
        detail, ok = {"error": type(exc).__name__}, False
    return {"ok": ok, "ms": round((time.perf_counter() - started) * 1000, 1), **detail}


def _database():
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")


def _broker():
    if settings.REDIS_URL:
        _redis().ping()
        return {"kind": "redis"}
    return {"kind": "filesystem"}


def _cache():
    cache.set("portal:health", NODE, 10)
    if cache.get("portal:health") != NODE:
        raise RuntimeError("cache lost the value")


def _storage():
    default_storage.exists("health/probe")  # a HEAD on S3, a stat on disk


def _replica():
    alias = replica_alias()
    return {"lag_seconds": round(replica_lag_seconds(alias), 1)}


@never_cache
def health(request):
    checks = {"database": _timed(_database), "broker": _timed(_broker), "cache": _timed(_cache)}
    checks["storage"] = _timed(_storage)
    healthy = all(check["ok"] for check in checks.values())
    if replica_alias():
        # Not required: without it the pages read from the primary.
        checks["replica"] = _timed(_replica)
    body = {"status": "ok" if healthy else "failing", "node": NODE, "checks": checks}
    return JsonResponse(body, status=200 if healthy else 503, json_dumps_params={"ensure_ascii": False})


class RequestLogMiddleware:
    """One JSON line per request (PORTAL_REQUEST_LOG): what an access log says, plus the user and the node."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        user = getattr(request, "user", None)
        line = {
            "ts": timezone.now().isoformat(timespec="milliseconds"),
            "node": NODE,
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "ms": round((time.perf_counter() - started) * 1000, 1),
            "user": user.pk if user is not None and user.is_authenticated else None,
            "replica": getattr(request, "reads_from_replica", False),
        }
        request_logger.info(json.dumps(line, ensure_ascii=False))
        return response


def record_task_failure(sender=None, task_id=None, exception=None, **kwargs):
    """Celery's task_failure: keep the last failures in Redis for the queue page (never the arguments)."""
    if not settings.REDIS_URL:
        return
    entry = {
        "at": timezone.now().isoformat(timespec="seconds"),
        "task": getattr(sender, "name", str(sender)),
        "id": task_id,
        "error": f"{type(exception).__name__}: {exception}"[:300],
        "node": NODE,
    }
    try:
        client = _redis()
        client.lpush(FAILURES_KEY, json.dumps(entry, ensure_ascii=False))
        client.ltrim(FAILURES_KEY, 0, FAILURES_KEPT - 1)
    except Exception as exc:  # the failure is in the worker's log already
        logger.warning("could not record the task failure: %s", exc)


def queue_figures() -> dict:
    """Queue lengths and the last failures, or why they cannot be read."""
    if not settings.REDIS_URL:
        return {"available": False, "queues": [], "failures": []}
    client = _redis()
    queues = [{"name": name, "length": client.llen(name)} for name in QUEUES]
    unacked = client.hlen("unacked") if client.exists("unacked") else 0
    failures = [json.loads(raw) for raw in client.lrange(FAILURES_KEY, 0, FAILURES_KEPT - 1)]
    return {"available": True, "queues": queues, "unacked": unacked, "failures": failures}


@login_required
def queue_status(request):
    if not request.user.is_superuser:
        raise PermissionDenied
    try:
        figures = queue_figures()
        error = ""
    except Exception as exc:  # Redis down: the page says so instead of failing
        figures, error = {"available": False, "queues": [], "failures": []}, type(exc).__name__
    return render(request, "ops/queues.html", {"figures": figures, "error": error, "node": NODE})
