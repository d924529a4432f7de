"""An optional per-user cache of computed metrics (settings.METRICS_CACHE_SECONDS, 0 = off).

Every cached value's key carries the user's current version token; `applications_changed`
replaces the token, so after any write to a user's applications none of the old entries can be
found again (they expire on their own). A random token, not a counter: if the cache evicts the
version key, a counter restarting at 1 could find entries from before the eviction.
"""

import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache

from .selectors import local_today


def _version_key(user_id: int) -> str:
    return f"metrics:version:{user_id}"


def _current_version(user_id: int) -> str:
    fresh = uuid.uuid4().hex
    cache.add(_version_key(user_id), fresh, timeout=None)
    return cache.get(_version_key(user_id)) or fresh


def forget_user_metrics(user_id: int) -> None:
    cache.set(_version_key(user_id), uuid.uuid4().hex, timeout=None)


def cached_metric(user_id: int, name: str, compute: Callable[[], object], *params) -> object:
    """`compute()`, or what it returned for this user, metric and params earlier today.

    Today's date (in the metrics' time zone) is part of the key because the month and week
    windows move with it.
    """
    seconds = settings.METRICS_CACHE_SECONDS
    if seconds <= 0:
        return compute()
    parts = [name, local_today().isoformat(), *map(str, params)]
    key = f"metrics:{user_id}:{_current_version(user_id)}:{':'.join(parts)}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=seconds)
    return value


def on_applications_changed(sender, user_id: int, **kwargs) -> None:
    forget_user_metrics(user_id)
