"""Choices of the award catalogue, the award history and the eligibility engine.

Labels are English msgids translated to Vietnamese. Ranks (``*_RANK``) order the
values that rules compare ("hoàn thành tốt or better", "cảnh cáo or above").
"""

from django.db import models
from django.utils.translation import pgettext_lazy


class AwardKind(models.TextChoices):
    TITLE = "title", pgettext_lazy("award kind", "Emulation title")
    FORM = "form", pgettext_lazy("award kind", "Award form")
    STATE = "state", pgettext_lazy("award kind", "State award (record only)")


class Subject(models.TextChoices):
    INDIVIDUAL = "individual", pgettext_lazy("award subject", "Individual")
    COLLECTIVE = "collective", pgettext_lazy("award subject", "Collective")
    BOTH = "both", pgettext_lazy("award subject", "Individual or collective")


class AwardLevel(models.TextChoices):
    SCHOOL = "school", pgettext_lazy("award level", "School")
    COMMUNE = "commune", pgettext_lazy("award level", "Commune")
    DISTRICT = "district", pgettext_lazy("award level", "District")
    DEPARTMENT = "department", pgettext_lazy("award level", "Department (Sở)")
    PROVINCE = "province", pgettext_lazy("award level", "Province")
    MINISTRY = "ministry", pgettext_lazy("award level", "Ministry")
    GOVERNMENT = "government", pgettext_lazy("award level", "Government")
    STATE = "state", pgettext_lazy("award level", "State")


class AwardType(models.TextChoices):
    """Loại hình khen thưởng (Luật 06/2022 Điều 8). Only regular merit builds chains."""

    MERIT = "merit", pgettext_lazy("award type", "Regular merit")
    ONE_OFF = "one_off", pgettext_lazy("award type", "One-off achievement")
    THEMATIC = "thematic", pgettext_lazy("award type", "Thematic campaign")
    DEDICATION = "dedication", pgettext_lazy("award type", "Process of dedication")
    FOREIGN = "foreign", pgettext_lazy("award type", "Foreign relations")


# Awards of these types may not ground a higher regular-merit award (NĐ 152/2025 Điều 4 k3).
CHAIN_TYPES = (AwardType.MERIT,)


class RecordSource(models.TextChoices):
    PORTAL = "portal", pgettext_lazy("record source", "Decided in the portal")
    IMPORT = "import", pgettext_lazy("record source", "Imported from Excel")
    DEMO = "demo", pgettext_lazy("record source", "Demo data")


class TaskRating(models.TextChoices):
    EXCELLENT = "excellent", pgettext_lazy("task rating", "Completed tasks excellently")
    GOOD = "good", pgettext_lazy("task rating", "Completed tasks well")
    COMPLETED = "completed", pgettext_lazy("task rating", "Completed tasks")
    NOT_COMPLETED = "not_completed", pgettext_lazy("task rating", "Did not complete tasks")


RATING_RANK = {
    TaskRating.NOT_COMPLETED: 0,
    TaskRating.COMPLETED: 1,
    TaskRating.GOOD: 2,
    TaskRating.EXCELLENT: 3,
}


class RestrictionKind(models.TextChoices):
    """Periods that block awards (NĐ 152/2025 Điều 4 k4)."""

    DISCIPLINE = "discipline", pgettext_lazy("restriction kind", "Disciplinary measure")
    REVIEW = "review", pgettext_lazy("restriction kind", "Under disciplinary review")
    INVESTIGATION = "investigation", pgettext_lazy("restriction kind", "Under investigation")
    INSPECTION = "inspection", pgettext_lazy("restriction kind", "Under inspection")
    COMPLAINT = "complaint", pgettext_lazy("restriction kind", "Pending complaint or denunciation")


class DisciplineLevel(models.TextChoices):
    REPRIMAND = "reprimand", pgettext_lazy("discipline level", "Reprimand")
    WARNING = "warning", pgettext_lazy("discipline level", "Warning")
    SALARY_DOWNGRADE = "salary_downgrade", pgettext_lazy("discipline level", "Salary downgrade")
    DEMOTION = "demotion", pgettext_lazy("discipline level", "Demotion")
    REMOVAL = "removal", pgettext_lazy("discipline level", "Removal from office")
    DISMISSAL = "dismissal", pgettext_lazy("discipline level", "Dismissal")


DISCIPLINE_RANK = {level: index + 1 for index, level in enumerate(DisciplineLevel)}


