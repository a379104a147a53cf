"""Proposal lines cite the full clause (《发改高技〔2012〕1986号》第十二条, longer than 20 characters), and lines stored
with the retired ids ``R-12.3-reduce`` / ``R-12.3-overdue`` carry the pack's ``R-12.3``."""

from django.db import migrations, models

OLD = ("R-12.3-reduce", "R-12.3-overdue")


def forwards(apps, schema_editor):
    apps.get_model("migration", "OmProposalLine").objects.filter(rule__in=OLD).update(rule="R-12.3")


class Migration(migrations.Migration):
    dependencies = [("migration", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="omproposalline",
            name="article",
            field=models.CharField(max_length=40, verbose_name="article"),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
