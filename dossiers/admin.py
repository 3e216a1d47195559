from django.contrib import admin

from dossiers.models import (
    AwardRound,
    Dossier,
    DossierTransition,
    EvidenceItem,
    Holiday,
    LegalClock,
    Nominee,
    RoundAward,
    RoundExtension,
    SendDelegation,
)


class RoundAwardInline(admin.TabularInline):
    model = RoundAward
    extra = 0
    raw_id_fields = ("offer",)


class RoundExtensionInline(admin.TabularInline):
    model = RoundExtension
    extra = 0
    raw_id_fields = ("unit",)


@admin.register(AwardRound)
class AwardRoundAdmin(admin.ModelAdmin):
    list_display = ("title", "organiser", "kind", "school_year", "deadline")
    list_filter = ("kind", "school_year")
    raw_id_fields = ("organiser", "campaign")
    inlines = (RoundAwardInline, RoundExtensionInline)


@admin.register(Dossier)
class DossierAdmin(admin.ModelAdmin):
    """Read-only: dossiers change only through the portal's services (state machine, log)."""

    list_display = ("unit", "round", "state", "number", "receiver", "sent_at")
    list_filter = ("state",)
    raw_id_fields = ("unit", "receiver", "round", "forwarded_to", "created_by")

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(Nominee)
class NomineeAdmin(admin.ModelAdmin):
    list_display = ("dossier", "person", "collective", "award", "verdict", "appraisal")
    raw_id_fields = ("dossier", "person", "collective", "initiative", "appraised_by")

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(DossierTransition)
class DossierTransitionAdmin(admin.ModelAdmin):
    list_display = ("dossier", "from_state", "to_state", "actor", "created_at")

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(EvidenceItem)
class EvidenceItemAdmin(admin.ModelAdmin):
    list_display = ("person", "kind", "title", "issued_on")
    raw_id_fields = ("person", "initiative", "created_by")


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    list_display = ("date", "name", "scope")
    raw_id_fields = ("scope",)


@admin.register(LegalClock)
class LegalClockAdmin(admin.ModelAdmin):
    list_display = ("scope", "return_days", "appraisal_days", "remind_days_before")
    raw_id_fields = ("scope",)


@admin.register(SendDelegation)
class SendDelegationAdmin(admin.ModelAdmin):
    list_display = ("unit", "user", "valid_until")
    raw_id_fields = ("unit", "user", "granted_by")
