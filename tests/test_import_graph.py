"""No circle of imports inside an app: each app's modules form a hierarchy (README "Layers").

A circle is held together by imports inside functions or at the bottom of a module, and hides
which module owns a concept. The graph is grimp's (what import-linter checks the layers with),
imports inside functions included; tests and migrations are left out.
"""

import grimp
import pytest

APPS = ["core", "taxonomy", "news", "events", "docs_registry", "dvsite"]


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph(*APPS, cache_dir=None)


def circles(graph, app):
    """The strongly connected components (more than one module) of `app`'s own imports."""
    modules = {
        m
        for m in graph.find_children(app) | graph.find_descendants(app) | {app}
        if ".tests" not in m and ".migrations" not in m
    }
    imports = {m: graph.find_modules_directly_imported_by(m) & modules for m in modules}
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(module):  # Tarjan's algorithm
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in imports[module]:
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == module:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for module in sorted(modules):
        if module not in index:
            visit(module)
    return found


@pytest.mark.parametrize("app", APPS)
def test_no_import_circle_inside_an_app(graph, app):
    assert circles(graph, app) == []


def test_the_check_finds_a_circle():
    graph = grimp.ImportGraph()
    for module in ("app", "app.a", "app.b", "app.c"):
        graph.add_module(module)
    graph.add_import(importer="app.a", imported="app.b")
    graph.add_import(importer="app.b", imported="app.a")
    graph.add_import(importer="app.c", imported="app.a")
    assert circles(graph, "app") == [["app.a", "app.b"]]
