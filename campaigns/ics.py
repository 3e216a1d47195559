"""The personal calendar feed: a secret per-user token and an iCalendar (RFC 5545) writer.

The token is derived, not stored: an HMAC of the user's id and password hash, so that a
calendar app can subscribe without a session, and changing the password revokes old links.
"""

import datetime

from django.core import signing
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from units.models import User

_SALT = "campaigns.ics-feed"


def _signature(user: User) -> str:
    return signing.Signer(salt=f"{_SALT}:{user.password}").signature(str(user.pk))


def feed_token(user: User) -> str:
    return f"{user.pk}.{_signature(user)}"


def user_for_token(token: str) -> User | None:
    user_id, _dot, signature = token.partition(".")
    if not user_id.isdigit() or not signature:
        return None
    user = User.objects.select_related("unit").filter(pk=int(user_id), is_active=True).first()
    if user is None or not constant_time_compare(signature, _signature(user)):
        return None
    return user


def _escape(text: str) -> str:
    return (
        str(text)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1)."""
    out, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not out else 74):
            out.append(current.decode("utf-8"))
            current = b""
        current += encoded
    out.append(current.decode("utf-8"))
    return "\r\n ".join(out)


def render_calendar(*, name: str, events: list[dict]) -> str:
    """``events``: dicts with uid, date, summary, description, url."""
    stamp = timezone.now().astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Cong thi dua khen thuong//Han nop//VI",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(name)}",
        "X-WR-TIMEZONE:Asia/Ho_Chi_Minh",
    ]
    for event in events:
        day: datetime.date = event["date"]
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event['uid']}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{day + datetime.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_escape(event['summary'])}",
            f"DESCRIPTION:{_escape(event['description'])}",
        ]
        if event.get("url"):
            lines.append(f"URL:{event['url']}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)
