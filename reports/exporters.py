"""The dashboard's and a deadline's figures' workbooks as exporters (``exports.registry``, registered in
``ReportsConfig.ready``). The view answers a small one from the figures it has just computed (cached);
past ``EXPORT_INLINE_ROWS`` the worker computes them again from the filters, read through the scope."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from common.excel import Sheet
from reports import selectors
from reports.charts import board_sheets, figures_sheets
from units.models import User

DASHBOARD_EXPORT = "reports.dashboard"
FIGURES_EXPORT = "reports.figures"


def _gone() -> ValidationError:
    return ValidationError(_("What this export was made from is no longer open to you: the export was not made."))


def _root(user: User, params: dict):
    if not params.get("unit"):
        return None
    root = selectors.drill_units(user).filter(pk=params["unit"]).first()
    if root is None:
        raise _gone()
    return root


def dashboard_filename(board) -> str:
    name = (board.root.short_name or board.root.name) if board.root else _("all units")
    return _("Dashboard %(unit)s.xlsx") % {"unit": name}


def dashboard_params(board, keep) -> dict:
    """The dashboard's filters understood (``keep``: the campaign as its id) as JSON."""
    school_year = keep.get("nam_hoc")
    return {
        "unit": board.root.pk if board.root else None,
        "campaign": int(keep["phong_trao"]) if keep.get("phong_trao") else None,
        "school_year": int(school_year) if school_year else None,
        "kind": str(keep.get("loai", "")),
    }


def dashboard_export(user: User, params: dict) -> tuple[str, list[Sheet]]:
    campaign = None
    if params.get("campaign"):
        campaign = selectors.dashboard_campaigns(user).filter(pk=params["campaign"]).first()
        if campaign is None:
            raise _gone()
    board = selectors.board(
        user,
        root=_root(user, params),
        campaign=campaign,
        school_year=params.get("school_year"),
        kind=params.get("kind", ""),
        today=timezone.localdate(),
    )
    return dashboard_filename(board), board_sheets(board)


def figures_filename(deadline) -> str:
    return _("Figures %(title)s.xlsx") % {"title": deadline.milestone.title[:60]}


def figures_export(user: User, params: dict) -> tuple[str, list[Sheet]]:
    deadline = selectors.figure_deadlines(user).filter(pk=params.get("deadline")).first()
    if deadline is None or not user.has_perm("campaigns.view_status", deadline.milestone.campaign):
        raise _gone()
    summary = selectors.figure_summary(user, deadline, root=_root(user, params))
    return figures_filename(deadline), figures_sheets(summary)
