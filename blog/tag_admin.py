"""Tags in the admin: merging folds tags into one, and the merged ones' URLs redirect (renames
redirect by themselves: receivers.py)."""

from django.contrib import admin, messages
from django.db import transaction
from taggit.admin import TagAdmin as TaggitTagAdmin
from taggit.models import Tag, TaggedItem

from config.redirects import redirect_moved

from .receivers import tag_path

admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(TaggitTagAdmin):
    actions = ["merge_tags"]

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
        names = ", ".join(other.name for other in others)
        self.message_user(request, f"Merged {names} into {keep.name}.", messages.SUCCESS)
