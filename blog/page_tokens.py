"""What writes of posts, authors, FAQ items, coverage and tags move in the page cache
(config/page_cache/deps.py), and when the next scheduled post makes cached lists expire."""

from django.db.models import Min
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from config.page_cache import tokens
from config.page_cache.deps import schedule, track
from config.publishing import Status

from .models import Author, Coverage, FaqItem, Post


def post_tokens(post, listing: bool) -> list[str]:
    moved = [tokens.post(post.pk), tokens.table("post")]
    if listing:
        moved += [tokens.POSTS, *(tokens.tag_posts(tag_id) for tag_id in post.tags.values_list("id", flat=True))]
        framework_ids = Coverage.objects.filter(post_id=post.pk).values_list("framework_id", flat=True)
        moved += [tokens.framework_posts(framework_id) for framework_id in framework_ids]
    return moved


def coverage_tokens(coverage, listing: bool) -> list[str]:
    return [tokens.post(coverage.post_id), tokens.table("post"), tokens.framework_posts(coverage.framework_id)]


def tagged_item_tokens(item, listing: bool) -> list[str]:
    kind = item.content_type.model  # the tagged model's name: "post", "framework"
    moved = [tokens.row(kind, item.object_id), tokens.table(kind), tokens.listing(kind)]
    return [*moved, tokens.tagged(kind, item.tag_id), tokens.TAGS]


def next_publication() -> float | None:
    soonest = Post.objects.filter(status=Status.PUBLISHED, published_at__gt=timezone.now()).aggregate(
        at=Min("published_at")
    )["at"]
    return soonest.timestamp() if soonest else None


def track_writes() -> None:
    # Status, date and slug decide where a post is listed (and whether it is).
    track(Post, tokens=post_tokens, listed=("status", "published_at", "slug"), recorded=True)
    track(FaqItem, tokens=lambda faq, listing: [tokens.post(faq.post_id), tokens.table("post")])
    track(Coverage, tokens=coverage_tokens)
    track(Author, tokens=lambda author, listing: [tokens.author(author.pk), tokens.table("author")], recorded=True)
    track(Tag, tokens=lambda tag, listing: [tokens.tag(tag.pk), tokens.table("tag"), tokens.TAGS], recorded=True)
    track(TaggedItem, tokens=tagged_item_tokens, saves_own_rows=True)
    schedule(next_publication)
