"""What writes of entries, pros, cons and facts move in the page cache (config/page_cache/deps.py)."""

from config.page_cache import tokens
from config.page_cache.deps import track

from .models import Con, Fact, FactKind, Framework, Pro


def framework_tokens(framework, listing: bool) -> list[str]:
    moved = [tokens.framework(framework.pk), tokens.table("framework")]
    return [*moved, tokens.FRAMEWORKS] if listing else moved


def point_tokens(point, listing: bool) -> list[str]:
    return [tokens.framework(point.framework_id), tokens.table("framework")]


def fact_kind_tokens(kind, listing: bool) -> list[str]:
    # The directory's filters are the kinds; what entries show of them moves with their rows.
    return [tokens.FRAMEWORKS]


def track_writes() -> None:
    # Name, slug and status decide where an entry is listed (and whether it is).
    track(Framework, tokens=framework_tokens, listed=("status", "name", "slug"), recorded=True)
    track(Pro, tokens=point_tokens)
    track(Con, tokens=point_tokens)
    track(Fact, tokens=point_tokens)
    track(FactKind, tokens=fact_kind_tokens)
