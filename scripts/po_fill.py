"""Fill the empty entries of a .po catalogue from a JSON file {msgid or "context|msgid": msgstr}; prints what is
still missing. An entry already translated is left as it is."""

import json
import sys
from pathlib import Path

import polib


def main(po_path: str, json_path: str) -> None:
    catalogue = polib.pofile(po_path)
    translations = json.loads(Path(json_path).read_text(encoding="utf-8"))
    missing = []
    for entry in catalogue:
        key = f"{entry.msgctxt}|{entry.msgid}" if entry.msgctxt else entry.msgid
        given = translations.get(key) or translations.get(entry.msgid)
        if "fuzzy" in entry.flags:
            # msgmerge's guess from a similar msgid is never kept: translate it or leave it missing.
            entry.flags.remove("fuzzy")
            entry.previous_msgid = entry.previous_msgctxt = None
            entry.msgstr = ""
        # Only an empty entry is filled: a msgid already translated in this catalogue keeps its wording
        # (a helper's JSON once replaced "Tổng hợp" by "Bảng điều hành" in every catalogue it reached).
        if not entry.msgstr:
            entry.msgstr = given or ""
        if not entry.msgstr and not (entry.msgstr_plural and all(entry.msgstr_plural.values())):
            missing.append(key)
    catalogue.metadata.update(
        {"Language": "vi", "Content-Type": "text/plain; charset=UTF-8", "Plural-Forms": "nplurals=1; plural=0;"}
    )
    catalogue.save()
    print("missing:", missing)


if __name__ == "__main__":
    main(*sys.argv[1:3])
