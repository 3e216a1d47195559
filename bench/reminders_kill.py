"""Benchmark: nothing lost, nothing sent twice, when the worker is killed with SIGKILL mid-send.

    .venv/bin/python bench/reminders_kill.py             # 5 runs × 3,000 mails, PostgreSQL
    .venv/bin/python bench/reminders_kill.py --sqlite    # the same on a throwaway SQLite file
    .venv/bin/python bench/reminders_kill.py --runs 1 --units 100 --json   # what the test runs

What it does, all on this machine: builds a throwaway database (the world of ``bench/reminders.py``:
1,000 schools × 3 recipients, one deadline in 7 days: 3,000 reminders due at once); starts an
aiosmtpd sink that records the ``X-Reminder-Dispatch`` header of every message it accepts. Then,
``--runs`` times: forgets the previous run's dispatch rows, empties Redis db 15, starts a real Celery
worker (a subprocess, prefork ``--concurrency``), plays the beat (the tick task every
``--tick-seconds``), kills the worker's whole process group with SIGKILL when the sink has accepted
a random share (10–90 %) of the mails, starts a new worker, and waits until every row is settled
(sent, or in doubt) — the ticks give back the claims the dead worker never handed over. Per run it
prints: mails sent, duplicates (a dispatch id the sink accepted twice), rows left in doubt, rows
lost (neither received nor in doubt), and the worker's concurrency. A script, not a test: it prints
(``--json``: one JSON object per run on its own line, for ``reminders/tests/test_kill.py``).

The timeouts are shortened so that a run takes a minute, not an hour: a claim never handed over is
given back after 3 s, a handoff without an answer is marked in doubt after 5 s, rows handed to the
broker and never claimed are handed over again after 20 s.
"""

import argparse
import importlib.util
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = "redis://127.0.0.1:6379/15"
HEADER = re.compile(rb"^X-Reminder-Dispatch: *([0-9,]+)", re.MULTILINE | re.IGNORECASE)
SETTLE_TIMEOUT = 240.0


