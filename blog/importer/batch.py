"""Importing many files at once (a migrating team's whole folder): each file on its own, one
summary at the end, and links between the posts checked once they are all in."""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from blog.checks import broken_internal_links
from blog.models import Post
from config.publishing import Status

from .errors import ImportFailed
from .service import ImportResult, post_import

# What a folder import takes: the dialect's .md files and the seed's .txt.
SOURCE_SUFFIXES = {".md", ".markdown", ".txt"}


@dataclass
class BatchSummary:
    done: dict[Path, ImportResult] = field(default_factory=dict)
    skipped: list[Path] = field(default_factory=list)
    refused: list[tuple[Path, str]] = field(default_factory=list)
    # file → the site-relative links of its post that lead to no published page
    dangling_links: dict[Path, list[str]] = field(default_factory=dict)

    @property
    def imported(self) -> list[ImportResult]:
        return [result for result in self.done.values() if result.created]

    @property
    def updated(self) -> list[ImportResult]:
        return [result for result in self.done.values() if not result.created]

    @property
    def warning_count(self) -> int:
        return sum(len(result.warnings) for result in self.done.values()) + sum(map(len, self.dangling_links.values()))


def source_files(paths: list[Path]) -> list[Path]:
    """The files named, and the Markdown files directly inside the folders named, in name order."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(child for child in path.iterdir() if child.is_file() and child.suffix in SOURCE_SUFFIXES)
        else:
            files.append(path)
    return list(dict.fromkeys(files))


def import_files(
    files: list[Path],
    *,
    assets: Path | None = None,
    status: str = Status.PUBLISHED,
    slug_from_filename: bool = False,
    if_new: bool = False,
    progress: Callable[[int, Path, str], None] = lambda index, path, outcome: None,
) -> BatchSummary:
    """Import each file in its own transaction: a refused file changes nothing and stops nothing."""
    summary = BatchSummary()
    names: dict[str, Path] = {}
    for index, path in enumerate(files, start=1):
        # A post is known by its file's name: a second file of that name would update the first's.
        first = names.setdefault(path.name, path)
        if first != path:
            reason = f"another file of this name ({first}) was imported in this run"
            summary.refused.append((path, reason))
            progress(index, path, f"refused: {reason}")
            continue
        if if_new and Post.objects.filter(import_ref=path.name).exists():
            summary.skipped.append(path)
            progress(index, path, "imported before; left as it is")
            continue
        try:
            result = post_import(path=path, assets=assets, status=status, slug_from_filename=slug_from_filename)
        except ImportFailed as error:
            summary.refused.append((path, str(error)))
            progress(index, path, f"refused: {error}")
            continue
        summary.done[path] = result
        verb = "imported" if result.created else "updated"
        notes = f" ({len(result.warnings)} warning{'s' * (len(result.warnings) != 1)})" if result.warnings else ""
        progress(index, path, f"{verb} at {result.post.get_absolute_url()}{notes}")
    for path, result in summary.done.items():
        result.post.refresh_from_db(fields=["body_html"])
        broken = broken_internal_links(result.post.body_html)
        if broken:
            summary.dangling_links[path] = broken
    return summary
