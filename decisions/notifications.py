"""The decision events people hear of; registered into ``units.notifications`` from ``ready``.

``decision.disclosed`` and ``decision.issued`` go to the accounts of each unit concerned (one
notice per unit, whatever its number of nominees); ``decision.awarded`` to the awarded person
when the person has an account.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from common.dates import short_date
from units.enums import AccountRole
from units.models import Unit
from units.notifications import register
from units.selectors import accounts_with_roles

UNIT_KEEPERS = [AccountRole.CLERK, AccountRole.HEAD]


@dataclass(frozen=True)
class UnitNotice:
    """A decision told to one unit concerned, with how many of its nominees it lists."""

    decision: object
    unit: Unit
    count: int


def _awarded_person(line) -> list:
    person = line.nominee.person
    account = getattr(person, "account", None) if person is not None else None
    return [account] if account is not None else []


def register_events() -> None:
    register(
        "decision.disclosed",
        label=_("An award list was publicly disclosed to a unit"),
        recipients=lambda n: accounts_with_roles([n.unit], roles=UNIT_KEEPERS),
        title=lambda n: (
            _("%(issuer)s discloses its award list (%(count)s of your unit) until %(end)s")
            % {
                "issuer": n.decision.issuer_unit.name,
                "count": n.count,
                "end": short_date(n.decision.disclosure_ends_at.date()),
            }
        ),
        url=lambda n: reverse("decisions:disclosure-detail", args=[n.decision.pk]),
    )
    register(
        "decision.issued",
        label=_("An award decision listing a unit's nominees was issued"),
        recipients=lambda n: accounts_with_roles([n.unit], roles=UNIT_KEEPERS),
        title=lambda n: (
            _("Award decision %(number)s of %(issuer)s: %(count)s of your unit awarded")
            % {"number": n.decision.number_symbol, "issuer": n.decision.issuer_unit.name, "count": n.count}
        ),
        url=lambda n: reverse("awards:unit-history", args=[n.unit.pk]),
    )
    register(
        "decision.awarded",
        label=_("A person was awarded by a decision"),
        recipients=_awarded_person,
        title=lambda line: (
            _("You were awarded %(award)s (decision %(number)s)")
            % {"award": line.award.name, "number": line.decision.number_symbol}
        ),
        url=lambda line: reverse("units:notification-list"),
    )
