from django.contrib.auth.decorators import login_required
from django.urls import path
from django.views.generic import RedirectView

from awards import views

app_name = "awards"

urlpatterns = [
    path("", login_required(RedirectView.as_view(pattern_name="awards:catalogue")), name="index"),
    path("danh-muc/", views.catalogue, name="catalogue"),
    path("danh-muc/<str:code>/", views.award_detail, name="award-detail"),
    path("danh-muc/<str:code>/them-quy-dinh/", views.rule_add, name="rule-add"),
    path("tra-cuu/", views.search, name="search"),
    path("tra-cuu.xlsx", views.search_export, name="search-export"),
    path("ca-nhan/<int:pk>/", views.person_history, name="person-history"),
    path("ca-nhan/<int:pk>/ghi-khen-thuong/", views.person_award_add, name="person-award-add"),
    path("ca-nhan/<int:pk>/xep-loai/", views.person_rating_add, name="person-rating-add"),
    path("ca-nhan/<int:pk>/ky-luat/", views.person_restriction_add, name="person-restriction-add"),
    path("ca-nhan/<int:pk>/sang-kien/", views.person_initiative_add, name="person-initiative-add"),
    path("ca-nhan/<int:pk>/thoi-gian-nghi/", views.person_period_add, name="person-period-add"),
    path("don-vi/<int:pk>/", views.unit_history, name="unit-history"),
    path("don-vi/<int:pk>/ghi-khen-thuong/", views.unit_award_add, name="unit-award-add"),
    path("don-vi/<int:pk>/xep-loai/", views.unit_rating_add, name="unit-rating-add"),
    path("don-vi/<int:pk>/thanh-tra-khieu-nai/", views.unit_restriction_add, name="unit-restriction-add"),
    path("don-vi/<int:pk>/goi-y/", views.suggestions, name="suggestions"),
    path("don-vi/<int:pk>/goi-y.xlsx", views.suggestions_export, name="suggestions-export"),
    path("nhap-excel/", views.history_import, name="import"),
    path("nhap-excel/mau.xlsx", views.import_template, name="import-template"),
]
