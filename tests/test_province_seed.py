"""The generated province (``seed_demo --scale province``) at a tiny size: every persona the benchmark
uses logs in (the Sở officer with the code of its authenticator) and reaches a real home page; each
app's part is there in every status; a second run adds nothing."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from awards.models import AwardRecord, Initiative, TaskRatingRecord
from campaigns.models import Campaign, Deadline, DeadlineException, Submission
from councils.models import Council
from decisions.models import AwardDecision
from dossiers.models import Dossier
from emulation.models import IndividualRegistration, Pact, UnitRegistration, WorkItem
from reminders.models import ReminderDispatch
from units import demo
from units.management.commands.seed_demo import load_province
from units.models import Person, Unit, User

MODELS = (
    Unit,
    Person,
    User,
    TOTPDevice,
    Campaign,
    Deadline,
    Submission,
    DeadlineException,
    UnitRegistration,
    WorkItem,
    IndividualRegistration,
    Pact,
    ReminderDispatch,
    AwardRecord,
    TaskRatingRecord,
    Initiative,
    Dossier,
    Council,
    AwardDecision,
)


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.fixture
def province(db, settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = ["admin", "officer:education_department"]
    root = demo.generate_province(root_code="BENCH-TINH", units=20, people=300)
    load_province(root)
    return root


def _log_in(client, username: str):
    answer = client.post("/dang-nhap/", {"username": username, "password": demo.DEMO_PASSWORD}, follow=True)
    steps = [url for url, _status in answer.redirect_chain]
    if answer.request["PATH_INFO"] == "/tai-khoan/xac-thuc-hai-buoc/":
        device = TOTPDevice.objects.get(user__username=username, confirmed=True)
        code = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
        answer = client.post("/tai-khoan/xac-thuc-hai-buoc/", {"token": code, "next": "/"}, follow=True)
    return answer, steps


def test_province_seed_logins_reach_home_for_every_persona(province, client):
    logins = demo.province_logins(province)
    assert logins == {
        "so_officer": "tinh.tdkt",
        "leader": "tinh.lanhdao",
        "council": "tinh.hoidong",
        "phong_officer": "tinh.p001.tdkt",
        "school_clerk": "tinh.s001-01.vanthu",
        "school_head": "tinh.s001-01.hieutruong",
    }
    # 20 units: the committee, the Sở, 1 Phòng and 17 schools: 3 + 1 + 2 × 17 accounts.
    assert User.objects.filter(username__startswith="tinh.").count() == 38
    for persona, username in logins.items():
        client.logout()
        answer, steps = _log_in(client, username)
        user = User.objects.select_related("unit").get(username=username)
        assert (persona, answer.status_code, answer.request["PATH_INFO"]) == (persona, 200, "/")
        html = answer.content.decode()
        assert user.full_name in html
        assert (user.unit.short_name or user.unit.name) in html
        assert ("/tai-khoan/xac-thuc-hai-buoc/?next=/" in steps) == (persona == "so_officer")


def test_province_seed_has_every_status_and_a_second_run_adds_nothing(province):
    so = Unit.objects.get(code="BENCH-TINH-SGD")
    campaigns = list(Campaign.objects.filter(issuer=so).order_by("number"))
    assert [(c.number, c.state) for c in campaigns] == [(101, "in_progress"), (102, "in_progress")]
    recurrences = set(Deadline.objects.filter(milestone__campaign=campaigns[0]).values_list("milestone__recurrence"))
    assert recurrences == {("once",), ("yearly",)}
    assert set(DeadlineException.objects.values_list("kind", flat=True)) == {"excused", "extended"}
    late = Submission.objects.exclude(note="").count()
    assert (late > 0, Submission.objects.filter(note="").count() > 0) == (True, True)
    assert set(UnitRegistration.objects.values_list("state", flat=True)) == {
        "accepted",
        "submitted",
        "returned",
        "draft",
    }
    assert set(IndividualRegistration.objects.values_list("state", flat=True)) == {
        "accepted",
        "submitted",
        "returned",
        "draft",
    }
    assert Pact.objects.filter(campaign__in=campaigns).count() == 2
    assert set(ReminderDispatch.objects.values_list("kind", flat=True)) == {"reminder", "escalation"}
    assert sorted(set(TaskRatingRecord.objects.values_list("school_year", flat=True))) == [2021, 2022, 2023, 2024, 2025]
    assert sorted(set(AwardRecord.objects.filter(source="demo").values_list("school_year", flat=True))) == [
        2021,
        2022,
        2023,
        2024,
    ]
    assert Initiative.objects.count() > 0
    phong = Unit.objects.get(code="BENCH-TINH-P001")
    states = set(Dossier.objects.filter(round__organiser=phong).values_list("state", flat=True))
    assert {"draft", "sent", "received", "returned", "resent", "under_appraisal"} <= states
    assert Council.objects.filter(unit=phong, school_year=2025).count() == 1
    assert AwardDecision.objects.filter(issuer_unit=phong).count() == 1
    first = _counts()
    assert first["TOTPDevice"] == 1
    assert demo.generate_province(root_code="BENCH-TINH", units=20, people=300).pk == province.pk
    load_province(province)
    assert _counts() == first
