from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.utils.translation import gettext_lazy as _

from common.emails import send_email


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}),
    )


class PortalPasswordResetForm(PasswordResetForm):
    """Django's reset form, sending through the portal's one email function (``common.emails``)."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs):
        send_email(name="password_reset", to=[to_email], context=context)
