"""Read-mostly admin of award decisions: every change goes through ``decisions.services``."""

from django.contrib import admin

from decisions.models import AwardDecision, DecisionLine, DecisionTransition, DisclosureComment


class LineInline(admin.TabularInline):
    model = DecisionLine
    extra = 0
    can_delete = False
    readonly_fields = ("nominee", "award", "cash_amount", "position")


@admin.register(AwardDecision)
class AwardDecisionAdmin(admin.ModelAdmin):
    list_display = ("number_symbol", "summary", "issuer_unit", "state", "dated")
    list_filter = ("state",)
    search_fields = ("number_symbol", "summary")
    readonly_fields = ("issuer_unit", "state", "dated", "number_symbol", "decision", "register_entry")
    inlines = [LineInline]


@admin.register(DecisionTransition)
class DecisionTransitionAdmin(admin.ModelAdmin):
    list_display = ("decision", "from_state", "to_state", "actor", "created_at")


@admin.register(DisclosureComment)
class DisclosureCommentAdmin(admin.ModelAdmin):
    list_display = ("decision", "unit", "author", "created_at")
