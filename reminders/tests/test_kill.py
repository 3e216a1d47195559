"""A worker killed with SIGKILL mid-run loses nothing and sends nothing twice.

This runs ``bench/reminders_kill.py`` once, small: a real Celery worker (prefork, two processes) on
Redis db 15, an aiosmtpd server and a throwaway SQLite database of its own (a worker in another
process cannot see the test database), 300 reminders, the worker's process group killed when the
mail server has a random share of them, a new worker started, the ticks giving back what the dead
worker had claimed. What counts is read from the mail server (each ``X-Reminder-Dispatch`` id) and
the database after every row has settled, never from a count after a sleep.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCH_ARGS = ("--sqlite", "--runs", "1", "--units", "100", "--concurrency", "2", "--seed", "13", "--json")
pytestmark = pytest.mark.redis


def test_a_worker_killed_mid_run_sends_nothing_twice_and_leaves_at_most_its_concurrency_in_doubt():
    completed = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "reminders_kill.py"), *BENCH_ARGS],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    (run,) = [json.loads(line) for line in completed.stdout.splitlines() if line.startswith("{")]
    assert run["expected"] == 300
    assert 0 < run["killed_after"] < 300  # killed mid-run, not before the first mail or after the last
    assert (run["duplicates"], run["lost"]) == (0, 0)
    assert run["in_doubt"] <= run["concurrency"] == 2
    # Every row settled: sent, or in doubt for staff; whatever reached the mail server counts as sent.
    assert set(run["statuses"]) <= {"sent", "in_doubt"}
    assert run["sent"] == run["statuses"].get("sent", 0) + run["in_doubt_received"]
