"""Benchmark: 1,000 units × 3 recipients due at once, from the beat's tick to the last mail accepted.

    .venv/bin/python bench/reminders.py            # throwaway SQLite file
    .venv/bin/python bench/reminders.py --postgres # throwaway database on 127.0.0.1:5432

What it does, all on this machine: builds a throwaway database (migrated, then 1 Sở, 10 Phòng,
1,000 schools with a clerk, a head and a second clerk each, one launched campaign with a deadline
in 7 days); starts an aiosmtpd sink on a free loopback port and a real Celery worker (a subprocess,
``--concurrency 2``) on Redis 127.0.0.1:6379 (db 12); sends the tick task exactly as the beat does;
waits until the sink has accepted every message (or the time limit), then a little longer to catch
duplicates; prints the figures beside a baseline (the same number of messages sent straight to the
sink over one SMTP connection); and removes everything it made. A script, not a test: it prints.
"""

import argparse
import os
import shutil
import signal
import smtplib
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UNITS, OFFICES, PER_UNIT = 1000, 10, 3
REDIS_URL = "redis://127.0.0.1:6379/12"


class Sink:
    """An aiosmtpd handler that counts what it accepts and when."""

    def __init__(self):
        self.lock = threading.Lock()
        self.received: list[tuple[str, float]] = []

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            for rcpt in envelope.rcpt_tos:
                self.received.append((rcpt, time.monotonic()))
        return "250 OK"

    def count(self) -> int:
        with self.lock:
            return len(self.received)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build_world():
    """The tree, the accounts and one deadline in 7 days, written in bulk."""
    import datetime

    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from campaigns import services
    from common.text import fold, sort_key
    from units.enums import UnitKind
    from units.models import Unit, User

    def node(path, depth, numchild, kind, name, code):
        return Unit(
            path=path,
            depth=depth,
            numchild=numchild,
            kind=kind,
            name=name,
            code=code,
            name_search=fold(name),
            name_sort=sort_key(name),
        )

    step = Unit._get_path
    so_path = step(None, 1, 1)
    rows = [node(so_path, 1, OFFICES, UnitKind.EDUCATION_DEPARTMENT, "Sở GD&ĐT Thử tải", "BSO")]
    per_office = UNITS // OFFICES
    for o in range(OFFICES):
        office_path = step(so_path, 2, o + 1)
        rows.append(node(office_path, 2, per_office, UnitKind.EDUCATION_OFFICE, f"Phòng GD&ĐT Thử tải {o}", f"BP{o}"))
        for s in range(per_office):
            n = o * per_office + s
            rows.append(
                node(step(office_path, 3, s + 1), 3, 0, UnitKind.PRIMARY_SCHOOL, f"Trường Tiểu học Tải {n}", f"BT{n}")
            )
    Unit.objects.bulk_create(rows, batch_size=500)
    password = make_password(None)
    schools = list(Unit.objects.filter(depth=3).order_by("path"))
    users = []
    for unit in schools:
        for role, flags in (
            ("clerk", {"is_clerk": True}),
            ("head", {"is_unit_head": True}),
            ("clerk2", {"is_clerk": True}),
        ):
            username = f"{role}_{unit.code.lower()}"
            users.append(User(username=username, email=f"{username}@bench.test", password=password, unit=unit, **flags))
    for office in Unit.objects.filter(depth=2):
        users.append(
            User(
                username=f"officer_{office.code.lower()}",
                email=f"officer_{office.code.lower()}@bench.test",
                password=password,
                unit=office,
                is_officer=True,
            )
        )
    User.objects.bulk_create(users, batch_size=500)

    so = Unit.objects.get(depth=1)
    today = timezone.localdate()
    campaign = services.campaign_create(
        issuer=so,
        actor=None,
        title="Phong trào thi đua thử tải",
        number=1,
        symbol="KH-SGDĐT",
        issued_on=today,
        signer_name="Người ký",
        starts_on=today - datetime.timedelta(days=30),
        ends_on=today + datetime.timedelta(days=300),
    )
    services.milestone_create(
        campaign=campaign,
        actor=None,
        deliverable="midterm_report",
        title="Nộp báo cáo sơ kết (thử tải)",
        due_on=today + datetime.timedelta(days=7),
        owed_by_kinds=[UnitKind.PRIMARY_SCHOOL],
    )
    services.campaign_set_state(campaign=campaign, new_state="launched", actor=None)
    return len(schools) * PER_UNIT


