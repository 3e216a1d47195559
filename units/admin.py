from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from units.models import (
    AuditLog,
    Cluster,
    ImportBatch,
    Notification,
    Person,
    PersonTransfer,
    RegisterEntry,
    Unit,
    UnitEvent,
    User,
)
from units.services import keys_refresh


@admin.register(Unit)
class UnitAdmin(TreeAdmin):
    form = movenodeform_factory(Unit, exclude=["name_search", "name_sort"])
    list_display = ("name", "kind", "code", "short_name", "active_to")
    list_filter = ("kind",)
    search_fields = ("name", "code", "name_search")

    def save_model(self, request, obj, form, change):
        keys_refresh(obj)
        super().save_model(request, obj, form, change)


@admin.register(UnitEvent)
class UnitEventAdmin(admin.ModelAdmin):
    list_display = ("unit", "kind", "date", "decision")
    list_filter = ("kind",)
    raw_id_fields = ("unit", "predecessors", "created_by")


class PersonTransferInline(admin.TabularInline):
    model = PersonTransfer
    fk_name = "person"
    extra = 0
    raw_id_fields = ("from_unit", "to_unit", "created_by")


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("full_name", "unit", "role", "gender", "is_active")
    list_filter = ("role", "gender", "is_active")
    search_fields = ("full_name", "name_search")
    raw_id_fields = ("unit",)
    inlines = [PersonTransferInline]

    def save_model(self, request, obj, form, change):
        keys_refresh(obj)
        super().save_model(request, obj, form, change)


@admin.register(Cluster)
class ClusterAdmin(admin.ModelAdmin):
    list_display = ("name", "school_year", "organiser", "head_unit", "deputy_unit")
    raw_id_fields = ("organiser", "head_unit", "deputy_unit", "members")


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    list_display = ("username", "full_name", "unit", "is_clerk", "is_unit_head", "is_officer", "is_leader")
    raw_id_fields = ("unit", "person")
    fieldsets = (
        *UserAdmin.fieldsets,
        (
            _("Portal roles"),
            {
                "fields": (
                    "full_name",
                    "unit",
                    "person",
                    "is_clerk",
                    "is_unit_head",
                    "is_officer",
                    "is_council_member",
                    "is_leader",
                    "wants_daily_digest",
                )
            },
        ),
    )


@admin.register(AuditLog)
class AuditLogAdmin(admin.ModelAdmin):
    list_display = ("created_at", "action", "actor", "content_type", "object_id")
    list_filter = ("action",)
    readonly_fields = [f.name for f in AuditLog._meta.fields]

    def has_change_permission(self, request, obj=None):
        return False  # the audit trail is append-only


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("user", "title", "created_at", "read_at")
    raw_id_fields = ("user",)


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ("created_at", "user", "kind", "file_name", "state", "committed_at")
    list_filter = ("kind", "state")
    raw_id_fields = ("user",)
    readonly_fields = ("columns", "rows", "errors", "summary", "committed_at")


@admin.register(RegisterEntry)
class RegisterEntryAdmin(admin.ModelAdmin):
    """Read-only: numbers are taken by the services, never typed (NĐ 30/2020 Điều 15)."""

    list_display = ("unit", "year", "number", "symbol", "summary", "taken_at")
    list_filter = ("year",)
    search_fields = ("symbol", "summary")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _system_administrators_only(request) -> bool:
    """The stock admin is a system administrator's tool; officers work in the portal's own screens."""
    return request.user.is_active and request.user.is_superuser


admin.site.has_permission = _system_administrators_only
