"""The install is the lock: what the locks pin is a closed, consistent tree that this virtualenv
holds, and every module the product loads lazily or through an extra imports.

The checks re-resolve offline from the locks' own pins and the installed packages' metadata:
an input changed without `make lock` (a package added, a range moved), a pin left behind, or a
dependency the lock does not name fails here with the package's name.
"""

import importlib
import importlib.metadata
import re
from pathlib import Path

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
RUNTIME_LOCK = ROOT / "requirements.txt"
DEV_LOCK = ROOT / "requirements-dev.txt"
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==(?P<version>\S+)")

# The locks are made for Python 3.11 (`uv pip compile --python-version 3.11`, i.e. 3.11.0 and
# up): a dependency wanted only before 3.11.3 (redis's async-timeout) is part of the tree.
LOCK_ENVIRONMENT = default_environment() | {
    "python_version": "3.11",
    "python_full_version": "3.11.0",
}


def read_lock(path):
    """{name: version} of a lock, after checking every entry is an exact pin with hashes."""
    pins, entry = {}, None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.startswith(" "):
            assert entry and "--hash=sha256:" in line, f"{path.name}: stray line {line!r}"
            entry[1] = True
            continue
        match = PIN.match(line)
        assert match, f"{path.name}: not an exact pin: {line!r}"
        name = canonicalize_name(match["name"])
        assert name not in pins, f"{path.name}: {name} pinned twice"
        pins[name] = match["version"]
        entry = [name, "--hash=" in line]
        if not line.rstrip().endswith("\\"):
            assert entry[1], f"{path.name}: {name} has no hash"
    return pins


def read_inputs(path, seen=None):
    """The requirements an input file names, following its -r includes (not its -c)."""
    requirements = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split(" #")[0].strip()
        if not line or line.startswith("#") or line.startswith("-c"):
            continue
        if line.startswith("-r"):
            requirements += read_inputs(path.parent / line[2:].strip())
            continue
        requirements.append(Requirement(line))
    return requirements


def closure(roots, pins):
    """Walk the installed metadata from the input requirements, as a resolver would; return the
    names reached and the problems met (a dependency not pinned, or pinned outside its range)."""
    reached, problems = set(), []
    todo = [(requirement, "the input") for requirement in roots]
    while todo:
        requirement, wanted_by = todo.pop()
        name = canonicalize_name(requirement.name)
        if name not in pins:
            problems.append(f"{name} (wanted by {wanted_by}) is not in the lock")
            continue
        if not requirement.specifier.contains(pins[name], prereleases=True):
            problems.append(f"{name}=={pins[name]} is outside {requirement} ({wanted_by})")
        extras = set(requirement.extras)
        key = (name, frozenset(extras))
        if key in reached:
            continue
        reached.add(key)
        for dependency in importlib.metadata.requires(name) or ():
            dependency = Requirement(dependency)
            if dependency.marker and not any(
                dependency.marker.evaluate(LOCK_ENVIRONMENT | {"extra": extra})
                for extra in extras | {""}
            ):
                continue
            todo.append((dependency, name))
    return {name for name, _ in reached}, problems


@pytest.mark.parametrize(
    "lock, inputs",
    [(RUNTIME_LOCK, ROOT / "requirements.in"), (DEV_LOCK, ROOT / "requirements-dev.in")],
    ids=["runtime", "dev"],
)
def test_lock_is_the_closed_tree_of_its_input(lock, inputs):
    pins = read_lock(lock)
    reached, problems = closure(read_inputs(inputs), pins)
    assert not problems, (
        f"{lock.name} is out of date with {inputs.name} (run `make lock`): {problems}"
    )
    stale = sorted(set(pins) - reached)
    assert not stale, f"{lock.name} pins what nothing asks for (run `make lock`): {stale}"


def test_dev_lock_keeps_every_runtime_pin():
    runtime, dev = read_lock(RUNTIME_LOCK), read_lock(DEV_LOCK)
    differing = {name: (v, dev.get(name)) for name, v in runtime.items() if dev.get(name) != v}
    assert not differing, f"requirements-dev.txt disagrees with requirements.txt: {differing}"


def test_virtualenv_holds_exactly_the_dev_lock():
    pins = read_lock(DEV_LOCK)
    installed = {
        canonicalize_name(dist.metadata["Name"]): dist.version
        for dist in importlib.metadata.distributions()
    }
    wrong = {
        name: (version, installed.get(name))
        for name, version in pins.items()
        if installed.get(name) != version
    }
    assert not wrong, f"installed versions differ from the lock (pinned, installed): {wrong}"


# What the product imports only when a feature runs, or through an optional extra: a broken
# install fails here, by name, instead of in forty importer tests.
LAZY_MODULES = [
    "trafilatura",
    "lxml.html.clean",
    "justext",
    "pypdf",
    "openpyxl",
    "icalendar",
    "segno",
    "boto3",
    "storages.backends.s3",
    "redis",
    "psycopg",
    "rapidfuzz",
    "nh3",
    "PIL.Image",
]


@pytest.mark.parametrize("module", LAZY_MODULES)
def test_lazily_loaded_module_imports(module):
    importlib.import_module(module)
