"""The registry of who takes part: units in their tree, people, accounts, clusters.

Every write goes through ``units.services``; every read that a user can see goes
through ``units.selectors``, which applies the unit scope.
"""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from common.dates import short_date
from units.enums import (
    SUBTREE_ROLES,
    AccountRole,
    ClusterKind,
    Gender,
    ImportKind,
    ImportState,
    PersonRole,
    UnitEventKind,
    UnitKind,
)


class Unit(MP_Node):
    """An organisation in the tree (Bộ, tỉnh, Sở, Phòng, xã, school…).

    The materialised path (``path``) makes a subtree one indexed prefix query at any
    depth. History (renames, merges, splits) lives in ``UnitEvent``; a unit that was
    merged away is kept with ``active_to`` set so that its awards stay reachable.
    """

    kind = models.CharField(_("kind"), max_length=40, choices=UnitKind.choices)
    name = models.CharField(_("official name"), max_length=255)
    short_name = models.CharField(
        _("short name"), max_length=40, blank=True, help_text=_("Used in document numbers, e.g. SGDĐT.")
    )
    code = models.CharField(_("code"), max_length=40, unique=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    head_name = models.CharField(_("head of unit"), max_length=120, blank=True)
    head_title = models.CharField(_("title of the head"), max_length=120, blank=True)
    active_from = models.DateField(_("active from"), null=True, blank=True)
    active_to = models.DateField(_("active until"), null=True, blank=True)
    name_search = models.CharField(max_length=255, editable=False, db_index=True)
    name_sort = models.CharField(max_length=1024, editable=False, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self):
        return self.name

    @property
    def is_active(self) -> bool:
        return self.active_to is None or self.active_to >= timezone.localdate()


class UnitEvent(models.Model):
    """A dated change in a unit's life; merges and splits name the predecessors."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="events", verbose_name=_("unit"))
    kind = models.CharField(_("kind"), max_length=20, choices=UnitEventKind.choices)
    date = models.DateField(_("date"))
    predecessors = models.ManyToManyField(
        Unit, blank=True, related_name="successor_events", verbose_name=_("predecessors")
    )
    old_name = models.CharField(_("old name"), max_length=255, blank=True)
    new_name = models.CharField(_("new name"), max_length=255, blank=True)
    decision = models.CharField(_("decision"), max_length=120, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("unit event")
        verbose_name_plural = _("unit events")
        ordering = ("date", "id")

    def __str__(self):
        return f"{self.get_kind_display()} {self.unit} {short_date(self.date)}"


class Person(models.Model):
    """An individual who can register and be awarded: staff, teachers, students."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="people", verbose_name=_("unit"))
    role = models.CharField(_("role"), max_length=20, choices=PersonRole.choices)
    full_name = models.CharField(_("full name"), max_length=120)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    position = models.CharField(_("position"), max_length=120, blank=True)
    qualifications = models.CharField(_("qualifications"), max_length=255, blank=True)
    sector_start_year = models.PositiveSmallIntegerField(_("year joined the sector"), null=True, blank=True)
    national_id = models.CharField(_("national ID number"), max_length=12, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    name_search = models.CharField(max_length=120, editable=False, db_index=True)
    name_sort = models.CharField(max_length=1024, editable=False, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [models.Index(fields=["unit", "name_sort"])]

    def __str__(self):
        return self.full_name


class PersonTransfer(models.Model):
    """A move of a person between units; awards stay with the person."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="transfers")
    from_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("from unit"))
    to_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("to unit"))
    date = models.DateField(_("date"))
    decision = models.CharField(_("decision"), max_length=120, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")
        ordering = ("date", "id")

    def __str__(self):
        return f"{self.person_id}: {self.from_unit_id} → {self.to_unit_id} ({self.date})"


class Cluster(models.Model):
    """An emulation cluster or block (cụm, khối thi đua) for one school year."""

    organiser = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="organised_clusters")
    kind = models.CharField(_("kind"), max_length=10, choices=ClusterKind.choices, default=ClusterKind.CLUSTER)
    name = models.CharField(_("name"), max_length=255)
    school_year = models.PositiveSmallIntegerField(_("school year (first year)"))
    head_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="headed_clusters", verbose_name=_("head unit")
    )
    deputy_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deputy_clusters",
        verbose_name=_("deputy unit"),
    )
    members = models.ManyToManyField(Unit, related_name="clusters", verbose_name=_("members"))

    class Meta:
        verbose_name = _("emulation cluster")
        verbose_name_plural = _("emulation clusters")
        constraints = [
            models.UniqueConstraint(fields=["organiser", "name", "school_year"], name="unique_cluster_per_year")
        ]

    def __str__(self):
        return f"{self.name} ({self.school_year_label})"

    @property
    def school_year_label(self) -> str:
        return f"{self.school_year}–{self.school_year + 1}"


class User(AbstractUser):
    """An account that acts for one unit, with one or more roles (AccountRole)."""

    full_name = models.CharField(_("full name"), max_length=120, blank=True)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="accounts", verbose_name=_("unit")
    )
    person = models.OneToOneField(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="account", verbose_name=_("person")
    )
    is_clerk = models.BooleanField(_("unit clerk"), default=False)
    is_unit_head = models.BooleanField(_("unit head"), default=False)
    is_officer = models.BooleanField(_("emulation officer"), default=False)
    is_council_member = models.BooleanField(_("council member"), default=False)
    is_leader = models.BooleanField(_("leader"), default=False)
    wants_daily_digest = models.BooleanField(
        _("daily digest"), default=False, help_text=_("One email a day instead of one per reminder.")
    )

    ROLE_FIELDS = {
        AccountRole.CLERK: "is_clerk",
        AccountRole.HEAD: "is_unit_head",
        AccountRole.OFFICER: "is_officer",
        AccountRole.COUNCIL: "is_council_member",
        AccountRole.LEADER: "is_leader",
        AccountRole.ADMIN: "is_superuser",
    }

    class Meta:
        verbose_name = _("account")
        verbose_name_plural = _("accounts")

    def __str__(self):
        return self.full_name or self.username

    def has_role(self, role: AccountRole) -> bool:
        return bool(getattr(self, self.ROLE_FIELDS[role]))

    @property
    def roles(self) -> list[AccountRole]:
        return [role for role in AccountRole if self.has_role(role)]

    @property
    def sees_subtree(self) -> bool:
        return any(self.has_role(role) for role in SUBTREE_ROLES)


class AuditLog(models.Model):
    """Who did what, when and why, to any object. Written only by ``services.log_action``."""

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    action = models.CharField(_("action"), max_length=80)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=40)
    target = GenericForeignKey("content_type", "object_id")
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField(_("reason"), blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        indexes = [models.Index(fields=["content_type", "object_id", "created_at"])]
        ordering = ("-created_at", "-id")

    def __str__(self):
        return f"{self.action} {self.content_type_id}:{self.object_id}"


class Notification(models.Model):
    """An in-app message for the bell; mail is sent separately."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    title = models.CharField(_("title"), max_length=255)
    body = models.TextField(_("body"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    # Filled by ``units.notifications``: the event, and when its email is due (now, or the
    # user's daily digest) and was sent. No email for a notice without ``email_due_at``.
    event = models.CharField(_("event"), max_length=60, blank=True)
    email_due_at = models.DateTimeField(_("email due at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("emailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ("-created_at", "-id")
        indexes = [
            models.Index(fields=["user", "read_at"]),
            models.Index(fields=["emailed_at", "email_due_at"], name="units_notif_email_due"),
        ]

    def __str__(self):
        return self.title


class ImportBatch(models.Model):
    """An uploaded spreadsheet between its preview and its confirmation.

    The parsed rows live here (not in a worker's memory or a temp file) so that any
    web process can confirm the import. Written only by ``units.imports``.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_batches")
    kind = models.CharField(_("kind"), max_length=10, choices=ImportKind.choices)
    state = models.CharField(_("state"), max_length=10, choices=ImportState.choices, default=ImportState.PENDING)
    file_name = models.CharField(_("file name"), max_length=255)
    columns = models.JSONField(default=dict, blank=True)
    rows = models.JSONField(default=list, blank=True)
    errors = models.JSONField(default=list, blank=True)
    summary = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    committed_at = models.DateTimeField(_("imported at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ("-created_at", "-id")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.file_name}"

    @property
    def is_pending(self) -> bool:
        """Checked and waiting for the user to confirm or cancel."""
        return self.state == ImportState.PENDING


class RegisterEntry(models.Model):
    """One number taken from a unit's register of outgoing documents (sổ đăng ký văn bản đi).

    NĐ 30/2020 Điều 15: documents are numbered from 01 on 1 January to 31 December, one
    series per issuing agency and year shared by every kind of document (the symbol, such
    as ``QĐ-SGDĐT`` or ``TTr-THCSXS``, is not part of the series). Every document the portal
    issues takes its number here through ``units.services.register_take``.
    """

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="register", verbose_name=_("issuing unit"))
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    symbol = models.CharField(_("symbol"), max_length=60, blank=True)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    taken_at = models.DateTimeField(_("taken at"))
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("register entry")
        verbose_name_plural = _("register entries")
        ordering = ("unit", "-year", "-number")
        constraints = [models.UniqueConstraint(fields=["unit", "year", "number"], name="unique_register_number")]

    def __str__(self):
        return self.number_symbol

    @property
    def number_symbol(self) -> str:
        """``05/QĐ-SGDĐT``: numbers below 10 take a leading zero (NĐ 30/2020 Phụ lục I mục II.3)."""
        return f"{self.number:02d}/{self.symbol}" if self.symbol else f"{self.number:02d}"
