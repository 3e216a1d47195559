from django.urls import path

from units import views

app_name = "units"

urlpatterns = [
    path("", views.home, name="home"),
    path("thong-bao/", views.notification_list, name="notification-list"),
    path("thong-bao/da-doc/", views.notification_mark_read, name="notification-mark-read"),
]
