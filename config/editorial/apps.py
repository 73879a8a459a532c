from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "config.editorial"
    label = "editorial"
    verbose_name = "Editorial"
