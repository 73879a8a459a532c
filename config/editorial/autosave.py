"""Autosave for the editorial admin forms: kept on the server, per user and object.

The form's script (static/admin_extra/autosave.js) posts the form's fields here every few seconds
while they differ from what was loaded. The next open of that form offers them back: copied into
the form when the object was not saved since they were typed, shown as a difference otherwise
(the optimistic lock decides, as for saves: a stale copy is never applied over someone's save).
"""

import difflib
from dataclasses import dataclass
from datetime import timedelta

from django import forms
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.utils import timezone
from django.utils.formats import date_format

from config.text import clean

from .locking import edit_version
from .models import Autosave

# Fields never kept: the request's token and the lock's number (the copy records its own).
NOT_KEPT = {"csrfmiddlewaretoken", "loaded_version", "_continue", "_save", "_addanother"}
MAX_FIELDS = 2000
KEEP_FOR = timedelta(days=30)


def object_id_of(obj) -> int:
    return obj.pk if obj is not None else Autosave.NEW


def autosave_of(request, model, obj) -> Autosave | None:
    return Autosave.objects.filter(
        user=request.user, content_type=ContentType.objects.get_for_model(model), object_id=object_id_of(obj)
    ).first()


def forget(request, model, obj) -> None:
    """After a save: the copy is what was just saved, or older than it."""
    Autosave.objects.filter(
        user=request.user, content_type=ContentType.objects.get_for_model(model), object_id=object_id_of(obj)
    ).delete()


def autosave_view(model_admin, request, object_id=None, discard=False):
    """POST: keep the form's fields (or, discard=True, drop the copy). Roles hold: only someone who
    may change the object (or add one) keeps a copy of it."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    obj = None
    if object_id is not None:
        obj = model_admin.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404("No such object.")
        if not model_admin.has_change_permission(request, obj):
            raise PermissionDenied("You may not change this.")
    elif not model_admin.has_add_permission(request):
        raise PermissionDenied("You may not add these.")
    key = {
        "user": request.user,
        "content_type": ContentType.objects.get_for_model(model_admin.model),
        "object_id": object_id_of(obj),
    }
    if discard:
        Autosave.objects.filter(**key).delete()
        return JsonResponse({"discarded": True})
    posted = request.POST.lists()
    # Only storable text (PostgreSQL refuses NUL in JSON): what a save would keep of it anyway.
    fields = clean([[name, value] for name, values in posted if name not in NOT_KEPT for value in values])
    if len(fields) > MAX_FIELDS:
        return JsonResponse({"error": "Too many fields to keep."}, status=400)
    try:
        loaded = max(0, int(request.POST.get("loaded_version") or 0))
    except ValueError:
        loaded = 0
    saved = Autosave.objects.update_or_create(**key, defaults={"fields": fields, "loaded_version": loaded})[0]
    # Copies of edits abandoned long ago go, so the table holds what people may still want.
    Autosave.objects.filter(user=request.user, saved_at__lt=saved.saved_at - KEEP_FOR).delete()
    return JsonResponse({"saved_at": date_format(timezone.localtime(saved.saved_at), "H:i:s")})


@dataclass
class FieldDifference:
    label: str
    lines: list[tuple[str, str]]  # (kind: "added" | "removed" | "same", text)


@dataclass
class Offer:
    """What the change form says about a kept copy."""

    autosave: Autosave
    stale: bool  # the object was saved after the copy's form was opened
    saved_by: str = ""
    saved_at: str = ""
    differences: list[FieldDifference] | None = None

    @property
    def kept_at(self) -> str:
        return date_format(timezone.localtime(self.autosave.saved_at), "j M, H:i")


def line_diff(old: str, new: str) -> list[tuple[str, str]]:
    kinds = {"+": "added", "-": "removed", " ": "same"}
    return [
        (kinds[line[0]], line[2:]) for line in difflib.ndiff(old.splitlines(), new.splitlines()) if line[0] in kinds
    ]


def offer(request, model, obj, form) -> Offer | None:
    """The copy to offer on opening this form, if there is one that differs from it."""
    kept = autosave_of(request, model, obj)
    if kept is None:
        return None
    if obj is None:
        return Offer(kept, stale=False)
    version = edit_version(obj)
    if kept.loaded_version == version.number:
        return Offer(kept, stale=False)
    values = dict(kept.fields)
    differences = []
    for name, field in form.fields.items():
        current = form[name].value() or ""
        # Text is shown line by line; other fields (dates, choices, tags) are left to the form.
        if name not in values or not isinstance(field, forms.CharField) or not isinstance(current, str):
            continue
        if values[name].replace("\r\n", "\n") != current.replace("\r\n", "\n"):
            differences.append(FieldDifference(str(field.label or name), line_diff(current, values[name])))
    return Offer(
        kept,
        stale=True,
        saved_by=version.saved_by.get_username() if version.saved_by else "someone",
        saved_at=date_format(timezone.localtime(version.saved_at), "j M, H:i"),
        differences=differences,
    )
