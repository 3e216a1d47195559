"""Forms of registration, pacts and exemplars. They check shape; the services check meaning.

Numbers (targets, scores) arrive as text so that "99,5" works and the service can answer
a non-number with its own Vietnamese message.
"""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awards.enums import Subject
from awards.selectors import award_choices
from campaigns.enums import SubjectKind
from common.dates import school_year_of
from common.forms import DateField
from emulation.enums import EXEMPLAR_STEPS, ExemplarStep


class _Form(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class UnitRegistrationForm(_Form):
    aimed_award = forms.ModelChoiceField(
        label=_("Title aimed for"),
        queryset=award_choices(subject=Subject.COLLECTIVE, judged_only=True),
        to_field_name="code",
        required=False,
    )
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, campaign=None, **kwargs):
        super().__init__(*args, **kwargs)
        if campaign is not None:  # the forms that still exist when the campaign's awards are decided
            self.fields["aimed_award"].queryset = award_choices(
                subject=Subject.COLLECTIVE, judged_only=True, on_date=campaign.ends_on
            )


class WorkItemForm(_Form):
    title = forms.CharField(label=_("Work item"), max_length=500)
    criterion = forms.ModelChoiceField(label=_("Criterion of the plan"), queryset=None, required=False)
    starts_on = DateField(label=_("Start"), required=False)
    ends_on = DateField(label=_("End"), required=False)
    target_value = forms.CharField(
        label=_("Target"), max_length=40, required=False, help_text=_("A number, e.g. 100 or 99,5.")
    )
    target_unit = forms.CharField(label=_("Target unit"), max_length=60, required=False, help_text=_("e.g. %, lessons"))
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criterion"].queryset = criteria
        self.fields["criterion"].label_from_instance = lambda c: str(c)[:120]


class ReviewForm(_Form):
    action = forms.ChoiceField(choices=[("accept", _("Accept")), ("return", _("Return"))])
    comment = forms.CharField(label=_("Comments"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class IndividualRegistrationForm(_Form):
    person = forms.ModelChoiceField(label=_("Person"), queryset=None)
    aimed_award = forms.ModelChoiceField(
        label=_("Title aimed for"),
        queryset=award_choices(subject=Subject.INDIVIDUAL, judged_only=True),
        to_field_name="code",
    )
    aimed_detail = forms.CharField(
        label=_("Awarded by"),
        max_length=255,
        required=False,
        help_text=_("For a certificate or diploma: whose, e.g. of the Director of the Department."),
    )
    school_year = forms.TypedChoiceField(label=_("School year"), coerce=int)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, people, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["aimed_award"].queryset = award_choices(
            subject=Subject.INDIVIDUAL, judged_only=True, on_date=campaign.ends_on
        )
        first, last = school_year_of(campaign.starts_on), school_year_of(campaign.ends_on)
        self.fields["school_year"].choices = [(y, f"{y}–{y + 1}") for y in range(first, last + 1)]
        current = school_year_of(timezone.localdate())
        self.fields["school_year"].initial = min(max(current, first), last)


class ForwardForm(_Form):
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class PactForm(_Form):
    cluster = forms.ModelChoiceField(label=_("Cluster or block"), queryset=None)
    campaign = forms.ModelChoiceField(
        label=_("Campaign"), queryset=None, required=False, help_text=_("Empty: the pact for the school year.")
    )
    title = forms.CharField(label=_("Title"), max_length=500)
    signed_on = DateField(label=_("Signed on"), required=False)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, clusters, campaigns, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster"].queryset = clusters
        self.fields["campaign"].queryset = campaigns


class PactTargetForm(_Form):
    member = forms.ModelChoiceField(label=_("Member"), queryset=None)
    criterion = forms.CharField(label=_("Criterion"), max_length=500)
    target_value = forms.CharField(label=_("Target"), max_length=40, required=False)
    target_unit = forms.CharField(label=_("Target unit"), max_length=60, required=False)
    max_score = forms.CharField(label=_("Maximum score"), max_length=20)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members


class SelfScoreForm(_Form):
    self_score = forms.CharField(label=_("Self-score"), max_length=20)
    self_evidence = forms.CharField(label=_("Evidence"), widget=forms.Textarea(attrs={"rows": 3}))
    evidence_file = forms.FileField(
        label=_("Evidence file"), required=False, help_text=_("PDF, image or office document.")
    )


class CrossScoreForm(_Form):
    cross_score = forms.CharField(label=_("Cross-score"), max_length=20)
    cross_note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ExemplarForm(_Form):
    unit = forms.ModelChoiceField(label=_("Built by"), queryset=None)
    subject_kind = forms.ChoiceField(label=_("The exemplar is"), choices=SubjectKind.choices)
    subject_unit = forms.ModelChoiceField(
        label=_("Collective"), queryset=None, required=False, help_text=_("Empty: the unit itself.")
    )
    person = forms.ModelChoiceField(label=_("Person"), queryset=None, required=False)
    title = forms.CharField(label=_("Title"), max_length=500)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    built_on = DateField(label=_("Chosen and praised on"), required=False)

    def __init__(self, *args, units, subject_units, people, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["subject_unit"].queryset = subject_units
        self.fields["person"].queryset = people
        years = range(campaign.starts_on.year, campaign.ends_on.year + 1)
        self.fields["year"].choices = [(y, str(y)) for y in years]
        today = timezone.localdate()
        self.fields["year"].initial = min(max(today.year, years[0]), years[-1])
        self.fields["built_on"].initial = today


class ExemplarAdvanceForm(_Form):
    new_step = forms.ChoiceField(label=_("Step"), choices=ExemplarStep.choices)
    on_date = DateField(label=_("Date"), required=False)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, current_step=None, **kwargs):
        super().__init__(*args, **kwargs)
        if current_step in EXEMPLAR_STEPS and EXEMPLAR_STEPS.index(current_step) + 1 < len(EXEMPLAR_STEPS):
            self.fields["new_step"].initial = EXEMPLAR_STEPS[EXEMPLAR_STEPS.index(current_step) + 1]
        self.fields["on_date"].initial = timezone.localdate()
