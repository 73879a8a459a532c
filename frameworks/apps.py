from django.apps import AppConfig


class FrameworksConfig(AppConfig):
    name = "frameworks"
    verbose_name = "Framework entries"

    def ready(self):
        from django.db.models.signals import pre_save

        from config.slugs import fill_empty_slug

        from . import page_tokens, receivers
        from .models import Framework

        # A name of emoji or punctuation alone still gets a slug (config/slugs.py).
        pre_save.connect(fill_empty_slug, sender=Framework, dispatch_uid="fill-slug-framework")
        # Every write path (admin, importer, restores, loaddata) reaches readers' pages at once.
        page_tokens.track_writes()
        receivers.connect()
