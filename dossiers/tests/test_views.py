"""Pages: building a dossier from suggestions, the dossier page and the queue (query counts), the Excel export."""

import datetime
import io

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from dossiers import services
from dossiers.enums import DossierState
from dossiers.models import Dossier, Holiday, Nominee
from dossiers.tests.factories import (
    TODAY,
    award,
    dossier_for,
    head_of,
    pdf_upload,
    ready_dossier,
    school_year_round,
    staff,
)
from exports.models import ExportJob
from exports.services import export_run
from units.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(datetime.datetime(2026, 5, 20, 9, 0, tzinfo=datetime.UTC), tick=False):
        yield


def test_clerk_builds_from_suggestions_and_head_sends(world, client_for):
    clerk = world.users["school_clerk"]
    people = staff(world.school_a1, 2)
    award_round = school_year_round(world.phong_a, codes=("LDTT",))
    client = client_for(clerk)
    response = client.post(reverse("dossiers:round-detail", args=[award_round.pk]))
    dossier = Dossier.objects.get(unit=world.school_a1)
    assert response["Location"] == reverse("dossiers:dossier-suggestions", args=[dossier.pk])
    page = client.get(response["Location"]).content.decode()
    for person in people:
        assert f"person:{person.pk}:LDTT" in page
    picks = [f"person:{p.pk}:LDTT" for p in people]
    client.post(response["Location"], {"pick": picks, "achievement": "Hoàn thành tốt nhiệm vụ năm học 2025–2026"})
    assert sorted(Nominee.objects.filter(dossier=dossier).values_list("person_id", "verdict")) == sorted(
        (p.pk, "eligible") for p in people
    )
    form = {"meeting_date": "2026-05-18", "members": 7, "present": 7, "chair": "Hiệu trưởng", "secretary": "Thư ký"}
    for nominee in dossier.nominees.all():
        form[f"for_{nominee.pk}"] = 7
        form[f"total_{nominee.pk}"] = 7
    assert client.post(reverse("dossiers:minutes", args=[dossier.pk]), form).status_code == 302
    for nominee in dossier.nominees.all():
        client.post(
            reverse("dossiers:upload", args=[dossier.pk]),
            {"kind": "report", "nominee": nominee.pk, "file": pdf_upload()},
        )
    # The clerk is not offered "send"; the head is.
    page = client.get(reverse("dossiers:dossier-detail", args=[dossier.pk])).content.decode()
    assert reverse("dossiers:send", args=[dossier.pk]) not in page
    head = client_for(head_of(world.school_a1))
    page = head.get(reverse("dossiers:dossier-detail", args=[dossier.pk])).content.decode()
    assert reverse("dossiers:send", args=[dossier.pk]) in page
    head.post(reverse("dossiers:send", args=[dossier.pk]))
    dossier.refresh_from_db()
    assert (dossier.state, dossier.number) == (DossierState.SENT, 1)


def _bulk_nominees(dossier, n):
    people = staff(dossier.unit, n, rated=False)
    Nominee.objects.bulk_create(
        Nominee(dossier=dossier, person=p, award=award("LDTT"), achievement="HTT", verdict="eligible", position=i)
        for i, p in enumerate(people)
    )


def test_dossier_page_query_count_does_not_grow_with_nominees(world, client_for):
    counts = []
    award_round = school_year_round(world.phong_a)
    client = client_for(world.users["school_clerk"])
    for n in (1, 60):
        dossier = dossier_for(world.school_a1, award_round)
        _bulk_nominees(dossier, n)
        url = reverse("dossiers:dossier-detail", args=[dossier.pk])
        client.get(url)  # warm caches (content types, sessions)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.content.decode().count('class="card mb-2 nominee"') == n
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def _sent(unit, award_round, sent_on):
    dossier = dossier_for(unit, award_round)
    services.transition(
        dossier=dossier,
        to=DossierState.SENT,
        actor=None,
        when=timezone.make_aware(datetime.datetime.combine(sent_on, datetime.time(9))),
    )
    return dossier


