"""Folded usernames and emails, unique (users.models.AccountName), filled in for every
existing account. Accounts that duplicate an older account's name or email (possible before
this migration: concurrent registrations) keep working, but the duplicate key stays empty and
they are listed here, for an administrator to rename."""
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from users.names import fold


def fill_account_names(apps, schema_editor):
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    AccountName = apps.get_model("users", "AccountName")
    seen, rows, duplicates = set(), [], []
    users = User.objects.order_by("pk").values_list("pk", "username", "email")
    for user_id, username, email in users.iterator():
        keys = {"username_key": fold(username), "email_key": fold(email) if email else None}
        for field, key in keys.items():
            if (field, key) in seen:
                keys[field] = None
                duplicates.append(user_id)
            elif key is not None:
                seen.add((field, key))
        rows.append(AccountName(user_id=user_id, **keys))
    AccountName.objects.bulk_create(rows, batch_size=1000)
    if duplicates:
        print(  # noqa: T201 (migrations report to the console)
            f"\n  users: accounts {sorted(set(duplicates))} repeat an older account's username or email "
            "(in another case); rename them in the admin."
        )


class Migration(migrations.Migration):

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("users", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="AccountName",
            fields=[
                ("user", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name="account_name", serialize=False, to=settings.AUTH_USER_MODEL)),
                ("username_key", models.TextField(null=True, unique=True)),
                ("email_key", models.TextField(null=True, unique=True)),
            ],
        ),
        migrations.RunPython(fill_account_names, migrations.RunPython.noop),
    ]
