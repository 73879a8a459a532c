"""The admin editor's live preview and image upload, on top of django-markdownx's views."""

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseBadRequest
from django.views import View
from markdownx.forms import ImageForm
from markdownx.views import ImageUploadView

from .images import inspect_image
from .markdown import preview


class PreviewView(View):
    """The same renderer and sanitiser as the public page, framework embeds included."""

    def post(self, request):
        content = request.POST.get("content")
        if content is None:
            return HttpResponseBadRequest("No content to preview.")
        return HttpResponse(preview(content))


class CheckedImageForm(ImageForm):
    # ImageField makes Pillow decode the upload; markdownx alone trusts the declared content type.
    image = forms.ImageField()

    def clean(self):
        upload = self.cleaned_data.get("image")
        if upload:
            try:
                inspect_image(upload, name=upload.name)
            except ValidationError as error:
                raise forms.ValidationError(error.messages[0]) from None
        return super().clean()


class UploadView(ImageUploadView):
    form_class = CheckedImageForm
