"""The newsroom's panels about posts (config/editorial/dashboard.py draws them).

Each is one query of at most ROWS + 1 rows, whatever the number of posts.
"""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from config.editorial.dashboard import ROWS, Panel, Row, panel
from config.editorial.models import Submission
from config.publishing import Status
from frameworks.models import Framework

from .models import DeadLink, LinkCheck, Post


def post_url(post) -> str:
    return reverse("admin:blog_post_change", args=[post.pk])


def entry_url(framework) -> str:
    return reverse("admin:frameworks_framework_change", args=[framework.pk])


def changelist(query: str) -> str:
    return f"{reverse('admin:blog_post_changelist')}?{query}"


def may_publish(request) -> bool:
    return request.user.has_perm("blog.publish_post")


@panel(10)
def my_drafts(request):
    posts = Post.objects.filter(status=Status.DRAFT, author__user=request.user).order_by("-modified_at")
    entries = Framework.objects.filter(status=Status.DRAFT, created_by=request.user).order_by("-modified_at")
    rows = [Row(post.title, post_url(post), "post", post.modified_at, "edited") for post in posts[: ROWS + 1]]
    rows += [Row(entry.name, entry_url(entry), "entry", entry.modified_at, "edited") for entry in entries[: ROWS + 1]]
    rows.sort(key=lambda row: row.when, reverse=True)
    return Panel.of(
        "My drafts",
        rows,
        key="drafts",
        empty="No drafts of yours. Start one with “Add post”.",
        more_url=changelist("status__exact=draft&mine=1"),
    )


@panel(20)
def in_review(request):
    """Editors: everything waiting for them, with who sent it when. Authors: their own."""
    posts = Post.objects.filter(status=Status.REVIEW)
    if not may_publish(request):
        posts = posts.filter(author__user=request.user)
    posts = posts.annotate(**Submission.annotations(Post)).select_related("author")
    posts = posts.order_by("submitted_at", "modified_at")[: ROWS + 1]
    rows = [
        Row(
            post.title,
            post_url(post),
            f"by {post.author.name}" + (f", sent by {post.submitted_by_name}" if post.submitted_by_name else ""),
            post.submitted_at or post.modified_at,
            "submitted" if post.submitted_at else "edited",
        )
        for post in posts
    ]
    return Panel.of(
        "Waiting for review" if may_publish(request) else "My posts in review",
        rows,
        key="review",
        empty="Nothing waiting for review.",
        more_url=changelist("status__exact=review"),
    )


@panel(30)
def scheduled(request):
    now = timezone.now()
    posts = Post.objects.filter(status=Status.PUBLISHED, published_at__gt=now).order_by("published_at")
    rows = [Row(post.title, post_url(post), "", post.published_at, "goes live") for post in posts[: ROWS + 1]]
    return Panel.of(
        "Scheduled",
        rows,
        key="scheduled",
        empty="Nothing scheduled. A published post dated in the future goes live at that time.",
        more_url=changelist("publication=scheduled"),
    )


@panel(40)
def recently_published(request):
    posts = Post.objects.published().order_by("-published_at")[: ROWS + 1]
    rows = [Row(post.title, post_url(post), "", post.published_at, "live since") for post in posts]
    return Panel.of(
        "Recently published",
        rows,
        key="published",
        empty="Nothing published yet.",
        more_url=changelist("status__exact=published"),
    )


@panel(60)
def dead_links(request):
    run = LinkCheck.objects.order_by("-finished_at").first()
    if run is None:
        return Panel("Dead links", [], key="links", empty="Links have not been checked: run manage.py check_links.")
    found = (
        DeadLink.objects.filter(check_run=run)
        .filter(Q(post__isnull=False) | Q(framework__isnull=False))
        .select_related("post", "framework")
        .order_by("url", "pk")[: ROWS + 1]
    )
    rows = [
        Row(
            link.url,
            post_url(link.post) if link.post else entry_url(link.framework),
            f"{link.detail}, on {link.post.title if link.post else link.framework.name}",
        )
        for link in found
    ]
    unchecked = f", {run.unchecked} left unchecked" if run.unchecked else ""
    finished = timezone.localtime(run.finished_at).strftime("%-d %b %Y, %H:%M")
    return Panel.of(
        "Dead links",
        rows,
        key="links",
        note=f"From the last check_links run ({finished}): {run.checked} links checked{unchecked}.",
        empty="None: every link answered.",
    )
