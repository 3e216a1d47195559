"""Forms of certificates: they validate shape; the services validate meaning (limits, kinds)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from certificates.enums import FIELD_LABELS, FIELDS, PrintMode

PARTS = (
    ("x", pgettext_lazy("layout", "from the left (mm)")),
    ("y", pgettext_lazy("layout", "from the top (mm)")),
    ("w", pgettext_lazy("layout", "width (mm)")),
    ("size", pgettext_lazy("layout", "font size (pt)")),
)


class PrintForm(forms.Form):
    mode = forms.ChoiceField(
        label=_("How to print"),
        choices=PrintMode.choices,
        initial=PrintMode.FULL,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )


class LayoutForm(forms.Form):
    """One row per text of the certificate (x, y, width, size) and the printer's overall shift."""

    offset_x = forms.DecimalField(
        label=_("Shift everything right (mm, negative: left)"), max_digits=5, decimal_places=1
    )
    offset_y = forms.DecimalField(label=_("Shift everything down (mm, negative: up)"), max_digits=5, decimal_places=1)

    def __init__(self, *args, positions: dict[str, dict], **kwargs):
        super().__init__(*args, **kwargs)
        for name in FIELDS:
            for part, label in PARTS:
                self.fields[f"{name}_{part}"] = forms.DecimalField(
                    label=f"{FIELD_LABELS[name]}: {label}",
                    max_digits=6,
                    decimal_places=1,
                    initial=positions[name][part],
                )

    def rows(self):
        """(label, [bound fields]) per certificate text, for the table of the page."""
        return [(FIELD_LABELS[name], [self[f"{name}_{part}"] for part, _label in PARTS]) for name in FIELDS]

    @staticmethod
    def part_labels():
        return [label for _part, label in PARTS]

    def positions(self) -> dict[str, dict]:
        return {name: {part: self.cleaned_data[f"{name}_{part}"] for part, _label in PARTS} for name in FIELDS}


class VerifyForm(forms.Form):
    code = forms.CharField(label=_("Verification code"), max_length=20)
