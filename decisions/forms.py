"""Forms of award decisions: they validate shape; the services validate meaning."""

from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import DateField, show_limits
from decisions.models import AwardDecision


class NomineeChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, nominee):
        return f"{nominee.name} — {nominee.award.name} ({nominee.dossier.unit.name})"


class DecisionCreateForm(forms.Form):
    """The nominees the unit's council approved, all ticked at first."""

    nominees = NomineeChoiceField(
        label=_("Nominees the council approved"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominees"].queryset = candidates
        self.fields["nominees"].initial = list(candidates)


class DecisionForm(forms.ModelForm):
    class Meta:
        model = AwardDecision
        fields = (
            "summary",
            "bases",
            "executors",
            "distribution",
            "signing_authority",
            "officer_title",
            "signer_name",
            "place",
        )
        widgets = {
            "bases": forms.Textarea(attrs={"rows": 4}),
            "executors": forms.Textarea(attrs={"rows": 2}),
            "distribution": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        show_limits(self)


class DisclosureForm(forms.Form):
    days = forms.IntegerField(label=_("Days of public disclosure"), min_value=1, max_value=30, initial=5)


class IssueForm(forms.Form):
    dated = DateField(label=_("Decision date (the day it is signed)"))
    signing_authority = forms.CharField(
        label=_("Signing authority"), max_length=120, required=False, help_text=_("e.g. KT. GIÁM ĐỐC")
    )
    officer_title = forms.CharField(label=_("Signer's title"), max_length=255, required=False)
    signer_name = forms.CharField(label=_("Signer"), max_length=120)
    place = forms.CharField(label=_("Place"), max_length=120, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        show_limits(self)


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason for revocation"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    number = forms.CharField(label=_("Number of the revoking decision"), max_length=60, required=False)
    date = DateField(label=_("Date of the revoking decision"), required=False)


class OutsideResultForm(forms.Form):
    number = forms.CharField(label=_("Decision number"), max_length=60, required=False)
    date = DateField(label=_("Decision date"), required=False)
    issuer = forms.CharField(
        label=_("Issued by"),
        max_length=255,
        required=False,
        help_text=_("e.g. UBND tỉnh, Bộ GDĐT, Thủ tướng Chính phủ"),
    )
    nominees = NomineeChoiceField(
        label=_("Nominees the decision awarded"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, waiting, **kwargs):
        super().__init__(*args, **kwargs)
        from dossiers.models import Nominee

        self.fields["nominees"].queryset = Nominee.objects.filter(pk__in=[n.pk for n in waiting]).select_related(
            "award", "person", "collective", "dossier__unit"
        )
        show_limits(self)
