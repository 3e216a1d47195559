"""Vietnamese text helpers: NFC cleaning, diacritic folding for search, collation keys.

Searching and sorting happen on stored derived columns (``*_search``, ``*_sort``) so
they behave the same on SQLite and PostgreSQL without database extensions.
"""

import re
import unicodedata

_SPACES = re.compile(r"\s+")

# Vietnamese dictionary order of base letters; digits and space come first, and the
# Latin letters Vietnamese does not use (f, j, w, z) sit where English puts them.
_ALPHABET = " 0123456789aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {letter: index + 1 for index, letter in enumerate(_ALPHABET)}
# Tone order used by Vietnamese dictionaries: level, grave, hook, tilde, acute, dot.
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_UNKNOWN_RANK = len(_ALPHABET) + 1


def clean(value: str | None) -> str:
    """NFC-normalise, trim and collapse runs of whitespace."""
    if not value:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", str(value))).strip()


def fold(value: str | None) -> str:
    """Lower-case and strip diacritics ("Nguyễn Đức" -> "nguyen duc") for search."""
    text = clean(value).lower().replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _encode(rank: int) -> str:
    # Two lower-case letters per character: compares identically under the C
    # collation, SQLite's BINARY and glibc locales, which ignore nothing here.
    return chr(97 + rank // 26) + chr(97 + rank % 26)


def _letters_and_tones(text: str) -> tuple[str, str]:
    primary, tones = [], []
    for ch in clean(text).lower():
        decomposed = unicodedata.normalize("NFD", ch)
        tone = 0
        letter = decomposed[0]
        for mark in decomposed[1:]:
            if mark in _TONE_RANK:
                tone = _TONE_RANK[mark]
            else:
                letter += mark
        letter = unicodedata.normalize("NFC", letter)
        primary.append(_encode(_LETTER_RANK.get(letter, _UNKNOWN_RANK)))
        tones.append(chr(97 + tone))
    return "".join(primary), "".join(tones)


def sort_key(text: str | None) -> str:
    """Collation key in Vietnamese alphabetical order (letters first, then tones)."""
    primary, tones = _letters_and_tones(text or "")
    return f"{primary}aa{tones}"


def person_sort_key(full_name: str | None) -> str:
    """Vietnamese name lists sort by given name (the last word), then the rest."""
    words = clean(full_name).split(" ")
    given, rest = words[-1], " ".join(words[:-1])
    given_primary, given_tones = _letters_and_tones(given)
    rest_primary, rest_tones = _letters_and_tones(rest)
    return f"{given_primary}aa{rest_primary}aa{given_tones}{rest_tones}"


_UNVERIFIED_NOTE = re.compile(r"\s*\([^()]*chưa xác minh[^()]*\)", re.IGNORECASE)


def without_unverified_notes(text: str | None) -> tuple[str, bool]:
    """ "Điều 28 (số điều chưa xác minh); Điều 80" → ("Điều 28; Điều 80", True): the notes meant for
    whoever maintains a text, taken out, and whether there were any."""
    value = unicodedata.normalize("NFC", str(text or ""))
    cleaned, count = _UNVERIFIED_NOTE.subn("", value)
    return cleaned.strip(), count > 0
