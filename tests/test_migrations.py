"""The migrations: one initial migration per app plus hand-written data migrations that import
no helper of the project (editing a helper must never change history), and an empty database
built from them matches the models."""

import ast
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.autodetector import MigrationAutodetector
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.state import ProjectState

ROOT = Path(__file__).resolve().parents[1]
PROJECT_PACKAGES = {path.parent.name for path in ROOT.glob("*/apps.py")} | {
    "dvsite",
    "tools",
    "bench",
    "loadtest",
    "tests",
}


def project_migration_files():
    for config in apps.get_app_configs():
        folder = Path(config.path) / "migrations"
        if folder.is_dir() and config.name.split(".")[0] in PROJECT_PACKAGES:
            yield config.label, sorted(folder.glob("[0-9]*.py"))


@pytest.mark.django_db
def test_an_empty_database_built_from_the_migrations_matches_the_models():
    loader = MigrationLoader(connection)
    changes = MigrationAutodetector(loader.project_state(), ProjectState.from_apps(apps)).changes(
        graph=loader.graph
    )
    # Third-party apps' labels are named in Vietnamese at run time; our apps must match exactly.
    ours = {label for label, _ in project_migration_files()}
    assert {label: ops for label, ops in changes.items() if label in ours} == {}


def test_each_app_starts_from_one_initial_migration_and_numbers_are_unique():
    for label, files in project_migration_files():
        numbers = [path.name[:4] for path in files]
        assert len(numbers) == len(set(numbers)), f"{label}: repeated numbers {numbers}"
        assert [path.name for path in files if "initial" in path.name] == ["0001_initial.py"], label
        merges = [path.name for path in files if "merge" in path.name]
        assert not merges, f"{label}: merge migrations {merges}"


def _imported_packages(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module.split(".")[0]


def test_hand_written_migrations_import_no_project_helper():
    for label, files in project_migration_files():
        for path in files:
            source = path.read_text(encoding="utf-8")
            if not re.search(r"RunPython|RunSQL", source):
                continue
            imported = set(_imported_packages(ast.parse(source))) & PROJECT_PACKAGES
            assert not imported, f"{label}/{path.name} imports {sorted(imported)}"
