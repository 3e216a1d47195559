from django.urls import path

from exports import views

app_name = "exports"

urlpatterns = [
    path("", views.job_list, name="list"),
    path("<int:pk>/", views.job, name="job"),
    path("<int:pk>/tep/", views.download, name="download"),
]
