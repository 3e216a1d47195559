"""The Hội đồng Thi đua – Khen thưởng of a unit and its sessions.

Ballot secrecy is a property of the schema: a ``BallotReceipt`` proves that a member voted
once in a session and says nothing of how; the agreements and disagreements are counters on
the ``AgendaItem`` with no time and no voter. No table links a member to a choice.
Every write goes through ``councils.services``; every read through ``councils.selectors``.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.models import Award
from common.dates import school_year_label
from councils.enums import Attendance, FileKind, ItemResult, MemberRole, SessionState
from dossiers.models import Nominee
from units.models import RegisterEntry, Unit


class Council(models.Model):
    """The council of one unit for one school year (set up at the start of the year)."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="councils", verbose_name=_("unit"))
    school_year = models.PositiveSmallIntegerField(_("school year (first year)"))
    name = models.CharField(_("name"), max_length=255)
    # Empty: the default of the unit's level (``councils.law.default_quorum``).
    quorum_percent = models.PositiveSmallIntegerField(_("quorum (per cent of members present)"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("council")
        verbose_name_plural = _("councils")
        ordering = ("-school_year", "unit__name_sort", "id")
        constraints = [models.UniqueConstraint(fields=["unit", "school_year"], name="one_council_per_unit_year")]

    def __str__(self):
        return self.name

    @property
    def school_year_label(self) -> str:
        return school_year_label(self.school_year)


class CouncilMember(models.Model):
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="council_seats", verbose_name=_("account")
    )
    role = models.CharField(_("role"), max_length=12, choices=MemberRole.choices, default=MemberRole.MEMBER)
    title = models.CharField(_("position"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        ordering = ("council", "id")
        constraints = [
            models.UniqueConstraint(fields=["council", "user"], name="one_seat_per_user"),
            models.UniqueConstraint(fields=["council"], condition=Q(role="chair"), name="one_chair_per_council"),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return self.user.full_name or self.user.username


class Session(models.Model):
    """A meeting of the council that votes on an agenda of nominees."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="sessions")
    title = models.CharField(_("title"), max_length=255)
    date = models.DateField(_("meeting date"))
    place = models.CharField(_("place"), max_length=255)
    state = models.CharField(
        _("state"), max_length=10, choices=SessionState.choices, default=SessionState.DRAFT, editable=False
    )
    # Frozen when the session opens: the rule the attendance is checked against.
    quorum_percent = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    opened_at = models.DateTimeField(null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The two biên bản take their numbers from the unit's register when the session closes.
    minutes_entry = models.ForeignKey(
        RegisterEntry, on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    count_entry = models.ForeignKey(
        RegisterEntry, on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    ballots_closed_early = models.BooleanField(default=False, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("council session")
        verbose_name_plural = _("council sessions")
        ordering = ("-date", "-id")

    def __str__(self):
        return self.title


class SessionAttendance(models.Model):
    """Whether a member sits in the session; every member of the council has one row."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="attendances")
    status = models.CharField(_("attendance"), max_length=10, choices=Attendance.choices, default=Attendance.PRESENT)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ("member_id",)
        constraints = [models.UniqueConstraint(fields=["session", "member"], name="one_attendance_per_member")]

    def __str__(self):
        return f"{self.member_id}: {self.status}"


class AgendaItem(models.Model):
    """One nominee before the council, with the rule copied at agenda time and the unlinkable tally."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="items")
    nominee = models.ForeignKey(Nominee, on_delete=models.PROTECT, related_name="council_items")
    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="+", verbose_name=_("award"))
    position = models.PositiveIntegerField(default=0)
    secret = models.BooleanField(_("secret ballot"))
    threshold = models.PositiveSmallIntegerField(_("threshold (per cent of all members)"))
    citation = models.CharField(_("legal basis of the threshold"), max_length=255)
    # Counters only: no voter, no time. Secret items are incremented with F() by each ballot;
    # open items are written by the secretary from the show of hands.
    agree = models.PositiveSmallIntegerField(default=0, editable=False)
    disagree = models.PositiveSmallIntegerField(default=0, editable=False)
    counted = models.BooleanField(default=False, editable=False)
    result = models.CharField(max_length=14, choices=ItemResult.choices, default=ItemResult.PENDING, editable=False)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ("position", "id")
        constraints = [models.UniqueConstraint(fields=["session", "nominee"], name="one_item_per_nominee")]

    def __str__(self):
        return f"{self.session_id}: {self.nominee_id}"


class BallotReceipt(models.Model):
    """Proof that a member cast the ballot of a session, once. It holds no choice and no time."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="receipts")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="receipts")
    written = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("ballot receipt")
        verbose_name_plural = _("ballot receipts")
        constraints = [models.UniqueConstraint(fields=["session", "member"], name="one_ballot_per_member")]

    def __str__(self):
        return f"{self.session_id}: {self.member_id}"


class SessionTransition(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(max_length=10, choices=SessionState.choices)
    to_state = models.CharField(max_length=10, choices=SessionState.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ("created_at", "id")

    def __str__(self):
        return f"{self.from_state} → {self.to_state}"


class SessionAct(models.Model):
    """A correction recorded after the session closed: the closed record itself never changes."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="acts")
    text = models.TextField(_("correction"))
    reason = models.TextField(_("reason"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("recorded correction")
        verbose_name_plural = _("recorded corrections")
        ordering = ("created_at", "id")

    def __str__(self):
        return self.text[:60]


def file_upload_to(instance, filename):
    return f"councils/{instance.session_id}/{filename}"


class SessionFile(models.Model):
    """A signed scan of a biên bản, uploaded back after the session."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(_("document"), max_length=10, choices=FileKind.choices)
    name = models.CharField(_("file name"), max_length=255)
    file = models.FileField(_("file"), upload_to=file_upload_to)
    content_type = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("kind", "id")

    def __str__(self):
        return self.name
