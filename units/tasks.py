"""Celery tasks of units. Thin: a service call."""

import datetime

from celery import shared_task
from django.conf import settings

from common.uploads import purge_stale_files
from units import imports, notifications


@shared_task(name="units.tasks.imports_expire", ignore_result=True)
def imports_expire():
    """The beat's hourly clean-up: unconfirmed import previews and uploaded files waiting for a confirmation."""
    expired = imports.import_batches_expire()
    removed = purge_stale_files("imports/", older_than=datetime.timedelta(hours=settings.PORTAL_IMPORT_PREVIEW_HOURS))
    return {"expired": expired, "files_removed": removed}


@shared_task(name="units.tasks.notification_emails_tick", ignore_result=True)
def notification_emails_tick():
    """The beat's tick: the daily digests that are due, and any notice email not yet sent."""
    return notifications.emails_send_due()
