"""The admin editor's live preview and image upload, on top of django-markdownx's views."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseBadRequest
from django.views import View
from markdownx.forms import ImageForm
from markdownx.views import ImageUploadView

from config.images import reencode

from .rendering import preview


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
                width = settings.MARKDOWNX_IMAGE_MAX_SIZE["size"][0]
                self.reencoded = reencode(upload, name=upload.name, max_width=width)
            except ValidationError as error:
                raise forms.ValidationError(error.messages[0]) from None
        return super().clean()

    def save(self, commit=True):
        # markdownx stores GIFs as uploaded and names files by the declared type: we store what
        # Pillow wrote, named by the format it really is.
        return self._save(self.reencoded, self.reencoded.name, commit)


class UploadView(ImageUploadView):
    form_class = CheckedImageForm
