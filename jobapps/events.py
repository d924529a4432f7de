"""Announces that a user's applications changed, so readers that cache (metrics) can drop what
they hold. Every write in jobapps.services calls `applications_changed_for(user_id)`."""

from django.db import transaction
from django.dispatch import Signal

applications_changed = Signal()  # sent with user_id=...


def applications_changed_for(user_id: int) -> None:
    # After commit: a rolled-back write changed nothing, and a reader must not re-cache the
    # old numbers between the invalidation and the commit.
    transaction.on_commit(lambda: applications_changed.send(sender=None, user_id=user_id))
