"""Real races for the tests marked ``postgres``: threads released together, each on its own connection."""

import threading

from django.db import connections


def race_outcomes(count: int, work):
    """Run ``work`` in ``count`` threads released together by a barrier: ``(results, errors)``.

    Each thread opens its own database connection (Django's are per thread) and closes it at
    the end. The exceptions are returned for the caller to assert (races some must lose).
    """
    barrier = threading.Barrier(count)
    results, errors = [], []

    def run():
        try:
            barrier.wait()
            results.append(work())
        except Exception as exc:  # the losers' refusals, asserted by the caller
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results, errors


def race(count: int, work):
    """Run ``work`` in ``count`` threads released together; every one must succeed. Their results."""
    results, errors = race_outcomes(count, work)
    assert errors == []
    return results
