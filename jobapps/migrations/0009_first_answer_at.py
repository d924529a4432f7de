"""Applications keep their employer's first answer (jobapps.answers), filled here for those
that exist."""

from django.db import migrations, models

from jobapps.answers import fill_first_answers


def fill(apps, schema_editor):
    fill_first_answers(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("jobapps", "0008_contacts_events_follow_ups"),
    ]

    operations = [
        migrations.AddField(
            model_name="jobapplication",
            name="first_answer_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
