from django.urls import reverse

from tests.url_table import UrlCase
from units.tests.url_cases import merged_into_vinhlong

PERSONAS = ("school_clerk", "other_head", "phong_officer", "so_officer", "leader", "outsider")
EVERYONE = dict.fromkeys(PERSONAS, 200)
# Reading school A1's history: its clerk and the officers/leader above it; not the other school, not outsiders.
READ_A1 = {
    "school_clerk": 200,
    "other_head": 404,
    "phong_officer": 200,
    "so_officer": 200,
    "leader": 200,
    "outsider": 404,
}
# Recording for school A1: as reading, but the leader is read-only.
WRITE_A1 = {**READ_A1, "leader": 403}
WRITE_A1_DONE = {**WRITE_A1, "school_clerk": 302, "phong_officer": 302, "so_officer": 302}
# Local rules: officers of a Sở (or province, ministry) for their own scope.
RULES = {
    "school_clerk": 403,
    "other_head": 403,
    "phong_officer": 403,
    "so_officer": 200,
    "leader": 403,
    "outsider": 200,
}
IMPORT = {**EVERYONE, "leader": 403}


def person_url(name):
    return lambda w: reverse(name, kwargs={"pk": w.person_a1.pk})


def unit_url(name):
    return lambda w: reverse(name, kwargs={"pk": w.school_a1.pk})


def merged(name, url, expect, extra):
    """The same row after the test Sở merged into Vĩnh Long: its officer and leader inherit it."""
    return UrlCase(name, url, expect, setup=merged_into_vinhlong, extra_personas=extra, id=f"{name} (after the merger)")


MERGED_READ = {"vinhlong_officer": 200, "vinhlong_leader": 200}
MERGED_WRITE = {"vinhlong_officer": 200, "vinhlong_leader": 403}


CASES = [
    UrlCase("awards:index", lambda w: reverse("awards:index"), dict.fromkeys(EVERYONE, 302)),
    UrlCase("awards:catalogue", lambda w: reverse("awards:catalogue"), EVERYONE),
    UrlCase("awards:award-detail", lambda w: reverse("awards:award-detail", kwargs={"code": "CSTD_TINH"}), EVERYONE),
    UrlCase("awards:rule-add", lambda w: reverse("awards:rule-add", kwargs={"code": "CSTDCS"}), RULES),
    UrlCase("awards:search", lambda w: reverse("awards:search"), EVERYONE),
    UrlCase("awards:search-export", lambda w: reverse("awards:search-export"), EVERYONE),
    UrlCase("awards:person-history", person_url("awards:person-history"), READ_A1),
    UrlCase(
        "awards:person-history",
        lambda w: (
            reverse("awards:person-history", kwargs={"pk": w.person_a1.pk}) + "?award=LDTT&nam=2025&ngay=2026-06-15"
        ),
        READ_A1,
        id="awards:person-history?eligibility",
    ),
    UrlCase("awards:person-award-add", person_url("awards:person-award-add"), WRITE_A1),
    UrlCase("awards:person-rating-add", person_url("awards:person-rating-add"), WRITE_A1),
    UrlCase(
        "awards:person-rating-add",
        person_url("awards:person-rating-add"),
        WRITE_A1_DONE,
        method="post",
        data=lambda w: {"school_year": 2025, "rating": "good"},
        id="awards:person-rating-add(post)",
    ),
    UrlCase("awards:person-restriction-add", person_url("awards:person-restriction-add"), WRITE_A1),
    UrlCase("awards:person-initiative-add", person_url("awards:person-initiative-add"), WRITE_A1),
    UrlCase("awards:person-period-add", person_url("awards:person-period-add"), WRITE_A1),
    UrlCase("awards:unit-history", unit_url("awards:unit-history"), READ_A1),
    UrlCase("awards:unit-award-add", unit_url("awards:unit-award-add"), WRITE_A1),
    UrlCase("awards:unit-rating-add", unit_url("awards:unit-rating-add"), WRITE_A1),
    UrlCase("awards:unit-restriction-add", unit_url("awards:unit-restriction-add"), WRITE_A1),
    UrlCase("awards:suggestions", unit_url("awards:suggestions"), READ_A1),
    UrlCase("awards:suggestions-export", unit_url("awards:suggestions-export"), READ_A1),
    UrlCase(
        "awards:suggestions",
        unit_url("awards:suggestions"),
        WRITE_A1,
        method="post",
        id="awards:suggestions(confirm)",
    ),
    UrlCase("awards:import", lambda w: reverse("awards:import"), IMPORT),
    UrlCase("awards:import-template", lambda w: reverse("awards:import-template"), IMPORT),
    # Merger continuity: the Vĩnh Long accounts read (and the officer records) the merged history.
    merged("awards:person-history", person_url("awards:person-history"), READ_A1, MERGED_READ),
    merged("awards:unit-history", unit_url("awards:unit-history"), READ_A1, MERGED_READ),
    merged("awards:suggestions", unit_url("awards:suggestions"), READ_A1, MERGED_READ),
    merged("awards:suggestions-export", unit_url("awards:suggestions-export"), READ_A1, MERGED_READ),
    merged("awards:person-award-add", person_url("awards:person-award-add"), WRITE_A1, MERGED_WRITE),
]
