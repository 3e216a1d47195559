from django.urls import path

from certificates import views

app_name = "certificates"

urlpatterns = [
    path("quyet-dinh/<int:pk>/", views.decision, name="decision"),
    path("quyet-dinh/<int:pk>/in/", views.print_decision, name="print"),
    path("lan-in/<int:pk>/", views.job, name="job"),
    path("lan-in/<int:pk>/tai-ve/", views.job_download, name="job-download"),
    path("khen-thuong/<int:pk>/pdf/", views.record_pdf, name="record"),
    path("mau-phoi/<str:kind>/", views.layout, name="layout"),
    path("mau-phoi/<str:kind>/trang-can-chinh/", views.calibration, name="calibration"),
]

# The public verification pages (no login), mounted at a short path: config/urls.py → "xac-minh/".
verify_urlpatterns = (
    [
        path("", views.verify_search, name="search"),
        path("<str:code>/", views.verify, name="code"),
    ],
    "verify",
)
