"""Prove that a database filled by an older revision migrates forward with nothing lost.

    .venv/bin/python scripts/check_migrate_forward.py OLD_REV [--database-url URL]

Checks OLD_REV out in a temporary worktree, migrates an empty database with it and loads its demo
data (`seed_demo`), counts the rows of every table, migrates the same database with the current
tree, and counts again. Prints both counts per table and exits non-zero when a table lost rows.
Default database: a temporary SQLite file; give a PostgreSQL URL to check there (the database is
dropped and created again).
"""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"


def run(cwd: Path, url: str, *args: str) -> None:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings.base"}
    subprocess.run([str(PYTHON), "manage.py", *args], cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL)


def counts(url: str) -> dict[str, int]:
    code = (
        "from django.db import connection\n"
        "names = sorted(connection.introspection.table_names())\n"
        "with connection.cursor() as c:\n"
        "    for n in names:\n"
        "        c.execute(f'SELECT COUNT(*) FROM \"{n}\"')\n"
        "        print(n, c.fetchone()[0])\n"
    )
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings.base"}
    out = subprocess.run(
        [str(PYTHON), "manage.py", "shell", "-v", "0", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return {name: int(n) for name, n in (line.rsplit(" ", 1) for line in out.splitlines() if line.strip())}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("old_rev")
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{tmp}/forward.sqlite3"
        if url.startswith("postgres"):
            base, _, name = url.rpartition("/")
            for sql in (f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"'):
                subprocess.run(["psql", f"{base}/postgres", "-qc", sql], check=True)
        old = Path(tmp) / "old"
        subprocess.run(["git", "worktree", "add", "-q", "--detach", str(old), args.old_rev], cwd=ROOT, check=True)
        try:
            (old / ".venv").symlink_to(ROOT / ".venv")
            vendor = ROOT / "static" / "vendor"
            if vendor.exists():
                subprocess.run(["cp", "-r", str(vendor), str(old / "static")], check=True)
            run(old, url, "migrate", "--noinput")
            run(old, url, "seed_demo")
            before = counts(url)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(old)], cwd=ROOT, check=True)
        run(ROOT, url, "migrate", "--noinput")
        after = counts(url)
    lost = {t: (n, after.get(t)) for t, n in before.items() if after.get(t) != n and t != "django_migrations"}
    for table in sorted(before):
        mark = "  LOST" if table in lost else ""
        print(f"{table:45} {before[table]:>7} {after.get(table, '—'):>7}{mark}")
    print(f"{len(before)} tables, {sum(before.values())} rows before; tables that changed: {len(lost)}")
    return 1 if lost else 0


if __name__ == "__main__":
    sys.exit(main())
