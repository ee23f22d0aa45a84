# "Chuyên đề" (the talks of a programme) was called `topics`, like the topic tags: renamed.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0007_revision_history"),
    ]

    operations = [
        migrations.RenameField(model_name="event", old_name="topics", new_name="themes"),
        migrations.RenameField(model_name="historicalevent", old_name="topics", new_name="themes"),
    ]
