from django.utils.cache import add_never_cache_headers, patch_cache_control


class StaffPreviewMixin:
    """Detail views: staff see drafts at the real URL, never cached; readers get a 404 for them."""

    def get_queryset(self):
        return super().get_queryset().visible_to(self.request.user)

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if not self.object.is_published:
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response
