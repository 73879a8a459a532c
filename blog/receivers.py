"""What blog does when something it keeps a copy of changes, whoever changed it: the admin, a
shell, a migration, the importer, a revision revert. Connected in BlogConfig.ready().

Entries, pros, cons and facts (frameworks) and tags are shown inside articles and search documents;
posts are in search documents; authors, tags, FAQ items and entries in posts' stored parts.
The work itself is in derived.py; renamed posts and tags keep their old URLs here too.
"""

from django.db.models.signals import post_delete, post_init, post_save, pre_delete
from django.urls import reverse
from taggit.models import Tag, TaggedItem

from config.redirects import redirect_moved
from frameworks.models import Con, Fact, FactKind, Framework, Pro
from frameworks.signals import framework_renamed as framework_renamed_signal

from .derived import in_batch, need
from .models import Author, FaqItem, Post, SearchDocument
from .services import posts_follow_slug_change


def acts_on(raw: bool) -> bool:
    """Raw saves carry their derived fields: only a batch (a revision revert) brings copies in step."""
    return not raw or in_batch()


# Entries: their text is rendered into every article that embeds them.


def framework_renamed(sender, framework, old_slug, new_slug, **kwargs) -> None:
    # Articles embed entries by slug: theirs follow, so no article loses the section.
    posts_follow_slug_change(framework_id=framework.pk, old_slug=old_slug, new_slug=new_slug)


def framework_saved(sender, instance, raw=False, **kwargs) -> None:
    if acts_on(raw):
        entry = {instance.pk}
        need(rerender_embedding=entry, index_frameworks=entry, store_framework_parts=entry)


def framework_deleting(sender, instance, **kwargs) -> None:
    # The coverage rows go with the entry: find the articles that showed it first.
    instance._embedded_in = set(Post.objects.filter(frameworks=instance).values_list("pk", flat=True))


def framework_deleted(sender, instance, **kwargs) -> None:
    SearchDocument.objects.filter(kind=SearchDocument.Kind.FRAMEWORK, object_id=instance.pk).delete()
    need(rerender_posts=getattr(instance, "_embedded_in", set()))


def point_written(sender, instance, raw=False, **kwargs) -> None:
    if acts_on(raw):
        entry = {instance.framework_id}
        need(rerender_embedding=entry, index_frameworks=entry, store_framework_parts=entry)


def fact_kind_saved(sender, instance, raw=False, **kwargs) -> None:
    # A renamed kind, another unit or order: every entry stating one reads differently.
    if acts_on(raw):
        entries = set(Fact.objects.filter(kind=instance).values_list("framework_id", flat=True))
        need(rerender_embedding=entries, index_frameworks=entries, store_framework_parts=entries)


def slug_loaded(sender, instance, **kwargs) -> None:
    instance._slug_as_loaded = instance.__dict__.get("slug")


# Posts: their search documents; renamed ones redirect.


def post_saved(sender, instance, raw=False, **kwargs) -> None:
    old_slug = getattr(instance, "_slug_as_loaded", None)
    if not raw and old_slug and old_slug != instance.slug:
        redirect_moved(old_path=reverse("blog:detail", kwargs={"slug": old_slug}), new_path=instance.get_absolute_url())
    instance._slug_as_loaded = instance.slug
    if acts_on(raw):
        # A raw row's HTML was rendered elsewhere (another site's media, older entries).
        need(
            index_posts={instance.pk},
            rerender_posts={instance.pk} if raw else set(),
            fresh_posts=set() if raw else {instance.pk},
        )


def post_deleted(sender, instance, **kwargs) -> None:
    SearchDocument.objects.filter(kind=SearchDocument.Kind.POST, object_id=instance.pk).delete()


# Tags: part of the search text of what carries them; renamed ones redirect.


def tag_path(slug: str) -> str:
    return reverse("blog:tag", kwargs={"slug": slug})


def tagging_written(sender, instance, raw=False, **kwargs) -> None:
    if acts_on(raw):
        reindex_tagged([instance])


def tag_saved(sender, instance, created=False, raw=False, **kwargs) -> None:
    old_slug = getattr(instance, "_slug_as_loaded", None)
    if not raw and old_slug and old_slug != instance.slug:
        redirect_moved(old_path=tag_path(old_slug), new_path=tag_path(instance.slug))
    instance._slug_as_loaded = instance.slug
    if not created and acts_on(raw):
        reindex_tagged(TaggedItem.objects.filter(tag=instance).select_related("content_type"))


def reindex_tagged(items) -> None:
    post_ids, framework_ids = set(), set()
    for item in items:
        kind = item.content_type.model
        if kind == "post":
            post_ids.add(item.object_id)
        elif kind == "framework":
            framework_ids.add(item.object_id)
    need(
        index_posts=post_ids, store_parts=post_ids, index_frameworks=framework_ids, store_framework_parts=framework_ids
    )


# Authors and FAQ items: shown in their posts' stored parts.


def author_saved(sender, instance, raw=False, **kwargs) -> None:
    if acts_on(raw):
        need(store_parts=set(Post.objects.filter(author=instance).values_list("pk", flat=True)))


def faq_item_written(sender, instance, raw=False, **kwargs) -> None:
    if acts_on(raw):
        need(store_parts={instance.post_id})


def connect() -> None:
    framework_renamed_signal.connect(framework_renamed, dispatch_uid="blog-framework-renamed")
    for model in (Post, Tag):
        post_init.connect(slug_loaded, sender=model, dispatch_uid=f"blog-slug-loaded-{model._meta.label_lower}")
    post_save.connect(framework_saved, sender=Framework, dispatch_uid="blog-framework-saved")
    pre_delete.connect(framework_deleting, sender=Framework, dispatch_uid="blog-framework-deleting")
    post_delete.connect(framework_deleted, sender=Framework, dispatch_uid="blog-framework-deleted")
    post_save.connect(fact_kind_saved, sender=FactKind, dispatch_uid="blog-fact-kind-saved")
    for model in (Pro, Con, Fact):
        post_save.connect(point_written, sender=model, dispatch_uid=f"blog-point-saved-{model._meta.label_lower}")
        post_delete.connect(point_written, sender=model, dispatch_uid=f"blog-point-deleted-{model._meta.label_lower}")
    post_save.connect(post_saved, sender=Post, dispatch_uid="blog-post-saved")
    post_delete.connect(post_deleted, sender=Post, dispatch_uid="blog-post-deleted")
    post_save.connect(tagging_written, sender=TaggedItem, dispatch_uid="blog-tagging-saved")
    post_delete.connect(tagging_written, sender=TaggedItem, dispatch_uid="blog-tagging-deleted")
    post_save.connect(tag_saved, sender=Tag, dispatch_uid="blog-tag-saved")
    post_save.connect(author_saved, sender=Author, dispatch_uid="blog-author-saved")
    post_save.connect(faq_item_written, sender=FaqItem, dispatch_uid="blog-faq-saved")
    post_delete.connect(faq_item_written, sender=FaqItem, dispatch_uid="blog-faq-deleted")
