"""The campaign's sơ kết / tổng kết report drafted from the data, read back from its PDF and its .docx."""

import datetime
import io
import subprocess

import docx
import pytest
from django.urls import reverse

from awards.tests.factories import AwardRecordFactory
from campaigns import services as campaign_services
from campaigns.tests.factories import CampaignFactory
from emulation.tests.factories import individual_registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(world):
    campaign = CampaignFactory(issuer=world.so, starts_on=datetime.date(2025, 9, 1), ends_on=datetime.date(2027, 8, 31))
    campaign_services.criterion_add(
        campaign=campaign,
        actor=None,
        number="1",
        title="Số trường đạt chuẩn quốc gia đến năm 2025",
        target_value="344",
        target_unit="trường",
    )
    milestone = campaign_services.milestone_create(
        campaign=campaign,
        actor=None,
        deliverable="midterm_report",
        title="Báo cáo sơ kết",
        due_on=datetime.date(2026, 11, 20),
        figures=[{"key": "truong", "label": "Số trường đạt chuẩn quốc gia", "unit": "trường"}],
    )
    campaign = campaign_services.campaign_set_state(campaign=campaign, new_state="launched", actor=None)
    deadline = milestone.deadlines.get()
    for unit, n in ((world.school_a1, 3), (world.school_a2, 2)):
        campaign_services.submission_create(deadline=deadline, unit=unit, actor=None, figures={"truong": n})
    individual_registration(world, campaign, person=world.person_a1, state="submitted", title="LDTT")
    AwardRecordFactory(person=world.person_a1, code="LDTT", school_year=2026, decision_date=datetime.date(2026, 11, 25))
    return campaign


def test_review_report_pdf_and_docx_state_the_same_figures(world, campaign, client_for):
    client = client_for(world.users["so_officer"])
    pdf = client.get(reverse("reports:review", args=[campaign.pk, "so-ket", "pdf"]))
    assert pdf["Content-Type"] == "application/pdf"
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf.content, capture_output=True).stdout.decode()
    words = " ".join(text.split())
    # (The diagonal "DỰ THẢO" mark of a report not yet numbered scatters its letters through the text.)
    assert "Số: /BC-SGDĐT Bến Tre, ngày 01 tháng 12 năm 2026 BÁO CÁO Sơ kết thực hiện" in words
    assert "Số trường đạt chuẩn quốc gia 5 trường 344 trường 1%" in words
    assert "Báo cáo sơ kết (hạn 20/11/2026): 2/5 đơn vị đã báo cáo" in words
    assert "Lao động tiên tiến 01 01" in words
    document = docx.Document(
        io.BytesIO(client.get(reverse("reports:review", args=[campaign.pk, "so-ket", "docx"])).content)
    )
    cells = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    assert ["Số trường đạt chuẩn quốc gia", "5 trường", "344 trường", "1%"] in cells
    assert ["Lao động tiên tiến", "01", "01"] in cells
    paragraphs = [p.text for p in document.paragraphs]
    assert "BÁO CÁO" in paragraphs and "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU" in paragraphs
    assert "Báo cáo sơ kết (hạn 20/11/2026): 2/5 đơn vị đã báo cáo; chưa báo cáo: 3 đơn vị." in paragraphs


def test_review_report_for_those_overseeing_the_campaign(world, campaign, client_for):
    url = reverse("reports:review", args=[campaign.pk, "tong-ket", "pdf"])
    assert client_for(world.users["leader"]).get(url).status_code == 200
    assert client_for(world.users["phong_officer"]).get(url).status_code == 403
    assert client_for(world.users["outsider"]).get(url).status_code == 404
    bad = reverse("reports:review", args=[campaign.pk, "khac", "pdf"])
    assert client_for(world.users["so_officer"]).get(bad).status_code == 404
