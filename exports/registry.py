"""The exporters of the portal, by name. An upper app registers each of its Excel exports from its
``AppConfig.ready``; the worker finds them here by the job's ``kind`` (this app never names an upper one).

``build(user, params) -> (filename, sheets)``: the same scope and selectors as the list on the screen,
with the rows of each ``common.excel.Sheet`` a generator (a long list never sits in memory). ``params``
is what the view validated, as JSON (ids, not objects): the worker reads the objects again through the
scoped selectors, so a unit the user no longer sees is not exported. ``count(user, params)`` (optional)
is a cheap COUNT for the progress bar.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from common.excel import Sheet

Build = Callable[[object, dict], tuple[str, Sequence[Sheet]]]
Count = Callable[[object, dict], int]


@dataclass(frozen=True)
class Exporter:
    kind: str
    title: str
    build: Build
    count: Count | None = None


_EXPORTERS: dict[str, Exporter] = {}


def register(kind: str, *, title, build: Build, count: Count | None = None) -> None:
    _EXPORTERS[kind] = Exporter(kind=kind, title=title, build=build, count=count)


def get(kind: str) -> Exporter:
    try:
        return _EXPORTERS[kind]
    except KeyError:
        raise LookupError(f"No exporter registered as {kind!r}") from None


def kinds() -> list[str]:
    return sorted(_EXPORTERS)
