"""Send the deadline reminders that are due now: the same service the beat's tick runs."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from common.dates import short_date
from reminders.selectors import reminders_due
from reminders.services import reminders_tick


class Command(BaseCommand):
    help = "Send the deadline reminders due now (exactly once; safe to run at any time, or twice)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only list what is due; record and send nothing.")
        parser.add_argument(
            "--enqueue", action="store_true", help="Hand the sending to the Celery workers instead of sending here."
        )

    def handle(self, *args, dry_run=False, enqueue=False, **options):
        if dry_run:
            planned = reminders_due(today=timezone.localdate())
            for item in planned:
                self.stdout.write(
                    f"{item.kind}\tdeadline={item.deadline_id}\tunit={item.unit_id}\t"
                    f"recipient={item.recipient_id}\toffset={item.offset:+d}\tdue={short_date(item.due_on)}"
                )
            self.stdout.write(f"{len(planned)} due")
            return
        result = reminders_tick(enqueue=enqueue)
        if enqueue:
            self.stdout.write(f"recorded={result.planned} handed_over={result.handed_over}")
        else:
            self.stdout.write(
                f"recorded={result.planned} sent={result.sent} failed={result.failed} cancelled={result.cancelled}"
            )
