"""Form pieces every app uses: the one date input of the portal.

Dates are typed and shown as dd/mm/yyyy, the way Vietnamese documents write them, on phones and
desktops alike: a text input (never ``type="date"``, whose format follows the browser's locale),
with the flatpickr picker (``static/js/portal.js``, from the npm registry) reading and writing the
same format.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

DATE_FORMAT = "%d/%m/%Y"
# Typed: 05/09/2024, 5/9/2024, 05-09-2024, 05.09.2024; ISO (2024-09-05) from older links and scripts.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]


class DateInput(forms.DateInput):
    """A dd/mm/yyyy text input that the picker enhances (``data-date-picker``)."""

    input_type = "text"

    def __init__(self, attrs=None, format=None):
        defaults = {
            "placeholder": "dd/mm/yyyy",
            "inputmode": "numeric",
            "autocomplete": "off",
            "data-date-picker": "d/m/Y",
            "pattern": r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}|\d{4}-\d{2}-\d{2}",
        }
        super().__init__(attrs={**defaults, **(attrs or {})}, format=format or DATE_FORMAT)


class DateField(forms.DateField):
    """A date typed as dd/mm/yyyy, e.g. 05/09/2024."""

    widget = DateInput
    default_error_messages = {"invalid": _("Enter the date as dd/mm/yyyy, e.g. 05/09/2024.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATE_INPUT_FORMATS)
        super().__init__(**kwargs)


def show_limits(form: forms.BaseForm) -> None:
    """No text is cut silently: a browser truncates a pasted text at ``maxlength`` without a word, so
    the attribute goes and the limit is said at the field instead ("At most 500 characters."); a longer
    text comes back with the field's error, whole, for the user to shorten."""
    for field in form.fields.values():
        limit = getattr(field, "max_length", None)
        if not limit or isinstance(field.widget, forms.HiddenInput) or "data-max-length" in field.widget.attrs:
            continue
        field.widget.attrs.pop("maxlength", None)
        field.widget.attrs["data-max-length"] = str(limit)
        note = _("At most %(count)d characters.") % {"count": limit}
        given = str(field.help_text or "").strip()
        if given and not given.endswith((".", "!", "?", ":", ")")):
            given += "."
        field.help_text = f"{given} {note}" if given else note
