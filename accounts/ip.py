"""The client's address, for throttling and the audit log.

Directly exposed (``make run``, gunicorn on its own), the address is ``REMOTE_ADDR``. Behind
reverse proxies, ``REMOTE_ADDR`` is the proxy: set ``PORTAL_TRUSTED_PROXIES`` to how many proxies
append to ``X-Forwarded-For``, and the address is the one the outermost trusted proxy saw. A client
cannot choose it by sending its own header: entries it added sit to the left of those the proxies
appended, and are not read.
"""

from django.conf import settings


def client_ip(request) -> str:
    if request is None:
        return ""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    proxies = getattr(settings, "PORTAL_TRUSTED_PROXIES", 0)
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < proxies:
        return remote
    return forwarded[-proxies]