class ServicePeriodKind(models.TextChoices):
    MATERNITY = "maternity", pgettext_lazy("service period", "Maternity leave")
    SICK_LEAVE = "sick_leave", pgettext_lazy("service period", "Long sick leave")
    UNPAID_LEAVE = "unpaid_leave", pgettext_lazy("service period", "Unpaid leave")
    HARDSHIP_AREA = "hardship_area", pgettext_lazy("service period", "Work in an extremely disadvantaged area")


# Leave that counts as working time (NĐ 152/2025 Điều 4 k5).
LEAVE_COUNTED_AS_WORK = (ServicePeriodKind.MATERNITY,)
ABSENCE_KINDS = (ServicePeriodKind.SICK_LEAVE, ServicePeriodKind.UNPAID_LEAVE)


class InitiativeKind(models.TextChoices):
    INITIATIVE = "initiative", pgettext_lazy("initiative kind", "Initiative")
    RESEARCH = "research", pgettext_lazy("initiative kind", "Research project or scheme")


class EffectScope(models.TextChoices):
    UNIT = "unit", pgettext_lazy("effect scope", "Unit (grassroots)")
    PROVINCE = "province", pgettext_lazy("effect scope", "Province or ministry")
    NATIONAL = "national", pgettext_lazy("effect scope", "Nationwide")


SCOPE_RANK = {EffectScope.UNIT: 1, EffectScope.PROVINCE: 2, EffectScope.NATIONAL: 3}


class Verdict(models.TextChoices):
    ELIGIBLE = "eligible", pgettext_lazy("verdict", "Eligible")
    NOT_ELIGIBLE = "not_eligible", pgettext_lazy("verdict", "Not eligible")
    MISSING = "missing", pgettext_lazy("verdict", "Evidence missing")


class Outcome(models.TextChoices):
    """The result of one rule."""

    PASS = "pass", pgettext_lazy("rule outcome", "Met")
    FAIL = "fail", pgettext_lazy("rule outcome", "Not met")
    MISSING = "missing", pgettext_lazy("rule outcome", "Missing")
    INFO = "info", pgettext_lazy("rule outcome", "For information")


class RuleKind(models.TextChoices):
    """Keys of the evaluator registry in ``awards.eligibility``; parameters are JSON."""

    TASK_RATING = "task_rating", pgettext_lazy("rule kind", "Task rating of the year")
    MEETS_AWARD = "meets_award", pgettext_lazy("rule kind", "Meets the criteria of another title")
    CONSECUTIVE_TITLES = "consecutive_titles", pgettext_lazy("rule kind", "Consecutive years holding a title")
    CONSECUTIVE_RATINGS = "consecutive_ratings", pgettext_lazy("rule kind", "Consecutive years with a task rating")
    INITIATIVES = "initiatives", pgettext_lazy("rule kind", "Recognised initiatives")
    NO_RESTRICTION = "no_restriction", pgettext_lazy("rule kind", "No discipline, inspection or complaint")
    ABSENCE_LIMIT = "absence_limit", pgettext_lazy("rule kind", "Working time in the year")
    YEARS_OF_SERVICE = "years_of_service", pgettext_lazy("rule kind", "Years of service in the sector")
    NOT_HELD = "not_held", pgettext_lazy("rule kind", "Not already received")
    MEMBER_RATIO = "member_ratio", pgettext_lazy("rule kind", "Share of members holding a title")
    MEMBER_COUNT = "member_count", pgettext_lazy("rule kind", "Members holding a title")
    MEMBER_RATINGS = "member_ratings", pgettext_lazy("rule kind", "Share of members with a task rating")
    NO_MEMBER_DISCIPLINE = "no_member_discipline", pgettext_lazy("rule kind", "No member disciplined")
    QUOTA = "quota", pgettext_lazy("rule kind", "Quota of the unit")
    DEADLINE = "deadline", pgettext_lazy("rule kind", "Dossier deadline")
    MANUAL = "manual", pgettext_lazy("rule kind", "Checked by the council")
    ANY_OF = "any_of", pgettext_lazy("rule kind", "One of several criteria")
    ALL_OF = "all_of", pgettext_lazy("rule kind", "All of several criteria")


# Lương cơ sở from 01/7/2024 (Nghị định 73/2024/NĐ-CP Điều 3); cash rewards are multiples of it.
BASE_SALARY = 2_340_000
