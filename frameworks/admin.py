from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.http import JsonResponse
from django.urls import path
from django.utils import timezone

from config.editorial.modeladmin import EditorialAdmin, MineFilter
from config.markdown.blocks import COMPARE_MAX, COMPARE_MIN
from config.publishing import Status
from config.text import strip_controls

from . import dashboard  # noqa: F401  (registers the newsroom's panel)
from .fact_admin import FactInline
from .models import VERIFY_EVERY_DAYS, Con, FactKind, Framework, Pro

PICKER_ROWS = 30


class PointFormSet(BaseInlineFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:  # a checkbox in a table cell: name it
            form.fields["DELETE"].widget.attrs["aria-label"] = "Delete this row"


class PointInline(admin.TabularInline):
    formset = PointFormSet
    template = "admin/frameworks/points_inline.html"  # its first header named
    fields = ["position", "label", "text"]
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 70})}}
    extra = 1
    ordering = ["position", "id"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None:  # a table's cells: the column header is not the field's label
            field.widget.attrs["aria-label"] = f"{self.model._meta.verbose_name} {db_field.verbose_name}"
        return field

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
    list_filter = ["status", VerificationFilter, MineFilter, "tags"]
    search_fields = ["name", "tagline", "description", "pros__text", "cons__text"]
    prepopulated_fields = {"slug": ("name",)}
    fieldsets = [
        (None, {"fields": ["name", "slug", "tagline", "website", "status", "tags", "image", "last_verified"]}),
        ("Text", {"fields": ["description", "closing_notes"]}),
    ]
    inlines = [ProInline, ConInline, FactInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("tags")

    def get_urls(self):
        picker = path("picker/", self.admin_site.admin_view(self.picker_view), name="frameworks_framework_picker")
        return [picker, *super().get_urls()]

    def picker_view(self, request):
        """The Markdown editor's pickers: entries by name, published and draft, as JSON; with
        `kinds=1` (the comparison picker's first load) also the kinds of facts a ```compare block
        may name, and its limits, so a search as you type reads the entries alone."""
        if not self.has_view_permission(request):
            raise PermissionDenied("You may not see the entries.")
        words = strip_controls(request.GET.get("q", ""))[0][:100].strip()
        entries = Framework.objects.order_by("name")
        if words:
            entries = entries.filter(models.Q(name__icontains=words) | models.Q(slug__icontains=words))
        fields = ["name", "slug", "status"]
        found = [{**row, "status_label": Status(row["status"]).label} for row in entries.values(*fields)[:PICKER_ROWS]]
        answer = {"entries": found}
        if request.GET.get("kinds") == "1":
            answer["kinds"] = list(FactKind.objects.values("slug", "name", "comparable"))
            answer["compare"] = {"min": COMPARE_MIN, "max": COMPARE_MAX}
        return JsonResponse(answer)

    @admin.display(description="fresh", boolean=True)
    def is_fresh(self, obj):
        return not obj.needs_verification

    @admin.action(description="Mark selected entries verified today", permissions=["change"])
    def mark_verified(self, request, queryset):
        frameworks = list(queryset)
        for framework in frameworks:  # saved one by one: every copy of an entry hears of it
            framework.last_verified = timezone.localdate()
            framework.save()
        self.message_user(request, f"{len(frameworks)} marked verified today.")

    @admin.display(description="tags")
    def tag_list(self, obj):
        return ", ".join(tag.name for tag in obj.tags.all())

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
