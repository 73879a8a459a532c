from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class EditVersion(models.Model):
    """How many times an object was saved from the admin, and by whom last: the optimistic lock.

    Kept apart from the content so that restoring a revision never winds it back (locking.py).
    """

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    number = models.PositiveIntegerField(default=0)
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    saved_at = models.DateTimeField(auto_now=True)

    class Meta:
        # Created by blog's migration 0008, before the model moved here.
        db_table = "blog_editversion"
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id"], name="unique_edit_version")]


class Submission(models.Model):
    """Who last sent an object for review, and when: the newsroom's "in review" panel shows it."""

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id"], name="unique_submission")]

    @classmethod
    def record(cls, instance, *, user) -> None:
        cls.objects.update_or_create(
            content_type=ContentType.objects.get_for_model(instance),
            object_id=instance.pk,
            defaults={"submitted_by": user, "submitted_at": timezone.now()},
        )

    @classmethod
    def annotations(cls, model) -> dict:
        """submitted_by_name and submitted_at for each row of a query of `model`, in that query."""
        latest = cls.objects.filter(
            content_type=ContentType.objects.get_for_model(model), object_id=models.OuterRef("pk")
        )
        return {
            "submitted_by_name": models.Subquery(latest.values("submitted_by__username")[:1]),
            "submitted_at": models.Subquery(latest.values("submitted_at")[:1]),
        }


class Autosave(models.Model):
    """What a user typed in an admin form and did not save, kept every few seconds by the form's
    script (config/editorial/autosave.py) and offered back the next time they open it.

    Only ever copied back into the form: never saved into the object, never published.
    """

    NEW = 0  # object_id of an add form's autosave (one per user and model)

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    fields = models.JSONField()  # [[name, value], ...] as the form posts them
    loaded_version = models.PositiveIntegerField(default=0)  # the edit number the form was opened at
    saved_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "content_type", "object_id"], name="one_autosave_per_form")
        ]
