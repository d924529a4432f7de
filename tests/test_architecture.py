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
    return [
        f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base
        for alias in node.names
    ]


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
    wrong = sorted(
        name
        for name in imports_of(module, module_level_only=False)
        if name.split(".")[0] not in ALLOWED[app] | {app}
    )
    assert not wrong, f"{module} imports {wrong}; {app} may import only {sorted(ALLOWED[app])}"


def test_no_module_imports_one_that_imports_it_back():
    graph = {
        module: {
            name
            for name in imports_of(module, module_level_only=True)
            if name in MODULES and name != module
        }
        for module in MODULES
    }
    cycles = set()

    def walk(module: str, path: list[str]) -> None:
        for name in graph[module]:
            if name in path:
                cycle = path[path.index(name) :]
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


@pytest.mark.parametrize("module", sorted(name for name in MODULES if name.endswith(".services")))
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
    wrong = sorted(
        name for name in named if name.startswith("rest_framework") or name.endswith("serializers")
    )
    assert not wrong, f"{module} imports {wrong}"


_WRITES = {
    "create",
    "bulk_create",
    "get_or_create",
    "update_or_create",
    "bulk_update",
    "update",
    "delete",
}


def _other_apps_models(module: str, tree: ast.AST) -> set[str]:
    """Names a module imports from another app's models ("JobEmail" from jobapps.models)."""
    app = module.split(".")[0]
    return {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        and node.module
        and node.module.endswith(".models")
        and node.module.split(".")[0] in ALLOWED
        and node.module.split(".")[0] != app
        for alias in node.names
    }


def _other_apps_models_modules(module: str, tree: ast.AST) -> set[str]:
    """How a module spells another app's models module: "models" (from jobapps import
    models), "jm" (import jobapps.models as jm), "jobapps.models" (import jobapps.models)."""
    app = module.split(".")[0]
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            owner = node.module.split(".")[0]
            names.update(
                alias.asname or alias.name
                for alias in node.names
                if owner in ALLOWED
                and owner != app
                and f"{node.module}.{alias.name}".endswith(".models")
            )
        elif isinstance(node, ast.Import):
            names.update(
                alias.asname or alias.name
                for alias in node.names
                if alias.name.endswith(".models")
                and alias.name.split(".")[0] in ALLOWED
                and alias.name.split(".")[0] != app
            )
    return names


def _dotted(node: ast.AST) -> str:
    """`jobapps.models.JobEmail` of the expression, "" when it is not a dotted name."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base else ""
    return ""


def foreign_manager_uses(module: str, source: str) -> list[tuple[str, str]]:
    """(`Model.objects[.method]`, "reads" or "writes") for each use of another app's model
    manager in the source, however the model was imported."""
    tree = ast.parse(source)
    models = _other_apps_models(module, tree)
    models_modules = _other_apps_models_modules(module, tree)
    managers = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Attribute) and node.attr == "objects"):
            continue
        model = _dotted(node.value)
        owner, _, name = model.rpartition(".")
        if model in models or (owner in models_modules and name):
            managers.append(node)
    called = {
        id(node.func.value): node.func.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    }
    return sorted(
        (
            f"{_dotted(node)}.{called.get(id(node), '')}".rstrip("."),
            "writes" if called.get(id(node)) in _WRITES else "reads",
        )
        for node in managers
    )


@pytest.mark.parametrize("module", sorted(MODULES))
def test_an_apps_tables_are_used_only_through_its_services_and_selectors(module):
    """`JobEmail.objects.create(...)` in gmail_sync bypasses jobapps' services (and the rules
    they keep), `JobEmail.objects.filter(...)` its selectors (the user's scope, the shape, the
    query count): another app writes through the services and reads through the selectors.
    (Tests and migrations are not application modules: MODULES leaves them out.)"""
    uses = foreign_manager_uses(module, MODULES[module].read_text(encoding="utf-8"))
    assert not uses, (
        f"{module} uses another app's tables directly (write through its "
        f"services, read through its selectors): {uses}"
    )


@pytest.mark.parametrize(
    "source",
    [
        "from jobapps.models import JobEmail\nJobEmail.objects.filter(user=u)",
        "from jobapps.models import JobEmail as E\nx = E.objects",
        "from jobapps import models\nmodels.JobEmail.objects.get(pk=1)",
        "import jobapps.models as jm\nlist(jm.JobEmail.objects.all())",
        "import jobapps.models\njobapps.models.JobEmail.objects.count()",
        "from jobapps.models import JobEmail\nJobEmail.objects.select_for_update().get(pk=1)",
    ],
)
def test_the_table_rule_sees_every_spelling_of_a_foreign_manager(source):
    """The rule above fails on reads too, however the model is named (a rule that sees
    nothing passes always)."""
    uses = foreign_manager_uses("gmail_sync.example", source)
    assert [kind for _, kind in uses] == ["reads"], uses
    assert not foreign_manager_uses("jobapps.example", source)  # an app's own tables


def test_the_table_rule_tells_writes_from_reads():
    source = (
        "from jobapps.models import JobEmail\nJobEmail.objects.create(msg_id='m')\n"
        "JobEmail.objects.filter(user=u).update(kind='x')\n"
        "from jobapps.models import JobEmail as Model\nModel.Kind.NOT_JOB\n"
    )
    assert foreign_manager_uses("gmail_sync.example", source) == [
        ("JobEmail.objects.create", "writes"),
        ("JobEmail.objects.filter", "reads"),
    ]
