from django.urls import reverse

from tests.url_table import UrlCase

EVERYONE = {p: 200 for p in ("school_clerk", "other_head", "phong_officer", "so_officer", "leader", "outsider")}

CASES = [
    UrlCase("units:home", lambda w: reverse("units:home"), EVERYONE),
    UrlCase("units:notification-list", lambda w: reverse("units:notification-list"), EVERYONE),
    UrlCase(
        "units:notification-mark-read",
        lambda w: reverse("units:notification-mark-read"),
        {p: 302 for p in EVERYONE},
        method="post",
    ),
]
