"""Enter the numbers dossiers already took into their units' registers, so the register continues after them."""

from django.db import migrations
from django.utils import timezone


def backfill(apps, schema_editor):
    Dossier = apps.get_model("dossiers", "Dossier")
    RegisterEntry = apps.get_model("units", "RegisterEntry")
    taken = set(RegisterEntry.objects.values_list("unit_id", "year", "number"))
    for unit_id, year, number, symbol, sent_at in (
        Dossier.objects.filter(number__isnull=False)
        .order_by("unit_id", "number_year", "number")
        .values_list("unit_id", "number_year", "number", "symbol", "sent_at")
    ):
        if (unit_id, year, number) in taken:
            continue  # two symbols once shared a number: the register keeps the first
        taken.add((unit_id, year, number))
        RegisterEntry.objects.create(
            unit_id=unit_id, year=year, number=number, symbol=symbol, taken_at=sent_at or timezone.now()
        )


class Migration(migrations.Migration):
    dependencies = [("units", "0005_registerentry"), ("dossiers", "0002_council_result_and_closed")]
    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
