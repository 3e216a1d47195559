"""Large exports as background jobs: started by the view helper, handed to the workers by name after
commit, streamed by the worker into storage with progress, shown on a polled page, downloaded by their
owner alone, removed after seven days."""

import datetime
import io

import openpyxl
import pytest
from django.core.files.storage import default_storage
from django.test import RequestFactory
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _

from common import queue
from exports import services
from exports.enums import JobState
from exports.models import ExportJob
from exports.tests.factories import FIRST_DAY, TEST_KIND, done_job, queued_job
from exports.views import export_response

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_inline(settings):
    settings.EXPORT_INLINE_ROWS = 5
    return settings


def _request(user):
    request = RequestFactory().get("/danh-sach.xlsx")
    request.user = user
    return request


def _workbook(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def test_export_small_list_is_answered_at_once(world, small_inline):
    response = export_response(_request(world.users["school_clerk"]), kind=TEST_KIND, params={"rows": 5})
    sheet = _workbook(response.content).active

    assert (response.status_code, sheet.max_row, ExportJob.objects.count()) == (200, 6, 0)
    assert "danh-sach-clerk_a1.xlsx" in response["Content-Disposition"]


def test_export_large_list_becomes_a_job_handed_to_the_workers_after_commit(
    world, small_inline, monkeypatch, django_capture_on_commit_callbacks
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
        response = export_response(_request(world.users["school_clerk"]), kind=TEST_KIND, params={"rows": 6})
        assert sent == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    job = ExportJob.objects.get()

    assert (response.status_code, response.url) == (302, reverse("exports:job", args=[job.pk]))
    assert sent == [("exports.tasks.export_run", (job.pk,))]
    assert (job.owner, job.state, job.total_rows, job.params) == (
        world.users["school_clerk"],
        JobState.QUEUED,
        6,
        {"rows": 6},
    )


def test_export_job_runs_and_its_workbook_reads_back(world, client_for):
    owner = world.users["so_officer"]
    job = queued_job(owner, rows=1200)
    client = client_for(owner)
    waiting = client.get(reverse("exports:job", args=[job.pk])).content.decode()

    services.export_run(job_id=job.pk)  # what the worker's task calls
    job.refresh_from_db()
    done = client.get(reverse("exports:job", args=[job.pk])).content.decode()
    download = client.get(reverse("exports:download", args=[job.pk]))
    sheet = _workbook(b"".join(download.streaming_content)).active
    rows = list(sheet.iter_rows(values_only=True))

    assert 'hx-trigger="every 1s"' in waiting and 'value="0"' in waiting
    # Until the worker has counted, no total is shown: the view's estimate may stop at a cap.
    assert _("The file will be prepared in a moment.") in waiting and "dòng" not in waiting
    assert (job.state, job.progress, job.rows_written, job.total_rows) == (JobState.DONE, 100, 1200, 1200)
    assert "hx-trigger" not in done and 'value="100"' in done and "1.200" in done
    assert reverse("exports:download", args=[job.pk]) in done
    assert "danh-sach-officer_so.xlsx" in download["Content-Disposition"]
    assert rows[0] == ("STT", "Đơn vị", "Ngày", "Ghi chú")
    assert len(rows) == 1201
    assert rows[1][:3] == (
        1,
        "Trường Thử 00001",
        datetime.datetime.combine(FIRST_DAY + datetime.timedelta(days=1), datetime.time()),
    )
    assert sheet["C2"].number_format == "DD/MM/YYYY"
    assert (sheet["D2"].value, sheet["D2"].data_type) == ("=SUM(A1:A9)", "s")  # text, never a formula
    assert sheet.freeze_panes == "A2"


def test_export_progress_is_saved_while_the_rows_stream(world, monkeypatch):
    job = queued_job(world.users["school_clerk"], rows=25)
    seen = []
    original = services._Progress.save

    def save(progress):
        original(progress)
        fresh = ExportJob.objects.get(pk=job.pk)
        seen.append((fresh.state, fresh.rows_written, fresh.progress))

    monkeypatch.setattr(services._Progress, "save", save)
    services.export_run(job_id=job.pk, every=10)

    assert seen == [(JobState.RUNNING, 10, 40), (JobState.RUNNING, 20, 80)]


def test_export_job_page_says_how_far_it_is(world, client_for):
    owner = world.users["so_officer"]
    job = queued_job(owner, rows=20000)
    ExportJob.objects.filter(pk=job.pk).update(state=JobState.RUNNING, rows_written=9000, progress=45)
    fragment = client_for(owner).get(reverse("exports:job", args=[job.pk]), headers={"HX-Request": "true"})
    html = fragment.content.decode()
    expected = _("Preparing the file… %(percent)s%% (%(written)s / %(total)s rows)") % {
        "percent": 45,
        "written": "9.000",
        "total": "20.000",
    }

    assert expected in html and 'hx-trigger="every 1s"' in html and 'value="45"' in html
    assert "<html" not in html  # the fragment alone, swapped into the page


def test_export_failure_gives_the_user_a_sentence_and_state_failed(world, client_for, caplog):
    owner = world.users["school_clerk"]
    job = queued_job(owner, rows=10, fail=True)

    services.export_run(job_id=job.pk)
    job.refresh_from_db()
    page = client_for(owner).get(reverse("exports:job", args=[job.pk])).content.decode()
    download = client_for(owner).get(reverse("exports:download", args=[job.pk]))
    message = _(
        "The file could not be prepared. Please try again; if it fails again, tell the portal's administrators."
    )

    assert (job.state, job.error, bool(job.file), job.finished_at is not None) == (
        JobState.FAILED,
        message,
        False,
        True,
    )
    assert escape(message) in page and "Traceback" not in page and "database that went away" not in page
    assert "hx-trigger" not in page
    assert download.status_code == 404
    assert "a database that went away" in caplog.text  # the cause stays in the log for the administrators


def test_export_job_of_another_user_is_not_found(world, client_for):
    job = done_job(world.users["so_officer"])
    client = client_for(world.users["leader"])  # same unit, another account

    answers = [client.get(reverse(name, args=[job.pk])).status_code for name in ("exports:job", "exports:download")]
    listed = client.get(reverse("exports:list")).content.decode()

    assert answers == [404, 404]
    assert reverse("exports:job", args=[job.pk]) not in listed


def test_export_job_transition_follows_the_table(world):
    job = done_job(world.users["so_officer"])

    with pytest.raises(Exception) as refused:
        services.job_transition(job=job, to=JobState.RUNNING)

    assert type(refused.value).__name__ == "ValidationError"
    assert ExportJob.objects.get(pk=job.pk).state == JobState.DONE


def test_export_job_run_twice_keeps_the_finished_file(world):
    job = queued_job(world.users["so_officer"], rows=3)
    services.export_run(job_id=job.pk)
    first = ExportJob.objects.get(pk=job.pk).file.name

    again = services.export_run(job_id=job.pk)  # a redelivered message

    assert (again.state, ExportJob.objects.get(pk=job.pk).file.name) == (JobState.DONE, first)


def test_exports_expire_removes_old_jobs_and_their_files(world, frozen_clock):
    owner = world.users["so_officer"]
    old = done_job(owner)
    old_file = old.file.name
    frozen_clock.shift(datetime.timedelta(days=8))
    recent = done_job(owner)

    removed = services.exports_expire()

    assert removed == 1
    assert list(ExportJob.objects.values_list("pk", flat=True)) == [recent.pk]
    assert (default_storage.exists(old_file), default_storage.exists(recent.file.name)) == (False, True)


def test_export_list_shows_the_last_seven_days(world, client_for, frozen_clock):
    owner = world.users["so_officer"]
    old = done_job(owner)
    frozen_clock.shift(datetime.timedelta(days=8))
    recent = done_job(owner)
    html = client_for(owner).get(reverse("exports:list")).content.decode()

    assert reverse("exports:job", args=[recent.pk]) in html
    assert reverse("exports:job", args=[old.pk]) not in html
    assert reverse("exports:download", args=[recent.pk]) in html


@pytest.mark.parametrize("count", [1, 30])
def test_export_list_query_count(world, client_for, django_assert_num_queries, count):
    owner = world.users["so_officer"]
    for _number in range(count):
        done_job(owner)
    client = client_for(owner)
    client.get(reverse("exports:list"))  # warm the session

    with django_assert_num_queries(7):
        response = client.get(reverse("exports:list"))

    assert response.content.decode().count('href="/tai-xuong/') == 2 * count  # each job's page and its file


def test_export_expire_is_on_the_beat(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}

    assert "exports.tasks.exports_expire" in tasks


def test_export_tasks_are_thin_calls_of_the_services(world):
    from exports import tasks

    job = queued_job(world.users["so_officer"], rows=3)

    tasks.export_run(job.pk)  # called as the worker calls it, in this process
    removed = tasks.exports_expire()

    assert (ExportJob.objects.get(pk=job.pk).state, removed) == (JobState.DONE, 0)
    assert (tasks.export_run.name, tasks.exports_expire.name) == (
        "exports.tasks.export_run",
        "exports.tasks.exports_expire",
    )
