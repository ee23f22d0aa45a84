"""Rich text sanitising: the single allow-list every stored editor HTML goes through."""

import re

import nh3
from django.conf import settings
from django_prose_editor.fields import ProseEditorField

from core.text import nfc

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "blockquote",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "a",
    "figure",
    "figcaption",
    "img",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "caption",
    "hr",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
# No javascript:, data: or vbscript: — only ordinary links.
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def is_own_media(url):
    """A picture of our own media library or uploads: a path under MEDIA_URL, nothing else
    (no other host, no scheme, no way out of the folder)."""
    media = settings.MEDIA_URL
    return bool(
        url
        and media.startswith("/")
        and url.startswith(media)
        and not url.startswith("//")
        and ".." not in url
        and "\\" not in url
    )


def _keep_attribute(tag, attribute, value):
    if tag == "img" and attribute == "src" and not is_own_media(value):
        return None
    return value


_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=ALLOWED_URL_SCHEMES,
    link_rel="noopener noreferrer",
    strip_comments=True,
    attribute_filter=_keep_attribute,
)
# After cleaning, an <img> whose source was dropped has no src left: remove it whole.
_IMG_WITHOUT_SRC = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")
_EMPTY_CAPTION = re.compile(r"<figcaption>\s*</figcaption>")
_EMPTY_FIGURE = re.compile(r"<figure>\s*</figure>")


def sanitize_html(value):
    """Return `value` with everything outside the allow-list removed: pictures only from our
    own media (MEDIA_URL), no event handlers, no styles, no scripts."""
    if not value:
        return ""
    cleaned = _IMG_WITHOUT_SRC.sub("", _cleaner.clean(nfc(value)))
    return _EMPTY_FIGURE.sub("", _EMPTY_CAPTION.sub("", cleaned)).strip()


# What editors can produce in django-prose-editor; `sanitize_html` above stays the final word.
RICH_TEXT_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "History": True,
    "HTML": True,
    "SpecialCharacters": True,
    # Pictures from the media library (static/news/body_pictures.js inserts them as figures).
    "Figure": True,
    "Image": True,
    "Caption": True,
}


def rich_text_field(verbose_name, **kwargs):
    """The rich-text model field every app uses: the editor above, sanitised on the server."""
    return ProseEditorField(
        verbose_name,
        blank=True,
        config={"extensions": RICH_TEXT_EXTENSIONS},
        sanitize=sanitize_html,
        **kwargs,
    )
