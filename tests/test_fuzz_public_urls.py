"""Hostile query strings, path segments and methods at every public URL: never a server error.

The routes come from the URLconf (`tests.public_urls`), so a new public page is fuzzed as soon
as it exists — or this test asks for a seeded value for its parameters.
"""

import datetime
import unicodedata
from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.publishing import Status
from docs_registry.tests.factories import AttachmentFactory, DocumentFactory
from events.tests.factories import EventFactory
from news import lead_image
from news.models import Post
from news.tests.factories import CategoryFactory, PostFactory, uploaded_image
from pages.models import AboutPage
from practices.tests.factories import recognised
from taxonomy.tests.factories import UnitFactory
from tests.public_urls import public_routes
from voice.models import Consultation
from voice.tests.factories import AnsweredQuestionFactory

pytestmark = pytest.mark.django_db

ROUTES = public_routes()
# What a public URL may answer to nonsense: a page, a redirect, "not found", "bad request".
FINE = {200, 301, 302, 400, 404, 405}
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# -- what the site contains while it is fuzzed -----------------------------------------------


@pytest.fixture
def seeded():
    """One published item of each kind; {route name: {parameter: value}} pointing at them."""
    category = CategoryFactory(name="Dân vận khéo")
    post = PostFactory(published=True, category=category, tags=["Quy chế dân chủ ở cơ sở"])
    PostFactory(published=True, category=category)
    topic = post.tags.get()
    event = EventFactory()
    event.posts.add(post)
    document = DocumentFactory()
    attachment = AttachmentFactory(document=document)
    unit = UnitFactory(name="Nam Lý")
    post.units.add(unit)
    # A post published a moment ago whose lead image has not moved out of private storage yet
    # (news/lead_image.py): its image view serves it.
    pictured = PostFactory(image=uploaded_image("anh.jpg"), image_alt="Ảnh")
    Post.objects.filter(pk=pictured.pk).update(
        status=Status.PUBLISHED, publish_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    consultation = Consultation.objects.create(
        document=document, closes_on=datetime.date.today() + datetime.timedelta(days=30)
    )
    question = AnsweredQuestionFactory()
    about = AboutPage.objects.published().filter(language=AboutPage.Language.VI).first()
    assert about is not None, "the about pages come from a data migration"
    practice = recognised(2024)
    practice.posts.add(post)
    return {
        "practices:detail": {"slug": practice.slug},
        "about_page": {"slug": about.slug},
        "docs_registry:detail": {"slug": document.slug},
        "docs_registry:download": {"document": document.slug, "pk": attachment.pk},
        "events:calendar": {"year": event.start_date.year, "month": event.start_date.month},
        "events:day": {
            "year": event.start_date.year,
            "month": event.start_date.month,
            "day": event.start_date.day,
        },
        "events:detail": {"slug": event.slug},
        "events:ics": {"slug": event.slug},
        "news:category": {"slug": category.slug},
        "news:detail": {"slug": post.slug},
        "news:image": {"slug": pictured.slug, "name": lead_image.public_name(pictured.image.name)},
        "news:tag": {"tag_slug": topic.slug},
        "topic_atom": {"tag_slug": topic.slug},
        "topic_rss": {"tag_slug": topic.slug},
        "sitemap_section": {"section": "tin-tuc"},
        "units:detail": {"slug": unit.slug},
        "voice:comment": {"document_id": consultation.document_id},
        "voice:detail": {"slug": question.slug},
    }


def seeded_path(route, seeded):
    values = seeded.get(route.name, {})
    missing = {name for _, name in route.parameters} - set(values)
    assert not missing, f"{route.name}: add seeded values for {sorted(missing)} to `seeded`"
    return route.path(values)


# -- hostile input ----------------------------------------------------------------------------

VIETNAMESE = [
    "Dân vận khéo",
    "Đảng bộ tỉnh",
    "Quy chế dân chủ ở cơ sở",
    "Tỉnh uỷ",
    "NÐ-CP",  # the look-alike U+00D0
    "23-QĐ/TW",
    "59/2023/NĐ-CP",
]
SPECIAL = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "%00",
    "-1",
    "0",
    "-0",
    "1e309",
    "nan",
    "inf",
    "9" * 400,
    "-" + "9" * 40,
    "2021.5",
    "０１２",  # full-width digits
    "١٢٣",  # Arabic-Indic digits (int() accepts them)
    "' OR '1'='1",
    "1; DROP TABLE news_post; --",
    '" OR 1=1 --',
    "%' AND 1=1 AND '%'='",
    "UNION SELECT NULL, NULL--",
    "\\",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "{% debug %}",
    "\u202e\u200f",  # RTL override and mark
    "\ud7ff\ufeff\uffff",
    "😀" * 50,
    "\r\nSet-Cookie: x=1",
]
KNOWN_KEYS = [
    "page",
    "q",
    "kind",
    "year",
    "type",
    "issuer",
    "validity",
    "month",
    "nam",
    "o",
    "p",
    "format",
    "lang",
]

