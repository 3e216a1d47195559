"""The event → recipients table (``units.notifications.TABLE``), row by row, through the services.

Each row runs the service that raises the event, lets the transaction commit, and checks who got
the notice in the bell, what it says, where it links, and who got the email (Django's outbox)."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core import mail

from campaigns import services as campaign_services
from campaigns.tests.factories import CampaignFactory, registration_deadline, running_campaign
from emulation import services
from emulation.tests.factories import exemplar, individual_registration, unit_registration
from units import imports
from units.enums import ImportKind, ImportState
from units.models import ImportBatch, Notification
from units.notifications import TABLE
from units.tests.factories import PersonFactory

NOW = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh"))
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _launch(w):
    campaign = CampaignFactory(
        issuer=w.so, title="Thi đua Dạy tốt", starts_on=TODAY, ends_on=datetime.date(2027, 5, 31)
    )
    return lambda: campaign_services.campaign_set_state(
        campaign=campaign, new_state="launched", actor=w.users["so_officer"]
    )


def _amend(w):
    campaign = running_campaign(w, title="Thi đua Dạy tốt")
    return lambda: campaign_services.campaign_amend(
        campaign=campaign, actor=w.users["so_officer"], reason="Bổ sung khẩu hiệu", theme="Dạy tốt, học tốt"
    )


def _deadline(w):
    return registration_deadline(running_campaign(w, title="Thi đua Dạy tốt"), TODAY + datetime.timedelta(days=10))


def _extend(w):
    deadline = _deadline(w)
    return lambda: campaign_services.deadline_extend(
        deadline=deadline,
        unit=w.school_a1,
        new_due_on=TODAY + datetime.timedelta(days=20),
        reason="Mưa bão",
        actor=w.users["phong_officer"],
    )


def _excuse(w):
    deadline = _deadline(w)
    return lambda: campaign_services.deadline_excuse(
        deadline=deadline, unit=w.school_a2, reason="Trường sáp nhập", actor=w.users["phong_officer"]
    )


def _submit_deliverable(w):
    deadline = _deadline(w)
    return lambda: campaign_services.submission_create(
        deadline=deadline, unit=w.school_a1, actor=w.users["school_clerk"], note="Đã gửi bản đăng ký"
    )


def _send_registration(w):
    registration = unit_registration(w, running_campaign(w, title="Thi đua Dạy tốt"))
    return lambda: services.registration_submit(registration=registration, actor=w.users["school_clerk"])


def _forward_individuals(w):
    campaign = running_campaign(w, title="Thi đua Dạy tốt")
    individual_registration(w, campaign)
    individual_registration(w, campaign, person=PersonFactory(unit=w.school_a1, full_name="Lý Thị Mai"))
    return lambda: services.individuals_forward(
        campaign=campaign, unit=w.school_a1, actor=w.users["school_clerk"], note="Hai giáo viên"
    )


def _review(accept):
    def build(w):
        registration = unit_registration(w, running_campaign(w, title="Thi đua Dạy tốt"), state="submitted")
        return lambda: services.registration_review(
            registration=registration,
            accept=accept,
            comment="" if accept else "Bổ sung chỉ tiêu",
            actor=w.users["so_officer"],
        )

    return build


def _advance(w):
    item = exemplar(w, running_campaign(w, title="Thi đua Dạy tốt"))
    return lambda: services.exemplar_advance(
        exemplar=item, new_step="publicise", on_date=TODAY, actor=w.users["phong_officer"]
    )


def _import(w):
    batch = ImportBatch.objects.create(
        user=w.users["school_clerk"], kind=ImportKind.PEOPLE, file_name="ca-nhan.xlsx", summary={"created": 2}
    )
    return lambda: imports.import_batch_set_state(
        batch=batch, new_state=ImportState.COMMITTED, actor=w.users["school_clerk"]
    )


# event, what raises it, who hears (usernames; the actor never, unless told), the notice's title
ROWS = [
    ("campaign.launched", _launch, ["clerk_a1", "head_a2", "officer_pa"], "Phong trào mới: Thi đua Dạy tốt"),
    ("campaign.amended", _amend, ["clerk_a1", "head_a2", "officer_pa"], "Phong trào được điều chỉnh: Thi đua Dạy tốt"),
    (
        "deadline.extended",
        _extend,
        ["clerk_a1"],
        "Gia hạn đến 22/03/2026: Đăng ký thi đua (Thi đua Dạy tốt)",
    ),
    ("deadline.excused", _excuse, ["head_a2"], "Được miễn nộp: Đăng ký thi đua (Thi đua Dạy tốt)"),
    ("submission.received", _submit_deliverable, ["officer_so"], "Trường Tiểu học Thử A1 đã nộp: Đăng ký thi đua"),
    (
        "registration.submitted",
        _send_registration,
        ["officer_so"],
        "Trường Tiểu học Thử A1 đã gửi đăng ký thi đua: Thi đua Dạy tốt",
    ),
    (
        "registration.forwarded",
        _forward_individuals,
        ["officer_so"],
        "Trường Tiểu học Thử A1 đã gửi 2 bản đăng ký cá nhân: Thi đua Dạy tốt",
    ),
    (
        "registration.returned",
        _review(False),
        ["clerk_a1"],
        "Đăng ký thi đua bị trả lại để chỉnh sửa: Trường Tiểu học Thử A1, Thi đua Dạy tốt",
    ),
    (
        "registration.accepted",
        _review(True),
        ["clerk_a1"],
        "Đăng ký thi đua được chấp nhận: Trường Tiểu học Thử A1, Thi đua Dạy tốt",
    ),
    (
        "exemplar.advanced",
        _advance,
        ["clerk_a1", "officer_so"],
        "Điển hình “Giáo viên dạy giỏi chuyển đổi số” chuyển sang bước: 2. Tuyên truyền, nhân rộng",
    ),
    ("import.finished", _import, ["clerk_a1"], "Đã nhập xong dữ liệu: ca-nhan.xlsx"),
]


# Apps above emulation (decisions) declare events too; each tests its own rows where it may import
# its services. The events of the apps this test can reach are all here.
REACHABLE_APPS = {"units", "campaigns", "emulation"}


def test_the_table_has_a_row_for_every_event():
    reachable = [code for code, event in TABLE.items() if event.recipients.__module__.split(".")[0] in REACHABLE_APPS]
    assert sorted(reachable) == sorted(code for code, *_rest in ROWS)


@pytest.mark.parametrize(("code", "build", "usernames", "title"), ROWS, ids=[row[0] for row in ROWS])
def test_event_reaches_its_recipients_in_the_bell_and_by_email(
    code, build, usernames, title, world, django_capture_on_commit_callbacks
):
    act = build(world)
    Notification.objects.all().delete()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        act()
    notices = Notification.objects.filter(event=code).select_related("user").order_by("user__username")
    assert [n.user.username for n in notices] == sorted(usernames)
    assert {n.title for n in notices} == {title}
    assert all(n.url.startswith("/") for n in notices)
    assert Notification.objects.exclude(event=code).count() == 0
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == [
        (f"{u}@example.test", title) for u in sorted(usernames)
    ]
