from django.conf import settings
from django.db import models


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
