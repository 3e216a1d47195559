"""The one way the portal sends email.

Every message is a template trio under ``templates/emails/``: ``<name>_subject.txt`` (one line),
``<name>_body.txt`` and ``<name>_body.html``, rendered in the portal's language. Callers pass a
connection when they send many messages at once (one SMTP session for a batch). Errors are raised,
never swallowed: the caller decides whether a failed send is retried.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def render_subject(name: str, context: dict) -> str:
    """The one-line subject of the email template ``name`` (also the title of in-app notices)."""
    with translation.override(settings.LANGUAGE_CODE):
        return " ".join(render_to_string(f"emails/{name}_subject.txt", context).split())


def render_email(name: str, context: dict) -> tuple[str, str, str]:
    """(subject, text, html) of the email template ``name``."""
    subject = render_subject(name, context)
    with translation.override(settings.LANGUAGE_CODE):
        text = render_to_string(f"emails/{name}_body.txt", context)
        html = render_to_string(f"emails/{name}_body.html", context)
    return subject, text, html


def send_email(*, name: str, to: list[str], context: dict, connection=None, headers: dict | None = None) -> int:
    """Render ``name`` and send it; returns the number of messages the mail server accepted (0 or 1)."""
    subject, text, html = render_email(name, context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        connection=connection,
        headers=headers,
    )
    message.attach_alternative(html, "text/html")
    return message.send(fail_silently=False)
