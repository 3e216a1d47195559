from django.urls import reverse

from tests.url_table import UrlCase

# person_a1 works at school_a1: its clerk sees them but may not export national IDs; the head of
# another school does not see them; officers above may; the leader reads only.
CASES = [
    UrlCase(
        "privacy:person-data",
        lambda w: reverse("privacy:person-data", args=[w.person_a1.pk]),
        {
            "school_clerk": 403,
            "other_head": 404,
            "phong_officer": 200,
            "so_officer": 200,
            "leader": 403,
            "outsider": 404,
        },
    ),
]
