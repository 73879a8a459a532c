"""EditVersion (the optimistic lock's counter) moves to the project package's editorial app; its
table stays where it is, so only Django's record of the model moves."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("blog", "0014_reencoded_images")]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="EditVersion")]),
    ]
