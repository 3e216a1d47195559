"""Registrations aim for a title of the catalogue (a foreign key), not for a code list of their own."""

import django.db.models.deletion
from django.db import migrations, models

# The old choices → the catalogue's codes. A Giấy khen or Bằng khen named its issuer in free text
# (kept in ``aimed_detail``); the portal's campaigns are the Sở's, so they map to the Director's
# Giấy khen and the provincial chairman's Bằng khen, the forms a Sở proposes for.
INDIVIDUAL = {
    "ldtt": "LDTT",
    "cstdcs": "CSTDCS",
    "cstd_tinh": "CSTD_TINH",
    "cstd_bo": "CSTD_BO",
    "giay_khen": "GK_SO",
    "bang_khen": "BK_TINH",
}
COLLECTIVE = {
    "ttldtt": "TTLDTT",
    "ttldxs": "TTLDXS",
    "co_thi_dua": "CO_TINH",
    "giay_khen": "GK_SO",
    "bang_khen": "BK_TINH",
}


def titles_to_awards(apps, schema_editor):
    Award = apps.get_model("awards", "Award")
    awards = {award.code: award for award in Award.objects.all()}
    for model_name, mapping in (("UnitRegistration", COLLECTIVE), ("IndividualRegistration", INDIVIDUAL)):
        model = apps.get_model("emulation", model_name)
        for registration in model.objects.exclude(aimed_title=""):
            registration.aimed_award = awards[mapping[registration.aimed_title]]
            registration.save(update_fields=["aimed_award"])


def awards_to_titles(apps, schema_editor):
    for model_name, mapping in (("UnitRegistration", COLLECTIVE), ("IndividualRegistration", INDIVIDUAL)):
        back = {code: title for title, code in mapping.items()}
        model = apps.get_model("emulation", model_name)
        for registration in model.objects.exclude(aimed_award=None).select_related("aimed_award"):
            registration.aimed_title = back.get(registration.aimed_award.code, "")
            registration.save(update_fields=["aimed_title"])


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0002_load_catalogue"),
        ("emulation", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="unitregistration",
            name="aimed_award",
            field=models.ForeignKey(
                blank=True,
                help_text="A collective title or award form of the catalogue (optional).",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="awards.award",
                verbose_name="title aimed for",
            ),
        ),
        migrations.AddField(
            model_name="individualregistration",
            name="aimed_award",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="awards.award",
                verbose_name="title aimed for",
            ),
        ),
        migrations.RunPython(titles_to_awards, awards_to_titles),
        migrations.RemoveField(model_name="unitregistration", name="aimed_title"),
        migrations.RemoveField(model_name="individualregistration", name="aimed_title"),
        migrations.AlterField(
            model_name="individualregistration",
            name="aimed_award",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="awards.award",
                verbose_name="title aimed for",
            ),
        ),
    ]
