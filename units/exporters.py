"""The units app's Excel exports as exporters (``exports.registry``, registered in ``UnitsConfig.ready``):
the same sheets and scope inline or in the worker. The filters come as JSON (the unit as its id) and
are read again through the scoped selectors: a unit that left the user's scope fails the job."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from common import excel
from units import imports, selectors
from units.models import Unit, User

UNITS_EXPORT = "units.units"
PEOPLE_EXPORT = "units.people"


def _stamp() -> str:
    return f"{timezone.localdate():%Y%m%d}"


def units_count(user: User, params: dict) -> int:
    return selectors.unit_list(user, query=params.get("query", ""), kind=params.get("kind", "")).count()


def units_export(user: User, params: dict) -> tuple[str, list[excel.Sheet]]:
    sheet = imports.units_sheet(user, query=params.get("query", ""), kind=params.get("kind", ""))
    return f"don-vi-{_stamp()}.xlsx", [sheet]


def _people_filters(user: User, params: dict) -> dict:
    unit: Unit | None = None
    if params.get("unit"):
        unit = selectors.visible_units(user).filter(pk=params["unit"]).first()
        if unit is None:
            raise ValidationError(_("The unit of this export is no longer in your scope."))
    return {"query": params.get("query", ""), "unit": unit, "role": params.get("role", "")}


def people_count(user: User, params: dict) -> int:
    return selectors.person_list(user, **_people_filters(user, params)).order_by().count()


def people_export(user: User, params: dict) -> tuple[str, list[excel.Sheet]]:
    return f"ca-nhan-{_stamp()}.xlsx", [imports.people_sheet(user, **_people_filters(user, params))]
