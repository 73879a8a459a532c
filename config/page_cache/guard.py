"""The shared cache (Redis, or a folder) as the page cache uses it: derived data that may fail.

A failing cache costs speed, never a page or a save:

- Every call goes through `call()`. An error (Redis stopped, unreachable, timing out past the
  socket timeout in settings; a full or broken disk) raises `CacheUnavailable` to the page cache,
  which then renders uncached, and opens a breaker: for RETRY_SECONDS this process does not wait
  on the cache at all, so only one request in that time pays one timeout.
- A write whose token moves failed (`deps.move`) leaves pages in the cache that still
  look current. Redis may even come back from a snapshot taken before the outage, holding such
  pages and the old token values. So a failed move changes the *epoch*, a random value kept in
  the database with the write itself: every key of the page cache carries the epoch, and pages
  stored under an old one are never read again.
- Each process reads the epoch from the database again after a cache failure of its own, and at
  most every EPOCH_SECONDS otherwise (a process that saw no failure learns of another's within
  that time: one query a second, not one a request).
"""

import logging
import secrets
import time

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction

from .models import PageCacheEpoch

logger = logging.getLogger(__name__)


class CacheUnavailable(Exception):
    pass


# This process's view: when the cache may be tried again, and the epoch as last read.
_state = {"retry_at": 0.0, "epoch": None, "epoch_read_at": 0.0, "suspect": False}


def reset() -> None:
    """Forget this process's view (tests; a database replaced under a running process)."""
    _state.update(retry_at=0.0, epoch=None, epoch_read_at=0.0, suspect=False)


def retry_seconds() -> float:
    return getattr(settings, "CACHE_RETRY_SECONDS", 5.0)


def call(operation: str, *args):
    """cache.<operation>(*args), or CacheUnavailable if the cache fails or failed just now."""
    if time.monotonic() < _state["retry_at"]:
        _state["suspect"] = True  # when it is back, read the epoch before trusting what it holds
        raise CacheUnavailable("the cache failed moments ago")
    try:
        return getattr(cache, operation)(*args)
    except Exception as error:  # any backend, any failure: redis, socket, disk, pickling
        _state.update(retry_at=time.monotonic() + retry_seconds(), suspect=True)
        logger.warning("Cache unavailable (%s: %s): pages render uncached", type(error).__name__, error)
        raise CacheUnavailable(str(error)) from error


def is_open() -> bool:
    """Whether the cache is worth trying now (the breaker is closed)."""
    return time.monotonic() >= _state["retry_at"]


# The epoch.


def epoch() -> str:
    """The current epoch; the last one read if the database cannot be asked (cached pages are
    still served while it is down). CacheUnavailable if it was never read."""
    now = time.monotonic()
    stale = _state["suspect"] or now - _state["epoch_read_at"] >= epoch_seconds()
    if _state["epoch"] is None or stale:
        try:
            _state.update(epoch=read_epoch(), epoch_read_at=now, suspect=False)
        except DatabaseError as error:
            # Not again before EPOCH_SECONDS: a database that hangs must not hold up cached pages.
            _state.update(epoch_read_at=now, suspect=False)
            if _state["epoch"] is None:
                raise CacheUnavailable(f"no page-cache epoch: {error}") from error
    return _state["epoch"]


def epoch_seconds() -> float:
    return getattr(settings, "PAGE_CACHE_EPOCH_SECONDS", 1.0)


def read_epoch() -> str:
    value = PageCacheEpoch.objects.filter(pk=PageCacheEpoch.ONLY).values_list("value", flat=True).first()
    if value is None:  # a new or flushed database (restore): a new epoch, so no old page matches
        value = PageCacheEpoch.objects.get_or_create(pk=PageCacheEpoch.ONLY)[0].value
    return value


def new_epoch() -> None:
    """Writes happened that the cache did not hear of: no page stored before them may be read.
    Part of the caller's transaction when there is one (the write and the epoch commit together)."""
    value = secrets.token_hex(8)
    try:
        with transaction.atomic():
            if not PageCacheEpoch.objects.filter(pk=PageCacheEpoch.ONLY).update(value=value):
                PageCacheEpoch.objects.create(pk=PageCacheEpoch.ONLY, value=value)
    except DatabaseError:
        # After a commit (an on_commit move): the write is saved; losing the epoch then would
        # cost at most the pages this write touched, until their entries expire.
        logger.exception("Could not move the page-cache epoch")
        return
    _state["suspect"] = True
    logger.warning("Page-cache epoch moved: a write could not reach the cache")


def key(kind: str, name: str) -> str:
    return f"page-cache:{epoch()}:{kind}:{name}"
