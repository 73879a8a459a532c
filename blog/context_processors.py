import functools

from django.conf import settings
from django.urls import reverse

from config.stored_pages import request_origin


@functools.cache
def site_urls() -> dict[str, str]:
    """The addresses every page's header and footer link to: reversed once per process, not on
    each of every page's eight links."""
    names = {"articles": "blog:list", "frameworks": "frameworks:list", "search": "blog:search", "rss": "blog:feed",
             "atom": "blog:atom", "sitemap": "sitemap", "llms": "llms"}  # fmt: skip
    return {key: reverse(name) for key, name in names.items()}


def site(request):
    # `origin`: scheme://host, or its placeholder in a document stored at save.
    return {"site_name": settings.SITE_NAME, "site_urls": site_urls(), "origin": request_origin(request)}
