"""A whole decision printed in the background: queued on commit by task name, rendered in chunks,
progress on the page (htmx polling), then the kept file."""

import pytest
from django.urls import reverse

from certificates import services
from certificates.enums import JobState, PrintMode
from certificates.models import Certificate, PrintJob
from certificates.tests.factories import many_people, pdf_pages, pdf_text, so_decision
from common import queue

pytestmark = pytest.mark.django_db


@pytest.fixture
def decision(world):
    decision, _records = so_decision(world.so, many_people(world.school_a1, 5))
    return decision


def test_print_request_hands_the_job_to_the_workers_by_name_after_commit(
    decision, world, monkeypatch, django_capture_on_commit_callbacks
):
    sent = []

    class Connection:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    monkeypatch.setattr(queue.current_app, "connection_for_write", lambda **kwargs: Connection())
    monkeypatch.setattr(queue.current_app, "send_task", lambda name, args, **kwargs: sent.append((name, args)))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = services.print_job_request(decision=decision, mode=PrintMode.FULL, actor=world.users["so_officer"])
        assert sent == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()

    assert sent == [("certificates.tasks.print_job_run", (job.pk,))]
    assert (job.state, job.done, job.total) == (JobState.QUEUED, 0, 5)


def test_print_request_reuses_a_running_job_of_the_same_mode(decision):
    first = services.print_job_request(decision=decision, mode=PrintMode.FULL, actor=None)
    again = services.print_job_request(decision=decision, mode=PrintMode.FULL, actor=None)
    other = services.print_job_request(decision=decision, mode=PrintMode.BLANK, actor=None)

    assert first.pk == again.pk != other.pk
    assert PrintJob.objects.filter(decision=decision).count() == 2


def test_job_renders_every_certificate_in_chunks_into_one_kept_pdf(decision, world, client_for):
    client = client_for(world.users["so_officer"])
    response = client.post(reverse("certificates:print", args=[decision.pk]), {"mode": PrintMode.FULL})
    job = PrintJob.objects.get(decision=decision)
    waiting = client.get(reverse("certificates:job", args=[job.pk])).content.decode()

    assert response.status_code == 302
    assert 'hx-trigger="every 2s"' in waiting and ">0/5<" in waiting and 'value="0"' in waiting

    services.print_job_run(job_id=job.pk, chunk=2)  # what the worker's task calls
    job.refresh_from_db()
    done = client.get(reverse("certificates:job", args=[job.pk])).content.decode()
    download = client.get(reverse("certificates:job-download", args=[job.pk]))
    data = b"".join(download.streaming_content)
    text = pdf_text(data)

    assert (job.state, job.done, job.total) == (JobState.DONE, 5, 5)
    assert "hx-trigger" not in done and ">5/5<" in done and "Đã xong" in done
    assert reverse("certificates:job-download", args=[job.pk]) in done
    assert pdf_pages(data) == 5
    assert [f"Nguyễn Văn Thử {i:04d}" in text for i in range(5)] == [True] * 5
    assert Certificate.objects.filter(record__decision=decision).count() == 5
    codes = Certificate.objects.filter(record__decision=decision).values_list("code", flat=True)
    assert all(f"{code[:5]}-{code[5:]}" in text for code in codes)


def test_job_skips_revoked_awards(decision):
    from awards import services as award_services

    record = decision.records.order_by("id").first()
    award_services.award_record_revoke(record=record, reason="Sai", number="9/QĐ", date=decision.date, actor=None)
    job = services.print_job_request(decision=decision, mode=PrintMode.BLANK, actor=None)
    job = services.print_job_run(job_id=job.pk, chunk=50)

    assert (job.state, job.total) == (JobState.DONE, 4)
    with job.file.open("rb") as handle:
        data = handle.read()
    assert pdf_pages(data) == 4
    assert record.person.full_name not in pdf_text(data)


def test_failed_job_says_so_on_the_page(decision, world, client_for, monkeypatch):
    job = services.print_job_request(decision=decision, mode=PrintMode.FULL, actor=None)

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(services.documents, "render_sheets", broken)
    job = services.print_job_run(job_id=job.pk)
    page = client_for(world.users["so_officer"]).get(reverse("certificates:job", args=[job.pk])).content.decode()

    assert job.state == JobState.FAILED
    assert "Việc in bị dừng: disk full" in page and "Lỗi" in page
    assert (
        client_for(world.users["so_officer"]).get(reverse("certificates:job-download", args=[job.pk])).status_code
        == 404
    )


def test_finished_job_is_not_run_again(decision):
    job = services.print_job_request(decision=decision, mode=PrintMode.FULL, actor=None)
    services.job_transition(job=job, to=JobState.FAILED, error="x")

    assert services.print_job_run(job_id=job.pk).state == JobState.FAILED


def test_revoked_decision_is_not_printed(decision):
    from django.core.exceptions import ValidationError

    from awards import services as award_services

    award_services.decision_revoke(decision=decision, reason="Sai", number="9/QĐ", date=decision.date, actor=None)
    decision.refresh_from_db()

    with pytest.raises(ValidationError, match="thu hồi"):
        services.print_job_request(decision=decision, mode=PrintMode.FULL, actor=None)


def test_system_check_names_the_missing_pdfunite(monkeypatch):
    from certificates import checks

    monkeypatch.setattr(checks.shutil, "which", lambda name: None)

    assert [warning.id for warning in checks.check_pdfunite()] == ["certificates.W001"]
