"""The award catalogue (titles and forms with their versioned legal rules) and the
award history of people and units (decisions, task ratings, restrictions,
initiatives, leave periods).

Every fact of the history carries ``person`` (null for a collective fact) and
``unit``: the collective itself, or the unit the person belonged to at the time.
History belongs to the person, so it follows transfers; a unit's history adds its
predecessors (``units.selectors.unit_predecessors``), so it follows merges.
Every write goes through ``awards.services``; reads through ``awards.selectors``.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.enums import (
    AwardKind,
    AwardLevel,
    AwardType,
    DisciplineLevel,
    EffectScope,
    InitiativeKind,
    RecordSource,
    RestrictionKind,
    RuleKind,
    ServicePeriodKind,
    Subject,
    TaskRating,
)
from common.dates import school_year_label, short_date
from units.models import Person, Unit


class Award(models.Model):
    """A title or award form of the law, held as data (names are Vietnamese data).

    ``valid_from``/``valid_to`` bound when the form itself exists (e.g. the Giấy khen
    of a district chairman ends with the district level on 30/6/2025).
    """

    code = models.CharField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=10, choices=AwardKind.choices)
    subject = models.CharField(_("awarded to"), max_length=12, choices=Subject.choices)
    level = models.CharField(_("level"), max_length=12, choices=AwardLevel.choices)
    authority = models.CharField(_("deciding authority"), max_length=255)
    council = models.CharField(_("council that votes"), max_length=255, blank=True)
    secret_ballot = models.BooleanField(_("secret ballot"), default=False)
    ballot_threshold = models.PositiveSmallIntegerField(
        _("approval threshold (per cent of all council members)"), null=True, blank=True
    )
    dossier_components = models.JSONField(_("dossier components"), default=list, blank=True)
    report_template = models.CharField(_("achievement-report template"), max_length=255, blank=True)
    cash_multiplier = models.DecimalField(
        _("cash reward (× base salary)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    ended_by = models.CharField(_("ended by"), max_length=255, blank=True)
    suggest = models.BooleanField(_("offered in yearly suggestions"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    note = models.TextField(_("note"), blank=True)
    name_search = models.CharField(max_length=255, editable=False, db_index=True)

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ("position", "code")

    def __str__(self):
        return self.name

    @property
    def is_individual(self) -> bool:
        return self.subject in (Subject.INDIVIDUAL, Subject.BOTH)

    @property
    def is_collective(self) -> bool:
        return self.subject in (Subject.COLLECTIVE, Subject.BOTH)


class AwardRule(models.Model):
    """One versioned criterion of an award: an evaluator ``kind`` with JSON ``params``.

    A nomination is judged by the rules valid on its date. National rules have no
    ``scope``; a province or Sở adds its own (quotas, deadlines) with ``scope`` set,
    and they apply to candidates in that unit's subtree.
    """

    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="rules", verbose_name=_("award"))
    kind = models.CharField(_("rule kind"), max_length=30, choices=RuleKind.choices)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    applies_to = models.CharField(
        _("applies to"),
        max_length=12,
        choices=Subject.choices,
        default=Subject.BOTH,
        help_text=_("For awards given to individuals and collectives alike."),
    )
    description = models.CharField(_("description"), max_length=500)
    document = models.CharField(_("document"), max_length=120)
    article = models.CharField(_("article"), max_length=40, blank=True)
    clause = models.CharField(_("clause"), max_length=40, blank=True)
    citation_confirmed = models.BooleanField(_("citation confirmed"), default=True)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    scope = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="award_rules",
        verbose_name=_("scope"),
        help_text=_("Empty for national rules; a province or Sở for its own rules."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("award rule")
        verbose_name_plural = _("award rules")
        ordering = ("award", "position", "valid_from", "id")
        indexes = [models.Index(fields=["award", "kind", "valid_from"])]

    def __str__(self):
        return f"{self.award.code}: {self.description}"

    @property
    def citation(self) -> str:
        """ "khoản 4 Điều 4 Nghị định 152/2025/NĐ-CP"."""
        parts = [part for part in (self.clause, self.article, self.document) if part]
        return " ".join(parts)


class Decision(models.Model):
    """A decision (quyết định) granting titles or awards; one decision, many recipients.

    Its number is unique per issuer and year (NĐ 30/2020 Điều 15).
    """

    number = models.CharField(_("decision number"), max_length=60)
    date = models.DateField(_("decision date"))
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    issuer = models.CharField(_("issuer"), max_length=255)
    issuer_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("issuing unit")
    )
    number_key = models.CharField(max_length=60, editable=False, db_index=True)
    issuer_key = models.CharField(max_length=255, editable=False)
    source = models.CharField(_("source"), max_length=10, choices=RecordSource.choices, default=RecordSource.PORTAL)
    # How the decision is signed, for the documents and certificates printed from it.
    officer_title = models.CharField(
        _("deciding officer's title"),
        max_length=255,
        blank=True,
        help_text=_("As on a certificate, e.g. GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH HƯNG YÊN"),
    )
    signing_authority = models.CharField(
        _("signing authority"), max_length=120, blank=True, help_text=_("e.g. KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC")
    )
    signer_name = models.CharField(_("signer"), max_length=120, blank=True)
    place = models.CharField(_("place"), max_length=120, blank=True)
    # Revocation (Luật 06/2022 Chương VII) keeps the decision, marked.
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)
    revoked_reason = models.TextField(_("reason for revocation"), blank=True)
    revoked_by_number = models.CharField(_("revoking decision"), max_length=60, blank=True)
    revoked_by_date = models.DateField(_("revoking decision date"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.UniqueConstraint(fields=["issuer_key", "year", "number_key"], name="unique_decision_number")
        ]

    def __str__(self):
        return f"{self.number} ({short_date(self.date)}, {self.issuer})"


class AwardRecordQuerySet(models.QuerySet):
    def in_force(self):
        """Records that count: a revoked record stays in the history but no longer counts."""
        return self.filter(revoked_at__isnull=True)


class AwardRecord(models.Model):
    """A title or award that a person or a unit received.

    A revoked record (Luật 06/2022 Chương VII) is kept, marked with the revoking decision;
    eligibility reads only ``AwardRecord.objects.in_force()``.
    """

    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="records", verbose_name=_("award"))
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="award_records", verbose_name=_("person")
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="award_records", verbose_name=_("unit"))
    school_year = models.PositiveSmallIntegerField(_("school year (first year)"))
    award_type = models.CharField(_("award type"), max_length=12, choices=AwardType.choices, default=AwardType.MERIT)
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="records", verbose_name=_("decision"))
    achievement = models.CharField(_("achievement"), max_length=500, blank=True)
    # Cash reward paid with the award (catalogue multiplier × base salary on the decision date).
    cash_amount = models.PositiveIntegerField(_("cash reward (đồng)"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=RecordSource.choices, default=RecordSource.PORTAL)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)
    revoked_reason = models.TextField(_("reason for revocation"), blank=True)
    revoked_by_number = models.CharField(_("revoking decision"), max_length=60, blank=True)
    revoked_by_date = models.DateField(_("revoking decision date"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AwardRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("award record")
        verbose_name_plural = _("award records")
        ordering = ("-school_year", "award__position", "id")
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "award", "person"],
                condition=Q(person__isnull=False),
                name="unique_individual_award_per_decision",
            ),
            models.UniqueConstraint(
                fields=["decision", "award", "unit"],
                condition=Q(person__isnull=True),
                name="unique_collective_award_per_decision",
            ),
        ]
        indexes = [
            models.Index(fields=["person", "school_year"]),
            models.Index(fields=["unit", "school_year"]),
        ]

    def __str__(self):
        return f"{self.award} {self.school_year_label}"

    @property
    def school_year_label(self) -> str:
        return school_year_label(self.school_year)


class TaskRatingRecord(models.Model):
    """The yearly task rating of a person (or of a unit when ``person`` is empty)."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="task_ratings", verbose_name=_("person")
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="task_ratings", verbose_name=_("unit"))
    school_year = models.PositiveSmallIntegerField(_("school year (first year)"))
    rating = models.CharField(_("rating"), max_length=16, choices=TaskRating.choices)
    note = models.CharField(_("note"), max_length=255, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=RecordSource.choices, default=RecordSource.PORTAL)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("task rating")
        verbose_name_plural = _("task ratings")
        ordering = ("-school_year", "id")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "school_year"], condition=Q(person__isnull=False), name="unique_person_rating"
            ),
            models.UniqueConstraint(
                fields=["unit", "school_year"], condition=Q(person__isnull=True), name="unique_unit_rating"
            ),
        ]

    def __str__(self):
        return f"{self.get_rating_display()} {school_year_label(self.school_year)}"

    @property
    def school_year_label(self) -> str:
        return school_year_label(self.school_year)


