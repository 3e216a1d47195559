"""Everything the portal holds about one person, in one workbook (NĐ 13/2023, the right to access
one's data): the record, the transfers, the titles and awards, the task ratings and the audit trail
about them. Written through the portal's one Excel writer."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from awards import selectors as award_selectors
from common import excel
from common.dates import school_year_label
from units import selectors as unit_selectors
from units.models import Person


def _date(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def person_data_workbook(person: Person) -> bytes:
    history = award_selectors.person_history(person)
    record = [
        (_("Full name"), person.full_name),
        (_("Gender"), person.get_gender_display()),
        (_("Date of birth"), _date(person.birth_date)),
        (_("Role"), person.get_role_display()),
        (_("Position"), person.position),
        (_("Qualifications"), person.qualifications),
        (_("Year joined the sector"), person.sector_start_year or ""),
        (_("National ID number"), person.national_id),
        (_("Email"), person.email),
        (_("Phone"), person.phone),
        (_("Unit"), f"{person.unit.name} ({person.unit.code})"),
        (_("Still working"), _("yes") if person.is_active else _("no")),
        (_("Exported at"), timezone.localtime().strftime("%H:%M %d/%m/%Y")),
    ]
    transfers = [
        (_date(t.date), t.from_unit.name, t.to_unit.name, t.decision, t.note)
        for t in unit_selectors.person_transfers(person)
    ]
    awards = [
        (
            school_year_label(r.school_year),
            r.award.name,
            r.get_award_type_display(),
            r.decision.number,
            _date(r.decision.date),
            r.decision.issuer,
            r.unit.name,
        )
        for r in history["records"]
    ]
    ratings = [
        (school_year_label(r.school_year), r.get_rating_display(), r.unit.name, r.note) for r in history["ratings"]
    ]
    trail = [
        (timezone.localtime(e.created_at).strftime("%H:%M %d/%m/%Y"), e.action, str(e.actor or ""), e.reason)
        for e in unit_selectors.audit_log_for(person).order_by("created_at", "id")
    ]
    return excel.workbook_bytes(
        [
            excel.Sheet(pgettext("sheet", "Personal record"), [_("Field"), _("Value")], record, widths=(26, 60)),
            excel.Sheet(
                pgettext("sheet", "Transfers"),
                [_("Date"), _("From unit"), _("To unit"), _("Decision"), _("Note")],
                transfers,
                widths=(12, 40, 40, 20, 30),
            ),
            excel.Sheet(
                pgettext("sheet", "Titles and awards"),
                [
                    _("School year"),
                    _("Title or award"),
                    _("Award type"),
                    _("Decision number"),
                    _("Decision date"),
                    _("Issuer"),
                    _("Unit"),
                ],
                awards,
                widths=(12, 50, 16, 18, 12, 36, 36),
            ),
            excel.Sheet(
                pgettext("sheet", "Task ratings"),
                [_("School year"), _("Rating"), _("Unit"), _("Note")],
                ratings,
                widths=(12, 36, 36, 30),
            ),
            excel.Sheet(
                pgettext("sheet", "Audit trail"),
                [_("When"), _("Action"), _("By"), _("Reason")],
                trail,
                widths=(18, 30, 28, 40),
            ),
        ]
    )
