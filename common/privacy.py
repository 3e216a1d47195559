"""Masks for personal data (Nghị định 13/2023/NĐ-CP): what a role that does not need a value sees.

A phone number keeps its last three digits; a birth date keeps its year (enough to read an age
group, not enough to identify); a national ID keeps its last three digits. Used by templates
(``{% load privacy %}``) and exports alike, so that a screen and a spreadsheet never disagree.
"""

import datetime

MASK = "•"


def mask_tail(value, keep: int = 3) -> str:
    text = "".join(str(value or "").split())
    if not text:
        return ""
    return MASK * max(len(text) - keep, 3) + text[-keep:]


def mask_phone(value) -> str:
    return mask_tail(value, 3)


def mask_national_id(value) -> str:
    return mask_tail(value, 3)


def mask_birth_date(value: datetime.date | None) -> str:
    return f"{MASK * 2}/{MASK * 2}/{value.year}" if value else ""
