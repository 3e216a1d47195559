"""The to-do home: what waits for each persona, counted with the clock frozen (conftest: 01/12/2026),
and every link it shows opens for its reader."""

import datetime
import re

import pytest
from django.urls import reverse

from campaigns import services as campaign_services
from campaigns.tests.factories import running_campaign
from dossiers.tests.factories import head_of, ready_dossier
from emulation.tests.factories import unit_registration
from reports import todo

pytestmark = pytest.mark.django_db


def _milestone(campaign, title, due_on):
    milestone = campaign_services.milestone_create(
        campaign=campaign,
        actor=None,
        deliverable="annual_report",
        title=title,
        due_on=due_on,
        amendment_reason="Bổ sung hạn nộp",
    )
    return milestone.deadlines.get()


@pytest.fixture
def busy(world):
    """A Sở campaign with a deadline missed on 20/11 (A2 sent it late) and one due on 05/12; A1's
    registration returned, B1's waiting for review; a complete draft dossier of A1."""
    campaign = running_campaign(world)
    overdue = _milestone(campaign, "Báo cáo tháng 11", datetime.date(2026, 11, 20))
    soon = _milestone(campaign, "Báo cáo tháng 12", datetime.date(2026, 12, 5))
    campaign_services.submission_create(deadline=overdue, unit=world.school_a2, actor=None, note="Báo cáo")
    unit_registration(world, campaign, unit=world.school_a1, state="returned")
    unit_registration(world, campaign, unit=world.school_b1, state="submitted")
    world.extra["head_a1"] = head_of(world.school_a1)
    world.extra["dossier"] = ready_dossier(world)
    world.extra.update(campaign=campaign, overdue=overdue, soon=soon)
    return world


def _counts(user):
    return {section.key: {item.testid: item.count for item in section.items} for section in todo.sections_for(user)}


def test_todo_counts_for_each_persona(busy):
    users = busy.users
    assert _counts(users["school_clerk"]) == {
        "clerk": {"clerk-overdue": 1, "clerk-soon": 1, "clerk-registrations": 1, "clerk-dossiers": 0}
    }
    assert _counts(busy.extra["head_a1"]) == {
        "head": {"head-dossiers": 1, "head-registrations": 0, "head-decisions": 0}
    }
    # The head of A2 sent its report (late): nothing waits for it.
    assert _counts(users["other_head"]) == {"head": {"head-dossiers": 0, "head-registrations": 0, "head-decisions": 0}}
    # The Sở issued the campaign: B1's registration to review, A2's submission of the week, and the
    # 4 units below the Sở (Phòng A, Phòng B, A1, B1) that never sent November's report.
    assert _counts(users["so_officer"]) == {
        "officer": {
            "officer-registrations": 1,
            "officer-submissions": 1,
            "officer-late": 4,
            "officer-dossiers": 0,
            "officer-clocks": 0,
            "officer-decisions": 0,
        }
    }
    assert _counts(users["phong_officer"])["officer"]["officer-late"] == 0
    # The leader: 1 late + 4 missing on the deadline of the last month.
    assert _counts(users["leader"]) == {"leader": {"leader-late": 5, "leader-dossiers": 0, "leader-awards": 0}}
    assert _counts(users["outsider"])["officer"] == dict.fromkeys(
        (
            "officer-registrations",
            "officer-submissions",
            "officer-late",
            "officer-dossiers",
            "officer-clocks",
            "officer-decisions",
        ),
        0,
    )


def test_todo_rows_name_what_is_owed(busy):
    clerk = {s.key: s for s in todo.sections_for(busy.users["school_clerk"])}["clerk"]
    overdue, soon = clerk.items[0], clerk.items[1]
    assert [(r.text.split(" · ")[0], r.note, r.url) for r in overdue.rows] == [
        ("Báo cáo tháng 11", "20/11/2026", reverse("campaigns:submit", args=[busy.extra["overdue"].pk]))
    ]
    assert [(r.text.split(" · ")[0], r.note) for r in soon.rows] == [("Báo cáo tháng 12", "05/12/2026")]


@pytest.mark.parametrize("persona", ["school_clerk", "head_a1", "other_head", "so_officer", "leader", "outsider"])
def test_todo_page_links_open_for_their_reader(busy, client_for, persona):
    user = busy.extra["head_a1"] if persona == "head_a1" else busy.users[persona]
    client = client_for(user)
    response = client.get(reverse("units:home"))
    page = response.content.decode()
    assert response.templates[0].name == "reports/home.html"
    assert "Việc cần làm" in page
    sections = re.findall(r'data-testid="todo-section-(\w+)"', page)
    assert sections == [s.key for s in todo.sections_for(user)]
    links = set(re.findall(r'<a class="me-auto[^"]*" href="([^"]+)"', page))
    assert links, "every persona gets at least one link"
    for url in links:
        assert client.get(url.replace("&amp;", "&")).status_code == 200, url


def test_login_lands_on_the_todo_page(world, client):
    client.force_login(world.users["school_clerk"])
    assert reverse("units:home") == "/"
    assert client.get("/").context["sections"][0].key == "clerk"
    assert client.get(reverse("reports:home")).context["sections"][0].key == "clerk"


def test_todo_counts_ballots_waiting_then_the_decision_to_issue(world):
    """A member sees the ballot waiting for them until they vote; after the close the officer sees the
    approved nominee waiting for a decision, and the head the draft waiting for issuing."""
    from councils import services as council_services
    from councils.tests.factories import members_of, open_session
    from decisions import services as decision_services
    from decisions.tests.factories import phong_head

    council, session = open_session(world, size=3)
    member = members_of(council)[2].user
    assert _counts(member)["council"] == {"council-ballots": 1, "council-sessions": 1}
    rows = {s.key: s for s in todo.sections_for(member)}["council"].items[0].rows
    assert [(r.text, r.url) for r in rows] == [(session.title, reverse("councils:session-detail", args=[session.pk]))]
    for seat in members_of(council):
        items = {item.pk: True for item in session.items.all()}
        council_services.ballot_submit(session=session, user=seat.user, choices=items)
    assert _counts(member)["council"] == {"council-ballots": 0, "council-sessions": 1}
    council_services.session_close(session=session, actor=members_of(council)[1].user)
    assert _counts(member)["council"] == {"council-ballots": 0, "council-sessions": 0}
    assert _counts(world.users["phong_officer"])["officer"]["officer-decisions"] == 1
    nominees = list(session.items.values_list("nominee", flat=True))
    from dossiers.models import Nominee

    decision_services.decision_create(
        unit=world.phong_a, nominees=list(Nominee.objects.filter(pk__in=nominees)), actor=world.users["phong_officer"]
    )
    assert _counts(world.users["phong_officer"])["officer"]["officer-decisions"] == 0
    assert _counts(phong_head(world))["head"]["head-decisions"] == 1
