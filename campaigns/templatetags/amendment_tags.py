"""How an amendment reads on the campaign page: the part, the action, each field before and after."""

import datetime

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from campaigns.models import (
    AwardOffer,
    Campaign,
    Criterion,
    DossierComponent,
    Milestone,
    Phase,
    Subject,
    UpperDocument,
)
from common.dates import short_date
from units.enums import PersonRole, UnitKind

register = template.Library()

PART_MODELS: dict[str, type[models.Model]] = {
    "upper_document": UpperDocument,
    "phase": Phase,
    "subject": Subject,
    "criterion": Criterion,
    "award_offer": AwardOffer,
    "dossier_component": DossierComponent,
    "milestone": Milestone,
    "participants": Campaign,
}
# Fields stored as plain text whose values are the codes of these choices.
CODED_FIELDS = {
    "unit_kind": UnitKind,
    "person_role": PersonRole,
    "owed_by_kinds": UnitKind,
    "participant_kinds": UnitKind,
}


def _action(action: str) -> str:
    return {
        "added": pgettext("amendment", "Added"),
        "updated": pgettext("amendment", "Changed"),
        "deleted": pgettext("amendment", "Deleted"),
    }.get(action, action)


def _field(model: type[models.Model], key: str) -> models.Field | None:
    try:
        field = model._meta.get_field(key)
    except FieldDoesNotExist:
        return None
    return field if field.concrete or field.many_to_many else None


def _label(model: type[models.Model], key: str) -> str:
    if key == "deadlines":
        return _("Concrete deadlines")
    field = _field(model, key)
    label = str(field.verbose_name) if field is not None else key
    return label[:1].upper() + label[1:]


def _one(model: type[models.Model], key: str, value) -> str:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if key in CODED_FIELDS:
        enum = CODED_FIELDS[key]
        return str(enum(value).label) if value in enum.values else str(value)
    field = _field(model, key)
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.DateField) and isinstance(value, str):
        try:  # the main part's amendments keep ISO dates
            return short_date(datetime.date.fromisoformat(value))
        except ValueError:
            return value
    return str(value)


def _shown(model: type[models.Model], key: str, value) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list):
        return ", ".join(_one(model, key, v) for v in value)
    return _one(model, key, value)


@register.filter
def amendment_change(amendment) -> dict:
    """{"title": "Sửa mốc thời gian “Báo cáo sơ kết”", "fields": [(label, before, after), …]}."""
    changes = amendment.changes or {}
    if "part" not in changes:  # the main part: {field: [before, after]}
        return {
            "title": _("Changed the main part of the plan"),
            "fields": [
                (_label(Campaign, key), _shown(Campaign, key, old), _shown(Campaign, key, new))
                for key, (old, new) in changes.items()
            ],
        }
    part = changes["part"]
    model = PART_MODELS.get(part, Campaign)
    fields = [
        (_label(model, key), _shown(model, key, old), _shown(model, key, new))
        for key, (old, new) in changes.get("fields", {}).items()
    ]
    if part == "participants":
        title = _("%(action)s the participating units") % {"action": _action(changes["action"])}
    else:
        title = _("%(action)s %(part)s “%(item)s”") % {
            "action": _action(changes["action"]),
            "part": model._meta.verbose_name,
            "item": changes.get("item", ""),
        }
    return {"title": title, "fields": fields}
