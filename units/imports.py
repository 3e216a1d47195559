"""Excel (.xlsx) import and export of units and people, as schools send them.

The flow: ``read_upload`` checks the file by its content and turns the first sheet
into JSON-safe cells → ``import_batch_create`` stores them in an ``ImportBatch`` and
runs the whole import inside a transaction that is rolled back: that dry run *is*
the preview (the same services, the same checks, rows that refer to rows above them
work) → ``import_batch_commit`` runs it again for real, all or nothing.

Column headers are part of the file format schools fill in, so they are Vietnamese
data here (like the wording of official documents), not UI msgids.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from common import excel, privacy
from common.text import clean, fold
from units import notifications, rules, selectors, services
from units.enums import IMPORT_TRANSITIONS, Gender, ImportKind, ImportState, PersonRole, UnitKind
from units.models import ImportBatch, Person, Unit, User

MAX_ROWS = 20_000
XLSX_CONTENT_TYPE = excel.XLSX_CONTENT_TYPE
HEADER_ROW = 1


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool = False
    width: int = 18


UNIT_COLUMNS = (
    Column("code", "Mã đơn vị", required=True, width=16),
    Column("parent_code", "Mã đơn vị cấp trên", width=16),
    Column("kind", "Loại đơn vị", required=True, width=26),
    Column("name", "Tên đơn vị", required=True, width=44),
    Column("short_name", "Tên viết tắt", width=14),
    Column("address", "Địa chỉ", width=36),
    Column("phone", "Điện thoại", width=14),
    Column("email", "Thư điện tử", width=26),
    Column("head_name", "Thủ trưởng", width=24),
    Column("head_title", "Chức danh thủ trưởng", width=20),
    Column("active_from", "Hoạt động từ ngày", width=14),
    Column("active_to", "Hoạt động đến ngày", width=14),
)
PERSON_COLUMNS = (
    Column("id", "Mã cá nhân", width=11),
    Column("unit_code", "Mã đơn vị", required=True, width=16),
    Column("full_name", "Họ và tên", required=True, width=28),
    Column("gender", "Giới tính", required=True, width=9),
    Column("birth_date", "Ngày sinh", width=12),
    Column("role", "Vai trò", required=True, width=16),
    Column("position", "Chức vụ", width=20),
    Column("qualifications", "Trình độ chuyên môn", width=22),
    Column("sector_start_year", "Năm vào ngành", width=10),
    Column("national_id", "Số CCCD", width=15),
    Column("email", "Thư điện tử", width=26),
    Column("phone", "Điện thoại", width=14),
)
UNIT_TEXT_FIELDS = ("short_name", "address", "phone", "email", "head_name", "head_title")
PERSON_TEXT_FIELDS = ("position", "qualifications", "email", "phone")


def columns_for(kind: str) -> tuple[Column, ...]:
    return UNIT_COLUMNS if kind == ImportKind.UNITS else PERSON_COLUMNS


def _header(kind: str, key: str) -> str:
    return next((c.header for c in columns_for(kind) if c.key == key), "")


# --- Reading the upload -----------------------------------------------------------


def _cell(value):
    """A JSON-safe cell: text, int, float, or a date written dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int | float):
        return value
    return clean(str(value))


@dataclass
class Sheet:
    headers: list[str]
    rows: list[dict]  # {"row": excel row number, "cells": [...]}


def read_upload(upload) -> Sheet:
    """Open an uploaded .xlsx through the one guarded reader; ValidationError with a Vietnamese message."""
    data = excel.read_sheet(upload, max_rows=MAX_ROWS)
    headers: list[str] = []
    rows: list[dict] = []
    for number, values in enumerate(data.rows, start=1):
        cells = [_cell(v) for v in values]
        if number == HEADER_ROW:
            headers = [str(c) for c in cells]
            continue
        if any(c not in ("", None) for c in cells):
            rows.append({"row": number, "cells": cells})
    if not any(headers):
        raise ValidationError(_("The first row of the sheet must hold the column headers."))
    return Sheet(headers=headers, rows=rows)


