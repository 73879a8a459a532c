from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from blog.exporter import export_post
from blog.models import Post


class Command(BaseCommand):
    help = "Write a post back as Reflex-dialect Markdown (and its images), ready for import_post."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--output", type=Path, help="File to write (default: standard output).")
        parser.add_argument("--assets", type=Path, help="Folder to copy the post's images into.")

    def handle(self, *args, slug: str, output: Path | None, assets: Path | None, **options):
        post = Post.objects.select_related("author").filter(slug=slug).first()
        if post is None:
            raise CommandError(f"no post with the slug {slug}")
        if assets:
            assets.mkdir(parents=True, exist_ok=True)
        text = export_post(post, assets=assets)
        if output:
            output.write_text(text)
            self.stderr.write(self.style.SUCCESS(f"Wrote {output}"))
        else:
            self.stdout.write(text, ending="")
