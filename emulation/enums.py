"""States and choices of registration, pacts and exemplars."""

from django.db import models
from django.utils.translation import pgettext_lazy


class RegistrationState(models.TextChoices):
    """Where a unit's or a person's registration stands; changed only by ``registration_set_state``."""

    DRAFT = "draft", pgettext_lazy("registration state", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("registration state", "Submitted")
    ACCEPTED = "accepted", pgettext_lazy("registration state", "Accepted")
    RETURNED = "returned", pgettext_lazy("registration state", "Returned for changes")


REGISTRATION_TRANSITIONS: dict[str, tuple[str, ...]] = {
    RegistrationState.DRAFT: (RegistrationState.SUBMITTED,),
    RegistrationState.SUBMITTED: (RegistrationState.ACCEPTED, RegistrationState.RETURNED),
    RegistrationState.RETURNED: (RegistrationState.SUBMITTED,),
    RegistrationState.ACCEPTED: (),
}
REGISTRATION_STATE_COLOURS = {
    RegistrationState.DRAFT: "secondary",
    RegistrationState.SUBMITTED: "primary",
    RegistrationState.ACCEPTED: "success",
    RegistrationState.RETURNED: "warning",
}


def registration_permission(target: str) -> str:
    """Sending (again) is the unit's move; accepting or returning is the issuer's."""
    if target == RegistrationState.SUBMITTED:
        return "emulation.change_registration"
    return "emulation.review_registration"


# The unit may still change its work items (or delete an individual registration) in these.
REGISTRATION_EDITABLE_STATES = (RegistrationState.DRAFT, RegistrationState.RETURNED)
# Waiting at the unit: what the one-step forward sends upward.
REGISTRATION_PENDING_STATES = (RegistrationState.DRAFT, RegistrationState.RETURNED)


class ExemplarStep(models.TextChoices):
    """The five steps of the Bến Tre plan (914/KH-SGD&ĐT, 5.4), in order."""

    BUILD = "build", pgettext_lazy("exemplar step", "1. Build")
    PUBLICISE = "publicise", pgettext_lazy("exemplar step", "2. Publicise")
    STUDY = "study", pgettext_lazy("exemplar step", "3. Study")
    ASSESS = "assess", pgettext_lazy("exemplar step", "4. Assess")
    REWARD = "reward", pgettext_lazy("exemplar step", "5. Reward")


EXEMPLAR_STEPS: tuple[str, ...] = tuple(ExemplarStep.values)
# Steps go in order, one at a time.
EXEMPLAR_TRANSITIONS: dict[str, tuple[str, ...]] = {
    step: (EXEMPLAR_STEPS[index + 1],) if index + 1 < len(EXEMPLAR_STEPS) else ()
    for index, step in enumerate(EXEMPLAR_STEPS)
}
