from django.core.management.base import BaseCommand, CommandError

from blog.links import check_links, external_links, record


class Command(BaseCommand):
    help = "Report dead external links in published posts and framework entries (bounded in time)."

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, default=5.0, help="Seconds per link.")
        parser.add_argument("--budget", type=float, default=120.0, help="Seconds for the whole run.")

    def handle(self, *args, timeout: float, budget: float, **options):
        links = external_links()
        results, unchecked = check_links(links, timeout=timeout, budget=budget)
        record(links, results, unchecked)
        dead = [status for status in results if not status.ok]
        for status in dead:
            pages = ", ".join(sorted({page.get_absolute_url() for page in links[status.url]}))
            self.stdout.write(f"DEAD {status.url} ({status.detail}) on {pages}")
        for url in unchecked:
            self.stdout.write(f"UNCHECKED {url} (time budget spent)")
        summary = f"{len(results)} links checked, {len(dead)} dead, {len(unchecked)} unchecked."
        if dead:
            raise CommandError(summary)
        self.stdout.write(self.style.SUCCESS(summary))
