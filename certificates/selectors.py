"""Every read of certificates, scoped to the user (outside the scope: absent, so views answer 404).

A decision and its records are seen by the accounts whose scope holds the issuing unit, and by the
accounts whose scope holds a recipient's unit (who then see only their own unit's records). The
public verification reads one certificate by its code and nothing else.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet

from awards.models import AwardRecord, Decision
from certificates.models import Certificate, CertificateLayout, PrintJob
from units.models import Unit, User
from units.selectors import unit_scope_q


def record_scope_q(user: User, *, prefix: str = "") -> Q:
    """Records the user sees: issued by a unit in their scope, or given to a unit in their scope."""
    return unit_scope_q(user, prefix=f"{prefix}decision__issuer_unit__") | unit_scope_q(user, prefix=f"{prefix}unit__")


def decision_queryset(user: User) -> QuerySet[Decision]:
    own_records = AwardRecord.objects.filter(decision=OuterRef("pk")).filter(unit_scope_q(user, prefix="unit__"))
    return Decision.objects.filter(unit_scope_q(user, prefix="issuer_unit__") | Q(Exists(own_records))).select_related(
        "issuer_unit"
    )


def decision_get(user: User, pk: int) -> Decision:
    return decision_queryset(user).get(pk=pk)


def record_queryset(user: User) -> QuerySet[AwardRecord]:
    return AwardRecord.objects.filter(record_scope_q(user)).select_related(
        "award", "person", "unit", "decision__issuer_unit", "certificate"
    )


def decision_records(user: User, decision: Decision) -> QuerySet[AwardRecord]:
    """The decision's records the user sees, with their certificates, in the decision's list order."""
    return record_queryset(user).filter(decision=decision).order_by("unit__name_sort", "person__full_name", "id")


def record_get(user: User, pk: int) -> AwardRecord:
    return record_queryset(user).get(pk=pk)


def decision_jobs(decision: Decision) -> QuerySet[PrintJob]:
    return PrintJob.objects.filter(decision=decision).select_related("decision", "requested_by")[:10]


def job_get(user: User, pk: int) -> PrintJob:
    return (
        PrintJob.objects.filter(unit_scope_q(user, prefix="decision__issuer_unit__"))
        .select_related("decision__issuer_unit")
        .get(pk=pk)
    )


def layout_for(unit: Unit, kind: str) -> CertificateLayout | None:
    return CertificateLayout.objects.filter(unit=unit, kind=kind).first()


def verify_get(code: str) -> Certificate:
    """The certificate behind a code, for the public page (raises ``Certificate.DoesNotExist``)."""
    return Certificate.objects.select_related(
        "record__award", "record__person", "record__unit", "record__decision__issuer_unit"
    ).get(code=code)
