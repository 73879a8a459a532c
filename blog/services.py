from django.db import transaction

from config.markdown.blocks import embed_slug
from config.markdown.fences import Fence, split_fences
from config.page_cache import tokens
from config.page_cache.deps import changed
from frameworks.models import Con, Framework, Pro

from .models import Post
from .search.index import search_index_frameworks, search_index_post


@transaction.atomic
def posts_rerender(*, posts) -> list[int]:
    """Re-render the stored HTML of these posts (their embedded entries changed) and their search
    documents; return their ids."""
    rerendered = []
    for post in posts.prefetch_related("tags"):
        post.render()
        Post.objects.filter(pk=post.pk).update(body_html=post.body_html, toc=post.toc, word_count=post.word_count)
        search_index_post(post=post)
        rerendered.append(post.pk)
    if rerendered:
        # update() sends no signal. Only the posts' own pages (and lists showing them) change:
        # which lists they are in does not.
        changed(tokens.table("post"), *(tokens.post(pk) for pk in rerendered))
    return rerendered


def rewrite_embeds(source: str, *, old_slug: str, new_slug: str) -> str:
    """The same Markdown with every `framework old_slug` block, and links to its #anchor, on new_slug."""
    parts = []
    for part in split_fences(source, strict=False):
        if isinstance(part, Fence):
            info = f"framework {new_slug}" if embed_slug(part.info) == old_slug else part.info
            parts.append(Fence(info=info, body=part.body, start=part.start, fence=part.fence).source())
        else:
            text = "".join(f"{line}\n" for line in part.lines)
            parts.append(text.replace(f"](#{old_slug})", f"](#{new_slug})"))
    return "".join(parts)


@transaction.atomic
def posts_follow_slug_change(*, framework_id: int, old_slug: str, new_slug: str) -> int:
    """An entry's slug changed: its embeds in every post follow, so no article loses the section."""
    posts = Post.objects.filter(frameworks=framework_id)
    for post in posts:
        post.body = rewrite_embeds(post.body, old_slug=old_slug, new_slug=new_slug)
        post.save()
    return len(posts)


@transaction.atomic
def site_rerender() -> tuple[int, int]:
    """Render every entry, pro, con and post again from its source, and rewrite every search
    document: after a renderer change, or writes that sent no signal (QuerySet.update(), a raw
    load, a revision reverted in a shell). Stored HTML only: no row counts as edited."""
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
    changed(tokens.table("framework"))
    posts = posts_rerender(posts=Post.objects.all())
    search_index_frameworks(framework_ids=[framework.pk for framework in frameworks])
    return len(posts), len(frameworks)
