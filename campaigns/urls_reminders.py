"""URLs of deadline reminders: reminder log, preview, preferences."""

urlpatterns: list = []
