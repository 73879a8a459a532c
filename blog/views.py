from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView, TemplateView
from taggit.models import Tag

from frameworks.models import Framework

from .mixins import StaffPreviewMixin
from .models import Post
from .search import MAX_QUERY_LENGTH, matching_documents, results_for


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


class SearchView(TemplateView):
    template_name = "blog/search.html"
    paginate_by = 10

    def get_context_data(self, **kwargs):
        query = self.request.GET.get("q", "")[:MAX_QUERY_LENGTH].strip()
        context = super().get_context_data(query=query, **kwargs)
        if query:
            page = Paginator(matching_documents(query), self.paginate_by).get_page(self.request.GET.get("page"))
            context.update(page_obj=page, results=results_for(page.object_list))
        if not query or not context["results"]:
            # Somewhere to go from an empty query or an empty result.
            context.update(
                suggested_frameworks=Framework.objects.published().only("name", "slug"),
                recent_posts=Post.objects.published().order_by("-published_at")[:5],
            )
        return context


class RobotsView(TemplateView):
    template_name = "robots.txt"
    content_type = "text/plain; charset=utf-8"
