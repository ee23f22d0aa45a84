"""The two vocabularies' first values, from the domain (DOMAIN.md, "Dân vận khéo" models);
administrators add more in the admin. Written out here: a migration imports no project helper."""

from django.db import migrations

SECTORS = [
    ("Kinh tế", "kinh-te"),
    ("Văn hóa – xã hội", "van-hoa-xa-hoi"),
    ("Quốc phòng – an ninh", "quoc-phong-an-ninh"),
    ("Xây dựng hệ thống chính trị", "xay-dung-he-thong-chinh-tri"),
]
GROUPS = [
    ("Nông dân", "nong-dan"),
    ("Phụ nữ", "phu-nu"),
    ("Thanh niên", "thanh-nien"),
    ("Cựu chiến binh", "cuu-chien-binh"),
    ("Công nhân, người lao động", "cong-nhan-nguoi-lao-dong"),
    ("Đồng bào dân tộc thiểu số", "dong-bao-dan-toc-thieu-so"),
    ("Đồng bào có đạo, chức sắc tôn giáo", "dong-bao-co-dao-chuc-sac-ton-giao"),
    ("Doanh nghiệp, doanh nhân", "doanh-nghiep-doanh-nhan"),
    ("Người cao tuổi", "nguoi-cao-tuoi"),
    ("Cộng đồng dân cư", "cong-dong-dan-cu"),
]


def seed(apps, schema_editor):
    for model_name, values in (("Sector", SECTORS), ("Group", GROUPS)):
        model = apps.get_model("practices", model_name)
        for position, (name, slug) in enumerate(values, start=1):
            model.objects.get_or_create(slug=slug, defaults={"name": name, "position": position})


def unseed(apps, schema_editor):
    for model_name, values in (("Sector", SECTORS), ("Group", GROUPS)):
        model = apps.get_model("practices", model_name)
        model.objects.filter(slug__in=[slug for _, slug in values], practices__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("practices", "0003_search_vectors")]

    operations = [migrations.RunPython(seed, unseed)]
