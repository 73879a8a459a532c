from django.db import transaction

from .models import Post


@transaction.atomic
def posts_rerender_embedding(*, framework_ids: list[int], exclude: int | None = None) -> int:
    """Re-render the stored HTML of every post that embeds one of these entries; return how many."""
    posts = Post.objects.filter(frameworks__in=framework_ids).exclude(pk=exclude).distinct()
    count = 0
    for post in posts:
        post.render()
        Post.objects.filter(pk=post.pk).update(body_html=post.body_html)
        count += 1
    return count
