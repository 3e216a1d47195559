"""Every msgid has a Vietnamese translation: the UI must never fall back to English."""

from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted(
    p
    for p in ROOT.glob("**/locale/vi/LC_MESSAGES/django.po")
    if ".venv" not in p.parts and "node_modules" not in p.parts
)


def test_there_is_a_catalogue_per_app():
    apps = {p.relative_to(ROOT).parts[0] for p in CATALOGUES}
    assert {"units", "locale"} <= apps


@pytest.mark.parametrize("path", CATALOGUES, ids=[str(p.relative_to(ROOT)) for p in CATALOGUES])
def test_catalogue_is_complete(path):
    catalogue = polib.pofile(str(path))
    untranslated = [e.msgid for e in catalogue.untranslated_entries()]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
    assert (untranslated, fuzzy) == ([], [])
