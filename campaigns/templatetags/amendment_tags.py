"""How an amendment reads on the campaign page: the part, the action, each field before and after.

Amendments store raw values (``campaigns.parts.raw_value``: ISO dates, decimal strings, related rows
as id and name); they are formatted here, when shown. Amendments recorded before that stored
formatted strings ("05/09/2024", "99,5", a name): those read as they are.
"""

import datetime
from decimal import Decimal

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from campaigns.models import Campaign
from campaigns.parts import PARTS_BY_KEY, PartSpec
from common.dates import short_date
from common.numbers import decimal_text
from units.enums import UnitKind

register = template.Library()

# The main part's and the participants' fields holding codes of a choice (the parts' are on their specs).
CAMPAIGN_CODED = {"participant_kinds": UnitKind}


def _action(action: str) -> str:
    return {
        "added": pgettext("amendment", "Added"),
        "updated": pgettext("amendment", "Changed"),
        "deleted": pgettext("amendment", "Deleted"),
    }.get(action, action)


def _field(spec: PartSpec | None, key: str) -> models.Field | None:
    if spec is not None:
        return spec.model_field(key)
    try:
        field = Campaign._meta.get_field(key)
    except FieldDoesNotExist:
        return None
    return field if field.concrete or field.many_to_many else None


def _label(spec: PartSpec | None, key: str) -> str:
    field = _field(spec, key)
    label = str(field.verbose_name) if field is not None else key
    return label[:1].upper() + label[1:]


def _one(spec: PartSpec | None, key: str, value) -> str:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, dict):  # a related row {"id", "name"}, a milestone's figure {"key", "label", "unit"}
        if "label" in value:
            return f"{value['label']} | {value['unit']}" if value.get("unit") else str(value["label"])
        return str(value.get("name", value.get("id", "")))
    coded = spec.coded if spec is not None else CAMPAIGN_CODED
    if key in coded:
        enum = coded[key]
        return str(enum(value).label) if value in enum.values else str(value)
    field = _field(spec, key)
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.DateField) and isinstance(value, str):
        try:
            return short_date(datetime.date.fromisoformat(value))
        except ValueError:  # recorded already formatted
            return value
    if isinstance(field, models.DecimalField):
        try:
            return decimal_text(Decimal(str(value)))
        except ArithmeticError:  # recorded already formatted ("99,5")
            return str(value)
    return str(value)


def _shown(spec: PartSpec | None, key: str, value) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list):
        return ", ".join(_one(spec, key, v) for v in value)
    return _one(spec, key, value)


@register.filter
def amendment_change(amendment) -> dict:
    """{"title": "Sửa mốc thời gian “Báo cáo sơ kết”", "fields": [(label, before, after), …]}."""
    changes = amendment.changes or {}
    if "part" not in changes:  # the main part: {field: [before, after]}
        return {
            "title": _("Changed the main part of the plan"),
            "fields": [
                (_label(None, key), _shown(None, key, old), _shown(None, key, new))
                for key, (old, new) in changes.items()
            ],
        }
    part = changes["part"]
    spec = PARTS_BY_KEY.get(part)  # None: the participants (fields of the campaign)
    if "items" in changes:  # one submission that added several items (a pasted outline)
        items = changes["items"]
        return {
            "title": _("%(action)s %(count)d items of %(part)s from a pasted outline")
            % {"action": _action(changes["action"]), "count": len(items), "part": spec.model._meta.verbose_name},
            "fields": [(_("Item"), "—", item["item"]) for item in items],
        }
    fields = [
        (_label(spec, key), _shown(spec, key, old), _shown(spec, key, new))
        for key, (old, new) in changes.get("fields", {}).items()
    ]
    if spec is None:
        title = _("%(action)s the participating units") % {"action": _action(changes["action"])}
    else:
        title = _("%(action)s %(part)s “%(item)s”") % {
            "action": _action(changes["action"]),
            "part": spec.model._meta.verbose_name,
            "item": changes.get("item", ""),
        }
    return {"title": title, "fields": fields}
