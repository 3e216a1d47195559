"""Registrations, a pact's ranking and exemplars as Excel workbooks, through the one writer
(``common.excel``): the rows of the screens, with their scope and filters, headers in Vietnamese,
dates as dates, counts and scores as numbers, and text a user typed (a unit named "=HYPERLINK(…)")
kept as text.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from common import excel
from emulation import selectors
from emulation.enums import ExemplarStep
from emulation.models import Pact

REGISTRATIONS_EXPORT = "emulation.registrations"


def _campaign_for(user, params: dict, perm: str = ""):
    """The export's campaign read again through the user's scope (the worker runs later)."""
    campaign = selectors.registration_campaigns(user).filter(pk=params.get("campaign")).first()
    if campaign is None or (perm and not user.has_perm(perm, campaign)):
        raise ValidationError(_("This campaign is no longer open to you: the export was not made."))
    return campaign


def registrations_count(user, params: dict) -> int:
    campaign = _campaign_for(user, params, "emulation.view_registrations")
    return selectors.registration_export_count(user, campaign, only_missing=bool(params.get("only_missing")))


def registrations_export(user, params: dict) -> tuple[str, list[excel.Sheet]]:
    """The exporter of the registration overview (``exports.registry``), inline or in the worker."""
    campaign = _campaign_for(user, params, "emulation.view_registrations")
    rows = selectors.registration_overview_rows(user, campaign, only_missing=bool(params.get("only_missing")))
    individuals = selectors.individual_registrations_of(campaign, [row.unit for row in rows])
    stamp = timezone.localdate().strftime("%Y%m%d")
    return f"dang-ky-{campaign.pk}-{stamp}.xlsx", registrations_sheets(rows, individuals)


def registrations_sheets(rows, individuals) -> list[excel.Sheet]:
    """The overview's units (registered or not), then every person registered by those units."""
    unit_headers = [
        pgettext("registration column", "Unit code"),
        pgettext("registration column", "Unit"),
        pgettext("registration column", "Registration"),
        pgettext("registration column", "Deadline status"),
        pgettext("registration column", "Sent on"),
        pgettext("registration column", "Resubmissions"),
        pgettext("registration column", "Work items"),
        pgettext("registration column", "Individuals sent"),
    ]
    not_registered = _("Not registered")

    def unit_rows():
        for row in rows:
            registration = row.registration
            yield [
                row.unit.code,
                row.unit.name,
                str(registration.get_state_display()) if registration else not_registered,
                str(row.status.label) if row.status else "",
                registration.submitted_at if registration else None,
                registration.resubmission_count if registration else 0,
                registration.item_count if registration else 0,
                row.individuals_forwarded,
            ]

    person_headers = [
        pgettext("registration column", "Unit"),
        pgettext("registration column", "Person"),
        pgettext("registration column", "School year"),
        pgettext("registration column", "Title aimed for"),
        pgettext("registration column", "Awarded by"),
        pgettext("registration column", "State"),
        pgettext("registration column", "Sent on"),
    ]

    def person_rows():
        for registration in individuals:
            yield [
                registration.unit.name,
                registration.person.full_name,
                registration.school_year_label,
                registration.aimed_award.name,
                registration.aimed_detail,
                str(registration.get_state_display()),
                registration.submitted_at,
            ]

    return [
        excel.Sheet(_("Units"), unit_headers, unit_rows(), widths=(14, 40, 20, 20, 17, 10, 10, 10)),
        excel.Sheet(_("Individuals"), person_headers, person_rows(), widths=(40, 30, 12, 40, 30, 20, 17)),
    ]


PACT_EXPORT = "emulation.pact"


def _pact_for(user, params: dict):
    """The export's pact read again through the user's scope (the worker runs later)."""
    try:
        return selectors.pact_get(user, params.get("pact"))
    except Pact.DoesNotExist:
        raise ValidationError(_("This pact is no longer open to you: the export was not made.")) from None


def pact_count(user, params: dict) -> int:
    return selectors.pact_export_count(params.get("pact"))


def pact_export(user, params: dict) -> tuple[str, list[excel.Sheet]]:
    """The exporter of a pact's ranking and targets (``exports.registry``), inline or in the worker."""
    pact = _pact_for(user, params)
    stamp = timezone.localdate().strftime("%Y%m%d")
    return f"giao-uoc-{pact.pk}-{stamp}.xlsx", pact_sheets(pact, selectors.pact_ranking(pact))


