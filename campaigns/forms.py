"""Forms of the campaign screens. They check shape (types, dates, choices); the services check meaning."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from awards.selectors import award_choices
from campaigns.enums import BasisWord, CampaignState, ExceptionKind, ParticipantScope
from campaigns.models import AwardOffer, Campaign, Criterion, DossierComponent, Milestone, Phase, Subject, UpperDocument
from campaigns.selectors import criteria_tree
from common.documents import marker
from common.forms import DateField, show_limits
from common.numbers import decimal_text
from common.text import clean, fold
from common.uploads import sniff_deliverable
from units.enums import PersonRole, UnitKind

# The portal's one date input: dd/mm/yyyy with its picker (common.forms).
DMYDateField = DateField


def _formfield(db_field, **kwargs):
    if isinstance(db_field, models.DateField):
        return db_field.formfield(form_class=DMYDateField, **kwargs)
    if isinstance(db_field, models.TextField):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
    return db_field.formfield(**kwargs)


class ShapeModelForm(forms.ModelForm):
    """A ModelForm that only checks each field's shape: the services validate the object
    (period, targets, transitions) and give the Vietnamese messages. Never ``save()`` it.
    Text limits are said at their fields, never enforced by cutting (``common.forms.show_limits``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        show_limits(self)

    def _post_clean(self):
        pass


def parse_number(raw: str) -> Decimal | None:
    """ "99,5", "99.5", "344", "1 250" → Decimal; None when empty; ValueError otherwise."""
    text = clean(raw).replace(" ", "").replace("\u00a0", "")
    if not text:
        return None
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    try:
        return Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(text) from exc


BLANK = [("", "—")]


def amendment_reason_field() -> forms.CharField:
    """The reason every change of a launched plan is recorded with ("Lý do điều chỉnh")."""
    return forms.CharField(
        label=_("Reason for the amendment"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        error_messages={"required": _("Give the reason for the amendment.")},
        help_text=_("The plan is launched: the change is recorded as an amendment with this reason."),
    )


def _ask_reason(form: forms.BaseForm) -> None:
    """Put the amendment reason first in a form of a launched plan."""
    form.fields = {"amendment_reason": amendment_reason_field(), **form.fields}
    show_limits(form)


# --- The plan ------------------------------------------------------------------------------


class CampaignForm(ShapeModelForm):
    class Meta:
        model = Campaign
        formfield_callback = _formfield
        fields = (
            "title",
            "kind",
            "summary",
            "governing_body",
            "number",
            "symbol",
            "issued_place",
            "issued_on",
            "signing_authority",
            "signer_title",
            "signer_name",
            "theme",
            "starts_on",
            "ends_on",
            "preamble",
            "purpose",
            "requirements",
            "organisation",
            "distribution",
            "min_exemplars_per_unit",
            "min_exemplars_issuer",
        )
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "summary": forms.Textarea(attrs={"rows": 2}),
            "distribution": forms.Textarea(attrs={"rows": 4}),
        }


class AmendmentForm(CampaignForm):
    reason = forms.CharField(
        label=_("Reason for the amendment"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )

    class Meta(CampaignForm.Meta):
        fields = ("reason", *CampaignForm.Meta.fields)


class ParticipantsForm(forms.Form):
    participant_scope = forms.ChoiceField(
        label=_("Who takes part"), choices=ParticipantScope.choices, widget=forms.RadioSelect
    )
    participant_kinds = forms.MultipleChoiceField(
        label=_("Unit kinds taking part"),
        choices=UnitKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    participant_units = forms.ModelMultipleChoiceField(
        label=_("Units taking part"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 12}),
    )

    def __init__(self, *args, units, amending: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant_units"].queryset = units
        if amending:
            _ask_reason(self)


class StateForm(forms.Form):
    state = forms.ChoiceField(choices=CampaignState.choices)
    reason = forms.CharField(label=_("Reason"), required=False, max_length=2000)
    # Launching a plan whose period has already ended is confirmed first.
    confirm_past = forms.BooleanField(required=False, widget=forms.HiddenInput)


# --- Parts of the plan -----------------------------------------------------------------------------


class PartForm(ShapeModelForm):
    """A part of a plan; knows its campaign (for the choices it offers) and the user.

    On a launched plan (``amending``) it asks for the reason of the amendment first.
    """

    def __init__(self, *args, campaign: Campaign, user, amending: bool = False, **kwargs):
        self.campaign = campaign
        self.user = user
        super().__init__(*args, **kwargs)
        if amending:
            _ask_reason(self)

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)


class UpperDocumentForm(PartForm):
    class Meta:
        model = UpperDocument
        formfield_callback = _formfield
        fields = ("basis", "number_symbol", "issued_on", "issuer_name", "summary", "linked_campaign")

    def __init__(self, *args, linkable=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["linked_campaign"]
        field.queryset = linkable if linkable is not None else Campaign.objects.none()
        field.label = _("Upper plan in the portal")
        field.label_from_instance = lambda c: f"{c.number_symbol} — {c.title}" if c.number_symbol else c.title
        field.help_text = _("When the upper plan is in the portal, choose it to link the two.")
        self.fields["basis"].required = False
        self.fields["basis"].help_text = _(
            "How the printed plan introduces this document: “pursuant to …” or “implementing …”."
        )

    def clean_basis(self):
        return self.cleaned_data.get("basis") or BasisWord.BASED_ON


class PhaseForm(PartForm):
    class Meta:
        model = Phase
        formfield_callback = _formfield
        fields = ("name", "starts_on", "ends_on")


class SubjectForm(PartForm):
    unit_kind = forms.ChoiceField(label=_("Unit kind"), choices=BLANK + UnitKind.choices, required=False)
    person_role = forms.ChoiceField(label=_("Person role"), choices=BLANK + PersonRole.choices, required=False)

    class Meta:
        model = Subject
        formfield_callback = _formfield
        fields = ("kind", "description", "unit_kind", "person_role")
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


def criterion_parent_choices(campaign: Campaign, *, exclude: int | None = None) -> list[tuple]:
    """The plan's criteria as a tree, each indented by its depth ("2.1" under "2"); an item and its own
    items are not offered as its parent."""
    choices, skip_below = [("", "---------")], None
    for criterion, depth in criteria_tree(campaign):
        if skip_below is not None:
            if depth > skip_below:
                continue
            skip_below = None
        if criterion.pk == exclude:
            skip_below = depth
            continue
        title = criterion.title if len(criterion.title) <= 90 else criterion.title[:89] + "…"
        label = f"{marker(criterion.number)} {title}".strip()
        choices.append((criterion.pk, "\u00a0\u00a0\u00a0\u00a0" * depth + label))
    return choices


class CriterionForm(PartForm):
    target_value = forms.CharField(
        label=_("Target value"),
        required=False,
        max_length=30,
        help_text=_("A number, e.g. 344 or 99,5; leave empty for a criterion without a figure."),
    )
    person_role = forms.ChoiceField(label=_("Person role"), choices=BLANK + PersonRole.choices, required=False)

    class Meta:
        model = Criterion
        formfield_callback = _formfield
        fields = (
            "parent",
            "number",
            "title",
            "body",
            "target_value",
            "target_unit",
            "target_year",
            "subject_kind",
            "person_role",
            "phase",
            "portal_section",
        )
        widgets = {"title": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parents = self.campaign.criteria.all()
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
            self.initial["target_value"] = decimal_text(self.instance.target_value)
        self.fields["parent"].queryset = parents
        self.fields["parent"].choices = criterion_parent_choices(self.campaign, exclude=self.instance.pk)
        self.fields["parent"].label = _("Under")
        self.fields["parent"].help_text = _("Left empty, “2.1.1” is put under “2.1” when the plan has it.")
        self.fields["phase"].queryset = self.campaign.phases.all()
        self.fields["phase"].label = _("Phase")


class OutlineForm(forms.Form):
    """The plan's content pasted as a numbered outline; previewed, then saved as criteria."""

    text = forms.CharField(
        label=_("Outline"),
        widget=forms.Textarea(attrs={"rows": 18, "spellcheck": "false"}),
        help_text=_(
            "Paste the content as it is written, one item a line: “II. …”, “1. …”, “1.1. …”, “a) …”, “- …”, “+ …”. "
            "A line without a number continues the item above it; after an empty line it is the item's text."
        ),
    )

    def __init__(self, *args, amending: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if amending:
            _ask_reason(self)


class AwardOfferForm(PartForm):
    class Meta:
        model = AwardOffer
        formfield_callback = _formfield
        fields = ("name", "award", "occasion", "quota")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Awards are decided when the plan ends: a form that no longer exists then is not offered.
        self.fields["award"].queryset = award_choices(judged_only=True, on_date=self.campaign.ends_on)


class DossierComponentForm(PartForm):
    class Meta:
        model = DossierComponent
        formfield_callback = _formfield
        fields = ("name", "is_required")
        widgets = {"name": forms.Textarea(attrs={"rows": 2})}


class MilestoneForm(PartForm):
    owed_by_kinds = forms.MultipleChoiceField(
        label=_("Owed by unit kinds"),
        choices=UnitKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every participating unit."),
    )
    figures = forms.CharField(
        label=_("Figures asked for"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line, optionally with a unit after “|”, e.g. “Số trường đạt chuẩn | trường”."),
    )

    class Meta:
        model = Milestone
        formfield_callback = _formfield
        fields = (
            "title",
            "deliverable",
            "recurrence",
            "due_on",
            "due_day",
            "due_month",
            "phase",
            "owed_by_issuer",
            "owed_by_kinds",
            "recipient",
            "is_individual",
            "figures",
            "description",
        )

    def __init__(self, *args, recipients=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].queryset = self.campaign.phases.all()
        self.fields["phase"].label = _("Phase")
        self.fields["recipient"].queryset = recipients if recipients is not None else self.fields["recipient"].queryset
        self.fields["due_on"].help_text = _("For a one-off deadline.")
        self.fields["due_day"].help_text = _("For a yearly deadline: day and month.")
        if self.instance.pk:
            self.initial["figures"] = "\n".join(
                f"{f['label']} | {f['unit']}" if f.get("unit") else f["label"] for f in self.instance.figures
            )

    def clean_figures(self) -> list[dict]:
        figures, keys = [], set()
        for line in self.cleaned_data["figures"].splitlines():
            label, _sep, unit = (clean(part) for part in line.partition("|"))
            if not label:
                continue
            base = re.sub(r"[^a-z0-9]+", "_", fold(label)).strip("_")[:40] or "so_lieu"
            key, n = base, 2
            while key in keys:
                key, n = f"{base}_{n}", n + 1
            keys.add(key)
            figures.append({"key": key, "label": label, "unit": unit})
        return figures


class PartDeleteForm(forms.Form):
    """Deleting a part of a launched plan: only the reason of the amendment."""

    def __init__(self, *args, amending: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if amending:
            _ask_reason(self)


# --- Deadlines and submissions ----------------------------------------------------------------------


class ExceptionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Decision"), choices=ExceptionKind.choices, widget=forms.RadioSelect)
    new_due_on = DMYDateField(label=_("New due date"), required=False, help_text=_("For an extension."))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)

    def clean(self):
        data = super().clean()
        if data.get("kind") == ExceptionKind.EXTENDED and not data.get("new_due_on"):
            self.add_error("new_due_on", _("Give the new due date of the extension."))
        return data


class SubmissionForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("PDF, Word (.docx), Excel (.xlsx) or an image (PNG, JPEG)."),
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, figures: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.figure_specs = figures
        for spec in figures:
            label = f"{spec['label']} ({spec['unit']})" if spec.get("unit") else spec["label"]
            self.fields[f"figure_{spec['key']}"] = forms.CharField(label=label, max_length=30)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            upload.content_type = sniff_deliverable(upload)
        return upload

    def clean(self):
        data = super().clean()
        figures = {}
        for spec in self.figure_specs:
            name = f"figure_{spec['key']}"
            if name not in data:
                continue
            try:
                value = parse_number(data[name])
            except ValueError:
                self.add_error(name, _("Enter a number, e.g. 344 or 99,5."))
                continue
            if value is not None:
                figures[spec["key"]] = int(value) if value == value.to_integral() else float(value)
        data["figures"] = figures
        return data