def _map_columns(kind: str, headers: list[str]) -> dict[str, int]:
    """Column key -> index of the first header that names it (accents and case do not matter)."""
    by_header = {fold(c.header): c for c in columns_for(kind)}
    mapping: dict[str, int] = {}
    for index, header in enumerate(headers):
        column = by_header.get(fold(header))
        if column is not None and column.key not in mapping:
            mapping[column.key] = index
    return mapping


# --- Parsing cells ----------------------------------------------------------------

_DATE_PATTERNS = (
    (re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$"), ("d", "m", "y")),
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), ("y", "m", "d")),
)


class CellError(Exception):
    pass


def _text(value) -> str:
    return clean(str(value)) if value not in (None, "") else ""


def _date(value) -> datetime.date | None:
    text = _text(value)
    if not text:
        return None
    for pattern, order in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            parts = dict(zip(order, (int(g) for g in match.groups()), strict=True))
            try:
                return datetime.date(parts["y"], parts["m"], parts["d"])
            except ValueError:
                break
    raise CellError(_("“%(value)s” is not a valid date; write day/month/year, e.g. 05/02/1985.") % {"value": text})


def _year(value) -> int | None:
    text = _text(value)
    if not text:
        return None
    if not text.isdigit() or len(text) != 4:
        raise CellError(_("“%(value)s” is not a year; write four digits, e.g. 2008.") % {"value": text})
    return int(text)


def _choice(value, choices, what: str) -> str:
    text = _text(value)
    wanted = fold(text)
    with override("vi"):
        for choice in choices:
            if wanted in (fold(choice.value), fold(str(choice.label))):
                return choice.value
    with override("en"):
        for choice in choices:
            if wanted == fold(str(choice.label)):
                return choice.value
    with override("vi"):
        allowed = ", ".join(str(c.label) for c in choices)
    raise CellError(
        _("“%(value)s” is not a valid %(what)s; use one of: %(allowed)s.")
        % {"value": text, "what": what, "allowed": allowed}
    )


def _national_id(value) -> str:
    # Excel turns 001085012345 typed as a number into 1085012345: put the zeros back.
    if isinstance(value, int):
        text = str(value)
        return text.zfill(12) if 10 <= len(text) < 12 else text
    return _text(value).replace(" ", "")


# --- Running an import ------------------------------------------------------------


@dataclass
class Outcome:
    actions: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def error(self, row: int, column: str, message: str) -> None:
        self.errors.append({"row": row, "column": column, "message": str(message)})

    def act(self, row: int, action: str, label: str) -> None:
        self.actions.append({"row": row, "action": action, "label": label})

    @property
    def summary(self) -> dict:
        counts = {"created": 0, "updated": 0, "unchanged": 0}
        for item in self.actions:
            counts[item["action"]] += 1
        return {**counts, "actions": self.actions, "notes": self.notes}


class _Rollback(Exception):
    def __init__(self, outcome: Outcome):
        super().__init__()
        self.outcome = outcome


