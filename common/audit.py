"""The audit log read as sentences: one place maps each action code to what users read.

Each app registers the sentences of the actions its services log, in its ``AppConfig.ready``::

    audit.register_sentences({"unit.renamed": gettext_lazy("Renamed from “%(old)s” to “%(new)s”")})

A sentence is a lazy msgid that may name values of the entry's ``data`` (``%(old)s``; a missing value
reads as empty), or a function of the data giving the sentence. ``audit_sentence(entry)`` reads it;
templates draw ``{{ entry|audit_sentence }}``. A code without a sentence is never shown: users read
"Recorded change" (and ``tests/test_audit_sentences.py`` fails for any code the services log without one).
"""

from collections.abc import Callable, Mapping

from django.utils.functional import Promise
from django.utils.translation import gettext

Sentence = Promise | Callable[[dict], str]
_SENTENCES: dict[str, Sentence] = {}


class _Values(dict):
    def __missing__(self, key):
        return ""


def register_sentences(sentences: Mapping[str, Sentence]) -> None:
    _SENTENCES.update(sentences)


def registered_actions() -> set[str]:
    return set(_SENTENCES)


def action_sentence(action: str, data: dict | None = None) -> str:
    sentence = _SENTENCES.get(action)
    data = data if isinstance(data, dict) else {}
    if sentence is None:
        return gettext("Recorded change")
    if callable(sentence) and not isinstance(sentence, Promise):
        return sentence(data)
    values = _Values({key: _plain(value) for key, value in data.items()})
    return str(sentence) % values


def audit_sentence(entry) -> str:
    """The sentence of an ``AuditLog`` entry."""
    return action_sentence(entry.action, entry.data)


def _plain(value) -> str:
    if isinstance(value, dict) and "name" in value:
        return str(value["name"])
    if isinstance(value, list | tuple):
        return ", ".join(_plain(v) for v in value)
    return "" if value is None else str(value)


def state_change(sentence: Promise, choices) -> Callable[[dict], str]:
    """A sentence naming the states of a ``from``/``to`` change by their labels ("Nháp → Đã gửi")."""

    def label(value) -> str:
        return str(choices(value).label) if value in choices.values else ("" if value is None else str(value))

    def read(data: dict) -> str:
        return str(sentence) % {"from": label(data.get("from")), "to": label(data.get("to"))}

    return read
