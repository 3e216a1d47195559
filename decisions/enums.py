"""The states of a quyết định khen thưởng and its one transition table. Labels are English msgids."""

from django.db import models
from django.utils.translation import pgettext_lazy


class DecisionState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("decision state", "Draft")
    DISCLOSED = "disclosed", pgettext_lazy("decision state", "Publicly disclosed")
    ISSUED = "issued", pgettext_lazy("decision state", "Issued")
    CANCELLED = "cancelled", pgettext_lazy("decision state", "Cancelled")


S = DecisionState

# The only moves ``decisions.services.transition`` accepts. A disclosed list may go back to the
# draft (withdrawn to be corrected) or be issued once its window has closed.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.DRAFT: (S.DISCLOSED, S.ISSUED, S.CANCELLED),
    S.DISCLOSED: (S.DRAFT, S.ISSUED),
    S.ISSUED: (),
    S.CANCELLED: (),
}

# The draft's lines may change only here.
EDITABLE_STATES = (S.DRAFT,)
# A nominee on a decision in these states is taken: no other decision may list it.
HOLDING_STATES = (S.DRAFT, S.DISCLOSED, S.ISSUED)

STATE_COLOURS = {
    S.DRAFT: "secondary",
    S.DISCLOSED: "info",
    S.ISSUED: "success",
    S.CANCELLED: "dark",
}


def state_permission(target: str) -> str:
    """The django-rules permission a move to ``target`` needs (``common.status.register_machine``)."""
    return "decisions.issue_decision" if target == S.ISSUED else "decisions.prepare_decision"
