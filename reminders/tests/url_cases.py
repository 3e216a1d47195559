"""Permission rows of the reminder screens: the issuer's heads and officers (and officers above) only."""

from django.urls import reverse

from reminders.models import ReminderDispatch
from reminders.tests.factories import reminder_world
from tests.url_table import UrlCase

OTHERS = ("school_clerk", "other_head", "phong_officer", "leader")


def _failed_dispatch(world):
    deadline = reminder_world(world)
    world.extra["dispatch"] = ReminderDispatch.objects.create(
        deadline=deadline,
        unit=world.school_a1,
        recipient=world.users["school_clerk"],
        offset=7,
        due_on=deadline.due_on,
        scheduled_for=deadline.due_on,
        status="failed",
        attempts=5,
        last_error="SMTPServerDisconnected",
    )


CASES = [
    UrlCase(
        "reminders:reminder-log",
        lambda w: reverse("reminders:reminder-log", args=[w.extra["milestone"].pk]),
        {**dict.fromkeys(OTHERS, 403), "so_officer": 200, "outsider": 404},
        setup=reminder_world,
    ),
    UrlCase(
        "reminders:reminder-preview-units",
        lambda w: (
            reverse("reminders:reminder-preview-units", args=[w.extra["milestone"].pk])
            + f"?han={w.extra['deadline'].pk}&ngay={w.extra['deadline'].due_on.isoformat()}&loai=reminder&offset=0"
        ),
        {**dict.fromkeys(OTHERS, 403), "so_officer": 200, "outsider": 404},
        setup=reminder_world,
    ),
    UrlCase(
        "reminders:reminder-resend",
        lambda w: reverse("reminders:reminder-resend", args=[w.extra["dispatch"].pk]),
        {**dict.fromkeys(OTHERS, 403), "so_officer": 302, "outsider": 404},
        method="post",
        setup=_failed_dispatch,
    ),
    UrlCase(
        "reminders:reminder-preferences",
        lambda w: reverse("reminders:reminder-preferences"),
        dict.fromkeys((*OTHERS, "so_officer", "outsider"), 200),
    ),
]
