from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    """Whole pages for anonymous readers, invalidated exactly (deps.py); site-wide, so it lives in
    the project package. The apps that own models tell it what their writes move (`deps.track`)."""

    name = "config.page_cache"
    label = "page_cache"
    verbose_name = "Page cache"
