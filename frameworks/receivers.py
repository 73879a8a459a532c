"""What frameworks does itself when an entry changes, whoever changed it: a renamed entry keeps
its old URLs, and the other apps hear of the rename (`signals.framework_renamed`). (The apps
showing entries keep their own copies in step: blog/receivers.py.)"""

from django.db.models.signals import post_init, post_save
from django.urls import reverse

from config.redirects import redirect_moved

from .models import Framework
from .signals import framework_renamed

ROUTES = ("frameworks:detail", "frameworks:alternatives")


def slug_loaded(sender, instance, **kwargs) -> None:
    instance._frameworks_slug_as_loaded = instance.__dict__.get("slug")


def framework_saved(sender, instance, raw=False, **kwargs) -> None:
    old_slug = getattr(instance, "_frameworks_slug_as_loaded", None)
    if not raw and old_slug and old_slug != instance.slug:
        for route in ROUTES:
            redirect_moved(
                old_path=reverse(route, kwargs={"slug": old_slug}),
                new_path=reverse(route, kwargs={"slug": instance.slug}),
            )
        framework_renamed.send(sender=Framework, framework=instance, old_slug=old_slug, new_slug=instance.slug)
    instance._frameworks_slug_as_loaded = instance.slug


def connect() -> None:
    post_init.connect(slug_loaded, sender=Framework, dispatch_uid="frameworks-slug-loaded")
    post_save.connect(framework_saved, sender=Framework, dispatch_uid="frameworks-framework-saved")
