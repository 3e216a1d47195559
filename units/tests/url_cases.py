from django.urls import reverse

from tests.url_table import UrlCase

EVERYONE = dict.fromkeys(("school_clerk", "other_head", "phong_officer", "so_officer", "leader", "outsider"), 200)

CASES = [
    UrlCase("units:home", lambda w: reverse("units:home"), EVERYONE),
    UrlCase("units:notification-list", lambda w: reverse("units:notification-list"), EVERYONE),
    UrlCase(
        "units:notification-mark-read",
        lambda w: reverse("units:notification-mark-read"),
        dict.fromkeys(EVERYONE, 302),
        method="post",
    ),
]
