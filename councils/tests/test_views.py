"""The pages: the phone ballot, the session page (tallies hidden while voting), the menu, the list."""

import pytest
from django.urls import reverse

from councils import services
from councils.models import BallotReceipt
from councils.tests.factories import council_of, members_of, open_session, secretary_of
from units.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def test_ballot_page_takes_the_whole_ballot_in_one_submit(world, client_for):
    council, session = open_session(world, size=3, count=2)
    first, second = session.items.order_by("position")
    member = members_of(council)[2]
    client = client_for(member.user)
    url = reverse("councils:ballot", args=[session.pk])
    page = client.get(url).content.decode()
    assert page.count('class="btn-check" type="radio"') == 4
    assert "Gửi phiếu bầu" in page
    # Half a ballot is refused at the form, nothing saved.
    response = client.post(url, {f"item_{first.pk}": "agree"})
    assert "Hãy chọn đồng ý hoặc không đồng ý." in response.content.decode()
    assert BallotReceipt.objects.count() == 0
    response = client.post(url, {f"item_{first.pk}": "agree", f"item_{second.pk}": "disagree"})
    assert response["Location"] == reverse("councils:session-detail", args=[session.pk])
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.agree, first.disagree, second.agree, second.disagree) == (1, 0, 0, 1)
    # Voted: the ballot is no longer offered.
    assert client.get(url).status_code == 403


def test_session_page_hides_secret_tallies_until_closed(world, client_for):
    council, session = open_session(world, size=3)
    item = session.items.get()
    for member in members_of(council):
        services.ballot_submit(session=session, user=member.user, choices={item.pk: True})
    client = client_for(secretary_of(council))
    page = client.get(reverse("councils:session-detail", args=[session.pk])).content.decode()
    assert "Kiểm phiếu khi kết thúc phiên họp" in page
    assert 'data-testid="agree"' not in page
    assert "Từ 80% tổng số thành viên trở lên" in page
    assert "Nghị định 98/2023/NĐ-CP, Điều 30 khoản 7" in page
    assert "Kết thúc phiên họp" in page
    response = client.post(reverse("councils:session-close", args=[session.pk]), {"reason": ""})
    assert response.status_code == 302
    page = client.get(reverse("councils:session-detail", args=[session.pk])).content.decode()
    assert 'data-testid="agree">3/3</td>' in page
    assert "01/BB-PGDĐTA" in page
    assert "bien-ban-hop.pdf" in page and "bien-ban-kiem-phieu.docx" in page


def test_close_page_shows_the_refusal(world, client_for):
    council, session = open_session(world, size=3)
    client = client_for(secretary_of(council))
    response = client.post(reverse("councils:session-close", args=[session.pk]), {"reason": ""})
    assert "Còn thiếu phiếu của: Thành viên 01, Thành viên 02, Thành viên 03" in response.content.decode()
    session.refresh_from_db()
    assert session.closed_at is None


def test_menu_shows_only_to_members_and_managers(world, client_for):
    council = council_of(world, size=3)
    member = members_of(council)[2].user
    assert "Hội đồng TĐKT" in client_for(member).get(reverse("units:home")).content.decode()
    assert "Hội đồng TĐKT" in client_for(world.users["phong_officer"]).get(reverse("units:home")).content.decode()
    assert "Hội đồng TĐKT" not in client_for(world.users["school_clerk"]).get(reverse("units:home")).content.decode()


def test_council_list_queries_do_not_grow_with_rows(world, client_for, django_assert_num_queries):
    from councils.models import Council

    client = client_for(world.users["phong_officer"])
    url = reverse("councils:list")
    services.council_create(unit=world.phong_a, school_year=2000, name="Hội đồng 2000", actor=None)
    client.get(url)
    with django_assert_num_queries(8) as one:
        client.get(url)
    for year in range(2001, 2030):
        services.council_create(unit=world.phong_a, school_year=year, name=f"Hội đồng {year}", actor=None)
    assert Council.objects.filter(unit=world.phong_a).count() == 30
    with django_assert_num_queries(len(one.captured_queries)):
        page = client.get(url).content.decode()
    assert page.count('class="list-group-item list-group-item-action"') == 30
    assert UnitFactory  # the tree of the world fixture is enough
