"""Offer candidates as soon as a post tagged "Dân vận khéo" is saved or tagged (apps.py)."""

from django.db import transaction

from practices import candidates


def _offer(post_id):
    post = candidates.tagged_posts().filter(pk=post_id).first()
    if post is not None:
        candidates.offer_candidates([post])


def post_saved(sender, instance, raw=False, **kwargs):
    if raw or instance.revision_of_id:
        return  # fixtures and restores load what was; a revision is no article of its own
    transaction.on_commit(lambda: _offer(instance.pk))


def tag_saved(sender, instance, raw=False, **kwargs):
    if raw or instance.tag.slug != candidates.TOPIC_SLUG:
        return
    transaction.on_commit(lambda: _offer(instance.content_object_id))