def _bench_reminders():
    """``bench/reminders.py`` (its world and helpers), loaded by path: ``reminders`` is also an app."""
    spec = importlib.util.spec_from_file_location("bench_reminders", ROOT / "bench" / "reminders.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class DispatchSink:
    """An aiosmtpd handler that keeps the dispatch ids of every message it accepts."""

    def __init__(self):
        self.lock = threading.Lock()
        self.ids: list[int] = []

    async def handle_DATA(self, server, session, envelope):
        match = HEADER.search(envelope.content)
        with self.lock:
            if match:
                self.ids.extend(int(pk) for pk in match.group(1).split(b","))
        return "250 OK"

    def count(self) -> int:
        with self.lock:
            return len(self.ids)

    def take(self) -> list[int]:
        with self.lock:
            ids, self.ids = self.ids, []
        return ids


class Worker:
    """A real Celery worker in its own process group, so that SIGKILL takes every pool process."""

    def __init__(self, concurrency: int, log: Path):
        self.process = subprocess.Popen(
            [
                str(ROOT / ".venv/bin/celery"),
                "-A",
                "config",
                "worker",
                "-l",
                "warning",
                "--concurrency",
                str(concurrency),
                "-n",
                f"kill-{uuid.uuid4().hex[:6]}@%h",
            ],
            cwd=ROOT,
            env=os.environ.copy(),
            start_new_session=True,
            stdout=open(log, "a"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
        )

    def wait_ready(self, app, timeout: float = 60) -> None:
        limit = time.monotonic() + timeout
        while time.monotonic() < limit:
            if app.control.ping(timeout=0.5):
                return
            time.sleep(0.2)
        raise RuntimeError("the worker did not answer a ping")

    def kill(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.kill()


class Beat(threading.Thread):
    """Sends the tick task every ``every`` seconds, as celery beat does."""

    def __init__(self, app, every: float):
        super().__init__(daemon=True)
        self.app, self.every, self.stopped = app, every, threading.Event()

    def run(self):
        while not self.stopped.is_set():
            self.app.send_task("reminders.tasks.reminders_tick")
            self.stopped.wait(self.every)


def one_run(*, app, sink, expected: int, concurrency: int, tick_seconds: float, workdir: Path, rng) -> dict:
    import redis
    from django.db import close_old_connections

    from reminders.enums import DispatchStatus
    from reminders.models import ReminderDispatch
    from units.models import Notification

    close_old_connections()
    ReminderDispatch.objects.all().delete()
    Notification.objects.filter(event="").delete()
    redis.Redis.from_url(REDIS_URL).flushdb()  # db 15 is this bench's own
    sink.take()
    began = time.monotonic()
    worker = Worker(concurrency, workdir / "worker.log")
    worker.wait_ready(app)
    beat = Beat(app, tick_seconds)
    beat.start()
    kill_at = int(expected * rng.uniform(0.1, 0.9))
    limit = time.monotonic() + SETTLE_TIMEOUT
    while sink.count() < kill_at and time.monotonic() < limit:
        time.sleep(0.005)
    worker.kill()
    killed_after = sink.count()
    sending_at_kill = ReminderDispatch.objects.filter(status=DispatchStatus.SENDING).count()
    worker = Worker(concurrency, workdir / "worker.log")
    try:
        worker.wait_ready(app)
        unsettled = (DispatchStatus.PENDING, DispatchStatus.CLAIMED, DispatchStatus.FAILED, DispatchStatus.SENDING)
        while time.monotonic() < limit:
            if (
                ReminderDispatch.objects.count() == expected
                and not ReminderDispatch.objects.filter(status__in=unsettled).exists()
            ):
                break
            time.sleep(0.5)
        time.sleep(2)  # a duplicate would arrive now
    finally:
        beat.stopped.set()
        beat.join()
        worker.stop()
    elapsed = time.monotonic() - began
    received = Counter(sink.take())
    statuses = Counter(ReminderDispatch.objects.values_list("status", flat=True))
    in_doubt = set(
        ReminderDispatch.objects.filter(status__in=(DispatchStatus.IN_DOUBT, DispatchStatus.SENDING)).values_list(
            "pk", flat=True
        )
    )
    every = set(ReminderDispatch.objects.values_list("pk", flat=True))
    return {
        "expected": expected,
        "sent": len(received),
        "duplicates": sum(n - 1 for n in received.values()),
        "in_doubt": len(in_doubt),
        "in_doubt_received": len(in_doubt & set(received)),
        "lost": len(every - set(received) - in_doubt),
        "concurrency": concurrency,
        "killed_after": killed_after,
        "sending_at_kill": sending_at_kill,
        "statuses": dict(statuses),
        "seconds": round(elapsed, 1),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sqlite", action="store_true", help="a throwaway SQLite file instead of PostgreSQL")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--units", type=int, default=1000, help="schools (3 reminders each); a multiple of 10")
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--tick-seconds", type=float, default=2.0)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--json", action="store_true", help="one JSON object per run")
    args = parser.parse_args()
    rng = random.Random(args.seed)

    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.RedisError:
        sys.exit("Redis does not answer on 127.0.0.1:6379; start redis-server first.")

    bench = _bench_reminders()
    bench.UNITS = args.units
    workdir = Path(tempfile.mkdtemp(prefix="bench-reminders-kill-"))
    db_name = f"bench_kill_{uuid.uuid4().hex[:8]}"
    admin = None
    if args.sqlite:
        database_url = f"sqlite:///{workdir / 'bench.sqlite3'}"
    else:
        import psycopg2

        admin = psycopg2.connect("postgresql://postgres@127.0.0.1:5432/postgres")
        admin.autocommit = True
        admin.cursor().execute(f'CREATE DATABASE "{db_name}"')
        database_url = f"postgres://postgres@127.0.0.1:5432/{db_name}"

    from aiosmtpd.controller import Controller

    sink = DispatchSink()
    controller = Controller(sink, hostname="127.0.0.1", port=bench.free_port())
    controller.start()
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings.base",
        DATABASE_URL=database_url,
        REDIS_URL=REDIS_URL,
        EMAIL_URL=f"smtp://127.0.0.1:{controller.port}",
        DEBUG="False",
        LOG_LEVEL="ERROR",
        PORTAL_BASE_URL="https://thidua.example.vn",
        REMINDER_CLAIM_TIMEOUT_SECONDS="3",
        REMINDER_SENDING_TIMEOUT_SECONDS="5",
        REMINDER_REQUEUE_AFTER_SECONDS="20",
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from config.celery import app

    results = []
    try:
        began = time.monotonic()
        call_command("migrate", verbosity=0)
        expected = bench.build_world()
        if not args.json:
            print(
                f"database: {'SQLite' if args.sqlite else 'PostgreSQL'}; {expected} reminders per run; "
                f"built in {time.monotonic() - began:.1f} s"
            )
        for n in range(1, args.runs + 1):
            result = one_run(
                app=app,
                sink=sink,
                expected=expected,
                concurrency=args.concurrency,
                tick_seconds=args.tick_seconds,
                workdir=workdir,
                rng=rng,
            )
            results.append(result)
            if args.json:
                print(json.dumps(result), flush=True)
            else:
                print(
                    f"run {n}: killed after {result['killed_after']} mails; sent {result['sent']}/{expected}, "
                    f"duplicates {result['duplicates']}, in doubt {result['in_doubt']} "
                    f"({result['in_doubt_received']} of them reached the sink), lost {result['lost']}, "
                    f"concurrency {result['concurrency']}; {result['seconds']} s; rows {result['statuses']}",
                    flush=True,
                )
        if not args.json:
            met = all(r["duplicates"] == 0 and r["lost"] == 0 and r["in_doubt"] <= r["concurrency"] for r in results)
            print(f"total {time.monotonic() - began:.1f} s")
            print(f"target: 0 duplicates, 0 lost, in doubt ≤ concurrency in every run → {'met' if met else 'NOT met'}")
    finally:
        controller.stop()
        from django.db import connections

        connections.close_all()
        if admin is not None:
            admin.cursor().execute(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')
            admin.close()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
