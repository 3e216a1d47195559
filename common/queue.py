"""Hand a Celery task to the workers by its name, once the transaction commits.

Services never import their app's ``tasks`` module (tasks import services: ids in, one service
call). A broker that does not answer must never break the request that asked for the work: the
failure is logged, and the beat tick or the user's "send again" catches up.
"""

import logging

from celery import current_app
from django.db import transaction

logger = logging.getLogger(__name__)
BROKER_CONNECT_TIMEOUT = 2  # seconds: a web request does not wait longer for a broker that is down


def publish(task_name: str, args: tuple, *, what: str) -> bool:
    """Send now; True when the broker took it."""
    try:
        with current_app.connection_for_write(
            transport_options={"max_retries": 0, "socket_connect_timeout": BROKER_CONNECT_TIMEOUT}
        ) as connection:
            current_app.send_task(task_name, args=args, retry=False, connection=connection)
    except Exception:  # the broker's errors vary by transport
        logger.exception("Could not hand %s to the workers", what)
        return False
    return True


def send_after_commit(task_name: str, args: tuple, *, what: str) -> None:
    """``publish`` once the current transaction commits (at once outside a transaction)."""
    transaction.on_commit(lambda: publish(task_name, args, what=what))
