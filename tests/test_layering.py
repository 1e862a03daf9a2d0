"""The layering rules of DEVELOPERS.md, machine-checked with import-linter."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT = [
    sys.executable,
    "-c",
    "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())",
]


def run_lint(cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*LINT, "--no-cache", str(cwd / "pyproject.toml")],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(cwd), "PATH": "/usr/bin:/bin"},
        timeout=300,
    )


def test_project_keeps_its_layers() -> None:
    result = run_lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def copy_project(tmp_path: Path) -> Path:
    for name in ("dossiers", "sync", "workstation", "desktop", "server"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_qt_import_in_domain_is_caught(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    (project / "dossiers" / "leaky.py").write_text("from PySide6.QtCore import QDate\n")
    result = run_lint(project)
    assert result.returncode != 0
    assert "dossiers.leaky -> PySide6" in result.stdout


def test_domain_import_in_sync_is_caught(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    (project / "sync" / "leaky.py").write_text(
        textwrap.dedent("""
        import dossiers.errors
    """)
    )
    result = run_lint(project)
    assert result.returncode != 0
    assert "sync.leaky -> dossiers.errors" in result.stdout


PRIVATE_CHECK = textwrap.dedent("""
    import sys, grimp
    graph = grimp.build_graph("dossiers", "sync", cache_dir=None)
    bad = []
    for importer in sorted(graph.find_descendants("dossiers") | {"dossiers"}):
        for imported in sorted(graph.find_modules_directly_imported_by(importer)):
            parts = imported.split(".")
            if parts[0] == "sync" and any(part.startswith("_") for part in parts[1:]):
                bad.append(f"{importer} -> {imported}")
    print("\\n".join(bad))
    sys.exit(1 if bad else 0)
""")


def private_imports(cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", PRIVATE_CHECK],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(cwd)},
        timeout=300,
    )


def test_domain_uses_only_public_sync_modules() -> None:
    result = private_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_private_sync_module_in_domain_is_caught(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    (project / "sync" / "_secret.py").write_text("X = 1\n")
    (project / "dossiers" / "leaky.py").write_text("from sync._secret import X\n")
    result = private_imports(project)
    assert result.returncode == 1
    assert "dossiers.leaky -> sync._secret" in result.stdout


def test_qt_import_in_workstation_is_caught(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    (project / "workstation" / "leaky.py").write_text("import PySide6\n")
    result = run_lint(project)
    assert result.returncode != 0
    assert "workstation.leaky -> PySide6" in result.stdout


def test_desktop_imported_from_below_is_caught(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    (project / "workstation" / "leaky.py").write_text("from desktop import background\n")
    (project / "server" / "leaky.py").write_text("import desktop.app\n")
    result = run_lint(project)
    assert result.returncode != 0
    assert "workstation.leaky -> desktop.background" in result.stdout
    assert "server.leaky -> desktop.app" in result.stdout
