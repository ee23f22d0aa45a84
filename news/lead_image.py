"""A post's lead image stays private until the post is published.

While no public post shows it, the original and its renditions live under `private/` (never
served from /media/; nginx refuses the folder): its URL is then the post's image view
(`news:image`), which answers only who may open the post itself (a permitted, verified staff
member previewing a draft), and the public gets 404. Publication moves the files out to their
public place, taking it off the site moves them back. A scheduled post's image moves at its
publication time (a deferred task on the database queue; until it has run, the image view serves
the now-public post's image to everyone).

Every row naming the file (a draft over live shares the live post's image, and the history
records keep old names) follows the move, so nothing points at a file that is no longer there.
"""

import posixpath

from django.db.models.fields.files import ImageFieldFile
from django.urls import reverse

from core.uploads import PRIVATE_PREFIX, is_private
from news import images


def private_name(name):
    return name if is_private(name) else posixpath.join(PRIVATE_PREFIX, name)


def public_name(name):
    return name[len(PRIVATE_PREFIX) + 1 :] if is_private(name) else name


class LeadImageFile(ImageFieldFile):
    """`post.image.url` (templates, share cards, structured data): the media URL of a public
    file, the post's image view for a private one."""

    def url_for(self, name):
        if is_private(name):
            return reverse("news:image", args=[self.instance.slug, public_name(name)])
        return self.storage.url(name)

    @property
    def url(self):
        self._require_file()
        return self.url_for(self.name)


def should_be_private(post):
    """No post that the public can see shows this file."""
    if not post.image:
        return False
    model = type(post)
    return not model._default_manager.published().filter(image=post.image.name).exists()


def _fit(name, max_length):
    """`name` within the column's length: the stem loses its first letters, never the random
    part at its end (core.uploads.random_name)."""
    excess = len(name) - (max_length or len(name))
    if excess <= 0:
        return name
    folder, filename = posixpath.split(name)
    stem, ext = posixpath.splitext(filename)
    return posixpath.join(folder, stem[excess:] + ext)


def _move(storage, name, new_name):
    if not storage.exists(name):
        return
    if storage.exists(new_name):
        storage.delete(new_name)
    with storage.open(name, "rb") as handle:
        storage.save(new_name, handle)
    storage.delete(name)


def sync(post):
    """Move the image (and renditions) to where it belongs now; True when it moved."""
    if not post.image:
        return False
    old = post.image.name
    private = should_be_private(post)
    if is_private(old) == private:
        return False
    new = _fit(private_name(old) if private else public_name(old), post.image.field.max_length)
    storage = post.image.storage
    renditions = post.image_renditions or {}
    moved_renditions = {}
    if renditions.get("source") == old:
        for width in renditions.get("widths") or []:
            for ext, _fmt, _mime in images.RENDITION_FORMATS:
                _move(
                    storage,
                    images.rendition_name(old, width, ext),
                    images.rendition_name(new, width, ext),
                )
        moved_renditions = {**renditions, "source": new}
    _move(storage, old, new)
    model = type(post)
    model._default_manager.filter(image=old).update(image=new, image_renditions=moved_renditions)
    history = getattr(model, "history", None)
    if history is not None:
        history.filter(image=old).update(image=new)
    post.image.name = new
    post.image_renditions = moved_renditions
    return True


def store_privately(post):
    """A new upload to a post the public cannot see goes straight to the private folder."""
    image = post.image
    if not image or getattr(image, "_committed", True):
        return False
    if post.is_public():
        return False
    name = image.field.generate_filename(post, image.name)
    image.name = image.storage.save(
        private_name(name), image.file, max_length=image.field.max_length
    )
    image._committed = True
    return True


def allowed_names(post):
    """The stored files the image view may hand out for `post`."""
    if not post.image:
        return set()
    return {post.image.name, *images.rendition_names(post.image_renditions)}
