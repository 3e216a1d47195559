"""Print where the portal runs, the demo accounts to log in with, and how to pass the second factor."""

from django.core.management.base import BaseCommand

from accounts import demo as accounts_demo
from units import demo
from units.models import User


def _qr_text(data: str) -> str:
    """A QR code drawn with half-block characters (two modules per character row)."""
    import io

    import qrcode

    code = qrcode.QRCode(border=2)
    code.add_data(data)
    out = io.StringIO()
    code.print_ascii(out=out, invert=True)
    return out.getvalue()


class Command(BaseCommand):
    help = (
        "Print the portal URL, a table of demo usernames, roles, units and the shared password, and for the "
        "accounts that need a second factor its authenticator key and a recovery code."
    )

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000/", help="Where the portal answers.")
        parser.add_argument(
            "--qr", action="store_true", help="Also print each authenticator key as a QR code to scan with a phone."
        )

    def handle(self, *args, url, qr=False, **options):
        rows = demo.demo_logins()
        users = {u.username: u for u in User.objects.filter(username__in=[r["username"] for r in rows])}
        hints = {name: accounts_demo.second_factor_hint(user) for name, user in users.items()}
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Portal: {url}"))
        self.stdout.write(f"Demo password (every account): {demo.DEMO_PASSWORD}")
        widths = [max(len(row[key]) for row in rows) for key in ("username", "roles")]
        header = f"{'Username':<{widths[0]}}  {'Roles':<{widths[1]}}  Unit"
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for row in rows:
            self.stdout.write(f"{row['username']:<{widths[0]}}  {row['roles']:<{widths[1]}}  {row['unit']}")
            hint = hints.get(row["username"])
            if hint:
                self.stdout.write(
                    f"{'':<{widths[0]}}  second factor: authenticator key {hint['secret']}"
                    f"  or recovery code {hint['recovery_code']}  (current code: manage.py totp_code {row['username']})"
                )
                if qr:
                    self.stdout.write(_qr_text(hint["url"]))
        self.stdout.write("")
