from django.core.management.base import BaseCommand
from django.db import transaction

from blog.models import Post, SearchDocument
from blog.search.index import search_index_framework, search_index_post
from frameworks.models import Framework


class Command(BaseCommand):
    help = "Rebuild the search index from every post and framework entry (drafts included; searches filter)."

    @transaction.atomic
    def handle(self, *args, **options):
        SearchDocument.objects.all().delete()
        posts = Post.objects.prefetch_related("tags")
        frameworks = Framework.objects.prefetch_related("tags", "pros", "cons")
        for post in posts:
            search_index_post(post=post)
        for framework in frameworks:
            search_index_framework(framework=framework)
        self.stdout.write(self.style.SUCCESS(f"Indexed {len(posts)} posts and {len(frameworks)} entries."))
