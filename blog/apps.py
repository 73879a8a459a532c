from django.apps import AppConfig


class BlogConfig(AppConfig):
    name = "blog"

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
        from taggit.models import Tag, TaggedItem

        from frameworks.models import Con, Framework, Pro

        from .models import Author, Coverage, FaqItem, Post
        from .page_cache import content_changed

        post_migrate.connect(name_the_site, sender=self)
        # Every write path (admin, importer, restores, loaddata) reaches readers' pages at once.
        for model in (Post, FaqItem, Coverage, Author, Framework, Pro, Con, Tag, TaggedItem):
            post_save.connect(content_changed, sender=model, dispatch_uid=f"page-cache-save-{model.__name__}")
            post_delete.connect(content_changed, sender=model, dispatch_uid=f"page-cache-delete-{model.__name__}")
        m2m_changed.connect(content_changed, dispatch_uid="page-cache-m2m")


def name_the_site(*, using, **kwargs):
    """contrib.sites' one Site gets our domain and name, whatever the database was created with."""
    from django.conf import settings
    from django.contrib.sites.models import Site

    Site.objects.using(using).update_or_create(
        pk=settings.SITE_ID, defaults={"domain": settings.SITE_DOMAIN, "name": settings.SITE_NAME}
    )
