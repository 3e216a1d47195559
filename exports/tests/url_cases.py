"""The permission table rows of exports: a job is its owner's alone (the Sở officer's here); every other
persona is answered 404 for it; the list shows each user their own jobs."""

from django.urls import reverse

from exports.tests.factories import done_job
from tests.url_table import UrlCase

PERSONAS = ("school_clerk", "other_head", "phong_officer", "so_officer", "leader", "outsider")
OWNER_ONLY = {**dict.fromkeys(PERSONAS, 404), "so_officer": 200}
EVERYONE = dict.fromkeys(PERSONAS, 200)


def _job(w):
    w.extra["export_job"] = done_job(w.users["so_officer"])


CASES = [
    UrlCase("exports:list", lambda w: reverse("exports:list"), EVERYONE),
    UrlCase("exports:job", lambda w: reverse("exports:job", args=[w.extra["export_job"].pk]), OWNER_ONLY, setup=_job),
    UrlCase(
        "exports:download",
        lambda w: reverse("exports:download", args=[w.extra["export_job"].pk]),
        OWNER_ONLY,
        setup=_job,
    ),
]