def baseline(port: int, count: int) -> float:
    """Seconds to hand ``count`` rendered reminders straight to the sink over one SMTP connection."""
    from django.core.mail import EmailMultiAlternatives

    text = "Nội dung thư nhắc hạn nộp báo cáo.\n" * 30
    message = EmailMultiAlternatives("[Còn 7 ngày] Thử tải", text, "a@bench.test", ["b@bench.test"])
    message.attach_alternative("<p>" + text.replace("\n", "<br>\n") + "</p>", "text/html")
    raw = message.message().as_bytes(linesep="\r\n")
    began = time.monotonic()
    with smtplib.SMTP("127.0.0.1", port) as smtp:
        for n in range(count):
            smtp.sendmail("a@bench.test", [f"baseline{n}@bench.test"], raw)
    return time.monotonic() - began


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", action="store_true", help="use a throwaway PostgreSQL database")
    parser.add_argument("--timeout", type=float, default=120, help="give up after this many seconds")
    args = parser.parse_args()

    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.RedisError:
        sys.exit("Redis does not answer on 127.0.0.1:6379; start redis-server first.")

    workdir = Path(tempfile.mkdtemp(prefix="bench-reminders-"))
    db_name = f"bench_reminders_{uuid.uuid4().hex[:8]}"
    if args.postgres:
        import psycopg2

        admin = psycopg2.connect("postgresql://postgres@127.0.0.1:5432/postgres")
        admin.autocommit = True
        admin.cursor().execute(f'CREATE DATABASE "{db_name}"')
        database_url = f"postgres://postgres@127.0.0.1:5432/{db_name}"
    else:
        database_url = f"sqlite:///{workdir / 'bench.sqlite3'}"

    sink = Sink()
    from aiosmtpd.controller import Controller

    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings.base",
        DATABASE_URL=database_url,
        REDIS_URL=REDIS_URL,
        EMAIL_URL=f"smtp://127.0.0.1:{controller.port}",
        DEBUG="False",
        LOG_LEVEL="WARNING",
        PORTAL_BASE_URL="https://thidua.example.vn",
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from config.celery import app

    worker = None
    try:
        began = time.monotonic()
        call_command("migrate", verbosity=0)
        expected = build_world()
        print(f"database: {'PostgreSQL' if args.postgres else 'SQLite'}; built in {time.monotonic() - began:.1f} s")
        with app.connection_for_write() as connection:
            connection.default_channel.queue_purge(app.conf.task_default_queue)
        worker = subprocess.Popen(
            [
                str(ROOT / ".venv/bin/celery"),
                "-A",
                "config",
                "worker",
                "-l",
                "warning",
                "--concurrency",
                "2",
                "-n",
                f"bench-{uuid.uuid4().hex[:6]}@%h",
            ],
            cwd=ROOT,
            env=os.environ.copy(),
            start_new_session=True,
            stdout=open(workdir / "worker.log", "w"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
        )
        app.control.ping(timeout=1)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not app.control.ping(timeout=0.5):
            time.sleep(0.2)

        tick = time.monotonic()
        app.send_task("reminders.tasks.reminders_tick")  # exactly what the beat sends
        limit = tick + args.timeout
        while time.monotonic() < limit and sink.count() < expected:
            time.sleep(0.05)
        time.sleep(3)  # a duplicate would arrive now
        with sink.lock:
            received = list(sink.received)
        last = max((at for _rcpt, at in received), default=tick)
        per_key = Counter(rcpt for rcpt, _at in received)  # one deadline: recipient = (recipient, deadline)
        duplicates = sum(n - 1 for n in per_key.values())

        from reminders.models import ReminderDispatch

        statuses = Counter(ReminderDispatch.objects.values_list("status", flat=True))
        raw = baseline(controller.port, expected)
        elapsed = last - tick
        print(f"reminders expected: {expected}; accepted by the sink: {len(received)}; duplicates: {duplicates}")
        print(f"beat tick → last message accepted: {elapsed:.2f} s ({len(received) / elapsed:.0f} messages/s)")
        print(f"baseline, the same {expected} messages over one SMTP connection: {raw:.2f} s ({expected / raw:.0f}/s)")
        print(f"dispatch rows: {dict(statuses)}")
        met = elapsed < 30 and duplicates == 0 and len(received) == expected
        print(f"target: under 30 s, 0 duplicates → {'met' if met else 'NOT met'}")
    finally:
        if worker is not None:
            os.killpg(worker.pid, signal.SIGTERM)
            try:
                worker.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(worker.pid, signal.SIGKILL)
        controller.stop()
        from django.db import connections

        connections.close_all()
        if args.postgres:
            admin.cursor().execute(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')
            admin.close()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
