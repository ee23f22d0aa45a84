"""Who the site belongs to (DVSITE_…), and the knobs of its pages and content (DJANGO_…)."""

from dvsite.config.env import env

# Who the site belongs to. Since 2025 many provinces merged the commission with the
# propaganda commission, so every one of these is a setting, never a template literal.
SITE_INFO = {
    "name": env.str("DVSITE_NAME", default="Ban Dân vận Tỉnh ủy Hà Nam"),
    "short_name": env.str("DVSITE_SHORT_NAME", default="Ban Dân vận Tỉnh ủy"),
    "parent": env.str("DVSITE_PARENT", default="Đảng Cộng sản Việt Nam – Tỉnh ủy Hà Nam"),
    "english_name": env.str(
        "DVSITE_ENGLISH_NAME",
        default="Mass Mobilization Commission of the Ha Nam Provincial Party Committee",
    ),
    "address": env.str("DVSITE_ADDRESS", default="Số 1 đường Trần Phú, phường Phủ Lý, tỉnh Hà Nam"),
    "phone": env.str("DVSITE_PHONE", default="0226 3852 000"),
    "email": env.str("DVSITE_EMAIL", default="bandanvan@hanam.dcs.vn"),
    "base_url": env.str("DVSITE_BASE_URL", default="http://127.0.0.1:8000").rstrip("/"),
    # The lines every Vietnamese e-portal's footer carries; a line is left out while empty.
    "licence": env.str(
        "DVSITE_LICENCE",
        default="Giấy phép số …/GP-TTĐT do Sở Thông tin và Truyền thông tỉnh Hà Nam cấp",
    ),
    "responsible": env.str("DVSITE_RESPONSIBLE", default="Trưởng Ban Dân vận Tỉnh ủy"),
}

# Anonymous pages are cached this long at most (0 = off); see dvsite/cache.py for invalidation.
PAGE_CACHE_SECONDS = env.int("DJANGO_PAGE_CACHE_SECONDS", default=300)
# Counted views wait in the cache and are written in one batch this often (core/view_counts.py):
# the most a process that dies can lose.
VIEW_COUNT_FLUSH_SECONDS = env.int("DJANGO_VIEW_COUNT_FLUSH_SECONDS", default=60)
# A reader counts once per post in this many seconds (core/view_counts.py).
VIEW_COUNT_WINDOW_SECONDS = env.int("DJANGO_VIEW_COUNT_WINDOW_SECONDS", default=3600)
# Parts every page shares (sidebars, the home page's lists) are cached per content generation
# this long at most (0 = off), also while whole pages are not cached; core/fragments.py.
FRAGMENT_CACHE_SECONDS = env.int("DJANGO_FRAGMENT_CACHE_SECONDS", default=300)
# Typo suggestions ("Có phải bạn muốn tìm") read the public titles again at most this often.
SEARCH_SUGGEST_SECONDS = env.int("DJANGO_SEARCH_SUGGEST_SECONDS", default=300)

# "Xem nhiều nhất" ranks posts by their readers in this many days (then by all-time views).
NEWS_MOST_READ_DAYS = env.int("DJANGO_MOST_READ_DAYS", default=30)
# The longest post body the admin accepts, in characters of HTML (a long article is ~50,000).
NEWS_POST_BODY_MAX_CHARS = env.int("DJANGO_POST_BODY_MAX_CHARS", default=300000)
# import_seeds refuses a file larger than this before reading it (a 20 MB paste ran for minutes
# and made a 15-million-character post). DVSITE_IMPORT_MAX_FILE_BYTES is the name it had before
# the prefix rule (dvsite/settings.py), still read so an older environment file keeps working.
IMPORT_MAX_FILE_BYTES = env.int(
    "DJANGO_IMPORT_MAX_FILE_BYTES",
    default=env.int("DVSITE_IMPORT_MAX_FILE_BYTES", default=5 * 1024 * 1024),
)

# Tags: "Dân vận khéo" and "dân vận khéo" are one topic.
TAGGIT_CASE_INSENSITIVE = True
# A space never splits a tag ("Dân vận khéo" is one topic); a comma does.
TAGGIT_TAGS_FROM_STRING = "core.tags.parse_tags"
TAGGIT_STRING_FROM_TAGS = "core.tags.edit_string_for_tags"
