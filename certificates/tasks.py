"""Celery tasks of certificates. Thin: ids in, a service call. Enqueued after commit by the services, by name."""

from celery import shared_task


@shared_task(name="certificates.tasks.print_job_run", ignore_result=True, acks_late=True)
def print_job_run(job_id: int):
    from certificates import services

    services.print_job_run(job_id=job_id)
