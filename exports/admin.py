from django.contrib import admin

from exports.models import ExportJob


@admin.register(ExportJob)
class ExportJobAdmin(admin.ModelAdmin):
    list_display = ("id", "kind", "owner", "state", "progress", "rows_written", "created_at", "finished_at")
    list_filter = ("state", "kind")
    readonly_fields = ("owner", "kind", "params", "state", "progress", "rows_written", "total_rows", "file", "error")
