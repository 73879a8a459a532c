from pathlib import Path

from django.core.management.base import BaseCommand

from config.backups import backup_write


class Command(BaseCommand):
    help = "Write the whole site (database content and media files) into one zip."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, **options):
        files = backup_write(path)
        self.stdout.write(self.style.SUCCESS(f"Wrote {path} (database and {files} media files)."))
