"""Uploads and generated documents on an S3-compatible store (django-storages), against a real S3 API
server on loopback: moto's server, started here on a free port. Skipped with the reason when it cannot
start; under CI=true that fails instead, as for PostgreSQL (conftest.py)."""

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import override_settings

from conftest import running_under_ci

BUCKET = "thidua-test"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _unavailable(reason: str):
    if running_under_ci():
        pytest.fail(f"CI=true and the S3 API server is needed: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def s3_endpoint():
    server = Path(sys.executable).with_name("moto_server")
    if not server.exists():
        _unavailable("moto_server is not installed (pip install -r requirements-dev.txt)")
    port = _free_port()
    process = subprocess.Popen(
        [str(server), "-H", "127.0.0.1", "-p", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                _unavailable(f"moto_server did not answer on 127.0.0.1:{port} within 30 s")
            time.sleep(0.2)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def s3_storage(s3_endpoint):
    import boto3

    options = {
        "bucket_name": BUCKET,
        "endpoint_url": s3_endpoint,
        "access_key": "testing",
        "secret_key": "testing",
        "region_name": "us-east-1",
        "addressing_style": "path",
        "default_acl": None,
        "file_overwrite": False,
        "querystring_auth": True,
    }
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        region_name="us-east-1",
    )
    client.create_bucket(Bucket=BUCKET)
    storages = {
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages):
        yield client


def test_default_storage_writes_reads_back_and_deletes_on_s3(s3_storage):
    content = "Biên bản họp Hội đồng thi đua – khen thưởng".encode()
    name = default_storage.save("ho-so/2026/bien-ban.pdf", ContentFile(content))
    assert default_storage.__class__.__name__ == "S3Storage"
    # The object is in the bucket, byte for byte (read through the S3 API, not the storage).
    assert s3_storage.get_object(Bucket=BUCKET, Key=name)["Body"].read() == content
    with default_storage.open(name) as handle:
        assert handle.read() == content
    assert (default_storage.exists(name), default_storage.size(name)) == (True, len(content))
    # A second file of the same name is kept apart, never overwritten.
    other = default_storage.save("ho-so/2026/bien-ban.pdf", ContentFile(b"khac"))
    assert other != name
    assert default_storage.open(name).read() == content
    default_storage.delete(name)
    default_storage.delete(other)
    assert default_storage.exists(name) is False
    assert s3_storage.list_objects_v2(Bucket=BUCKET).get("KeyCount") == 0


def test_health_reports_the_s3_storage(s3_storage, client, db):
    response = client.get("/suc-khoe/")
    assert (response.status_code, response.json()["checks"]["storage"]["ok"]) == (200, True)
