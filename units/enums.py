"""Choices of the unit registry. Labels are English msgids translated to Vietnamese."""

from django.db import models
from django.utils.translation import pgettext_lazy


class UnitKind(models.TextChoices):
    MINISTRY = "ministry", pgettext_lazy("unit kind", "Ministry of Education and Training")
    PROVINCE_COMMITTEE = "province_committee", pgettext_lazy("unit kind", "Provincial People's Committee")
    EDUCATION_DEPARTMENT = "education_department", pgettext_lazy("unit kind", "Department of Education (Sở)")
    DISTRICT_COMMITTEE = "district_committee", pgettext_lazy("unit kind", "District People's Committee")
    EDUCATION_OFFICE = "education_office", pgettext_lazy("unit kind", "District Education Office (Phòng)")
    COMMUNE_COMMITTEE = "commune_committee", pgettext_lazy("unit kind", "Commune People's Committee")
    COMMUNE_CULTURE_OFFICE = "commune_culture_office", pgettext_lazy("unit kind", "Commune Culture–Society Office")
    PRESCHOOL = "preschool", pgettext_lazy("unit kind", "Preschool")
    PRIMARY_SCHOOL = "primary_school", pgettext_lazy("unit kind", "Primary school")
    LOWER_SECONDARY_SCHOOL = "lower_secondary_school", pgettext_lazy("unit kind", "Lower secondary school")
    UPPER_SECONDARY_SCHOOL = "upper_secondary_school", pgettext_lazy("unit kind", "Upper secondary school")
    MULTI_LEVEL_SCHOOL = "multi_level_school", pgettext_lazy("unit kind", "Multi-level school")
    CONTINUING_EDUCATION_CENTRE = (
        "continuing_education_centre",
        pgettext_lazy("unit kind", "Vocational and continuing education centre"),
    )
    DEPARTMENT_UNIT = "department_unit", pgettext_lazy("unit kind", "Unit under the Department")
    OTHER = "other", pgettext_lazy("unit kind", "Other unit")


SCHOOL_KINDS = (
    UnitKind.PRESCHOOL,
    UnitKind.PRIMARY_SCHOOL,
    UnitKind.LOWER_SECONDARY_SCHOOL,
    UnitKind.UPPER_SECONDARY_SCHOOL,
    UnitKind.MULTI_LEVEL_SCHOOL,
    UnitKind.CONTINUING_EDUCATION_CENTRE,
)
MANAGING_KINDS = (
    UnitKind.MINISTRY,
    UnitKind.PROVINCE_COMMITTEE,
    UnitKind.EDUCATION_DEPARTMENT,
    UnitKind.DISTRICT_COMMITTEE,
    UnitKind.EDUCATION_OFFICE,
    UnitKind.COMMUNE_COMMITTEE,
    UnitKind.COMMUNE_CULTURE_OFFICE,
)


class UnitEventKind(models.TextChoices):
    ESTABLISHED = "established", pgettext_lazy("unit event", "Established")
    RENAMED = "renamed", pgettext_lazy("unit event", "Renamed")
    MERGED = "merged", pgettext_lazy("unit event", "Merged")
    SPLIT = "split", pgettext_lazy("unit event", "Split")
    MOVED = "moved", pgettext_lazy("unit event", "Moved under another unit")
    DISSOLVED = "dissolved", pgettext_lazy("unit event", "Dissolved")


class PersonRole(models.TextChoices):
    MANAGER = "manager", pgettext_lazy("person role", "Manager")
    TEACHER = "teacher", pgettext_lazy("person role", "Teacher")
    STAFF = "staff", pgettext_lazy("person role", "Staff")
    WORKER = "worker", pgettext_lazy("person role", "Employee")
    STUDENT = "student", pgettext_lazy("person role", "Student")


class Gender(models.TextChoices):
    FEMALE = "female", pgettext_lazy("gender", "Female")
    MALE = "male", pgettext_lazy("gender", "Male")


class ClusterKind(models.TextChoices):
    CLUSTER = "cluster", pgettext_lazy("cluster kind", "Emulation cluster")
    BLOCK = "block", pgettext_lazy("cluster kind", "Emulation block")


class AccountRole(models.TextChoices):
    """What an account may do for its unit. A user may hold several."""

    CLERK = "clerk", pgettext_lazy("account role", "Unit clerk")
    HEAD = "head", pgettext_lazy("account role", "Unit head")
    OFFICER = "officer", pgettext_lazy("account role", "Emulation officer")
    COUNCIL = "council", pgettext_lazy("account role", "Council member")
    LEADER = "leader", pgettext_lazy("account role", "Leader")
    ADMIN = "admin", pgettext_lazy("account role", "System administrator")


# Roles that reach the units below their own (read, and for officers act).
SUBTREE_ROLES = (AccountRole.OFFICER, AccountRole.COUNCIL, AccountRole.LEADER)


class ImportKind(models.TextChoices):
    UNITS = "units", pgettext_lazy("import kind", "Units")
    PEOPLE = "people", pgettext_lazy("import kind", "People")
    AWARD_HISTORY = "awards", pgettext_lazy("import kind", "Award history")  # run by awards.imports


class ImportState(models.TextChoices):
    PENDING = "pending", pgettext_lazy("import state", "Waiting for confirmation")
    COMMITTED = "committed", pgettext_lazy("import state", "Imported")
    CANCELLED = "cancelled", pgettext_lazy("import state", "Cancelled")


# The only moves an import may make; ``units.imports.import_batch_set_state`` checks it.
IMPORT_TRANSITIONS = {
    ImportState.PENDING: {ImportState.COMMITTED, ImportState.CANCELLED},
    ImportState.COMMITTED: set(),
    ImportState.CANCELLED: set(),
}


# What each role lets an account do, in plain words (shown next to the role checkboxes).
ROLE_EXPLANATIONS = {
    AccountRole.CLERK: pgettext_lazy(
        "account role help", "Keeps the unit's records: registers, submits reports and files, lists people."
    ),
    AccountRole.HEAD: pgettext_lazy(
        "account role help", "Head of the unit: does what a clerk does and signs off the unit's registrations."
    ),
    AccountRole.OFFICER: pgettext_lazy(
        "account role help",
        "Emulation officer: runs campaigns and looks after every unit below, including their accounts.",
    ),
    AccountRole.COUNCIL: pgettext_lazy(
        "account role help", "Member of the emulation and awards council: reads and scores the dossiers below."
    ),
    AccountRole.LEADER: pgettext_lazy("account role help", "Leader: reads everything below, changes nothing."),
    AccountRole.ADMIN: pgettext_lazy("account role help", "System administrator: every unit and every account."),
}
# Roles an officer may give, for units in their subtree; a system administrator gives any but ADMIN.
OFFICER_GRANTABLE_ROLES = (AccountRole.CLERK, AccountRole.HEAD)
ADMIN_GRANTABLE_ROLES = (
    AccountRole.CLERK,
    AccountRole.HEAD,
    AccountRole.OFFICER,
    AccountRole.COUNCIL,
    AccountRole.LEADER,
)
# Kinds of unit a system administrator creates at the top of the tree.
ROOT_UNIT_KINDS = (
    UnitKind.MINISTRY,
    UnitKind.PROVINCE_COMMITTEE,
    UnitKind.EDUCATION_DEPARTMENT,
    UnitKind.COMMUNE_COMMITTEE,
    UnitKind.OTHER,
)
