"""The publication status every publishable model shares, and the queryset base whose
published() each model defines: its one publication rule."""

from django.db import models


class Status(models.TextChoices):
    """Draft → in review → published. A published post dated in the future is scheduled."""

    DRAFT = "draft", "Draft"
    REVIEW = "review", "In review"
    PUBLISHED = "published", "Published"


class PublishableQuerySet(models.QuerySet):
    """Base for querysets that define published(), the one publication rule of their model."""

    def visible_to(self, user):
        """Staff who may edit the model preview drafts at the real URL; everyone else sees published()."""
        opts = self.model._meta
        if user.is_active and user.is_staff and user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
            return self
        return self.published()
