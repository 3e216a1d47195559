from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = "Phong trào thi đua"

    def ready(self):
        from campaigns import notifications
        from campaigns.enums import (
            CAMPAIGN_STATE_COLOURS,
            CAMPAIGN_TRANSITIONS,
            SUBMISSION_STATUS_COLOURS,
            CampaignState,
            SubmissionStatus,
        )
        from campaigns.models import Campaign
        from campaigns.selectors import UnitDeadlineStatus
        from common import status

        status.register_badges(Campaign, "state", CampaignState, CAMPAIGN_STATE_COLOURS)
        status.register_machine(Campaign, "state", CampaignState, CAMPAIGN_TRANSITIONS, "campaigns.decide_campaign")
        status.register_badges(UnitDeadlineStatus, "status", SubmissionStatus, SUBMISSION_STATUS_COLOURS)
        notifications.register_events()

        from campaigns import excel
        from campaigns.audit import SENTENCES
        from common.audit import register_sentences
        from exports import registry

        register_sentences(SENTENCES)
        registry.register(
            excel.DEADLINE_STATUS_EXPORT,
            title=_("Deadline status"),
            build=excel.deadline_status_export,
            count=excel.deadline_status_count,
        )
