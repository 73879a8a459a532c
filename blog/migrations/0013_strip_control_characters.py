"""Rows written before config/text.py's boundary may hold NUL or other control characters: clean
them, so feeds serialise and a move to PostgreSQL (which refuses NUL) works."""

from django.db import migrations

from config.text import TEXT_FIELDS, clean

MODELS = [
    ("blog", "Author"),
    ("blog", "Post"),
    ("blog", "FaqItem"),
    ("blog", "SearchDocument"),
    ("frameworks", "Framework"),
    ("frameworks", "Pro"),
    ("frameworks", "Con"),
    ("taggit", "Tag"),
]


def strip_control_characters(apps, schema_editor):
    for app_label, name in MODELS:
        model = apps.get_model(app_label, name)
        fields = [f.attname for f in model._meta.concrete_fields if isinstance(f, TEXT_FIELDS)]
        for row in model.objects.only("pk", *fields).iterator():
            changes = {field: clean(getattr(row, field)) for field in fields if getattr(row, field) is not None}
            changes = {field: value for field, value in changes.items() if value != getattr(row, field)}
            if changes:
                model.objects.filter(pk=row.pk).update(**changes)


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0012_keywords_fit_real_posts"),
        ("frameworks", "0005_unicode_slugs"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(strip_control_characters, migrations.RunPython.noop)]
