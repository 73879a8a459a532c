from django.core.management.base import BaseCommand

from frameworks.fact_csv import export_csv


class Command(BaseCommand):
    help = "Write the facts matrix as CSV (one row per entry) to standard output or --output."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="A file to write instead of standard output.")

    def handle(self, *args, output=None, **options):
        text = export_csv()
        if output:
            with open(output, "w", encoding="utf-8", newline="") as file:
                file.write(text)
        else:
            self.stdout.write(text, ending="")
