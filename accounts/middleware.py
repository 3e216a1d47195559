"""Two guards on every request of a logged-in user, at no query in the steady state.

``IdleSessionMiddleware``: a session ends ``SESSION_COOKIE_AGE`` seconds after the last request.
Instead of saving the session on every request (a write per page view, which SQLite pays for
with its one write lock), the expiry is pushed forward at most once per ``SESSION_RENEW_SECONDS``.

``SecondFactorMiddleware``: after the password, nothing opens until the second factor is passed.
What the account needs is decided at login (``accounts.signals``) and kept in the session: an
account with an authenticator is sent to enter its code, an account that must have one
(``accounts.policy``) and has none yet is sent to set it up. Logging out, the second-factor pages
and static files stay open.
"""

import time

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from accounts.policy import second_factor_step

SESSION_RENEWED_KEY = "accounts.renewed"
SESSION_SECOND_FACTOR_KEY = "accounts.second_factor"
OPEN_URL_NAMES = ("accounts:verify", "accounts:setup", "logout")


class IdleSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and request.user.is_authenticated:
            now = int(time.time())
            if now - session.get(SESSION_RENEWED_KEY, 0) >= settings.SESSION_RENEW_SECONDS:
                session[SESSION_RENEWED_KEY] = now  # marks the session modified: saved with a new expiry
        return self.get_response(request)


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified():
            target = request.session.get(SESSION_SECOND_FACTOR_KEY)
            if target is None:  # a session from before this guard: decide once
                target = request.session[SESSION_SECOND_FACTOR_KEY] = second_factor_step(user)
            if target and not self._open(request.path):
                response = redirect(f"{reverse(target)}?next={request.get_full_path()}")
                if getattr(request, "htmx", False):
                    response["HX-Redirect"] = response["Location"]
                return response
        return self.get_response(request)

    @staticmethod
    def _open(path: str) -> bool:
        return path.startswith(settings.STATIC_URL) or path in {reverse(name) for name in OPEN_URL_NAMES}
