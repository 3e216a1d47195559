"""manage.py restore FILE: put a backup back (database and uploaded files), then check it."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from common import backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into the portal's database and storage (or into "
        "--database-url / --media-root), then compare every table's row count and every file's checksum."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--database-url", help="Restore into this database instead (e.g. to try a backup).")
        parser.add_argument("--media-root", help="Restore the files into this folder instead.")
        parser.add_argument("--noinput", "--no-input", action="store_true", help="Do not ask for confirmation.")
        parser.add_argument("--database", default="default")

    def handle(self, *args, archive, database_url, media_root, noinput, database, **options):
        path = Path(archive)
        if not path.exists():
            raise CommandError(f"{path} does not exist.")
        if not noinput and not database_url:
            answer = input("This replaces the portal's database and uploaded files. Type 'yes' to go on: ")
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            problems = backup.restore(path, using=database, database_url=database_url, media_root=media_root)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        if problems["tables"] or problems["files"]:
            for name, (expected, found) in problems["tables"].items():
                self.stderr.write(f"table {name}: {expected} rows in the backup, {found} restored")
            for name, (expected, found) in problems["files"].items():
                self.stderr.write(f"file {name}: {expected} in the backup, {found} restored")
            raise CommandError("The restored state differs from the backup.")
        self.stdout.write(
            self.style.SUCCESS(f"Restored {path}: every table's row count and every file's checksum match.")
        )
