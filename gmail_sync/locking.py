"""One Gmail sync per user at a time: a lock in the cache (Redis when configured).

The lock expires on its own (`GMAIL_SYNC_LOCK_SECONDS`) so a worker killed mid-sync cannot block
the user forever; a running sync renews it after every batch, so the expiry only has to outlast
one batch, not a whole first sync.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache


class SyncLockLost(Exception):
    """The lock expired and another sync took it; this run must stop."""


def lock_key(user_id: int) -> str:
    return f"gmail-sync-lock:{user_id}"


class SyncLock:
    def __init__(self, user_id: int, timeout: int) -> None:
        self.key = lock_key(user_id)
        self.timeout = timeout
        self._token = uuid.uuid4().hex

    def acquire(self) -> bool:
        return cache.add(self.key, self._token, timeout=self.timeout)

    def renew(self) -> None:
        """Push the expiry back; re-take the lock if it lapsed and nobody else took it."""
        holder = cache.get(self.key)
        if holder == self._token:
            cache.touch(self.key, timeout=self.timeout)
        elif holder is not None or not self.acquire():
            raise SyncLockLost(self.key)

    def release(self) -> None:
        # Only our own lock: after an expiry the key may belong to the next sync.
        if cache.get(self.key) == self._token:
            cache.delete(self.key)


@contextmanager
def user_sync_lock(user_id: int, timeout: int | None = None) -> Iterator[SyncLock | None]:
    """Yields the held lock, or None when another sync of this user holds it."""
    lock = SyncLock(user_id, timeout or settings.GMAIL_SYNC_LOCK_SECONDS)
    if not lock.acquire():
        yield None
        return
    try:
        yield lock
    finally:
        lock.release()
