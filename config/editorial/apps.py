from django.apps import AppConfig
from django.conf import settings
from django.contrib.admin import apps as admin_apps
from django.utils.functional import lazy
from taggit.apps import TaggitAppConfig


def setting(name: str):
    # Read when a page is drawn, not at start-up: settings overridden later (tests) still show.
    return lazy(lambda: getattr(settings, name), str)()


class EditorialConfig(AppConfig):
    default = True  # of the three here, "config.editorial" in INSTALLED_APPS means this one
    name = "config.editorial"
    label = "editorial"
    verbose_name = "Editorial"


class NewsroomAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin, with the site named after ours and the newsroom as its index."""

    default = False  # named in INSTALLED_APPS by its path

    default_site = "config.editorial.dashboard.NewsroomSite"


class TagsConfig(TaggitAppConfig):
    """django-taggit, under the heading editors know it by."""

    default = False
    verbose_name = "Tags"
