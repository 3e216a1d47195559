from django.urls import path

from decisions import views

app_name = "decisions"

urlpatterns = [
    path("", views.decision_list, name="decision-list"),
    path("lap-moi/", views.decision_create, name="decision-create"),
    path("<int:pk>/", views.decision_detail, name="decision-detail"),
    path("<int:pk>/sua/", views.decision_edit, name="decision-edit"),
    path("<int:pk>/dong/<int:line_pk>/bo/", views.line_remove, name="line-remove"),
    path("<int:pk>/cong-khai/", views.decision_disclose, name="decision-disclose"),
    path("<int:pk>/rut-cong-khai/", views.decision_withdraw, name="decision-withdraw"),
    path("<int:pk>/huy/", views.decision_cancel, name="decision-cancel"),
    path("<int:pk>/ban-hanh/", views.decision_issue, name="decision-issue"),
    path("<int:pk>/tai-ve/<str:which>.<str:fmt>", views.decision_document, name="decision-document"),
    path("<int:pk>/danh-sach.xlsx", views.decision_list_xlsx, name="decision-xlsx"),
    path("<int:pk>/thu-hoi/", views.decision_revoke, name="decision-revoke"),
    path("<int:pk>/dong/<int:line_pk>/thu-hoi/", views.line_revoke, name="line-revoke"),
    path("cong-khai/", views.disclosure_list, name="disclosure-list"),
    path("cong-khai/<int:pk>/", views.disclosure_detail, name="disclosure-detail"),
    path("ket-qua-cap-tren/", views.outside_list, name="outside-list"),
    path("ket-qua-cap-tren/<int:dossier_pk>/", views.outside_record, name="outside-record"),
]