def test_queue_query_count_does_not_grow_with_dossiers(world, client_for):
    award_round = school_year_round(world.phong_a)
    client = client_for(world.users["phong_officer"])
    url = reverse("dossiers:queue")
    counts = []
    for n in (1, 60):
        units = [UnitFactory(parent=world.phong_a) for _ in range(n)]
        for unit in units:
            _sent(unit, award_round, D(2026, 5, 18))
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        counts.append(len(ctx.captured_queries))
        shown = min(Dossier.objects.filter(receiver=world.phong_a).count(), 50)
        assert response.content.decode().count("<tr>") - 1 == shown
        Dossier.objects.all().delete()
    assert counts[0] == counts[1]


def test_queue_legal_clock_skips_weekend_and_tet(world):
    Holiday.objects.bulk_create(Holiday(date=D(2026, 2, d), name="Tết Nguyên đán") for d in range(16, 21))
    award_round = school_year_round(world.phong_a)
    dossier = _sent(world.school_a1, award_round, D(2026, 2, 12))
    from dossiers import selectors

    rows = selectors.queue(world.users["phong_officer"], today=D(2026, 2, 23)).rows
    clock = rows[0].clock
    assert (rows[0].pk, clock.label, clock.due, clock.elapsed, clock.left) == (
        dossier.pk,
        "return",
        D(2026, 2, 26),
        2,
        3,
    )
    overdue = selectors.queue(world.users["phong_officer"], today=D(2026, 3, 2), overdue_only=True).rows
    assert [(d.pk, d.clock.left) for d in overdue] == [(dossier.pk, -2)]


