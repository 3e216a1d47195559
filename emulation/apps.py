from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmulationConfig(AppConfig):
    """Thi đua within a campaign: unit and individual registration, forwarding, pacts, exemplars."""

    name = "emulation"
    verbose_name = "Đăng ký, giao ước và điển hình"

    def ready(self):
        from campaigns import extensions
        from common import status
        from emulation import notifications
        from emulation.enums import (
            REGISTRATION_STATE_COLOURS,
            REGISTRATION_TRANSITIONS,
            RegistrationState,
            registration_permission,
        )
        from emulation.models import IndividualRegistration, UnitRegistration

        for model in (UnitRegistration, IndividualRegistration):
            status.register_badges(model, "state", RegistrationState, REGISTRATION_STATE_COLOURS)
            status.register_machine(
                model, "state", RegistrationState, REGISTRATION_TRANSITIONS, registration_permission
            )
        extensions.add_links(extensions.CAMPAIGN, "emulation/_campaign_links.html")
        notifications.register_events()

        from common.audit import register_sentences
        from emulation import excel
        from emulation.audit import SENTENCES
        from exports import registry

        register_sentences(SENTENCES)
        registry.register(
            excel.REGISTRATIONS_EXPORT,
            title=_("Registrations of a campaign"),
            build=excel.registrations_export,
            count=excel.registrations_count,
        )
        registry.register(
            excel.EXEMPLARS_EXPORT,
            title=_("Exemplars of a campaign"),
            build=excel.exemplars_export,
            count=excel.exemplars_count,
        )
        registry.register(excel.PACT_EXPORT, title=_("Pact"), build=excel.pact_export, count=excel.pact_count)
