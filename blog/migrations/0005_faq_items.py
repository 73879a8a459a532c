import django.db.models.deletion
from django.db import migrations, models


def faq_to_items(apps, schema_editor):
    Post = apps.get_model("blog", "Post")
    FaqItem = apps.get_model("blog", "FaqItem")
    for post in Post.objects.exclude(faq=[]):
        FaqItem.objects.bulk_create(
            FaqItem(post=post, question=pair.get("question", ""), answer=pair.get("answer", ""), position=position)
            for position, pair in enumerate(post.faq)
        )


def items_to_faq(apps, schema_editor):
    Post = apps.get_model("blog", "Post")
    for post in Post.objects.all():
        post.faq = [{"question": i.question, "answer": i.answer} for i in post.faq_items.order_by("position")]
        post.save(update_fields=["faq"])


class Migration(migrations.Migration):
    dependencies = [("blog", "0004_outline")]

    operations = [
        migrations.CreateModel(
            name="FaqItem",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("question", models.CharField(max_length=300)),
                ("answer", models.TextField(help_text="Plain text; blank lines start new paragraphs.")),
                ("position", models.PositiveIntegerField(default=0)),
                (
                    "post",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="faq_items", to="blog.post"
                    ),
                ),
            ],
            options={"verbose_name": "FAQ item", "ordering": ["position", "id"]},
        ),
        migrations.RunPython(faq_to_items, items_to_faq),
        migrations.RemoveField(model_name="post", name="faq"),
    ]
