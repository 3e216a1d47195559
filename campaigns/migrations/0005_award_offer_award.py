"""An award offer names the catalogue's award (a foreign key), no longer a code string of its own."""

import django.db.models.deletion
from django.db import migrations, models


def codes_to_awards(apps, schema_editor):
    Award = apps.get_model("awards", "Award")
    AwardOffer = apps.get_model("campaigns", "AwardOffer")
    awards = {award.code.upper(): award for award in Award.objects.all()}
    for offer in AwardOffer.objects.exclude(award_code=""):
        offer.award = awards.get(offer.award_code.strip().upper())
        offer.save(update_fields=["award"])


def awards_to_codes(apps, schema_editor):
    AwardOffer = apps.get_model("campaigns", "AwardOffer")
    for offer in AwardOffer.objects.exclude(award=None).select_related("award"):
        offer.award_code = offer.award.code
        offer.save(update_fields=["award_code"])


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0002_load_catalogue"),
        ("campaigns", "0004_move_emulation_and_reminders"),
    ]

    operations = [
        migrations.AddField(
            model_name="awardoffer",
            name="award",
            field=models.ForeignKey(
                blank=True,
                help_text="The catalogue's title or award form this offer grants, when the plan names one.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="awards.award",
                verbose_name="title or award form",
            ),
        ),
        migrations.RunPython(codes_to_awards, awards_to_codes),
        migrations.RemoveField(model_name="awardoffer", name="award_code"),
    ]
