"""Django's loaddata, with what a fixture's rows cannot carry made here once the last row is in:
the posts' HTML rendered again with this site's entries and media (a figure whose file the
fixture did not bring becomes the placeholder the importer draws), the search documents
(blog/derived.py), and the share cards of loaded posts and entries drawn where missing. Raw rows
arrive in any order, so nothing is done row by row."""

from django.core.management.commands import loaddata
from django.db.models.signals import post_save

from blog.derived import batched
from blog.models import Post
from frameworks.models import Framework


class Command(loaddata.Command):
    def handle(self, *fixture_labels, **options):
        loaded: dict[type, set[int]] = {Post: set(), Framework: set()}

        def collect(sender, instance, raw=False, **kwargs):
            if raw and sender in loaded:
                loaded[sender].add(instance.pk)

        post_save.connect(collect, weak=False, dispatch_uid="loaddata-collect")
        try:
            with batched():
                result = super().handle(*fixture_labels, **options)
        finally:
            post_save.disconnect(dispatch_uid="loaddata-collect")
        for model, ids in loaded.items():
            for instance in model.objects.filter(pk__in=ids):
                if instance.draw_missing_card():
                    model.objects.filter(pk=instance.pk).update(social_card=instance.social_card.name)
        return result
