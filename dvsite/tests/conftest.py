from dvsite.tests.cache_backends import fragment_caching, page_caching  # noqa: F401 (fixtures)
