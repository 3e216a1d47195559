from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    """Quyết định khen thưởng: drafted from the council's approvals, disclosed, issued, revoked;
    and the results of awards decided outside the portal."""

    name = "decisions"
    verbose_name = "Quyết định khen thưởng"

    def ready(self):
        from common import status
        from common.audit import register_sentences
        from decisions import excel, notifications
        from decisions.audit import SENTENCES
        from decisions.enums import STATE_COLOURS, TRANSITIONS, DecisionState, state_permission
        from decisions.models import AwardDecision
        from exports import registry

        status.register_badges(AwardDecision, "state", DecisionState, STATE_COLOURS)
        status.register_machine(AwardDecision, "state", DecisionState, TRANSITIONS, state_permission)
        notifications.register_events()
        register_sentences(SENTENCES)
        registry.register(
            excel.LIST_EXPORT, title=_("List of a decision"), build=excel.list_export, count=excel.list_count
        )
