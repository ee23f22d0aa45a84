"""Who the site belongs to (DVSITE_…), and the knobs of its pages and content (DJANGO_…)."""

from dvsite.config.env import env

# Who the site belongs to. Since 2025 the provinces merged the mass-mobilisation commission
# with the propaganda commission (and Hà Nam, Nam Định and Ninh Bình into Ninh Bình): the
# defaults name the merged board; every one of these is a setting, never a template literal.
# The address, licence and contacts are placeholders a deployment sets.
SITE_INFO = {
    "name": env.str("DVSITE_NAME", default="Ban Tuyên giáo và Dân vận Tỉnh ủy Ninh Bình"),
    "short_name": env.str("DVSITE_SHORT_NAME", default="Ban Tuyên giáo và Dân vận Tỉnh ủy"),
    "parent": env.str("DVSITE_PARENT", default="Đảng Cộng sản Việt Nam – Tỉnh ủy Ninh Bình"),
    "english_name": env.str(
        "DVSITE_ENGLISH_NAME",
        default=(
            "Propaganda and Mass Mobilization Commission "
            "of the Ninh Binh Provincial Party Committee"
        ),
    ),
    "address": env.str("DVSITE_ADDRESS", default="Số … đường …, tỉnh Ninh Bình"),
    "phone": env.str("DVSITE_PHONE", default="0226 3852 000"),
    "email": env.str("DVSITE_EMAIL", default="lienhe@danvan.example.vn"),
    "base_url": env.str("DVSITE_BASE_URL", default="http://127.0.0.1:8000").rstrip("/"),
    # The lines every Vietnamese e-portal's footer carries; a line is left out while empty.
    "licence": env.str(
        "DVSITE_LICENCE",
        default="Giấy phép số …/GP-TTĐT",
    ),
    "responsible": env.str(
        "DVSITE_RESPONSIBLE", default="Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy"
    ),
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
# "Lượt truy cập" in the footer is read from the stored daily counts at most this often (0 = the
# counter is not shown); dvsite/templatetags/visits.py.
VISIT_COUNTER_SECONDS = env.int("DJANGO_VISIT_COUNTER_SECONDS", default=300)
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

# Citizens' voice (voice/): questions, suggestions, reports and petitions, and comments on
# draft documents. Deadlines count working days (Saturdays, Sundays and DJANGO_HOLIDAYS off).
VOICE_ANSWER_WORKING_DAYS = env.int("DJANGO_VOICE_ANSWER_WORKING_DAYS", default=15)
HOLIDAYS = env.list("DJANGO_HOLIDAYS", default=[])  # ISO dates: 2026-04-30,2026-05-01
# Personal fields of a closed item are deleted this many months after it closed (a task).
VOICE_RETENTION_MONTHS = env.int("DJANGO_VOICE_RETENTION_MONTHS", default=24)
# Abuse controls of the public forms: sends per address per hour, per phone/e-mail per day,
# follow-up lookups per address per hour, and the shortest time a person takes to fill the form.
VOICE_SENDS_PER_HOUR = env.int("DJANGO_VOICE_SENDS_PER_HOUR", default=5)
VOICE_SENDS_PER_CONTACT_PER_DAY = env.int("DJANGO_VOICE_SENDS_PER_CONTACT_PER_DAY", default=3)
VOICE_LOOKUPS_PER_HOUR = env.int("DJANGO_VOICE_LOOKUPS_PER_HOUR", default=20)
VOICE_MIN_FILL_SECONDS = env.int("DJANGO_VOICE_MIN_FILL_SECONDS", default=5)
