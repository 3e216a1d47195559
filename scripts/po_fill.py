"""Fill a .po catalogue from a JSON file {msgid or "context|msgid": msgstr}; prints what is still missing."""

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
        entry.msgstr = given or entry.msgstr
        if not entry.msgstr and not (entry.msgstr_plural and all(entry.msgstr_plural.values())):
            missing.append(key)
    catalogue.metadata.update(
        {"Language": "vi", "Content-Type": "text/plain; charset=UTF-8", "Plural-Forms": "nplurals=1; plural=0;"}
    )
    catalogue.save()
    print("missing:", missing)


if __name__ == "__main__":
    main(*sys.argv[1:3])
