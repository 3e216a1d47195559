"""Admin for councils. Ballot secrecy holds here too: receipts show who voted (never how), the
agenda items show the counters read-only, and no screen joins the two."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from councils.enums import SessionState
from councils.models import AgendaItem, BallotReceipt, Council, CouncilMember, Session


class MemberInline(admin.TabularInline):
    model = CouncilMember
    extra = 0
    raw_id_fields = ("user",)


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    list_display = ("name", "unit", "school_year", "quorum_percent")
    list_filter = ("school_year",)
    search_fields = ("name", "unit__name")
    raw_id_fields = ("unit",)
    inlines = [MemberInline]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ("title", "council", "date", "state")
    list_filter = ("state",)
    readonly_fields = ("state", "quorum_percent", "opened_at", "closed_at", "minutes_entry", "count_entry")
    raw_id_fields = ("council",)


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    """Counters appear only once the session is closed: watching them move beside the receipts
    while members vote would tell who voted how."""

    list_display = ("session", "nominee", "award", "secret", "threshold", "tally", "result")
    fields = ("session", "nominee", "award", "secret", "threshold", "citation", "tally", "result")
    readonly_fields = fields

    @admin.display(description=_("tally"))
    def tally(self, obj):
        if obj.session.state != SessionState.CLOSED:
            return "—"
        return f"{obj.agree} / {obj.disagree}"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(BallotReceipt)
class BallotReceiptAdmin(admin.ModelAdmin):
    list_display = ("session", "member", "written")
    readonly_fields = ("session", "member", "written")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
