from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from config.backups import BackupError, backup_restore


class Command(BaseCommand):
    help = "Replace the database content and media with a backup made by `backup`."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, **options):
        try:
            backup_restore(path)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(f"Restored {path}."))
