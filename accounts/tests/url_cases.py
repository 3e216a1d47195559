from django.urls import reverse

from tests.url_table import UrlCase

PERSONAS = ("school_clerk", "other_head", "phong_officer", "so_officer", "leader", "outsider")
EVERYONE = dict.fromkeys(PERSONAS, 200)
# Pages for people who are not logged in (yet): the anonymous visitor gets them too.
OPEN = {**EVERYONE, "anonymous": 200}

CASES = [
    UrlCase("accounts:verify", lambda w: reverse("accounts:verify"), EVERYONE),
    UrlCase("accounts:setup", lambda w: reverse("accounts:setup"), EVERYONE),
    UrlCase("accounts:security", lambda w: reverse("accounts:security"), EVERYONE),
    # Without an authenticator there are no recovery codes to replace: back to the security page.
    UrlCase(
        "accounts:recovery-codes",
        lambda w: reverse("accounts:recovery-codes"),
        dict.fromkeys(PERSONAS, 302),
        method="post",
    ),
    UrlCase("password_change", lambda w: reverse("password_change"), EVERYONE),
    UrlCase("password_change_done", lambda w: reverse("password_change_done"), EVERYONE),
    UrlCase("password_reset", lambda w: reverse("password_reset"), OPEN),
    UrlCase("password_reset_done", lambda w: reverse("password_reset_done"), OPEN),
    UrlCase(
        "password_reset_confirm",
        lambda w: reverse("password_reset_confirm", args=["MQ", "khong-hop-le"]),
        OPEN,
    ),
    UrlCase("password_reset_complete", lambda w: reverse("password_reset_complete"), OPEN),
    # Operations (config/urls.py): the health check is open; the queue page is for system administrators.
    UrlCase("health", lambda w: reverse("health"), OPEN),
    UrlCase("ops-queues", lambda w: reverse("ops-queues"), dict.fromkeys(PERSONAS, 403)),
]
