from django.db import migrations

# The web client hard-codes these ids.
STATUSES = [
    (1, "Applied"),
    (2, "To Apply"),
    (3, "Phone Screen"),
    (4, "Onsite Interview"),
    (5, "Offer"),
]


def seed_statuses(apps, schema_editor):
    ApplicationStatus = apps.get_model("jobapps", "ApplicationStatus")
    for status_id, value in STATUSES:
        ApplicationStatus.objects.update_or_create(id=status_id, defaults={"value": value})
    # PostgreSQL's sequence must move past the explicit ids so admins can add statuses.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "SELECT setval(pg_get_serial_sequence('jobapps_applicationstatus', 'id'), "
            "(SELECT MAX(id) FROM jobapps_applicationstatus))"
        )


class Migration(migrations.Migration):
    dependencies = [("jobapps", "0001_initial")]

    operations = [migrations.RunPython(seed_statuses, migrations.RunPython.noop)]
