from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from blog.importer import ImportFailed, post_import
from blog.models import Post
from config.publishing import Status


class Command(BaseCommand):
    help = "Import (or update) a post written in the Reflex blog's Markdown dialect."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--assets", type=Path, help="Folder holding the images the post names.")
        parser.add_argument("--draft", action="store_true", help="Create new posts and entries as drafts.")
        parser.add_argument(
            "--if-new",
            action="store_true",
            help="Do nothing if this file was imported before (keeps editors' changes).",
        )

    def handle(self, *args, path: Path, assets: Path | None, draft: bool, if_new: bool, **options):
        if assets is not None and not assets.is_dir():
            raise CommandError(f"{assets}: the assets folder does not exist")
        if if_new and Post.objects.filter(import_ref=path.name).exists():
            self.stdout.write(f"{path}: imported before; left as it is (run without --if-new to update).")
            return
        status = Status.DRAFT if draft else Status.PUBLISHED
        try:
            result = post_import(path=path, assets=assets, status=status)
        except ImportFailed as error:
            raise CommandError(f"{path}: {error}") from None
        for warning in result.warnings:
            self.stderr.write(self.style.WARNING(f"{path}: warning: {warning}"))
        verb = "Imported" if result.created else "Updated"
        entries = ", ".join(f"{fw.name}{' (new)' if new else ''}" for fw, new in result.frameworks)
        self.stdout.write(self.style.SUCCESS(f"{verb} “{result.post.title}” at {result.post.get_absolute_url()}"))
        if entries:
            self.stdout.write(f"Framework entries: {entries}")
