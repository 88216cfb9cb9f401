"""The direction of dependencies: base ← registry ← campaigns ← reports.

Read from the source (every ``import`` and ``from … import``, at module top or inside a
function), not from what happens to be loaded, so that a lazy import counts too.
Migrations are history and are left out.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APPS = ("registry", "campaigns", "reports")
# What each layer may not import.
FORBIDDEN = {
    "exemplar_portal/base": APPS,
    "registry": ("campaigns", "reports"),
    "campaigns": ("reports",),
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def sources(folder: str):
    for path in sorted((ROOT / folder).rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


@pytest.mark.parametrize("folder", sorted(FORBIDDEN))
def test_a_layer_imports_nothing_above_it(folder):
    above = FORBIDDEN[folder]
    offending = [
        f"{path.relative_to(ROOT)}: {module}"
        for path in sources(folder)
        for module in sorted(imported_modules(path))
        if module.split(".")[0] in above
    ]
    assert not offending, "imports from a layer above:\n" + "\n".join(offending)


def test_the_check_sees_an_import_inside_a_function(tmp_path):
    module = tmp_path / "lazy.py"
    module.write_text("def f():\n    from campaigns.models import Event\n", encoding="utf-8")
    assert "campaigns.models" in imported_modules(module)
