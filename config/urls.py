from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts.forms import PortalPasswordResetForm
from certificates.urls import verify_urlpatterns
from common.ops import health, queue_status
from reports.views import home as todo_home

urlpatterns = [
    path("dang-nhap/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("mat-khau/doi/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("mat-khau/doi/xong/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path(
        "mat-khau/quen/",
        auth_views.PasswordResetView.as_view(form_class=PortalPasswordResetForm),
        name="password_reset",
    ),
    path("mat-khau/quen/da-gui/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "mat-khau/dat-lai/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("mat-khau/dat-lai/xong/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("tai-khoan/", include("accounts.urls")),
    # Operations: each node's health (JSON, no login; nginx and the load test ask it), the Celery queues.
    path("suc-khoe/", health, name="health"),
    path("he-thong/hang-doi/", queue_status, name="ops-queues"),
    path("quan-tri/", admin.site.urls),
    # Every account lands on its to-do page. It is listed before units' own "" route, so `units:home`
    # (the login redirect, the brand and "Overview" links, the error pages) opens it: units, a lower
    # layer, cannot name reports. The to-do page also shows what units' overview showed.
    path("", todo_home),
    path("", include("units.urls")),
    path("phong-trao/", include("campaigns.urls")),
    path("phong-trao/", include("emulation.urls")),
    path("phong-trao/", include("reminders.urls")),
    path("khen-thuong/", include("awards.urls")),
    path("ho-so/", include("dossiers.urls")),
    path("hoi-dong/", include("councils.urls")),
    path("quyet-dinh/", include("decisions.urls")),
    path("giay-khen/", include("certificates.urls")),
    path("tai-xuong/", include("exports.urls")),
    # Public: the QR code and the short code of a certificate open this page, without a login.
    path("xac-minh/", include(verify_urlpatterns)),
    path("van-ban/", include("reports.urls")),
    path("du-lieu-ca-nhan/", include("privacy.urls")),
]
# Uploaded files (submissions, evidence) are never served from MEDIA_URL, not even in DEBUG:
# they are downloaded through views that apply the unit scope.
