"""The editorial roles as groups. Authors write and submit their own work; editors also review,
publish, schedule, unpublish and edit everything. Created by migration blog 0007."""

AUTHOR = [
    "blog.add_post", "blog.change_post", "blog.view_post", "blog.view_author",
    "blog.add_faqitem", "blog.change_faqitem", "blog.delete_faqitem", "blog.view_faqitem",
    "frameworks.add_framework", "frameworks.change_framework", "frameworks.view_framework",
    "frameworks.add_pro", "frameworks.change_pro", "frameworks.delete_pro", "frameworks.view_pro",
    "frameworks.add_con", "frameworks.change_con", "frameworks.delete_con", "frameworks.view_con",
    "taggit.view_tag",
]  # fmt: skip
EDITOR = AUTHOR + [
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
            group.permissions.add(permission_model.objects.get(content_type__app_label=app_label, codename=codename))
