import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError

from awards.tests.factories import catalogue_award
from campaigns import services as campaign_services
from campaigns.tests.factories import CampaignFactory, registration_deadline, running_campaign
from emulation import services
from emulation.enums import RegistrationState
from emulation.models import IndividualRegistration, RegistrationForward, UnitRegistration, WorkItem
from units.models import AuditLog
from units.tests.factories import PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db

# The Sở's campaign runs 01/9/2024 – 31/8/2026; registration is due 15/10/2024.
BEFORE = datetime.datetime(2024, 10, 1, 3, 0, tzinfo=datetime.UTC)
AFTER = datetime.datetime(2024, 10, 20, 3, 0, tzinfo=datetime.UTC)


@pytest.fixture
def campaign(world):
    with time_machine.travel(BEFORE, tick=False):
        campaign = running_campaign(
            world, starts_on=datetime.date(2024, 9, 1), ends_on=datetime.date(2026, 8, 31), min_exemplars_per_unit=1
        )
        registration_deadline(campaign, datetime.date(2024, 10, 15))
    return campaign


def _draft(campaign, world, unit=None):
    registration = services.registration_create(campaign=campaign, unit=unit or world.school_a1, actor=None)
    services.work_item_add(
        registration=registration,
        actor=None,
        title="Chuyển đổi số trong quản lý hồ sơ",
        starts_on=datetime.date(2024, 10, 1),
        ends_on=datetime.date(2025, 5, 31),
        target_value="100",
        target_unit="%",
    )
    return registration


def _messages(excinfo) -> list[str]:
    return excinfo.value.messages


@time_machine.travel(BEFORE, tick=False)
def test_registration_walks_draft_submitted_returned_resubmitted_accepted_and_logs_each_step(campaign, world):
    clerk, officer = world.users["school_clerk"], world.users["so_officer"]
    registration = _draft(campaign, world)
    registration = services.registration_submit(registration=registration, actor=clerk)
    registration = services.registration_review(
        registration=registration, accept=False, actor=officer, comment="Bổ sung thời điểm kết thúc"
    )
    assert (registration.state, registration.return_comment) == ("returned", "Bổ sung thời điểm kết thúc")
    registration = services.registration_submit(registration=registration, actor=clerk)
    registration = services.registration_review(registration=registration, accept=True, actor=officer)
    registration.refresh_from_db()
    assert (registration.state, registration.resubmission_count, registration.decided_by) == ("accepted", 1, officer)
    log = AuditLog.objects.filter(action="registration.state_changed", object_id=str(registration.pk)).order_by("id")
    assert [(e.data["from"], e.data["to"], e.actor_id, e.reason) for e in log] == [
        ("draft", "submitted", clerk.pk, ""),
        ("submitted", "returned", officer.pk, "Bổ sung thời điểm kết thúc"),
        ("returned", "submitted", clerk.pk, ""),
        ("submitted", "accepted", officer.pk, ""),
    ]


@pytest.mark.parametrize(
    ("start", "target"),
    [
        ("draft", "accepted"),
        ("draft", "returned"),
        ("submitted", "submitted"),
        ("accepted", "submitted"),
        ("accepted", "returned"),
        ("returned", "accepted"),
    ],
)
@time_machine.travel(BEFORE, tick=False)
def test_registration_refuses_transitions_outside_the_table(campaign, world, start, target):
    registration = _draft(campaign, world)
    UnitRegistration.objects.filter(pk=registration.pk).update(state=start)
    with pytest.raises(ValidationError) as excinfo:
        services.registration_set_state(registration=registration, new_state=target, actor=None, reason="x")
    registration.refresh_from_db()
    assert registration.state == start
    assert _messages(excinfo)[0].startswith("Bản đăng ký không thể chuyển từ")


@time_machine.travel(BEFORE, tick=False)
def test_return_without_comments_is_refused(campaign, world):
    registration = services.registration_submit(registration=_draft(campaign, world), actor=None)
    with pytest.raises(ValidationError) as excinfo:
        services.registration_review(registration=registration, accept=False, actor=None, comment="  ")
    assert excinfo.value.message_dict == {"comment": ["Vui lòng ghi ý kiến để đơn vị bổ sung, chỉnh sửa."]}
    registration.refresh_from_db()
    assert registration.state == "submitted"


@time_machine.travel(BEFORE, tick=False)
def test_registering_twice_is_refused(campaign, world):
    _draft(campaign, world)
    with pytest.raises(ValidationError) as excinfo:
        services.registration_create(campaign=campaign, unit=world.school_a1, actor=None)
    assert _messages(excinfo) == ["Đơn vị đã đăng ký thi đua cho phong trào này."]
    assert UnitRegistration.objects.filter(campaign=campaign).count() == 1


