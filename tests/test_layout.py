"""The suite's own rules: test modules stand alone, and every marker is declared."""

import ast
import tomllib
from pathlib import Path

import pytest
from django.conf import settings

TESTS = Path(__file__).resolve().parent


def imported_modules(path):
    """Every module path a file imports, relative imports written with their dots."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = "." * node.level + (node.module or "")
            yield base
            yield from (f"{base}.{alias.name}".replace("..", ".") for alias in node.names)


def is_test_module_or_bench(module):
    parts = [part for part in module.split(".") if part]
    return bool(parts) and (parts[0] == "bench" or any(p.startswith("test_") for p in parts))


@pytest.mark.parametrize(
    "path", sorted(TESTS.rglob("*.py")), ids=lambda p: str(p.relative_to(TESTS))
)
def test_no_test_imports_another_test_module_or_bench(path):
    assert [m for m in imported_modules(path) if is_test_module_or_bench(m)] == []


def test_the_check_catches_such_imports(tmp_path):
    sample = tmp_path / "test_sample.py"
    sample.write_text(
        "from .test_filters import BAD_INPUT\nfrom . import test_views\n"
        "import bench.years\nfrom tests.catalog import build\n",
        encoding="utf-8",
    )

    found = [m for m in imported_modules(sample) if is_test_module_or_bench(m)]

    assert found == [".test_filters", ".test_filters.BAD_INPUT", ".test_views", "bench.years"]


def test_every_marker_used_is_declared():
    config = tomllib.loads((Path(settings.BASE_DIR) / "pyproject.toml").read_text())
    options = config["tool"]["pytest"]["ini_options"]
    declared = {line.split(":", 1)[0] for line in options["markers"]}

    assert "--strict-markers" in options["addopts"]
    assert {"browser", "live"} <= declared
