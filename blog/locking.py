"""Optimistic locking for admin edits: the second of two concurrent saves is refused, not merged.

The change form carries the version it was loaded at. Saving checks it against the stored one
and bumps it in one conditional UPDATE, so two saves can never both pass.
"""

from django import forms
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format


class ConflictError(Exception):
    pass


def conflict_message(model, pk) -> str:
    row = model.objects.filter(pk=pk).values("modified_by__username", "modified_at").first()
    if row is None:
        return "This was deleted after you opened it."
    who = row["modified_by__username"] or "someone else"
    when = date_format(timezone.localtime(row["modified_at"]), "DATETIME_FORMAT")
    return (
        f"{who} saved this at {when}, after you opened it. Your changes were not saved: "
        "copy what you need, then reload the page to see theirs."
    )


class VersionedModelForm(forms.ModelForm):
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            current = type(self.instance).objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
            if cleaned.get("loaded_version") != current:
                raise forms.ValidationError(conflict_message(type(self.instance), self.instance.pk), code="conflict")
        return cleaned


def claim_version(instance, *, loaded_version: int, user) -> None:
    """Move the stored version on from loaded_version, or raise ConflictError if someone else did."""
    model = type(instance)
    claimed = model.objects.filter(pk=instance.pk, version=loaded_version).update(version=F("version") + 1)
    if not claimed:
        raise ConflictError(conflict_message(model, instance.pk))
    instance.version = loaded_version + 1
    instance.modified_by = user
