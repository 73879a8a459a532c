"""Import a Reflex-dialect file from the admin: the same service and checks as `import_post`."""

import tempfile
from pathlib import Path

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from config.publishing import Status

from .importer import ImportFailed, post_import

MAX_MARKDOWN_BYTES = 2 * 1024 * 1024


class MultipleImageInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    widget = MultipleImageInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data] if data else []
        return [super(MultipleImageField, self).clean(item, initial) for item in files]


class ImportForm(forms.Form):
    markdown = forms.FileField(label="Markdown file", help_text="A post in the Reflex blog's dialect (.md or .txt).")
    images = MultipleImageField(required=False, help_text="The images it names (figures and hero), found by file name.")
    as_draft = forms.BooleanField(required=False, initial=True, label="Create new posts and entries as drafts")

    def clean_markdown(self):
        upload = self.cleaned_data["markdown"]
        if upload.size > MAX_MARKDOWN_BYTES:
            raise forms.ValidationError("The file is over 2 MB.")
        return upload


def safe_name(name: str) -> str:
    return Path(name).name or "upload"


def import_view(model_admin, request):
    if not model_admin.can_publish(request):
        raise PermissionDenied("Importing updates shared entries: editors only.")
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        with tempfile.TemporaryDirectory(prefix="import-") as folder:
            folder = Path(folder)
            upload = form.cleaned_data["markdown"]
            source = folder / safe_name(upload.name)
            source.write_bytes(upload.read())
            assets = folder / "assets"
            assets.mkdir()
            for image in form.cleaned_data["images"]:
                (assets / safe_name(image.name)).write_bytes(image.read())
            status = Status.DRAFT if form.cleaned_data["as_draft"] else Status.PUBLISHED
            try:
                result = post_import(path=source, assets=assets, status=status)
            except ImportFailed as problem:
                form.add_error(None, f"{upload.name}: {problem}")
            else:
                for warning in result.warnings:
                    messages.warning(request, warning)
                verb = "Imported" if result.created else "Updated"
                messages.success(request, f"{verb} “{result.post.title}”.")
                return redirect(reverse("admin:blog_post_change", args=[result.post.pk]))
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "form": form,
        "title": "Import a Markdown post",
    }
    return TemplateResponse(request, "admin/blog/post/import.html", context)
