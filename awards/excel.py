"""Excel history import: the downloadable template, the reader and the row parser.

``read_rows`` turns the uploaded sheet into JSON-safe cells, kept in a
``units.models.ImportBatch`` between the preview and the confirmation
(``awards.imports``). The parser checks shape and resolves codes, people and units
in bulk through ``awards.selectors`` (a fixed number of queries); meaning (reused
decision numbers, awards before joining the sector, duplicates) is checked by
``services.history_import``, all or nothing.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from awards import selectors
from awards.eligibility import suggest_for_unit
from awards.enums import AwardType
from awards.services import ImportRow
from common import excel
from common.dates import school_year_label
from common.text import clean, fold
from units.models import Unit, User

COLUMNS = 10
MAX_ROWS = 5000
TYPE_WORDS = {
    "": AwardType.MERIT,
    "cong trang": AwardType.MERIT,
    "dot xuat": AwardType.ONE_OFF,
    "chuyen de": AwardType.THEMATIC,
    "theo chuyen de": AwardType.THEMATIC,
    "cong hien": AwardType.DEDICATION,
    "qua trinh cong hien": AwardType.DEDICATION,
    "doi ngoai": AwardType.FOREIGN,
}
_YEAR = re.compile(r"^\s*(\d{4})\s*(?:[-–/]\s*(\d{4}))?\s*$")


def headers() -> list[str]:
    return [
        _("National ID number"),
        _("Full name"),
        _("Date of birth (dd/mm/yyyy)"),
        _("Unit code"),
        _("School year (e.g. 2023-2024)"),
        _("Title or award code"),
        _("Award type (công trạng / đột xuất / chuyên đề)"),
        _("Decision number"),
        _("Decision date (dd/mm/yyyy)"),
        _("Issuer"),
    ]


def build_template() -> bytes:
    """An .xlsx with the header row, one example row and the list of award codes."""
    example = [
        "",
        "Nguyễn Văn An",
        "04/03/1985",
        "THCS-XUANSON",
        "2023-2024",
        "CSTDCS",
        "công trạng",
        "215/QĐ-PGDĐT",
        "28/05/2024",
        "Phòng GD&ĐT thị xã Đông Triều",
    ]
    history = excel.Sheet(
        title=_("History"), headers=headers(), rows=[example], widths=(16, 26, 14, 18, 14, 14, 16, 18, 14, 34)
    )
    codes = excel.Sheet(
        title=_("Codes"),
        headers=[_("Code"), _("Name")],
        rows=selectors.award_code_choices(),
        widths=(14, 80),
    )
    return excel.workbook_bytes([history, codes])


def open_workbook(upload) -> excel.SheetData:
    """The first sheet of an uploaded .xlsx, through the portal's one guarded reader."""
    return excel.read_sheet(upload, max_rows=MAX_ROWS)


