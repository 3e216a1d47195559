"""Forms of the unit registry: they check shape; the services check meaning.

Choice querysets always come from the scoped selectors, so a form cannot offer (or
accept) a unit outside the user's scope.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from common.dates import school_year_of
from common.forms import DateField
from common.text import fold
from units import imports, selectors
from units.enums import (
    ADMIN_GRANTABLE_ROLES,
    OFFICER_GRANTABLE_ROLES,
    ROLE_EXPLANATIONS,
    ROOT_UNIT_KINDS,
    ClusterKind,
    ImportKind,
    PersonRole,
    UnitKind,
)
from units.models import Person, Unit


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.code})"


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.code})"


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Show a service's ValidationError at the field it names, or above the form."""
    if hasattr(exc, "error_dict"):
        for key, messages in exc.message_dict.items():
            form.add_error(key if key in form.fields else None, messages)
    else:
        form.add_error(None, exc.messages)


class UnitForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = (
            "kind",
            "name",
            "short_name",
            "code",
            "address",
            "phone",
            "email",
            "head_name",
            "head_title",
            "active_from",
            "active_to",
        )
        field_classes = {"active_from": DateField, "active_to": DateField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The service validates the code's uniqueness and tree fields; here only shape.
        self.fields["code"].help_text = _("Upper-case letters, digits and dashes, e.g. THCS-XUANSON.")

    def validate_unique(self):
        """Uniqueness is checked by the service, with the rest of the meaning."""


class RenameForm(forms.Form):
    new_name = forms.CharField(label=_("New official name"), max_length=255)
    date = DateField(label=_("Effective date"), initial=timezone.localdate)
    decision = forms.CharField(label=_("Decision"), max_length=120, required=False)


class MergeForm(forms.Form):
    sources = UnitMultipleChoiceField(
        label=_("Units merged into this one"),
        queryset=Unit.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    date = DateField(label=_("Effective date"), initial=timezone.localdate)
    decision = forms.CharField(label=_("Decision"), max_length=120, required=False)
    move_people = forms.BooleanField(label=_("Move their people to this unit"), required=False, initial=True)

    def __init__(self, *args, user, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sources"].queryset = selectors.unit_restructure_choices(user, around=unit)


class SplitForm(forms.Form):
    parts = UnitMultipleChoiceField(
        label=_("Units that came out of this one"),
        queryset=Unit.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Create the new units first, then record the split here."),
    )
    date = DateField(label=_("Effective date"), initial=timezone.localdate)
    decision = forms.CharField(label=_("Decision"), max_length=120, required=False)
    close_source = forms.BooleanField(label=_("This unit stops its activity"), required=False, initial=True)

    def __init__(self, *args, user, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parts"].queryset = selectors.unit_restructure_choices(user, around=unit)


class MoveForm(forms.Form):
    new_parent = UnitChoiceField(label=_("New managing unit"), queryset=Unit.objects.none())
    date = DateField(label=_("Effective date"), initial=timezone.localdate)
    decision = forms.CharField(label=_("Decision"), max_length=120, required=False)

    def __init__(self, *args, user, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_parent"].queryset = selectors.unit_choices(user, exclude_subtree_of=unit)


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = (
            "full_name",
            "gender",
            "birth_date",
            "role",
            "position",
            "qualifications",
            "sector_start_year",
            "national_id",
            "email",
            "phone",
        )
        field_classes = {"birth_date": DateField}

    def __init__(self, *args, show_national_id: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not show_national_id:
            del self.fields["national_id"]


class TransferForm(forms.Form):
    to_unit = UnitChoiceField(label=_("To unit"), queryset=Unit.objects.none())
    date = DateField(label=_("Date"), initial=timezone.localdate)
    decision = forms.CharField(label=_("Decision"), max_length=120, required=False)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_unit"].queryset = selectors.unit_choices(user).exclude(pk=person.unit_id)


class DeactivateForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("E.g. retired, moved out of the sector."),
    )


class ClusterForm(forms.Form):
    organiser = UnitChoiceField(label=_("Organising unit"), queryset=Unit.objects.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=ClusterKind.choices, initial=ClusterKind.CLUSTER)
    name = forms.CharField(label=_("Name"), max_length=255)
    school_year = forms.IntegerField(
        label=_("School year (first year)"),
        min_value=2000,
        max_value=2100,
        initial=lambda: school_year_of(timezone.localdate()),
    )
    members = UnitMultipleChoiceField(
        label=_("Member units"), queryset=Unit.objects.none(), widget=forms.SelectMultiple(attrs={"size": 10})
    )
    head_unit = UnitChoiceField(label=_("Head unit"), queryset=Unit.objects.none())
    deputy_unit = UnitChoiceField(label=_("Deputy unit"), queryset=Unit.objects.none(), required=False)

    def __init__(self, *args, user, organisers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = organisers
        units = selectors.unit_choices(user)
        for name in ("members", "head_unit", "deputy_unit"):
            self.fields[name].queryset = units
        if user.unit_id:
            self.fields["organiser"].initial = user.unit_id


class ImportForm(forms.Form):
    # Award history has its own page (awards:import); this form imports the registry only.
    kind = forms.ChoiceField(
        label=_("What the file holds"), choices=[(k.value, k.label) for k in (ImportKind.UNITS, ImportKind.PEOPLE)]
    )
    file = forms.FileField(
        label=_("Excel file (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.sheet = imports.read_upload(upload)  # raises ValidationError with the reason
        return upload


class UnitFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *UnitKind.choices])


class PersonFilterForm(forms.Form):
    """The people list's filters. The unit is typed (suggestions as you type, ``units:unit-suggest``)
    and kept as a hidden id: no select of every unit in scope. Without JavaScript a typed name
    filters by the best match in scope."""

    q = forms.CharField(label=_("Search"), required=False)
    unit = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    unit_name = forms.CharField(label=_("Unit"), required=False, max_length=255)
    role = forms.ChoiceField(
        label=pgettext_lazy("person", "Role"), required=False, choices=[("", _("All roles")), *PersonRole.choices]
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        # The list refreshes its table through HTMX when a filter changes.
        self.fields["role"].widget.attrs.update(
            {"class": "form-select", "hx-get": reverse_lazy("units:person-list"), "hx-trigger": "change"}
        )

    def clean(self):
        data = super().clean()
        unit_id, typed = data.get("unit"), (data.get("unit_name") or "").strip()
        unit = None
        if unit_id:
            unit = selectors.visible_units(self.user).filter(pk=unit_id).first()
            if unit is None:
                self.add_error("unit_name", _("This unit is not in your scope."))
            elif typed and fold(typed) != fold(unit.name):
                unit = None  # typed over the chosen unit without picking a suggestion: go by the text
        if unit is None and typed and not self.errors:
            matches = selectors.unit_picker(self.user, query=typed, limit=1)
            if matches:
                unit = matches[0]
            else:
                self.add_error("unit_name", _("No unit in your scope matches “%(name)s”.") % {"name": typed})
        data["unit"] = unit
        return data


class RootUnitForm(UnitForm):
    """A unit at the top of the tree (UBND tỉnh, a Sở, a UBND xã), made by a system administrator."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k.value, k.label) for k in ROOT_UNIT_KINDS]


def role_choices(roles) -> list[tuple[str, str]]:
    """Each role with what it lets the account do, in plain words."""
    return [(role.value, f"{role.label} — {ROLE_EXPLANATIONS[role]}") for role in roles]


class AccountForm(forms.Form):
    """A new account. The unit comes from the search-as-you-type picker (a hidden id)."""

    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), widget=forms.HiddenInput)
    full_name = forms.CharField(label=_("Full name"), max_length=120)
    email = forms.EmailField(label=_("Email"), help_text=_("The invitation to choose a password is sent here."))
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        required=False,
        help_text=_("Leave empty to make one from the name, e.g. lan.nt for Nguyễn Thị Lan."),
    )
    roles = forms.MultipleChoiceField(label=_("Roles"), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = selectors.visible_units(user)
        self.fields["roles"].choices = role_choices(_any_roles(user))


def _any_roles(user):
    """The roles the user gives at all; the service checks them against the chosen unit."""
    return ADMIN_GRANTABLE_ROLES if user.is_superuser else OFFICER_GRANTABLE_ROLES


class AccountEditForm(forms.Form):
    """An existing account: its name, email and roles (its unit and username stay)."""

    full_name = forms.CharField(label=_("Full name"), max_length=120)
    email = forms.EmailField(label=_("Email"))
    roles = forms.MultipleChoiceField(label=_("Roles"), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roles"].choices = role_choices(_any_roles(user))


class BulkAccountForm(forms.Form):
    """Accounts for people chosen from the people list, all with the same roles."""

    people = forms.ModelMultipleChoiceField(
        label=_("People"), queryset=Person.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    roles = forms.MultipleChoiceField(label=_("Roles"), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, user, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = people
        self.fields["roles"].choices = role_choices(_any_roles(user))


class AccountDeactivateForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)
