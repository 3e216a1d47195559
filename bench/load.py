"""A bounded load test of the loopback stack (scripts/stack.sh), with faults on request.

    bash scripts/stack.sh start                  # first: nginx, two web nodes, primary + replica, workers…
    .venv/bin/python bench/load.py               # 200 users across the personas for 5 minutes
    .venv/bin/python bench/load.py --minutes 2 --users 100
    .venv/bin/python bench/load.py --faults      # and, at ¼, ½ and ¾ of the run: kill web node 1 (SIGKILL),
                                                 # stop the replica, kill Celery worker 1 (SIGKILL)

Locust runs headless (bench/locustfile.py) against nginx on 127.0.0.1:8100 only, bounded in users and
time; it stops by itself. Printed: per phase (before the faults, after each one) the requests, the
error rate and the p50/p95 per page; then the reminders the SMTP sink received during the run and how
many were received twice (the X-Reminder-Dispatch header of each message). So that reminders are
due, a plan of the Sở above the demo's first school clerk is launched at the start, its report due
at the first reminder offset.
With --faults the stack is put back afterwards (scripts/stack.sh start). Exit status 1 when any
request failed or a reminder was sent twice.
"""

import argparse
import collections
import email
import itertools
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"


def stack_env() -> dict:
    out = subprocess.run(["bash", str(ROOT / "scripts/stack.sh"), "env"], capture_output=True, text=True, check=True)
    return dict(line.split("=", 1) for line in out.stdout.splitlines() if "=" in line)


def write_accounts(env: dict, path: Path) -> collections.Counter:
    """The demo accounts of the stack's database, by persona (clerk, officer, leader)."""
    code = (
        "import json, django; django.setup()\n"
        "from units.demo import DEMO_USERNAMES\n"
        "from units.models import User\n"
        "rows = []\n"
        "for u in User.objects.filter(username__in=DEMO_USERNAMES, is_active=True):\n"
        "    persona = 'officer' if u.is_officer else 'leader' if u.is_leader else "
        "'clerk' if (u.is_clerk or u.is_unit_head) else ''\n"
        "    if persona: rows.append({'username': u.username, 'persona': persona})\n"
        "print(json.dumps(rows))\n"
    )
    out = subprocess.run(
        [str(BIN / "python"), "-c", code], cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True
    )
    if out.returncode:
        sys.exit(f"cannot read the stack's accounts:\n{out.stderr[-2000:]}")
    rows = json.loads(out.stdout.strip().splitlines()[-1])
    path.write_text(json.dumps(rows), encoding="utf-8")
    return collections.Counter(row["persona"] for row in rows)


def kill_group(var: Path, name: str) -> str:
    pid = int((var / "run" / f"{name}.pid").read_text())
    os.killpg(pid, signal.SIGKILL)  # each stack process leads its own group (setsid): the workers die too
    return f"{name} (process group {pid}) killed with SIGKILL"


def stop_replica() -> str:
    subprocess.run(["pg_ctlcluster", "15", "replica", "stop", "-m", "immediate"], check=True)
    return "replica cluster 15/replica stopped (immediate)"


def reminder_ids(maildir: Path, since: float) -> collections.Counter:
    ids: collections.Counter = collections.Counter()
    for folder in ("new", "cur"):
        for path in (maildir / folder).glob("*") if (maildir / folder).exists() else []:
            if path.stat().st_mtime < since:
                continue
            header = email.message_from_bytes(path.read_bytes()).get("X-Reminder-Dispatch")
            for part in (header or "").split(","):
                if part.strip():
                    ids[part.strip()] += 1
    return ids


DUE_SOON = """
import datetime, django; django.setup()
from django.db import transaction
from django.utils import timezone
from campaigns import services
from campaigns.enums import CampaignKind, CampaignState
from reminders.selectors import reminder_offsets
from units.enums import UnitKind
from units.models import User
# The Sở above the first school clerk of the demo: its plan owes reminders to someone.
clerk = User.objects.filter(is_clerk=True, is_active=True, unit__isnull=False).order_by("pk").first()
so = next(u for u in clerk.unit.get_ancestors().reverse() if u.kind == UnitKind.EDUCATION_DEPARTMENT)
today, stamp = timezone.localdate(), timezone.localtime().strftime("%H%M%S")
offset = min(o for o in reminder_offsets() if o > 0)
atomic = transaction.atomic()
atomic.__enter__()
campaign = services.campaign_create(
    issuer=so, actor=None, title=f"Báo cáo nhanh trong kiểm thử tải {stamp}",
    kind=CampaignKind.REGULAR,
    number=int(stamp), symbol="KH-SGDĐT", issued_on=today, issued_place="Thử nghiệm", signer_name="Nguyễn Văn Thử",
    signer_title="GIÁM ĐỐC", starts_on=today, ends_on=today + datetime.timedelta(days=60),
)
services.milestone_create(
    campaign=campaign, actor=None, deliverable="plan", title="Báo cáo nhanh", recurrence="once",
    due_on=today + datetime.timedelta(days=offset),
)
services.campaign_set_state(campaign=campaign, new_state=CampaignState.LAUNCHED, actor=None, reason="kiểm thử tải")
atomic.__exit__(None, None, None)
print(campaign.pk)
"""


