"""Choices and the state machine of council sessions. Labels are English msgids translated to Vietnamese."""

from django.db import models
from django.utils.translation import pgettext_lazy


class MemberRole(models.TextChoices):
    CHAIR = "chair", pgettext_lazy("council role", "Chair")
    VICE_CHAIR = "vice_chair", pgettext_lazy("council role", "Vice-chair")
    MEMBER = "member", pgettext_lazy("council role", "Member")
    SECRETARY = "secretary", pgettext_lazy("council role", "Secretary")


class SessionState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("session state", "Being prepared")
    OPEN = "open", pgettext_lazy("session state", "Voting")
    CLOSED = "closed", pgettext_lazy("session state", "Closed")


S = SessionState

# The only moves a session may make; ``councils.services.transition`` checks it. A closed
# session is final: a correction is a new recorded act (``SessionAct``), never an edit.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.DRAFT: (S.OPEN,),
    S.OPEN: (S.CLOSED,),
    S.CLOSED: (),
}

STATE_COLOURS = {S.DRAFT: "secondary", S.OPEN: "warning", S.CLOSED: "success"}


class Attendance(models.TextChoices):
    PRESENT = "present", pgettext_lazy("attendance", "Present")
    ABSENT = "absent", pgettext_lazy("attendance", "Absent")


class ItemResult(models.TextChoices):
    PENDING = "pending", pgettext_lazy("item result", "Not judged yet")
    APPROVED = "approved", pgettext_lazy("item result", "Approved")
    NOT_APPROVED = "not_approved", pgettext_lazy("item result", "Not approved")


RESULT_COLOURS = {ItemResult.PENDING: "secondary", ItemResult.APPROVED: "success", ItemResult.NOT_APPROVED: "danger"}


class FileKind(models.TextChoices):
    MINUTES = "minutes", pgettext_lazy("session file", "Signed minutes of the session")
    COUNT = "count", pgettext_lazy("session file", "Signed minutes of the ballot count")
