"""Bell and email on every step; reminders before the legal clock and the round's deadline."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from dossiers import services
from dossiers.enums import DossierState
from dossiers.models import Holiday
from dossiers.tests.factories import dossier_for, ready_dossier, school_year_round
from units.models import Notification

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(datetime.datetime(2026, 5, 20, 9, 0, tzinfo=datetime.UTC), tick=False):
        yield


def test_return_notifies_the_sender_in_the_bell_and_by_email(world, django_capture_on_commit_callbacks, monkeypatch):
    calls = []
    monkeypatch.setattr(
        services,
        "send_after_commit",
        lambda name, args, what: calls.append(args) if name == services.EMAIL_TASK else None,
    )
    dossier = ready_dossier(world)
    services.dossier_send(dossier=dossier, actor=None)
    with django_capture_on_commit_callbacks(execute=True):
        services.dossier_return(
            dossier=dossier,
            actor=world.users["phong_officer"],
            reason="Bổ sung",
            comments=[(None, "minutes", "Thiếu chữ ký thư ký")],
        )
    bell = Notification.objects.get(user=world.users["school_clerk"])
    assert bell.title == "Hồ sơ của Trường Tiểu học Thử A1 được trả lại để bổ sung"
    assert bell.body == "Bổ sung\n- Thiếu chữ ký thư ký"
    assert calls[-1] == (dossier.pk, "returned", [world.users["school_clerk"].pk], bell.body)
    assert services.email_send(dossier_id=dossier.pk, event="returned", user_ids=calls[-1][2], body=bell.body) == 1
    message = mail.outbox[-1]
    assert message.subject == "Hồ sơ của Trường Tiểu học Thử A1 được trả lại để bổ sung"
    assert "Thiếu chữ ký thư ký" in message.body
    assert message.to == [world.users["school_clerk"].email]


def test_officers_are_reminded_once_before_the_legal_clock_runs_out(world):
    Holiday.objects.create(date=D(2026, 5, 19), name="Nghỉ bù (thử)")
    dossier = dossier_for(world.school_a1, school_year_round(world.phong_a))
    sent_at = timezone.make_aware(datetime.datetime(2026, 5, 14, 9))
    services.transition(dossier=dossier, to=DossierState.SENT, actor=None, when=sent_at)
    # Sent Thu 14/05; 5 working days skipping the weekend and 19/05: 15, 18, 20, 21, 22 → due Fri 22/05.
    assert services.reminders_run(today=D(2026, 5, 18)) == {"clock": 0, "deadline": 0}
    assert services.reminders_run(today=D(2026, 5, 20)) == {"clock": 1, "deadline": 0}
    assert services.reminders_run(today=D(2026, 5, 21)) == {"clock": 0, "deadline": 0}
    bell = Notification.objects.get(user=world.users["phong_officer"], title__startswith="Sắp hết hạn xử lý")
    assert bell.body == "Hạn 22/05/2026"


def test_senders_are_reminded_before_the_round_deadline(world):
    award_round = school_year_round(world.phong_a, deadline=D(2026, 5, 22))
    dossier_for(world.school_a1, award_round)
    assert services.reminders_run(today=D(2026, 5, 15)) == {"clock": 0, "deadline": 0}
    assert services.reminders_run(today=D(2026, 5, 20)) == {"clock": 0, "deadline": 1}
    assert services.reminders_run(today=D(2026, 5, 21)) == {"clock": 0, "deadline": 0}
    assert Notification.objects.get(user=world.users["school_clerk"]).body == "Hạn gửi hồ sơ 22/05/2026"


def test_legal_clock_limits_are_set_per_level(world):
    from dossiers import selectors
    from dossiers.models import LegalClock

    assert selectors.clock_for(world.phong_a) == (5, 20)
    LegalClock.objects.create(scope=None, return_days=4, appraisal_days=15)
    LegalClock.objects.create(scope=world.so, return_days=3, appraisal_days=10)
    assert selectors.clock_for(world.phong_a) == (3, 10)  # the Sở's setting covers its Phòng
    assert selectors.clock_for(world.other_so) == (4, 15)  # elsewhere, the default row
    LegalClock.objects.create(scope=world.phong_a, return_days=2, appraisal_days=7)
    assert selectors.clock_for(world.phong_a) == (2, 7)
