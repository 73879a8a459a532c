from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from taggit.models import Tag

from config.page_cache import tokens
from config.page_cache.deps import depends_on

from .models import Post

FEED_LENGTH = 20


class LatestPostsFeed(Feed):
    """RSS 2.0 of the latest published posts, whole articles included."""

    title = settings.SITE_NAME
    description = "Comparisons of Python web frameworks."

    def link(self):
        return reverse("blog:list")

    def items(self):
        depends_on(tokens.POSTS)
        return self.posts()[:FEED_LENGTH]

    def posts(self):
        # Whole articles, unlike the stored cards the home page lists.
        return Post.objects.listed().select_related("author").prefetch_related("tags").order_by("-published_at")

    def item_title(self, post):
        return post.title

    def item_description(self, post):
        return post.body_html  # sanitised at save

    def item_pubdate(self, post):
        return post.published_at

    def item_updateddate(self, post):
        return post.updated_at or post.published_at

    def item_author_name(self, post):
        return post.author.name

    def item_categories(self, post):
        return [tag.name for tag in post.tags.all()]


class LatestPostsAtomFeed(LatestPostsFeed):
    feed_type = Atom1Feed
    subtitle = LatestPostsFeed.description


class TagFeed(LatestPostsFeed):
    def get_object(self, request, slug):
        tag = get_object_or_404(Tag, slug=slug)
        depends_on(tokens.tag_posts(tag.pk))
        return tag

    def title(self, tag):
        return f"{settings.SITE_NAME}: {tag.name}"

    def description(self, tag):
        return f"Articles tagged {tag.name}."

    def link(self, tag):
        return reverse("blog:tag", kwargs={"slug": tag.slug})

    def items(self, tag):
        return self.posts().filter(tags=tag)[:FEED_LENGTH]


class TagAtomFeed(TagFeed):
    feed_type = Atom1Feed

    def subtitle(self, tag):
        return self.description(tag)