class Restriction(models.Model):
    """A discipline period, or a pending review, investigation, inspection or complaint.

    An open ``end`` means it is still running. Awards are blocked while it runs and,
    after discipline, achievements count from its end (NĐ 152/2025 Điều 4 k4).
    """

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="restrictions", verbose_name=_("person")
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="restrictions", verbose_name=_("unit"))
    kind = models.CharField(_("kind"), max_length=16, choices=RestrictionKind.choices)
    level = models.CharField(_("discipline level"), max_length=20, choices=DisciplineLevel.choices, blank=True)
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=RecordSource.choices, default=RecordSource.PORTAL)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("discipline or pending case")
        verbose_name_plural = _("discipline and pending cases")
        ordering = ("-start", "id")

    def __str__(self):
        return f"{self.get_kind_display()} {short_date(self.start)}"


class Initiative(models.Model):
    """A recognised initiative (sáng kiến) or research project; it grounds one award only."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="initiatives", verbose_name=_("person"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="initiatives", verbose_name=_("unit"))
    kind = models.CharField(_("kind"), max_length=12, choices=InitiativeKind.choices, default=InitiativeKind.INITIATIVE)
    title = models.CharField(_("title"), max_length=500)
    effect_scope = models.CharField(_("scope of effect"), max_length=10, choices=EffectScope.choices)
    school_year = models.PositiveSmallIntegerField(_("school year (first year)"))
    recognised_by = models.CharField(_("recognised by"), max_length=255)
    decision_number = models.CharField(_("recognising decision"), max_length=60)
    decision_date = models.DateField(_("decision date"))
    used_for = models.ForeignKey(
        AwardRecord,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiatives_used",
        verbose_name=_("used for"),
    )
    title_search = models.CharField(max_length=500, editable=False, db_index=True)
    source = models.CharField(_("source"), max_length=10, choices=RecordSource.choices, default=RecordSource.PORTAL)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ("-school_year", "id")
        constraints = [
            models.UniqueConstraint(fields=["person", "title_search"], name="unique_initiative_per_person"),
        ]

    def __str__(self):
        return self.title

    @property
    def school_year_label(self) -> str:
        return school_year_label(self.school_year)


class ServicePeriod(models.Model):
    """Leave or special service of a person: maternity leave (counts as work), long
    sick or unpaid leave (does not), years in extremely disadvantaged areas."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="service_periods", verbose_name=_("person")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ServicePeriodKind.choices)
    start = models.DateField(_("from"))
    end = models.DateField(_("until"))
    note = models.CharField(_("note"), max_length=255, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=RecordSource.choices, default=RecordSource.PORTAL)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("leave or service period")
        verbose_name_plural = _("leave and service periods")
        ordering = ("-start", "id")

    def __str__(self):
        return f"{self.get_kind_display()} {short_date(self.start)}–{short_date(self.end)}"


class BaseSalary(models.Model):
    """The base salary (lương cơ sở) in force from a date: cash rewards are multiples of it
    (NĐ 152/2025 Điều 50 = NĐ 98/2023 Điều 54). Data, not code, since it changes by decree."""

    amount = models.PositiveIntegerField(_("amount (đồng per month)"))
    valid_from = models.DateField(_("valid from"), unique=True)
    legal_basis = models.CharField(_("legal basis"), max_length=255)

    class Meta:
        verbose_name = _("base salary")
        verbose_name_plural = _("base salaries")
        ordering = ("-valid_from",)

    def __str__(self):
        return f"{self.amount:,} đ ({short_date(self.valid_from)})".replace(",", ".")