def test_queue_export_escapes_formulas(world, client_for):
    award_round = school_year_round(world.phong_a)
    evil = UnitFactory(parent=world.phong_a, name='=HYPERLINK("http://x","Trường")')
    _sent(evil, award_round, TODAY)
    response = client_for(world.users["phong_officer"]).get(reverse("dossiers:queue-export"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Số", "Đơn vị đề nghị", "Đợt", "Trạng thái")
    # Kept as text with Excel's quote prefix: shown as written, never run as a formula.
    name = sheet.cell(row=2, column=2)
    assert (name.value, name.data_type, name.quotePrefix) == ('=HYPERLINK("http://x","Trường")', "s", True)
    assert rows[1][3] == "Đã gửi"
    # The date sent is a date cell (shown dd/mm/yyyy), the nominees a number.
    sent = sheet.cell(row=2, column=5)
    assert (sent.value.date(), sent.is_date, sent.number_format) == (TODAY, True, "DD/MM/YYYY")
    assert sheet.cell(row=2, column=6).data_type == "n"


def test_queue_export_past_the_limit_is_written_by_the_worker(world, client_for, settings):
    settings.EXPORT_INLINE_ROWS = 1
    award_round = school_year_round(world.phong_a)
    _sent(world.school_a1, award_round, TODAY)
    _sent(world.school_a2, award_round, TODAY)
    client = client_for(world.users["phong_officer"])

    response = client.get(reverse("dossiers:queue-export"), {"round": award_round.pk})
    job = ExportJob.objects.get()
    export_run(job_id=job.pk)  # what the worker's task calls
    job.refresh_from_db()
    download = client.get(reverse("exports:download", args=[job.pk]))
    sheet = load_workbook(io.BytesIO(b"".join(download.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))

    assert (response.status_code, response.url) == (302, reverse("exports:job", args=[job.pk]))
    assert (job.state, job.kind, job.rows_written, job.total_rows) == ("done", "dossiers.queue", 2, 2)
    assert job.params == {"state": "", "sender": "", "award_round": award_round.pk, "overdue_only": False}
    assert sorted(r[1] for r in rows[1:]) == sorted([world.school_a1.name, world.school_a2.name])
    assert sheet.cell(row=2, column=5).is_date


def test_appraiser_page_flow(world, client_for):
    dossier = ready_dossier(world)
    services.dossier_send(dossier=dossier, actor=None)
    officer = client_for(world.users["phong_officer"])
    officer.post(reverse("dossiers:act", args=[dossier.pk, "start_appraisal"]))
    nominee = dossier.nominees.get()
    page = officer.get(reverse("dossiers:appraisal", args=[dossier.pk])).content.decode()
    assert "Báo cáo thành tích có chữ ký" in page
    officer.post(reverse("dossiers:appraisal", args=[dossier.pk]), {"nominee": nominee.pk, "result": "qualified"})
    officer.post(reverse("dossiers:act", args=[dossier.pk, "appraise"]))
    assert Dossier.objects.get(pk=dossier.pk).state == DossierState.APPRAISED


def test_queue_filters_by_sender_name_state_and_pages(world, client_for):
    award_round = school_year_round(world.phong_a)
    for i in range(55):
        _sent(UnitFactory(parent=world.phong_a, name=f"Trường Mầm non Hoa Sen {i:02d}"), award_round, TODAY)
    _sent(world.school_a2, award_round, TODAY)
    client = client_for(world.users["phong_officer"])
    page = client.get(reverse("dossiers:queue"), {"sender": "thu a2"}).content.decode()
    assert page.count("<tr>") - 1 == 1 and "Trường THCS Thử A2" in page
    page = client.get(reverse("dossiers:queue"), {"state": "sent", "trang": 2}).content.decode()
    assert page.count("<tr>") - 1 == 6
    assert "56 hồ sơ · trang 2/2" in page


def test_officer_opens_a_school_year_round(world, client_for):
    client = client_for(world.users["phong_officer"])
    response = client.post(
        reverse("dossiers:round-create"),
        {
            "kind": "school_year",
            "title": "Danh hiệu thi đua năm học 2025–2026",
            "school_year": 2025,
            "opens_on": "2026-05-20",
            "deadline": "2026-06-30",
            "awards": ["LDTT", "CSTDCS"],
        },
    )
    from dossiers.models import AwardRound

    award_round = AwardRound.objects.get()
    assert response["Location"] == reverse("dossiers:round-detail", args=[award_round.pk])
    assert (award_round.organiser, award_round.deadline) == (world.phong_a, D(2026, 6, 30))
    assert sorted(award_round.awards.values_list("award__code", flat=True)) == ["CSTDCS", "LDTT"]
    response = client.post(reverse("dossiers:round-create"), {"kind": "campaign", "title": "X", "school_year": 2025})
    assert AwardRound.objects.count() == 1


def test_clerk_attaches_wallet_evidence_and_sees_refusals(world, client_for):
    from dossiers.enums import EvidenceKind
    from dossiers.models import DossierDocument

    dossier = ready_dossier(world)
    nominee = dossier.nominees.get()
    item = services.evidence_add(
        person=world.person_a1,
        actor=None,
        kind=EvidenceKind.CONTEST,
        title="Giải Nhì hội thi GVDG",
        upload=pdf_upload(),
    )
    client = client_for(world.users["school_clerk"])
    page = client.get(reverse("dossiers:nominee-edit", args=[nominee.pk])).content.decode()
    assert "Giải Nhì hội thi GVDG" in page
    client.post(reverse("dossiers:evidence-attach", args=[nominee.pk]), {"item": item.pk})
    assert DossierDocument.objects.filter(nominee=nominee, evidence=item).count() == 1
    fake = pdf_upload(name="bao-cao.docx")
    response = client.post(
        reverse("dossiers:upload", args=[dossier.pk]), {"kind": "report", "nominee": nominee.pk, "file": fake}
    )
    assert "Tệp “bao-cao.docx” không đúng như tên gọi: nội dung thực là PDF." in response.content.decode()
    services.dossier_send(dossier=dossier, actor=None)
    response = client.post(reverse("dossiers:nominee-remove", args=[nominee.pk]), follow=True)
    assert "chỉ có thể sửa sau khi bị trả lại để bổ sung" in response.content.decode()
    assert dossier.nominees.count() == 1
