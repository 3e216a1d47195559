"""Demo certificates: verification codes for the award records of the demo and portal decisions of
the 2025–2026 school year (dated 2026) that exist when it runs, and, for each seed issuer, one decision
printed into a kept PDF (a print job run at once, as the worker would).

Runs after the award history, dossiers and decisions demos (INSTALLED_APPS order). Idempotent: a
record keeps its code; an issuer that already has a print job is left alone. Through the services.
"""

import datetime

from django.db.models import Count, Q

from awards.enums import RecordSource
from awards.models import Decision
from certificates import services
from certificates.enums import PrintMode
from certificates.models import Certificate, PrintJob
from common.text import fold
from dossiers.demo import ISSUER_CODES
from units.models import Unit

FROM = datetime.date(2026, 1, 1)
# Printing at once costs about a tenth of a second per certificate: a small decision per issuer.
MOST_TO_PRINT = 40


def _decisions():
    return Decision.objects.filter(
        source__in=(RecordSource.PORTAL, RecordSource.DEMO), revoked_at__isnull=True, date__gte=FROM
    ).order_by("date", "pk")


def load(*, stdout=None) -> dict:
    made = 0
    for decision in _decisions():
        made += services.certificates_ensure(decision=decision, actor=None)
    printed = []
    for code in ISSUER_CODES:
        unit = Unit.objects.filter(code=code).first()
        if unit is None:
            continue
        issued = _decisions().filter(Q(issuer_unit=unit) | Q(issuer_unit__isnull=True, issuer_key=fold(unit.name)))
        if PrintJob.objects.filter(decision__in=issued).exists():
            continue
        decision = (
            issued.annotate(n=Count("records", filter=Q(records__revoked_at__isnull=True)))
            .filter(n__gt=0, n__lte=MOST_TO_PRINT)
            .order_by("-date", "-pk")
            .first()
        )
        if decision is None:
            continue
        job = services.print_job_request(decision=decision, mode=PrintMode.FULL, actor=None, enqueue=False)
        services.print_job_run(job_id=job.pk)
        printed.append(decision.number)
    if stdout is not None:
        stdout.write(f"certificates: {made} verification codes, printed {', '.join(printed) or 'nothing'}\n")
        example = Certificate.objects.filter(record__decision__print_jobs__isnull=False).order_by("pk").first()
        if example is not None:
            stdout.write(f"certificates: a verification page to open: /xac-minh/{example.code}/\n")
    return {"codes": made, "printed": printed}
