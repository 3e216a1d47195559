"""The permission table: every URL of the portal, every persona, the expected answer.

Each app lists its URLs in ``<app>/tests/url_cases.py`` as ``CASES``; this module
gathers them. ``tests/test_permission_table.py`` walks the table and also fails when
a named URL has no row, so a new view cannot ship without its permission row.
"""

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field

APPS = (
    "exports",
    "units",
    "accounts",
    "awards",
    "campaigns",
    "emulation",
    "reminders",
    "dossiers",
    "councils",
    "decisions",
    "certificates",
    "reports",
    "privacy",
)


@dataclass
class UrlCase:
    """One URL. ``expect`` maps persona -> status; anonymous is 302 (to login) unless given.

    ``url`` and ``data`` take the ``World`` fixture; ``setup`` may add objects to it
    (stored in ``world.extra``) before the URL is built.
    """

    name: str
    url: Callable
    expect: dict[str, int]
    method: str = "get"
    data: Callable | None = None
    setup: Callable | None = None
    id: str = ""
    extra_personas: dict = field(default_factory=dict)

    @property
    def label(self) -> str:
        return self.id or self.name


def all_cases() -> list[UrlCase]:
    cases = []
    for app in APPS:
        try:
            module = importlib.import_module(f"{app}.tests.url_cases")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app}.tests.url_cases":
                raise
            continue
        cases.extend(module.CASES)
    return cases