def pact_sheets(pact, ranking) -> list[excel.Sheet]:
    """The ranking as on the pact's page (ranked members first, then those not yet cross-scored),
    then every target with its scores."""
    ranking_headers = [
        pgettext("pact column", "Rank"),
        pgettext("pact column", "Member"),
        pgettext("pact column", "Targets"),
        pgettext("pact column", "Self-score"),
        pgettext("pact column", "Cross-score"),
        pgettext("pact column", "Total"),
        pgettext("pact column", "Maximum"),
    ]
    not_ranked = _("Not yet cross-scored")
    ranking_rows = (
        [
            row.rank if row.is_ranked else not_ranked,
            row.unit.name,
            row.targets,
            row.self_total,
            row.cross_total,
            row.total,
            row.max_total,
        ]
        for row in ranking
    )
    target_headers = [
        pgettext("pact column", "Member"),
        pgettext("pact column", "Criterion"),
        pgettext("pact column", "Target value"),
        pgettext("pact column", "Target unit"),
        pgettext("pact column", "Maximum"),
        pgettext("pact column", "Self-score"),
        pgettext("pact column", "Evidence"),
        pgettext("pact column", "Cross-score"),
        pgettext("pact column", "Cross-scoring note"),
    ]
    target_rows = (
        [
            target.member.name,
            target.criterion,
            target.target_value,
            target.target_unit,
            target.max_score,
            target.self_score,
            target.self_evidence,
            target.cross_score,
            target.cross_note,
        ]
        for target in pact.targets.all()
    )
    return [
        excel.Sheet(_("Ranking"), ranking_headers, ranking_rows, widths=(20, 40, 10, 12, 12, 12, 12)),
        excel.Sheet(_("Targets"), target_headers, target_rows, widths=(40, 50, 12, 12, 10, 10, 40, 10, 40)),
    ]


EXEMPLARS_EXPORT = "emulation.exemplars"


def exemplars_count(user, params: dict) -> int:
    return selectors.exemplar_export_count(user, _campaign_for(user, params), year=params["year"])


def exemplars_export(user, params: dict) -> tuple[str, list[excel.Sheet]]:
    """The exporter of a campaign year's exemplars (``exports.registry``), inline or in the worker."""
    campaign, year = _campaign_for(user, params), params["year"]
    sheets = exemplars_sheets(
        selectors.exemplar_export(user, campaign, year=year), selectors.exemplar_counts(user, campaign, year=year)
    )
    return f"dien-hinh-{campaign.pk}-{year}.xlsx", sheets


def exemplars_sheets(exemplars, counts) -> list[excel.Sheet]:
    """The year's exemplars with the date of each of the five steps, then the count per unit."""
    steps = list(ExemplarStep)
    headers = [
        pgettext("exemplar column", "Exemplar"),
        pgettext("exemplar column", "Exemplar is"),
        pgettext("exemplar column", "Person or collective"),
        pgettext("exemplar column", "Built by"),
        pgettext("exemplar column", "Year"),
        pgettext("exemplar column", "Step reached"),
        *(str(step.label) for step in steps),
    ]

    def rows():
        for exemplar in exemplars:
            dates = {record.step: record.date for record in exemplar.step_records.all()}
            yield [
                exemplar.title,
                str(exemplar.get_subject_kind_display()),
                exemplar.person.full_name
                if exemplar.person
                else (exemplar.subject_unit.name if exemplar.subject_unit else ""),
                exemplar.unit.name,
                exemplar.year,
                str(exemplar.get_step_display()),
                *(dates.get(step.value) for step in steps),
            ]

    count_headers = [
        pgettext("exemplar column", "Unit"),
        pgettext("exemplar column", "Exemplars"),
        pgettext("exemplar column", "Minimum"),
        pgettext("exemplar column", "Shortfall"),
    ]
    count_rows = ([row.unit.name, row.count, row.minimum, row.shortfall] for row in counts)
    return [
        excel.Sheet(_("Exemplars"), headers, rows(), widths=(50, 14, 30, 40, 8, 16, *(12 for _s in steps))),
        excel.Sheet(_("Count per unit"), count_headers, count_rows, widths=(40, 10, 10, 10)),
    ]