values = st.one_of(
    st.text(max_size=40),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.sampled_from(SPECIAL),
    st.sampled_from(VIETNAMESE).map(lambda s: unicodedata.normalize("NFD", s)),
    st.sampled_from(VIETNAMESE),
    st.builds(
        lambda piece, n: piece * n,
        st.sampled_from(["a", "đ", "9", "%", " ", "ệ"]),
        st.integers(200, 6000),
    ),
)
keys = st.one_of(st.sampled_from(KNOWN_KEYS), st.text(max_size=20), st.sampled_from(SPECIAL))
encoded_queries = st.lists(st.tuples(keys, values), max_size=8).map(urlencode)
# Repeated keys: the same parameter given several times with different values.
repeated_queries = st.builds(
    lambda key, vals: urlencode([(key, v) for v in vals]),
    st.sampled_from(KNOWN_KEYS),
    st.lists(values, min_size=2, max_size=5),
)
# Whatever a client sends as it is: stray %, broken UTF-8 escapes, bare & and =.
raw_queries = st.lists(
    st.one_of(
        st.characters(min_codepoint=0x20, max_codepoint=0xFF),
        st.sampled_from(["%", "%ff", "%c3", "%e1%bb", "&", "=", "+", "%00"]),
    ),
    max_size=80,
).map("".join)
queries = st.one_of(encoded_queries, repeated_queries, raw_queries)

segment_text = st.text(min_size=1, max_size=60).map(lambda s: quote(s, safe=""))
SEGMENTS = {
    "slug": st.one_of(
        st.from_regex(r"[-a-zA-Z0-9_]{1,300}", fullmatch=True),
        st.sampled_from(VIETNAMESE).map(lambda s: quote(unicodedata.normalize("NFD", s), safe="")),
        segment_text,
    ),
    "int": st.one_of(
        st.integers(min_value=0, max_value=10**30).map(str),
        st.from_regex(r"0{1,20}[0-9]{1,4}", fullmatch=True),
    ),
    "str": st.one_of(segment_text, st.sampled_from(["..", "%2e%2e", "x" * 2000])),
}


def assert_fine(response, url):
    assert response.status_code in FINE, f"{response.status_code} for {url!r}"


# -- the properties -----------------------------------------------------------------------------


def test_every_public_route_is_fuzzed():
    names = {route.name for route in ROUTES}
    assert {"home", "news:detail", "events:calendar", "docs_registry:csv", "search"} <= names
    assert not any(name.startswith("admin:") for name in names)


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name or "home")
def test_random_query_strings_never_give_a_server_error(route, seeded):
    client = Client()
    path = seeded_path(route, seeded)
    # The page itself exists, so the fuzzing reaches the view and not only the 404 handler.
    assert client.get(path).status_code == 200

    @FUZZ
    @given(query=queries)
    def check(query):
        assert_fine(client.get(path, QUERY_STRING=query), f"{path}?{query}")

    check()


ROUTES_WITH_PARAMETERS = [route for route in ROUTES if route.parameters]


@pytest.mark.parametrize("route", ROUTES_WITH_PARAMETERS, ids=lambda r: r.name)
def test_random_path_segments_never_give_a_server_error(route, seeded):
    client = Client()
    seeded_path(route, seeded)  # every parameter has a seeded value: the route is known
    segments = st.fixed_dictionaries(
        {name: SEGMENTS.get(converter, SEGMENTS["str"]) for converter, name in route.parameters}
    )

    @FUZZ
    @given(values=segments, query=st.one_of(st.just(""), queries))
    def check(values, query):
        path = route.path(values)
        assert_fine(client.get(path, QUERY_STRING=query), path)

    check()


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name or "home")
def test_random_trailing_segments_never_give_a_server_error(route, seeded):
    client = Client()
    base = seeded_path(route, seeded)

    @settings(FUZZ, max_examples=20)
    @given(extra=st.lists(segment_text, min_size=1, max_size=3))
    def check(extra):
        path = base.rstrip("/") + "/" + "/".join(extra)
        assert_fine(client.get(path), path)

    check()


FORM = "application/x-www-form-urlencoded"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name or "home")
def test_unsafe_methods_are_refused(route, method, seeded):
    path = seeded_path(route, seeded)
    # A browser without the CSRF token (every cross-site form) is refused before any view runs.
    response = getattr(Client(enforce_csrf_checks=True), method)(
        path, data="x=1", content_type=FORM
    )
    assert response.status_code in {403, 405}, f"{method.upper()} {path}: {response.status_code}"
    # With the check passed (as the test client does), the view refuses or answers like a GET.
    response = getattr(Client(), method)(path, data="x=1", content_type=FORM)
    assert response.status_code in {200, 403, 405}, f"{method.upper()} {path}"


@pytest.mark.parametrize("method", ["head", "options", "trace"])
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name or "home")
def test_other_methods_never_give_a_server_error(route, method, seeded):
    path = seeded_path(route, seeded)
    response = Client().generic(method.upper(), path)
    assert response.status_code in {200, 405}, f"{method.upper()} {path}: {response.status_code}"
