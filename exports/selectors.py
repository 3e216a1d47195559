"""Every read of exports. A job is its owner's alone: another user's job is not found (404)."""

import datetime

from django.utils import timezone

from exports.enums import KEEP_DAYS
from exports.models import ExportJob


def jobs_of(user):
    return ExportJob.objects.filter(owner=user)


def recent_jobs(user):
    """The user's jobs of the last days the files are kept, newest first."""
    since = timezone.now() - datetime.timedelta(days=KEEP_DAYS)
    return jobs_of(user).filter(created_at__gte=since).order_by("-created_at", "-id")
