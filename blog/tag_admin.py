"""Tags in the admin: renaming keeps the old tag URL working; merging folds tags into one."""

from django.contrib import admin, messages
from django.db import transaction
from django.urls import reverse
from taggit.admin import TagAdmin as TaggitTagAdmin
from taggit.models import Tag, TaggedItem

from .redirects import redirect_moved
from .search.index import search_index_framework, search_index_post


def tag_path(slug: str) -> str:
    return reverse("blog:tag", kwargs={"slug": slug})


def reindex_tagged(tag_ids) -> None:
    """Tag names are part of the search text of what carries them."""
    items = TaggedItem.objects.filter(tag_id__in=tag_ids).select_related("content_type")
    for item in items.prefetch_related("content_object"):
        obj = item.content_object
        if obj is None:
            continue
        if item.content_type.model == "post":
            search_index_post(post=obj)
        elif item.content_type.model == "framework":
            search_index_framework(framework=obj)


admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(TaggitTagAdmin):
    actions = ["merge_tags"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "slug" in form.changed_data:
            redirect_moved(old_path=tag_path(form.initial["slug"]), new_path=tag_path(obj.slug))
        if change:
            reindex_tagged([obj.pk])

    @admin.action(description="Merge selected tags into the most used one", permissions=["change"])
    @transaction.atomic
    def merge_tags(self, request, queryset):
        tags = sorted(queryset, key=lambda tag: -TaggedItem.objects.filter(tag=tag).count())
        if len(tags) < 2:
            self.message_user(request, "Select two or more tags to merge.", messages.WARNING)
            return
        keep, others = tags[0], tags[1:]
        for other in others:
            for item in TaggedItem.objects.filter(tag=other):
                duplicate = TaggedItem.objects.filter(
                    tag=keep, content_type=item.content_type, object_id=item.object_id
                ).exists()
                if duplicate:
                    item.delete()
                else:
                    item.tag = keep
                    item.save()
            redirect_moved(old_path=tag_path(other.slug), new_path=tag_path(keep.slug))
            other.delete()
        reindex_tagged([keep.pk])
        names = ", ".join(other.name for other in others)
        self.message_user(request, f"Merged {names} into {keep.name}.", messages.SUCCESS)