def reminders_fall_due(env: dict) -> None:
    """A plan of the Sở above the demo's first school clerk, launched now with a report due at the
    first reminder offset, so the beat has reminders to send while the load and the faults go on."""
    out = subprocess.run(
        [str(BIN / "python"), "-c", DUE_SOON], cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True
    )
    if out.returncode:
        sys.exit(f"cannot launch the plan whose reminders fall due:\n{out.stderr[-2000:]}")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


def report(events: Path, phases: list[tuple[str, float]], end: float) -> int:
    rows = []
    for line in events.read_text(encoding="utf-8").splitlines():
        at, name, ms, ok = line.split("\t")
        rows.append((float(at), name, float(ms), ok == "1"))
    failures = 0
    bounds = [*phases, ("", end + 60)]
    for (label, start), (_next, stop) in itertools.pairwise(bounds):
        chunk = [r for r in rows if start <= r[0] < stop]
        if not chunk:
            continue
        bad = sum(1 for r in chunk if not r[3])
        failures += bad
        seconds = max(1.0, min(stop, end) - start)
        print(
            f"\n--- {label}: {len(chunk)} requests in {seconds:.0f} s ({len(chunk) / seconds:.1f}/s), "
            f"errors {bad} ({100 * bad / len(chunk):.2f} %)"
        )
        by_page = collections.defaultdict(list)
        for r in chunk:
            by_page[r[1]].append(r[2])
        print(f"    {'page':<32} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
        for page in sorted(by_page):
            times = by_page[page]
            p50, p95 = percentile(times, 0.5), percentile(times, 0.95)
            print(f"    {page:<32} {len(times):>6} {p50:>8.0f} {p95:>8.0f} {max(times):>8.0f}")
    total = len(rows)
    print(f"\nAll phases: {total} requests, {failures} errors ({100 * failures / max(total, 1):.2f} %)")
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--spawn-rate", type=float, default=4.0, help="users started per second (each logs in once)")
    parser.add_argument(
        "--faults", action="store_true", help="kill web1, stop the replica, kill worker1 during the run"
    )
    parser.add_argument("--drain-seconds", type=int, default=90, help="wait after the run for reminders in flight")
    args = parser.parse_args()

    env = stack_env()
    var = Path(env["STACK_VAR"])
    accounts, events = var / "load-accounts.json", var / f"load-events-{int(time.time())}.tsv"
    personas = write_accounts(env, accounts)
    reminders_fall_due(env)
    print(f"Accounts by persona: {dict(personas)}; target {env['STACK_URL']}; {args.users} users, {args.minutes} min")
    seconds = int(args.minutes * 60)
    started = time.time()
    locust = subprocess.Popen(
        [
            str(BIN / "locust"),
            "-f",
            str(ROOT / "bench/locustfile.py"),
            "--headless",
            "--only-summary",
            "-u",
            str(args.users),
            "-r",
            str(args.spawn_rate),
            "-t",
            f"{seconds}s",
            "--stop-timeout",
            "15",
            "--host",
            env["STACK_URL"],
            "--loglevel",
            "WARNING",
        ],
        cwd=ROOT,
        env={**os.environ, "LOAD_ACCOUNTS": str(accounts), "LOAD_EVENTS": str(events)},
        stdout=subprocess.DEVNULL,
        stderr=open(var / "log" / "locust.log", "w"),  # noqa: SIM115
    )
    phases = [("before any fault" if args.faults else "run", started)]
    if args.faults:
        plan = [
            (0.25, lambda: kill_group(var, "web1"), "web1 killed"),
            (0.50, stop_replica, "web1 down + replica stopped"),
            (0.75, lambda: kill_group(var, "worker1"), "web1, replica, worker1 down"),
        ]
        for share, act, label in plan:
            time.sleep(max(0.0, started + share * seconds - time.time()))
            print(f"[{time.time() - started:5.0f} s] {act()}", flush=True)
            phases.append((label, time.time()))
    locust.wait(timeout=seconds + 120)
    end = time.time()
    failures = report(events, phases, end)

    print(f"\nWaiting {args.drain_seconds} s for reminders in flight (worker2 alone when worker1 was killed)…")
    time.sleep(args.drain_seconds)
    ids = reminder_ids(var / "maildir", started)
    twice = {k: v for k, v in ids.items() if v > 1}
    print(
        f"Reminders received during the run: {len(ids)} dispatches, {sum(ids.values())} deliveries, "
        f"received more than once: {len(twice)}"
    )
    if args.faults:
        print("Putting the stack back (scripts/stack.sh start)…")
        subprocess.run(["bash", str(ROOT / "scripts/stack.sh"), "start"], stdout=subprocess.DEVNULL, check=False)
    return 1 if failures or twice else 0


if __name__ == "__main__":
    sys.exit(main())
