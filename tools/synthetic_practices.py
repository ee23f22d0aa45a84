"""Synthetic "Dân vận khéo" models for the catalogue (benchmarks and the demo): realistic names,
fields, groups, units, recognitions and results as figures, made with `bulk_create` and filled
with what save() computes (`tools.synthetic._prepare`, slugs unique in memory); plus a few posts
of the synthetic news tagged "Dân vận khéo" and naming a model in the way articles do, so the candidates have work.

Units: the communes and wards already stored (manage.py load_units); when there are none, a
province of synthetic communes and wards is made first."""

import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from core.html import sanitize_html
from dvsite import cache
from news.models import Post, TaggedPost
from practices import candidates
from practices.models import Group, Level, Practice, Recognition, Result, Sector, name_key
from taxonomy.models import Topic
from taxonomy.units import Kind, Unit
from tools.bulk_rows import BATCH
from tools.synthetic import _prepare, _Slugs, _status

MODEL_NAMES = {
    "kinh-te": [
        "Tổ hợp tác trồng rau an toàn",
        "Hiến đất mở rộng đường giao thông nông thôn",
        "Chi hội nông dân nghề nghiệp nuôi ong",
        "Liên kết sản xuất lúa chất lượng cao",
        "Phụ nữ giúp nhau phát triển kinh tế",
        "Vận động giải phóng mặt bằng dự án khu công nghiệp",
        "Hợp tác xã dịch vụ nông nghiệp kiểu mới",
    ],
    "van-hoa-xa-hoi": [
        "Tuyến đường hoa tự quản",
        "Ngày Chủ nhật xanh",
        "Sạch làng, đẹp ngõ",
        "Nhà nhân ái cho hộ nghèo",
        "Thư viện sách cộng đồng",
        "Dạy chữ cho đồng bào dân tộc thiểu số",
        "Phân loại rác thải tại nguồn",
    ],
    "quoc-phong-an-ninh": [
        "Camera an ninh thôn xóm",
        "Tổ tự quản an ninh trật tự",
        "Dòng họ không có người vi phạm pháp luật",
        "Giáo xứ bình yên",
        "Tiếng kẻng an ninh",
    ],
    "xay-dung-he-thong-chinh-tri": [
        "Đảng viên gắn với hộ gia đình",
        "Đối thoại trực tiếp giữa người đứng đầu với Nhân dân",
        "Chi bộ bốn tốt",
        "Cán bộ đi từng ngõ, gõ từng nhà",
    ],
}
SECTOR_GROUPS = {
    "kinh-te": ["nong-dan", "phu-nu", "doanh-nghiep-doanh-nhan", "thanh-nien"],
    "van-hoa-xa-hoi": ["phu-nu", "thanh-nien", "cong-dong-dan-cu", "nguoi-cao-tuoi"],
    "quoc-phong-an-ninh": [
        "cuu-chien-binh",
        "cong-dong-dan-cu",
        "dong-bao-co-dao-chuc-sac-ton-giao",
    ],
    "xay-dung-he-thong-chinh-tri": ["cong-dong-dan-cu", "dong-bao-dan-toc-thieu-so"],
}
RESULTS = [
    ("{n}", "km", "đường giao thông được mở rộng", (2, 40)),
    ("{n}", "hộ", "thoát nghèo", (10, 400)),
    ("{n},{d}", "tỷ đồng", "Nhân dân đóng góp", (1, 9)),
    ("{n}", "m²", "đất được hiến", (200, 15000)),
    ("{n}", "ngày công", "Nhân dân tham gia", (100, 5000)),
    ("{n}", "camera", "được lắp đặt", (5, 120)),
    ("{n}", "hộ", "tham gia mô hình", (20, 900)),
    ("{n}", "vụ việc", "được hòa giải thành", (3, 60)),
]
COMMUNE_NAMES = [
    "Mộc Bắc", "Lam Hạ", "Thanh Sơn", "Kim Bình", "Duy Minh", "Hòa Hậu", "Nhân Thịnh", "Tiên Ngoại",
    "Liêm Tuyền", "Đồng Văn", "Châu Sơn", "Bình Lục", "Thanh Liêm", "Lý Nhân", "Phủ Lý",
    "Kim Bảng", "Ba Sao", "Tượng Lĩnh", "Trác Văn", "Yên Bắc", "Hoàng Đông", "Tiêu Động",
]  # fmt: skip
SUMMARY = (
    "<p>Mô hình do {unit} xây dựng từ năm {year}, tập trung vận động {group} cùng tham gia. "
    "Cấp ủy lãnh đạo, chính quyền hỗ trợ, Mặt trận và các đoàn thể phân công phụ trách từng "
    "địa bàn; Nhân dân bàn bạc, quyết định và giám sát.</p>"
)
HOW_TO = (
    "<ol><li>Khảo sát nhu cầu, lựa chọn việc Nhân dân đồng tình.</li>"
    "<li>Họp dân, công khai kế hoạch và phần đóng góp.</li>"
    "<li>Phân công đảng viên, đoàn viên, hội viên phụ trách từng hộ.</li>"
    "<li>Sơ kết, biểu dương, nhân rộng.</li></ol>"
)


