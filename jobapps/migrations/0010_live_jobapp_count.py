"""Each user's number of live applications, stored for the paged list's total
(jobapps.live_counts), filled here for the users who have applications."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from jobapps.live_counts import fill_live_counts


def fill(apps, schema_editor):
    fill_live_counts(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("jobapps", "0009_first_answer_at"),
    ]

    operations = [
        migrations.CreateModel(
            name="LiveJobappCount",
            fields=[
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                ("live", models.IntegerField(default=0)),
            ],
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
