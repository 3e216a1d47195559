"""The demo loader: codes for the 2026 demo decisions, one decision printed per seed issuer, idempotent."""

import pytest

from certificates import demo
from certificates.enums import JobState
from certificates.models import Certificate, PrintJob
from certificates.tests.factories import many_people, pdf_pages, so_decision
from units.enums import UnitKind
from units.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def test_demo_makes_codes_and_prints_one_decision_per_seed_issuer_once(world):
    so = UnitFactory(kind=UnitKind.EDUCATION_DEPARTMENT, code="SGDDT-HUNGYEN", name="Sở GD&ĐT Hưng Yên")
    school = UnitFactory(parent=so, kind=UnitKind.PRIMARY_SCHOOL, name="Trường Tiểu học Hưng Yên")
    decision, _records = so_decision(so, many_people(school, 3), number="40/QĐ-SGDĐT")
    other, _ = so_decision(world.so, [world.person_a1], number="41/QĐ-SGDĐT")  # not a seed issuer: codes only

    first = demo.load()
    again = demo.load()

    assert first == {"codes": 4, "printed": ["40/QĐ-SGDĐT"]}
    assert again == {"codes": 0, "printed": []}
    assert Certificate.objects.filter(record__decision__in=[decision, other]).count() == 4
    job = PrintJob.objects.get()
    assert (job.decision_id, job.state, job.done) == (decision.pk, JobState.DONE, 3)
    with job.file.open("rb") as handle:
        assert pdf_pages(handle.read()) == 3
