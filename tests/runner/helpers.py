"""Run the runner in-process against a fixture project, capturing its report."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from rich.console import Console
from snippet_runner.paths import Layout
from snippet_runner.pipeline import BuildResult, build
from snippet_runner.report import Reporter


def run_build(root, **options) -> tuple[BuildResult, str]:  # type: ignore[no-untyped-def]
    console = Console(file=io.StringIO(), width=200, color_system=None)
    reporter = Reporter(console)
    options.setdefault("jobs", 2)
    options.setdefault("device", "cpu")
    result = build(Layout(root), reporter, **options)
    reporter.summary(result)
    return result, console.file.getvalue()


def outcome(result: BuildResult, name: str):  # type: ignore[no-untyped-def]
    return next(o for o in result.ran if o.snippet.rel.endswith(f"/{name}"))


def built_once(factory, *names: str, page: str | None = None):  # type: ignore[no-untyped-def]
    """A fixture project with ``names`` built, made once per test module (builds cost seconds)."""
    from ..conftest import FixtureProject

    project = FixtureProject(factory.mktemp("built"))
    project.add(*names)
    if page:
        project.add_page(page)
    result, _ = run_build(project.root)
    assert result.ok, [o.error for o in result.failed]
    return project


def copy_of(project, destination):  # type: ignore[no-untyped-def]
    """A private copy of a built fixture project, for a test that edits it."""
    import shutil

    from ..conftest import FixtureProject

    shutil.copytree(project.root, destination)
    copy = object.__new__(FixtureProject)
    copy.root = destination
    return copy


BUILD = Path(__file__).resolve().parents[2] / "scripts" / "build.py"


def cli(root: Path, *args: str, device: str | None = "cpu", **kwargs) -> subprocess.CompletedProcess:  # type: ignore[no-untyped-def,type-arg]
    """``scripts/build.py`` on a fixture project, as an author runs it (``device=None``: the
    default device choice)."""
    chosen = ["--device", device] if device else []
    return subprocess.run([sys.executable, str(BUILD), "--root", str(root), *chosen, *args],
                          capture_output=True, text=True, timeout=180, **kwargs)
