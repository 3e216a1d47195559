from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from awards.models import (
    Award,
    AwardRecord,
    AwardRule,
    Decision,
    Initiative,
    Restriction,
    ServicePeriod,
    TaskRatingRecord,
)
from awards.selectors import overlapping_rules


class AwardRuleForm(forms.ModelForm):
    """The admin keeps the service's rule: no overlapping validity for one award, kind, scope, subject."""

    class Meta:
        model = AwardRule
        fields = [
            "award",
            "kind",
            "params",
            "applies_to",
            "description",
            "document",
            "article",
            "clause",
            "citation_confirmed",
            "valid_from",
            "valid_to",
            "scope",
            "position",
        ]

    def clean(self):
        data = super().clean()
        if data.get("award") and data.get("kind") and data.get("valid_from"):
            clash = overlapping_rules(
                award=data["award"],
                kind=data["kind"],
                scope=data.get("scope"),
                applies_to=data.get("applies_to"),
                valid_from=data["valid_from"],
                valid_to=data.get("valid_to"),
                exclude_pk=self.instance.pk,
            ).first()
            if clash is not None:
                raise ValidationError(
                    _("The validity overlaps another rule of the same kind: %(rule)s") % {"rule": clash}
                )
        return data


class AwardRuleInline(admin.TabularInline):
    model = AwardRule
    form = AwardRuleForm
    extra = 0
    raw_id_fields = ("scope",)
    fields = ("kind", "applies_to", "description", "document", "article", "clause", "valid_from", "valid_to", "scope")


@admin.register(Award)
class AwardAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "subject", "level", "cash_multiplier", "valid_to", "suggest")
    list_filter = ("kind", "subject", "level")
    search_fields = ("code", "name", "name_search")
    exclude = ("name_search",)
    inlines = [AwardRuleInline]


@admin.register(AwardRule)
class AwardRuleAdmin(admin.ModelAdmin):
    form = AwardRuleForm
    list_display = ("award", "kind", "description", "document", "article", "valid_from", "valid_to", "scope")
    list_filter = ("kind", "document")
    raw_id_fields = ("scope",)


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ("number", "date", "issuer", "source")
    search_fields = ("number", "number_key", "issuer")
    readonly_fields = ("year", "number_key", "issuer_key")
    raw_id_fields = ("issuer_unit", "created_by")


@admin.register(AwardRecord)
class AwardRecordAdmin(admin.ModelAdmin):
    list_display = ("award", "person", "unit", "school_year", "award_type", "decision", "source")
    list_filter = ("award", "award_type", "source", "school_year")
    search_fields = ("person__name_search", "unit__name_search", "decision__number_key")
    raw_id_fields = ("person", "unit", "decision", "created_by")


@admin.register(TaskRatingRecord)
class TaskRatingRecordAdmin(admin.ModelAdmin):
    list_display = ("person", "unit", "school_year", "rating")
    list_filter = ("rating", "school_year")
    raw_id_fields = ("person", "unit", "created_by")


@admin.register(Restriction)
class RestrictionAdmin(admin.ModelAdmin):
    list_display = ("person", "unit", "kind", "level", "start", "end")
    list_filter = ("kind", "level")
    raw_id_fields = ("person", "unit", "created_by")


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ("title", "person", "effect_scope", "school_year", "decision_number", "used_for")
    list_filter = ("effect_scope", "kind")
    search_fields = ("title_search", "decision_number")
    exclude = ("title_search",)
    raw_id_fields = ("person", "unit", "used_for", "created_by")


@admin.register(ServicePeriod)
class ServicePeriodAdmin(admin.ModelAdmin):
    list_display = ("person", "kind", "start", "end")
    list_filter = ("kind",)
    raw_id_fields = ("person", "created_by")
