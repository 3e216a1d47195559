"""Forms of the award pages. They validate shape; ``awards.services`` validates meaning."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awards import excel
from awards.enums import (
    AwardType,
    DisciplineLevel,
    EffectScope,
    InitiativeKind,
    RestrictionKind,
    RuleKind,
    ServicePeriodKind,
    Subject,
    TaskRating,
)
from awards.models import Award, Initiative
from awards.selectors import award_choices, award_code_choices, rating_years
from common.dates import school_year_label, school_year_of
from common.forms import DateField


def school_year_choices(back: int = 8) -> list[tuple[int, str]]:
    return [(year, school_year_label(year)) for year in rating_years(back=back)]


def default_school_year(today: datetime.date | None = None) -> int:
    """The latest school year that has ended or is ending (judged from May to December)."""
    today = today or timezone.localdate()
    return school_year_of(today - datetime.timedelta(days=120))


class SchoolYearField(forms.TypedChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("School year"))
        super().__init__(coerce=int, choices=school_year_choices, **kwargs)


class AwardRecordForm(forms.Form):
    award = forms.ModelChoiceField(queryset=Award.objects.none(), label=_("Title or award"))
    school_year = SchoolYearField()
    award_type = forms.ChoiceField(choices=AwardType.choices, initial=AwardType.MERIT, label=_("Award type"))
    decision_number = forms.CharField(max_length=60, label=_("Decision number"))
    decision_date = DateField(label=_("Decision date"))
    issuer = forms.CharField(max_length=255, label=_("Issuer"))
    achievement = forms.CharField(max_length=500, required=False, label=_("Achievement"))
    initiatives = forms.ModelMultipleChoiceField(
        queryset=Initiative.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Initiatives used as its basis"),
    )

    def __init__(self, *args, subject: str, initiatives=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award"].queryset = award_choices(subject=subject)
        self.fields["school_year"].initial = default_school_year()
        if initiatives is None:
            del self.fields["initiatives"]
        else:
            self.fields["initiatives"].queryset = initiatives


class TaskRatingForm(forms.Form):
    school_year = SchoolYearField()
    rating = forms.ChoiceField(choices=TaskRating.choices, label=_("Rating"))
    note = forms.CharField(max_length=255, required=False, label=_("Note"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school_year"].initial = default_school_year()


class RestrictionForm(forms.Form):
    kind = forms.ChoiceField(choices=RestrictionKind.choices, label=_("Kind"))
    level = forms.ChoiceField(
        choices=[("", "—"), *DisciplineLevel.choices], required=False, label=_("Discipline level")
    )
    start = DateField(label=_("From"))
    end = DateField(required=False, label=_("Until"), help_text=_("Empty while it runs."))
    decision_number = forms.CharField(max_length=60, required=False, label=_("Decision number"))
    note = forms.CharField(max_length=255, required=False, label=_("Note"))


class InitiativeForm(forms.Form):
    kind = forms.ChoiceField(choices=InitiativeKind.choices, label=_("Kind"))
    title = forms.CharField(max_length=500, label=_("Title"))
    effect_scope = forms.ChoiceField(choices=EffectScope.choices, label=_("Scope of effect"))
    school_year = SchoolYearField()
    recognised_by = forms.CharField(max_length=255, label=_("Recognised by"))
    decision_number = forms.CharField(max_length=60, label=_("Recognising decision"))
    decision_date = DateField(label=_("Decision date"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school_year"].initial = default_school_year()


class ServicePeriodForm(forms.Form):
    kind = forms.ChoiceField(choices=ServicePeriodKind.choices, label=_("Kind"))
    start = DateField(label=_("From"))
    end = DateField(label=_("Until"))
    note = forms.CharField(max_length=255, required=False, label=_("Note"))


class EligibilityForm(forms.Form):
    award = forms.ChoiceField(label=_("Title or award"))
    nam = SchoolYearField()
    ngay = DateField(label=_("Nomination date"))

    def __init__(self, *args, subject: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award"].choices = award_code_choices(subject=subject, judged_only=True)
        self.fields["nam"].initial = default_school_year()
        self.fields["ngay"].initial = timezone.localdate()

    def clean(self):
        data = super().clean()
        year, day = data.get("nam"), data.get("ngay")
        if year is not None and day is not None and day < datetime.date(year, 9, 1):
            self.add_error("ngay", _("The nomination date cannot be before the school year starts."))
        return data


class SuggestionYearForm(forms.Form):
    nam = SchoolYearField()
    ngay = DateField(required=False, label=_("Nomination date"))


class ConfirmSuggestionsForm(forms.Form):
    award = forms.ModelChoiceField(queryset=Award.objects.none(), to_field_name="code", label=_("Title or award"))
    nam = SchoolYearField()
    people = forms.TypedMultipleChoiceField(coerce=int, label=_("People"))
    decision_number = forms.CharField(max_length=60, label=_("Decision number"))
    decision_date = DateField(label=_("Decision date"))
    issuer = forms.CharField(max_length=255, label=_("Issuer"))

    def __init__(self, *args, people_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award"].queryset = award_choices(subject=Subject.INDIVIDUAL)
        self.fields["people"].choices = people_choices


class HistoryFilterForm(forms.Form):
    q = forms.CharField(required=False, label=_("Name"))
    don_vi = forms.CharField(required=False, label=_("Unit code"))
    award = forms.ChoiceField(required=False, label=_("Title or award"))
    nam = forms.TypedChoiceField(coerce=int, required=False, empty_value=None, label=_("School year"))
    so_qd = forms.CharField(required=False, label=_("Decision number"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award"].choices = [("", "—"), *award_code_choices()]
        self.fields["nam"].choices = [("", "—"), *school_year_choices(back=10)]


class LocalRuleForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[(k.value, k.label) for k in (RuleKind.QUOTA, RuleKind.DEADLINE, RuleKind.MANUAL)]
        + [(k.value, k.label) for k in RuleKind if k not in (RuleKind.QUOTA, RuleKind.DEADLINE, RuleKind.MANUAL)],
        label=_("Rule kind"),
    )
    params = forms.JSONField(
        label=_("Parameters (JSON)"),
        initial=dict,
        required=False,
        help_text=_('E.g. {"percent": 15, "of": "LDTT"} for a quota, {"month": 7, "day": 10} for a deadline.'),
    )
    applies_to = forms.ChoiceField(choices=Subject.choices, initial=Subject.BOTH, label=_("Applies to"))
    description = forms.CharField(max_length=500, label=_("Description"))
    document = forms.CharField(max_length=120, label=_("Document"))
    article = forms.CharField(max_length=40, required=False, label=_("Article"))
    clause = forms.CharField(max_length=40, required=False, label=_("Clause"))
    valid_from = DateField(label=_("Valid from"))
    valid_to = DateField(required=False, label=_("Valid until"))

    def clean_params(self):
        value = self.cleaned_data.get("params")
        if value in (None, ""):
            return {}
        if not isinstance(value, dict):
            raise forms.ValidationError(_("The parameters must be a JSON object."))
        return value


class HistoryImportForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.rows = excel.read_rows(excel.open_workbook(upload))  # JSON-safe cells for the import batch
        return upload
