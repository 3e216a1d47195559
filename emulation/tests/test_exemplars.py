import datetime

import pytest
from django.core.exceptions import ValidationError

from campaigns.tests.factories import running_campaign
from emulation import selectors, services
from emulation.enums import EXEMPLAR_STEPS
from emulation.models import Exemplar, ExemplarStepRecord
from units.models import AuditLog

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(world):
    return running_campaign(
        world,
        starts_on=datetime.date(2024, 9, 1),
        ends_on=datetime.date(2026, 8, 31),
        min_exemplars_per_unit=1,
        min_exemplars_issuer=5,
    )


def _exemplar(campaign, unit, person=None, year=2025, title="Điển hình"):
    return services.exemplar_create(
        campaign=campaign,
        unit=unit,
        actor=None,
        subject_kind="individual" if person else "collective",
        person=person,
        title=title,
        year=year,
        built_on=datetime.date(year, 3, 1),
    )


def test_exemplar_walks_the_five_steps_in_order_with_a_dated_record_each(world, campaign):
    officer = world.users["phong_officer"]
    exemplar = _exemplar(campaign, world.school_a1, person=world.person_a1)
    for offset, step in enumerate(EXEMPLAR_STEPS[1:], start=1):
        exemplar = services.exemplar_advance(
            exemplar=exemplar, new_step=step, on_date=datetime.date(2025, 3, 1 + offset), actor=officer
        )
    records = list(ExemplarStepRecord.objects.filter(exemplar=exemplar).values_list("step", "date"))
    assert exemplar.step == "reward"
    assert records == [(step, datetime.date(2025, 3, 1 + i)) for i, step in enumerate(EXEMPLAR_STEPS)]
    log = AuditLog.objects.filter(action="exemplar.step_changed", object_id=str(exemplar.pk)).order_by("id")
    assert [(e.data["from"], e.data["to"]) for e in log] == [
        ("build", "publicise"),
        ("publicise", "study"),
        ("study", "assess"),
        ("assess", "reward"),
    ]


@pytest.mark.parametrize("target", ["study", "assess", "reward", "build"])
def test_skipping_or_repeating_a_step_is_refused(world, campaign, target):
    exemplar = _exemplar(campaign, world.school_a1)
    with pytest.raises(ValidationError) as excinfo:
        services.exemplar_advance(exemplar=exemplar, new_step=target, on_date=datetime.date(2025, 4, 1), actor=None)
    assert excinfo.value.messages == [
        "Các bước phải theo thứ tự: sau “1. Xây dựng điển hình” là “2. Tuyên truyền, nhân rộng”."
    ]
    exemplar.refresh_from_db()
    assert (exemplar.step, exemplar.step_records.count()) == ("build", 1)


def test_no_step_after_the_reward_and_no_date_before_the_previous_step(world, campaign):
    exemplar = _exemplar(campaign, world.school_a1)
    with pytest.raises(ValidationError) as excinfo:
        services.exemplar_advance(
            exemplar=exemplar, new_step="publicise", on_date=datetime.date(2025, 2, 1), actor=None
        )
    assert excinfo.value.message_dict == {"on_date": ["Ngày không được trước bước trước (01/03/2025)."]}
    for step in EXEMPLAR_STEPS[1:]:
        exemplar = services.exemplar_advance(
            exemplar=exemplar, new_step=step, on_date=datetime.date(2025, 5, 1), actor=None
        )
    with pytest.raises(ValidationError) as excinfo:
        services.exemplar_advance(exemplar=exemplar, new_step="build", on_date=datetime.date(2025, 6, 1), actor=None)
    assert excinfo.value.messages == [
        "Các bước phải theo thứ tự: sau “5. Khen thưởng” là “không còn bước nào (đã hoàn thành quy trình)”."
    ]


def test_exemplar_must_be_of_the_unit_or_below_and_in_the_campaign_years(world, campaign):
    with pytest.raises(ValidationError) as excinfo:
        services.exemplar_create(
            campaign=campaign,
            unit=world.school_a2,
            actor=None,
            subject_kind="individual",
            person=world.person_a1,
            title="Giáo viên giỏi",
            year=2030,
            built_on=datetime.date(2025, 1, 1),
        )
    assert excinfo.value.message_dict == {
        "year": ["Năm nằm ngoài thời gian của phong trào."],
        "person": ["Cá nhân phải công tác tại đơn vị hoặc đơn vị trực thuộc."],
    }
    assert Exemplar.objects.count() == 0


def test_counts_per_unit_and_year_flag_the_shortfall_against_the_minimums(world, campaign):
    for n in range(3):
        _exemplar(campaign, world.so, title=f"Điển hình cấp Sở {n}")
    _exemplar(campaign, world.school_a1, person=world.person_a1)
    _exemplar(campaign, world.school_a2, year=2024)  # another year does not count
    counts = selectors.exemplar_counts(world.users["so_officer"], campaign, year=2025)
    assert [(row.unit.name, row.count, row.minimum, row.shortfall) for row in counts] == [
        ("Sở Giáo dục và Đào tạo Thử nghiệm", 3, 5, 2),
        ("Phòng GD&ĐT Thử A", 0, 1, 1),
        ("Phòng GD&ĐT Thử B", 0, 1, 1),
        ("Trường THCS Thử A2", 0, 1, 1),
        ("Trường Tiểu học Thử A1", 1, 1, 0),
        ("Trường Tiểu học Thử B1", 0, 1, 1),
    ]
    # A school sees only its own line.
    own = selectors.exemplar_counts(world.users["school_clerk"], campaign, year=2025)
    assert [(row.unit.name, row.count, row.shortfall) for row in own] == [("Trường Tiểu học Thử A1", 1, 0)]
