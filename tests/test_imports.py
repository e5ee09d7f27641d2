"""No module of archive/ imports itself in a circle, and none grows past MAX_LINES.

The import graph is read from the source with ast, not by importing: an edge from a module to
every module of archive/ it imports (`from archive.search import engines` names the module
engines, `from archive.search.params import FACETS` the module params). Two graphs: the
imports a module runs as it loads (module level), which must hold no circle at all; and every
import, those inside functions too, where a circle is one hidden by moving an import into a
function: cut it, never hide it.
"""

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# A module past this many lines is split by concern (none is past it now).
MAX_LINES = 400
LONG_MODULES = set()


def archive_modules():
    """{dotted name: path} of every module of archive/ (migrations left out)."""
    found = {}
    for path in sorted((REPO / "archive").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        parts = list(path.relative_to(REPO).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def imported(name, path, modules, module_level):
    """The modules of archive/ that a module imports (at module level only, if asked)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets = set()
    stack = list(ast.parse(path.read_text()).body)
    while stack:
        node = stack.pop()
        if module_level and isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parent + ([base] if base else []))
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                targets.add(submodule if submodule in modules else base)
        else:
            stack.extend(ast.iter_child_nodes(node))
    return {target for target in targets if target in modules and target != name}


def circles(module_level):
    """The sets of modules that import each other in a circle (strongly connected)."""
    modules = archive_modules()
    edges = {name: imported(name, path, modules, module_level) for name, path in modules.items()}
    order, low, on_stack, stack, found = {}, {}, set(), [], []

    def visit(start):
        # Tarjan's algorithm, iteratively: (module, its edges not yet followed).
        work = [(start, iter(sorted(edges[start])))]
        order[start] = low[start] = len(order)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, followers = work[-1]
            for follower in followers:
                if follower not in order:
                    order[follower] = low[follower] = len(order)
                    stack.append(follower)
                    on_stack.add(follower)
                    work.append((follower, iter(sorted(edges[follower]))))
                    break
                if follower in on_stack:
                    low[node] = min(low[node], order[follower])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == order[node]:
                    component = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.add(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(component)

    for name in sorted(edges):
        if name not in order:
            visit(name)
    return found


def test_the_graph_is_read():
    modules = archive_modules()
    assert "archive.search.whoosh.index" in modules
    edges = imported(
        "archive.search.whoosh.search",
        modules["archive.search.whoosh.search"],
        modules,
        module_level=True,
    )
    assert {"archive.search.engines", "archive.search.whoosh.index"} <= edges


def test_no_module_imports_itself_in_a_circle_as_it_loads():
    assert circles(module_level=True) == []


def test_no_circle_is_hidden_in_a_function():
    assert circles(module_level=False) == []


def test_no_module_grows_past_the_limit():
    long = {
        name
        for name, path in archive_modules().items()
        if len(path.read_text().splitlines()) > MAX_LINES
    }
    assert long - LONG_MODULES == set()


def test_each_engine_keeps_to_its_package():
    # The rest of archive/ reaches an engine through engines.py and registry.py only (dotted
    # paths); an engine package imports the neutral modules, never another engine's.
    modules = archive_modules()
    packages = [f"archive.search.{name}" for name in ("whoosh", "xapian", "elasticsearch")]

    def package_of(name):
        return next((p for p in packages if name == p or name.startswith(f"{p}.")), None)

    crossing = [
        (name, target)
        for name, path in modules.items()
        for target in imported(name, path, modules, module_level=False)
        if package_of(target) and package_of(target) != package_of(name)
    ]
    assert crossing == []


def test_schemas_pickled_under_the_old_module_path_still_load():
    # An index written before the Whoosh modules moved pickled its schema's tokenizer as
    # archive.search.whoosh_backend.ValuesTokenizer (whoosh/patches.py keeps that readable).
    import pickle

    from archive.search.whoosh.backend import ValuesTokenizer

    new = pickle.dumps(ValuesTokenizer(), 2)
    old = new.replace(b"archive.search.whoosh.backend", b"archive.search.whoosh_backend")
    assert old != new
    assert isinstance(pickle.loads(old), ValuesTokenizer)
