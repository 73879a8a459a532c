from django import forms
from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils import timezone

from blog.editorial import EditorialAdmin
from blog.models import Post, SearchDocument
from blog.redirects import redirect_moved
from blog.search.index import search_index_framework, search_index_remove
from blog.services import posts_follow_slug_change, posts_rerender, posts_rerender_embedding
from config.page_cache import tokens
from config.page_cache.deps import changed

from .models import VERIFY_EVERY_DAYS, Con, Framework, Pro


class PointInline(admin.TabularInline):
    fields = ["position", "label", "text"]
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 70})}}
    extra = 1
    ordering = ["position", "id"]

    class Media:
        # Drag rows to reorder; the position numbers stay editable without JavaScript.
        js = ["admin_extra/sortable_inlines.js"]
        css = {"all": ["admin_extra/sortable_inlines.css"]}


class ProInline(PointInline):
    model = Pro


class ConInline(PointInline):
    model = Con


class VerificationFilter(admin.SimpleListFilter):
    title = "verification"
    parameter_name = "verification"

    def lookups(self, request, model_admin):
        return [("stale", f"Not verified in {VERIFY_EVERY_DAYS} days")]

    def queryset(self, request, queryset):
        return queryset.needing_verification() if self.value() == "stale" else queryset


@admin.register(Framework)
class FrameworkAdmin(EditorialAdmin):
    owner_field = "created_by"
    actions = [*EditorialAdmin.actions, "mark_verified"]

    class Media:
        css = {"all": ["admin_extra/preview.css"]}

    formfield_overrides = {**EditorialAdmin.formfield_overrides, models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "tagline", "status", "tag_list", "last_verified", "is_fresh", "modified_at"]
    list_filter = ["status", VerificationFilter, "tags"]
    search_fields = ["name", "tagline", "description", "pros__text", "cons__text"]
    prepopulated_fields = {"slug": ("name",)}
    fieldsets = [
        (None, {"fields": ["name", "slug", "tagline", "website", "status", "tags", "image", "last_verified"]}),
        ("Text", {"fields": ["description", "closing_notes"]}),
    ]
    inlines = [ProInline, ConInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("tags")

    @admin.display(description="fresh", boolean=True)
    def is_fresh(self, obj):
        return not obj.needs_verification

    @admin.action(description="Mark selected entries verified today", permissions=["change"])
    def mark_verified(self, request, queryset):
        count = queryset.update(last_verified=timezone.localdate())
        changed(tokens.table("framework"), *(tokens.framework(pk) for pk in queryset.values_list("pk", flat=True)))
        self.message_user(request, f"{count} marked verified today.")

    @admin.display(description="tags")
    def tag_list(self, obj):
        return ", ".join(tag.name for tag in obj.tags.all())

    def after_tagging(self, obj):
        search_index_framework(framework=obj)

    def after_status_change(self, queryset):
        posts_rerender_embedding(framework_ids=list(queryset.values_list("pk", flat=True)))

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        if change and "slug" in form.changed_data:
            posts_follow_slug_change(framework_id=obj.pk, old_slug=form.initial["slug"], new_slug=obj.slug)
            for route in ("frameworks:detail", "frameworks:alternatives"):
                redirect_moved(
                    old_path=reverse(route, kwargs={"slug": form.initial["slug"]}),
                    new_path=reverse(route, kwargs={"slug": obj.slug}),
                )

    def save_related(self, request, form, formsets, change):
        # Pros and cons are saved here, after the entry: only now are the embeds' inputs final.
        super().save_related(request, form, formsets, change)
        search_index_framework(framework=form.instance)
        posts_rerender_embedding(framework_ids=[form.instance.pk])

    def delete_queryset(self, request, queryset):
        # The coverage rows go with the entries: find the articles that showed them first.
        posts = list(Post.objects.filter(frameworks__in=queryset).distinct())
        ids = list(queryset.values_list("pk", flat=True))
        super().delete_queryset(request, queryset)
        search_index_remove(kind=SearchDocument.Kind.FRAMEWORK, object_ids=ids)
        posts_rerender(posts=posts)

    def delete_model(self, request, obj):
        posts = list(obj.posts.all())
        pk = obj.pk
        super().delete_model(request, obj)
        search_index_remove(kind=SearchDocument.Kind.FRAMEWORK, object_ids=[pk])
        posts_rerender(posts=posts)
