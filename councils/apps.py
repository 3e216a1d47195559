from django.apps import AppConfig


class CouncilsConfig(AppConfig):
    name = "councils"
    verbose_name = "Hội đồng thi đua – khen thưởng"

    def ready(self):
        from common import status
        from common.audit import register_sentences
        from councils.audit import SENTENCES
        from councils.enums import RESULT_COLOURS, STATE_COLOURS, TRANSITIONS, ItemResult, SessionState
        from councils.models import AgendaItem, Session
        from councils.rules import permission_for

        register_sentences(SENTENCES)
        status.register_badges(Session, "state", SessionState, STATE_COLOURS)
        status.register_machine(Session, "state", SessionState, TRANSITIONS, permission_for)
        status.register_badges(AgendaItem, "result", ItemResult, RESULT_COLOURS)
