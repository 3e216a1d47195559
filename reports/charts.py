"""The dashboard's tables turned into what Chart.js draws (``json_script`` data read by
``static/js/dashboard.js``) and into an .xlsx with the same rows. No reads here: the board is given."""

from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from campaigns.enums import SubmissionStatus
from common.excel import Sheet
from reports.documents import target_amount
from reports.selectors import HEAT_STATUSES, Board, FigureSummary

AWARD_FORMS_CHARTED = 6


def drill_url(unit, keep: QueryDict) -> str:
    params = keep.copy()
    params["unit"] = unit.pk
    return f"{reverse('reports:dashboard')}?{params.urlencode()}"


def _label(status) -> str:
    return str(SubmissionStatus(status).label)


def charts_data(data: Board, keep: QueryDict) -> dict:
    """Plain lists only (labels already in Vietnamese); each bar of a unit carries its drill-down URL."""
    names = [u.row_label for u in data.rows]
    urls = [None if u == data.root else drill_url(u, keep) for u in data.rows]
    deadlines = {
        "labels": names,
        "urls": urls,
        "datasets": [
            {
                "key": status,
                "label": _label(status),
                "data": [sum(c.counts[status] for c in cells) for _u, cells in data.heatmap],
            }
            for status in HEAT_STATUSES
        ],
    }
    coverage = {
        "labels": names,
        "urls": urls,
        "datasets": [
            {
                "label": str(item["campaign"].number_symbol or item["campaign"].title),
                "data": [round(100 * reg / part) if part else 0 for _u, part, reg in item["rows"]],
            }
            for item in data.coverage
        ],
    }
    awards = {
        "labels": [f"{y}–{y + 1}" for y in data.award_years],
        "datasets": [{"label": a["name"], "data": a["counts"]} for a in data.awards[:AWARD_FORMS_CHARTED]],
    }
    pipeline = {"labels": [label for _s, label, _n in data.pipeline], "data": [n for _s, _l, n in data.pipeline]}
    targets = {
        "labels": [target_label(t) for t in data.targets],
        "data": [t.progress for t in data.targets],
        "label": _("Progress (%)"),
    }
    clocks = {
        "labels": names,
        "urls": urls,
        "datasets": [
            {"key": key, "label": label, "data": [row[i + 1] for row in data.clocks]}
            for i, (key, label) in enumerate(
                (("overdue", _("Overdue")), ("short", _("Running out")), ("ok", _("On track")))
            )
        ],
    }
    quotas = None
    if data.quotas is not None:
        quota_rows = data.quotas.rows
        quotas = {
            "labels": [getattr(u, "row_label", u.short_name or u.name) for u, _c in quota_rows],
            "urls": [None if u == data.root else drill_url(u, keep) for u, _c in quota_rows],
            "datasets": [
                {"label": _("Proposed"), "data": [sum(counts) for _u, counts in quota_rows]},
                {"label": _("Quota"), "data": [data.quotas.quota for _r in quota_rows]},
            ],
        }
    return {
        "deadlines": deadlines,
        "coverage": coverage,
        "awards": awards,
        "pipeline": pipeline,
        "clocks": clocks,
        "targets": targets,
        "quotas": quotas,
    }


def target_label(target) -> str:
    """ "344 trường (năm 2025) — Số trường đạt chuẩn quốc gia", shortened for a chart's axis."""
    title = target.criterion.title
    title = title if len(title) <= 60 else title[:59] + "…"
    return f"{target_amount(target.criterion)} — {title}"


