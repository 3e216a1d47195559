"""Print where the portal runs and the demo accounts to log in with."""

from django.core.management.base import BaseCommand

from units import demo


class Command(BaseCommand):
    help = "Print the portal URL and a table of demo usernames, roles, units and the shared password."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000/", help="Where the portal answers.")

    def handle(self, *args, url, **options):
        rows = demo.demo_logins()
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Portal: {url}"))
        self.stdout.write(f"Demo password (every account): {demo.DEMO_PASSWORD}")
        widths = [max(len(row[key]) for row in rows) for key in ("username", "roles")]
        header = f"{'Username':<{widths[0]}}  {'Roles':<{widths[1]}}  Unit"
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for row in rows:
            self.stdout.write(f"{row['username']:<{widths[0]}}  {row['roles']:<{widths[1]}}  {row['unit']}")
        self.stdout.write("")
