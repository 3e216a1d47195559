"""The Celery app. Tasks live in each app's tasks.py and stay thin: ids in, a service call."""

import os

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

app = Celery("thidua")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.task_failure.connect
def _keep_failure(sender=None, task_id=None, exception=None, **kwargs):
    """The last failures, for the system administrators' queue page (common.ops)."""
    from common.ops import record_task_failure

    record_task_failure(sender=sender, task_id=task_id, exception=exception)
