from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from docs_registry.sitemaps import DocumentSitemap
from dvsite import metrics, reading_aids, views
from dvsite.sitemaps import SectionSitemap, UnitSitemap
from events.sitemaps import EventSitemap
from news import feeds
from news.sitemaps import CategorySitemap, PostSitemap, TopicSitemap
from ops.media import serve_media
from pages.sitemaps import AboutSitemap
from practices.sitemaps import PracticeSitemap
from schedule.sitemaps import WorkWeekSitemap
from voice.sitemaps import QuestionSitemap

sitemaps = {
    "trang": SectionSitemap,
    "gioi-thieu": AboutSitemap,
    "tin-tuc": PostSitemap,
    "chuyen-muc": CategorySitemap,
    "chu-de": TopicSitemap,
    "su-kien": EventSitemap,
    "van-ban": DocumentSitemap,
    "don-vi": UnitSitemap,
    "lich-cong-tac": WorkWeekSitemap,
    "mo-hinh": PracticeSitemap,
    "hoi-dap": QuestionSitemap,
}

admin.site.site_header = settings.SITE_INFO["name"]
admin.site.site_title = "Quản trị nội dung"
admin.site.index_title = "Quản trị nội dung"

handler500 = "dvsite.views.server_error"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("metrics", metrics.metrics, name="metrics"),
    path("hien-thi/", reading_aids.choose, name="reading_aids"),
    path("tim-kiem/", views.search_view, name="search"),
    path("", include("dvsite.unit_urls")),  # /don-vi/: the units' pages
    # /gioi-thieu/du-lieu-ca-nhan/ (the privacy notice) before the about pages' slugs.
    path("", include("voice.urls")),
    path("", include("pages.urls")),  # /gioi-thieu/…, /en/ (where they always were: first)
    path("robots.txt", views.robots_txt, name="robots"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": sitemaps, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": sitemaps},
        name="sitemap_section",
    ),
    # Feeds come before the news urls, whose /tin-tuc/<slug>/ would take "rss".
    path("tin-tuc/rss/", feeds.LatestPostsFeed(), name="news_rss"),
    path("tin-tuc/atom/", feeds.LatestPostsAtom(), name="news_atom"),
    path("chu-de/<slug:tag_slug>/rss/", feeds.TopicFeed(), name="topic_rss"),
    path("chu-de/<slug:tag_slug>/atom/", feeds.TopicAtom(), name="topic_atom"),
    # The second factor's pages, under the admin's path (before it, which would take them).
    path(settings.ADMIN_URL, include("accounts.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
    path("", include("news.urls")),
    path("", include("events.urls")),
    path("", include("docs_registry.urls")),
    path("", include("schedule.urls")),
    path("", include("practices.urls")),
]

if settings.DEBUG:
    urlpatterns += [path("media/<path:path>", serve_media, {"document_root": settings.MEDIA_ROOT})]
