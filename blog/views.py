from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView, TemplateView
from taggit.models import Tag

from frameworks.models import Framework

from .mixins import StaffPreviewMixin
from .models import Post


class PostListView(ListView):
    queryset = Post.objects.published().for_list()
    paginate_by = 10


class PostDetailView(StaffPreviewMixin, DetailView):
    queryset = Post.objects.select_related("author").prefetch_related("tags")


class TagDetailView(TemplateView):
    template_name = "blog/tag_detail.html"

    def get_context_data(self, **kwargs):
        tag = get_object_or_404(Tag, slug=kwargs["slug"])
        posts = list(Post.objects.published().for_list().filter(tags=tag))
        frameworks = list(Framework.objects.published().for_list().filter(tags=tag))
        if not posts and not frameworks:
            raise Http404("Nothing published carries this tag.")
        return super().get_context_data(tag=tag, posts=posts, frameworks=frameworks, **kwargs)
