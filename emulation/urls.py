"""URLs of registration (đăng ký thi đua), pacts (giao ước) and exemplars (điển hình)."""

from django.urls import path

from emulation import views as views

app_name = "emulation"

urlpatterns: list = [
    path("dang-ky/", views.registration_index, name="registration-index"),
    path("<int:campaign_pk>/dang-ky/", views.registration_overview, name="registration-overview"),
    path("<int:campaign_pk>/dang-ky.xlsx", views.registration_overview_export, name="registration-overview-export"),
    path("<int:campaign_pk>/dang-ky/don-vi/<int:unit_pk>/", views.registration_unit, name="registration-unit"),
    path("<int:campaign_pk>/dang-ky/don-vi/<int:unit_pk>/tao/", views.registration_create, name="registration-create"),
    path("dang-ky/<int:pk>/dau-viec/them/", views.registration_item_add, name="registration-item-add"),
    path("dang-ky/dau-viec/<int:pk>/xoa/", views.registration_item_delete, name="registration-item-delete"),
    path("dang-ky/<int:pk>/gui/", views.registration_submit, name="registration-submit"),
    path("dang-ky/<int:pk>/xet/", views.registration_review, name="registration-review"),
    path(
        "<int:campaign_pk>/dang-ky/don-vi/<int:unit_pk>/ca-nhan/them/",
        views.individual_add,
        name="individual-add",
    ),
    path(
        "<int:campaign_pk>/dang-ky/don-vi/<int:unit_pk>/ca-nhan/gui/",
        views.individual_forward,
        name="individual-forward",
    ),
    path("dang-ky/ca-nhan/<int:pk>/xoa/", views.individual_delete, name="individual-delete"),
    path("dang-ky/ca-nhan/<int:pk>/xet/", views.individual_review, name="individual-review"),
    path("giao-uoc/", views.pact_list, name="pact-list"),
    path("giao-uoc/tao/", views.pact_create, name="pact-create"),
    path("giao-uoc/<int:pk>/", views.pact_detail, name="pact-detail"),
    path("giao-uoc/<int:pk>/xep-hang.xlsx", views.pact_export, name="pact-export"),
    path("giao-uoc/<int:pk>/chi-tieu/them/", views.pact_target_add, name="pact-target-add"),
    path("giao-uoc/chi-tieu/<int:pk>/tu-cham/", views.pact_self_score, name="pact-self-score"),
    path("giao-uoc/chi-tieu/<int:pk>/cham-cheo/", views.pact_cross_score, name="pact-cross-score"),
    path("giao-uoc/chi-tieu/<int:pk>/minh-chung/", views.pact_evidence, name="pact-evidence"),
    path("<int:campaign_pk>/dien-hinh/", views.exemplar_list, name="exemplar-list"),
    path("<int:campaign_pk>/dien-hinh.xlsx", views.exemplar_list_export, name="exemplar-list-export"),
    path("<int:campaign_pk>/dien-hinh/them/", views.exemplar_create, name="exemplar-create"),
    path("dien-hinh/<int:pk>/", views.exemplar_detail, name="exemplar-detail"),
    path("dien-hinh/<int:pk>/buoc-tiep/", views.exemplar_advance, name="exemplar-advance"),
]
