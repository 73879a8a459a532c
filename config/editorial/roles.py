"""The editorial roles as groups. Authors write and submit their own work; editors also review,
publish, schedule, unpublish and edit everything. Created by migration blog 0007."""

AUTHOR = [
    "blog.add_post", "blog.change_post", "blog.view_post", "blog.view_author",
    "blog.add_faqitem", "blog.change_faqitem", "blog.delete_faqitem", "blog.view_faqitem",
    "frameworks.add_framework", "frameworks.change_framework", "frameworks.view_framework",
    "frameworks.add_pro", "frameworks.change_pro", "frameworks.delete_pro", "frameworks.view_pro",
    "frameworks.add_con", "frameworks.change_con", "frameworks.delete_con", "frameworks.view_con",
    "taggit.view_tag",
    "frameworks.add_fact", "frameworks.change_fact", "frameworks.delete_fact", "frameworks.view_fact",
    "frameworks.view_factkind",
]  # fmt: skip
EDITOR = AUTHOR + [
    "frameworks.add_factkind", "frameworks.change_factkind", "frameworks.delete_factkind",
    "blog.delete_post", "blog.publish_post", "blog.add_author", "blog.change_author", "blog.delete_author",
    "frameworks.delete_framework", "frameworks.publish_framework",
    "taggit.add_tag", "taggit.change_tag", "taggit.delete_tag",
]  # fmt: skip
ROLES = {"Author": AUTHOR, "Editor": EDITOR}


def ensure_role_groups(*, group_model, permission_model) -> None:
    """Create or complete the groups; takes the models so a migration can pass its historical ones."""
    for name, codes in ROLES.items():
        group, _ = group_model.objects.get_or_create(name=name)
        for code in codes:
            app_label, codename = code.split(".")
            permission = permission_model.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if permission is not None:  # a migration older than the model: a later one completes the group
                group.permissions.add(permission)


def complete_role_groups(apps, schema_editor) -> None:
    """For migrations that add permissions to the roles: make the permissions now (Django makes
    them after all migrations), then complete the groups."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    group, permission = apps.get_model("auth", "Group"), apps.get_model("auth", "Permission")
    ensure_role_groups(group_model=group, permission_model=permission)
