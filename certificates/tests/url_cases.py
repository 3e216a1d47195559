"""The permission table rows of certificates.

The setup: the Sở (so_officer, leader) issues decision 215/QĐ-SGDĐT giving a Giấy khen to a teacher
of Trường Tiểu học Thử A1 (school_clerk). The Sở prints; the school downloads its own certificate;
Phòng A sees the decision (the school is in its subtree) but neither prints nor downloads; the other
school and the outsider do not see it. Blank layouts belong to the user's own unit (officers and
heads). The verification pages are public.
"""

from django.core.files.base import ContentFile
from django.urls import reverse

from certificates import documents, services
from certificates.enums import FIELDS, CertificateKind, JobState, PrintMode
from certificates.tests.factories import so_decision
from tests.url_table import UrlCase

PERSONAS = ("school_clerk", "other_head", "phong_officer", "so_officer", "leader", "outsider")


def expect(**statuses) -> dict[str, int]:
    missing = set(PERSONAS) - set(statuses)
    assert not missing, missing
    return statuses


SEE_DECISION = expect(school_clerk=200, other_head=404, phong_officer=200, so_officer=200, leader=200, outsider=404)
PRINT = expect(school_clerk=403, other_head=404, phong_officer=403, so_officer=302, leader=302, outsider=404)
JOB = expect(school_clerk=404, other_head=404, phong_officer=404, so_officer=200, leader=200, outsider=404)
RECORD = expect(school_clerk=200, other_head=404, phong_officer=403, so_officer=200, leader=200, outsider=404)
LAYOUT = expect(school_clerk=403, other_head=200, phong_officer=200, so_officer=200, leader=403, outsider=200)
LAYOUT_POST = expect(school_clerk=403, other_head=302, phong_officer=302, so_officer=302, leader=403, outsider=302)
PUBLIC = {**dict.fromkeys(PERSONAS, 200), "anonymous": 200}


def _decision(w):
    decision, records = so_decision(w.so, [w.person_a1])
    certificate = services.certificate_ensure(record=records[0], actor=None)
    job = services.print_job_request(decision=decision, mode=PrintMode.FULL, actor=None)
    job = services.job_transition(job=job, to=JobState.RUNNING)
    job.file.save("giay-khen.pdf", ContentFile(b"%PDF-1.7 test"), save=False)
    job.save(update_fields=["file"])
    job = services.job_transition(job=job, to=JobState.DONE)
    w.extra.update(decision=decision, record=records[0], certificate=certificate, job=job)


def _layout_data(w):
    data = {"offset_x": "1", "offset_y": "-1"}
    for name in FIELDS:
        for part, value in documents.DEFAULT_POSITIONS[name].items():
            data[f"{name}_{part}"] = str(value)
    return data


CASES = [
    UrlCase(
        "certificates:decision",
        lambda w: reverse("certificates:decision", args=[w.extra["decision"].pk]),
        SEE_DECISION,
        setup=_decision,
    ),
    UrlCase(
        "certificates:print",
        lambda w: reverse("certificates:print", args=[w.extra["decision"].pk]),
        PRINT,
        method="post",
        data=lambda w: {"mode": PrintMode.BLANK},
        setup=_decision,
    ),
    UrlCase("certificates:job", lambda w: reverse("certificates:job", args=[w.extra["job"].pk]), JOB, setup=_decision),
    UrlCase(
        "certificates:job-download",
        lambda w: reverse("certificates:job-download", args=[w.extra["job"].pk]),
        JOB,
        setup=_decision,
    ),
    UrlCase(
        "certificates:record",
        lambda w: reverse("certificates:record", args=[w.extra["record"].pk]),
        RECORD,
        setup=_decision,
    ),
    UrlCase("certificates:layout", lambda w: reverse("certificates:layout", args=[CertificateKind.MERIT]), LAYOUT),
    UrlCase(
        "certificates:layout",
        lambda w: reverse("certificates:layout", args=[CertificateKind.TITLE]),
        LAYOUT_POST,
        method="post",
        data=_layout_data,
        id="certificates:layout (save)",
    ),
    UrlCase(
        "certificates:calibration",
        lambda w: reverse("certificates:calibration", args=[CertificateKind.HIGH_MERIT]),
        LAYOUT,
    ),
    UrlCase("verify:search", lambda w: reverse("verify:search"), PUBLIC),
    UrlCase(
        "verify:code",
        lambda w: reverse("verify:code", args=[w.extra["certificate"].code]),
        PUBLIC,
        setup=_decision,
    ),
]
