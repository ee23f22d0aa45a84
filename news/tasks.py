"""Background work of the news app (Django's tasks API, see TASKS in settings)."""

from django_tasks import task


@task()
def make_post_renditions(post_id, image_name):
    """The WebP/JPEG renditions of a post's newly uploaded image, off the request.

    Nothing happens when the post is gone or its image has changed since (a newer task runs
    for the newer image). Until it has run, pages show the original image.
    """
    from news.models import Post

    post = Post.objects.filter(pk=post_id, image=image_name).first()
    if post is not None:
        post.refresh_renditions()


@task()
def make_picture_renditions(picture_id, image_name):
    """The renditions of a picture uploaded to the media library, off the request."""
    from news.pictures import Picture

    picture = Picture.objects.filter(pk=picture_id, image=image_name).first()
    if picture is not None:
        picture.refresh_renditions()
