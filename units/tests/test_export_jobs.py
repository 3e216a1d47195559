"""The units and people lists past EXPORT_INLINE_ROWS: a worker's job (exports), read back from its file."""

import io

import openpyxl
import pytest
from django.urls import reverse

from exports.enums import JobState
from exports.models import ExportJob
from exports.services import export_run
from units.models import AuditLog
from units.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _download_rows(client, job):
    response = client.get(reverse("exports:download", args=[job.pk]))
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return list(book.worksheets[0].iter_rows(values_only=True))


def test_people_export_past_the_limit_is_a_job_whose_file_reads_back(world, client_for, settings):
    settings.EXPORT_INLINE_ROWS = 2
    PersonFactory(unit=world.school_a1, full_name='=HYPERLINK("http://x","Lan")', national_id="001085012345")
    officer = world.users["phong_officer"]
    client = client_for(officer)

    response = client.get(reverse("units:person-export"))
    job = ExportJob.objects.get()
    export_run(job_id=job.pk)  # what the worker's task calls
    job.refresh_from_db()
    rows = _download_rows(client, job)
    header = rows[0]
    entry = AuditLog.objects.get(action="person.national_ids_exported")

    assert (response.status_code, response.url) == (302, reverse("exports:job", args=[job.pk]))
    assert (job.state, job.kind, job.rows_written, job.params) == (
        JobState.DONE,
        "units.people",
        3,
        {"query": "", "unit": None, "role": ""},
    )
    # Phòng A's subtree: the two schools' people, not Trường Tiểu học Thử B1's
    assert sorted(r[2] for r in rows[1:]) == sorted(['=HYPERLINK("http://x","Lan")', "Nguyễn Thị Lan", "Trần Văn Bình"])
    assert "001085012345" in [r[header.index("Số CCCD")] for r in rows[1:]]
    assert (entry.actor_id, entry.data["rows"]) == (officer.pk, 3)  # on record for the job too (NĐ 13/2023)


def test_people_export_job_reads_the_unit_filter_again_in_the_worker(world, client_for, settings):
    settings.EXPORT_INLINE_ROWS = 0
    client = client_for(world.users["phong_officer"])

    client.get(reverse("units:person-export"), {"unit": world.school_a2.pk, "unit_name": world.school_a2.name})
    job = ExportJob.objects.get()
    export_run(job_id=job.pk)
    rows = _download_rows(client, job)

    assert job.params["unit"] == world.school_a2.pk
    assert [r[2] for r in rows[1:]] == ["Trần Văn Bình"]


def test_unit_export_past_the_limit_is_a_job_in_tree_order(world, client_for, settings):
    settings.EXPORT_INLINE_ROWS = 2
    client = client_for(world.users["phong_officer"])

    client.get(reverse("units:unit-export"))
    job = ExportJob.objects.get()
    export_run(job_id=job.pk)
    job.refresh_from_db()
    rows = _download_rows(client, job)

    assert (job.state, job.kind, job.rows_written) == (JobState.DONE, "units.units", 3)
    assert [r[0] for r in rows[1:]] == [world.phong_a.code, world.school_a1.code, world.school_a2.code]
    assert rows[2][1] == world.phong_a.code  # the parent's code
