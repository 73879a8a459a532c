from functools import partial

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.db import models
from django.urls import path, reverse_lazy
from django.utils import timezone
from django.utils.html import format_html

from config.editorial.locking import VersionedModelForm
from config.editorial.modeladmin import EditorialAdmin, MineFilter
from config.publishing import Status

from . import dashboard, tag_admin  # noqa: F401  (register the newsroom's panels and the Tag admin)
from .admin_import import import_view
from .checks import publish_problems
from .models import Author, FaqItem, Post, new_preview_nonce
from .previews import preview_url


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "post_count"]
    search_fields = ["name", "bio"]
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ["user"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(number_of_posts=models.Count("posts"))

    @admin.display(description="posts", ordering="number_of_posts")
    def post_count(self, obj):
        return obj.number_of_posts


class PublicationFilter(admin.SimpleListFilter):
    title = "publication"
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [("live", "Live"), ("scheduled", "Scheduled")]

    def queryset(self, request, queryset):
        if self.value() == "live":
            return queryset.published()
        if self.value() == "scheduled":
            return queryset.filter(status=Status.PUBLISHED, published_at__gt=timezone.now())
        return queryset


class FaqItemInline(admin.StackedInline):
    model = FaqItem
    fields = ["position", "question", "answer"]
    extra = 0
    classes = ["collapse"]
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 80})}}


class PostAdminForm(VersionedModelForm):
    # Hidden (and its row with it) until publishing raised warnings: then it is the way past them.
    publish_anyway = forms.BooleanField(
        required=False,
        label="Publish despite the warnings",
        help_text="Tick after reading the warnings above.",
        widget=forms.HiddenInput,
    )

    def clean(self):
        cleaned = super().clean()
        going_live = cleaned.get("status") == Status.PUBLISHED and self.initial.get("status") != Status.PUBLISHED
        if going_live and not cleaned.get("publish_anyway"):
            problems = publish_problems(
                body=cleaned.get("body") or "",
                hero_image=cleaned.get("hero_image"),
                hero_alt=cleaned.get("hero_alt", ""),
            )
            if problems:
                self.fields["publish_anyway"].widget = forms.CheckboxInput()
                raise forms.ValidationError(
                    ["Before publishing:", *problems, "Fix them, or tick “Publish despite the warnings”."],
                    code="publish_warnings",
                )
        return cleaned


@admin.register(Post)
class PostAdmin(EditorialAdmin):
    form = PostAdminForm
    owner_field = "author__user"
    actions = [*EditorialAdmin.actions, "revoke_preview_links"]
    change_list_template = "admin/blog/post/change_list.html"  # adds "Import Markdown"
    entry_picker_url = reverse_lazy("admin:frameworks_framework_picker")
    inlines = [FaqItemInline]

    class Media:
        css = {"all": ["admin_extra/preview.css"]}

    list_display = ["title", "author", "status", "published_at", "tag_list", "is_live"]
    list_filter = ["status", PublicationFilter, MineFilter, "listed", "tags", "author"]
    search_fields = ["title", "description", "body", "keywords"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ["author"]
    readonly_fields = [
        "covered_frameworks",
        "social_card_preview",
        "share_link",
        "import_ref",
        "created_at",
        "modified_at",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    "author",
                    "status",
                    "listed",
                    "publish_anyway",
                    "published_at",
                    "updated_at",
                    "tags",
                    "share_link",
                ]
            },
        ),
        ("Body", {"fields": ["body", "covered_frameworks"]}),
        (
            "Search and sharing",
            {"fields": ["title_tag", "description", "keywords", "hero_image", "hero_alt", "social_card_preview"]},
        ),
        (
            "More",
            {
                "classes": ["collapse"],
                "fields": ["extra_front_matter", "import_ref", "created_at", "modified_at"],
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author").prefetch_related("tags")

    def get_urls(self):
        custom = [path("import/", self.admin_site.admin_view(partial(import_view, self)), name="blog_post_import")]
        return custom + super().get_urls()

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        # Authors write under their own name.
        return fields if self.can_publish(request) else [*fields, "author"]

    def save_model(self, request, obj, form, change):
        if not self.can_publish(request) and not change:
            obj.author, _ = Author.objects.get_or_create(
                user=request.user,
                defaults={
                    "name": request.user.get_full_name() or request.user.username,
                    "slug": f"user-{request.user.pk}",
                },
            )
        super().save_model(request, obj, form, change)

    @admin.display(description="tags")
    def tag_list(self, obj):
        return ", ".join(tag.name for tag in obj.tags.all())

    @admin.display(description="live", boolean=True)
    def is_live(self, obj):
        return obj.is_published

    @admin.display(description="share link for reviewers")
    def share_link(self, obj):
        if not obj.pk:
            return "—"
        url = preview_url(obj)
        return format_html(
            '<a href="{}">{}</a><br><span class="help">Anyone with it sees this post as readers will, '
            "for {} days. “Revoke share links” in the list cancels every link.</span>",
            url,
            url,
            settings.PREVIEW_LINK_DAYS,
        )

    @admin.action(description="Revoke share links of selected posts", permissions=["change"])
    def revoke_preview_links(self, request, queryset):
        for post in queryset:
            Post.objects.filter(pk=post.pk).update(preview_nonce=new_preview_nonce())
        self.message_user(request, "Share links revoked.", messages.SUCCESS)

    @admin.display(description="frameworks covered (from the embeds in the body)")
    def covered_frameworks(self, obj):
        names = [str(coverage.framework) for coverage in obj.coverage.select_related("framework")] if obj.pk else []
        return ", ".join(names) or "—"

    @admin.display(description="social card (generated when there is no hero image)")
    def social_card_preview(self, obj):

        if not obj.social_card:
            return "—"
        return format_html('<img src="{}" alt="" style="max-width:320px;border-radius:6px">', obj.social_card.url)
