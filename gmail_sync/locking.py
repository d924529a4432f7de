"""One Gmail sync per user at a time, and a way to tell that a sync's worker died.

With Redis (REDIS_URL) the lock is redis-py's `Lock`: a key holding a random token that expires
after GMAIL_SYNC_LOCK_SECONDS, extended and released by Lua scripts that compare the token, so
a sync never extends or deletes a lock that is not its own. While a sync runs, a thread renews
its lock every third of that lifetime, and the sync itself renews it after every batch (which
is where it notices that it lost it). A worker killed mid-sync renews nothing: its lock lapses
within GMAIL_SYNC_LOCK_SECONDS, and from then on `sync_lock_held` is False, so the status object
says `interrupted` and the next sync may start.

Without Redis (development: tasks run eagerly in the one process) the same lock lives in the
local-memory cache.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from functools import cache

import redis
from django.conf import settings
from django.core.cache import cache as django_cache
from redis.exceptions import LockError, LockNotOwnedError

logger = logging.getLogger(__name__)


class SyncLockLost(Exception):
    """The lock expired and another sync took it; this run must stop."""


def lock_key(user_id: int) -> str:
    return f"{settings.CACHE_KEY_PREFIX}:gmail-sync-lock:{user_id}"


@cache
def _redis_client(url: str) -> redis.Redis:
    return redis.Redis.from_url(
        url,
        socket_timeout=settings.REDIS_TIMEOUT_SECONDS,
        socket_connect_timeout=settings.REDIS_TIMEOUT_SECONDS,
    )


class _LocalLock:
    """redis-py Lock's calls over Django's cache, for development without Redis."""

    def __init__(self, key: str, timeout: int) -> None:
        self.key = key
        self.timeout = timeout
        self.token = ""

    def acquire(self, blocking: bool = False, token: str = "") -> bool:
        self.token = token
        return django_cache.add(self.key, token, timeout=self.timeout)

    def owned(self) -> bool:
        return django_cache.get(self.key) == self.token

    def reacquire(self) -> None:
        if not self.owned():
            raise LockNotOwnedError(self.key)
        django_cache.touch(self.key, timeout=self.timeout)

    def release(self) -> None:
        if not self.owned():
            raise LockNotOwnedError(self.key)
        django_cache.delete(self.key)


def _lock(key: str, timeout: int) -> redis.lock.Lock | _LocalLock:
    if not settings.REDIS_URL:
        return _LocalLock(key, timeout)
    # thread_local=False: the renewing thread must see the token the sync's thread acquired.
    return _redis_client(settings.REDIS_URL).lock(key, timeout=timeout, thread_local=False)


def sync_lock_held(user_id: int) -> bool | None:
    """Whether a live sync of this user holds the lock; None when Redis cannot be asked."""
    if not settings.REDIS_URL:
        return django_cache.get(lock_key(user_id)) is not None
    try:
        return bool(_redis_client(settings.REDIS_URL).exists(lock_key(user_id)))
    except redis.RedisError as error:
        logger.warning("Could not read the Gmail sync lock of user %s: %s", user_id, error)
        return None


class SyncLock:
    """The lock of one running sync; renewed in the background while it is held."""

    def __init__(self, user_id: int, timeout: int) -> None:
        self.user_id = user_id
        self.timeout = timeout
        self._lock = _lock(lock_key(user_id), timeout)
        self._token = uuid.uuid4().hex
        self._renewer: _Renewer | None = None

    def acquire(self) -> bool:
        if not self._lock.acquire(blocking=False, token=self._token):
            return False
        self._renewer = _Renewer(self, every=self.timeout / 3)
        self._renewer.start()
        return True

    def renew(self) -> None:
        """Pushes the expiry back to a full lifetime. Raises SyncLockLost when the lock lapsed
        (a stalled worker) and another sync took it meanwhile."""
        try:
            self._lock.reacquire()
        except LockNotOwnedError:
            # Lapsed but free: take it again, as if this run had just started (owned(): the
            # other renewer, thread or batch, just did).
            if not (self._lock.acquire(blocking=False, token=self._token) or self._lock.owned()):
                raise SyncLockLost(lock_key(self.user_id)) from None

    def release(self) -> None:
        if self._renewer is not None:
            self._renewer.stop()
        # A lapsed lock is left alone: the key may be the next sync's now.
        with suppress(LockError):
            self._lock.release()


class _Renewer(threading.Thread):
    """Renews a held lock every `every` seconds until stopped, so a batch that takes long
    (Gmail backing off, a large first listing) never lets the lock of a live sync lapse."""

    def __init__(self, lock: SyncLock, every: float) -> None:
        super().__init__(name=f"gmail-sync-lock-{lock.user_id}", daemon=True)
        self.lock = lock
        self.every = every
        self._stopped = threading.Event()

    def run(self) -> None:
        while not self._stopped.wait(self.every):
            try:
                self.lock.renew()
            except SyncLockLost:
                logger.warning("Gmail sync lock of user %s lost", self.lock.user_id)
                return  # the sync notices at its next batch and stops
            except redis.RedisError as error:  # tried again at the next tick
                logger.warning(
                    "Could not renew the Gmail sync lock of user %s: %s", self.lock.user_id, error
                )

    def stop(self) -> None:
        self._stopped.set()
        self.join()


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
