from django.apps import AppConfig


class BlogConfig(AppConfig):
    name = "blog"

    def ready(self):
        from django.db.models.signals import post_migrate, pre_save
        from taggit.models import Tag

        from config.slugs import fill_empty_slug
        from config.text import clean_text_fields

        from . import page_tokens, receivers
        from .models import Author, Post

        post_migrate.connect(name_the_site, sender=self)
        # Every row of content, however written, holds only text any database and feed can carry.
        pre_save.connect(clean_text_fields, dispatch_uid="clean-text-fields")
        # A name of emoji or punctuation alone still gets a slug (config/slugs.py).
        for model in (Tag, Post, Author):
            pre_save.connect(fill_empty_slug, sender=model, dispatch_uid=f"fill-slug-{model._meta.label_lower}")
        # Every write path (admin, importer, restores, loaddata) reaches readers' pages at once.
        page_tokens.track_writes()
        # Articles' embeds and search documents follow every write of what they show.
        receivers.connect()


def name_the_site(*, using, **kwargs):
    """contrib.sites' one Site gets our domain and name, whatever the database was created with."""
    from django.conf import settings
    from django.contrib.sites.models import Site

    Site.objects.using(using).update_or_create(
        pk=settings.SITE_ID, defaults={"domain": settings.SITE_DOMAIN, "name": settings.SITE_NAME}
    )
