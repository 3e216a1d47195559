from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("xac-thuc-hai-buoc/", views.verify, name="verify"),
    path("xac-thuc-hai-buoc/cai-dat/", views.setup, name="setup"),
    path("xac-thuc-hai-buoc/ma-du-phong/", views.recovery_codes, name="recovery-codes"),
    path("bao-mat/", views.security, name="security"),
]
