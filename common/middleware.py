"""Transactions per request: only requests that may write run in one (both databases).

Django's ``ATOMIC_REQUESTS`` wraps every view in a transaction. On SQLite each transaction starts
with ``BEGIN IMMEDIATE`` (``transaction_mode``), which takes the one write lock of the database:
every page view, even a read-only list or a long export, would then wait for every other. Here
(``ATOMIC_REQUESTS`` off for SQLite, see ``config/settings/base.py``) a request with an unsafe
method (POST, PUT, PATCH, DELETE) runs its view in one transaction, all or nothing, exactly as
``ATOMIC_REQUESTS`` would; a GET runs in autocommit, reading from WAL snapshots without locking
anyone out, and any write it makes is a service's own atomic block. PostgreSQL is run the same way
(``ATOMIC_REQUESTS`` off there too): a read-only page is spared the BEGIN and COMMIT round trips. A view marked
``@transaction.non_atomic_requests`` (an upload parsed before its service runs) is left alone, so
no lock is held while a file is read.

Must be the last middleware: it answers from ``process_view``.
"""

from django.db import DEFAULT_DB_ALIAS, connections, transaction

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class AtomicWritesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method in SAFE_METHODS or connections[DEFAULT_DB_ALIAS].settings_dict["ATOMIC_REQUESTS"]:
            return None  # reads, or Django already wraps every view (PostgreSQL, the test suite)
        if DEFAULT_DB_ALIAS in getattr(view_func, "_non_atomic_requests", set()):
            return None
        with transaction.atomic():
            return view_func(request, *view_args, **view_kwargs)
