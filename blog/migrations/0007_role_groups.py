"""The two editorial roles as groups. Authors write and submit; editors also review and publish."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

AUTHOR = [
    "blog.add_post", "blog.change_post", "blog.view_post", "blog.view_author",
    "blog.add_faqitem", "blog.change_faqitem", "blog.delete_faqitem", "blog.view_faqitem",
    "frameworks.add_framework", "frameworks.change_framework", "frameworks.view_framework",
    "frameworks.add_pro", "frameworks.change_pro", "frameworks.delete_pro", "frameworks.view_pro",
    "frameworks.add_con", "frameworks.change_con", "frameworks.delete_con", "frameworks.view_con",
    "taggit.view_tag",
]
EDITOR = AUTHOR + [
    "blog.delete_post", "blog.publish_post", "blog.add_author", "blog.change_author", "blog.delete_author",
    "frameworks.delete_framework", "frameworks.publish_framework",
    "taggit.add_tag", "taggit.change_tag", "taggit.delete_tag",
]
ROLES = {"Author": AUTHOR, "Editor": EDITOR}


def create_groups(apps, schema_editor):
    # Permissions are normally made after all migrations; these groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        for code in codes:
            app_label, codename = code.split(".")
            group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0006_roles"),
        ("frameworks", "0003_roles"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_groups, remove_groups)]