def make_units(rng):
    """The stored communes and wards, or a synthetic province of them when there are none."""
    units = list(Unit.objects.current().filter(kind__in=[Kind.COMMUNE, Kind.WARD]))
    if units:
        return units
    province, _ = Unit.objects.get_or_create(kind=Kind.PROVINCE, name="Hà Nam", parent=None)
    for index, name in enumerate(COMMUNE_NAMES):
        kind = Kind.WARD if index % 4 == 0 else Kind.COMMUNE
        Unit.objects.get_or_create(kind=kind, name=name, parent=province)
    return list(Unit.objects.current().filter(kind__in=[Kind.COMMUNE, Kind.WARD]))


def _figure(rng, pattern, bounds):
    n = rng.randint(*bounds)
    text = pattern.format(n=n, d=rng.randint(1, 9))
    return Decimal(text.replace(",", "."))


def make_practices(rng, count, units, now):
    sectors = {s.slug: s for s in Sector.objects.all()}
    groups = {g.slug: g for g in Group.objects.all()}
    slugs = _Slugs(Practice)
    taken = set(Practice.objects.values_list("name_key", "unit_id"))
    practices, extras = [], []
    attempts = 0
    while len(practices) < count and attempts < count * 20:
        attempts += 1
        sector_slug = rng.choice(list(MODEL_NAMES))
        unit = rng.choice(units)
        name = rng.choice(MODEL_NAMES[sector_slug])
        if rng.random() < 0.8:
            name = f"{name} {rng.choice(['ở', 'tại'])} thôn {rng.randint(1, 60)}"
        key = (name_key(name), unit.pk)
        if key in taken:
            continue
        taken.add(key)
        status, publish_at = _status(rng, now)
        started = rng.randint(2012, 2024)
        group_slugs = rng.sample(SECTOR_GROUPS[sector_slug], rng.randint(1, 2))
        practice = Practice(
            title=name,
            slug=slugs(name, "mo-hinh"),
            name_key=key[0],
            unit=unit,
            sector=sectors.get(sector_slug),
            year_started=started,
            summary=sanitize_html(
                SUMMARY.format(
                    unit=unit.label, year=started, group=groups[group_slugs[0]].name.lower()
                )
            ),
            how_to_copy=sanitize_html(HOW_TO),
            contact=f"Ủy ban nhân dân {unit.label}",
            status=status,
            publish_at=publish_at,
        )
        years = sorted(
            rng.sample(
                range(max(started, 2015), 2026),
                min(rng.choice([0, 1, 1, 2]), 2026 - max(started, 2015)),
            )
        )
        practice.last_recognised_year = years[-1] if years else 0
        practices.append(_prepare(practice))
        extras.append(
            (
                years,
                [rng.choice([groups[s] for s in group_slugs])],
                rng.sample(RESULTS, rng.randint(1, 3)),
            )
        )
    practices = Practice.objects.bulk_create(practices, batch_size=BATCH)
    _link(rng, practices, extras)
    return practices