def _cell(value):
    """A JSON-safe cell (the batch stores it): text, a number, or a date written dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | str):
        return value
    return str(value)


def read_rows(sheet) -> list[dict]:
    """The non-empty rows below the header: ``{"row": workbook row number, "cells": [...]}``."""
    rows = []
    for number, values in enumerate(sheet.iter_rows(min_row=2, max_col=COLUMNS, values_only=True), start=2):
        cells = [_cell(v) for v in values]
        if all(_text(c) == "" for c in cells):
            continue
        if len(rows) >= MAX_ROWS:
            raise ValidationError(_("The file has more than %(count)s rows.") % {"count": MAX_ROWS})
        rows.append({"row": number, "cells": cells})
    return rows


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean(str(value))


def _date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, fmt).date()  # noqa: DTZ007 (a calendar date, no time)
        except ValueError:
            continue
    return None


def _school_year(value) -> int | None:
    match = _YEAR.match(_text(value))
    if not match:
        return None
    first, second = int(match.group(1)), match.group(2)
    if second and int(second) != first + 1:
        return None
    return first


def parse_rows(stored: list[dict], *, user: User) -> tuple[list[ImportRow], dict[int, list[str]]]:
    """Rows read by ``read_rows`` resolved for ``user``, and per-row errors (workbook row numbers)."""
    raw = []
    for item in stored:
        values = list(item["cells"])[:COLUMNS]
        raw.append((item["row"], values + [None] * (COLUMNS - len(values))))
    units = selectors.import_units_by_code(user, {_text(v[3]).upper() for _, v in raw if v[3]})
    awards = selectors.awards_by_code()
    by_id = selectors.import_people_by_national_id(user, {_text(v[0]) for _, v in raw if v[0]})
    by_name = selectors.import_people_by_name(
        user, {fold(_text(v[1])) for _, v in raw if v[1] and not v[0]}, units=list(units.values())
    )

    rows: list[ImportRow] = []
    errors: dict[int, list[str]] = {}
    for number, values in raw:
        national_id, name, birth, unit_code, year, code, kind, decision, date, issuer = values
        problems = []
        unit = units.get(_text(unit_code).upper())
        if unit is None:
            problems.append(_("unit code “%(code)s” is unknown or outside your scope") % {"code": _text(unit_code)})
        award = awards.get(_text(code).upper())
        if award is None:
            problems.append(_("title or award code “%(code)s” is unknown") % {"code": _text(code)})
        school_year = _school_year(year)
        if school_year is None:
            problems.append(_("school year “%(value)s” is not like 2023-2024") % {"value": _text(year)})
        award_type = TYPE_WORDS.get(fold(_text(kind)))
        if award_type is None:
            problems.append(_("award type “%(value)s” is unknown") % {"value": _text(kind)})
        decision_date = _date(date)
        if decision_date is None:
            problems.append(_("decision date “%(value)s” is not a date") % {"value": _text(date)})
        if not _text(decision):
            problems.append(_("the decision number is missing"))
        if not _text(issuer):
            problems.append(_("the issuer is missing"))
        person = None
        if _text(national_id):
            found = by_id.get(_text(national_id), [])
            if len(found) != 1:
                problems.append(
                    _("nobody in your scope has national ID %(id)s") % {"id": _text(national_id)}
                    if not found
                    else _("several people have national ID %(id)s") % {"id": _text(national_id)}
                )
            else:
                person = found[0]
        elif _text(name):
            born = _date(birth)
            found = [
                p
                for p in by_name.get((fold(_text(name)), born), [])
                if unit is None or p.unit_id == unit.pk or any(t.from_unit_id == unit.pk for t in p.transfers.all())
            ]
            if born is None:
                problems.append(_("date of birth “%(value)s” is not a date") % {"value": _text(birth)})
            elif len(found) != 1:
                problems.append(
                    _("no person “%(name)s” born %(date)s in this unit") % {"name": _text(name), "date": _text(birth)}
                    if not found
                    else _("several people “%(name)s” born %(date)s in this unit")
                    % {"name": _text(name), "date": _text(birth)}
                )
            else:
                person = found[0]
        if problems:
            errors[number] = problems
            continue
        rows.append(
            ImportRow(
                row=number,
                award=award,
                school_year=school_year,
                award_type=award_type,
                decision_number=_text(decision),
                decision_date=decision_date,
                issuer=_text(issuer),
                unit=unit,
                person=person,
            )
        )
    return rows, errors


def row_label(row: ImportRow) -> str:
    who = row.person.full_name if row.person else row.unit.name
    return f"{who} — {row.award.name} {school_year_label(row.school_year)}"


# --------------------------------------------------------------------------- exports


HISTORY_EXPORT = "awards.history_search"


def _history_records(user: User, params: dict):
    """The search's records for the export's filters (JSON: the unit by its code), in the user's scope."""
    unit = None
    if params.get("don_vi"):
        unit = selectors.visible_units_by_code(user, params["don_vi"])
        if unit is None:  # the worker runs later: the unit may have left the user's scope since
            raise ValidationError(_("The unit of this export is no longer in your scope."))
    return selectors.history_search(
        user,
        query=params.get("q") or "",
        unit=unit,
        award=params.get("award") or "",
        year=params.get("nam"),
        decision=params.get("so_qd") or "",
    )


def history_count(user: User, params: dict, *, cap: int | None = None) -> int:
    """The matches, counted up to ``cap`` when given (the view needs only "more than the inline limit?":
    a common name over a province is never counted in full on a request; the worker counts for its bar)."""
    records = _history_records(user, params).order_by()
    if cap is not None:
        return records.values("pk")[:cap].count()
    return records.count()


def history_export(user: User, params: dict) -> tuple[str, list[excel.Sheet]]:
    """The exporter of the history search (``exports.registry``), inline or in the worker."""
    stamp = timezone.localdate().strftime("%Y%m%d")
    return f"tra-cuu-khen-thuong-{stamp}.xlsx", [history_sheet(_history_records(user, params))]


