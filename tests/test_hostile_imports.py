"""Every spreadsheet import refuses each hostile file with its Vietnamese message and saves nothing.

The samples come from ``common/tests/hostile_files.py``; both imports (units/people and award
history) go through the one reader, ``common.excel.read_sheet``.
"""

import time
from functools import cache

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards import excel as awards_excel
from awards.models import AwardRecord
from common.tests import hostile_files
from units import imports
from units.enums import ImportKind
from units.models import AuditLog, ImportBatch, Person, Unit

pytestmark = pytest.mark.django_db


# Django's file field refuses an empty upload before the reader sees it, with its own message.
EMPTY = "Tập tin được gửi là rỗng."


def _expected(sample) -> str:
    return sample.message if sample.data else EMPTY


@cache
def _samples(max_rows: int):
    return hostile_files.samples(max_rows=max_rows)


def _state():
    imported = default_storage.listdir("imports/awards")[1] if default_storage.exists("imports/awards") else []
    return (
        Unit.objects.count(),
        Person.objects.count(),
        ImportBatch.objects.count(),
        AwardRecord.objects.count(),
        AuditLog.objects.count(),
        len(imported),
    )


@pytest.mark.parametrize("sample", _samples(imports.MAX_ROWS), ids=[s.name for s in _samples(imports.MAX_ROWS)])
def test_people_import_refuses_the_hostile_file_with_its_message(sample, world, client_for):
    client = client_for(world.users["school_clerk"])
    before = _state()
    started = time.monotonic()
    response = client.post(
        reverse("units:import-start"),
        {"kind": ImportKind.PEOPLE, "file": SimpleUploadedFile(f"{sample.name}.xlsx", sample.data)},
    )
    elapsed = time.monotonic() - started
    [message] = response.context["form"].errors["file"]
    assert (response.status_code, message[: len(_expected(sample))]) == (200, _expected(sample))
    assert message in response.content.decode()
    assert _state() == before
    assert elapsed < 1.5  # the request as a whole; the reader's own bound (< 1 s) is in common/tests


@pytest.mark.parametrize(
    "sample", _samples(awards_excel.MAX_ROWS), ids=[s.name for s in _samples(awards_excel.MAX_ROWS)]
)
def test_award_history_import_refuses_the_hostile_file_with_its_message(sample, world, client_for):
    client = client_for(world.users["school_clerk"])
    before = _state()
    response = client.post(reverse("awards:import"), {"file": SimpleUploadedFile(f"{sample.name}.xlsx", sample.data)})
    [message] = response.context["form"].errors["file"]
    assert (response.status_code, message[: len(_expected(sample))]) == (200, _expected(sample))
    assert _state() == before
