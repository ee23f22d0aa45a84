"""One page of every public type, with content, for checks that run over all of them."""

import datetime

from django.utils import timezone

from docs_registry.tests.factories import DocumentFactory
from events.tests.factories import EventFactory
from news.tests.factories import PostFactory, uploaded_image
from schedule.tests.factories import WorkItemFactory, WorkWeekFactory
from taxonomy.models import Topic
from taxonomy.tests.factories import UnitFactory, merge
from taxonomy.units import Kind


def make_content():
    """A post with a photo, one without, a topic, an event and a document; returns paths."""
    topic = Topic.objects.create(name="Dân vận khéo", slug="dan-van-kheo")
    lead = PostFactory(published=True, title="Hội nghị Dân vận khéo", image=uploaded_image())
    lead.tags.add(topic)
    plain = PostFactory(published=True, title="Tập huấn Quy chế dân chủ", byline="Báo Hà Nam")
    plain.tags.add(topic)
    event = EventFactory(
        title="Hội nghị sơ kết",
        description="<p>Phong trào thường xuyên.</p><p>Phong trào Dân vận khéo.</p>",
        start_date=timezone.localdate() + datetime.timedelta(days=3),
    )
    document = DocumentFactory(number="23-QĐ/TW", title="Quy chế công tác dân vận")
    today = timezone.localdate()
    work_week = WorkWeekFactory()
    WorkItemFactory(week=work_week, content="Giao ban Thường trực Ban")
    WorkItemFactory(week=work_week, weekday=3, content="Làm việc với Hội Nông dân", postponed=True)
    commune = UnitFactory(name="Nam Lý")
    former = UnitFactory(kind=Kind.DISTRICT, name="Lý Nhân")
    merge([former], commune, datetime.date(2025, 7, 1))
    lead.units.add(commune)
    plain.units.add(former)
    event.units.add(commune)
    return {
        "home": "/",
        "news list": "/tin-tuc/",
        "post": lead.get_absolute_url(),
        "post without photo": plain.get_absolute_url(),
        "category": lead.category.get_absolute_url(),
        "topic": topic.get_absolute_url(),
        "events": "/su-kien/",
        "calendar": f"/su-kien/lich/{today.year}/{today.month}/",
        "event": event.get_absolute_url(),
        "registry": "/van-ban/",
        "registry filtered": "/van-ban/?q=23&sort=so&tu_ngay=2020-01-01&den_ngay=2022-12-31",
        "registry bad filter": "/van-ban/?year=abc&sort=x",
        "document": document.get_absolute_url(),
        "search": "/tim-kiem/?q=d%C3%A2n+v%E1%BA%ADn",
        "search empty": "/tim-kiem/",
        "search typo": "/tim-kiem/?q=dan+van+keo",
        "search none": "/tim-kiem/?q=zzzqqq",
        "about": "/gioi-thieu/",
        "about page": "/gioi-thieu/chuc-nang-nhiem-vu/",
        "leaders": "/gioi-thieu/lanh-dao/",
        "contact": "/gioi-thieu/lien-he/",
        "english": "/en/",
        "units": "/don-vi/",
        "units search": "/don-vi/?q=ly+nhan",
        "unit": commune.get_absolute_url(),
        "former unit": former.get_absolute_url(),
        "news of a unit": f"/tin-tuc/?don_vi={commune.slug}",
        "registry of a unit": f"/van-ban/?don_vi={commune.slug}",
        "not found": "/khong-co-trang-nay/",
        "schedule": "/lich-cong-tac/",
    }
