from dataclasses import dataclass

from django.db import transaction

from config.markdown import rename_embeds
from config.page_cache import tokens
from config.page_cache.deps import changed
from frameworks.models import Con, Framework, Pro

from .models import Coverage, FaqItem, Post
from .search.index import search_index_frameworks, search_index_post


@transaction.atomic
def posts_rerender(*, posts) -> list[int]:
    """Re-render the stored HTML of these posts (their embedded entries changed) and their search
    documents; return their ids."""
    rerendered = []
    for post in posts.select_related("author").prefetch_related("tags"):
        post.render()
        Post.objects.filter(pk=post.pk).update(
            body_html=post.body_html, toc=post.toc, word_count=post.word_count, hero_html=post.hero_html, **post.parts()
        )
        search_index_post(post=post)
        rerendered.append(post.pk)
    # A raw load's or an update()'s dates: the order of the entries' covering lists follows them.
    Coverage.objects.filter(post__in=posts.values("pk")).follow_posts()
    if rerendered:
        # update() sends no signal. Only the posts' own pages (and lists showing them) change:
        # which lists they are in does not.
        changed(tokens.table("post"), *(tokens.post(pk) for pk in rerendered))
    return rerendered


@transaction.atomic
def posts_store_parts(*, post_ids) -> list[int]:
    """Render the stored parts of these posts again (a row they show changed); return their ids."""
    posts = list(Post.objects.filter(pk__in=post_ids).select_related("author"))
    for post in posts:
        post.store_parts()
    return [post.pk for post in posts]


@transaction.atomic
def posts_follow_slug_change(*, framework_id: int, old_slug: str, new_slug: str) -> int:
    """An entry's slug changed: its embeds in every post follow, so no article loses the section."""
    posts = Post.objects.filter(frameworks=framework_id)
    for post in posts:
        post.body = rename_embeds(post.body, old_slug=old_slug, new_slug=new_slug)
        post.save()
    return len(posts)


@dataclass
class Rerendered:
    posts: int
    posts_changed: int  # its body or an FAQ answer
    entries: int
    entries_changed: int  # its description, closing notes or a pro or con


def stored_html() -> tuple[dict, dict]:
    posts = {pk: [html] for pk, html in Post.objects.values_list("pk", "body_html")}
    for post_id, html in FaqItem.objects.order_by("pk").values_list("post_id", "answer_html"):
        posts[post_id].append(html)
    entries = {pk: [a, b] for pk, a, b in Framework.objects.values_list("pk", "description_html", "closing_notes_html")}
    for model in (Pro, Con):
        for framework_id, html in model.objects.order_by("pk").values_list("framework_id", "text_html"):
            entries[framework_id].append(html)
    return posts, entries


@transaction.atomic
def site_rerender() -> Rerendered:
    """Render every entry, pro, con and post again from its source (with their stored parts),
    and rewrite every search document: after a renderer change, or writes that sent no signal (QuerySet.update(), a raw
    load, a revision reverted in a shell). Stored HTML only: no row counts as edited."""
    posts_before, entries_before = stored_html()
    frameworks = list(Framework.objects.all())
    for framework in frameworks:
        framework.render()
        Framework.objects.filter(pk=framework.pk).update(
            description_html=framework.description_html, closing_notes_html=framework.closing_notes_html
        )
    for model in (Pro, Con):
        for point in model.objects.all():
            point.render()
            model.objects.filter(pk=point.pk).update(text_html=point.text_html)
    for framework in frameworks:
        framework.store_parts()  # after its pros and cons
    changed(tokens.table("framework"))
    for item in FaqItem.objects.all():
        item.render()
        FaqItem.objects.filter(pk=item.pk).update(answer_html=item.answer_html)
    posts = posts_rerender(posts=Post.objects.all())
    search_index_frameworks(framework_ids=[framework.pk for framework in frameworks])
    posts_after, entries_after = stored_html()
    return Rerendered(
        posts=len(posts),
        posts_changed=sum(posts_before[pk] != posts_after[pk] for pk in posts_after),
        entries=len(frameworks),
        entries_changed=sum(entries_before[pk] != entries_after[pk] for pk in entries_after),
    )
