"""Operations: the health endpoint, the JSON request log, the system administrators' queue page."""

import json
import logging
import socket

import pytest
import redis
from celery import signals
from django.test import override_settings
from django.urls import reverse

from common.ops import FAILURES_KEY
from units.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
REDIS_TEST_URL = "redis://127.0.0.1:6379/13"


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_health_answers_every_check_without_a_login_and_names_no_secret(client, settings):
    response = client.get(reverse("health"))
    body = response.json()
    assert (response.status_code, body["status"]) == (200, "ok")
    assert sorted(body["checks"]) == ["broker", "cache", "database", "storage"]
    assert [name for name, check in body["checks"].items() if not check["ok"]] == []
    text = response.content.decode()
    assert settings.SECRET_KEY not in text
    assert "://" not in text  # no database, broker or storage address


def test_health_fails_with_503_when_the_broker_is_down(client):
    with override_settings(REDIS_URL=f"redis://127.0.0.1:{_closed_port()}/0"):
        response = client.get(reverse("health"))
    body = response.json()
    assert (response.status_code, body["status"], body["checks"]["broker"]["ok"]) == (503, "failing", False)
    assert body["checks"]["broker"]["error"] == "ConnectionError"
    assert body["checks"]["database"]["ok"] is True


def test_request_log_writes_one_json_line_per_request(client, settings, caplog, world):
    settings.MIDDLEWARE = [settings.MIDDLEWARE[0], "common.ops.RequestLogMiddleware", *settings.MIDDLEWARE[1:]]
    client.force_login(world.users["leader"])
    with caplog.at_level(logging.INFO, logger="portal.requests"):
        client.get(reverse("units:unit-list"))
        client.get("/khong-co-trang-nay/")
    lines = [json.loads(r.getMessage()) for r in caplog.records if r.name == "portal.requests"]
    assert [(line["method"], line["path"], line["status"], line["user"]) for line in lines] == [
        ("GET", "/don-vi/", 200, world.users["leader"].pk),
        ("GET", "/khong-co-trang-nay/", 404, world.users["leader"].pk),
    ]
    assert all(line["ms"] > 0 and line["node"] for line in lines)


@pytest.mark.redis
def test_queue_page_shows_queue_length_and_recorded_failures(client, settings):
    settings.REDIS_URL = REDIS_TEST_URL
    store = redis.Redis.from_url(REDIS_TEST_URL)
    store.delete("celery", FAILURES_KEY)
    store.rpush("celery", "a", "b", "c")
    from reminders.tasks import reminders_tick

    signals.task_failure.send(sender=reminders_tick, task_id="t-1", exception=RuntimeError("SMTP từ chối"))
    try:
        client.force_login(UserFactory(is_superuser=True))
        response = client.get(reverse("ops-queues"))
    finally:
        store.delete("celery", FAILURES_KEY)
    figures = response.context["figures"]
    assert [(q["name"], q["length"]) for q in figures["queues"]] == [("celery", 3)]
    assert [(f["task"], f["id"], f["error"]) for f in figures["failures"]] == [
        ("reminders.tasks.reminders_tick", "t-1", "RuntimeError: SMTP từ chối")
    ]
    assert "SMTP từ chối" in response.content.decode()


def test_queue_page_is_for_system_administrators_only(client, world):
    client.force_login(world.users["so_officer"])
    assert client.get(reverse("ops-queues")).status_code == 403
