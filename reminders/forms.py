from django import forms
from django.utils.translation import gettext_lazy as _


class ReminderPreferencesForm(forms.Form):
    wants_daily_digest = forms.BooleanField(
        label=_("Send me one summary email a day instead of one email per reminder or notification"),
        required=False,
        help_text=_("Notifications in the portal still arrive one by one."),
    )
