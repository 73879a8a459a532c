from django.core.management.base import BaseCommand

from blog.services import site_rerender


class Command(BaseCommand):
    help = (
        "Render every entry, pro, con and post again and rewrite the search index: after a renderer "
        "change, or writes that sent no signal (QuerySet.update(), bulk_create, a revision reverted in a shell)."
    )

    def handle(self, *args, **options):
        done = site_rerender()
        self.stdout.write(
            self.style.SUCCESS(
                f"Rendered {done.posts} posts ({done.posts_changed} changed) and "
                f"{done.entries} entries ({done.entries_changed} changed) again."
            )
        )