def test_registering_after_the_deadline_is_refused(campaign, world):
    with time_machine.travel(AFTER, tick=False), pytest.raises(ValidationError) as excinfo:
        services.registration_create(campaign=campaign, unit=world.school_a1, actor=None)
    assert _messages(excinfo) == [
        "Đã quá hạn đăng ký (15/10/2024). Muốn đăng ký bây giờ cần được đơn vị ban hành gia hạn."
    ]
    assert UnitRegistration.objects.count() == 0


def test_registering_after_the_deadline_is_allowed_under_an_extension_until_it_ends(campaign, world):
    deadline = campaign.milestones.get().deadlines.get()
    campaign_services.deadline_extend(
        deadline=deadline,
        unit=world.school_a1,
        new_due_on=datetime.date(2024, 10, 25),
        reason="Trường sáp nhập",
        actor=None,
    )
    with time_machine.travel(AFTER, tick=False):
        registration = _draft(campaign, world)
        registration = services.registration_submit(registration=registration, actor=None)
    assert registration.state == "submitted"
    with (
        time_machine.travel(datetime.datetime(2024, 10, 26, 3, 0, tzinfo=datetime.UTC), tick=False),
        pytest.raises(ValidationError),
    ):
        services.registration_create(campaign=campaign, unit=world.school_a2, actor=None)
    with time_machine.travel(AFTER, tick=False), pytest.raises(ValidationError):
        # The extension is the school's own: its neighbour is still late.
        services.registration_create(campaign=campaign, unit=world.school_a2, actor=None)


def test_draft_sent_after_the_deadline_is_refused_but_a_returned_one_may_come_back(campaign, world):
    with time_machine.travel(BEFORE, tick=False):
        late = _draft(campaign, world)
        returned = services.registration_submit(registration=_draft(campaign, world, unit=world.school_a2), actor=None)
        services.registration_review(registration=returned, accept=False, actor=None, comment="Thiếu chỉ tiêu")
    with time_machine.travel(AFTER, tick=False):
        with pytest.raises(ValidationError):
            services.registration_submit(registration=late, actor=None)
        resubmitted = services.registration_submit(registration=returned, actor=None)
    late.refresh_from_db()
    assert (late.state, resubmitted.state, resubmitted.resubmission_count) == ("draft", "submitted", 1)


@time_machine.travel(BEFORE, tick=False)
def test_sending_without_work_items_is_refused(campaign, world):
    registration = services.registration_create(campaign=campaign, unit=world.school_a1, actor=None)
    with pytest.raises(ValidationError) as excinfo:
        services.registration_submit(registration=registration, actor=None)
    assert _messages(excinfo) == ["Vui lòng đăng ký ít nhất một đầu việc trước khi gửi."]


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        (
            {"starts_on": datetime.date(2025, 3, 1), "ends_on": datetime.date(2025, 2, 1)},
            {"ends_on": ["Ngày kết thúc đầu việc không được trước ngày bắt đầu."]},
        ),
        (
            {"starts_on": datetime.date(2024, 8, 1), "ends_on": datetime.date(2025, 2, 1)},
            {"starts_on": ["Đầu việc phải nằm trong thời gian của phong trào (01/09/2024 – 31/08/2026)."]},
        ),
        (
            {"starts_on": datetime.date(2025, 1, 1), "ends_on": datetime.date(2026, 12, 31)},
            {"starts_on": ["Đầu việc phải nằm trong thời gian của phong trào (01/09/2024 – 31/08/2026)."]},
        ),
        ({"target_value": "nhiều"}, {"target_value": ["Chỉ tiêu phải là một số, ví dụ 344 hoặc 99,5."]}),
        ({"title": "  "}, {"title": ["Vui lòng nhập tên đầu việc."]}),
    ],
    ids=["ends-before-start", "starts-before-period", "ends-after-period", "target-not-a-number", "no-title"],
)
@time_machine.travel(BEFORE, tick=False)
def test_bad_work_item_is_refused_and_nothing_saved(campaign, world, fields, errors):
    registration = services.registration_create(campaign=campaign, unit=world.school_a1, actor=None)
    values = {
        "title": "Đầu việc",
        "starts_on": datetime.date(2024, 10, 1),
        "ends_on": datetime.date(2025, 5, 31),
        "target_value": "99,5",
        **fields,
    }
    with pytest.raises(ValidationError) as excinfo:
        services.work_item_add(registration=registration, actor=None, **values)
    assert excinfo.value.message_dict == errors
    assert WorkItem.objects.count() == 0


