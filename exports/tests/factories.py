"""Test helpers of exports: an exporter of made-up rows (registered under ``TEST_KIND``) and jobs."""

import datetime

from django.core.files.base import ContentFile

from common.excel import Sheet
from exports import registry, services
from exports.enums import JobState
from exports.models import ExportJob

TEST_KIND = "exports.test_rows"
FIRST_DAY = datetime.date(2026, 2, 5)


def _rows(count: int):
    for number in range(1, count + 1):
        yield [number, f"Trường Thử {number:05d}", FIRST_DAY + datetime.timedelta(days=number % 300), "=SUM(A1:A9)"]


def build_test_rows(user, params: dict):
    if params.get("fail"):
        raise RuntimeError("a database that went away mid-export")
    headers = ["STT", "Đơn vị", "Ngày", "Ghi chú"]
    return f"danh-sach-{user.username}.xlsx", [Sheet("Danh sách", headers, _rows(int(params["rows"])))]


def count_test_rows(user, params: dict) -> int:
    return int(params.get("rows", 0))


registry.register(TEST_KIND, title="Danh sách thử", build=build_test_rows, count=count_test_rows)


def queued_job(owner, *, rows: int = 10, **params) -> ExportJob:
    return services.export_start(user=owner, kind=TEST_KIND, params={"rows": rows, **params})


def done_job(owner, *, rows: int = 3) -> ExportJob:
    """A finished job with a small stored file, without running the workbook writer."""
    job = queued_job(owner, rows=rows)
    job = services.job_transition(job=job, to=JobState.RUNNING)
    job.file.save(f"thu-{job.pk}.xlsx", ContentFile(b"PK\x03\x04 test"), save=False)
    ExportJob.objects.filter(pk=job.pk).update(file=job.file.name, filename="thu.xlsx", rows_written=rows, progress=100)
    return services.job_transition(job=job, to=JobState.DONE)
