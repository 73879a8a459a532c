from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.generic import DetailView, ListView, TemplateView
from taggit.models import Tag

from config import structured_data
from config.images import stored_image
from config.markdown.export import post_markdown
from config.mixins import StaffPreviewMixin
from config.page_cache import tokens
from config.page_cache.deps import depends_on
from config.stored_pages import current_parts, is_current, served_from
from frameworks.models import Framework

from .models import Post
from .previews import BadPreviewLink, post_for_token
from .search import MAX_QUERY_LENGTH, ResultPages, matching_documents, results_for


class PostListView(ListView):
    def get_queryset(self):
        # Per request: published() reads the clock, so scheduled posts appear on time.
        depends_on(tokens.POSTS)
        return Post.objects.listed().for_list()

    paginate_by = 10

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["post_list"] = current_parts(context["post_list"])
        context["structured_data"] = structured_data.blog(self.request, context["post_list"])
        return context


class PostDetailView(StaffPreviewMixin, DetailView):
    """The article from its stored parts (Post.parts()): one row, and one query for related posts."""

    queryset = Post.objects.for_page()

    def get_object(self, queryset=None):
        return current_parts([super().get_object(queryset)])[0]

    def get_context_data(self, **kwargs):
        post = self.object
        # Related posts are drawn from the posts sharing its tags and entries.
        related = Post.objects.listed().related_cards(post.pk)
        depends_on(*post.page_tokens, *(tokens.post(pk) for pk, _, _ in related))
        # Cards another release rendered (after a deploy): drawn again, fetched together.
        stale = [pk for pk, _, release in related if not is_current(release)]
        redrawn = {item.pk: item.card_html for item in current_parts(Post.objects.for_list().filter(pk__in=stale))}
        cards = [redrawn.get(pk, card) for pk, card, _ in related]
        return super().get_context_data(head=served_from(post.head_html, self.request), related_cards=cards, **kwargs)


class TagDetailView(TemplateView):
    template_name = "blog/tag_detail.html"

    def get_context_data(self, **kwargs):
        tag = get_object_or_404(Tag, slug=kwargs["slug"])
        depends_on(tokens.tag_posts(tag.pk), tokens.tag_frameworks(tag.pk))
        # Paginated like the home page: a popular tag must not list every post at once.
        page = Paginator(Post.objects.listed().for_list().filter(tags=tag), 10).get_page(self.request.GET.get("page"))
        frameworks = current_parts(Framework.objects.published().for_list().filter(tags=tag))
        if not page.object_list and not frameworks:
            raise Http404("Nothing published carries this tag.")
        return super().get_context_data(
            tag=tag, posts=current_parts(page.object_list), page_obj=page, frameworks=frameworks, **kwargs
        )


class SearchView(TemplateView):
    template_name = "blog/search.html"
    paginate_by = 10

    def get_context_data(self, **kwargs):
        query = self.request.GET.get("q", "")[:MAX_QUERY_LENGTH].strip()
        depends_on(tokens.POSTS, tokens.FRAMEWORKS)
        context = super().get_context_data(query=query, **kwargs)
        if query:
            page = ResultPages(matching_documents(query), self.paginate_by).get_page(self.request.GET.get("page"))
            context.update(page_obj=page, results=results_for(page.object_list, query))
        if not query or not context["results"]:
            # Somewhere to go from an empty query or an empty result.
            context.update(
                suggested_frameworks=Framework.objects.published().only("name", "slug"),
                recent_posts=Post.objects.listed().order_by("-published_at")[:5],
            )
        return context


class RobotsView(TemplateView):
    template_name = "robots.txt"
    content_type = "text/plain; charset=utf-8"


class PostMarkdownView(DetailView):
    """The article as Markdown with front matter, its entries written out: for machine readers."""

    def get_queryset(self):
        return Post.objects.published().select_related("author").prefetch_related("tags")

    def render_to_response(self, context, **kwargs):
        post = self.object
        embedded = Framework.objects.published().filter(posts=post).prefetch_related("pros", "cons")
        frameworks = {framework.slug: framework for framework in embedded}
        text = post_markdown(post, frameworks=frameworks, absolute=self.request.build_absolute_uri, media=stored_image)
        return HttpResponse(text, content_type="text/markdown; charset=utf-8")


class LlmsTxtView(TemplateView):
    """/llms.txt: what is published here, in the llmstxt.org format."""

    template_name = "llms.txt"
    content_type = "text/plain; charset=utf-8"

    def get_context_data(self, **kwargs):
        depends_on(tokens.POSTS, tokens.FRAMEWORKS)
        return super().get_context_data(
            posts=Post.objects.published().order_by("-published_at"),
            frameworks=Framework.objects.published(),
            **kwargs,
        )


class PostPreviewView(PostDetailView):
    """A draft as readers will see it, for whoever holds a valid share link; never cached or indexed."""

    def get_object(self, queryset=None):
        try:
            return current_parts([post_for_token(self.kwargs["token"], Post.objects.for_page())])[0]
        except BadPreviewLink as problem:
            raise PreviewGone(str(problem)) from None

    def get(self, request, *args, **kwargs):
        try:
            response = super().get(request, *args, **kwargs)
        except PreviewGone as gone:
            response = render(request, "blog/preview_gone.html", {"message": str(gone)}, status=410)
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response


class PreviewGone(Exception):
    pass
