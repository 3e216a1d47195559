"""Bulk loading on PostgreSQL: rows written straight into ``COPY … FROM STDIN``.

Used by the national-scale demo data (``seed_demo --scale national``), where millions of rows
through ``bulk_create`` would build a model instance and a parameter list for each one.
"""

import datetime
import io
from collections.abc import Iterable, Sequence

from django.db import connection
from django.utils import timezone


def _text(value) -> str:
    # COPY's text format: \N is NULL; backslash, tab and line breaks are escaped.
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, str):
        if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
            value = value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
        return value
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return str(value)


def copy_rows(model, fields: Sequence[str], rows: Iterable[Sequence], *, chunk: int = 100_000) -> int:
    """COPY ``rows`` (tuples in the order of ``fields``, attribute names such as ``unit_id``) into
    ``model``'s table and return how many were written.

    Every other column (but the primary key) gets its field's default once for all rows, and
    ``auto_now``/``auto_now_add`` columns the time of the call: COPY bypasses Django, and the
    database has no defaults of its own. Rows go in chunks so that memory stays flat.
    """
    meta = model._meta
    by_name = {f.attname: f for f in meta.concrete_fields} | {f.name: f for f in meta.concrete_fields}
    try:
        given = [by_name[name] for name in fields]
    except KeyError as missing:
        raise ValueError(f"{meta.label} has no field {missing}.") from None
    named = {field.attname for field in given}
    columns = [field.column for field in given]
    now = timezone.now()
    tail_columns, tail_values = [], []
    for field in meta.concrete_fields:
        if field.primary_key or field.attname in named:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value = now
        else:
            value = field.get_default()
            if value is None and not field.null:
                raise ValueError(f"{meta.label}.{field.name} has no default: name it among the fields.")
        tail_columns.append(field.column)
        tail_values.append(_text(value))
    tail = ("\t" + "\t".join(tail_values)) if tail_values else ""
    quote = connection.ops.quote_name
    sql = f"COPY {quote(meta.db_table)} ({', '.join(quote(column) for column in columns + tail_columns)}) FROM STDIN"
    written = 0
    buffer = io.StringIO()
    pending = 0
    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg2's own cursor: Django's wrapper has no copy_expert
        for row in rows:
            buffer.write("\t".join(map(_text, row)))
            buffer.write(tail)
            buffer.write("\n")
            pending += 1
            if pending == chunk:
                buffer.seek(0)
                raw.copy_expert(sql, buffer)
                written += pending
                buffer, pending = io.StringIO(), 0
        if pending:
            buffer.seek(0)
            raw.copy_expert(sql, buffer)
            written += pending
    return written
