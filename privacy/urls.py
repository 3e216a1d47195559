from django.urls import path

from privacy import views

app_name = "privacy"
urlpatterns = [
    path("ca-nhan/<int:pk>/du-lieu-ca-nhan.xlsx", views.person_data, name="person-data"),
]
