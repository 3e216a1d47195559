"""The rules of the law the council applies, with their citations (shown beside each figure).

The award catalogue (``awards.Award``) records whether an award is voted by secret ballot and
its threshold, but not the article that says so: every secret-ballot threshold in it comes from
NĐ 98/2023/NĐ-CP Điều 30 khoản 7, kept here as one documented constant.
"""

from units.enums import SCHOOL_KINDS, UnitKind

BALLOT_CITATION = "Nghị định 98/2023/NĐ-CP, Điều 30 khoản 7"
# An award the catalogue gives no threshold (open vote, e.g. Lao động tiên tiến): more than
# half of all members, the ordinary majority of a collegial body.
# Stored as 50 and judged strictly ("quá nửa"): see ``approved``.
DEFAULT_THRESHOLD = 50
DEFAULT_THRESHOLD_CITATION = "Quá nửa tổng số thành viên Hội đồng (quy chế làm việc của Hội đồng)"
PROVINCIAL_QUORUM = 80
PROVINCIAL_QUORUM_CITATION = "Quyết định 86/2025/QĐ-UBND, Điều 8 khoản 4 (≥ 80% thành viên dự họp xét khen thưởng)"
DEFAULT_QUORUM = 67
DEFAULT_QUORUM_CITATION = "Ít nhất 2/3 tổng số thành viên Hội đồng dự họp (quy chế làm việc của Hội đồng)"
ODD_SIZE_CITATION = "Thông tư 28/2020/TT-BGDĐT và 32/2020/TT-BGDĐT, Điều 12 khoản 1"
# Units whose council is a provincial-level one for the quorum rule.
PROVINCIAL_KINDS = (UnitKind.EDUCATION_DEPARTMENT, UnitKind.PROVINCE_COMMITTEE, UnitKind.MINISTRY)


def default_quorum(unit) -> tuple[int, str]:
    """The per-cent of members who must be present, and its citation, for a unit's level."""
    if unit.kind in PROVINCIAL_KINDS:
        return PROVINCIAL_QUORUM, PROVINCIAL_QUORUM_CITATION
    return DEFAULT_QUORUM, DEFAULT_QUORUM_CITATION


def quorum_of(council) -> tuple[int, str]:
    """The council's own quorum when it set one, else its level's default; with the citation of the default."""
    percent, citation = default_quorum(council.unit)
    return council.quorum_percent or percent, citation


def threshold_of(award) -> tuple[int, str]:
    """What an agenda item copies from the catalogue: the threshold over all members, its citation."""
    if award.ballot_threshold:
        return award.ballot_threshold, BALLOT_CITATION
    return DEFAULT_THRESHOLD, DEFAULT_THRESHOLD_CITATION


def is_school(unit) -> bool:
    return unit.kind in SCHOOL_KINDS


def approved(*, agree: int, members: int, threshold: int) -> bool:
    """Judged over ALL members, in integers: agree / members ≥ threshold %. Absent without a vote
    counts against, because the denominator is every member, not the ballots cast."""
    if members <= 0:
        return False
    if threshold == DEFAULT_THRESHOLD:
        return agree * 2 > members
    return agree * 100 >= threshold * members


def quorum_met(*, present: int, members: int, percent: int) -> bool:
    # 2/3 is stored as 67 %; compare present/members ≥ 2/3 exactly for that default.
    if percent == DEFAULT_QUORUM:
        return members > 0 and present * 3 >= members * 2
    return members > 0 and present * 100 >= percent * members
