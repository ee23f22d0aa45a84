"""The posts' links to the site's topic vocabulary (`taxonomy.Topic`)."""

from django.db import models

from taxonomy.models import Topic, TopicLink


class TaggedPost(TopicLink):
    tag = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="tagged_posts")
    content_object = models.ForeignKey(
        "news.Post", on_delete=models.CASCADE, related_name="topic_links"
    )
