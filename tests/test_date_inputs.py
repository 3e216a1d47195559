"""One date input everywhere: dd/mm/yyyy typed or picked (common.forms), the picker from the npm
registry served by the app."""

import datetime
import importlib
import inspect
import json
import re
from pathlib import Path

import pytest
from django import forms
from django.urls import reverse

from common.forms import DateField, DateInput
from tests.url_table import APPS

ROOT = Path(__file__).resolve().parents[1]


def _date_fields():
    for app in APPS:
        try:
            module = importlib.import_module(f"{app}.forms")
        except ModuleNotFoundError:
            continue
        for name, form in inspect.getmembers(module, inspect.isclass):
            if not issubclass(form, forms.BaseForm) or form.__module__ != module.__name__:
                continue
            for field_name, field in form.base_fields.items():
                if isinstance(field, forms.DateField):
                    yield f"{app}.forms.{name}.{field_name}", field


def test_date_inputs_every_form_uses_the_portals_date_field():
    fields = dict(_date_fields())
    assert len(fields) > 20
    wrong = [
        name
        for name, field in fields.items()
        if not isinstance(field, DateField)
        or not isinstance(field.widget, DateInput)
        or field.widget.input_type != "text"
        or field.widget.format != "%d/%m/%Y"
    ]
    assert wrong == []


def test_date_input_reads_and_writes_dd_mm_yyyy():
    field = DateField()
    assert field.clean("05/09/2024") == datetime.date(2024, 9, 5)
    assert field.clean("5/9/2024") == datetime.date(2024, 9, 5)
    html = field.widget.render("d", datetime.date(2024, 9, 5))
    assert 'type="text"' in html
    assert 'value="05/09/2024"' in html
    assert 'data-date-picker="d/m/Y"' in html
    with pytest.raises(forms.ValidationError) as caught:
        field.clean("2024/31/12")
    assert caught.value.messages == ["Nhập ngày theo dạng dd/mm/yyyy, ví dụ 05/09/2024."]


def test_date_picker_comes_from_npm_and_is_served_by_the_app(world, client_for):
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    assert package["dependencies"]["flatpickr"] == "4.6.13"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "cp node_modules/flatpickr/dist/flatpickr.min.js" in makefile
    page = client_for(world.users["phong_officer"]).get(reverse("campaigns:create")).content.decode()
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', page)
    assert "/static/vendor/flatpickr/flatpickr.min.js" in [s.split("?")[0] for s in scripts] or any(
        "vendor/flatpickr/flatpickr" in s for s in scripts
    )
    assert [s for s in scripts if s.startswith(("http:", "https:", "//"))] == []
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", page) == []  # no inline script
    portal_js = (ROOT / "static" / "js" / "portal.js").read_text(encoding="utf-8")
    assert 'dateFormat: input.getAttribute("data-date-picker") || "d/m/Y"' in portal_js
    assert "disableMobile: true" in portal_js
