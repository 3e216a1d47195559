"""docker-compose.yml cannot run on this machine (no container engine): it is kept consistent with the
stack that scripts/stack.sh runs here, and with the settings its environment feeds."""

import re
from pathlib import Path

import yaml

from config.settings import base

ROOT = Path(__file__).resolve().parent.parent


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def test_compose_has_the_topology_of_the_stack():
    services = _compose()["services"]
    assert sorted(services) == [
        "beat", "db", "migrate", "nginx", "redis", "replica", "s3", "s3-bucket", "web1", "web2", "worker1", "worker2",
    ]  # fmt: skip
    nodes = ("web1", "web2", "worker1", "worker2", "beat")
    assert [services[name]["environment"]["PORTAL_NODE"] for name in nodes] == list(nodes)
    assert "pg_basebackup -h db" in " ".join(services["replica"]["command"])
    assert services["worker1"]["command"].startswith("celery -A config worker")
    assert services["beat"]["command"].startswith("celery -A config beat")
    assert "gunicorn config.wsgi" in services["web1"]["command"] and "collectstatic" in services["web1"]["command"]
    upstreams = re.findall(r"server (\w+):8000", (ROOT / "deploy/nginx.conf").read_text(encoding="utf-8"))
    assert upstreams == ["web1", "web2"]


def test_compose_environment_names_only_settings_that_exist():
    env = _compose()["services"]["web1"]["environment"]
    settings_text = "".join(
        (ROOT / name).read_text(encoding="utf-8")
        for name in ("config/settings/base.py", "config/settings/production.py", "common/ops.py")
    )
    unread = [name for name in env if f'"{name}"' not in settings_text and name != "DJANGO_SETTINGS_MODULE"]
    assert unread == []
    assert env["DJANGO_SETTINGS_MODULE"] == "config.settings.production"
    # Every variable the loopback stack exports is one the compose file sets too.
    stack = (ROOT / "scripts/stack.sh").read_text(encoding="utf-8")
    for name in ("DATABASE_REPLICA_URL", "CACHE_REDIS_URL", "S3_BUCKET", "S3_ENDPOINT_URL", "PORTAL_REQUEST_LOG"):
        assert f"export {name}" in stack or f" {name}=" in stack
        assert name in env
    assert {"reports:dashboard", "awards:search"} <= base.DATABASE_REPLICA_URL_NAMES
