"""URLs of deadline reminders: reminder log, preview, preferences."""

from django.urls import path

from reminders import views as views_reminders

app_name = "reminders"

urlpatterns: list = [
    path("nhac-han/moc/<int:pk>/", views_reminders.reminder_log, name="reminder-log"),
    path("nhac-han/moc/<int:pk>/xem-truoc/", views_reminders.reminder_preview_units, name="reminder-preview-units"),
    path("nhac-han/luot/<int:pk>/gui-lai/", views_reminders.reminder_resend, name="reminder-resend"),
    path("nhac-han/cai-dat/", views_reminders.reminder_preferences, name="reminder-preferences"),
]
