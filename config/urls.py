from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path("dang-nhap/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("quan-tri/", admin.site.urls),
    path("", include("units.urls")),
    path("phong-trao/", include("campaigns.urls")),
    path("phong-trao/", include("emulation.urls")),
    path("phong-trao/", include("reminders.urls")),
    path("khen-thuong/", include("awards.urls")),
    path("ho-so/", include("dossiers.urls")),
    path("van-ban/", include("reports.urls")),
]
# Uploaded files (submissions, evidence) are never served from MEDIA_URL, not even in DEBUG:
# they are downloaded through views that apply the unit scope.
