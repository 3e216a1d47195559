from django import forms
from django.utils.translation import gettext_lazy as _

from units.enums import UnitKind


class DashboardFilterForm(forms.Form):
    """The dashboard's filters, read from the URL; a malformed value is dropped (the view says so)."""

    phong_trao = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Campaign"), empty_label=_("All campaigns")
    )
    nam_hoc = forms.TypedChoiceField(coerce=int, required=False, label=_("School year"), empty_value=None)
    loai = forms.ChoiceField(required=False, label=_("Unit kind"))

    def __init__(self, *args, campaigns, school_years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phong_trao"].queryset = campaigns
        self.fields["nam_hoc"].choices = [("", _("All school years"))] + [(y, f"{y}–{y + 1}") for y in school_years]
        self.fields["loai"].choices = [("", _("All unit kinds")), *UnitKind.choices]
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select form-select-sm"
