"""Writing SearchDocument rows: called by blog/derived.py when a post or an entry (or its tags,
pros or cons) changed, and by rebuild_search_index."""

from blog.models import Post, SearchDocument
from config.text import plain_text
from frameworks.models import Framework


def search_index_post(*, post: Post) -> None:
    # The rendered body: readers find an article by the entries it embeds, too.
    parts = [post.description, plain_text(post.body_html), " ".join(tag.name for tag in post.tags.all())]
    SearchDocument.objects.update_or_create(
        kind=SearchDocument.Kind.POST,
        object_id=post.pk,
        defaults={"title": post.title, "text": "\n".join(part for part in parts if part)},
    )


def search_index_framework(*, framework: Framework) -> None:
    points = [f"{point.label}: {point.text}" for point in [*framework.pros.all(), *framework.cons.all()]]
    parts = [
        framework.tagline,
        plain_text(framework.description_html),
        *[plain_text(point) for point in points],
        plain_text(framework.closing_notes_html),
        " ".join(tag.name for tag in framework.tags.all()),
    ]
    SearchDocument.objects.update_or_create(
        kind=SearchDocument.Kind.FRAMEWORK,
        object_id=framework.pk,
        defaults={"title": framework.name, "text": "\n".join(part for part in parts if part)},
    )


def search_index_remove(*, kind: str, object_ids) -> None:
    SearchDocument.objects.filter(kind=kind, object_id__in=list(object_ids)).delete()


def search_index_posts(*, post_ids) -> None:
    for post in Post.objects.filter(pk__in=list(post_ids)).prefetch_related("tags"):
        search_index_post(post=post)


def search_index_frameworks(*, framework_ids) -> None:
    # Gone ones (deleted in the same batch) are simply not found; their documents went with them.
    for framework in Framework.objects.filter(pk__in=list(framework_ids)).prefetch_related("tags", "pros", "cons"):
        search_index_framework(framework=framework)
