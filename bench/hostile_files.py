"""Benchmark: how fast the one Excel reader refuses each hostile spreadsheet.

    .venv/bin/python bench/hostile_files.py [--max-rows 20000] [--repeat 5]

Builds the samples of ``common/tests/hostile_files.py`` (nothing stored) and times
``common.excel.read_sheet`` on each (best and worst of ``--repeat``), beside a baseline: reading
a valid workbook of ``--max-rows`` people. Prints figures; the tests assert the bound (< 1 s).
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--max-rows", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import translation

    from common import excel
    from common.tests import hostile_files

    translation.activate("vi")
    started = time.monotonic()
    samples = hostile_files.samples(max_rows=args.max_rows)
    print(f"{len(samples)} samples built in {time.monotonic() - started:.1f} s (max_rows={args.max_rows})")
    worst, failures = 0.0, 0
    for sample in samples:
        times, message = [], ""
        for _ in range(args.repeat):
            begin = time.monotonic()
            try:
                excel.read_sheet(SimpleUploadedFile("x.xlsx", sample.data), max_rows=args.max_rows)
                message = "ACCEPTED"
            except ValidationError as exc:
                message = exc.messages[0]
            times.append(time.monotonic() - begin)
        ok = message.startswith(sample.message)
        failures += not ok
        worst = max(worst, max(times))
        print(
            f"{sample.name:42s} {len(sample.data) / 1024:8.1f} kB  best {min(times) * 1000:7.1f} ms"
            f"  worst {max(times) * 1000:7.1f} ms  {'ok' if ok else 'WRONG: ' + message[:60]}"
        )
    rows = [(f"Nguyễn Văn {n}", "Nam", "05/02/1985", "Giáo viên") for n in range(args.max_rows + 1)]
    good = hostile_files.xlsx(sheet=hostile_files.sheet_xml(rows, dimension=f"A1:D{args.max_rows + 1}"))
    begin = time.monotonic()
    sheet = excel.read_sheet(SimpleUploadedFile("x.xlsx", good), max_rows=args.max_rows)
    print(
        f"baseline: a valid workbook of {len(sheet.rows) - 1} rows ({len(good) / 1024:.0f} kB) read in "
        f"{(time.monotonic() - begin) * 1000:.0f} ms"
    )
    print(f"slowest refusal: {worst * 1000:.1f} ms; wrong messages: {failures}")
    return 1 if failures or worst >= 1 else 0


if __name__ == "__main__":
    sys.exit(main())
