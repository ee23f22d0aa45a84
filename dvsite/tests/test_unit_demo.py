"""The demo speaks of the merged board and shows units: `make run` loads the sample units, and
`setup_demo` adds an editor of one unit."""

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command

from dvsite.config.site import SITE_INFO
from taxonomy.units import Unit

pytestmark = pytest.mark.django_db


def test_make_run_loads_the_sample_units_after_migrate_and_before_the_seeds():
    makefile = (Path(settings.BASE_DIR) / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    steps = [s for s in ("migrate", "load_units", "import_seeds") if s in recipe]
    assert steps == ["migrate", "load_units", "import_seeds"]
    assert recipe.index("migrate") < recipe.index("load_units") < recipe.index("import_seeds")


def test_setup_demo_adds_an_editor_of_one_unit_when_units_are_loaded(settings):
    settings.DEBUG = True
    call_command("setup_demo", stdout=StringIO())
    assert not get_user_model().objects.filter(username="bientapdonvi").exists()
    call_command("load_units", stdout=StringIO())
    out = StringIO()
    call_command("setup_demo", stdout=out)
    user = get_user_model().objects.get(username="bientapdonvi")
    assert [u.name for u in user.units.all()] == ["Hội Nông dân tỉnh Ninh Bình"]
    assert "Hội Nông dân tỉnh Ninh Bình" in out.getvalue()
    assert Unit.objects.filter(editors=user).count() == 1


def test_the_default_owner_is_the_merged_board():
    assert SITE_INFO["name"].startswith("Ban Tuyên giáo và Dân vận Tỉnh ủy")
    assert SITE_INFO["short_name"] == "Ban Tuyên giáo và Dân vận Tỉnh ủy"
    assert "Hà Nam" not in " ".join(str(v) for v in SITE_INFO.values())


def test_the_about_pages_speak_of_the_merged_board(client):
    html = client.get("/gioi-thieu/chuc-nang-nhiem-vu/").content.decode()
    assert "Ban Tuyên giáo và Dân vận Tỉnh ủy là cơ quan tham mưu" in html
    assert "Propaganda and Mass Mobilization" in client.get("/en/").content.decode()
