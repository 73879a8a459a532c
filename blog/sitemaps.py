import functools
from itertools import combinations

from django.contrib.contenttypes.models import ContentType
from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q
from django.urls import reverse
from taggit.models import Tag

from config.page_cache import tokens
from frameworks.comparisons import comparison_url
from frameworks.models import Framework

from .models import Coverage, Post

SITEMAP_PAGE = 2000
# What the sitemap's pages list (config/page_cache/deps.py): any of these changing may change them.
SITEMAP_LISTS = (tokens.POSTS, tokens.FRAMEWORKS, tokens.TAGS, tokens.table("post"), tokens.table("framework"))


class StaticSitemap(Sitemap):
    def items(self):
        return ["blog:list", "frameworks:list"]

    def location(self, name):
        return reverse(name)


class PostSitemap(Sitemap):
    limit = SITEMAP_PAGE

    def get_latest_lastmod(self):
        # For the index: one aggregate, not every post loaded to find the newest.
        return self.items().aggregate(latest=Max("modified_at"))["latest"]

    def items(self):
        # Never the bodies: a sitemap of ten thousand posts needs only their addresses.
        return Post.objects.published().only("slug", "modified_at").order_by("-published_at")

    def lastmod(self, post):
        return post.modified_at


class FrameworkSitemap(Sitemap):
    def items(self):
        return Framework.objects.published().only("slug", "modified_at")

    def lastmod(self, framework):
        return framework.modified_at


class TagSitemap(Sitemap):
    """Tags whose page lists something: a listed post or a published entry."""

    def items(self):
        tagged = "taggit_taggeditem_items"
        published = Q()
        for model, shown in ((Post, Post.objects.listed()), (Framework, Framework.objects.published())):
            published |= Q(
                **{
                    f"{tagged}__content_type": ContentType.objects.get_for_model(model),
                    f"{tagged}__object_id__in": shown.values("pk"),
                }
            )
        return Tag.objects.filter(published).distinct().order_by("slug")

    def location(self, tag):
        return reverse("blog:tag", kwargs={"slug": tag.slug})


class ComparisonSitemap(Sitemap):
    """The canonical comparison of every pair of entries that a published article covers together."""

    limit = SITEMAP_PAGE

    @functools.cached_property
    def pairs(self):
        # Read once per request: the index asks for the count and for the newest change.
        rows = (
            Coverage.objects.filter(post__in=Post.objects.published(), framework__in=Framework.objects.published())
            .values_list("post_id", "framework__slug", "framework__modified_at")
            .order_by("post_id", "position")
        )
        by_post: dict[int, list[tuple[str, object]]] = {}
        for post_id, slug, modified in rows:
            by_post.setdefault(post_id, []).append((slug, modified))
        pairs = {}
        for entries in by_post.values():
            for (a, a_modified), (b, b_modified) in combinations(entries, 2):
                pairs[tuple(sorted((a, b)))] = max(a_modified, b_modified)
        return sorted(pairs.items())

    def items(self):
        return self.pairs

    def location(self, item):
        return comparison_url(item[0])

    def lastmod(self, item):
        return item[1]


SITEMAPS = {
    "pages": StaticSitemap,
    "posts": PostSitemap,
    "frameworks": FrameworkSitemap,
    "tags": TagSitemap,
    "comparisons": ComparisonSitemap,
}
