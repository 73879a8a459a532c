import functools
from types import SimpleNamespace

from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.html import escape, format_html
from django.views import View
from django.views.generic import DetailView, TemplateView

from config import structured_data
from config.images import stored_image
from config.markdown.export import post_markdown
from config.page_cache import tokens
from config.page_cache.deps import depends_on
from config.stored_pages import current_card, current_part, fill, fresh_parts, is_current, shared_document
from config.text import clean
from frameworks.models import Framework

from . import page_queries
from .models import Post
from .previews import BadPreviewLink, post_for_token
from .search import MAX_QUERY_LENGTH, search
from .templatetags.site_tags import json_ld


class PostListView(View):
    """The home page: a page rendered once per process (shared_document) around this page's
    stored cards, read by one prepared query (config/prepared.py)."""

    def get(self, request):
        depends_on(tokens.POSTS)  # per request: listed() reads the clock, so scheduled posts appear on time
        page = page_queries.listed_page(page_number(request), size=PAGE_SIZE, now=timezone.now())
        if not page and page.number > 1:
            raise Http404("No such page.")
        depends_on(*(tokens.post(row.id) for row in page))
        html = fill(
            shared_document("blog/post_list.html", request.path),
            request,
            shown={"posts" if page else "empty", *(["later_page"] if page.number > 1 else [])},
            page_number=str(page.number),
            cards="".join(current_card(Post, row) for row in page),
            pagination=pagination(request, page),
            structured_data=json_ld(structured_data.blog(request, page.object_list)),
        )
        return HttpResponse(html)


PAGE_SIZE = 10  # cards on the home and tag pages


def page_number(request) -> int:
    """The page ?page= asks for: a positive number, anything else is a 404."""
    try:
        number = int(request.GET.get("page") or 1)
    except ValueError:
        raise Http404("No such page.") from None
    if not 1 <= number <= MAX_PAGE:  # past it, the offset overflows the database's integers
        raise Http404("No such page.")
    return number


MAX_PAGE = 1_000_000


def pagination(request, page) -> str:
    if not page.has_other_pages():
        return ""
    return pagination_html(request.GET.urlencode(), page.number, page.has_previous(), page.has_next())


@functools.lru_cache(maxsize=1024)
def pagination_html(query: str, number: int, has_previous: bool, has_next: bool) -> str:
    """The Newer / Older links of a list page, kept by what they show (rendering them cost a
    third of a cold page)."""
    page = SimpleNamespace(
        number=number,
        has_previous=has_previous,
        has_next=has_next,
        has_other_pages=True,
        previous_page_number=number - 1,
        next_page_number=number + 1,
    )
    context = {"page_obj": page, "query": QueryDict(query), "previous_label": "← Newer", "next_label": "Older →"}
    return render_to_string("includes/pagination.html", context)


class PostDetailView(View):
    """The article: its whole page stored at save (Post.parts()), filled in for this request.
    Two prepared queries (config/prepared.py), the post and its related posts: no template runs.
    Staff who may edit posts see drafts at the real address, never cached."""

    def get(self, request, slug):
        now = timezone.now()
        found = page_queries.published_document(slug=slug, now=now)
        if found:
            return article(request, found[0], is_draft=False, now=now)
        post = get_object_or_404(Post.objects.visible_to(request.user).for_page(), slug=slug)
        response = article(request, post, is_draft=not post.is_published, now=now)
        if not post.is_published:
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response


def article(request, post, *, is_draft: bool, now) -> HttpResponse:
    """`post`: a row of DOCUMENT_FIELDS (a model instance or a prepared query's row)."""
    parts = {name: getattr(post, name) for name in ("document_html", "page_tokens", "related_from")}
    if not is_current(post.parts_release):  # stored by another release (a deploy changed a template)
        parts = fresh_parts(Post, post.id)
    # Related posts are drawn from the posts sharing its tags and entries.
    related = page_queries.related_cards(post.id, parts["related_from"], now=now)
    depends_on(tokens.post(post.id), *parts["page_tokens"], *(tokens.post(pk) for pk, _, _ in related))
    # Cards another release rendered (after a deploy) are drawn again.
    cards = [current_part(Post, "card_html", pk=pk, release=release, stored=card) for pk, card, release in related]
    shown = {name for name, show in (("draft", is_draft), ("related", cards)) if show}
    return HttpResponse(fill(parts["document_html"], request, shown=shown, related_cards="".join(cards)))


class TagDetailView(View):
    """A tag's articles (paginated like the home page) and entries: a page rendered once per
    process for the tag (shared_document), its stored cards filled in. Prepared queries."""

    def get(self, request, slug):
        found = page_queries.tag_row(slug)
        if not found:
            raise Http404("No such tag.")
        tag, spread = found
        depends_on(tokens.tag(tag.id), tokens.tag_posts(tag.id), tokens.tag_frameworks(tag.id))
        page = page_queries.tagged_page(tag.id, spread, page_number(request), size=PAGE_SIZE, now=timezone.now())
        frameworks = page_queries.tagged_frameworks(tag.id)
        if not page and (page.number > 1 or not frameworks):
            raise Http404("Nothing published carries this tag.")
        depends_on(*(tokens.post(row.id) for row in page), *(tokens.framework(row.id) for row in frameworks))
        html = fill(
            shared_document("blog/tag_detail.html", request.path, tag_name=tag.name, tag_slug=tag.slug),
            request,
            shown={name for name, show in (("posts", page), ("frameworks", frameworks)) if show},
            cards="".join(current_card(Post, row) for row in page),
            pagination=pagination(request, page),
            framework_cards="".join(current_card(Framework, row) for row in frameworks),
        )
        return HttpResponse(html)


class SearchView(View):
    """A page rendered once per process (shared_document) around what the query finds: two
    prepared queries (blog/search) and a small template."""

    def get(self, request):
        # The mark characters of stored pages out too: the query is written into one.
        query = clean(request.GET.get("q", ""), written=True)[:MAX_QUERY_LENGTH].strip()
        depends_on(tokens.POSTS, tokens.FRAMEWORKS)
        number = page_number(request)
        page = search(query, number=number, size=PAGE_SIZE, now=timezone.now())
        if not page.results and number > 1:
            raise Http404("No such page.")
        context = {"query": query, "page_obj": page, "request_get": request.GET}
        if not page.results:  # somewhere to go from an empty query or an empty result
            context.update(
                suggested_frameworks=Framework.objects.published().only("name", "slug"),
                recent_posts=Post.objects.listed().order_by("-published_at").only("title", "slug")[:5],
            )
        html = fill(
            shared_document("blog/search.html", request.path),
            request,
            title_query=format_html("“{}” · ", query) if query else "",
            query=escape(query),
            results=render_to_string("blog/parts/search_results.html", context),
        )
        return HttpResponse(html)


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


class PostPreviewView(View):
    """A draft as readers will see it, for whoever holds a valid share link; never cached or indexed."""

    def get(self, request, token):
        try:
            post = post_for_token(token, Post.objects.for_page())
            response = article(request, post, is_draft=not post.is_published, now=timezone.now())
        except BadPreviewLink as gone:
            response = render(request, "blog/preview_gone.html", {"message": str(gone)}, status=410)
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response