@time_machine.travel(BEFORE, tick=False)
def test_work_item_keeps_a_decimal_target_and_its_criterion(world):
    campaign = CampaignFactory(issuer=world.so)
    criterion = campaign_services.criterion_add(campaign=campaign, actor=None, title="Trường đạt chuẩn quốc gia")
    campaign = campaign_services.campaign_set_state(campaign=campaign, new_state="launched", actor=None)
    registration = services.registration_create(campaign=campaign, unit=world.school_a1, actor=None)
    item = services.work_item_add(
        registration=registration,
        actor=None,
        title="  Duy trì  trường chuẩn ",
        starts_on=datetime.date(2024, 10, 1),
        ends_on=datetime.date(2025, 5, 31),
        target_value="99,5",
        criterion=criterion,
    )
    item.refresh_from_db()
    assert (item.title, item.target_value, item.criterion_id) == ("Duy trì trường chuẩn", Decimal("99.5"), criterion.pk)


@time_machine.travel(BEFORE, tick=False)
def test_criterion_of_another_campaign_is_refused(campaign, world):
    other = running_campaign(world, starts_on=datetime.date(2024, 9, 1), ends_on=datetime.date(2026, 8, 31))
    foreign = campaign_services.criterion_add(campaign=CampaignFactory(issuer=world.so), actor=None, title="Khác")
    registration = services.registration_create(campaign=other, unit=world.school_a1, actor=None)
    with pytest.raises(ValidationError) as excinfo:
        services.work_item_add(
            registration=registration,
            actor=None,
            title="x",
            starts_on=datetime.date(2024, 10, 1),
            ends_on=datetime.date(2024, 11, 1),
            criterion=foreign,
        )
    assert excinfo.value.message_dict == {"criterion": ["Tiêu chí thuộc phong trào khác."]}


@time_machine.travel(BEFORE, tick=False)
def test_work_items_are_frozen_once_sent(campaign, world):
    registration = services.registration_submit(registration=_draft(campaign, world), actor=None)
    with pytest.raises(ValidationError) as excinfo:
        services.work_item_delete(item=registration.work_items.get(), actor=None)
    assert _messages(excinfo) == ["Chỉ sửa được bản đăng ký nháp hoặc bị trả lại."]
    assert WorkItem.objects.count() == 1


@time_machine.travel(BEFORE, tick=False)
def test_a_unit_outside_the_campaign_or_a_draft_campaign_cannot_register(campaign, world):
    with pytest.raises(ValidationError) as excinfo:
        services.registration_create(campaign=campaign, unit=world.other_so, actor=None)
    assert _messages(excinfo) == ["Đơn vị không thuộc đối tượng tham gia phong trào."]
    draft = CampaignFactory(issuer=world.so)
    with pytest.raises(ValidationError) as excinfo:
        services.registration_create(campaign=draft, unit=world.school_a1, actor=None)
    assert _messages(excinfo) == [
        "Phong trào chưa phát động hoặc đã kết thúc: chỉ nhận đăng ký khi phong trào đang diễn ra."
    ]


# --- Individuals --------------------------------------------------------------------------------


@time_machine.travel(BEFORE, tick=False)
def test_person_registers_once_per_school_year(campaign, world):
    services.individual_register(
        campaign=campaign, person=world.person_a1, actor=None, aimed_award=catalogue_award("CSTDCS")
    )
    with pytest.raises(ValidationError) as excinfo:
        services.individual_register(
            campaign=campaign, person=world.person_a1, actor=None, aimed_award=catalogue_award("LDTT")
        )
    assert excinfo.value.message_dict == {"person": ["Nguyễn Thị Lan đã đăng ký trong năm học này."]}
    next_year = services.individual_register(
        campaign=campaign, person=world.person_a1, actor=None, aimed_award=catalogue_award("CSTDCS"), school_year=2025
    )
    assert (next_year.school_year_label, IndividualRegistration.objects.count()) == ("2025–2026", 2)


@time_machine.travel(BEFORE, tick=False)
def test_person_registration_refuses_a_title_off_the_list_and_a_year_outside_the_period(campaign, world):
    with pytest.raises(ValidationError) as excinfo:
        services.individual_register(
            campaign=campaign, person=world.person_a1, actor=None, aimed_award=catalogue_award("NGUT"), school_year=2027
        )
    assert excinfo.value.message_dict == {
        "aimed_award": ["Vui lòng chọn danh hiệu trong danh sách."],
        "school_year": ["Năm học nằm ngoài thời gian của phong trào."],
    }
    assert IndividualRegistration.objects.count() == 0


