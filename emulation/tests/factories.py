"""Builders for registration, pact and exemplar tests and permission rows. All go through the services."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from awards.tests.factories import catalogue_award
from campaigns.tests.factories import running_campaign
from emulation import services as emulation_services
from units.services import cluster_create

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def unit_registration(world, campaign=None, *, unit=None, state="draft", items=1, actor=None):
    """A unit registration walked through the services to ``state``."""
    campaign = campaign or running_campaign(world)
    unit = unit or world.school_a1
    registration = emulation_services.registration_create(campaign=campaign, unit=unit, actor=actor)
    for n in range(items):
        emulation_services.work_item_add(
            registration=registration,
            actor=actor,
            title=f"Đầu việc {n + 1}",
            starts_on=campaign.starts_on,
            ends_on=campaign.ends_on,
            target_value="100",
            target_unit="%",
        )
    if state in ("submitted", "accepted", "returned"):
        registration = emulation_services.registration_submit(registration=registration, actor=actor)
    if state == "accepted":
        registration = emulation_services.registration_review(registration=registration, accept=True, actor=None)
    if state == "returned":
        registration = emulation_services.registration_review(
            registration=registration, accept=False, actor=None, comment="Bổ sung chỉ tiêu"
        )
    return registration


def individual_registration(world, campaign=None, *, person=None, state="draft", title="LDTT"):
    campaign = campaign or running_campaign(world)
    person = person or world.person_a1
    registration = emulation_services.individual_register(
        campaign=campaign, person=person, actor=None, aimed_award=catalogue_award(title)
    )
    if state == "submitted":
        emulation_services.individuals_forward(campaign=campaign, unit=person.unit, actor=None)
        registration.refresh_from_db()
    return registration


def cluster(world, *, school_year=None):
    """Cụm thi đua of Phòng A: head Trường TH Thử A1, member Trường THCS Thử A2."""
    return cluster_create(
        organiser=world.phong_a,
        name="Cụm thi đua số 1",
        school_year=school_year or timezone.localdate().year,
        head_unit=world.school_a1,
        members=[world.school_a1, world.school_a2],
        actor=None,
    )


def pact(world, *, signed_on=None):
    return emulation_services.pact_create(
        cluster=cluster(world),
        actor=None,
        title="Giao ước thi đua cụm số 1",
        signed_on=signed_on or timezone.localdate() - datetime.timedelta(days=30),
    )


def pact_target(world, *, member=None, scored=False, with_file=False):
    target = emulation_services.pact_target_add(
        pact=pact(world), member=member or world.school_a2, actor=None, criterion="Tỷ lệ học sinh lên lớp", max_score=10
    )
    if scored or with_file:
        target = emulation_services.pact_self_score(
            target=target,
            actor=None,
            score="8,5",
            evidence="Báo cáo tổng kết học kỳ I",
            evidence_file=SimpleUploadedFile("bao-cao.pdf", PDF_BYTES, "application/pdf") if with_file else None,
        )
    return target


def exemplar(world, campaign=None, *, unit=None):
    campaign = campaign or running_campaign(world)
    return emulation_services.exemplar_create(
        campaign=campaign,
        unit=unit or world.school_a1,
        actor=None,
        subject_kind="individual",
        person=world.person_a1,
        title="Giáo viên dạy giỏi chuyển đổi số",
        year=timezone.localdate().year,
        built_on=timezone.localdate(),
    )
