from django.apps import AppConfig
from django.conf import settings
from django.utils.functional import lazy


def setting(name: str):
    # Read when a page is drawn, not at start-up: settings overridden later (tests) still show.
    return lazy(lambda: getattr(settings, name), str)()


class EditorialConfig(AppConfig):
    name = "config.editorial"
    label = "editorial"
    verbose_name = "Editorial"

    def ready(self):
        from django.contrib import admin

        # The admin names the site editors work on, not "Django administration".
        admin.site.site_header = setting("ADMIN_SITE_HEADER")
        admin.site.site_title = setting("ADMIN_SITE_TITLE")
        admin.site.index_title = setting("ADMIN_INDEX_TITLE")
