"""Authors write an entry's facts; editors also define the kinds of facts."""

from django.db import migrations

from config.editorial.roles import complete_role_groups


class Migration(migrations.Migration):
    dependencies = [
        ("frameworks", "0009_fact_kinds_and_facts"),
        ("blog", "0007_role_groups"),
    ]
    operations = [migrations.RunPython(complete_role_groups, migrations.RunPython.noop)]
