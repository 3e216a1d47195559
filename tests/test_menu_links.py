"""Every link a page shows is one its reader may follow.

For each persona of the ``world`` fixture (and a few more accounts the demo has: a Phòng clerk, a
school head, a council member, an administrator), render the home page and the main pages, collect
every ``<a href>`` that points inside the portal (menu and body), follow each as that user and fail
on 403, 404 or 500. A link the reader cannot follow must not be offered: the templates ask ``rules``.
"""

import datetime
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from campaigns import services as campaign_services
from campaigns.tests.factories import CampaignFactory
from units.tests.factories import UserFactory

PAGES = (
    "units:home",
    "reports:dashboard",
    "campaigns:list",
    "campaigns:my-deadlines",
    "awards:catalogue",
    "awards:search",
    "emulation:registration-index",
    "units:unit-list",
    "units:person-list",
    "units:notification-list",
)
# Links that are not pages to read: leaving, files served elsewhere, the admin site.
SKIPPED_PREFIXES = ("/static/", "/media/", "/admin/", "/dang-xuat/")


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href") or ""
            if href.startswith("/") and not href.startswith("//"):
                self.hrefs.append(href)


def _links(html: str) -> list[str]:
    parser = Links()
    parser.feed(html)
    return [href for href in parser.hrefs if not urlsplit(href).path.startswith(SKIPPED_PREFIXES)]


@pytest.fixture
def portal(world):
    """The world with a launched plan of the Sở (every unit below takes part) with a deadline, and a
    draft of Phòng A, so that the pages have rows and links to walk."""
    campaign = CampaignFactory(
        issuer=world.so,
        title="Phong trào thi đua dạy tốt, học tốt",
        starts_on=datetime.date(2026, 9, 1),
        ends_on=datetime.date(2027, 5, 31),
    )
    campaign_services.milestone_create(
        campaign=campaign,
        actor=None,
        deliverable="plan",
        title="Kế hoạch thực hiện",
        due_on=datetime.date(2026, 12, 20),
    )
    world.extra["campaign"] = campaign_services.campaign_set_state(campaign=campaign, new_state="launched", actor=None)
    CampaignFactory(issuer=world.phong_a, title="Dự thảo kế hoạch của Phòng")
    world.users.update(
        phong_clerk=UserFactory(username="clerk_pa", unit=world.phong_a, is_clerk=True),
        school_head=UserFactory(username="head_a1", unit=world.school_a1, is_unit_head=True),
        council_member=UserFactory(username="council_so", unit=world.so, is_council_member=True),
        admin=UserFactory(username="admin_portal", unit=world.so, is_superuser=True, is_staff=True),
    )
    return world


PERSONAS = (
    "school_clerk",
    "other_head",
    "phong_officer",
    "so_officer",
    "leader",
    "outsider",
    "phong_clerk",
    "school_head",
    "council_member",
    "admin",
)


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_link_on_the_main_pages_leads_somewhere_the_reader_may_go(portal, client_for, persona):
    client = client_for(portal.users[persona])
    seen: dict[str, str] = {}
    for name in PAGES:
        page = reverse(name)
        response = client.get(page)
        assert response.status_code == 200, f"{persona} cannot open {page}"
        for href in _links(response.content.decode()):
            seen.setdefault(href, page)
    # The plan's own page, for those who see it (the outsider's Sở does not take part: 404, no links).
    page = reverse("campaigns:detail", args=[portal.extra["campaign"].pk])
    response = client.get(page)
    assert response.status_code == (404 if persona == "outsider" else 200)
    for href in _links(response.content.decode()) if response.status_code == 200 else []:
        seen.setdefault(href, page)
    broken = []
    for href, page in sorted(seen.items()):
        status = client.get(href).status_code
        if status in (403, 404) or status >= 500:
            broken.append(f"{href} (on {page}): {status}")
    assert broken == []
    assert len(seen) > 10  # the walk saw the menu, not an error page
