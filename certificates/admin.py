from django.contrib import admin

from certificates.models import Certificate, CertificateLayout, PrintJob


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ("code", "record", "created_at")
    search_fields = ("code",)
    raw_id_fields = ("record",)
    readonly_fields = ("code", "record", "created_at")


@admin.register(CertificateLayout)
class CertificateLayoutAdmin(admin.ModelAdmin):
    list_display = ("unit", "kind", "offset_x", "offset_y", "updated_at")
    raw_id_fields = ("unit",)


@admin.register(PrintJob)
class PrintJobAdmin(admin.ModelAdmin):
    list_display = ("decision", "mode", "state", "done", "total", "created_at")
    list_filter = ("state", "mode")
    raw_id_fields = ("decision",)
    readonly_fields = ("state", "done", "total", "file", "error", "finished_at")
