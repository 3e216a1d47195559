"""What the audit log says, as sentences, for the actions campaigns' services log (see ``common.audit``).

A part's actions ("campaign.criterion_added") read its spec's label and the item: "Thêm tiêu chí 2.1 …".
"""

from django.utils.translation import gettext_lazy as _

from campaigns.enums import CampaignState
from campaigns.parts import PARTS
from common.audit import state_change


def _part_sentence(label):
    def read(data: dict) -> str:
        item = str(data.get("item") or "").strip()
        return f"{label} {item}" if item else str(label)

    return read


SENTENCES = {
    "campaign.created": _("Plan created"),
    "campaign.changed": _("Main part of the plan changed"),
    "campaign.amended": _("Amendment no. %(amendment)s recorded"),
    "campaign.state_changed": state_change(_("State: %(from)s → %(to)s"), CampaignState),
    "campaign.copied": _("Plan copied from another plan"),
    "campaign.participants_changed": _("Participating units changed"),
    "deadline.excused": _("Unit excused from a deadline"),
    "deadline.extended": _("Deadline extended for a unit"),
    "submission.created": _("Deliverable submitted"),
    **{
        f"campaign.{spec.key}_{verb}": _part_sentence(label)
        for spec in PARTS
        for verb, label in spec.audit_labels.items()
    },
}
