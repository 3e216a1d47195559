from django.urls import path  # noqa: F401

from campaigns.urls_registration import urlpatterns as registration_patterns
from campaigns.urls_reminders import urlpatterns as reminder_patterns

app_name = "campaigns"

# Campaign screens (plans, milestones, status, submissions, calendar).
campaign_patterns: list = []

urlpatterns = campaign_patterns + registration_patterns + reminder_patterns