def _level(rng, index, count):
    if index == count - 1 and rng.random() < 0.3:
        return rng.choice([Level.PROVINCE, Level.PROVINCE, Level.NATIONAL])
    return Level.COMMUNE


def _link(rng, practices, extras):
    recognitions, results, group_links, unit_links = [], [], [], []
    for practice, (years, chosen, figures) in zip(practices, extras, strict=True):
        for index, year in enumerate(years):
            level = _level(rng, index, len(years))
            decision = (
                f"{rng.randint(10, 999)}/QĐ-UBND"
                if level == Level.COMMUNE
                else f"{rng.randint(100, 3999)}/QĐ-UBND"
            )
            recognitions.append(
                Recognition(
                    practice=practice, level=level, year=year, decision=decision
                ).copy_public_state(practice)
            )
        for position, (pattern, unit, label, bounds) in enumerate(figures):
            results.append(
                Result(
                    practice=practice,
                    value=_figure(rng, pattern, bounds),
                    unit=unit,
                    label=label,
                    year=years[-1] if years else None,
                    position=position,
                )
            )
        group_links += [
            Practice.groups.through(practice_id=practice.pk, group_id=g.pk) for g in chosen
        ]
        unit_links.append(Practice.units.through(practice_id=practice.pk, unit_id=practice.unit_id))
    Recognition.objects.bulk_create(recognitions, batch_size=BATCH, ignore_conflicts=True)
    Result.objects.bulk_create(results, batch_size=BATCH)
    Practice.groups.through.objects.bulk_create(group_links, batch_size=BATCH)
    Practice.units.through.objects.bulk_create(unit_links, batch_size=BATCH)


def make_articles(rng, practices, count):
    """Published posts (the newest synthetic ones) get a paragraph naming a model as articles do
    and the "Dân vận khéo" tag; their candidates are offered. No post is added."""
    posts = list(Post.objects.published().order_by("-pk")[:count]) if practices else []
    if not posts:
        return []
    topic = Topic.objects.filter(slug=candidates.TOPIC_SLUG).first() or Topic.objects.create(
        name="Dân vận khéo"
    )
    for index, (post, practice) in enumerate(
        zip(posts, rng.sample(practices, len(posts)), strict=False)
    ):
        year = practice.last_recognised_year or practice.year_started
        name = practice.title if index % 2 else f"{practice.title} kiểu mẫu"  # half are new
        post.body = sanitize_html(
            f"{post.body}<p>Năm {year}, {practice.unit.label} triển khai mô hình “{name}”, "
            "được Nhân dân đồng tình hưởng ứng, góp phần lan tỏa phong trào thi đua "
            "“Dân vận khéo”.</p>"
        )
        _prepare(post)
    Post.objects.bulk_update(posts, ["body", "search_title", "search_text"], batch_size=BATCH)
    TaggedPost.objects.bulk_create(
        [TaggedPost(content_object_id=p.pk, tag_id=topic.pk) for p in posts],
        batch_size=BATCH,
        ignore_conflicts=True,
    )
    candidates.offer_candidates(posts)
    return posts


def generate(count, seed=0, now=None, articles=None):
    """Add `count` models, and have count // 100 + 1 posts (at most 200) name one; {kind: count}."""
    rng = random.Random(seed + 27)
    now = now or timezone.now()
    with transaction.atomic():
        units = make_units(rng)
        practices = make_practices(rng, count, units, now)
        articles = min(200, count // 100 + 1) if articles is None else articles
        posts = make_articles(rng, practices, articles)
    cache.invalidate()  # bulk_create sends no signals: drop the cached pages
    return {"practices": len(practices), "practice_posts": len(posts)}
