from django.urls import path, register_converter

from campaigns import views
from campaigns.parts import PARTS_BY_SLUG

app_name = "campaigns"


class PlanPartConverter:
    """Only the slugs of plan parts, so "<pk>/<part>/them/" cannot swallow other areas' URLs
    such as "<pk>/dien-hinh/them/"."""

    regex = "|".join(sorted(PARTS_BY_SLUG))

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(PlanPartConverter, "plan_part")

# Campaign screens (plans, milestones, status, submissions, calendar).
campaign_patterns: list = [
    path("", views.campaign_list, name="list"),
    path("tao-moi/", views.campaign_create, name="create"),
    path("<int:pk>/", views.campaign_detail, name="detail"),
    path("<int:pk>/sua/", views.campaign_edit, name="edit"),
    path("<int:pk>/don-vi-tham-gia/", views.campaign_participants_edit, name="participants"),
    path("<int:pk>/trang-thai/", views.campaign_set_state, name="set-state"),
    path("<int:pk>/dieu-chinh/", views.campaign_amend, name="amend"),
    path("<int:pk>/sao-chep/", views.campaign_copy, name="copy"),
    path("<int:pk>/trien-khai/", views.campaign_cascade, name="cascade"),
    path("<int:pk>/tieu-chi/dan-dan-y/", views.criteria_outline, name="criteria-outline"),
    path("<int:pk>/<plan_part:part>/them/", views.part_add, name="part-add"),
    path("<int:pk>/<plan_part:part>/<int:item_pk>/sua/", views.part_edit, name="part-edit"),
    path("<int:pk>/<plan_part:part>/<int:item_pk>/xoa/", views.part_delete, name="part-delete"),
    path("han/<int:pk>/", views.deadline_status, name="deadline-status"),
    path("han/<int:pk>/trang-thai.xlsx", views.deadline_status_export, name="deadline-status-export"),
    path("han/<int:pk>/don-vi/<int:unit_pk>/", views.deadline_exception, name="deadline-exception"),
    path("han/<int:pk>/nop/", views.submission_create, name="submit"),
    path("ban-nop/<int:pk>/tai-ve/", views.submission_download, name="submission-download"),
    path("lich/", views.my_deadlines, name="my-deadlines"),
    path("lich/<str:token>.ics", views.ics_feed, name="ics-feed"),
]

urlpatterns = campaign_patterns
