"""The review report's number taken from the issuer's register once, printed from then on (PDF and
.docx alike); the pacts' rankings as a section of the report."""

import datetime
import io
import subprocess
from decimal import Decimal

import docx
import pytest
import time_machine
from django.urls import reverse

from campaigns.tests.factories import running_campaign
from emulation.models import Pact, PactTarget
from reports import services
from reports.models import ReviewIssue
from units.models import Cluster, RegisterEntry
from units.services import register_take

pytestmark = pytest.mark.django_db


def _pdf_words(content: bytes) -> str:
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=content, capture_output=True).stdout.decode()
    return " ".join(text.split())


def _docx(content: bytes):
    document = docx.Document(io.BytesIO(content))
    paragraphs = [p.text for p in document.paragraphs]
    cells = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    return paragraphs, cells


@pytest.fixture
def campaign(world):
    campaign = running_campaign(world, symbol="KH-SGDĐT")
    # The Sở's register already holds 11 numbers this year: the report takes the 12th.
    for _ in range(11):
        register_take(unit=world.so, symbol="QĐ-SGDĐT", actor=None)
    return campaign


def test_issue_takes_one_number_and_every_print_shows_it(world, campaign, client_for):
    client = client_for(world.users["so_officer"])
    pdf_url = reverse("reports:review", args=[campaign.pk, "so-ket", "pdf"])
    docx_url = reverse("reports:review", args=[campaign.pk, "so-ket", "docx"])
    draft = _pdf_words(client.get(pdf_url).content)
    assert "Số: /BC-SGDĐT" in draft and "12/BC" not in draft

    response = client.post(reverse("reports:review-issue", args=[campaign.pk, "so-ket"]))
    assert response.status_code == 302 and response["Location"] == reverse("campaigns:detail", args=[campaign.pk])
    issue = ReviewIssue.objects.get(campaign=campaign, kind="so-ket")
    assert issue.entry.number_symbol == "12/BC-SGDĐT" and issue.issued_on == datetime.date(2026, 12, 1)
    assert issue.entry.unit == world.so and issue.entry.taken_by == world.users["so_officer"]

    # Days later: the same number, the day it was issued; no DỰ THẢO mark any more.
    with time_machine.travel(datetime.datetime(2026, 12, 9, 3, 0, tzinfo=datetime.UTC)):
        words = _pdf_words(client.get(pdf_url).content)
        _paragraphs, cells = _docx(client.get(docx_url).content)
        again = client.post(reverse("reports:review-issue", args=[campaign.pk, "so-ket"]))
    assert "Số: 12/BC-SGDĐT" in words and "ngày 01 tháng 12 năm 2026" in words and "DỰ THẢO" not in words
    # The .docx header (a two-column table, as printed): the same number and day.
    header = "\n".join(cells[0])
    assert "Số: 12/BC-SGDĐT" in header and "ngày 01 tháng 12 năm 2026" in header
    # A second "issue" takes no other number.
    assert again.status_code == 302
    assert ReviewIssue.objects.filter(campaign=campaign).count() == 1
    assert RegisterEntry.objects.filter(unit=world.so, symbol="BC-SGDĐT").count() == 1
    # The other report is still a draft: its own number when issued (the 13th).
    assert "Số: /BC-SGDĐT" in _pdf_words(
        client.get(reverse("reports:review", args=[campaign.pk, "tong-ket", "pdf"])).content
    )
    final = services.review_issue(campaign=campaign, kind="tong-ket", actor=None)
    assert final.entry.number_symbol == "13/BC-SGDĐT"


