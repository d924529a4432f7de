"""The apps depend on each other one way (DESIGN.md, CONTRIBUTING.md), and no module imports
one that imports it back at import time. Read off the source (the modules' ASTs), so a new
import that breaks either rule fails here before anyone has to untangle it."""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Which project apps each app may import. jobhax (settings, the API layer) is the bottom.
ALLOWED = {
    "jobhax": set(),
    "jobapps": {"jobhax"},
    "metrics": {"jobhax", "jobapps"},
    "users": {"jobhax", "jobapps"},
    "gmail_sync": {"jobhax", "jobapps", "users"},
}


def source_modules() -> dict[str, Path]:
    """Every application module by dotted name: not tests, not migrations."""
    modules = {}
    for app in ALLOWED:
        for path in (ROOT / app).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if "tests" in parts or "migrations" in parts:
                continue
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules[".".join(parts)] = path
    return modules


MODULES = source_modules()


def _imported(node: ast.AST, module: str, is_package: bool) -> list[str]:
    """The project modules an import statement names (a package's submodule when it is one)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if not isinstance(node, ast.ImportFrom):
        return []
    if node.level:
        package = module.split(".")
        package = package[: len(package) - node.level + (1 if is_package else 0)]
        base = ".".join([*package, node.module] if node.module else package)
    else:
        base = node.module or ""
    return [f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base
            for alias in node.names]


def imports_of(module: str, *, module_level_only: bool) -> set[str]:
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if module_level_only and isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                continue  # runs when called, not when imported
            found.update(_imported(child, module, path.name == "__init__.py"))
            visit(child)

    visit(tree)
    return {name for name in found if name.split(".")[0] in ALLOWED}


@pytest.mark.parametrize("module", sorted(MODULES))
def test_apps_import_only_the_apps_below_them(module):
    app = module.split(".")[0]
    wrong = sorted(name for name in imports_of(module, module_level_only=False)
                   if name.split(".")[0] not in ALLOWED[app] | {app})
    assert not wrong, f"{module} imports {wrong}; {app} may import only {sorted(ALLOWED[app])}"


def test_no_module_imports_one_that_imports_it_back():
    graph = {module: {name for name in imports_of(module, module_level_only=True)
                      if name in MODULES and name != module}
             for module in MODULES}
    cycles = set()

    def walk(module: str, path: list[str]) -> None:
        for name in graph[module]:
            if name in path:
                cycle = path[path.index(name):]
                start = cycle.index(min(cycle))
                cycles.add(" -> ".join(cycle[start:] + cycle[:start] + [min(cycle)]))
            elif name not in done:
                walk(name, [*path, name])
        done.add(module)

    done: set[str] = set()
    for module in sorted(graph):
        if module not in done:
            walk(module, [module])
    assert not cycles, "import cycles:\n" + "\n".join(sorted(cycles))


def test_the_rules_are_checked_on_real_modules():
    """The walk above sees the imports it must judge (a rule over no modules passes always)."""
    assert "users.tests" not in MODULES and "gmail_sync.services" in MODULES
    assert "users.selectors" in imports_of("gmail_sync.services", module_level_only=True)
    assert "gmail_sync.services" in imports_of("gmail_sync.tasks", module_level_only=False)
    assert "gmail_sync.services" not in imports_of("gmail_sync.tasks", module_level_only=True)


@pytest.mark.parametrize("module", sorted(name for name in MODULES
                                          if name.endswith(".services")))
def test_services_know_nothing_of_http(module):
    """Services raise the project's errors (jobhax.api.errors), never DRF's, and take plain
    keyword arguments, never serializers: DRF stays in apis.py and serializers.py."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    named = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            named.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            named.add(node.module or "")
            named.update(f"{node.module or ''}.{alias.name}" for alias in node.names)
    wrong = sorted(name for name in named
                   if name.startswith("rest_framework") or name.endswith("serializers"))
    assert not wrong, f"{module} imports {wrong}"


_WRITES = {"create", "bulk_create", "get_or_create", "update_or_create", "bulk_update",
           "update", "delete"}


def _other_apps_models(module: str, tree: ast.AST) -> set[str]:
    """Names a module imports from another app's models ("JobEmail" from jobapps.models)."""
    app = module.split(".")[0]
    return {alias.asname or alias.name for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module
            and node.module.endswith(".models") and node.module.split(".")[0] in ALLOWED
            and node.module.split(".")[0] != app for alias in node.names}


@pytest.mark.parametrize("module", sorted(MODULES))
def test_an_apps_tables_are_written_only_by_its_own_modules(module):
    """`JobEmail.objects.create(...)` in gmail_sync bypasses jobapps' services (and the rules
    they keep): another app writes through them."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    foreign = _other_apps_models(module, tree)
    writes = sorted(
        f"{node.func.value.value.id}.objects.{node.func.attr}" for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
        and node.func.attr in _WRITES and isinstance(node.func.value, ast.Attribute)
        and node.func.value.attr == "objects" and isinstance(node.func.value.value, ast.Name)
        and node.func.value.value.id in foreign)
    assert not writes, f"{module} writes another app's tables directly: {writes}"
