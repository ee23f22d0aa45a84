"""Issue 16: every page type is valid HTML.

With Java and the Nu Html Checker (`scripts/ensure-vnu` puts vnu.jar under .tools/, git-ignored)
the pages go through vnu, errors only; elsewhere through html5lib's strict parser, which catches
the parse errors (not the content-model rules) the Nu checker reports.
"""

import json
import shutil
import subprocess
from pathlib import Path

import html5lib
import pytest
from django.conf import settings

from dvsite.tests.page_samples import make_content

JAR = Path(settings.BASE_DIR) / ".tools/vnu/node_modules/vnu-jar/build/dist/vnu.jar"


def rendered_pages(client, tmp_path):
    files = {}
    for name, path in make_content().items():
        response = client.get(path)
        assert response.status_code in (200, 404), (name, response.status_code)
        file = tmp_path / f"{name.replace(' ', '-')}.html"
        file.write_bytes(response.content)
        files[file.name] = name
    return files


def vnu_errors(files, folder):
    command = ["java", "-jar", str(JAR), "--errors-only", "--format", "json"]
    done = subprocess.run(  # noqa: S603
        [*command, *(str(folder / file) for file in files)],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    try:
        messages = json.loads(done.stderr or done.stdout)["messages"]
    except (ValueError, KeyError):
        return None  # the checker did not run (an old Java, a broken jar): html5lib instead
    return [
        f"{files[Path(m['url']).name]}: {m['message']} ({m.get('extract', '')!r})"
        for m in messages
        if m["type"] == "error"
    ]


@pytest.mark.django_db
@pytest.mark.timeout(300)
def test_every_page_type_has_no_html_errors(client, tmp_path):
    files = rendered_pages(client, tmp_path)
    if JAR.exists() and shutil.which("java"):
        errors = vnu_errors(files, tmp_path)
        if errors is not None:
            assert errors == []
            return
    for file, name in files.items():
        parser = html5lib.HTMLParser(strict=True)
        try:
            parser.parse((tmp_path / file).read_bytes())
        except html5lib.html5parser.ParseError as error:  # pragma: no cover - shows the page
            pytest.fail(f"{name}: {error}")
