from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("viec-can-lam/", views.home, name="home"),
    path("tong-hop/", views.dashboard, name="dashboard"),
    path("tong-hop.xlsx", views.dashboard_export, name="dashboard-export"),
    path("tong-hop/cong-bang/", views.fairness, name="fairness"),
    path("han/<int:pk>/so-lieu/", views.figures, name="figures"),
    path("phong-trao/<int:pk>/bao-cao-<slug:kind>.<str:fmt>", views.review, name="review"),
    path("phong-trao/<int:pk>/bao-cao-<slug:kind>/cap-so/", views.review_issue, name="review-issue"),
    path("han/<int:pk>/so-lieu.xlsx", views.figures_export, name="figures-export"),
    path("phong-trao/<int:pk>/ke-hoach.pdf", views.plan_pdf, name="plan-pdf"),
    path("phong-trao/<int:pk>/ke-hoach/xem-truoc/", views.plan_preview, name="plan-preview"),
]
