from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from blog.importer.batch import import_files, source_files
from config.publishing import Status


class Command(BaseCommand):
    help = (
        "Import (or update) posts written in the Reflex blog's Markdown dialect: files, or folders "
        "of them (their .md, .markdown and .txt files), each file on its own, one summary at the end."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
        parser.add_argument("--assets", type=Path, help="Folder holding the images the posts name.")
        parser.add_argument("--draft", action="store_true", help="Create new posts and entries as drafts.")
        parser.add_argument(
            "--if-new",
            action="store_true",
            help="Leave a file alone if it was imported before (keeps editors' changes).",
        )
        parser.add_argument(
            "--slug-from-filename",
            action="store_true",
            help="Each post's address is its file name (top-frameworks.md → /blog/top-frameworks/), "
            "as on the dialect's own site, so links between the posts resolve.",
        )

    def handle(self, *args, paths, assets, draft, if_new, slug_from_filename, **options):
        if assets is not None and not assets.is_dir():
            raise CommandError(f"{assets}: the assets folder does not exist")
        missing = [path for path in paths if not path.exists()]
        if missing:
            raise CommandError(f"{missing[0]}: no such file or folder")
        files = source_files(paths)
        if not files:
            raise CommandError(f"no .md, .markdown or .txt files in {', '.join(map(str, paths))}")
        many = len(files) > 1

        def progress(index: int, path: Path, outcome: str):
            if many:
                self.stdout.write(f"[{index}/{len(files)}] {path.name}: {outcome}")

        summary = import_files(
            files,
            assets=assets,
            status=Status.DRAFT if draft else Status.PUBLISHED,
            slug_from_filename=slug_from_filename,
            if_new=if_new,
            progress=progress,
        )
        self.report(summary, many=many)

    def report(self, summary, *, many: bool):
        for path, result in summary.done.items():
            for warning in result.warnings:
                self.stderr.write(self.style.WARNING(f"{path}: warning: {warning}"))
        for path, links in summary.dangling_links.items():
            for link in links:
                self.stderr.write(
                    self.style.WARNING(f"{path}: warning: links to {link}, which is no post or page here")
                )
        if not many:
            self.report_one(summary)
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(summary.imported)} imported, {len(summary.updated)} updated, "
                f"{len(summary.skipped)} left as they were, {len(summary.refused)} refused; "
                f"{summary.warning_count} warnings"
            )
        )
        for path, reason in summary.refused:
            self.stderr.write(self.style.ERROR(f"refused {path}: {reason}"))
        if summary.refused:
            raise CommandError(f"{len(summary.refused)} file(s) refused; nothing of theirs was stored")

    def report_one(self, summary):
        if summary.refused:
            path, reason = summary.refused[0]
            raise CommandError(f"{path}: {reason}")
        if summary.skipped:
            self.stdout.write(f"{summary.skipped[0]}: imported before; left as it is (run without --if-new to update).")
            return
        result = next(iter(summary.done.values()))
        verb = "Imported" if result.created else "Updated"
        self.stdout.write(self.style.SUCCESS(f"{verb} “{result.post.title}” at {result.post.get_absolute_url()}"))
        entries = ", ".join(f"{fw.name}{' (new)' if new else ''}" for fw, new in result.frameworks)
        if entries:
            self.stdout.write(f"Framework entries: {entries}")
