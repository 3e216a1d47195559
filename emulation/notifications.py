"""The emulation events people hear of; registered into ``units.notifications`` from ``ready``."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from units.enums import AccountRole
from units.notifications import register
from units.selectors import accounts_with_roles

UNIT_KEEPERS = [AccountRole.CLERK, AccountRole.HEAD]
OFFICERS = [AccountRole.OFFICER]


def _what(registration) -> str:
    person = getattr(registration, "person", None)
    return person.full_name if person is not None else registration.unit.name


def _registration_url(registration) -> str:
    return reverse("emulation:registration-unit", args=[registration.campaign_id, registration.unit_id])


def register_events() -> None:
    register(
        "registration.submitted",
        label=_("A registration was sent for review"),
        recipients=lambda r: accounts_with_roles([r.campaign.issuer], roles=OFFICERS),
        title=lambda r: (
            _("Registration sent by %(who)s: %(campaign)s") % {"who": _what(r), "campaign": r.campaign.title}
        ),
        url=_registration_url,
    )
    register(
        "registration.forwarded",
        label=_("Individual registrations were sent for review"),
        recipients=lambda f: accounts_with_roles([f.campaign.issuer], roles=OFFICERS),
        title=lambda f: (
            _("%(unit)s sent %(count)s individual registrations: %(campaign)s")
            % {"unit": f.unit.name, "count": f.count, "campaign": f.campaign.title}
        ),
        url=lambda f: reverse("emulation:registration-unit", args=[f.campaign_id, f.unit_id]),
        body=lambda f: f.note,
    )
    register(
        "registration.returned",
        label=_("A registration was returned with comments"),
        recipients=lambda r: accounts_with_roles([r.unit], roles=UNIT_KEEPERS),
        title=lambda r: (
            _("Registration returned for changes: %(who)s, %(campaign)s")
            % {"who": _what(r), "campaign": r.campaign.title}
        ),
        url=_registration_url,
        body=lambda r: r.return_comment,
    )
    register(
        "registration.accepted",
        label=_("A registration was accepted"),
        recipients=lambda r: accounts_with_roles([r.unit], roles=UNIT_KEEPERS),
        title=lambda r: (
            _("Registration accepted: %(who)s, %(campaign)s") % {"who": _what(r), "campaign": r.campaign.title}
        ),
        url=_registration_url,
    )
    register(
        "exemplar.advanced",
        label=_("An exemplar moved on to its next step"),
        recipients=lambda e: [
            *accounts_with_roles([e.unit], roles=UNIT_KEEPERS),
            *accounts_with_roles([e.campaign.issuer], roles=OFFICERS),
        ],
        title=lambda e: _("Exemplar “%(name)s” is now at: %(step)s") % {"name": str(e), "step": e.get_step_display()},
        url=lambda e: reverse("emulation:exemplar-detail", args=[e.pk]),
    )
