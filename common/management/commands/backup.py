"""manage.py backup [--output FILE]: the database and every uploaded file in one .tar.gz."""

import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from common import backup


class Command(BaseCommand):
    help = "Back up the database (SQLite online backup or pg_dump) and the uploaded files into one archive."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="Archive to write (default: var/backups/thidua-<time>.tar.gz).")
        parser.add_argument("--database", default="default")

    def handle(self, *args, output, database, **options):
        stamp = datetime.datetime.now(tz=datetime.UTC).strftime("%Y%m%d-%H%M%S")
        path = Path(output) if output else Path(settings.BASE_DIR) / "var" / "backups" / f"thidua-{stamp}.tar.gz"
        try:
            manifest = backup.backup(path, using=database)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest.tables.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written: {path} ({manifest.engine}, {len(manifest.tables)} tables, {rows} rows, "
                f"{len(manifest.files)} files, {path.stat().st_size / 1_048_576:.1f} MB)"
            )
        )
