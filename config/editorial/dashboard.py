"""The admin's index as a newsroom: panels of what needs an editor's attention.

The apps add their panels (blog/dashboard.py, frameworks/admin.py) with `panel()`; this module
knows none of them, so the dependencies still run one way. Each panel is one query (two at most),
of at most `ROWS` rows and one more to know there are more: the page costs the same for 10 posts
or 10,000.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from reversion.models import Version

from .apps import setting

ROWS = 6


@dataclass
class Row:
    label: str
    url: str
    detail: str = ""
    when: datetime | date | None = None
    when_label: str = ""  # what the time means: "edited", "goes live", "submitted"

    @property
    def when_text(self) -> str:
        if isinstance(self.when, datetime):
            return date_format(timezone.localtime(self.when), "j M Y, H:i")
        return date_format(self.when, "j M Y") if self.when else ""

    @property
    def when_iso(self) -> str:
        return self.when.isoformat() if self.when else ""


@dataclass
class Panel:
    title: str
    rows: list[Row]
    empty: str  # what an empty panel says
    more_url: str = ""  # the full list (a filtered change list), shown when rows were cut
    more: bool = False
    note: str = ""  # a line under the title (when the data was gathered)
    key: str = ""  # an HTML id, for tests and links

    @classmethod
    def of(cls, title: str, rows: list[Row], **kwargs) -> "Panel":
        """Rows fetched as ROWS + 1: the extra one only says there are more."""
        return cls(title=title, rows=rows[:ROWS], more=len(rows) > ROWS, **kwargs)


@dataclass(order=True)
class _Registered:
    order: int
    build: Callable = field(compare=False)


_panels: list[_Registered] = []


def panel(order: int):
    """Register `build(request) -> Panel | None` (None: not for this user) at a place on the page."""

    def register(build):
        _panels.append(_Registered(order, build))
        _panels.sort()
        return build

    return register


class NewsroomSite(admin.AdminSite):
    """Django's admin site with the site's names and the newsroom as its index."""

    site_header = setting("ADMIN_SITE_HEADER")
    site_title = setting("ADMIN_SITE_TITLE")
    index_title = setting("ADMIN_INDEX_TITLE")
    index_template = "admin/newsroom.html"

    def index(self, request, extra_context=None):
        panels = [built for registered in _panels if (built := registered.build(request)) is not None]
        return super().index(request, {"panels": panels, **(extra_context or {})})


@panel(70)
def edits_by_others(request):
    """The latest saves by other people, from the revision history, of what this user may see."""
    visible = [
        ContentType.objects.get_for_model(model)
        for model, model_admin in admin.site._registry.items()
        if model_admin.has_view_permission(request)
    ]
    versions = (
        Version.objects.filter(content_type__in=visible)
        .exclude(revision__user=request.user)
        .select_related("revision__user", "content_type")
        .order_by("-revision__date_created", "-pk")[: ROWS + 1]
    )
    rows = [
        Row(
            version.object_repr,
            reverse(
                f"admin:{version.content_type.app_label}_{version.content_type.model}_change", args=[version.object_id]
            ),
            f"{version.content_type.name}, by {version.revision.user or 'an import or script'}",
            version.revision.date_created,
            "",
        )
        for version in versions
    ]
    return Panel.of("Recent edits by others", rows, key="edits", empty="No one else has edited anything yet.")
