from django.views.generic import DetailView, ListView

from blog.mixins import StaffPreviewMixin

from .models import Framework


class FrameworkListView(ListView):
    queryset = Framework.objects.published().for_list()
    paginate_by = 60


class FrameworkDetailView(StaffPreviewMixin, DetailView):
    queryset = Framework.objects.for_detail()

    def get_context_data(self, **kwargs):
        posts = self.object.posts.published().select_related("author").order_by("-published_at")
        return super().get_context_data(posts=posts, **kwargs)
