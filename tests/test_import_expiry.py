"""Import previews left unconfirmed expire: the beat's task cancels them, drops their rows and
removes the uploaded files waiting for a confirmation."""

import datetime

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from units import tasks
from units.enums import ImportKind, ImportState
from units.models import AuditLog, ImportBatch

pytestmark = pytest.mark.django_db
T0 = datetime.datetime(2026, 3, 2, 8, 0, tzinfo=datetime.UTC)


def _batch(user, state=ImportState.PENDING) -> ImportBatch:
    return ImportBatch.objects.create(
        user=user, kind=ImportKind.PEOPLE, file_name="ca-nhan.xlsx", state=state, rows=[{"row": 2, "cells": ["x"]}]
    )


def test_the_hourly_task_expires_old_previews_and_their_files(world, settings):
    settings.PORTAL_IMPORT_PREVIEW_HOURS = 24
    settings.PORTAL_IMPORT_KEEP_DAYS = 30
    clerk = world.users["school_clerk"]
    with time_machine.travel(T0 - datetime.timedelta(days=40), tick=False):
        finished = _batch(clerk, ImportState.COMMITTED)
    with time_machine.travel(T0 - datetime.timedelta(hours=25), tick=False):
        old = _batch(clerk)
        old_file = default_storage.save("imports/awards/cu.xlsx", ContentFile(b"PK old"))
    with time_machine.travel(T0 - datetime.timedelta(hours=2), tick=False):
        recent = _batch(clerk)
        recent_file = default_storage.save("imports/awards/moi.xlsx", ContentFile(b"PK new"))
    with time_machine.travel(T0, tick=False):
        assert tasks.imports_expire() == {"expired": 1, "files_removed": 1}
        assert tasks.imports_expire() == {"expired": 0, "files_removed": 0}
    for batch in (old, recent, finished):
        batch.refresh_from_db()
    assert (old.state, old.rows) == (ImportState.CANCELLED, [])
    assert (recent.state, len(recent.rows)) == (ImportState.PENDING, 1)
    assert (finished.state, finished.rows) == (ImportState.COMMITTED, [])
    assert (default_storage.exists(old_file), default_storage.exists(recent_file)) == (False, True)
    entry = AuditLog.objects.get(action="import.state_changed", object_id=str(old.pk))
    assert (entry.actor, entry.reason, entry.data) == (
        None,
        "Không xác nhận kịp thời hạn",
        {"from": "pending", "to": "cancelled"},
    )
    default_storage.delete(recent_file)
