"""The base salaries (lương cơ sở) that cash rewards multiply, as data with the date each took effect."""

import datetime

from django.db import migrations

BASE_SALARIES = [
    (1_490_000, datetime.date(2019, 7, 1), "NĐ 38/2019/NĐ-CP Điều 3"),
    (1_800_000, datetime.date(2023, 7, 1), "NĐ 24/2023/NĐ-CP Điều 3"),
    (2_340_000, datetime.date(2024, 7, 1), "NĐ 73/2024/NĐ-CP Điều 3"),
]


def load(apps, schema_editor):
    BaseSalary = apps.get_model("awards", "BaseSalary")
    for amount, valid_from, basis in BASE_SALARIES:
        BaseSalary.objects.update_or_create(valid_from=valid_from, defaults={"amount": amount, "legal_basis": basis})


def unload(apps, schema_editor):
    apps.get_model("awards", "BaseSalary").objects.filter(valid_from__in=[d for _, d, _ in BASE_SALARIES]).delete()


class Migration(migrations.Migration):
    dependencies = [("awards", "0003_base_salary_and_revocation")]
    operations = [migrations.RunPython(load, unload)]