def history_sheet(records) -> excel.Sheet:
    """The history search's records (all pages), as the screen lists them; decision dates as dates."""
    headers = [
        pgettext("history column", "School year"),
        pgettext("history column", "Recipient"),
        pgettext("history column", "Date of birth"),
        pgettext("history column", "Title or award"),
        pgettext("history column", "Award type"),
        pgettext("history column", "Decision number"),
        pgettext("history column", "Decision date"),
        pgettext("history column", "Issuer"),
        pgettext("history column", "Unit at the time"),
        pgettext("history column", "Cash reward (đồng)"),
        pgettext("history column", "Revoked by decision"),
        pgettext("history column", "Revoked on"),
    ]

    def rows():
        for record in records.iterator(chunk_size=2000) if hasattr(records, "iterator") else records:
            yield [
                record.school_year_label,
                record.person.full_name if record.person_id else record.unit.name,
                record.person.birth_date if record.person_id else None,
                record.award.name,
                str(record.get_award_type_display()),
                record.decision.number,
                record.decision.date,
                record.decision.issuer,
                record.unit.name,
                record.cash_amount,
                record.revoked_by_number if record.revoked_at else "",
                record.revoked_by_date if record.revoked_at else None,
            ]

    return excel.Sheet(_("Award history"), headers, rows(), widths=(12, 30, 12, 45, 14, 16, 12, 40, 40, 14, 16, 12))


def _grounds(results) -> str:
    return "; ".join(f"{r.label}: {r.detail}" for r in results if r.detail)


SUGGESTIONS_EXPORT = "awards.suggestions"


def _suggestion_unit(user: User, params: dict):
    try:
        unit = selectors.visible_unit(user, params.get("unit"))
    except Unit.DoesNotExist:
        unit = None
    if unit is None or not user.has_perm("awards.view_unit_history", unit):
        raise ValidationError(_("The unit of this export is no longer in your scope."))
    return unit


def suggestions_count(user: User, params: dict) -> int:
    """The unit's people (one row each at most, plus a few quota rows): one COUNT, before the engine runs."""
    return selectors.unit_staff_count(_suggestion_unit(user, params))


def suggestions_export(user: User, params: dict) -> tuple[str, list[excel.Sheet]]:
    """The exporter of a unit's award suggestions (``exports.registry``), inline or in the worker."""
    unit, year = _suggestion_unit(user, params), params["nam"]
    facts = selectors.unit_facts(unit, school_year=year)
    on_date = datetime.date.fromisoformat(params["ngay"])
    result = suggest_for_unit(selectors.load_catalogue(), facts, school_year=year, on_date=on_date)
    return f"goi-y-khen-thuong-{unit.pk}-{year}.xlsx", suggestions_sheets(result)


def suggestions_sheets(result) -> list[excel.Sheet]:
    """The suggestion page's tables: the quotas, the collective and the individual suggestions, and
    the cases that need evidence."""
    award = pgettext("suggestion column", "Title or award")
    quota_headers = [
        award,
        pgettext("suggestion column", "Quota"),
        pgettext("suggestion column", "Used"),
        pgettext("suggestion column", "Left"),
        pgettext("suggestion column", "Suggested"),
        pgettext("suggestion column", "Over the quota"),
        pgettext("suggestion column", "Citation"),
    ]
    quota_rows = ([q.award_name, q.cap, q.used, q.left, q.suggested, q.over, q.citation] for q in result.quotas)
    grounds = pgettext("suggestion column", "Grounds")
    collective_rows = ([s.judgement.award_name, _grounds(s.judgement.results)] for s in result.collective)
    people_rows = ([s.judgement.award_name, s.candidate.name, _grounds(s.judgement.results)] for s in result.people)
    missing_rows = (
        [
            s.candidate.name,
            s.judgement.award_name,
            "; ".join(f"{r.label}: {r.detail}" if r.detail else r.label for r in s.judgement.reasons),
        ]
        for s in result.missing
    )
    person = pgettext("suggestion column", "Person")
    return [
        excel.Sheet(_("Individuals"), [award, person, grounds], people_rows, widths=(45, 30, 80)),
        excel.Sheet(_("Collective"), [award, grounds], collective_rows, widths=(45, 80)),
        excel.Sheet(_("Quotas"), quota_headers, quota_rows, widths=(45, 10, 10, 10, 10, 10, 60)),
        excel.Sheet(
            _("Needs evidence"),
            [person, award, pgettext("suggestion column", "What is missing")],
            missing_rows,
            widths=(30, 45, 80),
        ),
    ]
