"""Renamed things keep their old URLs: contrib.redirects rows, answered by its fallback middleware."""

from django.conf import settings
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site


def redirect_moved(*, old_path: str, new_path: str) -> None:
    """old_path now lives at new_path; earlier redirects to old_path follow it (no chains)."""
    if old_path == new_path:
        return
    site = Site.objects.get(pk=settings.SITE_ID)
    Redirect.objects.filter(site=site, new_path=old_path).update(new_path=new_path)
    Redirect.objects.filter(site=site, old_path=new_path).delete()  # that URL is real again
    Redirect.objects.update_or_create(site=site, old_path=old_path, defaults={"new_path": new_path})
