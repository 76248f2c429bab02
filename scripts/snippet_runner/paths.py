"""Where things live: one place that maps snippet files to their generated outputs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

RUNNER_PACKAGE = Path(__file__).resolve().parent
"""The runner's own code: every module of it is part of every cache key."""


class UnsafePath(ValueError):
    """A path read from the manifest (or a shard) that points outside ``docs/generated/``."""


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
        """Held by a build, so that two builds never write at once."""
        return self.generated / ".build.lock"

    @property
    def requirements(self) -> Path:
        return self.root / "requirements.txt"

    @property
    def requirements_lock(self) -> Path:
        """Every installed distribution, pinned: made from requirements.txt by ``make lock``."""
        return self.root / "requirements.lock"

    def rel(self, path: Path) -> str:
        """A POSIX path relative to the root: the form used in the manifest and pages.

        A path under the root is taken as written (a symbolic link names itself, it is not
        followed); any other is resolved first."""
        if path.is_absolute() and ".." not in path.parts:
            try:
                return path.relative_to(self.root).as_posix()
            except ValueError:
                pass
        return path.resolve().relative_to(self.root.resolve()).as_posix()

    def confined(self, rel: str) -> Path:
        """The file a manifest path names, refused unless it lies inside ``docs/generated/``
        and no part of it, from ``docs/`` down, is a symbolic link.

        Manifests are merged by hand and by git: a bad merge must never make the build
        overwrite or delete ``README.md`` or anything else outside its own folder, and a link
        (a folder linked elsewhere, an output linked to ``/proc/self/environ``) must never
        make it write, delete or read through it.
        """
        problem = unsafe_output_path(rel)
        if problem:
            raise UnsafePath(f"{rel!r}: {problem}")
        path = self.root / rel
        link = symlink_on(self.root, PurePosixPath(rel).parts)
        if link:
            raise UnsafePath(f"{rel!r}: {link} is a symbolic link; the build writes, deletes and "
                             "reads only real folders and files under docs/generated/: remove "
                             "the link")
        return path

    def require_real_output_folder(self) -> None:
        """``docs/`` and ``docs/generated/`` must not be symbolic links (see :meth:`confined`)."""
        link = symlink_on(self.root, ("docs", "generated"))
        if link:
            raise UnsafePath(f"{link} is a symbolic link; the build writes only into a real "
                             "docs/generated/ folder of this repository: remove the link")

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

    def section_outputs(self, snippet_rel: str, section: str, outputs: list[str]) -> list[str]:
        """Which of a snippet's output files (root-relative) belong to one section."""
        folder = self.rel(self.output_dir(snippet_rel))
        return sorted(o for o in outputs if o.rpartition("/")[0] == folder and (
            o.rpartition("/")[2] == f"{section}.txt" or o.rpartition("/")[2].startswith(f"{section}-")))


def symlink_on(root: Path, parts: tuple[str, ...]) -> str | None:
    """The first of ``root/parts[0]``, ``root/parts[0]/parts[1]``, ... that is a symbolic link
    (root-relative), or ``None``; parts that do not exist yet are no links."""
    path = root
    for index, part in enumerate(parts):
        path = path / part
        if path.is_symlink():
            return "/".join(parts[: index + 1])
    return None


def unsafe_output_path(rel: str) -> str | None:
    """Why ``rel`` may not name a generated output (``None`` when it may), from its text alone."""
    if not isinstance(rel, str) or not rel:
        return "not a path"
    path = PurePosixPath(rel)
    if "\\" in rel or path.is_absolute() or ":" in path.parts[0]:
        return "an absolute path; outputs are root-relative POSIX paths under docs/generated/"
    if ".." in path.parts or "." in rel.split("/"):
        return "a path with '..' or '.'; outputs lie under docs/generated/"
    if path.parts[:2] != ("docs", "generated") or len(path.parts) < 3:
        return "outside docs/generated/, the only folder the build writes"
    if path.name in ("manifest.json", ".build.lock") and len(path.parts) == 3:
        return "the build's own bookkeeping, not an output"
    return None


def unsafe_snippet_path(rel: str) -> str | None:
    """Why ``rel`` may not name a snippet in the manifest (``None`` when it may)."""
    if not isinstance(rel, str) or not rel:
        return "not a path"
    path = PurePosixPath(rel)
    if "\\" in rel or path.is_absolute() or ".." in path.parts or path.parts[0] != "snippets" \
            or path.suffix != ".py" or len(path.parts) < 2:
        return "not a snippet path (snippets/<chapter>/<file>.py)"
    return None


def find_root(start: Path) -> Path:
    """The nearest ancestor holding ``snippets/`` and ``requirements.txt``."""
    for candidate in [start, *start.parents]:
        if (candidate / "snippets").is_dir() and (candidate / "requirements.txt").is_file():
            return candidate
    raise FileNotFoundError(f"no project root (snippets/ + requirements.txt) above {start}")
