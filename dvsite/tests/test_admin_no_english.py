"""Every admin page a publisher or an administrator reaches from the admin index reads in
Vietnamese: no English left from Django's templates, django-otp or django-tasks-db, in the text
shown or read aloud (visually hidden table headers, link titles, labels)."""

import re

import lxml.html
import pytest
from django.urls import reverse

from news.tests.factories import PostFactory

pytestmark = pytest.mark.django_db

# Words of the admin's English, whole words, case as Django writes them.
ENGLISH = re.compile(
    r"\b(?:Add|Change|Delete|View|Save|Model|models?|name|link|list|devices?|Devices?|"
    r"Results?|Static|Task|Tasks|Backend|Database|Otp_\w+|Breadcrumbs|Sidebar|Identity|"
    r"Timestamps|Configuration|Throttling|Locked|Can|tokens?)\b"
)
# Names that are not English to translate (none of them matches ENGLISH; listed for readers).
ALLOWED = {"TOTP", "QR", "Email", "URL", "PDF"}
SPOKEN_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")


def spoken_text(html):
    """What a reader sees or a screen reader says: text outside scripts and styles, and the
    attributes read aloud."""
    tree = lxml.html.fromstring(html)
    for element in tree.xpath("//script | //style | //template | //noscript"):
        element.drop_tree()
    parts = [tree.text_content()]
    for name in SPOKEN_ATTRIBUTES:
        parts += tree.xpath(f"//@{name}")
    parts += tree.xpath("//input[@type='submit']/@value")
    return " ".join(parts)


def english_on(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    text = spoken_text(response.content.decode())
    return sorted({w for w in ENGLISH.findall(text) if w not in ALLOWED})


def reachable_from_the_index(client):
    """The admin index, each app's index, each changelist and add form it links to."""
    index = reverse("admin:index")
    html = client.get(index).content.decode()
    links = set(re.findall(r'href="(/quan-tri/[^"?#]+)"', html))
    urls = [index]
    for link in sorted(links):
        parts = link.strip("/").split("/")
        # /quan-tri/<app>/, /quan-tri/<app>/<model>/, /quan-tri/<app>/<model>/add/
        if 2 <= len(parts) <= 4 and parts[-1] not in ("logout", "password_change"):
            urls.append(link)
    return urls


@pytest.mark.parametrize("role", ["publisher", "superuser"])
def test_no_english_on_any_admin_page_reached_from_the_index(client, request, role):
    PostFactory(published=True)
    client.force_login(request.getfixturevalue(role))
    urls = reachable_from_the_index(client)
    assert len(urls) > 10  # the walk found the apps, their lists and their forms
    found = {url: words for url in urls if (words := english_on(client, url))}
    assert found == {}
