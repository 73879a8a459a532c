from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from blog.models import Coverage
from blog.services import site_rerender
from config.backups import BackupError, backup_restore


class Command(BaseCommand):
    help = "Replace the database content and media with a backup made by `backup`."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, **options):
        try:
            media_moved = backup_restore(path)
        except BackupError as error:
            raise CommandError(str(error)) from None
        # A backup from before coverage rows carried their post's date (blog migration 0024).
        Coverage.objects.filter(published_at=None).follow_posts()
        if media_moved:
            # Its pages name the media where they were (local files, another bucket).
            done = site_rerender()
            self.stdout.write(f"The media moved: {done.posts} posts and {done.entries} entries rendered again.")
        self.stdout.write(self.style.SUCCESS(f"Restored {path}."))
