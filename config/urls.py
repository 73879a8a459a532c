from django.conf import settings
from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.sitemaps import views as sitemaps
from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.views.static import serve

from blog.editor import PreviewView, UploadView
from blog.sitemaps import SITEMAP_LISTS, SITEMAPS
from blog.views import LlmsTxtView
from config.page_cache.deps import depending_on

urlpatterns = [
    path("admin/", admin.site.urls),
    # Resolved per request: hashed static names exist only after collectstatic.
    path("favicon.ico", lambda request: HttpResponsePermanentRedirect(static("favicon.svg"))),
    # The editor's preview and uploads: staff only (django-markdownx leaves them open).
    path(
        "admin-tools/markdownx/markdownify/", staff_member_required(PreviewView.as_view()), name="markdownx_markdownify"
    ),
    path("admin-tools/markdownx/upload/", staff_member_required(UploadView.as_view()), name="markdownx_upload"),
    # An index of sections, each in pages of SITEMAP_PAGE URLs: a big site's sitemap stays
    # within the 50,000-URL limit, and a new post re-renders a page, not everything.
    path(
        "sitemap.xml",
        depending_on(*SITEMAP_LISTS)(sitemaps.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        depending_on(*SITEMAP_LISTS)(sitemaps.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("llms.txt", LlmsTxtView.as_view(), name="llms"),
    path("", include("frameworks.urls")),
    path("", include("blog.urls")),
]


def media(request, path):
    # MEDIA_ROOT read per request, not at import: tests point it at a scratch folder.
    return serve(request, path, document_root=settings.MEDIA_ROOT)


if settings.SERVE_MEDIA:
    urlpatterns.append(re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", media))
