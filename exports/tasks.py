"""Celery tasks of exports. Thin: ids in, a service call. Enqueued after commit by the services, by name."""

from celery import shared_task


@shared_task(name="exports.tasks.export_run", ignore_result=True, acks_late=True)
def export_run(job_id: int):
    from exports import services

    services.export_run(job_id=job_id)


@shared_task(name="exports.tasks.exports_expire", ignore_result=True)
def exports_expire():
    from exports import services

    return services.exports_expire()
