"""Helpers that tests share live in a ``conftest.py`` or in ``tests/helpers``, never in a test module that
others import (issue 10): an AST scan of every module under tests/ and bench/, imports inside functions
included."""

from __future__ import annotations

import ast
import shutil
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCANNED = ("tests", "bench")


def module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_names(path: Path, root: Path) -> Iterator[tuple[int, str]]:
    """Every module (or ``module.name``) that ``path`` imports, relative imports resolved, with its line."""
    package = module_name(root, path).split(".")
    if path.name != "__init__.py":
        package.pop()
    for node in ast.walk(ast.parse(path.read_bytes(), filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base_parts = package[: len(package) - node.level + 1] if node.level else []
            base = ".".join([*base_parts, *([node.module] if node.module else [])])
            if is_test_module(base):
                yield node.lineno, base
            else:  # ``from tests.sync import test_x`` imports a module too
                for alias in node.names:
                    yield node.lineno, f"{base}.{alias.name}"


def is_test_module(name: str) -> bool:
    parts = name.split(".")
    return parts[0] in SCANNED and any(part.startswith("test_") for part in parts[1:])


def imports_of_test_modules(root: Path) -> list[str]:
    """``file:line imports module`` for each import of a test module (``test_*.py``) in tests/ or bench/."""
    found = []
    for folder in SCANNED:
        for path in sorted((root / folder).rglob("*.py")):
            for line, name in imported_names(path, root):
                if is_test_module(name):
                    found.append(f"{path.relative_to(root)}:{line} imports {name}")
    return sorted(set(found))


def test_no_module_imports_a_test_module() -> None:
    assert imports_of_test_modules(ROOT) == []


def test_a_planted_import_of_a_test_module_is_caught(tmp_path: Path) -> None:
    for folder in SCANNED:
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    assert imports_of_test_modules(tmp_path) == []
    (tmp_path / "tests" / "sync" / "test_planted.py").write_text(
        "from tests.sync.test_record_merge import event\n\n\n"
        "def test_late() -> None:\n"
        "    from .test_sync_session import checkpoint\n"
    )
    (tmp_path / "tests" / "helpers" / "planted.py").write_text("from tests.server import test_api\n")
    (tmp_path / "bench" / "bench_planted.py").write_text("import tests.desktop.test_queue\n")
    assert imports_of_test_modules(tmp_path) == [
        "bench/bench_planted.py:1 imports tests.desktop.test_queue",
        "tests/helpers/planted.py:1 imports tests.server.test_api",
        "tests/sync/test_planted.py:1 imports tests.sync.test_record_merge",
        "tests/sync/test_planted.py:5 imports tests.sync.test_sync_session",
    ]