def test_issue_buttons_on_the_campaign_page(world, campaign, client_for):
    url = reverse("campaigns:detail", args=[campaign.pk])
    page = client_for(world.users["so_officer"]).get(url).content.decode()
    assert 'data-testid="review-so-ket-issue"' in page and 'data-testid="review-tong-ket-issue"' in page
    assert (
        "issue"
        not in client_for(world.users["leader"]).get(url).content.decode().split('data-testid="review-so-ket"')[1][:600]
    )
    services.review_issue(campaign=campaign, kind="so-ket", actor=None)
    page = client_for(world.users["so_officer"]).get(url).content.decode()
    assert 'data-testid="review-so-ket-issue"' not in page
    assert (
        '<span class="small text-muted" data-testid="review-so-ket-number">Số 12/BC-SGDĐT ngày 01/12/2026</span>'
        in page
    )


def test_issue_refused_to_the_leader_and_an_unknown_kind(world, campaign, client_for):
    assert (
        client_for(world.users["leader"])
        .post(reverse("reports:review-issue", args=[campaign.pk, "so-ket"]))
        .status_code
        == 403
    )
    assert (
        client_for(world.users["so_officer"])
        .post(reverse("reports:review-issue", args=[campaign.pk, "khac"]))
        .status_code
        == 404
    )
    assert not ReviewIssue.objects.exists()


def test_pact_ranking_is_a_section_of_the_report(world, campaign, client_for):
    """Cluster of Phòng A's schools and Phòng B's school: A1 cross-scored 18 + 9 = 27, B1 cross-scored 27 too
    (shared rank 1, name order), A2 self-scored only (listed last without a rank)."""
    cluster = Cluster.objects.create(
        organiser=world.so, name="Cụm thi đua số 1", school_year=2026, head_unit=world.school_a1
    )
    cluster.members.set([world.school_a1, world.school_a2, world.school_b1])
    pact = Pact.objects.create(
        cluster=cluster, campaign=campaign, title="Giao ước thi đua năm học", signed_on=datetime.date(2026, 9, 15)
    )
    for member, scores in (
        (world.school_a1, [(20, 19, 18), (10, 10, 9)]),
        (world.school_b1, [(20, 20, 17), (10, 10, 10)]),
        (world.school_a2, [(20, 20, None), (10, 10, None)]),
    ):
        for order, (max_score, self_score, cross) in enumerate(scores):
            PactTarget.objects.create(
                pact=pact,
                member=member,
                criterion=f"Tiêu chí {order}",
                max_score=max_score,
                order=order,
                self_score=Decimal(self_score),
                cross_score=None if cross is None else Decimal(cross),
            )
    client = client_for(world.users["so_officer"])
    words = _pdf_words(client.get(reverse("reports:review", args=[campaign.pk, "tong-ket", "pdf"])).content)
    paragraphs, cells = _docx(client.get(reverse("reports:review", args=[campaign.pk, "tong-ket", "docx"])).content)
    assert "IV. KẾT QUẢ THỰC HIỆN GIAO ƯỚC THI ĐUA" in paragraphs and "V. CÔNG TÁC KHEN THƯỞNG" in paragraphs
    assert "Cụm thi đua số 1 năm học 2026–2027: Giao ước thi đua năm học (ký ngày 15/9/2026)." in paragraphs
    assert ["Xếp hạng", "Đơn vị", "Tự chấm", "Chấm chéo", "Tổng điểm"] in cells
    assert ["1", world.school_b1.name, "30", "27", "27/30"] in cells
    assert ["1", world.school_a1.name, "29", "27", "27/30"] in cells
    assert ["Chưa chấm chéo", world.school_a2.name, "30", "—", "30/30"] in cells
    assert "IV. KẾT QUẢ THỰC HIỆN GIAO ƯỚC THI ĐUA" in words
    assert f"1 {world.school_b1.name} 30 27 27/30" in words
    assert f"Chưa chấm chéo {world.school_a2.name} 30 — 30/30" in words
    # The same report of a campaign without a pact says so.
    other = running_campaign(world, title="Phong trào khác")
    empty, _c = _docx(client.get(reverse("reports:review", args=[other.pk, "tong-ket", "docx"])).content)
    assert "Chưa có giao ước thi đua trong phạm vi kế hoạch." in empty
