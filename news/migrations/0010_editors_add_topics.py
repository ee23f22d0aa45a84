from django.db import migrations


class Migration(migrations.Migration):
    # Granted editors news.add_topic; topics moved to the taxonomy app, whose
    # 0002_editorial_groups grants taxonomy.add_topic instead. Kept so the graph stays whole.
    dependencies = [("news", "0009_post_sent_back_withdraw")]

    operations = []
