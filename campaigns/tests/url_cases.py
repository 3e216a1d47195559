"""Gathers the permission-table rows of every campaigns area (``url_cases_<area>.py``)."""

import importlib
import pkgutil

import campaigns.tests as package

CASES = []
for module_info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
    if module_info.name.startswith("url_cases_"):
        CASES.extend(importlib.import_module(f"campaigns.tests.{module_info.name}").CASES)
