"""Demo data: for every unit whose council approved nominees (the councils demo makes them), an
issued decision with its records in the history, and one record revoked. Through the services;
idempotent (a unit with nothing left to decide is skipped)."""

from django.db import transaction
from django.utils import timezone

from decisions import selectors, services

REVOKE_REASON = "Phát hiện kê khai thành tích không đúng sự thật (dữ liệu minh họa)"


def load(*, stdout=None) -> dict:
    """Returns {issuer code: decision number}."""
    made = {}
    today = timezone.localdate()
    for unit in selectors.units_with_candidates():
        candidates = list(selectors.candidates(unit))
        if not candidates:
            continue
        with transaction.atomic():
            decision = services.decision_create(unit=unit, nominees=candidates, actor=None)
            decision = services.decision_issue(
                decision=decision,
                actor=None,
                dated=today,
                signer_name=unit.head_name or "Nguyễn Văn Minh",
                signing_authority="KT. THỦ TRƯỞNG ĐƠN VỊ" if not unit.head_name else "",
            )
            lines = list(decision.lines.select_related("nominee__award_record"))
            if len(lines) >= 2:
                services.line_revoke(
                    line=lines[-1],
                    reason=REVOKE_REASON,
                    number=f"{decision.number_symbol.split('/')[0]}b/QĐ-{unit.short_name or unit.code}",
                    date=today,
                    actor=None,
                )
        made[unit.code] = decision.number_symbol
        if stdout is not None:
            stdout.write(f"decisions: {unit.name} — {decision.number_symbol}, {len(lines)} khen thưởng\n")
    return made


def load_province(province, *, stdout=None) -> dict:
    """The decision of the generated province's first Phòng, once its council approved nominees:
    the same as ``load`` (every unit with candidates left)."""
    return load(stdout=stdout)
