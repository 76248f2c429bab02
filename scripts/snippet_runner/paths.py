"""Where things live: one place that maps snippet files to their generated outputs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Layout:
    """The repository layout the runner works on (a fixture tree in tests)."""

    root: Path

    @property
    def snippets(self) -> Path:
        return self.root / "snippets"

    @property
    def generated(self) -> Path:
        return self.root / "docs" / "generated"

    @property
    def manifest(self) -> Path:
        return self.generated / "manifest.json"

    @property
    def lock(self) -> Path:
        return self.generated / ".build.lock"

    @property
    def requirements(self) -> Path:
        return self.root / "requirements.txt"

    def rel(self, path: Path) -> str:
        """A POSIX path relative to the root: the form used in the manifest and pages."""
        return path.resolve().relative_to(self.root.resolve()).as_posix()

    def output_dir(self, snippet_rel: str) -> Path:
        """``snippets/ch/name.py`` -> ``docs/generated/ch/name/``."""
        inner = Path(snippet_rel).relative_to("snippets").with_suffix("")
        return self.generated / inner

    def text_output(self, snippet_rel: str, section: str) -> Path:
        return self.output_dir(snippet_rel) / f"{section}.txt"

    def figure_output(self, snippet_rel: str, section: str, number: int) -> Path:
        return self.output_dir(snippet_rel) / f"{section}-{number}.png"

    def saved_output(self, snippet_rel: str, section: str, name: str) -> Path:
        """An image the section saved itself, e.g. ``train-regression.gif``."""
        return self.output_dir(snippet_rel) / f"{section}-{name}"

    def section_outputs(self, snippet_rel: str, section: str, outputs: "list[str]") -> list[str]:
        """Which of a snippet's output files (root-relative) belong to one section."""
        folder = self.rel(self.output_dir(snippet_rel))
        return sorted(o for o in outputs if o.rpartition("/")[0] == folder and (
            o.rpartition("/")[2] == f"{section}.txt" or o.rpartition("/")[2].startswith(f"{section}-")))


def find_root(start: Path) -> Path:
    """The nearest ancestor holding ``snippets/`` and ``requirements.txt``."""
    for candidate in [start, *start.parents]:
        if (candidate / "snippets").is_dir() and (candidate / "requirements.txt").is_file():
            return candidate
    raise FileNotFoundError(f"no project root (snippets/ + requirements.txt) above {start}")
