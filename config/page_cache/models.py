import secrets

from django.db import models


def new_epoch_value() -> str:
    return secrets.token_hex(8)


class PageCacheEpoch(models.Model):
    """The page cache's epoch (guard.py): one row, moved when a write could not reach the cache.
    Not content: never backed up, so a restore cannot bring an old epoch back."""

    ONLY = 1
    value = models.CharField(max_length=32, default=new_epoch_value)
