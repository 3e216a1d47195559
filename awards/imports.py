"""The award-history import, on the import batches of ``units.imports``.

The same model and the same steps as the units and people import: the uploaded
sheet's cells are stored in a ``units.models.ImportBatch`` (kind ``awards``), not in
the session or a temporary file, so any web process can confirm it; the preview is
the real import rolled back (``services.history_import_check``); errors are kept per
row in the batch (``{"row", "column", "message"}``, as the units import keeps them);
the confirmation parses the stored rows again and writes every row or none, then
moves the batch with ``units.imports.import_batch_set_state``, the one writer of
its state.

``units.imports`` runs the units and people kinds; its services cannot run this
kind (``units`` may not import ``awards``), so this module holds the two steps
that differ (what a row means and how it is written) and reuses the rest.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from awards import excel, services
from awards.models import AwardRecord
from awards.services import ImportRow
from common.text import clean
from units.enums import ImportKind, ImportState
from units.imports import import_batch_set_state
from units.models import ImportBatch, User
from units.services import log_action


def _store(batch: ImportBatch, rows: list[ImportRow], errors: dict[int, list[str]]) -> None:
    batch.errors = [
        {"row": number, "column": "", "message": str(message)}
        for number, messages in sorted(errors.items())
        for message in messages
    ]
    actions = (
        []
        if errors
        else [
            {
                "row": row.row,
                "action": "created",
                "label": excel.row_label(row),
                "decision_number": row.decision_number,
                "decision_date": row.decision_date.isoformat(),
            }
            for row in rows
        ]
    )
    batch.summary = {"created": len(actions), "updated": 0, "unchanged": 0, "actions": actions, "notes": []}
    batch.save(update_fields=["errors", "summary"])


@transaction.atomic
def history_batch_create(*, user: User, file_name: str, rows: list[dict]) -> ImportBatch:
    """Store the rows read from the upload and preview them: nothing in the history changes.

    Rows that parse are also run through the services (and rolled back), so one
    upload lists every error, of shape and of meaning.
    """
    batch = ImportBatch.objects.create(
        user=user, kind=ImportKind.AWARD_HISTORY, file_name=clean(file_name)[:255], rows=rows
    )
    parsed, errors = excel.parse_rows(batch.rows, user=user)
    errors.update(services.history_import_check(rows=parsed, actor=user))
    _store(batch, parsed, errors)
    log_action(batch, "import.previewed", actor=user, unit=user.unit, data={"errors": len(batch.errors)})
    return batch


@transaction.atomic
def history_batch_commit(*, batch: ImportBatch, actor: User) -> tuple[ImportBatch, list[AwardRecord]]:
    """Write every stored row or none. On errors the batch keeps them and stays pending."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.kind != ImportKind.AWARD_HISTORY or batch.state != ImportState.PENDING:
        raise ValidationError(_("This import has already been confirmed or cancelled."))
    parsed, errors = excel.parse_rows(batch.rows, user=actor)
    created: list[AwardRecord] = []
    if not errors:
        try:
            created = services.history_import(rows=parsed, actor=actor)
        except services.ImportErrors as exc:
            errors = exc.rows
    _store(batch, parsed, errors)
    if errors:
        return batch, []
    return import_batch_set_state(batch=batch, new_state=ImportState.COMMITTED, actor=actor), created


def errors_by_row(batch: ImportBatch) -> list[tuple[int, list[str]]]:
    """``[(row, [messages])]`` in row order, as the import page lists them."""
    grouped: dict[int, list[str]] = {}
    for error in batch.errors:
        grouped.setdefault(error["row"], []).append(error["message"])
    return sorted(grouped.items())


def preview_rows(batch: ImportBatch) -> list[tuple[int, str, dict]]:
    """``[(row, label, {"decision_number", "decision_date"})]`` of a batch without errors."""
    return [
        (
            action["row"],
            action["label"],
            {
                "decision_number": action["decision_number"],
                "decision_date": datetime.date.fromisoformat(action["decision_date"]),
            },
        )
        for action in batch.summary.get("actions", [])
    ]