def test_unit_forwards_every_waiting_registration_upward_in_one_step(campaign, world):
    clerk = world.users["school_clerk"]
    second = PersonFactory(unit=world.school_a1, full_name="Phạm Minh Anh")
    third = PersonFactory(unit=world.school_a1, full_name="Đỗ Thu Hà")
    with time_machine.travel(BEFORE, tick=False):
        first = services.individual_register(
            campaign=campaign, person=world.person_a1, actor=clerk, aimed_award=catalogue_award("CSTDCS")
        )
        accepted = services.individual_register(
            campaign=campaign, person=third, actor=clerk, aimed_award=catalogue_award("LDTT")
        )
        services.individuals_forward(campaign=campaign, unit=world.school_a1, actor=clerk)
        services.registration_review(registration=accepted, accept=True, actor=None)
        services.registration_review(registration=first, accept=False, actor=None, comment="Ghi rõ sáng kiến")
        new = services.individual_register(
            campaign=campaign, person=second, actor=clerk, aimed_award=catalogue_award("GK_SO"), aimed_detail=""
        )
        other_unit = services.individual_register(
            campaign=campaign, person=world.person_a2, actor=None, aimed_award=catalogue_award("LDTT")
        )
        forward = services.individuals_forward(
            campaign=campaign, unit=world.school_a1, actor=clerk, note="Danh sách bổ sung"
        )
    states = dict(IndividualRegistration.objects.values_list("pk", "state"))
    assert states == {
        first.pk: "submitted",
        accepted.pk: "accepted",
        new.pk: "submitted",
        other_unit.pk: "draft",
    }
    assert (forward.count, forward.note, sorted(forward.registrations.values_list("pk", flat=True))) == (
        2,
        "Danh sách bổ sung",
        sorted([first.pk, new.pk]),
    )
    first.refresh_from_db()
    assert first.resubmission_count == 1
    assert RegistrationForward.objects.count() == 2


def test_forwarding_nothing_or_after_the_deadline_is_refused(campaign, world):
    with time_machine.travel(BEFORE, tick=False):
        with pytest.raises(ValidationError) as excinfo:
            services.individuals_forward(campaign=campaign, unit=world.school_a1, actor=None)
        assert _messages(excinfo) == ["Không có bản đăng ký nào chờ gửi."]
        registration = services.individual_register(
            campaign=campaign, person=world.person_a1, actor=None, aimed_award=catalogue_award("LDTT")
        )
    with time_machine.travel(AFTER, tick=False), pytest.raises(ValidationError):
        services.individuals_forward(campaign=campaign, unit=world.school_a1, actor=None)
    registration.refresh_from_db()
    assert (registration.state, RegistrationForward.objects.count()) == ("draft", 0)


@time_machine.travel(BEFORE, tick=False)
def test_only_a_draft_individual_registration_can_be_deleted(campaign, world):
    registration = services.individual_register(
        campaign=campaign, person=world.person_a1, actor=None, aimed_award=catalogue_award("LDTT")
    )
    services.individuals_forward(campaign=campaign, unit=world.school_a1, actor=None)
    registration.refresh_from_db()
    with pytest.raises(ValidationError):
        services.individual_delete(registration=registration, actor=None)
    assert IndividualRegistration.objects.filter(pk=registration.pk).exists()


@time_machine.travel(BEFORE, tick=False)
def test_an_inactive_person_cannot_register(campaign, world):
    from units.services import person_deactivate

    person_deactivate(person=world.person_a1, actor=None)
    with pytest.raises(ValidationError) as excinfo:
        services.individual_register(
            campaign=campaign, person=world.person_a1, actor=None, aimed_award=catalogue_award("LDTT")
        )
    assert excinfo.value.message_dict == {"person": ["Cá nhân này không còn công tác."]}


@time_machine.travel(BEFORE, tick=False)
def test_registration_state_is_the_same_machine_for_individuals(campaign, world):
    registration = services.individual_register(
        campaign=campaign, person=world.person_a1, actor=None, aimed_award=catalogue_award("LDTT")
    )
    with pytest.raises(ValidationError):
        services.registration_review(registration=registration, accept=True, actor=None)
    registration.refresh_from_db()
    assert registration.state == RegistrationState.DRAFT
    UnitFactory(parent=world.phong_a, name="Trường Mầm non Thử A3")  # a new school does not disturb the others
    assert IndividualRegistration.objects.get().state == "draft"
