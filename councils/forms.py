"""Forms of the councils: they check shape; the services judge meaning."""

from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import DateField
from councils.enums import Attendance, FileKind, MemberRole

VOTE_CHOICES = [("agree", _("Agree")), ("disagree", _("Disagree"))]


class CouncilForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255)
    school_year = forms.IntegerField(label=_("School year (first year)"), min_value=2000, max_value=2100)
    quorum_percent = forms.IntegerField(
        label=_("Quorum (per cent of members present)"),
        required=False,
        min_value=1,
        max_value=100,
        help_text=_("Empty: the default of the unit's level."),
    )


class CouncilEditForm(CouncilForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["school_year"]


class MemberForm(forms.Form):
    user = forms.TypedChoiceField(label=_("Account"), coerce=int)
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices, initial=MemberRole.MEMBER)
    title = forms.CharField(label=_("Position"), max_length=120, required=False)

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].choices = [(u.pk, f"{u.full_name or u.username} · {u.unit.name}") for u in candidates]


class SessionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    date = DateField(label=_("Meeting date"))
    place = forms.CharField(label=_("Place"), max_length=255)


class BallotForm(forms.Form):
    """One radio pair per secret item; one submit for the whole ballot."""

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            self.fields[f"item_{item.pk}"] = forms.ChoiceField(
                label=f"{item.nominee.name} · {item.award.name}",
                choices=VOTE_CHOICES,
                widget=forms.RadioSelect,
                error_messages={"required": _("Mark agree or disagree.")},
            )

    def choices(self) -> dict[int, bool]:
        return {item.pk: self.cleaned_data[f"item_{item.pk}"] == "agree" for item in self.items}


class WrittenBallotForm(BallotForm):
    member = forms.TypedChoiceField(label=_("Absent member"), coerce=int)

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [(m.pk, m.name) for m in members]
        self.order_fields(["member"])


class AttendanceForm(forms.Form):
    def __init__(self, *args, rows=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = list(rows)
        for row in self.rows:
            self.fields[f"member_{row.member_id}"] = forms.ChoiceField(
                label=f"{row.member.name} ({row.member.get_role_display()})",
                choices=Attendance.choices,
                initial=row.status,
                widget=forms.RadioSelect,
            )

    def statuses(self) -> dict[int, str]:
        return {row.member_id: self.cleaned_data[f"member_{row.member_id}"] for row in self.rows}


class OpenCountForm(forms.Form):
    agree = forms.IntegerField(label=_("Agree"), min_value=0)
    disagree = forms.IntegerField(label=_("Disagree"), min_value=0)


class CloseForm(forms.Form):
    close_ballots = forms.BooleanField(
        label=_("Close the ballot box even though some present members have not voted"), required=False
    )
    reason = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ActForm(forms.Form):
    text = forms.CharField(label=_("What is corrected"), widget=forms.Textarea(attrs={"rows": 3}))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class FileForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=FileKind.choices)
    file = forms.FileField(label=_("Signed scan (PDF or image)"))
