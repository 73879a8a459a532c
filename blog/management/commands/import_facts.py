from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from blog.derived import batched
from frameworks.fact_csv import Refused, decode, import_csv


class Command(BaseCommand):
    help = "Import the facts matrix from a CSV file (as the admin's “Export facts (CSV)” writes it)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, **options):
        try:
            text = decode(path.read_bytes())
            with batched():  # every article and page showing the entries follows once, at the end
                report = import_csv(text)
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror or error}") from None
        except ValueError as error:
            raise CommandError(f"{path}: {error}") from None
        except Refused as refusal:
            raise CommandError(f"{path}: nothing imported. " + " ".join(refusal.report.errors)) from None
        self.stdout.write(f"{path}: {report.written} facts written, {report.removed} removed.")
