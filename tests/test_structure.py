"""The code's shape, checked on every run: no import cycle between the project's modules, imports that run one
way (site_core imports no app; nothing but tests imports the demo loader), no module over 350 lines outside
migrations and tests, and the bench's refusal to empty a Redis database that is not a local test one."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SKIPPED_FOLDERS = set(".venv var migrations tests media staticfiles locale node_modules __pycache__".split())
MAX_LINES = 350


def project_modules():
    """Dotted module name -> file, for every Python file of the project outside tests and migrations."""
    found = {}
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT)
        if any(part in SKIPPED_FOLDERS or part.startswith(".") for part in relative.parts[:-1]):
            continue
        if not path.is_file() or "." in path.stem:
            # Not a module: a file another test process writes and removes meanwhile, or a name like "x.txt.py".
            continue
        name = ".".join(relative.with_suffix("").parts).removesuffix(".__init__")
        found[name] = path
    return found


def imported_modules(name, path, known):
    """The project modules `name` imports anywhere in its file (imports inside functions count too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            candidates = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        else:
            continue
        for candidate in candidates:
            # The longest prefix that is a project module: `from a.b import c` is a.b.c if c is a module.
            while candidate and candidate not in known:
                candidate = candidate.rpartition(".")[0]
            if candidate and candidate != name:
                targets.add(candidate)
    return targets


@pytest.fixture(scope="module")
def import_graph():
    known = project_modules()
    return {name: imported_modules(name, path, known) for name, path in known.items()}


def find_cycle(graph):
    """One import cycle as a list of modules, or None."""
    visiting, done = [], set()

    def visit(module):
        visiting.append(module)
        for target in sorted(graph.get(module, ())):
            if target in visiting:
                return [*visiting[visiting.index(target) :], target]
            if target not in done:
                cycle = visit(target)
                if cycle:
                    return cycle
        visiting.pop()
        done.add(module)
        return None

    for module in sorted(graph):
        if module not in done:
            cycle = visit(module)
            if cycle:
                return cycle
    return None


def test_the_cycle_finder_finds_a_cycle():
    # The check below can fail: a graph with a loop is reported.
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycle_between_modules(import_graph):
    assert find_cycle(import_graph) is None


def test_site_core_imports_no_app(import_graph):
    apps = {"blog", "services", "contact", "demo", "selfcheck"}
    offending = {
        module: sorted(target for target in targets if target.split(".")[0] in apps)
        for module, targets in import_graph.items()
        if module.split(".")[0] == "site_core"
    }
    assert {module: targets for module, targets in offending.items() if targets} == {}


def test_nothing_imports_the_demo_loader(import_graph):
    importers = {
        module
        for module, targets in import_graph.items()
        if module.split(".")[0] != "demo" and any(target.split(".")[0] == "demo" for target in targets)
    }
    assert importers == set()


def test_no_module_is_over_350_lines():
    long = {
        str(path.relative_to(ROOT)): lines
        for path in project_modules().values()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


@pytest.mark.parametrize(
    "url",
    ["redis://redis.internal:6379/7", "redis://127.0.0.1:6379/0", "redis://127.0.0.1:6379", "redis://10.0.0.5:6379/3"],
)
def test_the_bench_never_empties_a_redis_that_is_not_a_local_test_database(url, monkeypatch):
    from tests.bench import harness

    flushed = []
    monkeypatch.setattr("redis.Redis.flushdb", lambda self: flushed.append(self))
    with pytest.raises(SystemExit, match="Refusing to empty"):
        harness.BenchSite._flush_redis(url)
    assert flushed == []


def test_the_bench_empties_its_own_local_numbered_redis_database(monkeypatch):
    from tests.bench import harness

    flushed = []
    monkeypatch.setattr("redis.Redis.flushdb", lambda self: flushed.append(self))
    harness.BenchSite._flush_redis("redis://127.0.0.1:6379/7")
    assert len(flushed) == 1
