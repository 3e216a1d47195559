"""Speed-ups of a judging run: cached translations and a paused cyclic collector.

A province-wide run formats hundreds of thousands of details; gettext's thread-local
lookup and the cyclic garbage collector's scans of the (cycle-free) facts would cost
as much as the judging itself.
"""

import gc
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

from django.utils.translation import get_language, gettext

from common.dates import school_year_label as _school_year_label

school_year_label = lru_cache(maxsize=256)(_school_year_label)

# Translations are looked up once per language.
_language: ContextVar[str | None] = ContextVar("awards_eligibility_language", default=None)
_translations: dict[tuple[str, str], str] = {}


def cached_gettext(message: str) -> str:
    """``gettext``, cached per language inside a ``TranslationSnapshot``."""
    language = _language.get()
    if language is None:
        return gettext(message)
    key = (language, message)
    try:
        return _translations[key]
    except KeyError:
        _translations[key] = gettext(message)
        return _translations[key]


def translation_snapshot_active() -> bool:
    return _language.get() is not None


@contextmanager
def cyclic_gc_paused():
    """Pause the cyclic garbage collector while facts are built and judged.

    Facts and results are hundreds of thousands of small objects without reference
    cycles (reference counting frees them); the collector's repeated scans of them
    cost about as much as the judging itself in a province-wide run.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class TranslationSnapshot:
    """Within this block ``cached_gettext`` uses the language active on entry, cached."""

    def __enter__(self):
        self.token = _language.set(get_language() or "")

    def __exit__(self, *exc):
        _language.reset(self.token)
