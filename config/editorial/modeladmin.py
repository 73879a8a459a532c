"""Who may do what in the admin: authors write and submit their own; editors review and publish.

Enforced here on the server (forms, actions, saves), not by hiding buttons.
"""

from functools import partial

import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers, widgets
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import path, reverse
from markdownx.admin import MarkdownxModelAdmin
from markdownx.widgets import AdminMarkdownxWidget
from reversion_compare.admin import CompareVersionAdmin

from config.publishing import Status

from .autosave import autosave_view, offer
from .autosave import forget as forget_autosave
from .locking import ConflictError, VersionedModelForm, bump_version, claim_version
from .models import Submission

AUTHOR_STATUSES = [Status.DRAFT, Status.REVIEW]


class EditorialActionForm(helpers.ActionForm):
    tag = forms.CharField(required=False, label="Tag", help_text="For “Add a tag to selected”.")


class MineFilter(admin.SimpleListFilter):
    """“Mine”: what the signed-in user owns (the newsroom's “My drafts” links here)."""

    title = "owner"
    parameter_name = "mine"

    def lookups(self, request, model_admin):
        return [("1", "Mine")]

    def queryset(self, request, queryset):
        return queryset.filter(**{self.model_admin.owner_field: request.user}) if self.value() == "1" else queryset

    def __init__(self, request, params, model, model_admin):
        self.model_admin = model_admin
        super().__init__(request, params, model, model_admin)


class EditorialAdmin(CompareVersionAdmin):
    """Admin for models with `status`, `is_owned_by(user)`, a `publish_<model>` permission and a
    `version`: roles, optimistic locking, and revisions (history, diff, restore, recover)."""

    formfield_overrides = MarkdownxModelAdmin.formfield_overrides
    history_latest_first = True
    compare_exclude = ["tags"]  # taggit's manager is not a plain many-to-many for the diff

    change_form_template = "admin/editorial/change_form.html"  # the autosave offer above the form
    # Where the Markdown editor's “Entry” button lists what it can embed (set by the apps).
    entry_picker_url = ""

    class Media:
        js = ["admin_extra/writing.js", "admin_extra/autosave.js"]
        css = {"all": ["admin_extra/writing.css"]}

    actions = ["submit_for_review", "publish", "unpublish", "add_tag"]
    action_form = EditorialActionForm
    form = VersionedModelForm
    owner_field = ""  # the lookup from the model to the user who owns an object

    def can_publish(self, request) -> bool:
        opts = self.model._meta
        return request.user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")

    def has_publish_permission(self, request) -> bool:
        return self.can_publish(request)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None or self.can_publish(request):
            return True
        # Authors: their own work, until it is published.
        return obj.is_owned_by(request.user) and obj.status != Status.PUBLISHED

    def recoverlist_view(self, request, extra_context=None):
        if not self.can_publish(request):
            raise PermissionDenied("Only editors recover deleted content.")
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if not self.can_publish(request):
            raise PermissionDenied("Only editors recover deleted content.")
        return super().recover_view(request, version_id, extra_context)

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status" and not self.can_publish(request):
            kwargs["choices"] = [(value, label) for value, label in Status.choices if value in AUTHOR_STATUSES]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_autosave"
        keep, discard = partial(autosave_view, self), partial(autosave_view, self, discard=True)
        view = self.admin_site.admin_view
        return [
            path("add/autosave/", view(keep), name=f"{name}_new"),
            path("add/autosave/discard/", view(discard), name=f"{name}_new_discard"),
            path("<path:object_id>/autosave/", view(keep), name=name),
            path("<path:object_id>/autosave/discard/", view(discard), name=f"{name}_discard"),
            *super().get_urls(),
        ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and self.entry_picker_url and isinstance(field.widget, AdminMarkdownxWidget):
            field.widget.attrs["data-entry-picker"] = str(self.entry_picker_url)
        if field is not None and isinstance(field.widget, widgets.AdminSplitDateTime):
            # Its "Date:" and "Time:" labels name no input: name each for screen readers.
            date, time = field.widget.widgets
            date.attrs["aria-label"] = f"{db_field.verbose_name} (date)"
            time.attrs["aria-label"] = f"{db_field.verbose_name} (time)"
        return field

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        name = f"admin:{self.opts.app_label}_{self.opts.model_name}_autosave"
        if obj is None:
            may_edit, keep, discard = self.has_add_permission(request), f"{name}_new", f"{name}_new_discard"
            args = []
        else:
            may_edit, keep, discard = self.has_change_permission(request, obj), name, f"{name}_discard"
            args = [quote(obj.pk)]
        if may_edit:  # a read-only view keeps nothing
            context.update(
                autosave_url=reverse(keep, args=args),
                autosave_discard_url=reverse(discard, args=args),
                autosave_offer=offer(request, self.model, obj, context["adminform"].form),
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], "loaded_version"]}), *rest]

    def save_model(self, request, obj, form, change):
        if obj.status == Status.PUBLISHED and not self.can_publish(request):
            raise PermissionDenied("Only editors publish.")
        if change:
            # The form already checked the version; this closes the gap between check and save.
            try:
                claim_version(obj, loaded_version=form.cleaned_data["loaded_version"], user=request.user)
            except ConflictError as conflict:
                raise PermissionDenied(str(conflict)) from None
        super().save_model(request, obj, form, change)
        if not change:
            claim_version(obj, loaded_version=0, user=request.user)
        forget_autosave(request, self.model, obj if change else None)
        if obj.status == Status.REVIEW and (not change or form.initial.get("status") != Status.REVIEW):
            Submission.record(obj, user=request.user)

    @transaction.atomic
    def _set_status(self, request, queryset, status, verb):
        """Each object saved in its own revision, so the change shows in its history."""
        objects = list(queryset)
        for obj in objects:
            with reversion.create_revision():
                obj.status = status
                obj.save()
                bump_version(obj, user=request.user)  # an edit form opened before this is now stale
                reversion.set_user(request.user)
                reversion.set_comment(f"Bulk action: {verb}.")
            if status == Status.REVIEW:
                Submission.record(obj, user=request.user)
        self.message_user(request, f"{len(objects)} {verb}.", messages.SUCCESS)

    @admin.action(description="Submit selected for review", permissions=["change"])
    def submit_for_review(self, request, queryset):
        if not self.can_publish(request):
            queryset = queryset.filter(status=Status.DRAFT, **{self.owner_field: request.user})
        self._set_status(request, queryset.exclude(status=Status.PUBLISHED), Status.REVIEW, "submitted for review")

    @admin.action(description="Add a tag to selected (type it in the Tag box)", permissions=["change"])
    def add_tag(self, request, queryset):
        tag = request.POST.get("tag", "").strip()
        if not tag:
            self.message_user(request, "Type the tag to add in the Tag box.", messages.WARNING)
            return
        if not self.can_publish(request):
            queryset = queryset.filter(**{self.owner_field: request.user}).exclude(status=Status.PUBLISHED)
        objects = list(queryset)
        for obj in objects:
            with reversion.create_revision():
                obj.tags.add(tag)
                obj.save()
                reversion.set_user(request.user)
                reversion.set_comment(f"Bulk action: tagged “{tag}”.")
                bump_version(obj, user=request.user)
        self.message_user(request, f"Tagged {len(objects)} with “{tag}”.", messages.SUCCESS)

    @admin.action(description="Publish selected", permissions=["publish"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, Status.PUBLISHED, "published")

    @admin.action(description="Unpublish selected (back to draft)", permissions=["publish"])
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, Status.DRAFT, "moved back to draft")
