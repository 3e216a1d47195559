import datetime
import io

import pytest
import time_machine
from django.urls import reverse

from campaigns import demo as campaigns_demo
from campaigns.enums import CampaignState
from campaigns.tests.factories import ben_tre_914, seed_units
from emulation import demo as emulation_demo
from emulation.enums import RegistrationState
from emulation.models import Exemplar, IndividualRegistration, Pact, PactTarget, UnitRegistration
from units.enums import UnitKind
from units.tests.factories import PersonFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ben_tre(db):
    """A small Bến Tre: the Sở, a Phòng and five schools with teachers; plan 914 as the seed has it,
    launched (registration due 01/5/2024), the Sở asked for 5 exemplars of its own."""
    so = UnitFactory(kind=UnitKind.EDUCATION_DEPARTMENT, name="Sở Giáo dục và Đào tạo Bến Tre", code="SGDDT-BENTRE")
    phong = UnitFactory(parent=so, kind=UnitKind.EDUCATION_OFFICE, name="Phòng GD&ĐT Châu Thành")
    schools = [UnitFactory(parent=phong, name=f"Trường Tiểu học Châu Thành {n}") for n in "ABCDE"]
    for school in schools:
        for name in ("Nguyễn Văn An", "Trần Thị Bích", "Lê Hoàng Cường"):
            PersonFactory(unit=school, full_name=name)
    return ben_tre_914(so, min_exemplars_issuer=5, min_exemplars_per_unit=1)


def test_demo_loads_every_registration_state_a_scored_pact_and_exemplars_once(ben_tre):
    out = io.StringIO()
    emulation_demo.load(stdout=out)
    states = dict(UnitRegistration.objects.values_list("unit__name", "state"))
    assert sorted(states.values()) == sorted(["accepted", "submitted", "returned", "submitted", "draft"])
    resubmitted = UnitRegistration.objects.get(resubmission_count=1)
    assert (resubmitted.state, resubmitted.submitted_at.date()) == ("submitted", datetime.date(2024, 4, 24))
    # Each unit registers the plan's first three quantified targets, linked to them.
    targets = [
        "100% cán bộ, công chức sử dụng hộp thư điện tử công vụ",
        "100% hồ sơ tiếp nhận được giải quyết đúng hạn và sớm hạn",
        "100% đảng viên, cán bộ, công chức, viên chức có tài khoản dịch vụ công trực tuyến và sử dụng dịch vụ "
        "công trực tuyến khi có nhu cầu thực hiện thủ tục hành chính",
    ]
    for registration in UnitRegistration.objects.all():
        items = registration.work_items.order_by("id")
        assert [(i.title, i.criterion.title, i.target_value) for i in items] == [(t, t, 100) for t in targets]
    assert set(IndividualRegistration.objects.values_list("state", flat=True)) == {
        RegistrationState.ACCEPTED,
        RegistrationState.SUBMITTED,
        RegistrationState.RETURNED,
        RegistrationState.DRAFT,
    }
    pact = Pact.objects.get()
    assert (pact.targets.count(), pact.targets.filter(cross_score__isnull=True).count()) == (9, 3)
    assert sorted(Exemplar.objects.values_list("step", flat=True)) == sorted(
        ["build", "publicise", "study", "assess", "reward", "build"]
    )
    counts = (
        UnitRegistration.objects.count(),
        IndividualRegistration.objects.count(),
        PactTarget.objects.count(),
        Exemplar.objects.count(),
    )
    emulation_demo.load(stdout=out)
    assert (
        UnitRegistration.objects.count(),
        IndividualRegistration.objects.count(),
        PactTarget.objects.count(),
        Exemplar.objects.count(),
    ) == counts
    assert "Đăng ký thi đua 914/KH-SGD&ĐT: 5 đơn vị, 12 cá nhân, 1 giao ước, 6 điển hình." in out.getvalue()


def test_demo_does_nothing_without_the_seed_campaigns(db):
    out = io.StringIO()
    emulation_demo.load(stdout=out)
    assert (UnitRegistration.objects.count(), Exemplar.objects.count()) == (0, 0)
    assert "không thấy kế hoạch 914 của SGDDT-BENTRE, bỏ qua." in out.getvalue()


def test_demo_pages_render_for_the_issuers_officer(ben_tre, client):
    emulation_demo.load()
    client.force_login(UserFactory(username="vanphong_so", unit=ben_tre.issuer, is_officer=True))
    returned = UnitRegistration.objects.get(state="returned")
    pages = {
        "overview": reverse("emulation:registration-overview", args=[ben_tre.pk]),
        "unit": reverse("emulation:registration-unit", args=[ben_tre.pk, returned.unit_id]),
        "pact": reverse("emulation:pact-detail", args=[Pact.objects.get().pk]),
        "exemplars": reverse("emulation:exemplar-list", args=[ben_tre.pk]) + "?nam=2024",
        "exemplar": reverse("emulation:exemplar-detail", args=[Exemplar.objects.get(step="reward").pk]),
    }
    texts = {name: client.get(url).content.decode() for name, url in pages.items()}
    assert "Trả lại để bổ sung" in texts["overview"]
    assert "Đề nghị ghi rõ thời điểm bắt đầu" in texts["unit"]
    assert "Xếp hạng" in texts["pact"]
    assert "thiếu 2" in texts["exemplars"]  # the Sở has 3 of its 5
    assert texts["exemplar"].count("list-group-item-success") == 5


@time_machine.travel(datetime.datetime(2026, 11, 21, 9, 0, tzinfo=datetime.UTC), tick=False)
def test_campaigns_demo_registers_units_while_a_plan_runs_so_closed_plans_keep_their_registrations(db):
    """emulation.demo hooks into campaigns.demo (``while_running``): this module imports it, so the
    hook is in place whatever else the run imported."""
    seed_units()
    bentre = campaigns_demo.load()["bentre_914"]
    states = set(bentre.unit_registrations.values_list("state", flat=True))
    assert bentre.state == CampaignState.CLOSED
    # Every registration state, though the plan stopped taking registrations long ago.
    assert states == {"draft", "submitted", "accepted", "returned"}
