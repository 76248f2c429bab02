"""The authoring contract: a snippet runs as ``python snippets/<chapter>/<file>.py`` runs it,
in the build and in the page tests alike, and page mistakes are named by page and line."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from snippet_runner.pages import include_errors

from .helpers import run_build

REPO = Path(__file__).resolve().parents[2]
CONTRACT = ("contract.py", "_shapes.py", "table.csv")


def page_tests(project, page: str) -> subprocess.CompletedProcess:  # type: ignore[no-untyped-def]
    """Run the page tests (this repository's root conftest) on a page of a fixture project."""
    shutil.copy(REPO / "conftest.py", project.root / "conftest.py")
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir",
         str(project.root), "-c", "/dev/null", "--markdown-docs",
         "--markdown-docs-syntax=superfences", f"docs/fx/{page}"],
        cwd=project.root, capture_output=True, text=True, timeout=300,
        env={**__import__("os").environ, "PYTHONPATH": str(REPO / "scripts")})


def test_the_build_runs_a_snippet_as_python_runs_the_file(project):
    project.add(*CONTRACT)
    result, log = run_build(project.root)
    assert result.ok, log
    assert project.output("contract.py", "model").read_text() == "Tiny 2x3\n"
    assert project.output("contract.py", "data").read_text() == "['ada,3'] __main__\n"
    refused = project.output("contract.py", "refused").read_text()
    assert refused.startswith("Traceback (most recent call last):\n  ...\n"
                              "_pickle.UnpicklingError: Weights only load failed.")
    assert "\x1b" not in refused and "[1m" not in refused  # torch's own bold text


@pytest.mark.slow
def test_the_page_tests_run_a_snippet_as_python_runs_the_file(project):
    project.add(*CONTRACT)
    project.add_page("contract.md")
    run = page_tests(project, "contract.md")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 passed" in run.stdout


@pytest.mark.slow
def test_the_page_tests_fail_when_an_expected_error_is_not_raised(project):
    project.add(*CONTRACT)
    project.add_page("contract.md")
    snippet = project.snippet("contract.py")
    snippet.write_text(snippet.read_text().replace('torch.load("tiny.pt")  #',
                                                   'torch.load("tiny.pt", weights_only=False)  #'))
    run = page_tests(project, "contract.md")
    assert run.returncode == 1, run.stdout
    assert ("snippets/fx/contract.py:28: section 'refused' should raise "
            "pickle.UnpicklingError, but raised nothing") in run.stdout


@pytest.mark.slow
def test_a_page_test_names_the_line_of_a_missing_section(project):
    project.add(*CONTRACT)
    project.add_page("missing.md")
    run = page_tests(project, "missing.md")
    assert run.returncode == 1
    assert ('IncludeError: docs/fx/missing.md:4: includes "snippets/fx/contract.py:nowhere", but '
            "snippets/fx/contract.py has no section 'nowhere' (its sections: model, data, "
            "refused)") in run.stdout


def test_include_errors_name_the_page_and_line(project):
    project.add(*CONTRACT)
    page = project.add_page("missing.md")
    page.write_text(page.read_text() + '\n```text\n--8<-- "docs/generated/fx/gone.txt"\n```\n'
                    '\n```python\n--8<-- "snippets/fx/gone.py"\n```\n')
    assert include_errors(project.root, page) == [
        'docs/fx/missing.md:3: includes "snippets/fx/contract.py:nowhere", but '
        "snippets/fx/contract.py has no section 'nowhere' (its sections: model, data, refused)",
        'docs/fx/missing.md:7: includes "docs/generated/fx/gone.txt", but '
        "docs/generated/fx/gone.txt does not exist (build it: python scripts/build.py)",
        'docs/fx/missing.md:11: includes "snippets/fx/gone.py", but snippets/fx/gone.py does '
        "not exist",
    ]


def test_the_build_script_works_from_any_folder(tmp_path):
    """``cd /tmp && python <repo>/scripts/build.py --check`` checks that repository."""
    def check(cwd: Path) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, str(REPO / "scripts" / "build.py"), "--check"],
                              cwd=cwd, capture_output=True, text=True, timeout=120)

    inside, outside = check(REPO), check(tmp_path)
    assert "Traceback" not in outside.stderr
    assert outside.returncode == inside.returncode
    assert outside.stderr.splitlines()[:-1] == inside.stderr.splitlines()[:-1]  # last: timing


def test_the_build_names_a_page_that_includes_a_missing_section(project):
    """Notebooks are made from pages: a wrong include is one line naming page and line."""
    project.add(*CONTRACT)
    project.add_page("missing.md")
    run = subprocess.run([sys.executable, str(REPO / "scripts" / "build.py"), "--root",
                          str(project.root), "--device", "cpu", "-j", "1"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert ('error: docs/fx/missing.md:3: includes "snippets/fx/contract.py:nowhere", but '
            "snippets/fx/contract.py has no section 'nowhere'") in run.stderr
