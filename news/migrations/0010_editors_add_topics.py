from django.db import migrations

from core import roles


def editors_add_topics(apps, schema_editor):
    # Editors name new topics as they write (a comma separates them, a space never does);
    # a role without this permission picks existing topics only.
    roles.grant(apps, roles.EDITORS, "news", ["add_topic"])


class Migration(migrations.Migration):
    dependencies = [("news", "0009_post_sent_back_withdraw")]

    operations = [migrations.RunPython(editors_add_topics, migrations.RunPython.noop)]
