"""EditVersion, moved here from blog: the table blog's migration 0008 created is kept as it is."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("blog", "0015_editversion_moves_to_config"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="EditVersion",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("object_id", models.PositiveBigIntegerField()),
                        ("number", models.PositiveIntegerField(default=0)),
                        ("saved_at", models.DateTimeField(auto_now=True)),
                        (
                            "content_type",
                            models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="contenttypes.contenttype"),
                        ),
                        (
                            "saved_by",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "blog_editversion",
                        "constraints": [
                            models.UniqueConstraint(fields=("content_type", "object_id"), name="unique_edit_version")
                        ],
                    },
                )
            ]
        )
    ]
