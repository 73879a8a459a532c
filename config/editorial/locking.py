"""Optimistic locking for admin edits: the second of two concurrent saves is refused, not merged.

The change form carries the edit number it was loaded at (EditVersion, kept apart from the
content so restoring a revision never winds it back). Saving checks it and moves it on in one
conditional UPDATE, so two saves can never both pass.
"""

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format

from .models import EditVersion


class ConflictError(Exception):
    pass


def edit_version(instance) -> EditVersion:
    content_type = ContentType.objects.get_for_model(instance)
    version, _ = EditVersion.objects.get_or_create(content_type=content_type, object_id=instance.pk)
    return version


def conflict_message(instance) -> str:
    version = edit_version(instance)
    who = version.saved_by.get_username() if version.saved_by else "someone else"
    when = date_format(timezone.localtime(version.saved_at), "DATETIME_FORMAT")
    return (
        f"{who} saved this at {when}, after you opened it. Your changes were not saved: "
        "copy what you need, then reload the page to see theirs."
    )


class VersionedModelForm(forms.ModelForm):
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["loaded_version"].initial = edit_version(self.instance).number

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and cleaned.get("loaded_version") != edit_version(self.instance).number:
            raise forms.ValidationError(conflict_message(self.instance), code="conflict")
        return cleaned


def claim_version(instance, *, loaded_version: int | None, user) -> None:
    """Move the edit number on from loaded_version, or raise ConflictError if someone else did."""
    version = edit_version(instance)
    claimed = EditVersion.objects.filter(pk=version.pk, number=loaded_version or 0).update(
        number=F("number") + 1, saved_by=user, saved_at=timezone.now()
    )
    if not claimed:
        raise ConflictError(conflict_message(instance))


def bump_version(instance, *, user) -> None:
    """A save from elsewhere (a bulk action): forms opened before it are now stale."""
    version = edit_version(instance)
    EditVersion.objects.filter(pk=version.pk).update(number=F("number") + 1, saved_by=user, saved_at=timezone.now())
