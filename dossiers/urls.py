from django.urls import path

from dossiers import views

app_name = "dossiers"

urlpatterns = [
    path("", views.round_list, name="round-list"),
    path("dot/moi/", views.round_create, name="round-create"),
    path("dot/<int:pk>/", views.round_detail, name="round-detail"),
    path("hang-doi/", views.queue, name="queue"),
    path("thoi-han/", views.clock_settings, name="clock"),
    path("thoi-han/ngay-nghi/<int:pk>/xoa/", views.holiday_remove, name="holiday-remove"),
    path("hang-doi.xlsx", views.queue_export, name="queue-export"),
    path("<int:pk>/", views.dossier_detail, name="dossier-detail"),
    path("<int:pk>/sua/", views.dossier_edit, name="dossier-edit"),
    path("<int:pk>/goi-y/", views.dossier_suggestions, name="dossier-suggestions"),
    path("<int:pk>/de-cu/them/", views.nominee_add, name="nominee-add"),
    path("<int:pk>/bien-ban/", views.minutes, name="minutes"),
    path("<int:pk>/tai-len/", views.upload, name="upload"),
    path("<int:pk>/van-ban/<str:which>.<str:fmt>", views.generated, name="generated"),
    path("<int:pk>/goi-ho-so.zip", views.packet, name="packet"),
    path("<int:pk>/thong-bao-tu-choi.<str:fmt>", views.refusal, name="refusal"),
    path("<int:pk>/gui/", views.send, name="send"),
    path("<int:pk>/chuyen/<str:action>/", views.act, name="act"),
    path("<int:pk>/tra-lai/", views.return_dossier, name="return"),
    path("<int:pk>/tham-dinh/", views.appraisal, name="appraisal"),
    path("de-cu/<int:pk>/", views.nominee_edit, name="nominee-edit"),
    path("de-cu/<int:pk>/xoa/", views.nominee_remove, name="nominee-remove"),
    path("de-cu/<int:pk>/minh-chung/", views.evidence_attach, name="evidence-attach"),
    path("de-cu/<int:pk>/bao-cao.<str:fmt>", views.report, name="report"),
    path("tai-lieu/<int:pk>/", views.document_download, name="document-download"),
]