def board_sheets(data: Board) -> list[Sheet]:
    """One sheet per table of the dashboard; numbers as numbers, dates as dates."""
    deadline_rows = []
    for unit, cells in data.heatmap:
        for deadline, cell in zip(data.deadlines, cells, strict=True):
            deadline_rows.append(
                (
                    unit.name,
                    deadline.milestone.campaign.number_symbol or deadline.milestone.campaign.title,
                    deadline.milestone.title,
                    deadline.due_on,
                    *(cell.counts[s] for s in HEAT_STATUSES),
                    cell.on_time_share,
                )
            )
    coverage_rows = [
        (str(item["campaign"].number_symbol or item["campaign"].title), unit.name, part, reg)
        for item in data.coverage
        for unit, part, reg in item["rows"]
    ]
    award_rows = [
        (a["name"], f"{y}–{y + 1}", n) for a in data.awards for y, n in zip(data.award_years, a["counts"], strict=True)
    ]
    target_rows = [
        (
            t.campaign.number_symbol or t.campaign.title,
            t.criterion.title,
            t.criterion.target_value,
            t.criterion.target_unit,
            t.value,
            t.reported,
            t.progress,
        )
        for t in data.targets
    ]
    quota_rows = []
    if data.quotas is not None:
        for unit, pairs, _used, _over in data.quotas.lines:
            for award, (used, quota) in zip(data.quotas.awards, pairs, strict=True):
                quota_rows.append((data.quotas.round.title, unit.name, award.award.name, used, quota))
    return [
        Sheet(
            _("Deadlines"),
            [
                _("Unit"),
                _("Campaign"),
                _("Deadline"),
                _("Due on"),
                *(_label(s) for s in HEAT_STATUSES),
                _("On time (%)"),
            ],
            deadline_rows,
            widths=(40, 18, 40, 12, 10, 10, 10, 10, 10),
        ),
        Sheet(
            _("Registrations"),
            [_("Campaign"), _("Unit"), _("Number of units taking part"), _("Units registered")],
            coverage_rows,
        ),
        Sheet(_("Awards"), [_("Award"), _("School year"), _("Awards given")], award_rows),
        Sheet(_("Dossiers"), [_("State"), _("Dossiers")], [(label, n) for _s, label, n in data.pipeline]),
        Sheet(
            _("Legal clocks"),
            [_("Unit"), _("Overdue"), _("Running out"), _("On track")],
            [(unit.name, overdue, short, ok) for unit, overdue, short, ok in data.clocks],
        ),
        Sheet(
            pgettext("dashboard sheet", "Targets"),
            [
                _("Campaign"),
                _("Target"),
                pgettext("dashboard sheet", "Target value"),
                _("Unit of measure"),
                _("Reported"),
                _("Units reported"),
                _("Progress (%)"),
            ],
            target_rows,
            widths=(18, 60, 12, 12, 12, 12, 12),
        ),
        Sheet(
            pgettext("dashboard sheet", "Quotas"),
            [_("Award round"), _("Unit"), _("Award"), _("Proposed"), _("Quota")],
            quota_rows,
            widths=(40, 40, 40, 12, 12),
        ),
    ]


def board_rows(data: Board) -> int:
    """How many rows the dashboard's workbook has, from the figures already computed (no query)."""
    quota_lines = len(data.quotas.lines) * len(data.quotas.awards) if data.quotas is not None else 0
    return (
        len(data.heatmap) * len(data.deadlines)
        + sum(len(item["rows"]) for item in data.coverage)
        + len(data.awards) * len(data.award_years)
        + len(data.pipeline)
        + len(data.clocks)
        + len(data.targets)
        + quota_lines
    )


def _figure_header(figure: dict) -> str:
    return f"{figure['label']} ({figure['unit']})" if figure.get("unit") else figure["label"]


def figures_rows(data: FigureSummary) -> int:
    return len(data.rows) + 2 + len(data.total.missing)


def figures_sheets(data: FigureSummary) -> list[Sheet]:
    """The summed figures as on the screen, then every unit that has not reported."""
    headers = [_("Unit"), _("Units reported"), _("Units owing"), *(_figure_header(f) for f in data.figures)]
    rows = [(r.unit.name, r.reported, r.owing, *r.values) for r in data.rows]
    rows.append((pgettext("sum row", "Total"), data.total.reported, data.total.owing, *data.total.values))
    rows.append((_("Target"), None, None, *(f["target"].target_value if f["target"] else None for f in data.figures)))
    missing = [(u.name,) for u in data.total.missing]
    return [
        Sheet(_("Figures"), headers, rows, widths=(40, 12, 12, *(18 for _f in data.figures))),
        Sheet(_("Not reported"), [_("Unit")], missing, widths=(50,)),
    ]
