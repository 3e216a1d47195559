from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("tong-hop/", views.dashboard, name="dashboard"),
    path("phong-trao/<int:pk>/ke-hoach.pdf", views.plan_pdf, name="plan-pdf"),
    path("phong-trao/<int:pk>/ke-hoach/xem-truoc/", views.plan_preview, name="plan-preview"),
]
