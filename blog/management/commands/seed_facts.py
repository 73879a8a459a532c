from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from frameworks.models import FactKind


class Command(BaseCommand):
    help = (
        "The sample kinds of facts and the seed entries' facts (fixtures/fact_kinds.json, fixtures/facts.csv), "
        "on a site that has no kinds of facts yet; a site with its own is left as it is."
    )

    def handle(self, *args, **options):
        if FactKind.objects.exists():
            self.stdout.write("Fact kinds exist already: sample facts not loaded.")
            return
        fixtures = settings.BASE_DIR / "fixtures"
        call_command("loaddata", fixtures / "fact_kinds.json", verbosity=0)
        call_command("import_facts", fixtures / "facts.csv", stdout=self.stdout)
