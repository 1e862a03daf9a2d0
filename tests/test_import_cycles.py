"""No import circle between product modules: every import counts, also one inside a function or under
``TYPE_CHECKING`` (a circle hidden that way is still a circle in the design)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("dossiers", "sync", "workstation", "desktop", "server", "resources")

CYCLE_CHECK = textwrap.dedent("""
    import sys, grimp
    packages = sys.argv[1:]
    graph = grimp.build_graph(*packages, cache_dir=None, exclude_type_checking_imports=False)
    modules = sorted(graph.modules)
    edges = {m: sorted(graph.find_modules_directly_imported_by(m) & graph.modules) for m in modules}
    # Tarjan's strongly connected components, iteratively (no recursion limit on a deep graph).
    index, low, on_stack, stack, circles, counter = {}, {}, set(), [], [], [0]
    for root in modules:
        if root in index:
            continue
        work = [(root, iter(edges[root]))]
        index[root] = low[root] = counter[0]; counter[0] += 1
        stack.append(root); on_stack.add(root)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter[0]; counter[0] += 1
                    stack.append(child); on_stack.add(child)
                    work.append((child, iter(edges[child])))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    part = []
                    while True:
                        member = stack.pop(); on_stack.discard(member); part.append(member)
                        if member == node:
                            break
                    if len(part) > 1 or node in edges[node]:
                        circles.append(sorted(part))
    for part in circles:
        print(" <-> ".join(part))
    sys.exit(1 if circles else 0)
""")


def find_circles(cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", CYCLE_CHECK, *PACKAGES],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(cwd), "PATH": "/usr/bin:/bin"},
        timeout=300,
    )


def test_product_modules_import_no_circle() -> None:
    result = find_circles(ROOT)
    assert result.returncode == 0, "import circles:\n" + result.stdout + result.stderr


def test_a_circle_hidden_in_a_function_and_under_type_checking_is_caught(tmp_path: Path) -> None:
    for name in PACKAGES:
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "workstation" / "planted_a.py").write_text(
        "def later():\n    from workstation import planted_b\n\n    return planted_b\n"
    )
    (tmp_path / "workstation" / "planted_b.py").write_text(
        "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    from workstation import planted_a\n"
    )
    result = find_circles(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "workstation.planted_a <-> workstation.planted_b" in result.stdout