def _service_errors(outcome: Outcome, kind: str, row: int, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for key, messages in exc.message_dict.items():
            for message in messages:
                outcome.error(row, _header(kind, key), message)
    else:
        for message in exc.messages:
            outcome.error(row, "", message)


def _values(batch: ImportBatch, item: dict) -> dict:
    cells = item["cells"]
    return {key: cells[index] if index < len(cells) else "" for key, index in batch.columns.items()}


def _apply_units(batch: ImportBatch, actor: User, outcome: Outcome) -> None:
    kind = ImportKind.UNITS
    seen: dict[str, int] = {}
    for item in batch.rows:
        row, raw = item["row"], _values(batch, item)
        errors_before = len(outcome.errors)
        fields: dict = {}
        for column in UNIT_COLUMNS:
            if column.key not in raw:
                continue
            value = raw[column.key]
            try:
                if column.key in ("active_from", "active_to"):
                    fields[column.key] = _date(value)
                elif column.key == "kind":
                    fields["kind"] = _choice(value, UnitKind, _("unit kind")) if _text(value) else ""
                else:
                    fields[column.key] = _text(value)
            except CellError as exc:
                outcome.error(row, column.header, str(exc))
        code = fields.get("code", "").upper()
        parent_code = fields.pop("parent_code", "").upper()
        fields["code"] = code
        for column in UNIT_COLUMNS:
            if column.required and column.key in fields and not fields[column.key]:
                outcome.error(row, column.header, _("This column is required."))
        if code and code in seen:
            outcome.error(
                row,
                _header(kind, "code"),
                _("The code %(code)s is repeated: it is already on row %(row)s.") % {"code": code, "row": seen[code]},
            )
        if code:
            seen.setdefault(code, row)
        if len(outcome.errors) > errors_before:
            continue
        label = f"{fields['name']} ({code})"
        existing = Unit.objects.filter(code=code).first()
        try:
            if existing is not None:
                _update_unit(outcome, actor, row, existing, parent_code, fields, label)
            else:
                _create_unit(outcome, actor, row, parent_code, fields, label)
        except ValidationError as exc:
            _service_errors(outcome, kind, row, exc)


def _update_unit(outcome, actor, row, unit, parent_code, fields, label) -> None:
    if not rules.can_view_unit(actor, unit):
        outcome.error(
            row, _header(ImportKind.UNITS, "code"), _("The code %(code)s is already used by another unit.") % fields
        )
        return
    parent = Unit.objects.get_parent(unit) if unit.depth > 1 else None
    current_parent_code = parent.code if parent else ""
    if parent_code != current_parent_code:
        outcome.error(
            row,
            _header(ImportKind.UNITS, "parent_code"),
            _("This unit is under %(parent)s; to change that, use “Move” on the unit's page.")
            % {"parent": current_parent_code or "—"},
        )
        return
    changes = {key: value for key, value in fields.items() if getattr(unit, key) != value}
    if not changes:
        outcome.act(row, "unchanged", label)
    elif not actor.has_perm("units.change_unit", unit):
        outcome.error(row, "", _("You may not change the unit %(name)s.") % {"name": unit.name})
    else:
        services.unit_update(unit=unit, actor=actor, reason=_("Excel import"), **changes)
        outcome.act(row, "updated", label)


def _create_unit(outcome, actor, row, parent_code, fields, label) -> None:
    column = _header(ImportKind.UNITS, "parent_code")
    if not parent_code:
        if actor.is_superuser:
            services.unit_create(parent=None, actor=actor, **fields)
            outcome.act(row, "created", label)
        else:
            outcome.error(row, column, _("A new unit needs the code of the unit above it."))
        return
    parent = Unit.objects.filter(code=parent_code).first()
    if parent is None:
        outcome.error(row, column, _("There is no unit with the code %(code)s.") % {"code": parent_code})
    elif not rules.can_view_unit(actor, parent):
        outcome.error(row, column, _("The unit %(code)s is outside your scope.") % {"code": parent_code})
    elif not actor.has_perm("units.add_child_unit", parent):
        outcome.error(row, column, _("You may not add units under %(name)s.") % {"name": parent.name})
    else:
        services.unit_create(parent=parent, actor=actor, **fields)
        outcome.act(row, "created", label)


def _apply_people(batch: ImportBatch, actor: User, outcome: Outcome) -> None:
    kind = ImportKind.PEOPLE
    items = [(item["row"], _values(batch, item)) for item in batch.rows]
    with_ids = "national_id" in batch.columns and rules.sees_national_ids(actor)
    if "national_id" in batch.columns and not with_ids:
        outcome.notes.append(_("The national ID column was ignored: your role does not record national ID numbers."))
    codes = {_text(raw.get("unit_code")).upper() for _row, raw in items}
    units = {u.code: u for u in Unit.objects.filter(code__in=codes)}
    ids = {_text(raw.get("id")) for _row, raw in items}
    people = {
        str(p.pk): p for p in Person.objects.filter(pk__in=[i for i in ids if i.isdigit()]).select_related("unit")
    }
    seen: dict[tuple, int] = {}
    for row, raw in items:
        errors_before = len(outcome.errors)
        fields: dict = {}
        for column in PERSON_COLUMNS:
            if column.key not in raw or column.key in ("id", "unit_code"):
                continue
            if column.key == "national_id" and not with_ids:
                continue
            value = raw[column.key]
            try:
                if column.key == "birth_date":
                    fields["birth_date"] = _date(value)
                elif column.key == "sector_start_year":
                    fields["sector_start_year"] = _year(value)
                elif column.key == "gender":
                    fields["gender"] = _choice(value, Gender, _("gender")) if _text(value) else ""
                elif column.key == "role":
                    fields["role"] = _choice(value, PersonRole, _("role")) if _text(value) else ""
                elif column.key == "national_id":
                    fields["national_id"] = _national_id(value)
                else:
                    fields[column.key] = _text(value)
            except CellError as exc:
                outcome.error(row, column.header, str(exc))
        for column in PERSON_COLUMNS:
            if column.required and not _text(raw.get(column.key)):
                outcome.error(row, column.header, _("This column is required."))
        unit_code = _text(raw.get("unit_code")).upper()
        unit = units.get(unit_code)
        unit_column = _header(kind, "unit_code")
        if unit_code and unit is None:
            outcome.error(row, unit_column, _("There is no unit with the code %(code)s.") % {"code": unit_code})
        elif unit is not None and not rules.can_view_unit(actor, unit):
            outcome.error(row, unit_column, _("The unit %(code)s is outside your scope.") % {"code": unit_code})
        elif unit is not None and not actor.has_perm("units.add_person", unit):
            outcome.error(row, unit_column, _("You may not record people of %(name)s.") % {"name": unit.name})
        person_id = _text(raw.get("id"))
        person = None
        if person_id:
            person = people.get(person_id)
            if person is None or not rules.can_view_unit(actor, person.unit):
                outcome.error(
                    row, _header(kind, "id"), _("There is no person with ID %(id)s in your scope.") % {"id": person_id}
                )
                person = None
            elif unit is not None and person.unit_id != unit.pk:
                outcome.error(
                    row,
                    unit_column,
                    _("%(name)s works at %(unit)s; record a transfer on the person's page instead.")
                    % {"name": person.full_name, "unit": person.unit.code},
                )
        if len(outcome.errors) > errors_before:
            continue
        key = ("id", person_id) if person_id else (unit.pk, fold(fields["full_name"]), fields.get("birth_date"))
        if key in seen:
            outcome.error(
                row,
                _header(kind, "full_name"),
                _("This person is repeated: they are already on row %(row)s.") % {"row": seen[key]},
            )
            continue
        seen[key] = row
        if person is None:
            person = Person.objects.filter(
                unit=unit, name_search=fold(fields["full_name"]), birth_date=fields.get("birth_date")
            ).first()
        label = f"{fields['full_name']} ({unit.code})"
        try:
            if person is None:
                services.person_create(unit=unit, actor=actor, **fields)
                outcome.act(row, "created", label)
                continue
            changes = {key: value for key, value in fields.items() if getattr(person, key) != value}
            if not changes:
                outcome.act(row, "unchanged", label)
            else:
                services.person_update(person=person, actor=actor, **changes)
                outcome.act(row, "updated", label)
        except ValidationError as exc:
            _service_errors(outcome, kind, row, exc)


def _apply(batch: ImportBatch, actor: User) -> Outcome:
    outcome = Outcome()
    if batch.kind == ImportKind.UNITS:
        _apply_units(batch, actor, outcome)
    else:
        _apply_people(batch, actor, outcome)
    return outcome


def _dry_run(batch: ImportBatch, actor: User) -> Outcome:
    try:
        with transaction.atomic():
            raise _Rollback(_apply(batch, actor))
    except _Rollback as stop:
        return stop.outcome


def _structure_errors(batch: ImportBatch) -> Outcome | None:
    """Errors of the sheet as a whole (missing columns, no rows), reported on the header row."""
    missing = [c.header for c in columns_for(batch.kind) if c.required and c.key not in batch.columns]
    outcome = Outcome()
    if missing:
        outcome.error(HEADER_ROW, ", ".join(missing), _("Required columns are missing: %s.") % ", ".join(missing))
    elif not batch.rows:
        outcome.error(HEADER_ROW, "", _("The sheet has no data rows below the headers."))
    return outcome if outcome.errors else None


@transaction.atomic
def import_batch_create(*, user: User, kind: str, file_name: str, sheet: Sheet) -> ImportBatch:
    """Store the parsed sheet and preview it: nothing in the registry changes."""
    batch = ImportBatch.objects.create(
        user=user,
        kind=kind,
        file_name=clean(file_name)[:255],
        columns=_map_columns(kind, sheet.headers),
        rows=sheet.rows,
    )
    outcome = _structure_errors(batch) or _dry_run(batch, user)
    batch.errors, batch.summary = outcome.errors, outcome.summary
    batch.save(update_fields=["errors", "summary"])
    services.log_action(batch, "import.previewed", actor=user, unit=user.unit, data={"errors": len(batch.errors)})
    return batch


@transaction.atomic
def import_batch_set_state(*, batch: ImportBatch, new_state: str, actor: User, reason: str = "") -> ImportBatch:
    """The only writer of ``ImportBatch.state``: checks ``IMPORT_TRANSITIONS``, logs who, when and why."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    old_state = batch.state
    if new_state not in IMPORT_TRANSITIONS[old_state]:
        raise ValidationError(_("This import has already been confirmed or cancelled."))
    batch.state = new_state
    update = ["state"]
    if new_state == ImportState.COMMITTED:
        batch.committed_at = timezone.now()
        update.append("committed_at")
    batch.save(update_fields=update)
    if new_state == ImportState.COMMITTED:
        notifications.announce("import.finished", batch, actor=actor)
    services.log_action(
        batch,
        "import.state_changed",
        actor=actor,
        unit=actor.unit,
        reason=reason,
        data={"from": old_state, "to": new_state},
    )
    return batch


@transaction.atomic
def import_batch_commit(*, batch: ImportBatch, actor: User) -> ImportBatch:
    """Run the import for real: every row or none. On errors the batch keeps them and stays pending."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.state != ImportState.PENDING:
        raise ValidationError(_("This import has already been confirmed or cancelled."))
    outcome = _structure_errors(batch)
    if outcome is None:
        try:
            with transaction.atomic():
                outcome = _apply(batch, actor)
                if outcome.errors:
                    raise _Rollback(outcome)
        except _Rollback as stop:
            outcome = stop.outcome
    batch.errors, batch.summary = outcome.errors, outcome.summary
    batch.save(update_fields=["errors", "summary"])
    if batch.errors:
        return batch
    return import_batch_set_state(batch=batch, new_state=ImportState.COMMITTED, actor=actor)


@transaction.atomic
def import_batch_cancel(*, batch: ImportBatch, actor: User) -> ImportBatch:
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    return import_batch_set_state(batch=batch, new_state=ImportState.CANCELLED, actor=actor)


def import_batches_expire(*, now=None) -> int:
    """Previews left unconfirmed for ``PORTAL_IMPORT_PREVIEW_HOURS`` are cancelled and their rows
    (personal data) dropped; the rows of finished imports are dropped after ``PORTAL_IMPORT_KEEP_DAYS``.
    Run by the beat (``units.tasks.imports_expire``). Returns how many previews expired."""
    now = now or timezone.now()
    stale = ImportBatch.objects.filter(
        state=ImportState.PENDING,
        created_at__lt=now - datetime.timedelta(hours=settings.PORTAL_IMPORT_PREVIEW_HOURS),
    ).select_related("user")
    expired = 0
    for batch in stale:
        with transaction.atomic():
            batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
            if batch.state != ImportState.PENDING:
                continue
            batch.state, batch.rows = ImportState.CANCELLED, []
            batch.save(update_fields=["state", "rows"])
            services.log_action(
                batch,
                "import.state_changed",
                actor=None,
                unit=batch.user.unit,
                reason=_("Not confirmed in time"),
                data={"from": ImportState.PENDING, "to": ImportState.CANCELLED},
            )
            expired += 1
    ImportBatch.objects.exclude(state=ImportState.PENDING).exclude(rows=[]).filter(
        created_at__lt=now - datetime.timedelta(days=settings.PORTAL_IMPORT_KEEP_DAYS)
    ).update(rows=[])
    return expired


# --- Writing workbooks ------------------------------------------------------------


def _sheet(title: str, columns: tuple[Column, ...], rows=()) -> excel.Sheet:
    return excel.Sheet(title=title, headers=[c.header for c in columns], rows=rows, widths=[c.width for c in columns])


def _fmt(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def units_sheet(user: User, *, query: str = "", kind: str = "") -> excel.Sheet:
    rows = (
        [
            unit.code,
            parent_code,
            unit.get_kind_display(),
            unit.name,
            unit.short_name,
            unit.address,
            unit.phone,
            unit.email,
            unit.head_name,
            unit.head_title,
            _fmt(unit.active_from),
            _fmt(unit.active_to),
        ]
        for unit, parent_code in selectors.unit_export_rows(user, query=query, kind=kind)
    )
    return _sheet("Đơn vị", UNIT_COLUMNS, rows)


def people_sheet(user: User, *, query: str = "", unit: Unit | None = None, role: str = "") -> excel.Sheet:
    with_ids = rules.sees_national_ids(user)
    columns = tuple(c for c in PERSON_COLUMNS if with_ids or c.key != "national_id")
    people = selectors.person_list(user, query=query, unit=unit, role=role)

    def row(p) -> list:
        # Birth date and phone in full only for those who keep the record (NĐ 13/2023); masked otherwise.
        full = rules.manages_unit(user, p.unit)
        return [
            str(p.pk),
            p.unit.code,
            p.full_name,
            p.get_gender_display(),
            _fmt(p.birth_date) if full else privacy.mask_birth_date(p.birth_date),
            p.get_role_display(),
            p.position,
            p.qualifications,
            p.sector_start_year or "",
            *([p.national_id] if with_ids else []),
            p.email,
            p.phone if full else privacy.mask_phone(p.phone),
        ]

    rows = (row(p) for p in people.iterator(chunk_size=2000))
    return _sheet("Cá nhân", columns, rows)


def template_workbook(kind: str) -> bytes:
    """An empty sheet with the headers, and a second sheet that explains each column."""
    columns = columns_for(kind)
    with override("vi"):
        hints = {
            "kind": "; ".join(str(k.label) for k in UnitKind),
            "gender": "; ".join(str(g.label) for g in Gender),
            "role": "; ".join(str(r.label) for r in PersonRole),
            "active_from": "ngày/tháng/năm, ví dụ 05/02/2024",
            "active_to": "ngày/tháng/năm; để trống nếu đang hoạt động",
            "birth_date": "ngày/tháng/năm, ví dụ 05/02/1985",
            "sector_start_year": "4 chữ số, ví dụ 2008",
            "national_id": "12 chữ số (hoặc 9 chữ số CMND cũ); chỉ thủ trưởng, cán bộ TĐKT được nhập",
            "id": "để trống khi thêm mới; giữ nguyên khi cập nhật từ tệp đã xuất",
            "parent_code": "bắt buộc khi thêm đơn vị mới",
        }
    guide = excel.Sheet(
        title="Hướng dẫn",
        headers=["Cột", "Bắt buộc", "Cách ghi"],
        rows=[[c.header, "Có" if c.required else "", hints.get(c.key, "")] for c in columns],
        widths=[22, 10, 90],
    )
    return excel.workbook_bytes([_sheet("Đơn vị" if kind == ImportKind.UNITS else "Cá nhân", columns), guide])
