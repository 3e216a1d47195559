"""Forms of award dossiers: they validate shape; the services validate meaning."""

from django import forms
from django.utils.translation import gettext_lazy as _

from awards.models import Initiative
from common.forms import DateField
from dossiers.enums import AppraisalResult, ComponentKind, DossierState

UPLOAD_KINDS = [
    (k.value, k.label)
    for k in (ComponentKind.REPORT, ComponentKind.EVIDENCE, ComponentKind.MINUTES, ComponentKind.OTHER)
]


class LegalClockForm(forms.Form):
    return_days = forms.IntegerField(label=_("Working days to return an incomplete dossier"), min_value=1)
    appraisal_days = forms.IntegerField(label=_("Working days to finish the appraisal"), min_value=1)
    remind_days_before = forms.IntegerField(label=_("Remind the appraisers this many working days before"), min_value=1)


class HolidayForm(forms.Form):
    date = DateField(label=_("Date"))
    name = forms.CharField(label=_("Name"), max_length=120)


class DossierForm(forms.Form):
    dated = DateField(label=_("Dossier date"))
    place = forms.CharField(label=_("Place"), max_length=120, required=False)
    signer_name = forms.CharField(label=_("Signer"), max_length=120, required=False)
    signer_title = forms.CharField(label=_("Signer's title"), max_length=120, required=False)
    summary = forms.CharField(label=_("Summary"), max_length=500, required=False)


class NomineeForm(forms.Form):
    achievement = forms.CharField(label=_("Achievement (one line)"), max_length=500)
    justification = forms.CharField(
        label=_("Justification (required when the engine finds the nominee not eligible)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    quota_reason = forms.CharField(
        label=_("Reason for exceeding the quota"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    initiative = forms.ModelChoiceField(
        label=_("Initiative grounding the proposal"), queryset=Initiative.objects.none(), required=False
    )

    def __init__(self, *args, initiatives=None, **kwargs):
        super().__init__(*args, **kwargs)
        if initiatives is not None:
            self.fields["initiative"].queryset = initiatives
        else:
            del self.fields["initiative"]


class AddNomineeForm(NomineeForm):
    person = forms.TypedChoiceField(label=_("Person"), coerce=int)
    award = forms.ChoiceField(label=_("Title or award"))

    def __init__(self, *args, people=(), awards=(), **kwargs):
        super().__init__(*args, initiatives=None, **kwargs)
        self.fields["person"].choices = list(people)
        self.fields["award"].choices = list(awards)
        self.order_fields(["person", "award", "achievement", "justification", "quota_reason"])


class MinutesForm(forms.Form):
    meeting_date = DateField(label=_("Council meeting date"))
    members = forms.IntegerField(label=_("Council members"), min_value=1, max_value=99)
    present = forms.IntegerField(label=_("Members present"), min_value=0, max_value=99)
    chair = forms.CharField(label=_("Chair"), max_length=120)
    secretary = forms.CharField(label=_("Secretary"), max_length=120)

    def __init__(self, *args, nominees=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.nominees = list(nominees)
        for n in self.nominees:
            self.fields[f"for_{n.pk}"] = forms.IntegerField(label=_("Votes for"), min_value=0, max_value=99)
            self.fields[f"total_{n.pk}"] = forms.IntegerField(label=_("Votes cast"), min_value=0, max_value=99)

    def votes(self) -> dict[int, tuple[int, int]]:
        data = self.cleaned_data
        return {n.pk: (data[f"for_{n.pk}"], data[f"total_{n.pk}"]) for n in self.nominees}

    def vote_rows(self):
        return [(n, self[f"for_{n.pk}"], self[f"total_{n.pk}"]) for n in self.nominees]


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Component"), choices=UPLOAD_KINDS)
    nominee = forms.TypedChoiceField(label=_("Nominee"), coerce=int, required=False, empty_value=None)
    component = forms.TypedChoiceField(
        label=_("Component required by the campaign"), coerce=int, required=False, empty_value=None
    )
    file = forms.FileField(label=_("File (PDF, Word, image)"))

    def __init__(self, *args, nominees=(), components=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominee"].choices = [("", "—"), *((n.pk, f"{n.name} · {n.award.name}") for n in nominees)]
        if components:
            self.fields["component"].choices = [("", "—"), *((c.pk, c.name) for c in components)]
        else:
            del self.fields["component"]


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason or notice"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class AppraiseNomineeForm(forms.Form):
    nominee = forms.IntegerField(widget=forms.HiddenInput)
    result = forms.ChoiceField(
        label=_("Result"),
        choices=[
            (AppraisalResult.QUALIFIED.value, AppraisalResult.QUALIFIED.label),
            (AppraisalResult.NOT_QUALIFIED.value, AppraisalResult.NOT_QUALIFIED.label),
        ],
    )
    reasons = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class QueueFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("All")), *[(s.value, s.label) for s in DossierState if s != DossierState.DRAFT]],
    )
    sender = forms.CharField(label=_("Sender"), required=False, max_length=120)
    round = forms.TypedChoiceField(label=_("Round"), required=False, coerce=int, empty_value=None)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, *args, rounds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].choices = [("", _("All")), *((r.pk, r.title) for r in rounds)]


class EvidenceForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=500)
    kind = forms.ChoiceField(label=_("Kind"))
    issued_by = forms.CharField(label=_("Issued by"), max_length=255, required=False)
    reference = forms.CharField(label=_("Number"), max_length=60, required=False)
    issued_on = DateField(label=_("Date"), required=False)
    file = forms.FileField(label=_("File (PDF, Word, image)"))

    def __init__(self, *args, **kwargs):
        from dossiers.enums import EvidenceKind

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = EvidenceKind.choices


class RoundForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"))
    title = forms.CharField(label=_("Title"), max_length=500)
    campaign = forms.TypedChoiceField(label=_("Campaign"), coerce=int, required=False, empty_value=None)
    occasion = forms.CharField(label=_("Occasion (sơ kết, tổng kết)"), max_length=120, required=False)
    school_year = forms.TypedChoiceField(label=_("School year"), coerce=int)
    opens_on = DateField(label=_("Opens on"))
    deadline = DateField(label=_("Dossier deadline"), required=False)
    awards = forms.MultipleChoiceField(
        label=_("Titles and awards (for a campaign round: its award offers)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, campaigns=(), awards=(), years=(), **kwargs):
        from dossiers.enums import RoundKind

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = RoundKind.choices
        self.fields["campaign"].choices = [("", "—"), *((c.pk, c.title) for c in campaigns)]
        self.fields["awards"].choices = [(a.code, a.name) for a in awards]
        self.fields["school_year"].choices = [(y, f"{y}–{y + 1}") for y in years]

    def clean(self):
        from dossiers.enums import RoundKind

        data = super().clean()
        if data.get("kind") == RoundKind.CAMPAIGN and not data.get("campaign"):
            self.add_error("campaign", _("Choose the campaign of the round."))
        if data.get("kind") != RoundKind.CAMPAIGN and not data.get("awards"):
            self.add_error("awards", _("Choose at least one title or award."))
        return data
