"""Count every user's live applications again into the stored totals (jobapps.live_counts).

Run it once after upgrading to the version that added the stored totals if web or worker
processes of the old version were still writing while the migration ran: what they added or
deleted then was not counted. Safe while the API and workers run (each count row is locked
while it is recounted).
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from jobapps.live_counts import refresh_live_counts


class Command(BaseCommand):
    help = "Recount every user's live applications into the stored totals a page reads."

    def handle(self, *args, **options) -> None:
        user_ids = list(get_user_model().objects.values_list("id", flat=True))
        refresh_live_counts(user_ids)
        self.stdout.write(f"Recounted the live applications of {len(user_ids)} users.")
