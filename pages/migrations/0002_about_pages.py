"""The about pages every provincial commission publishes; editors revise them in the admin."""

from django.db import migrations

PAGES = [
    {
        "slug": "chuc-nang-nhiem-vu",
        "title": "Chức năng, nhiệm vụ",
        "position": 1,
        "summary": (
            "Ban Tuyên giáo và Dân vận Tỉnh ủy là cơ quan tham mưu, giúp việc của Tỉnh ủy về công tác "
            "tuyên giáo và công tác dân vận."
        ),
        "body": (
            "<h2>Chức năng</h2>"
            "<p>Ban Tuyên giáo và Dân vận Tỉnh ủy là cơ quan tham mưu, giúp việc của Tỉnh ủy, trực tiếp và "
            "thường xuyên là Ban Thường vụ, Thường trực Tỉnh ủy về công tác tuyên giáo và công tác dân vận "
            "của hệ thống chính trị trong tỉnh; đồng thời là cơ quan chuyên môn, nghiệp vụ về công tác "
            "tuyên giáo và dân vận. Ban được thành lập năm 2025 trên cơ sở hợp nhất Ban Tuyên giáo Tỉnh ủy "
            "và Ban Dân vận Tỉnh ủy.</p>"
            "<h2>Nhiệm vụ</h2>"
            "<ul>"
            "<li>Nghiên cứu, đề xuất chủ trương, nghị quyết, chương trình, kế hoạch về công tác tuyên "
            "truyền, giáo dục chính trị tư tưởng và công tác dân vận; công tác dân tộc, tôn giáo; việc "
            "thực hiện dân chủ ở cơ sở.</li>"
            "<li>Hướng dẫn, kiểm tra, giám sát việc thực hiện chủ trương của Đảng về công tác tuyên giáo "
            "và dân vận; tổ chức phong trào thi đua “Dân vận khéo”.</li>"
            "<li>Phối hợp với Ủy ban Mặt trận Tổ quốc và các tổ chức chính trị – xã hội nắm tình hình nhân "
            "dân, tham mưu giải quyết những vấn đề nhân dân quan tâm.</li>"
            "<li>Bồi dưỡng nghiệp vụ cho đội ngũ cán bộ làm công tác tuyên giáo và dân vận các cấp.</li>"
            "<li>Thực hiện các nhiệm vụ khác do Ban Thường vụ, Thường trực Tỉnh ủy giao.</li>"
            "</ul>"
        ),
    },
    {
        "slug": "co-cau-to-chuc",
        "title": "Cơ cấu tổ chức",
        "position": 2,
        "summary": "Lãnh đạo Ban và các phòng chuyên môn, nghiệp vụ.",
        "body": (
            "<h2>Lãnh đạo Ban</h2>"
            "<p>Trưởng Ban và các Phó Trưởng Ban, trong đó có Phó Trưởng Ban Thường trực.</p>"
            "<h2>Các phòng chuyên môn, nghiệp vụ</h2>"
            "<p>Văn phòng Ban và các phòng phụ trách công tác tuyên truyền, lý luận chính trị, báo chí – "
            "xuất bản, dân vận chính quyền và dân chủ ở cơ sở, dân tộc – tôn giáo, Mặt trận Tổ quốc và các "
            "đoàn thể (tên gọi cụ thể theo quyết định của Tỉnh ủy).</p>"
        ),
    },
]

ENGLISH = {
    "slug": "about",
    "title": "About the Commission",
    "language": "en",
    "position": 10,
    "summary": (
        "Functions, structure and contacts of the provincial Propaganda and Mass Mobilization "
        "Commission."
    ),
    "body": (
        "<p>The Propaganda and Mass Mobilization Commission, formed in 2025 by merging the provincial "
        "Propaganda Commission and Mass Mobilization Commission, advises the Provincial Party Committee on "
        "political education, information and its relations with the people: it guides the Fatherland Front and the socio-political organisations, oversees grassroots "
        "democracy, ethnic and religious affairs, and runs the “Skilful Mass Mobilization” (Dân vận khéo) "
        "emulation movement.</p>"
        "<h2>Structure</h2>"
        "<ul><li>Head of the Commission and Deputy Heads</li><li>Office of the Commission</li>"
        "<li>Division of Government Mass Mobilization and Grassroots Democracy</li>"
        "<li>Division of Ethnic and Religious Affairs</li>"
        "<li>Division of the Fatherland Front and Mass Organisations</li></ul>"
    ),
}


def create_pages(apps, schema_editor):
    AboutPage = apps.get_model("pages", "AboutPage")
    for data in [*PAGES, ENGLISH]:
        AboutPage.objects.get_or_create(slug=data["slug"], defaults=data)


def remove_pages(apps, schema_editor):
    AboutPage = apps.get_model("pages", "AboutPage")
    AboutPage.objects.filter(slug__in=[p["slug"] for p in [*PAGES, ENGLISH]]).delete()


class Migration(migrations.Migration):
    dependencies = [("pages", "0001_initial")]

    operations = [migrations.RunPython(create_pages, remove_pages)]
